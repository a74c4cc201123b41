"""The window's one event filter, with a signal: the filter bar writes it; the table, the
timeline, the status line and the exports read it.  Changing it never changes the
selection (that is the selection model's alone)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from nktimeline.filters import EventFilter


class FilterModel(QObject):
    changed = Signal(object)  # the new EventFilter

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = EventFilter()

    def update(self, **fields) -> None:
        """Change some fields (see :class:`EventFilter`); emits only on a real change."""
        new = self.spec.changed(**fields)
        if new != self.spec:
            self.spec = new
            self.changed.emit(new)

    def clear(self) -> None:
        if self.spec.active:
            self.spec = EventFilter()
            self.changed.emit(self.spec)
