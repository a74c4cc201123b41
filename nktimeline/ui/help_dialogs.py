"""Help menu dialogs: the keyboard shortcuts (read from the window's own actions, so the
list never goes stale) and a short guide to how dates are found."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nktimeline.paths import resource


def _plain(text: str) -> str:
    """A menu text without its mnemonic marks and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _walk(menu: QMenu, path: str, out: dict[int, tuple[QAction, str]]) -> None:
    for act in menu.actions():
        sub = act.menu()
        if isinstance(sub, QMenu):
            _walk(sub, f"{path} → {_plain(sub.title())}", out)
        elif not act.isSeparator():
            out.setdefault(id(act), (act, path))


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(where, action, keys) for every QAction of ``window`` that has a shortcut: those of
    its menus (in menu order), then any other action it or its children hold."""
    found: dict[int, tuple[QAction, str]] = {}
    bar = window.findChild(QMenuBar)
    if bar is not None:
        for act in bar.actions():
            sub = act.menu()
            if isinstance(sub, QMenu):
                _walk(sub, _plain(sub.title()), found)
    for act in [*window.actions(), *window.findChildren(QAction)]:
        found.setdefault(id(act), (act, ""))
    rows = []
    for act, where in found.values():
        keys = [k for k in act.shortcuts() if not k.isEmpty()]
        if not keys or not act.text():
            continue
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.append((where or "Other", _plain(act.text()), shown))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every keyboard shortcut of the window: menu, command, keys."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.resize(560, 520)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts: menu, command and keys")
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            "Close keyboard shortcuts"
        )
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)


class DatesGuideDialog(QDialog):
    """The guide to how dates are found: the date sources (stated, relative, reference, publication,
    inferred, user), from resources/ui/dates_help.html."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How dates are found")
        self.setAccessibleName("How dates are found")
        self.resize(620, 560)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Guide to how dates are found")
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        try:
            guide = resource("ui/dates_help.html").read_text(encoding="utf-8")
        except OSError:
            guide = "<p>The guide could not be read.</p>"
        self.text.setHtml(guide)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            "Close the guide to dates"
        )
        lay = QVBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(buttons)


def show_shortcuts(window: QWidget) -> ShortcutsDialog:
    dlg = ShortcutsDialog(window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg


def show_dates_guide(window: QWidget) -> DatesGuideDialog:
    dlg = DatesGuideDialog(window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg
