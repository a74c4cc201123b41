"""The legend strip above the timeline."""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

from nktimeline.ui import painting as pt
from nktimeline.ui.timeline_view import TimelineView


class LegendBar(QWidget):
    """Category colours and the estimated/conflict keys, painted like the PNG legend."""

    def __init__(self, view: TimelineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setAccessibleName("Legend")
        self.setFixedHeight(26)

    def paintEvent(self, _event) -> None:
        data = self.view.data
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        style = pt.Style.from_palette(self.palette(), self.font())
        p.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        if data is not None:
            pt.paint_legend(p, style, data, 8, 2, self.width() - 16)
        p.end()
