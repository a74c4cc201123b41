"""Exports: JSON and CSV (pure Python), and the timeline as a PNG (QtGui only).

The GUI's File menu and the ``nktimeline export`` CLI call the same functions.  Qt is
imported inside :func:`render_png` only, so JSON/CSV export works without PySide6.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nktimeline.model import Corpus

CSV_COLUMNS = (
    "id",
    "title",
    "category",
    "place",
    "start",
    "end",
    "granularity",
    "source",
    "confidence",
    "articles",
    "conflicts",
    "edited",  # fields the user set (";"-separated), empty for extracted events
)

MAX_CITED = 40  # footer citations before "and N more"
# Largest PNG made: Qt's painter and most viewers stop at 32767 px a side, and 400 M
# pixels are 1.6 GB in memory before the PNG encoder's own copy.
MAX_SIDE = 32_767
MAX_PIXELS = 400_000_000

_APP: Any = None  # keeps a QGuiApplication we had to create alive


def write_json(corpus: Corpus, path: str | Path) -> None:
    """The whole corpus (articles, events with provenance, load errors) as JSON."""
    # errors="backslashreplace": a file name that was not UTF-8 keeps its \\udcXX escape
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as fh:
        json.dump(corpus.to_json(), fh, ensure_ascii=False, indent=2)
        fh.write("\n")


class ExportError(OSError):
    """An export that cannot be made (image too large, file not writable); the message
    is for people.  An OSError, as failing to write a file always was."""


# A spreadsheet runs a cell starting with one of these as a formula ("=1+2.txt" as a
# file name, "@SUM(...)" as a title): such cells get a leading apostrophe (OWASP CSV
# injection advice), which spreadsheets show as plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (see ``_FORMULA_START``)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(corpus: Corpus) -> list[list[str]]:
    """One row per event, columns :data:`CSV_COLUMNS` (undated events have empty dates).
    Text from articles (ids from file names, titles, places) never starts a formula."""
    rows: list[list[str]] = []
    for ev in corpus.events:
        d = ev.date
        rows.append(
            [
                csv_cell(ev.id),
                csv_cell(ev.title),
                csv_cell(ev.category),
                csv_cell(ev.place or ""),
                d.iso_start() if d else "",
                d.iso_end() if d else "",
                d.granularity if d else "",
                d.source if d else "",
                f"{d.confidence:.2f}" if d else "",
                csv_cell(";".join(ev.articles)),
                csv_cell(";".join(f"{c.article}:{c.date}" for c in ev.conflicts)),
                csv_cell(";".join(e.field for e in ev.edited)),
            ]
        )
    return rows


def write_csv(corpus: Corpus, path: str | Path) -> None:
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        w.writerows(csv_rows(corpus))


def source_lines(corpus: Corpus) -> list[str]:
    """Footer citations: ``title — publisher, date (how the date was obtained)``."""
    out = []
    for a in corpus.articles:
        pub = a.published
        when = pub.value.isoformat() if pub.value else "undated"
        if pub.value is None and pub.earliest and pub.latest:
            when = f"{pub.earliest.isoformat()}–{pub.latest.isoformat()} (estimated)"
        elif pub.value and pub.source == "repost":
            when += " (re-post date)"
        parts = [a.title or Path(a.path).name]
        tail = ", ".join(x for x in (a.publisher, when) if x)
        out.append(f"{parts[0]} — {tail}")
    return out


def _ensure_gui_app() -> None:
    """Headless rendering needs a QGuiApplication.  If this process also uses widgets
    (QtWidgets already imported, e.g. a test session), create a QApplication instead: a
    bare QGuiApplication would make any later QWidget abort the process."""
    global _APP
    import os
    import sys

    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Rendering never needs a window: use the offscreen platform unless the user chose
        # one, so export works on servers without a display.
        argv = ["nktimeline"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            argv += ["-platform", "offscreen"]
        if "PySide6.QtWidgets" in sys.modules:
            _APP = sys.modules["PySide6.QtWidgets"].QApplication(argv)
        else:
            _APP = QGuiApplication(argv)


def render_png(
    corpus: Corpus,
    out_path: str | Path,
    *,
    width: int = 1800,
    scale: float = 1.0,
    title: str | None = None,
    view_range: Sequence[float] | None = None,
    lanes: str = "category",
) -> tuple[int, int]:
    """Render the timeline (title, legend, axis, lanes, cited sources) to a PNG.

    ``width`` is in logical pixels; the image is ``width * scale`` pixels wide and drawn at
    that device-pixel ratio, so 2x/3x exports are crisp rather than upscaled.
    ``view_range`` (first, last day as ordinals) renders a window; by default the whole
    timeline.  Returns the image's pixel size.
    """
    _ensure_gui_app()
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter

    from nktimeline.ui import painting as pt
    from nktimeline.ui.lane_painter import LanePainter
    from nktimeline.ui.timeline_data import TimelineData

    base = QFont()
    base.setPixelSize(13)
    style = pt.Style.light(base)
    data = TimelineData(corpus, lanes=lanes)
    margin = 28.0
    inner = max(200.0, width - 2 * margin)
    if view_range is not None:
        d0, d1 = float(view_range[0]), float(view_range[1])
    else:
        lo, hi = data.focus
        span = max(30.0, hi - lo)
        d0, d1 = lo - span * 0.03, hi + span * 0.03 + 240.0 * span / inner
    painters = [LanePainter(data, lane, style) for lane in data.lanes]
    if view_range is None and data.dated:
        owner = {i: lp for lp in painters for i in lp.lane.idx[-300:]}
        ppd, d0 = data.fit(
            inner, lambda i: owner[i].label_width(i) if i in owner else 150.0, left=16.0
        )
        d1 = d0 + inner / ppd
    ppd = inner / max(1e-6, d1 - d0)
    offset = margin - d0 * ppd
    frames = [lp.compute(d0, d1, ppd) for lp in painters]
    heights = [lp.height(ppd) for lp in painters]

    fm = QFontMetricsF(style.font)
    title_font = QFont(style.bold)
    title_font.setPixelSize(22)
    if title is None:
        title = f"Timeline — {len(data.dated)} dated events from {len(corpus.articles)} articles"
    sources = source_lines(corpus)
    if len(sources) > MAX_CITED:
        extra = len(sources) - MAX_CITED
        sources = [*sources[:MAX_CITED], f"… and {extra} more articles (see the JSON export)."]
    edited = sum(1 for e in corpus.events if e.edited)
    if edited:
        sources.append(
            f"✎ {edited} event{'s' if edited != 1 else ''} corrected by hand "
            "(the extracted values are kept in the JSON export)."
        )
    undated = len(data.undated)
    footer_lines = ["Sources:", *sources] if sources else []
    outside = data.outside(d0, d1)
    if outside:
        names = "; ".join(
            f"{corpus.events[i].title} ({corpus.events[i].date.label()})"  # type: ignore[union-attr]
            for i in outside[:6]
        )
        more = f" and {len(outside) - 6} more" if len(outside) > 6 else ""
        footer_lines.append(f"Outside the range shown: {names}{more}.")
    if undated:
        footer_lines.append(f"{undated} undated event(s) not on the axis (see the CSV export).")

    # Measure the legend by painting it onto a throwaway image.
    probe = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    pp = QPainter(probe)
    legend_h = pt.paint_legend(pp, style, data, margin, 0, inner)
    pp.end()

    y_title = margin
    y_legend = y_title + 34
    y_axis = y_legend + legend_h + 8
    y_lanes = y_axis + pt.AXIS_H
    lanes_h = sum(heights)
    y_footer = y_lanes + lanes_h + 16
    height = y_footer + len(footer_lines) * (fm.height() + 3) + margin

    pw, ph = round(width * scale), round(height * scale)
    fits = max(pw, ph) <= MAX_SIDE and pw * ph <= MAX_PIXELS
    img = QImage(pw, ph, QImage.Format.Format_ARGB32_Premultiplied) if fits else None
    if img is None or img.isNull():  # beyond the limits, or Qt could not allocate it
        raise ExportError(
            f"the image would be too large ({pw:,} x {ph:,} px); lower the width or the scale"
        )
    img.setDevicePixelRatio(scale)
    img.fill(style.background)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setFont(title_font)
    p.setPen(style.text)
    p.drawText(QPointF(margin, y_title + 22), title)
    pt.paint_legend(p, style, data, margin, y_legend, inner)
    pt.paint_grid(p, style, d0, d1, ppd, offset, y_axis, y_lanes + lanes_h)
    p.setClipRect(QRectF(margin, 0, inner, height))
    y = y_lanes
    for k, (lp, fr, h) in enumerate(zip(painters, frames, heights, strict=True)):
        if k % 2:
            p.fillRect(QRectF(margin, y, inner, h), style.lane_alt)
        pt.paint_grid(p, style, d0, d1, ppd, offset, y, y + h)
        lp.paint(p, fr, d0, d1, offset, y)
        color = style.color(lp.lane.key) if lanes == "category" else None
        before, after = lp.lane.outside(d0, d1)
        pt.paint_lane_header(p, style, lp.lane, margin, y, color, before, after, inner)
        y += h
    pt.paint_axis(p, style, d0, d1, ppd, offset, margin, inner, y_axis)
    p.setClipping(False)
    p.setFont(style.font)
    y = y_footer
    for n, line in enumerate(footer_lines):
        p.setPen(style.text if n == 0 else style.muted)
        text = fm.elidedText(line, Qt.TextElideMode.ElideRight, inner)
        p.drawText(QPointF(margin, y + fm.ascent()), text)
        y += fm.height() + 3
    p.end()
    if not img.save(str(out_path), "PNG"):  # type: ignore[call-overload]
        raise ExportError(
            f"could not write the PNG to {out_path} (check the folder exists and is writable)"
        )
    return pw, ph
