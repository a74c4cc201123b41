"""The user's corrections in the window: extracted corpus + edits, behind one undo stack.

:class:`EditSession` keeps the corpus as extracted (``base``), the edits made on top of it
(in order) and the corpus they give (``applied``).  Every change goes through
:meth:`EditSession.push`, which puts a :class:`QUndoCommand` on :attr:`EditSession.stack`:
redo appends the edit, undo takes it off again; either way the edits are re-applied
(:func:`nktimeline.edits.apply_edits`, a pure function) and :attr:`EditSession.changed`
carries the new corpus to the window.  Panes never change the corpus themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nktimeline.edits import Applied, Edit, Keys, apply_edits, now_iso
from nktimeline.model import Corpus, Event


class _EditCommand(QUndoCommand):
    def __init__(self, session: EditSession, edit: Edit) -> None:
        super().__init__(edit.label or edit.kind)
        self.session = session
        self.edit = edit

    def redo(self) -> None:
        self.session._append(self.edit)

    def undo(self) -> None:
        self.session._remove_last(self.edit)


class EditSession(QObject):
    """Extracted corpus, edits and undo stack of one project."""

    changed = Signal(object)  # the corpus with the edits applied
    editsChanged = Signal()  # the list of edits changed (the project has unsaved changes)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.base = Corpus()
        self.edits: list[Edit] = []
        self.applied = Applied(Corpus())
        self.keys = Keys.of(self.base)

    # -- state -----------------------------------------------------------------------------
    @property
    def corpus(self) -> Corpus:
        return self.applied.corpus

    def set_base(self, corpus: Corpus) -> None:
        """A newly extracted corpus; the edits stay and are applied to it."""
        self.base = corpus
        self.keys = Keys.of(corpus)
        self._refresh()

    def reset(self, edits: list[Edit] | None = None) -> None:
        """Start over with ``edits`` (a project just opened): no undo history."""
        self.stack.clear()
        self.edits = list(edits or [])
        self._refresh()
        self.editsChanged.emit()

    def find_event(self, event_id: str | None) -> Event | None:
        if not event_id:
            return None
        return next((e for e in self.corpus.events if e.id == event_id), None)

    # -- changes ---------------------------------------------------------------------------
    def push(self, edit: Edit) -> None:
        """Apply ``edit`` as one undoable step."""
        if not edit.created:
            edit = Edit(edit.kind, edit.target, edit.values, edit.label, now_iso())
        self.stack.push(_EditCommand(self, edit))

    def _append(self, edit: Edit) -> None:
        self.edits.append(edit)
        self._refresh()
        self.editsChanged.emit()

    def _remove_last(self, edit: Edit) -> None:
        if self.edits and self.edits[-1] is edit:
            self.edits.pop()
        elif edit in self.edits:  # never expected: the stack is the only writer
            self.edits.remove(edit)
        self._refresh()
        self.editsChanged.emit()

    def _refresh(self) -> None:
        self.applied = apply_edits(self.base, self.edits)
        self.changed.emit(self.applied.corpus)
