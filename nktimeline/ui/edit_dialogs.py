"""Dialogs that correct the chronology: edit an event, merge, split, resolve a conflict, add
an event from a sentence, and the edit history.

Each dialog only collects what the user chose (``values()``, ``chosen()`` …); the window
turns that into an :class:`nktimeline.edits.Edit` and pushes it on the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from nktimeline.edits import EditError, describe_date, parse_user_date
from nktimeline.model import Article, DateValue, Event
from nktimeline.ui.plain import plain_label

DATE_HINT = "YYYY-MM-DD, YYYY-MM or YYYY"
_OK = QDialogButtonBox.StandardButton.Ok
_CANCEL = QDialogButtonBox.StandardButton.Cancel


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(_OK | _CANCEL)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _date_texts(d: DateValue | None) -> tuple[str, str]:
    """The date as the two fields show it (the end only when it is not implied)."""
    if d is None:
        return "", ""
    start = d.iso_start()
    end = d.iso_end()
    return start, "" if end == start else end


def _sentence(text: str) -> str:
    """A message as a sentence: capital first letter, full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _muted(text: str) -> QLabel:
    label = plain_label(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text)")
    return label


class DateFields:
    """ "From" and "To" line edits that read a user's date (or none)."""

    def __init__(self, d: DateValue | None, name: str) -> None:
        self.start = QLineEdit()
        self.start.setPlaceholderText(DATE_HINT)
        self.start.setAccessibleName(f"{name}: from")
        self.end = QLineEdit()
        self.end.setPlaceholderText("optional end, " + DATE_HINT)
        self.end.setAccessibleName(f"{name}: to")
        s, e = _date_texts(d)
        self.start.setText(s)
        self.end.setText(e)

    def value(self) -> DateValue | None:
        """The date typed, None when both fields are empty; raises EditError."""
        if not self.start.text().strip():
            if self.end.text().strip():
                raise EditError("give a start date (or leave both dates empty)")
            return None
        return parse_user_date(self.start.text(), self.end.text())


class EventEditDialog(QDialog):
    """Title, date, category, place, participants and a note of one event."""

    def __init__(self, event: Event, categories: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit event")
        self.event = event
        self.title = QLineEdit(event.title)
        self.title.setAccessibleName("Title")
        self.dates = DateFields(event.date, "Date")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setAccessibleName("Category")
        self.category.addItems(sorted({*categories, event.category}))
        self.category.setCurrentText(event.category)
        self.place = QLineEdit(event.place or "")
        self.place.setAccessibleName("Place")
        self.participants = QLineEdit(", ".join(event.participants))
        self.participants.setAccessibleName("Participants, separated by commas")
        self.note = QPlainTextEdit(event.note)
        self.note.setAccessibleName("Note")
        self.note.setFixedHeight(70)
        self.error = plain_label("")
        self.error.setStyleSheet("color: #d62f2f")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        self._original(form, "title")
        form.addRow("&From:", self.dates.start)
        form.addRow("To:", self.dates.end)
        self._original(form, "date")
        form.addRow("&Category:", self.category)
        form.addRow("&Place:", self.place)
        form.addRow("P&articipants:", self.participants)
        form.addRow("&Note:", self.note)
        self.buttons = _buttons(self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        for w in (self.dates.start, self.dates.end):
            w.textChanged.connect(self._check)
        self.title.textChanged.connect(self._check)
        self.resize(520, self.sizeHint().height())
        self._check()

    def _original(self, form: QFormLayout, name: str) -> None:
        e = self.event.edited_field(name)
        if e is not None:
            form.addRow("", _muted(f"Set by you; extracted: {e.original or '(none)'}"))

    def _check(self) -> None:
        problem = ""
        if not self.title.text().strip():
            problem = "A title cannot be empty."
        else:
            try:
                self.dates.value()
            except EditError as exc:
                problem = _sentence(str(exc))
        self.error.setText(problem)
        self.buttons.button(_OK).setEnabled(not problem)

    def values(self) -> dict:
        """The fields the user changed (empty: nothing changed)."""
        ev = self.event
        out: dict = {}
        if self.title.text().strip() != ev.title:
            out["title"] = self.title.text().strip()
        new_date = self.dates.value()
        if _date_texts(new_date) != _date_texts(ev.date) or (
            new_date is not None
            and ev.date is not None
            and new_date.granularity != ev.date.granularity
        ):
            out["date"] = new_date
        if (
            self.category.currentText().strip()
            and self.category.currentText().strip() != ev.category
        ):
            out["category"] = self.category.currentText().strip()
        place = self.place.text().strip()
        if place != (ev.place or ""):
            out["place"] = place or None
        people = tuple(p.strip() for p in self.participants.text().split(",") if p.strip())
        if people != ev.participants:
            out["participants"] = people
        if self.note.toPlainText().strip() != ev.note:
            out["note"] = self.note.toPlainText().strip()
        return out


class RenameDialog(QDialog):
    def __init__(self, event: Event, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename event")
        self.title = QLineEdit(event.title)
        self.title.setAccessibleName("New title")
        self.title.selectAll()
        self.buttons = _buttons(self)
        self.title.textChanged.connect(
            lambda t: self.buttons.button(_OK).setEnabled(bool(t.strip()))
        )
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label("Title:"))
        lay.addWidget(self.title)
        e = event.edited_field("title")
        if e is not None:
            lay.addWidget(_muted(f"Extracted title: {e.original}"))
        lay.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())


def _checkable(text: str, data: object = None) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _checked_rows(lst: QListWidget) -> list[int]:
    return [i for i in range(lst.count()) if lst.item(i).checkState() == Qt.CheckState.Checked]


def _event_line(e: Event) -> str:
    return f"{e.date.label() if e.date else 'undated'} — {e.title}"


class MergeDialog(QDialog):
    """Choose the events that become one with ``target`` (nearest dates first)."""

    def __init__(
        self, target: Event, events: tuple[Event, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge events")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter…")
        self.filter.setAccessibleName("Filter the events to merge")
        self.list = QListWidget()
        self.list.setAccessibleName("Events to merge into the selected one")
        t0 = target.date.start.toordinal() if target.date else None

        def distance(e: Event) -> tuple:
            if t0 is None or e.date is None:
                return (e.date is not None, 0, e.title)
            return (False, abs(e.date.start.toordinal() - t0), e.title)

        for e in sorted((e for e in events if e.id != target.id), key=distance):
            self.list.addItem(_checkable(_event_line(e), e.id))
        self.filter.textChanged.connect(self._filter)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(f"Merge into: {_event_line(target)}"))
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)
        self.buttons = _buttons(self)
        lay.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _i: self._update())
        self._update()
        self.resize(560, 420)

    def _filter(self, text: str) -> None:
        low = text.lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(low) and low not in item.text().lower())

    def _update(self) -> None:
        self.buttons.button(_OK).setEnabled(bool(self.chosen()))

    def check(self, event_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == event_id:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in _checked_rows(self.list)]


def _mention_line(e: Event, k: int, articles: dict[str, Article]) -> str:
    m = e.mentions[k]
    art = articles.get(m.article)
    name = (art.publisher or art.title) if art else m.article
    sentence = " ".join(m.sentence.split())
    if len(sentence) > 110:
        sentence = sentence[:107].rsplit(" ", 1)[0] + "…"
    date = m.date.label() if m.date else "no date"
    return f"{name} [{date}]: {sentence}"


class SplitDialog(QDialog):
    """Choose the mentions that become an event of their own."""

    def __init__(
        self, event: Event, articles: dict[str, Article], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Split event")
        self.list = QListWidget()
        self.list.setAccessibleName("Mentions that move to a new event")
        for k in range(len(event.mentions)):
            self.list.addItem(_checkable(_mention_line(event, k, articles)))
        self.buttons = _buttons(self)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(f"Move the checked mentions of '{event.title}' to a new event:"))
        lay.addWidget(self.list, 1)
        lay.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _i: self._update())
        self._update()
        self.resize(640, 360)

    def _update(self) -> None:
        n = len(self.moved())
        self.buttons.button(_OK).setEnabled(0 < n < self.list.count())

    def set_moved(self, indices: list[int]) -> None:
        for k in indices:
            self.list.item(k).setCheckState(Qt.CheckState.Checked)

    def moved(self) -> list[int]:
        return _checked_rows(self.list)


class ResolveDialog(QDialog):
    """Choose which source's date wins, and say why."""

    def __init__(
        self, event: Event, articles: dict[str, Article], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resolve date conflict")
        self.list = QListWidget()
        self.list.setAccessibleName("Sources and their dates; the chosen one wins")
        for k, m in enumerate(event.mentions):
            if m.date is None:
                continue
            item = QListWidgetItem(_mention_line(event, k, articles))
            item.setData(Qt.ItemDataRole.UserRole, k)
            self.list.addItem(item)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why this source (optional)")
        self.reason.setAccessibleName("Reason")
        self.buttons = _buttons(self)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(f"'{event.title}' is dated {describe_date(event.date)}."))
        lay.addWidget(plain_label("Which source gives the right date?"))
        lay.addWidget(self.list, 1)
        lay.addWidget(self.reason)
        lay.addWidget(self.buttons)
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self._update()
        self.resize(640, 360)

    def _update(self) -> None:
        self.buttons.button(_OK).setEnabled(self.list.currentRow() >= 0)

    def winner(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class AddEventDialog(QDialog):
    """A new event told by a sentence the user selected in the reader."""

    def __init__(
        self,
        sentence: str,
        title: str,
        date: DateValue | None,
        categories: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add event")
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Title")
        self.dates = DateFields(date, "Date")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setAccessibleName("Category")
        self.category.addItems(sorted(set(categories)) or ["other"])
        self.category.setCurrentText(
            "other" if "other" in categories else categories[0] if categories else "other"
        )
        self.error = plain_label("")
        self.error.setStyleSheet("color: #d62f2f")
        quote = _muted(f"“{' '.join(sentence.split())}”")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&From:", self.dates.start)
        form.addRow("To:", self.dates.end)
        form.addRow("&Category:", self.category)
        self.buttons = _buttons(self)
        lay = QVBoxLayout(self)
        lay.addWidget(quote)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        for w in (self.title, self.dates.start, self.dates.end):
            w.textChanged.connect(self._check)
        self.resize(520, self.sizeHint().height())
        self._check()

    def _check(self) -> None:
        problem = "" if self.title.text().strip() else "A title cannot be empty."
        if not problem:
            try:
                self.dates.value()
            except EditError as exc:
                problem = _sentence(str(exc))
        self.error.setText(problem)
        self.buttons.button(_OK).setEnabled(not problem)

    def values(self) -> dict:
        return {
            "title": self.title.text().strip(),
            "date": self.dates.value(),
            "category": self.category.currentText().strip() or "other",
        }


class HistoryDialog(QDialog):
    """The undo history (click a step to go back to it), the edits that no longer find
    their event, and the hidden events (which can be shown again)."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit history")
        self.setModal(False)
        self.view = QUndoView(stack)
        self.view.setEmptyLabel("Extracted chronology")
        self.view.setAccessibleName("Edit history")
        self.orphans = QListWidget()
        self.orphans.setAccessibleName("Edits whose event no longer exists")
        self.hidden = QListWidget()
        self.hidden.setAccessibleName("Hidden events")
        self.show_btn = QPushButton("Show again")
        self.show_btn.setAccessibleName("Show the chosen hidden event again")
        self.orphans_label = plain_label("")
        self.hidden_label = plain_label("")
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label("Steps (click one to go back to it):"))
        lay.addWidget(self.view, 2)
        lay.addWidget(self.orphans_label)
        lay.addWidget(self.orphans, 1)
        lay.addWidget(self.hidden_label)
        lay.addWidget(self.hidden, 1)
        lay.addWidget(self.show_btn, 0, Qt.AlignmentFlag.AlignRight)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        lay.addWidget(close)
        self.resize(520, 560)

    def set_state(self, orphans: list[str], hidden: list[tuple[str, str]]) -> None:
        """``orphans``: labels of edits not applied; ``hidden``: (event id, line)."""
        self.orphans.clear()
        self.orphans.addItems(orphans)
        self.orphans_label.setText(
            f"Edits not applied — their event is gone ({len(orphans)}):"
            if orphans
            else "Every edit found its event."
        )
        self.hidden.clear()
        for eid, line in hidden:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, eid)
            self.hidden.addItem(item)
        self.hidden_label.setText(f"Hidden events ({len(hidden)}):")
        self.show_btn.setEnabled(bool(hidden))


class ConfirmRemoveDialog(QDialog):
    """Remove articles from the project (their events go with them)."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove from project")
        lay = QVBoxLayout(self)
        n = len(names)
        lay.addWidget(
            plain_label(
                f"Remove {n} article{'s' if n != 1 else ''} and the events only "
                f"{'they report' if n != 1 else 'it reports'}? (Undo brings them back.)"
            )
        )
        lst = QListWidget()
        lst.addItems(names)
        lay.addWidget(lst)
        self.confirm = QCheckBox("Don't ask again this session")
        lay.addWidget(self.confirm)
        lay.addWidget(_buttons(self))
