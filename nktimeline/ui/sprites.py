"""Cached antialiased shapes (cluster bubbles with their counts, day dots).

Drawing an antialiased translucent ellipse costs tens of microseconds; blitting a cached
image of it costs a few.  Sprites are rendered at the painter's device-pixel ratio, so they
stay crisp on high-DPI screens and in 2x/3x exports.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QStaticText

_SPRITES: dict[tuple, QImage] = {}


_COUNTS: dict[str, tuple[QStaticText, float, float]] = {}


def count_text(text: str) -> tuple[QStaticText, float, float]:
    """A count label and its size (measuring a QStaticText is not free, so cache it)."""
    entry = _COUNTS.get(text)
    if entry is None:
        if len(_COUNTS) > 5000:
            _COUNTS.clear()
        st = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
        size = st.size()
        entry = _COUNTS[text] = (st, size.width(), size.height())
    return entry


def _new_image(w: float, h: float, dpr: float) -> QImage:
    img = QImage(
        max(1, round(w * dpr)), max(1, round(h * dpr)), QImage.Format.Format_ARGB32_Premultiplied
    )
    img.setDevicePixelRatio(dpr)
    img.fill(Qt.GlobalColor.transparent)
    return img


def bubble_sprite(color: QColor, w: float, h: float, dpr: float, pill: bool) -> QImage:
    """Translucent circle or pill with an outline (the count is drawn on top: baking it in
    would render a new image for nearly every bubble while zooming)."""
    key = ("b", color.rgba(), int(w + 0.5), int(h + 0.5), round(dpr, 2), pill)
    img = _SPRITES.get(key)
    if img is None:
        if len(_SPRITES) > 4000:
            _SPRITES.clear()
        img = _new_image(round(w) + 2, round(h) + 2, dpr)
        fill = QColor(color)
        fill.setAlphaF(0.28)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(color, 1.2))
        p.setBrush(fill)
        rect = QRectF(1, 1, round(w), round(h))
        if pill:
            p.drawRoundedRect(rect, 8, 8)
        else:
            p.drawEllipse(rect)
        p.end()
        _SPRITES[key] = img
    return img


def dot_sprite(
    color: QColor, estimated: bool, background: QColor, dpr: float, radius: float
) -> QImage:
    """A day mark: filled dot, or hollow dashed ring when the date is estimated."""
    key = ("d", color.rgba(), estimated, background.rgba(), round(dpr, 2), radius)
    img = _SPRITES.get(key)
    if img is None:
        size = 2 * radius + 2
        img = _new_image(size, size, dpr)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if estimated:
            p.setPen(QPen(color, 1.6, Qt.PenStyle.DashLine))
            p.setBrush(background)
        else:
            p.setPen(
                QPen(
                    color.darker(130) if background.lightnessF() >= 0.5 else color.lighter(115), 1.2
                )
            )
            p.setBrush(color)
        p.drawEllipse(QPointF(size / 2, size / 2), radius, radius)
        p.end()
        _SPRITES[key] = img
    return img
