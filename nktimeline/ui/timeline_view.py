"""Interactive timeline: zoom under the cursor, drag to pan, click/keys to select.

The view owns the horizontal scale (pixels per day, ``ppd``); the scene never scales y.
The axis and lane names are drawn pinned to the viewport in ``drawForeground``.
"""

from __future__ import annotations

import bisect
import html

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QToolTip, QWidget

from nktimeline.edits import shifted
from nktimeline.model import Corpus
from nktimeline.ui import painting as pt
from nktimeline.ui.lane_painter import Hit
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.timeline_data import TimelineData
from nktimeline.ui.timeline_scene import TimelineScene

# zoom presets: days across the view (a fortnight of days, a season of weeks, two years of
# months, a dozen years)
ZOOM_PRESETS = {"day": 14.0, "month": 92.0, "year": 730.0, "decade": 4383.0}
MIN_PPD = 1e-3  # ~ a millennium across a screen
MAX_PPD = 400.0  # a day spans 400 px
ZOOM_STEP = 1.25


class TimelineView(QGraphicsView):
    """The big timeline pane.  Reads the corpus, writes only to the selection model."""

    rangeChanged = Signal(float, float)
    eventDragged = Signal(str, float)  # event id, days moved (a drag to re-date it)
    contextMenuRequested = Signal(QPoint)  # global position; the event under it is selected

    def __init__(self, selection: QtSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.tl_scene = TimelineScene(self)
        self.setScene(self.tl_scene)
        self.data: TimelineData | None = None
        self.style_ = pt.Style.from_palette(self.palette(), self.font())
        self.ppd = 1.0
        self._fitted = False
        self._press: QPoint | None = None
        self._drag: tuple[int, QPoint] | None = None  # event index and where it was grabbed
        self._drag_days = 0.0
        self.message = ""  # shown over an empty timeline, e.g. while loading
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "Events on a time axis. Wheel zooms, drag pans, Left and Right step through events."
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(self._emit_range)
        selection.changed.connect(self._on_selection)

    # -- data ------------------------------------------------------------------------------
    def set_corpus(self, corpus: Corpus, lanes: str = "category", keep_view: bool = False) -> None:
        """Show ``corpus``; ``keep_view`` (the same articles, after an edit) keeps the visible
        range and scroll position instead of fitting everything."""
        view = self.visible_range() if keep_view and self.data is not None else None
        top = self.verticalScrollBar().value()
        self.data = TimelineData(corpus, lanes=lanes)
        self.tl_scene.set_data(self.data, self.style_)
        self._warm_sprites()
        if view is not None and self._fitted:
            self.show_range(*view)
            self.verticalScrollBar().setValue(top)
        else:
            self._fitted = False
            if self.viewport().width() > 50:
                self.fit_all()
        self._on_selection(self.selection.event_id or "", 0, "")

    def _warm_sprites(self) -> None:
        dpr = self.viewport().devicePixelRatioF()
        for lane in self.tl_scene.lanes:
            lane.lp.warm_sprites(dpr)

    def set_message(self, text: str) -> None:
        """Text shown while the timeline has no events (e.g. "Loading…")."""
        if text == self.message:
            return
        self.message = text
        if self.data is None or not self.data.events:  # only then is it drawn
            self.viewport().update()

    def set_lane_mode(self, lanes: str) -> None:
        if self.data is None or self.data.lane_mode == lanes:
            return
        d0, d1 = self.visible_range()
        self.data = TimelineData(self.data.corpus, lanes=lanes)
        self.tl_scene.set_data(self.data, self.style_)
        self._warm_sprites()
        self.show_range(d0, d1)
        self._on_selection(self.selection.event_id or "", 0, "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.style_ = pt.Style.from_palette(self.palette(), self.font())
            self.tl_scene.set_style(self.style_)
        super().changeEvent(event)

    # -- scale and scrolling ---------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        r = self.mapToScene(self.viewport().rect()).boundingRect()
        return r.left(), r.right()

    def _apply_ppd(self, ppd: float) -> None:
        self.ppd = max(MIN_PPD, min(MAX_PPD, ppd))
        self.setTransform(QTransform.fromScale(self.ppd, 1.0))
        self.tl_scene.relayout(self.ppd)

    def _scroll_to_day(self, day: float, view_x: float) -> None:
        """Scroll so that ``day`` appears at viewport x ``view_x``."""
        cur = self.viewportTransform().map(QPointF(day, 0.0)).x()
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + round(cur - view_x))

    def show_range(self, d0: float, d1: float) -> None:
        w = max(100, self.viewport().width())
        self._apply_ppd(w / max(1e-6, d1 - d0))
        self._ensure_scene_covers(d0, d1)
        self._scroll_to_day(d0, 0.0)
        self._emit_range()

    def _ensure_scene_covers(self, d0: float, d1: float) -> None:
        r = self.tl_scene.sceneRect()
        if d0 < r.left() or d1 > r.right():
            left, right = min(r.left(), d0), max(r.right(), d1)
            self.tl_scene.setSceneRect(QRectF(left, r.top(), right - left, r.height()))

    def fit_all(self) -> None:
        if self.data is None:
            return
        w = max(200, self.viewport().width())
        widths = self.tl_scene.label_widths()
        ppd, first = self.data.fit(w, lambda i: widths.get(i, 150.0))
        self._apply_ppd(ppd)
        self._scroll_to_day(first, 0.0)
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._fitted = True
        self._emit_range()

    def zoom_preset(self, name: str) -> None:
        """Show ``ZOOM_PRESETS[name]`` days, around the selected event (else the middle)."""
        span = ZOOM_PRESETS[name]
        data = self.data
        idx = data.index_of.get(self.selection.event_id or "", -1) if data is not None else -1
        if data is not None and idx >= 0 and data.events[idx].date is not None:
            centre = (data.start[idx] + data.end[idx]) / 2
        else:
            d0, d1 = self.visible_range()
            centre = (d0 + d1) / 2
        self.show_range(centre - span / 2, centre + span / 2)

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom keeping the day under ``anchor_x`` (viewport px; default centre) in place."""
        if anchor_x is None:
            anchor_x = self.viewport().width() / 2
        day = self.viewportTransform().inverted()[0].map(QPointF(anchor_x, 0.0)).x()
        self._apply_ppd(self.ppd * factor)
        self._scroll_to_day(day, anchor_x)
        self._emit_range()

    def _emit_range(self, *_args) -> None:
        d0, d1 = self.visible_range()
        self.rangeChanged.emit(d0, d1)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._fitted and self.data is not None and self.viewport().width() > 50:
            self.fit_all()

    # -- geometry for tests and keyboard ----------------------------------------------------
    def event_viewport_pos(self, event_id: str) -> QPoint | None:
        """Where the event's mark is drawn (viewport coordinates), if it is shown."""
        if self.data is None or event_id not in self.data.index_of:
            return None
        d0, d1 = self.visible_range()
        pos = self.tl_scene.mark_scene_pos(self.data.index_of[event_id], d0, d1, self.ppd)
        if pos is None:
            return None
        p = self.viewportTransform().map(QPointF(pos[0], pos[1]))
        return QPoint(round(p.x()), round(p.y()))

    def hit_at(self, pos: QPoint) -> Hit | None:
        if self.data is None or pos.y() < pt.AXIS_H:
            return None
        sp = self.viewportTransform().inverted()[0].map(QPointF(pos))
        d0, d1 = self.visible_range()
        return self.tl_scene.hit(sp.x(), sp.y(), d0, d1, self.ppd)

    # -- selection -------------------------------------------------------------------------
    def _on_selection(self, event_id: str, _mention: int = 0, _article: str = "") -> None:
        data = self.data
        idx = data.index_of.get(event_id, -1) if data is not None and event_id else -1
        self.tl_scene.selected_index = idx
        if data is not None and idx >= 0 and data.events[idx].date is not None:
            self._keep_in_view(idx)
        self._announce(data.events[idx] if data is not None and idx >= 0 else None)
        self.viewport().update()

    def _announce(self, ev) -> None:
        """Tell assistive technology which event is selected (the marks are painted, not
        widgets: the view's accessible description carries the selected one)."""
        n = len(self.data.events) if self.data is not None else 0
        if ev is None:
            text = f"{n} events. Left and Right step through them; the reader shows the source."
        else:
            when = ev.date.label() if ev.date is not None else "undated"
            where = f", {ev.place}" if ev.place else ""
            k = len(ev.articles)
            text = f"Selected: {ev.title}, {when}{where}; {k} source{'s' if k != 1 else ''}."
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
            )

    def _keep_in_view(self, idx: int) -> None:
        data = self.data
        assert data is not None
        d0, d1 = self.visible_range()
        s = data.start[idx]
        w = self.viewport().width()
        lanes = self.tl_scene.lanes
        label = lanes[0].lp.label_width(idx) + 30.0 if lanes else 200.0
        if s < d0 or s + label / self.ppd > d1:
            # Bring the mark and its label into view, a little left of centre if possible.
            self._scroll_to_day(s, max(20.0, min(w * 0.35, w - label - 20.0)))
        pos = self.event_viewport_pos(data.events[idx].id)
        if pos is not None and not (pt.AXIS_H <= pos.y() <= self.viewport().height() - 10):
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + pos.y() - self.viewport().height() // 2)

    # -- input -----------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - delta.y() // 2)
        elif abs(delta.x()) > abs(delta.y()):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta.x())
        elif delta.y():
            self.zoom_by(ZOOM_STEP ** (delta.y() / 120.0), event.position().x())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Right:
            self.selection.step(+1)
        elif key == Qt.Key.Key_Left:
            self.selection.step(-1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.fit_all()
        elif key == Qt.Key.Key_Escape:
            self.selection.select(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        self._drag = None
        if event.button() == Qt.MouseButton.LeftButton and self.data is not None:
            hit = self.hit_at(self._press)
            if hit is not None and hit.event >= 0 and self.data.events[hit.event].date:
                # an event is grabbed: dragging it re-dates it instead of panning
                self._drag = (hit.event, self._press)
                self._drag_days = 0.0
                self.setDragMode(QGraphicsView.DragMode.NoDrag)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            idx, start = self._drag
            dx = event.position().x() - start.x()
            if abs(dx) > 4 and self.data is not None:
                self._drag_days = dx / self.ppd
                ev = self.data.events[idx]
                self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
                to = shifted(ev.date, self._drag_days).label() if ev.date else ""
                QToolTip.showText(
                    event.globalPosition().toPoint(),
                    f"Move '{ev.title}' to {to} — release to re-date, Ctrl+Z undoes",
                    self.viewport(),
                )
            event.accept()
            return
        super().mouseMoveEvent(event)

    def _end_drag(self) -> bool:
        """Finish a drag of an event; True when it moved (and was reported)."""
        if self._drag is None:
            return False
        idx, _ = self._drag
        self._drag = None
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().unsetCursor()
        QToolTip.hideText()
        if self._drag_days == 0.0 or self.data is None:
            return False
        days, self._drag_days = self._drag_days, 0.0
        self.eventDragged.emit(self.data.events[idx].id, days)
        return True

    def contextMenuEvent(self, event) -> None:
        hit = self.hit_at(event.pos())
        if hit is not None and hit.event >= 0 and self.data is not None:
            self.selection.select(self.data.events[hit.event].id)
        if self.selection.event_id:
            self.contextMenuRequested.emit(event.globalPos())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._end_drag():
            self._press = None
            return
        pos = event.position().toPoint()
        if self._press is None or (pos - self._press).manhattanLength() > 4:
            self._press = None
            return
        self._press = None
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self._header_button_at(pos):
            return
        hit = self.hit_at(pos)
        if hit is None:
            return
        if hit.event >= 0 and self.data is not None:
            self.selection.select(self.data.events[hit.event].id)
        else:
            d0, d1 = hit.days
            pad = max(1.0, (d1 - d0) * 0.15)
            self.show_range(d0 - pad, d1 + pad)

    def header_buttons(self) -> list[tuple[QRectF, int, str]]:
        """The lane headers' "N earlier" / "N later" buttons now shown: (rect in viewport
        pixels, lane number, "earlier" | "later")."""
        out: list[tuple[QRectF, int, str]] = []
        if self.data is None:
            return out
        vt = self.viewportTransform()
        d0, d1 = self.visible_range()
        w = self.viewport().width()
        for k, item in enumerate(self.tl_scene.lanes):
            y = vt.map(QPointF(0.0, self.tl_scene.tops[k])).y()
            before, after = item.lp.lane.outside(d0, d1)
            earlier, later = pt.lane_header_buttons(
                self.style_, item.lp.lane, 0.0, y, before, after, w
            )
            out += [(r, k, side) for r, side in ((earlier, "earlier"), (later, "later")) if r]
        return out

    def _header_button_at(self, pos: QPoint) -> bool:
        for rect, k, side in self.header_buttons():
            if rect.contains(QPointF(pos)):
                self.jump(k, side)
                return True
        return False

    def jump(self, lane: int, side: str) -> None:
        """Bring the lane's nearest event off-screen on ``side`` into view, at this zoom
        (far-off history, such as a war decades before the story, is one click away)."""
        ln = self.tl_scene.lanes[lane].lp.lane
        d0, d1 = self.visible_range()
        w = self.viewport().width()
        if side == "earlier":
            k = bisect.bisect_right(ln.ends_sorted, d0) - 1
            if k < 0:
                return
            day, at = ln.ends_sorted[k], 0.75
        else:
            k = bisect.bisect_left(ln.starts, d1)
            if k >= len(ln.starts):
                return
            day, at = ln.starts[k], 0.25
        span = d1 - d0
        self._ensure_scene_covers(day - span, day + span)
        self._scroll_to_day(day, w * at)
        self._emit_range()
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.hit_at(event.position().toPoint()) is None:
            self.zoom_by(2.0, event.position().x())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            hit = self.hit_at(pos)
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_html(hit), self.viewport())  # type: ignore[attr-defined]
            return True
        return super().viewportEvent(event)

    def tooltip_html(self, hit: Hit) -> str:
        data = self.data
        assert data is not None
        if hit.event < 0:
            return f"<b>{hit.count:,} events</b><br>click to zoom in"
        ev = data.events[hit.event]
        d = ev.date
        rows = [f"<b>{html.escape(ev.title)}</b>"]
        if d is not None:
            how = {
                "stated": "stated in the text",
                "relative": "resolved from the article date",
                "reference": "from the reference chronology",
                "inferred": "estimated",
                "user": "set by you",
            }.get(d.source, d.source)
            rows.append(
                f"{html.escape(d.label())} ({html.escape(d.granularity)}) — {html.escape(how)}, "
                f"confidence {d.confidence:.0%}"
            )
        if ev.place:
            rows.append(f"Place: {html.escape(ev.place)}")
        for e in ev.edited:
            if e.field in ("title", "date"):
                rows.append(f"✎ {e.field} set by you (extracted: {html.escape(e.original)})")
        arts = [data.corpus.article(a) for a in ev.articles]
        names = [html.escape(f"{a.publisher or ''} — {a.title}".strip(" —")) for a in arts if a]
        rows.append(f"{len(names)} source{'s' if len(names) != 1 else ''}:")
        rows += [f"&nbsp;&nbsp;• {n}" for n in names[:8]]
        if len(names) > 8:
            rows.append(f"&nbsp;&nbsp;… and {len(names) - 8} more")
        for c in ev.conflicts:
            art = data.corpus.article(c.article)
            who = (art.publisher or art.title) if art else c.article
            rows.append(
                f"<span style='color:#d62f2f'>▼ {html.escape(c.date)} according to "
                f"{html.escape(who)}</span>"
            )
        return "<div style='white-space:nowrap'>" + "<br>".join(rows) + "</div>"

    # -- background and pinned overlays -----------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        try:
            self._draw_background(painter)
        finally:
            painter.restore()

    def _draw_background(self, painter: QPainter) -> None:
        st = self.style_
        painter.resetTransform()
        vp = self.viewport().rect()
        painter.fillRect(vp, st.background)
        vt = self.viewportTransform()
        d0, d1 = self.visible_range()
        for k, top in enumerate(self.tl_scene.tops):
            if k % 2:
                y = vt.map(QPointF(0.0, top)).y()
                painter.fillRect(QRectF(0, y, vp.width(), self.tl_scene.lanes[k].h), st.lane_alt)
        if self.data is not None and self.data.events:  # no dates to show, no calendar
            pt.paint_grid(painter, st, d0, d1, self.ppd, vt.dx(), pt.AXIS_H, vp.height())

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        try:
            self._draw_foreground(painter)
        finally:
            painter.restore()

    def _draw_foreground(self, painter: QPainter) -> None:
        st = self.style_
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        vp = self.viewport().rect()
        vt = self.viewportTransform()
        data = self.data
        d0, d1 = self.visible_range()
        if data is not None:
            for k, item in enumerate(self.tl_scene.lanes):
                y = vt.map(QPointF(0.0, self.tl_scene.tops[k])).y()
                if y + item.h < pt.AXIS_H or y > vp.height():
                    continue
                lane = item.lp.lane
                color = st.color(lane.key) if data.lane_mode == "category" else None
                before, after = lane.outside(d0, d1)
                pt.paint_lane_header(painter, st, lane, 0.0, y, color, before, after, vp.width())
        if data is not None and data.events:
            pt.paint_axis(painter, st, d0, d1, self.ppd, vt.dx(), 0.0, vp.width())
        if data is None or not data.events:
            painter.setPen(st.muted)
            text = self.message or "No events yet — open articles with File → Open (Ctrl+O)"
            painter.drawText(QRectF(vp), int(Qt.AlignmentFlag.AlignCenter), text)
        elif data is not None and data.undated:
            n = len(data.undated)
            painter.setPen(st.muted)
            painter.setFont(st.small)
            painter.drawText(
                QRectF(vp).adjusted(0, 0, -10, -6),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                f"{n} undated event{'s' if n != 1 else ''} — listed in the table",
            )
