"""Layout, level of detail, painting and hit-testing for one timeline lane (QtGui only).

A lane computes a :class:`LaneFrame` for a window of days at a scale (pixels per day):

* **detail** when the window holds at most one event per ``DETAIL_PX`` pixels — marks,
  labels, and a row layout in which labels never collide (what does not fit collapses into
  ``+n`` pills on an overflow row);
* **cluster** otherwise — events are counted in fixed, day-0-aligned bins (two bisects per
  bin, independent of the number of events) and drawn as counted bubbles.

A frame covers 1.5 times the visible window, so short pans reuse it; painting culls to the
visible part with bisect.  Geometry is in absolute pixels (``day * ppd``); the caller passes
the offset that maps it to the device.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
    QStaticText,
)

from nktimeline import layout
from nktimeline.ui.painting import HEADER_H, ROW_H, Style
from nktimeline.ui.sprites import bubble_sprite, count_text, dot_sprite
from nktimeline.ui.timeline_data import BAND, BAR, POINT, Lane, TimelineData, display_title

LANE_PAD = 6.0
MARK_R = 5.0
MAX_LABEL = 380.0
DETAIL_PX = 24.0  # detail while a lane has at most one event per 24 px
LABEL_GAP = 10.0
BIN_PX = 40.0
BUBBLE_R0 = 7.0  # radius of a bubble of one event (never drawn: one event is a mark)
BUBBLE_R_MAX = ROW_H * 0.8  # no bubble is larger (nor taller than its lane)
CLUSTER_MIN = 12  # a lane with no more events than this is never clustered
SMALL_LANE = 1500  # lanes up to this size get one stable layout per zoom level
MAX_ROWS = 8
BIG_ROWS = 4
CLUSTER_LABEL = 220.0  # widest name a cluster gets
_BLOCK = 64  # events per block of the salience maxima (see LanePainter._top)


def elide_words(metrics: QFontMetricsF, text: str, width: float) -> str:
    """``text`` cut to ``width`` pixels at a word boundary, with an ellipsis: labels never
    end in half a word (a single word too long for the space is cut where it must be)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    lo, hi = 0, len(words) - 1  # the longest prefix of words that fits with the ellipsis
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if metrics.horizontalAdvance(" ".join(words[:mid]).rstrip(",;:—–-") + "…") <= width:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return " ".join(words[:lo]).rstrip(",;:—–-") + "…"


@dataclass
class Hit:
    """Something under the cursor: an event index, or a cluster's day range."""

    x0: float
    x1: float
    y0: float
    y1: float
    event: int = -1
    days: tuple[float, float] = (0.0, 0.0)
    count: int = 1
    pill: bool = False  # an overflow "+n" pill on a row (else a cluster bubble)
    label: str = ""  # a cluster's name: its most salient event ("Hanoi summit +4")
    label_x0: float = 0.0  # where the name is drawn (absolute px; lane-local top)
    label_x1: float = 0.0
    label_y: float = 0.0


@dataclass
class Mark:
    event: int
    row: int
    labelled: bool
    x0: float  # mark extent (absolute px)
    x1: float
    end: float  # right end including the label when labelled


@dataclass
class LaneFrame:
    """What one lane shows for days ``c0..c1`` at ``ppd``; also answers hit-tests."""

    ppd: float
    c0: float
    c1: float
    mode: str  # "detail" | "cluster"
    marks: list[Mark] = field(default_factory=list)  # sorted by x0
    bubbles: list[Hit] = field(default_factory=list)  # sorted by x0
    marks_x: list[float] = field(default_factory=list)
    bubbles_x: list[float] = field(default_factory=list)
    prepared: dict[float, list[tuple | None]] = field(default_factory=dict)  # dpr -> sprites

    def covers(self, d0: float, d1: float, ppd: float) -> bool:
        return self.ppd == ppd and self.c0 <= d0 and d1 <= self.c1

    def finish(self) -> LaneFrame:
        self.marks.sort(key=lambda m: m.x0)
        self.bubbles.sort(key=lambda b: b.x0)
        self.marks_x = [m.x0 for m in self.marks]
        self.bubbles_x = [b.x0 for b in self.bubbles]
        return self


class LanePainter:
    """Lays out and paints one lane; the same frame answers hit-tests."""

    def __init__(self, data: TimelineData, lane: Lane, style: Style) -> None:
        self.data = data
        self.lane = lane
        self.style = style
        self.metrics = QFontMetricsF(style.font)
        self.small = len(lane) <= SMALL_LANE
        self.frame: LaneFrame | None = None
        self._label_w: dict[int, float] = {}
        self._full: tuple[float, list[int], list[bool]] | None = None
        self._texts: dict[tuple[int, bool], QStaticText] = {}
        self._tools: dict[str, tuple] = {}
        self._bubble_parts: dict[tuple, tuple] = {}  # see _prepare_bubble
        self._block_max: list[int] | None = None
        self._names: dict[str, QStaticText] = {}  # cluster names, laid out once
        self._small_h = QFontMetricsF(style.small).height()

    # -- cached drawing resources --------------------------------------------------------
    def set_style(self, style: Style) -> None:
        self.style = style
        self.metrics = QFontMetricsF(style.font)
        self._small_h = QFontMetricsF(style.small).height()
        self._names.clear()
        self._label_w.clear()
        self._texts.clear()
        self._tools.clear()
        self._bubble_parts.clear()
        self._full = None
        self.frame = None

    def label_width(self, i: int) -> float:
        w = self._label_w.get(i)
        if w is None:
            text = display_title(self.data.events[i])
            w = min(MAX_LABEL, self.metrics.horizontalAdvance(text) + 2)
            self._label_w[i] = w
        return w

    def _label(self, i: int, bold: bool) -> QStaticText:
        """Elided, pre-laid-out label (drawing a QStaticText is ~5x cheaper than text)."""
        st = self._texts.get((i, bold))
        if st is None:
            if len(self._texts) > 20000:
                self._texts.clear()
            text = elide_words(self.metrics, display_title(self.data.events[i]), MAX_LABEL)
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            self._texts[(i, bold)] = st
        return st

    def _tools_for(self, category: str) -> tuple:
        t = self._tools.get(category)
        if t is None:
            st = self.style
            color = st.color(category)
            solid = QPen(color.darker(130) if not st.dark else color.lighter(115), 1.2)
            dashed = QPen(color, 1.6, Qt.PenStyle.DashLine)
            band, band_est = QColor(color), QColor(color)
            band.setAlphaF(0.28)
            band_est.setAlphaF(0.16)
            t = (color, solid, dashed, QBrush(band), QBrush(band_est), QBrush(color))
            self._tools[category] = t
        return t

    # -- geometry ------------------------------------------------------------------------
    def extents(self, i: int, ppd: float) -> tuple[float, float, float]:
        """(mark start, mark end, end with label) in absolute pixels."""
        d = self.data
        x0, x1 = d.start[i] * ppd, d.end[i] * ppd
        kind = d.kind[i]
        conflict = 8.0 if d.conflict[i] else 0.0
        if kind == POINT:
            c = (x0 + x1) / 2
            m0, m1 = c - MARK_R, c + MARK_R + conflict
        else:
            m0, m1 = x0, max(x1, x0 + 6) + conflict
            if kind == BAND and x1 - x0 >= self.label_width(i) + 12:
                return m0, m1, m1  # the label fits inside the band
        return m0, m1, m1 + 4 + self.label_width(i)

    def _full_layout(self, ppd: float) -> tuple[list[int], list[bool]]:
        if self._full is None or self._full[0] != ppd:
            full, short = [], []
            for i in self.lane.idx:
                m0, m1, end = self.extents(i, ppd)
                full.append((m0, end))
                short.append((m0, m1))
            rows, lab = layout.stack_by_priority(
                full, short, self._salience(self.lane.idx), max_rows=MAX_ROWS, gap=LABEL_GAP
            )
            self._full = (ppd, rows, lab)
        return self._full[1], self._full[2]

    def rows(self, ppd: float) -> int:
        """Rows this lane needs at this scale (plus one for overflow pills)."""
        if not self.small:
            return BIG_ROWS + 1
        rows, _ = self._full_layout(ppd)
        return max(1, max(rows, default=0) + 1) + (1 if layout.OVERFLOW in rows else 0)

    def height(self, ppd: float) -> float:
        return HEADER_H + self.rows(ppd) * ROW_H + LANE_PAD

    def _salience(self, events: list[int]) -> list[float]:
        """Who keeps a label when space is short: the more salient events."""
        evs = self.data.events
        return [evs[i].salience for i in events]

    # -- frames --------------------------------------------------------------------------
    def compute(self, d0: float, d1: float, ppd: float) -> LaneFrame:
        """The frame for visible days ``d0..d1`` (reused while panning inside it)."""
        f = self.frame
        if f is not None and f.covers(d0, d1, ppd):
            return f
        w = max(d1 - d0, 1.0 / ppd)
        c0, c1 = d0 - w / 4, d1 + w / 4
        limit = max(CLUSTER_MIN, 1.5 * w * ppd / DETAIL_PX)
        margin = (MAX_LABEL + 40) / ppd
        lane = self.lane
        if lane.count_upper(c0 - margin, c1) > limit:
            f = self._cluster_frame(c0, c1, ppd)
        else:
            ks = lane.window(c0 - margin, c1, self.data.end)
            f = (
                self._cluster_frame(c0, c1, ppd)
                if len(ks) > limit
                else self._detail_frame(c0, c1, ks, ppd)
            )
        self.frame = f.finish()
        return f

    def _detail_frame(self, c0: float, c1: float, ks: list[int], ppd: float) -> LaneFrame:
        idx = self.lane.idx
        ext = [self.extents(idx[k], ppd) for k in ks]
        if self.small:
            rows_all, lab_all = self._full_layout(ppd)
            rows = [rows_all[k] for k in ks]
            lab = [lab_all[k] for k in ks]
        else:
            rows, lab = layout.stack_by_priority(
                [(e[0], e[2]) for e in ext],
                [(e[0], e[1]) for e in ext],
                self._salience([idx[k] for k in ks]),
                max_rows=BIG_ROWS,
                gap=LABEL_GAP,
            )
        frame = LaneFrame(ppd, c0, c1, "detail")
        overflow_row = self.rows(ppd) - 1
        pending: list[tuple[float, float, int]] = []
        for k, (m0, m1, end), row, labelled in zip(ks, ext, rows, lab, strict=True):
            if row == layout.OVERFLOW:
                pending.append((m0, m1, idx[k]))
            else:
                frame.marks.append(Mark(idx[k], row, labelled, m0, m1, end if labelled else m1))
        # Events with no free row collapse into "+n" pills on the lane's last row.
        group: list[tuple[float, float, int]] = []
        for item in [*pending, None]:
            if item is not None and (not group or item[0] - group[-1][1] < 24):
                group.append(item)
                continue
            if len(group) == 1:
                frame.marks.append(
                    Mark(group[0][2], overflow_row, False, group[0][0], group[0][1], group[0][1])
                )
            elif group:
                x0 = min(g[0] for g in group)
                y0 = HEADER_H + overflow_row * ROW_H
                days = (
                    min(self.data.start[g[2]] for g in group),
                    max(self.data.end[g[2]] for g in group),
                )
                w = 18 + 7 * len(str(len(group)))
                frame.bubbles.append(
                    Hit(x0, x0 + w, y0, y0 + ROW_H, days=days, count=len(group), pill=True)
                )
            group = [item] if item is not None else []
        return frame

    def _cluster_frame(self, c0: float, c1: float, ppd: float) -> LaneFrame:
        frame = LaneFrame(ppd, c0, c1, "cluster")
        bin_days = BIN_PX / ppd
        n_rows = self.rows(ppd)
        cy = HEADER_H + n_rows * ROW_H / 2
        idx = self.lane.idx
        # Bubbles never spill out of the lane, however few rows it has.
        bubbles, r_max, log2 = frame.bubbles, min(BUBBLE_R_MAX, n_rows * ROW_H / 2), math.log2
        tops: list[int] = []  # each bubble's most salient event
        for start, end, lo, hi in layout.cluster(self.lane.starts, c0 - bin_days, c1, bin_days):
            count = hi - lo
            if count == 1:
                i = idx[lo]
                m0, m1, _ = self.extents(i, ppd)
                frame.marks.append(Mark(i, 0, False, m0, m1, m1))
                continue
            r = min(r_max, BUBBLE_R0 + 2.2 * log2(count))
            cx = (start + end) * ppd / 2
            bubbles.append(Hit(cx - r, cx + r, cy - r, cy + r, -1, (start, end), count))
            tops.append(self._top(lo, hi))
        self._name_clusters(bubbles, tops, ppd)
        return frame

    def _top(self, lo: int, hi: int) -> int:
        """The most salient event among lane positions ``lo:hi`` (the earliest on ties),
        through per-block maxima: a few dozen steps however many events the bin holds."""
        blocks = self._blocks()
        evs, idx = self.data.events, self.lane.idx
        best, best_s = idx[lo], -1.0
        k = lo
        while k < hi:
            if k % _BLOCK == 0 and k + _BLOCK <= hi:
                j = blocks[k // _BLOCK]
                k += _BLOCK
            else:
                j = k
                k += 1
            sal = evs[idx[j]].salience
            if sal > best_s:  # strictly: on ties the earliest, met first, stays
                best, best_s = idx[j], sal
        return best

    def _blocks(self) -> list[int]:
        if self._block_max is None:
            evs, idx = self.data.events, self.lane.idx
            self._block_max = [
                max(range(b, min(b + _BLOCK, len(idx))), key=lambda j: (evs[idx[j]].salience, -j))
                for b in range(0, len(idx), _BLOCK)
            ]
        return self._block_max

    def _name_clusters(self, bubbles: list[Hit], tops: list[int], ppd: float) -> None:
        """Name bubbles after their most salient event ("Hanoi summit +4") on the free rows
        above and below the bubble line, the most salient first (a stacking like the
        labels' in detail); a name that finds no room leaves its bubble with its count."""
        if not bubbles:
            return
        metrics = QFontMetricsF(self.style.small)
        cy = (bubbles[0].y0 + bubbles[0].y1) / 2
        r_max = max((b.y1 - b.y0) / 2 for b in bubbles)
        n_rows = self.rows(ppd)
        slots = [  # rows clear of the bubbles, nearest to them first
            k
            for k in sorted(range(n_rows), key=lambda k: abs(HEADER_H + (k + 0.5) * ROW_H - cy))
            if HEADER_H + (k + 1) * ROW_H <= cy - r_max or HEADER_H + k * ROW_H >= cy + r_max
        ]
        if not slots:  # a thin lane: only the last bubble may be named, after it
            b, top = bubbles[-1], tops[-1]
            name = self._cluster_label(metrics, top, b.count, CLUSTER_LABEL)
            if name:
                b.label, b.label_x0 = name, b.x1 + 4
                b.label_x1 = b.label_x0 + metrics.horizontalAdvance(name)
                b.label_y = cy - ROW_H / 2
            return
        texts = [
            self._cluster_label(metrics, t, b.count, CLUSTER_LABEL)
            for b, t in zip(bubbles, tops, strict=True)
        ]
        widths = [metrics.horizontalAdvance(t) if t else 0.0 for t in texts]
        full = [(b.x0, b.x0 + w) for b, w in zip(bubbles, widths, strict=True)]
        rows, placed = layout.stack_by_priority(
            full,
            [(b.x0, b.x0) for b in bubbles],
            [
                self.data.events[t].salience * 1e6 + b.count
                for b, t in zip(bubbles, tops, strict=True)
            ],
            max_rows=len(slots),
            gap=12.0,
        )
        for b, text, w, row, ok in zip(bubbles, texts, widths, rows, placed, strict=True):
            if ok and text and row != layout.OVERFLOW:
                b.label, b.label_x0, b.label_x1 = text, b.x0, b.x0 + w
                b.label_y = HEADER_H + slots[row] * ROW_H

    def _cluster_label(self, metrics: QFontMetricsF, top: int, count: int, room: float) -> str:
        more = f" +{count - 1:,}"
        name = elide_words(
            metrics, self.data.events[top].title, room - metrics.horizontalAdvance(more)
        )
        if not name.strip("…") or name.startswith("…"):
            return ""
        return name + more

    # -- queries -------------------------------------------------------------------------
    def hit(self, x: float, y: float) -> Hit | None:
        """The mark or bubble at absolute pixel x and lane-local y in the current frame."""
        f = self.frame
        if f is None:
            return None
        best: Hit | None = None
        lo = bisect_left(f.marks_x, x - MAX_LABEL - 60)
        hi = bisect_right(f.marks_x, x + 2)
        for m in f.marks[lo:hi]:
            y0 = HEADER_H + m.row * ROW_H
            if m.x0 - 2 <= x <= m.end + 2 and y0 <= y <= y0 + ROW_H:
                best = Hit(m.x0, m.end, y0, y0 + ROW_H, event=m.event)
        lo = bisect_left(f.bubbles_x, x - 2 * ROW_H - CLUSTER_LABEL)
        for b in f.bubbles[lo:]:
            if b.x0 > x:
                break
            on_bubble = b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1
            on_name = (
                bool(b.label)
                and b.label_x0 <= x <= b.label_x1
                and (b.label_y <= y <= b.label_y + ROW_H)
            )
            if on_bubble or on_name:
                best = b
        return best

    def mark_center(self, i: int) -> tuple[float, float] | None:
        """Absolute-pixel x and lane-local y of event ``i``'s mark in the current frame."""
        if self.frame is None:
            return None
        for m in self.frame.marks:
            if m.event == i:
                if self.data.kind[i] == POINT:
                    x = m.x0 + MARK_R
                else:
                    x = m.x0 + min(6.0, (m.x1 - m.x0) / 2)
                return x, HEADER_H + m.row * ROW_H + ROW_H / 2
        return None

    # -- painting ------------------------------------------------------------------------
    def paint(
        self,
        p: QPainter,
        frame: LaneFrame,
        d0: float,
        d1: float,
        offset: float,
        top: float,
        selected: int = -1,
    ) -> None:
        """Paint the part of ``frame`` visible in days ``d0..d1``."""
        ppd = frame.ppd
        x_lo, x_hi = d0 * ppd - MAX_LABEL - 60, d1 * ppd + 2
        lo, hi = bisect_left(frame.marks_x, x_lo), bisect_right(frame.marks_x, x_hi)
        dpr = p.device().devicePixelRatioF() * (p.worldTransform().m22() or 1.0)
        for m in frame.marks[lo:hi]:
            self._paint_mark(p, m, offset, top + HEADER_H + m.row * ROW_H, m.event == selected, dpr)
        lo, hi = bisect_left(frame.bubbles_x, x_lo), bisect_right(frame.bubbles_x, x_hi)
        if hi > lo:
            # Bubbles are prepared as they first come into view: a frame also covers a
            # margin on both sides for panning, which a zoom step may never show.
            prepared = frame.prepared.get(dpr)
            if prepared is None:
                prepared = frame.prepared[dpr] = [None] * len(frame.bubbles)
            color = self._bubble_color()
            p.setPen(self.style.text)
            p.setFont(self.style.small)
            for k in range(lo, hi):
                item = prepared[k]
                if item is None:
                    item = prepared[k] = self._prepare_bubble(frame.bubbles[k], color, dpr)
                x, y, sprite, label, lx, ly = item
                p.drawImage(QPointF(x + offset, y + top), sprite)
                # whole pixels: antialiased text at a fractional position takes a slow path
                p.drawStaticText(QPoint(round(lx + offset), round(ly + top)), label)
            named = [b for b in frame.bubbles[lo:hi] if b.label]
            if named:
                self._paint_names(p, named, offset, top, color)

    def _paint_mark(
        self, p: QPainter, m: Mark, offset: float, y: float, selected: bool, dpr: float
    ) -> None:
        st, data = self.style, self.data
        i = m.event
        color, solid, dashed, band, band_est, fill = self._tools_for(data.category[i])
        est, kind = data.estimated[i], data.kind[i]
        conflict = data.conflict[i]
        x0 = m.x0 + offset
        mark_end = m.x1 + offset - (8.0 if conflict else 0.0)
        cy = y + ROW_H / 2
        if kind == POINT:
            dot = dot_sprite(color, est, st.background, dpr, MARK_R)
            p.drawImage(QPointF(x0 - 1, cy - MARK_R - 1), dot)
            text_x = mark_end + 4
        else:
            x1 = mark_end
            p.setPen(dashed if est else (solid if kind == BAR else Qt.PenStyle.NoPen))
            if kind == BAND:
                p.setBrush(band_est if est else band)
                p.drawRoundedRect(QRectF(x0, y + 3, x1 - x0, ROW_H - 6), 4, 4)
                p.fillRect(QRectF(x0, y + 3, 2.5, ROW_H - 6), color)
                inside = m.end == m.x1 and m.labelled
                text_x = x0 + 6 if inside else mark_end + 4
            else:
                p.setBrush(st.background if est else fill)
                p.drawRoundedRect(QRectF(x0, cy - 5, x1 - x0, 10), 3, 3)
                text_x = mark_end + 4
        if selected:
            p.setPen(QPen(st.highlight, 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            if kind == POINT:
                p.drawEllipse(QPointF(x0 + MARK_R, cy), MARK_R + 3, MARK_R + 3)
            else:
                p.drawRoundedRect(QRectF(x0 - 3, y + 1, mark_end - x0 + 6, ROW_H - 2), 5, 5)
        if conflict:
            tx = mark_end + 1
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(st.conflict)
            p.drawPolygon(
                QPolygonF([QPointF(tx, y + 2), QPointF(tx + 8, y + 2), QPointF(tx + 4, y + 9)])
            )
            if text_x > mark_end:
                text_x += 8
        if m.labelled:
            p.setFont(st.bold if selected else st.font)
            p.setPen(st.text)
            p.drawStaticText(
                QPointF(text_x, y + (ROW_H - self.metrics.height()) / 2), self._label(i, selected)
            )

    def _paint_names(
        self, p: QPainter, bubbles: list[Hit], offset: float, top: float, color: QColor
    ) -> None:
        """Cluster names on their rows, each with a thin stem to its bubble: the stems
        first, then the names on a backing of the lane's colour, so no stem crosses a name."""
        p.save()
        stem = QColor(color)
        stem.setAlphaF(0.6)
        p.setPen(QPen(stem, 1.0))
        for b in bubbles:
            cx = (b.x0 + b.x1) / 2 + offset
            above = b.label_y < b.y0
            y_from = top + b.label_y + (ROW_H - 3 if above else 3)
            p.drawLine(QPointF(cx, y_from), QPointF(cx, top + (b.y0 if above else b.y1)))
        back = QColor(self.style.background)
        back.setAlphaF(0.9)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(back)
        h = self._small_h
        for b in bubbles:
            ny = top + b.label_y + (ROW_H - h) / 2
            p.drawRoundedRect(
                QRectF(b.label_x0 + offset - 2, ny, b.label_x1 - b.label_x0 + 4, h), 3, 3
            )
        p.restore()
        for b in bubbles:
            ny = top + b.label_y + (ROW_H - h) / 2
            p.drawStaticText(
                QPoint(round(b.label_x0 + offset), round(ny)), self._cluster_name(b.label)
            )

    def _cluster_name(self, text: str) -> QStaticText:
        st = self._names.get(text)
        if st is None:
            if len(self._names) > 5000:
                self._names.clear()
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            self._names[text] = st
        return st

    def warm_sprites(self, dpr: float) -> None:
        """Render every cluster-bubble size this lane can show ahead of time: a zoom step
        that meets a new size would otherwise draw it in the middle of a frame."""
        if len(self.lane) <= CLUSTER_MIN:
            return
        color = self._bubble_color()
        smallest, largest = int(2 * BUBBLE_R0), int(2 * BUBBLE_R_MAX + 0.5)
        for d in range(smallest, largest + 1):
            bubble_sprite(color, d, d, dpr, False)

    def _bubble_color(self) -> QColor:
        st = self.style
        cat = self.lane.key if self.data.lane_mode == "category" else ""
        return st.color(cat) if cat else st.muted

    def _prepare_bubble(self, b: Hit, color: QColor, dpr: float) -> tuple:
        """Sprite, count label and their positions for one bubble (frame coordinates).  The
        parts depend only on the count and the whole-pixel size, so they are kept per lane:
        each zoom step makes new bubbles, but mostly of counts and sizes seen before."""
        if b.pill:  # overflow pill on a row
            x, y, w, h = b.x0, b.y0 + 3, b.x1 - b.x0, ROW_H - 6
        else:
            x, y, w, h = b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0
        key = (b.pill, b.count, int(w + 0.5), int(h + 0.5), dpr)
        parts = self._bubble_parts.get(key)
        if parts is None:
            if b.pill:
                text = f"+{b.count}"
            else:
                text = f"{b.count:,}" if b.count < 10000 else f"{b.count // 1000}k"
            label, tw, th = count_text(text)
            if len(self._bubble_parts) > 5000:
                self._bubble_parts.clear()
            parts = self._bubble_parts[key] = (
                bubble_sprite(color, w, h, dpr, b.pill),
                label,
                (w - tw) / 2,
                (h - th) / 2,
            )
        sprite, label, dx, dy = parts
        return (x - 1, y - 1, sprite, label, x + dx, y + dy)
