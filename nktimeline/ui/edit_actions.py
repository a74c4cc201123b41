"""The Edit menu: actions that correct the selected event, shared by the menu bar, the
context menus of the timeline, the table and the reader, and their keyboard shortcuts.

Every action reads the one selection model, asks what it needs in a dialog
(:mod:`nktimeline.ui.edit_dialogs`) and pushes one :class:`nktimeline.edits.Edit` on the
session's undo stack.  Dialogs run through :attr:`EditActions.run_dialog`, which tests
replace by a function that fills in the real dialog's widgets and accepts it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QWidget

from nktimeline.edits import Edit, MentionKey, describe_date, shifted, user_date
from nktimeline.edits.locate import sentence_around
from nktimeline.model import Article, Event
from nktimeline.ui.actions import make_action
from nktimeline.ui.edit_dialogs import (
    AddEventDialog,
    EventEditDialog,
    HistoryDialog,
    MergeDialog,
    RenameDialog,
    ResolveDialog,
    SplitDialog,
)
from nktimeline.ui.editing import EditSession
from nktimeline.ui.qt_selection import QtSelection

_Accepted = QDialog.DialogCode.Accepted


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class EditActions(QObject):
    """Edit actions of one window."""

    message = Signal(str)  # a line for the status bar
    reextractRequested = Signal(str)  # article id

    def __init__(
        self,
        session: EditSession,
        selection: QtSelection,
        parent: QWidget,
        selected_text: Callable[[], tuple[str, str]],
    ) -> None:
        """``selected_text()`` gives (article id, text) selected in the reader."""
        super().__init__(parent)
        self.session = session
        self.selection = selection
        self.window = parent
        self.selected_text = selected_text
        self.run_dialog: Callable[[QDialog], int] = lambda dlg: dlg.exec()
        stack = session.stack
        self.undo = stack.createUndoAction(self, "&Undo")
        self.undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo = stack.createRedoAction(self, "&Redo")
        redo_keys = ["Ctrl+Shift+Z"]
        redo_keys += [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        self.redo.setShortcuts([QKeySequence(k) for k in dict.fromkeys(redo_keys)])
        self.rename = self._action("&Rename event…", self.rename_event, "F2")
        self.edit = self._action("&Edit event…", self.edit_event, "Alt+Return")
        self.hide = self._action("&Hide event", self.hide_event, QKeySequence.StandardKey.Delete)
        self.merge = self._action("&Merge with…", self.merge_events, "Ctrl+M")
        self.split = self._action("&Split event…", self.split_event, "Ctrl+Shift+M")
        self.resolve = self._action("Resolve date &conflict…", self.resolve_conflict, "Ctrl+R")
        self.add = self._action("&Add event from selected text…", self.add_event, "Ctrl+Shift+A")
        self.history = self._action("Edit &history…", self.show_history, "Ctrl+H")
        self.remove_article = self._action("Remove &article from project", self.remove_focused)
        self.reextract = self._action("Re-e&xtract article", lambda: self._reextract_focused())
        self._history: HistoryDialog | None = None
        selection.changed.connect(lambda *_: self.update_enabled())
        session.changed.connect(lambda _c: self.update_enabled())
        self.update_enabled()

    def _action(self, text: str, slot: Callable[[], object], shortcut=None) -> QAction:
        return make_action(self, text, slot, shortcut)

    # -- menus -----------------------------------------------------------------------------
    def build_menu(self, bar: QMenuBar) -> QMenu:
        m = bar.addMenu("&Edit")
        m.addActions([self.undo, self.redo])
        m.addSeparator()
        m.addActions([self.rename, self.edit, self.hide])
        m.addSeparator()
        m.addActions([self.merge, self.split, self.resolve])
        m.addSeparator()
        m.addAction(self.add)
        m.addSeparator()
        m.addActions([self.remove_article, self.reextract])
        m.addSeparator()
        m.addAction(self.history)
        # the window must own the shortcuts even while the menu bar is hidden or native
        self.window.addActions([*m.actions()])
        return m

    def event_menu(self, parent: QWidget, with_add: bool = False) -> QMenu:
        """A context menu for the selected event (and, in the reader, for selected text)."""
        menu = QMenu(parent)
        menu.addActions([self.rename, self.edit, self.hide])
        menu.addSeparator()
        menu.addActions([self.merge, self.split, self.resolve])
        if with_add:
            menu.addSeparator()
            menu.addAction(self.add)
        menu.addSeparator()
        menu.addActions([self.undo, self.redo])
        return menu

    def update_enabled(self) -> None:
        ev = self.current()
        has = ev is not None
        for a in (self.rename, self.edit, self.hide):
            a.setEnabled(has)
        self.merge.setEnabled(has and len(self.session.corpus.events) > 1)
        self.split.setEnabled(has and ev is not None and len(ev.mentions) > 1)
        self.resolve.setEnabled(
            has
            and ev is not None
            and sum(1 for m in ev.mentions if m.date) > 0
            and bool(ev.conflicts)
        )
        focused = self.focused_article() is not None
        self.remove_article.setEnabled(focused)
        self.reextract.setEnabled(focused)

    # -- what the actions act on -----------------------------------------------------------
    def current(self) -> Event | None:
        return self.session.find_event(self.selection.event_id)

    def focused_article(self) -> Article | None:
        aid = self.selection.article_id
        corpus = self.session.corpus
        return next((a for a in corpus.articles if a.id == aid), None) if aid else None

    def _articles(self) -> dict[str, Article]:
        return {a.id: a for a in self.session.corpus.articles}

    def _categories(self) -> list[str]:
        return sorted({e.category for e in self.session.corpus.events} | {"other"})

    def _push(self, kind: str, ev: Event | None, values: dict, label: str) -> None:
        target = self.session.keys.event(ev) if ev is not None else ()
        self.session.push(Edit(kind, target, values, label))
        self.message.emit(f"{label} — Undo with Ctrl+Z")

    # -- the actions -----------------------------------------------------------------------
    def rename_event(self) -> None:
        ev = self.current()
        if ev is None:
            return
        dlg = RenameDialog(ev, self.window)
        if self.run_dialog(dlg) != _Accepted:
            return
        title = dlg.title.text().strip()
        if title and title != ev.title:
            self._push(
                "set", ev, {"title": title}, f"Rename '{_short(ev.title)}' to '{_short(title)}'"
            )

    def edit_event(self) -> None:
        ev = self.current()
        if ev is None:
            return
        dlg = EventEditDialog(ev, self._categories(), self.window)
        if self.run_dialog(dlg) != _Accepted:
            return
        values = dlg.values()
        if values:
            what = ", ".join(values)
            self._push("set", ev, values, f"Edit {what} of '{_short(ev.title)}'")

    def set_date(self, event_id: str, days: float) -> None:
        """Move an event by about ``days`` (a drag on the timeline), snapped to its
        granularity."""
        ev = self.session.find_event(event_id)
        if ev is None or ev.date is None:
            return
        new = shifted(ev.date, days)
        if (new.start, new.end) == (ev.date.start, ev.date.end):
            return
        label = f"Move '{_short(ev.title)}' to {new.label()}"
        self._push("set", ev, {"date": new}, label)

    def hide_event(self) -> None:
        ev = self.current()
        if ev is None:
            return
        order = self.selection.order
        pos = order.index(ev.id) if ev.id in order else -1
        self._push("hide", ev, {}, f"Hide '{_short(ev.title)}'")
        # keep a selection: the event that took its place in time order
        order = self.selection.order
        if order and pos >= 0:
            self.selection.select(order[min(pos, len(order) - 1)])

    def merge_events(self, preset: list[str] | None = None) -> None:
        ev = self.current()
        if ev is None:
            return
        dlg = MergeDialog(ev, self.session.corpus.events, self.window)
        for eid in preset or []:
            dlg.check(eid)
        if self.run_dialog(dlg) != _Accepted:
            return
        others = [e for e in self.session.corpus.events if e.id in set(dlg.chosen())]
        if not others:
            return
        keys = self.session.keys
        values = {"others": tuple(keys.event(o) for o in others)}
        n = len(others)
        self._push(
            "merge", ev, values, f"Merge {n} event{'s' if n > 1 else ''} into '{_short(ev.title)}'"
        )
        self.selection.select(ev.id)

    def split_event(self) -> None:
        ev = self.current()
        if ev is None or len(ev.mentions) < 2:
            return
        dlg = SplitDialog(ev, self._articles(), self.window)
        if self.run_dialog(dlg) != _Accepted:
            return
        moved = dlg.moved()
        if not 0 < len(moved) < len(ev.mentions):
            return
        keys = self.session.keys
        values = {"moved": tuple(keys.mention(ev.mentions[k]) for k in moved)}
        self._push("split", ev, values, f"Split {len(moved)} mention(s) off '{_short(ev.title)}'")

    def resolve_conflict(self) -> None:
        ev = self.current()
        if ev is None:
            return
        dlg = ResolveDialog(ev, self._articles(), self.window)
        if self.run_dialog(dlg) != _Accepted or dlg.winner() is None:
            return
        m = ev.mentions[dlg.winner()]
        values = {"winner": self.session.keys.mention(m), "reason": dlg.reason.text().strip()}
        date = m.date.label() if m.date else "?"
        self._push("resolve", ev, values, f"Date '{_short(ev.title)}' {date} (from {m.article})")

    def add_event(self) -> None:
        aid, text = self.selected_text()
        art = self._articles().get(aid) if aid else None
        if art is None or not text.strip():
            self.message.emit("Select the words of an event in the article first.")
            return
        where = sentence_around(art, text)
        if where is None:
            self.message.emit("The selected text was not found in the article.")
            return
        field, start, end = where
        sentence = art.text_of(field)[start:end]
        p = art.published
        day = p.value or p.anchor
        date = user_date(day, day, "day") if day is not None else None
        dlg = AddEventDialog(sentence, _short(text, 80), date, self._categories(), self.window)
        if self.run_dialog(dlg) != _Accepted:
            return
        v = dlg.values()
        key = MentionKey(art.sha256 or art.id, field, start, end, _short(text, 60))
        values = {"key": key, "title": v["title"], "date": v["date"], "category": v["category"]}
        self._push("add", None, values, f"Add '{_short(v['title'])}'")
        added = next(
            (
                e
                for e in self.session.corpus.events
                if e.mentions
                and e.edited_field("added")
                and self.session.keys.mention(e.mentions[0]) == key
            ),
            None,
        )
        if added is not None:
            self.selection.select(added.id)

    def remove_focused(self) -> None:
        art = self.focused_article()
        if art is not None:
            self.remove_articles([art])

    def remove_articles(self, articles: list[Article]) -> None:
        """One undoable step per article (their events go with them)."""
        stack = self.session.stack
        if len(articles) > 1:
            stack.beginMacro(f"Remove {len(articles)} articles")
        for art in articles:
            label = f"Remove article '{_short(art.title or art.id)}'"
            self.session.push(
                Edit("remove_article", (), {"sha": art.sha256 or art.id, "name": art.title}, label)
            )
        if len(articles) > 1:
            stack.endMacro()
        n = len(articles)
        self.message.emit(f"Removed {n} article{'s' if n != 1 else ''} — Undo with Ctrl+Z")

    def _reextract_focused(self) -> None:
        art = self.focused_article()
        if art is not None:
            self.reextractRequested.emit(art.id)

    def show_history(self) -> HistoryDialog:
        if self._history is None:
            self._history = HistoryDialog(self.session.stack, self.window)
            self._history.show_btn.clicked.connect(self._show_hidden)
            self.session.changed.connect(lambda _c: self._fill_history())
        self._fill_history()
        self._history.show()
        self._history.raise_()
        return self._history

    def _fill_history(self) -> None:
        if self._history is None:
            return
        applied = self.session.applied
        orphans = [e.label or e.kind for e in applied.orphans]
        hidden = [(e.id, f"{describe_date(e.date)} — {e.title}") for e in applied.hidden]
        self._history.set_state(orphans, hidden)

    def _show_hidden(self) -> None:
        if self._history is None:
            return
        item = self._history.hidden.currentItem() or self._history.hidden.item(0)
        if item is None:
            return
        eid = item.data(0x0100)
        ev = next((e for e in self.session.applied.hidden if e.id == eid), None)
        if ev is not None:
            self._push("show", ev, {}, f"Show '{_short(ev.title)}' again")
