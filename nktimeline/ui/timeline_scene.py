"""The timeline scene: one ``QGraphicsItem`` per lane, however many events it holds.

Scene coordinates are *days* horizontally (``date.toordinal()``) and pixels vertically; the
view scales x only.  Each lane item paints in device pixels (reset transform) so marks and
text never stretch, takes its level of detail from ``painter.worldTransform().m11()``, culls
with bisect and answers hit-tests from the frame it last painted.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from nktimeline.ui.lane_painter import Hit, LanePainter
from nktimeline.ui.painting import AXIS_H, Style
from nktimeline.ui.timeline_data import TimelineData


class LaneItem(QGraphicsItem):
    """Paints one lane through a :class:`LanePainter`."""

    def __init__(self, scene: TimelineScene, painter: LanePainter) -> None:
        super().__init__()
        self.owner = scene
        self.lp = painter
        self.h = 40.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        r = self.owner.sceneRect()
        return QRectF(r.left(), 0.0, r.width(), self.h)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        wt = painter.worldTransform()
        s = wt.m22() or 1.0
        ppd = wt.m11() / s
        if ppd <= 0:
            return
        exposed = option.exposedRect  # type: ignore[attr-defined]
        d0, d1 = exposed.left(), exposed.right()
        offset, top = wt.dx() / s, wt.dy() / s
        painter.save()
        try:
            painter.setTransform(QTransform.fromScale(s, s))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            frame = self.lp.compute(d0, d1, ppd)
            self.lp.paint(painter, frame, d0, d1, offset, top, self.owner.selected_index)
        finally:
            painter.restore()


class TimelineScene(QGraphicsScene):
    """Holds the lane items and stacks them vertically for the current scale."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.data: TimelineData | None = None
        self.tl_style: Style | None = None
        self.lanes: list[LaneItem] = []
        self.tops: list[float] = []
        self.selected_index = -1
        self.ppd = 1.0
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def set_data(self, data: TimelineData, style: Style) -> None:
        for item in self.lanes:
            self.removeItem(item)
        self.data, self.tl_style = data, style
        self.lanes = [LaneItem(self, LanePainter(data, lane, style)) for lane in data.lanes]
        span = max(30.0, data.max_day - data.min_day)
        self.setSceneRect(QRectF(data.min_day - span, -AXIS_H, 3 * span, 10.0))
        for item in self.lanes:
            self.addItem(item)
        self.selected_index = -1
        self.relayout(self.ppd, force=True)

    def set_style(self, style: Style) -> None:
        self.tl_style = style
        for item in self.lanes:
            item.lp.set_style(style)
        self.relayout(self.ppd, force=True)

    def relayout(self, ppd: float, force: bool = False) -> None:
        """Recompute lane heights for a new scale and stack the lanes."""
        if ppd == self.ppd and not force:
            return
        self.ppd = ppd
        y = 0.0
        self.tops = []
        for item in self.lanes:
            h = item.lp.height(ppd)
            if h != item.h:
                item.prepareGeometryChange()
                item.h = h
            item.setPos(0.0, y)
            self.tops.append(y)
            y += h
        r = self.sceneRect()
        self.setSceneRect(QRectF(r.left(), -AXIS_H, r.width(), AXIS_H + y + 12.0))
        self.update()

    def label_widths(self) -> dict[int, float]:
        """Label width (px) of the latest few hundred events, from their lanes' fonts."""
        out: dict[int, float] = {}
        for item in self.lanes:
            for i in item.lp.lane.idx[-300:]:
                out[i] = item.lp.label_width(i)
        return out

    def total_height(self) -> float:
        return sum(item.h for item in self.lanes)

    def lane_at(self, y: float) -> int:
        k = bisect_right(self.tops, y) - 1
        if k < 0 or k >= len(self.lanes) or y > self.tops[k] + self.lanes[k].h:
            return -1
        return k

    def hit(self, day: float, y: float, d0: float, d1: float, ppd: float) -> Hit | None:
        """Event mark or cluster at scene point (day, y) for the window ``d0..d1``."""
        k = self.lane_at(y)
        if k < 0:
            return None
        lp = self.lanes[k].lp
        lp.compute(d0, d1, ppd)
        return lp.hit(day * ppd, y - self.tops[k])

    def mark_scene_pos(self, index: int, d0: float, d1: float, ppd: float):
        """Scene (day, y) of an event's mark in the first lane that shows it, or None."""
        for k, item in enumerate(self.lanes):
            lp = item.lp
            lp.compute(d0, d1, ppd)
            pos = lp.mark_center(index)
            if pos is not None:
                return pos[0] / ppd, self.tops[k] + pos[1]
        return None
