"""Qt face of the plain-Python :class:`~nktimeline.selection.SelectionModel`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from nktimeline.selection import SelectionModel


class QtSelection(QObject):
    """Re-emits the model's changes as ``changed(event_id, mention, article_id)``.

    Event/article ids are passed as ``""`` when nothing is selected (Qt signals are typed).
    Every pane writes through :attr:`model` and reacts to :attr:`changed`; none calls another.
    """

    changed = Signal(str, int, str)

    def __init__(self, model: SelectionModel | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model or SelectionModel()
        self.model.changed.connect(self._relay)

    def _relay(self, event_id: str | None, mention: int, article_id: str | None) -> None:
        self.changed.emit(event_id or "", mention, article_id or "")

    # Convenience pass-throughs used by the panes.
    def select(self, event_id: str | None, mention: int = 0) -> None:
        self.model.select(event_id, mention)

    def select_article(self, article_id: str | None) -> None:
        self.model.select_article(article_id)

    def step(self, delta: int) -> None:
        self.model.step(delta)

    def step_mention(self, delta: int) -> None:
        self.model.step_mention(delta)

    @property
    def event_id(self) -> str | None:
        return self.model.event_id

    @property
    def mention(self) -> int:
        return self.model.mention

    @property
    def article_id(self) -> str | None:
        return self.model.article_id

    @property
    def order(self) -> list[str]:
        """Event ids in time order (Next/Previous)."""
        return self.model.order
