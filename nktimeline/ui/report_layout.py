"""The geometry of an exported timeline (QtGui only): what goes where, page by page.

:func:`layout` measures one render (title, legend, axis, lanes, notes and cited sources) at a
width; :func:`paginate` splits it into pages for a paged device.  Drawing is
:mod:`nktimeline.ui.render`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter

from nktimeline.model import Corpus
from nktimeline.ui import painting as pt
from nktimeline.ui.lane_painter import (
    LABEL_GAP,
    LANE_PAD,
    MAX_LABEL,
    LaneFrame,
    LanePainter,
    Mark,
    elide_words,
)
from nktimeline.ui.painting import HEADER_H, ROW_H
from nktimeline.ui.timeline_data import TimelineData, display_title

MARGIN = 28.0  # around a single-page image (a paged device has its own page margins)
TITLE_H = 34.0
NOTES_GAP = 16.0
PAGE_DPI = 110.0  # logical pixels per inch on paper: 13 px labels print at about 8.5 pt
MAX_CITED = 40  # cited articles under an image before "and N more"
MAX_CITED_PAGES = 1000  # a paged report lists more: the pages flow
PAGE_MARGIN_MM = 12.0  # PDF and preview page margins (a printer keeps its own)


@dataclass(frozen=True)
class RenderOptions:
    """What to draw.  ``width`` is in logical pixels (an image is ``width * scale`` pixels);
    ``view_range`` is (first, last) day as ordinals, or None for the whole timeline."""

    title: str | None = None
    width: int = 1800
    scale: float = 1.0
    view_range: tuple[float, float] | None = None
    lanes: str = "category"
    legend: bool = True
    sources: bool = True


@dataclass
class Layout:
    """Geometry of one render, in logical pixels (see :func:`layout`)."""

    width: float
    margin: float
    d0: float
    d1: float
    ppd: float
    style: pt.Style
    data: TimelineData
    lanes: str
    painters: list[LanePainter]
    frames: list[LaneFrame]
    heights: list[float]
    flipped: list[list[tuple[float, float, str]]]  # labels set left of their mark, per lane
    title: str
    legend_h: float  # 0 without a legend
    notes: list[tuple[str, bool]]  # (line, is a heading)
    line_h: float

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    @property
    def offset(self) -> float:
        return self.margin - self.d0 * self.ppd

    @property
    def header_h(self) -> float:
        return TITLE_H + (self.legend_h + 8 if self.legend_h else 0.0)

    @property
    def height(self) -> float:
        """Height of the single tall page (image, SVG)."""
        notes = NOTES_GAP + len(self.notes) * self.line_h if self.notes else 0.0
        return self.margin + self.header_h + pt.AXIS_H + sum(self.heights) + notes + self.margin


@dataclass
class Page:
    """One page: the header (first page) or a running head, lanes ``k0:k1`` under the
    axis, then note lines ``n0:n1``."""

    first: bool
    k0: int = 0
    k1: int = 0
    n0: int = 0
    n1: int = 0
    number: int = 1
    count: int = 1
    axis: bool = field(default=False)


def _footer(corpus: Corpus, data: TimelineData, d0: float, d1: float, opts: RenderOptions, cap):
    from nktimeline.export import source_lines

    notes: list[tuple[str, bool]] = []
    if opts.sources:
        sources = source_lines(corpus)
        if len(sources) > cap:
            extra = len(sources) - cap
            sources = [*sources[:cap], f"… and {extra} more articles (see the JSON export)."]
        if sources:
            notes.append(("Sources:", True))
            notes += [(s, False) for s in sources]
    edited = sum(1 for e in corpus.events if e.edited)
    if edited:
        notes.append(
            (
                f"✎ {edited} event{'s' if edited != 1 else ''} corrected by hand "
                "(the extracted values are kept in the JSON export).",
                False,
            )
        )
    outside = data.outside(d0, d1)
    if outside and opts.view_range is not None and len(outside) > 6:
        # a window chosen by the user: how much lies outside it, not a list of names
        first, last = corpus.events[outside[0]].date, corpus.events[outside[-1]].date
        span = f"{first.iso_start()} to {last.iso_end()}"  # type: ignore[union-attr]
        notes.append((f"{len(outside)} events lie outside the range shown ({span}).", False))
    elif outside:
        names = "; ".join(
            f"{corpus.events[i].title} ({corpus.events[i].date.label()})"  # type: ignore[union-attr]
            for i in outside[:6]
        )
        more = f" and {len(outside) - 6} more" if len(outside) > 6 else ""
        notes.append((f"Outside the range shown: {names}{more}.", False))
    if data.undated:
        notes.append(
            (f"{len(data.undated)} undated event(s) not on the axis (see the CSV export).", False)
        )
    return notes


def default_title(corpus: Corpus) -> str:
    dated = sum(1 for e in corpus.events if e.date is not None)
    return f"Timeline — {dated} dated events from {len(corpus.articles)} articles"


def layout(
    corpus: Corpus,
    options: RenderOptions,
    width: float | None = None,
    margin: float = MARGIN,
    paged: bool = False,
) -> Layout:
    """Lay the timeline out ``width`` logical pixels wide (default ``options.width``)."""
    width = float(options.width if width is None else width)
    base = QFont()
    base.setPixelSize(13)
    style = pt.Style.light(base)
    data = TimelineData(corpus, lanes=options.lanes)
    inner = max(200.0, width - 2 * margin)
    width = inner + 2 * margin
    if options.view_range is not None:
        d0, d1 = float(options.view_range[0]), float(options.view_range[1])
        if not d1 > d0:
            d1 = d0 + 1.0
    else:
        lo, hi = data.focus
        span = max(30.0, hi - lo)
        d0, d1 = lo - span * 0.03, hi + span * 0.03 + 240.0 * span / inner
    painters = [LanePainter(data, lane, style) for lane in data.lanes]
    if options.view_range is None and data.dated:
        owner = {i: lp for lp in painters for i in lp.lane.idx[-300:]}
        ppd, d0 = data.fit(
            inner, lambda i: owner[i].label_width(i) if i in owner else 150.0, left=16.0
        )
        d1 = d0 + inner / ppd
    ppd = inner / max(1e-6, d1 - d0)
    offset = margin - d0 * ppd
    shown = [
        _visible(lp, lp.compute(d0, d1, ppd), margin, margin + inner, offset) for lp in painters
    ]
    frames = [f for f, _, _ in shown]
    heights = [h for _, h, _ in shown]
    flipped = [fl for _, _, fl in shown]
    legend_h = 0.0
    if options.legend:
        # Measure the legend by painting it onto a throwaway image.
        probe = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
        pp = QPainter(probe)
        legend_h = pt.paint_legend(pp, style, data, margin, 0, inner)
        pp.end()
    cap = MAX_CITED_PAGES if paged else MAX_CITED
    fm = QFontMetricsF(style.font)
    return Layout(
        width=width,
        margin=margin,
        d0=d0,
        d1=d1,
        ppd=ppd,
        style=style,
        data=data,
        lanes=options.lanes,
        painters=painters,
        frames=frames,
        heights=heights,
        flipped=flipped,
        title=options.title or default_title(corpus),
        legend_h=legend_h,
        notes=_wrap_notes(_footer(corpus, data, d0, d1, options, cap), fm, inner),
        line_h=fm.height() + 3,
    )


def paginate(lay: Layout, page_h: float) -> list[Page]:
    """Split ``lay`` into pages ``page_h`` logical pixels tall (pure arithmetic).

    Lanes are never split; a lane taller than a page gets a page of its own (clipped).
    Every page keeps room for its running head and page number."""
    run_h, foot_h = lay.line_h + 8, lay.line_h + 6
    avail = page_h - foot_h
    pages = [Page(first=True)]
    y = lay.header_h
    n_lanes = len(lay.heights)
    for k, h in enumerate(lay.heights):
        cur = pages[-1]
        fresh = cur.k1 == cur.k0
        need = h + (pt.AXIS_H if fresh else 0.0)
        if y + need > avail and not (fresh and not cur.first):
            cur = Page(first=False, k0=k, k1=k)
            pages.append(cur)
            y = run_h + pt.AXIS_H
        elif fresh:
            cur.k0 = cur.k1 = k
            y += pt.AXIS_H
        cur.k1 = k + 1
        y += h
    if n_lanes:
        y += NOTES_GAP
    for n in range(len(lay.notes)):
        cur = pages[-1]
        if y + lay.line_h > avail and (cur.n1 > cur.n0 or cur.k1 > cur.k0 or cur.first):
            cur = Page(first=False, k0=n_lanes, k1=n_lanes, n0=n, n1=n)
            pages.append(cur)
            y = run_h
        if cur.n1 == cur.n0:
            cur.n0 = n
        cur.n1 = n + 1
        y += lay.line_h
    for number, page in enumerate(pages, 1):
        page.number, page.count = number, len(pages)
        page.axis = page.k1 > page.k0
        if page.n1 == page.n0:
            page.n0 = page.n1 = len(lay.notes)
    return pages


def _visible(
    lp: LanePainter, frame: LaneFrame, left: float, right: float, offset: float
) -> tuple[LaneFrame, float, list[tuple[float, float, str]]]:
    """What of ``frame`` an export shows between x ``left`` and ``right``, and its height.

    An export is not panned, so it leaves out what the screen would show as fragments:
    marks wholly left of the window (the notes list them as outside the range), and labels
    that the right edge would cut mid-word; such a label is set left of its mark when its
    row has room there (returned as (right x, row y, text)), else the mark stays unlabelled.
    In detail mode only the rows that hold something are kept, so a window of a few weeks
    is not as tall as the lane's busiest stretch."""
    marks: list[Mark] = []
    flipped: list[tuple[float, float, str]] = []
    row_end: dict[int, float] = {}
    for m in frame.marks:
        if m.x1 + offset < left or m.x0 + offset > right:
            continue
        if m.labelled and m.end + offset > right + 1:
            m = replace(m, labelled=False, end=m.x1)
            w = lp.label_width(m.event)
            x_right = m.x0 + offset - 4
            if x_right - w >= max(left, row_end.get(m.row, -1e18) + offset + LABEL_GAP):
                text = elide_words(lp.metrics, display_title(lp.data.events[m.event]), MAX_LABEL)
                flipped.append((x_right, m.row, text))
        row_end[m.row] = max(row_end.get(m.row, -1e18), m.end)
        marks.append(m)
    bubbles = [b for b in frame.bubbles if b.x1 + offset >= left and b.x0 + offset <= right]
    if frame.mode != "detail":
        out = LaneFrame(frame.ppd, frame.c0, frame.c1, frame.mode, marks, bubbles)
        return out.finish(), lp.height(frame.ppd), flipped
    used = sorted({m.row for m in marks} | {round((b.y0 - HEADER_H) / ROW_H) for b in bubbles})
    remap = {r: k for k, r in enumerate(used)}
    marks = [replace(m, row=remap[m.row]) for m in marks]
    moved = []
    for b in bubbles:
        y0 = HEADER_H + remap[round((b.y0 - HEADER_H) / ROW_H)] * ROW_H
        b2 = replace(b, y0=y0, y1=y0 + ROW_H)
        if hasattr(b, "label_y"):  # a pill's name moves with it
            b2.label_y = b.label_y + (y0 - b.y0)
        moved.append(b2)
    flipped = [(x, HEADER_H + remap[r] * ROW_H, t) for x, r, t in flipped]
    out = LaneFrame(frame.ppd, frame.c0, frame.c1, frame.mode, marks, moved)
    return out.finish(), HEADER_H + len(used) * ROW_H + LANE_PAD, flipped


def _wrap_notes(
    notes: list[tuple[str, bool]], fm: QFontMetricsF, width: float, max_lines: int = 3
) -> list[tuple[str, bool]]:
    """Notes wrapped at words to ``width`` (at most ``max_lines`` lines each, the last
    elided); a source citation stays on one line."""
    out: list[tuple[str, bool]] = []
    in_sources = False
    for text, heading in notes:
        in_sources = heading or (in_sources and not text.startswith(("✎", "Outside", "…")))
        if heading or in_sources or fm.horizontalAdvance(text) <= width:
            out.append((text, heading))
            continue
        lines: list[str] = []
        words = text.split(" ")
        while words and len(lines) < max_lines:
            line = words.pop(0)
            while words and fm.horizontalAdvance(line + " " + words[0]) <= width:
                line += " " + words.pop(0)
            lines.append(line)
        if words:
            lines[-1] = lines[-1] + " " + " ".join(words)
        out += [(line, False) for line in lines]
    return out


def page_layout(corpus: Corpus, options: RenderOptions, width_mm: float) -> Layout:
    """The layout used on paper ``width_mm`` wide (paintable width, margins excluded)."""
    width = width_mm / 25.4 * PAGE_DPI
    return layout(corpus, options, width=width, margin=0.0, paged=True)
