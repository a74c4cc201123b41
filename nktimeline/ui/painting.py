"""Drawing the timeline with a bare ``QPainter`` (QtGui only, no widgets).

Style (palette-derived colours and fonts), axis, grid, legend and lane headers.  The
interactive view and the headless PNG export both use these (and
:mod:`nktimeline.ui.lane_painter` for the lanes), so what you see is what you export.
Everything works in *logical pixels*: an absolute x of ``day * ppd`` plus an ``offset``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QStaticText,
)

from nktimeline import layout
from nktimeline.ui.timeline_data import Lane, TimelineData, ui_config

ROW_H = 22.0
HEADER_H = 18.0
AXIS_H = 40.0


@dataclass
class Style:
    """Colours and fonts; derived from a palette so dark mode stays legible."""

    dark: bool
    background: QColor
    lane_alt: QColor
    text: QColor
    muted: QColor
    grid: QColor
    grid_major: QColor
    highlight: QColor
    conflict: QColor
    font: QFont
    bold: QFont
    small: QFont
    colors: dict[str, QColor] = field(default_factory=dict)
    cycle: list[QColor] = field(default_factory=list)

    @classmethod
    def from_palette(cls, pal: QPalette, font: QFont | None = None) -> Style:
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        dark = base.lightnessF() < 0.5
        return cls._make(dark, base, text, pal.color(QPalette.ColorRole.Highlight), font)

    @classmethod
    def light(cls, font: QFont | None = None) -> Style:
        return cls._make(False, QColor("#ffffff"), QColor("#1f2328"), QColor("#2f6fd0"), font)

    @classmethod
    def _make(cls, dark: bool, base: QColor, text: QColor, hl: QColor, font: QFont | None) -> Style:
        cfg = ui_config()
        tone = "dark" if dark else "light"
        colors = {k: QColor(v[tone]) for k, v in cfg.get("categories", {}).items()}
        f = QFont(font) if font is not None else QFont()
        if f.pointSizeF() <= 0 and f.pixelSize() <= 0:
            f.setPixelSize(12)
        bold = QFont(f)
        bold.setBold(True)
        small = QFont(f)
        if f.pointSizeF() > 0:
            small.setPointSizeF(max(6.0, f.pointSizeF() - 1.0))
        else:
            small.setPixelSize(max(8, f.pixelSize() - 1))
        return cls(
            dark=dark,
            background=QColor(base),
            lane_alt=_mix(base, text, 0.035),
            text=QColor(text),
            muted=_mix(text, base, 0.45),
            grid=_mix(base, text, 0.08),
            grid_major=_mix(base, text, 0.18),
            highlight=QColor(hl),
            conflict=QColor(cfg.get("conflict", "#d62f2f")),
            font=f,
            bold=bold,
            small=small,
            colors=colors,
            cycle=[QColor(c) for c in cfg.get("cycle", ["#3b6fb6"])],
        )

    def color(self, category: str) -> QColor:
        c = self.colors.get(category)
        if c is None:
            c = self.cycle[sum(map(ord, category)) % len(self.cycle)]
            self.colors[category] = c
        return c

    def category_label(self, category: str) -> str:
        meta = ui_config().get("categories", {}).get(category, {})
        return str(meta.get("label", category.capitalize() or "Other"))


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() * (1 - t) + b.redF() * t,
        a.greenF() * (1 - t) + b.greenF() * t,
        a.blueF() * (1 - t) + b.blueF() * t,
    )


# -- one lane ------------------------------------------------------------------------------


# -- axis, grid, legend --------------------------------------------------------------------


_TICKS: dict[tuple, tuple[list[layout.Tick], list[layout.Tick]]] = {}
_STATIC: dict[str, QStaticText] = {}


def _ticks(style: Style, d0: float, d1: float, ppd: float):
    """Ticks for one frame, shared by the grid and the axis (computed once per frame)."""
    key = (round(d0, 6), round(d1, 6), ppd, style.small.key())
    got = _TICKS.get(key)
    if got is None:
        if len(_TICKS) > 64:
            _TICKS.clear()
        got = _TICKS[key] = layout.ticks(d0, d1, ppd, QFontMetricsF(style.small).horizontalAdvance)
    return got


def _static(text: str) -> QStaticText:
    st = _STATIC.get(text)
    if st is None:
        if len(_STATIC) > 2000:
            _STATIC.clear()
        st = _STATIC[text] = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
    return st


def paint_axis(
    p: QPainter,
    style: Style,
    d0: float,
    d1: float,
    ppd: float,
    offset: float,
    x_left: float,
    width: float,
    top: float = 0.0,
    whole_labels: bool = False,
) -> None:
    """Two-row axis (context row above, fine ticks below) across ``x_left..x_left+width``.
    With ``whole_labels`` (exports), a fine label that an edge would cut is left out rather
    than drawn as a fragment."""
    minor, major = _ticks(style, d0, d1, ppd)
    p.fillRect(QRectF(x_left, top, width, AXIS_H), style.background)
    aa = p.testRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    lines = [QLineF(x_left, top + AXIS_H - 0.5, x_left + width, top + AXIS_H - 0.5)]
    lines += [
        QLineF(x, top + AXIS_H - 6, x, top + AXIS_H)
        for x in (round(t.day * ppd + offset) + 0.5 for t in minor)
    ]
    lines += [
        QLineF(x, top + 2, x, top + 18)
        for x in (round(t.day * ppd + offset) + 0.5 for t in major if t.day >= d0)
    ]
    p.setPen(QPen(style.grid_major, 1))
    p.drawLines(lines)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
    p.setFont(style.small)
    p.setPen(style.muted)
    fm = QFontMetricsF(style.small) if whole_labels else None
    for t in minor:
        x = t.day * ppd + offset + 3
        if fm is not None and (x < x_left or x + fm.horizontalAdvance(t.label) > x_left + width):
            continue
        p.drawText(QPointF(x, top + AXIS_H - 8), t.label)
    p.setFont(style.bold)
    p.setPen(style.text)
    for t in major:
        p.drawText(QPointF(max(t.day, d0) * ppd + offset + 4, top + 15), t.label)


def paint_grid(
    p: QPainter, style: Style, d0: float, d1: float, ppd: float, offset: float, y0: float, y1: float
) -> None:
    """Vertical tick lines (fine and context) between ``y0`` and ``y1``."""
    minor, major = _ticks(style, d0, d1, ppd)
    aa = p.testRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    p.setPen(QPen(style.grid, 1))
    p.drawLines([QLineF(x, y0, x, y1) for x in (round(t.day * ppd + offset) + 0.5 for t in minor)])
    p.setPen(QPen(style.grid_major, 1))
    p.drawLines(
        [
            QLineF(x, y0, x, y1)
            for x in (round(t.day * ppd + offset) + 0.5 for t in major if t.day >= d0)
        ]
    )
    p.setRenderHint(QPainter.RenderHint.Antialiasing, aa)


def legend_entries(data: TimelineData, style: Style) -> list[tuple[str, QColor]]:
    return [(style.category_label(c), style.color(c)) for c in data.categories]


def paint_legend(
    p: QPainter, style: Style, data: TimelineData, x: float, y: float, max_width: float
) -> float:
    """Category chips plus the estimated/conflict keys; returns the height used."""
    fm = QFontMetricsF(style.font)
    p.setFont(style.font)
    cx, cy, line_h = x, y, fm.height() + 6
    items: list[tuple[str, str, QColor]] = [
        ("chip", label, color) for label, color in legend_entries(data, style)
    ]
    items += [("est", "estimated date", style.muted), ("conf", "sources disagree", style.conflict)]
    for kind, label, color in items:
        w = 18 + fm.horizontalAdvance(label) + 14
        if cx + w > x + max_width and cx > x:
            cx, cy = x, cy + line_h
        mid = cy + line_h / 2
        if kind == "chip":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawEllipse(QPointF(cx + 6, mid), 5, 5)
        elif kind == "est":
            p.setPen(QPen(color, 1.6, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(cx + 6, mid), 5, 5)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawPolygon(
                QPolygonF(
                    [QPointF(cx + 2, mid - 4), QPointF(cx + 10, mid - 4), QPointF(cx + 6, mid + 3)]
                )
            )
        p.setPen(style.text)
        p.drawText(QPointF(cx + 16, mid + fm.ascent() / 2 - 1), label)
        cx += w
    return cy + line_h - y


def paint_lane_header(
    p: QPainter,
    style: Style,
    lane: Lane,
    x: float,
    y: float,
    color: QColor | None,
    before: int = 0,
    after: int = 0,
    width: float = 0.0,
) -> None:
    """Lane name pill, pinned to the left edge of whatever shows the lane, with counts of
    the lane's events off-screen to the left (``before``) and right (``after``)."""
    fm = QFontMetricsF(style.small)
    text = f"{lane.title}  {len(lane):,}"
    rect = QRectF(x + 4, y + 2, fm.horizontalAdvance(text) + 18, HEADER_H - 3)
    earlier, later = lane_header_buttons(style, lane, x, y, before, after, width)
    bg = QColor(style.background)
    bg.setAlphaF(0.85)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(bg)
    p.drawRoundedRect(rect, 6, 6)
    if color is not None:
        p.setBrush(color)
        p.drawEllipse(QPointF(rect.left() + 7, rect.center().y()), 3.5, 3.5)
    p.setPen(style.muted)
    p.setFont(style.small)
    ty = rect.top() + (rect.height() - fm.height()) / 2
    p.drawStaticText(QPointF(rect.left() + 13, ty), _static(text))
    for r, label in ((earlier, f"◀ {before:,} earlier"), (later, f"{after:,} later ▶")):
        if r is None:
            continue
        # a button: the counts of events off-screen are clickable (they jump to them)
        p.setPen(QPen(style.muted, 0.8))
        p.setBrush(bg)
        p.drawRoundedRect(r, 5, 5)
        p.setPen(style.text)
        p.drawStaticText(QPointF(r.left() + 6, ty), _static(label))


def lane_header_buttons(
    style: Style,
    lane: Lane,
    x: float,
    y: float,
    before: int,
    after: int,
    width: float,
) -> tuple[QRectF | None, QRectF | None]:
    """Where a lane header's "◀ N earlier" and "N later ▶" buttons are (None: not shown);
    the painter and the view's clicks use the same geometry."""
    fm = QFontMetricsF(style.small)
    pill_w = fm.horizontalAdvance(f"{lane.title}  {len(lane):,}") + 18
    earlier = later = None
    if before:
        w = fm.horizontalAdvance(f"◀ {before:,} earlier") + 12
        earlier = QRectF(x + 4 + pill_w + 6, y + 2, w, HEADER_H - 3)
    if after and width > 0:
        w = fm.horizontalAdvance(f"{after:,} later ▶") + 12
        later = QRectF(x + width - 6 - w, y + 2, w, HEADER_H - 3)
    return earlier, later
