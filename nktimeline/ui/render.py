"""The timeline as a report: one render for PNG, SVG, PDF, the printer and the export
dialog's preview (QtGui only, no widgets).

:func:`render` lays the timeline out once (title, legend, axis, lanes, notes and cited
sources, see :func:`layout`) and paints it onto any QPaintDevice:

* no device (or a width) -> a new ARGB32 QImage ``width * scale`` pixels wide (PNG, preview);
* a paged device (QPdfWriter, QPrinter) -> pages of that device: the lanes are split across
  pages at lane boundaries, the axis is repeated on every page that has lanes, the notes and
  sources flow on, and every page is numbered;
* any other device (QSvgGenerator, an existing QImage) -> the one tall page, scaled to the
  device's width.

Text is drawn as text, so an SVG keeps ``<text>`` elements and a PDF a text layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPagedPaintDevice, QPaintDevice, QPainter

from nktimeline.model import Corpus
from nktimeline.ui import painting as pt
from nktimeline.ui.painting import ROW_H
from nktimeline.ui.report_layout import (
    NOTES_GAP,
    PAGE_DPI,
    PAGE_MARGIN_MM,
    TITLE_H,
    Layout,
    Page,
    RenderOptions,
    default_title,
    layout,
    page_layout,
    paginate,
)

__all__ = [
    "PAGE_MARGIN_MM",
    "Page",
    "RenderError",
    "RenderOptions",
    "Rendered",
    "default_title",
    "layout",
    "page_layout",
    "paginate",
    "paint_page",
    "render",
    "render_page_image",
]

# Largest image made: Qt's painter and most viewers stop at 32767 px a side, and 400 M
# pixels are 1.6 GB in memory before the PNG encoder's own copy.
MAX_SIDE = 32_767
MAX_PIXELS = 400_000_000


class RenderError(ValueError):
    """A render that cannot be made (an image too large); the message is for people."""


def paint_page(p: QPainter, lay: Layout, page: Page, page_h: float | None = None) -> None:
    """Paint one page of ``lay`` at the painter's origin (logical pixels)."""
    st, m, inner = lay.style, lay.margin, lay.inner
    fm = QFontMetricsF(st.font)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    y = m
    if page.first:
        title_font = QFont(st.bold)
        title_font.setPixelSize(22)
        p.setFont(title_font)
        p.setPen(st.text)
        tfm = QFontMetricsF(title_font)
        title = tfm.elidedText(lay.title, Qt.TextElideMode.ElideRight, inner)
        p.drawText(QPointF(m, y + 22), title)
        y += TITLE_H
        if lay.legend_h:
            pt.paint_legend(p, st, lay.data, m, y, inner)
            y += lay.legend_h + 8
    else:
        p.setFont(st.small)
        p.setPen(st.muted)
        head = f"{lay.title} (continued)"
        head = QFontMetricsF(st.small).elidedText(head, Qt.TextElideMode.ElideRight, inner)
        p.drawText(QPointF(m, y + fm.ascent()), head)
        y += lay.line_h + 8
    if page.axis or (page.first and page_h is None):
        y = _paint_lanes(p, lay, page.k0, page.k1, y)
        if page.n1 > page.n0:
            y += NOTES_GAP
    p.setFont(st.font)
    for n in range(page.n0, page.n1):
        line, heading = lay.notes[n]
        p.setPen(st.text if heading else st.muted)
        text = fm.elidedText(line, Qt.TextElideMode.ElideRight, inner)
        p.drawText(QPointF(m, y + fm.ascent()), text)
        y += lay.line_h
    if page_h is not None and page.count > 1:
        p.setFont(st.small)
        p.setPen(st.muted)
        label = f"page {page.number} of {page.count}"
        w = QFontMetricsF(st.small).horizontalAdvance(label)
        p.drawText(QPointF(m + inner - w, page_h - 4), label)


def _paint_lanes(p: QPainter, lay: Layout, k0: int, k1: int, y_axis: float) -> float:
    """The axis at ``y_axis`` and lanes ``k0:k1`` under it; returns the y below them."""
    st, m, inner = lay.style, lay.margin, lay.inner
    d0, d1, ppd, offset = lay.d0, lay.d1, lay.ppd, lay.offset
    y_lanes = y_axis + pt.AXIS_H
    lanes_h = sum(lay.heights[k0:k1])
    p.save()
    p.setClipRect(QRectF(m, y_axis, inner, pt.AXIS_H + lanes_h))
    pt.paint_grid(p, st, d0, d1, ppd, offset, y_axis, y_lanes + lanes_h)
    y = y_lanes
    for k in range(k0, k1):
        lp, h = lay.painters[k], lay.heights[k]
        if k % 2:
            p.fillRect(QRectF(m, y, inner, h), st.lane_alt)
        pt.paint_grid(p, st, d0, d1, ppd, offset, y, y + h)
        lp.paint(p, lay.frames[k], d0, d1, offset, y)
        if lay.flipped[k]:
            p.setFont(st.font)
            p.setPen(st.text)
            fm = lp.metrics
            for x_right, row_y, text in lay.flipped[k]:
                base = y + row_y + (ROW_H - fm.height()) / 2 + fm.ascent()
                p.drawText(QPointF(x_right - fm.horizontalAdvance(text), base), text)
        color = st.color(lp.lane.key) if lay.lanes == "category" else None
        before, after = lp.lane.outside(d0, d1)
        pt.paint_lane_header(p, st, lp.lane, m, y, color, before, after, inner)
        y += h
    pt.paint_axis(p, st, d0, d1, ppd, offset, m, inner, y_axis, whole_labels=True)
    p.restore()
    if m > 0:
        # Not every paint device clips (QSvgGenerator draws what lies outside a clip):
        # cover the margins, where grid lines of ticks just outside the window would show.
        full = QRectF(0, y_axis, m, y - y_axis)
        p.fillRect(full, st.background)
        p.fillRect(full.translated(m + inner, 0), st.background)
    return y


@dataclass
class Rendered:
    """What :func:`render` made: the image (when it made one), the logical size of one page
    and the number of pages."""

    image: QImage | None
    width: float
    height: float
    pages: int = 1


def render(
    corpus: Corpus,
    device_or_size: QPaintDevice | int | None = None,
    options: RenderOptions | None = None,
) -> Rendered:
    """Render ``corpus`` onto ``device_or_size`` (see the module docstring)."""
    from nktimeline.export import ensure_gui_app

    ensure_gui_app()
    options = options or RenderOptions()
    target = device_or_size
    if target is None or isinstance(target, int):
        if isinstance(target, int):
            options = replace(options, width=target)
        return _render_image(corpus, options)
    if isinstance(target, QPagedPaintDevice):
        return _render_pages(corpus, target, options)
    lay = layout(corpus, options)
    p = QPainter(target)
    logical_w = target.width() / (target.devicePixelRatioF() or 1.0)
    factor = logical_w / lay.width if logical_w > 0 else 1.0
    p.scale(factor, factor)
    paint_page(p, lay, Page(first=True, k0=0, k1=len(lay.heights), n1=len(lay.notes)))
    p.end()
    return Rendered(None, lay.width, lay.height)


def _render_image(corpus: Corpus, options: RenderOptions) -> Rendered:
    lay = layout(corpus, options)
    scale = options.scale
    pw, ph = round(lay.width * scale), round(lay.height * scale)
    fits = max(pw, ph) <= MAX_SIDE and pw * ph <= MAX_PIXELS
    img = QImage(pw, ph, QImage.Format.Format_ARGB32_Premultiplied) if fits else None
    if img is None or img.isNull():  # beyond the limits, or Qt could not allocate it
        raise RenderError(
            f"the image would be too large ({pw:,} x {ph:,} px); lower the width or the scale"
        )
    img.setDevicePixelRatio(scale)
    img.fill(lay.style.background)
    p = QPainter(img)
    paint_page(p, lay, Page(first=True, k0=0, k1=len(lay.heights), n1=len(lay.notes)))
    p.end()
    return Rendered(img, lay.width, lay.height)


def _render_pages(corpus: Corpus, device: QPagedPaintDevice, options: RenderOptions) -> Rendered:
    lay = page_layout(corpus, options, device.widthMM())
    factor = device.width() / lay.width
    page_h = device.height() / factor
    pages = paginate(lay, page_h)
    p = QPainter(device)
    if not p.isActive():
        raise RenderError("the printer or PDF file could not be opened for drawing")
    p.scale(factor, factor)
    for k, page in enumerate(pages):
        if k:
            device.newPage()
        paint_page(p, lay, page, page_h)
    p.end()
    return Rendered(None, lay.width, page_h, len(pages))


def render_page_image(
    corpus: Corpus, options: RenderOptions, page_w_mm: float, page_h_mm: float, px_width: int
) -> Rendered:
    """The first page of a paged render as an image ``px_width`` pixels wide (the export
    dialog's preview of a PDF or a print), with the page's margins drawn white."""
    from nktimeline.export import ensure_gui_app

    ensure_gui_app()
    margin_mm = PAGE_MARGIN_MM
    lay = page_layout(corpus, options, page_w_mm - 2 * margin_mm)
    pages = paginate(lay, (page_h_mm - 2 * margin_mm) / 25.4 * PAGE_DPI)
    px_per_mm = px_width / page_w_mm
    img = QImage(px_width, math.ceil(page_h_mm * px_per_mm), QImage.Format.Format_RGB32)
    img.fill(lay.style.background)
    p = QPainter(img)
    p.translate(margin_mm * px_per_mm, margin_mm * px_per_mm)
    factor = px_per_mm * 25.4 / PAGE_DPI
    p.scale(factor, factor)
    page_h = (page_h_mm - 2 * margin_mm) / 25.4 * PAGE_DPI
    p.setClipRect(QRectF(0, 0, lay.width, page_h))
    paint_page(p, lay, pages[0], page_h)
    p.end()
    return Rendered(img, lay.width, page_h, len(pages))
