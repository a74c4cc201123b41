"""Small dialogs: the non-modal list of files that failed to load.  (The export dialog is
:mod:`nktimeline.ui.export_dialog`.)"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nktimeline.model import LoadError
from nktimeline.ui.plain import plain_label, plain_tooltip
from nktimeline.ui.settings import read


class LoadErrorsDialog(QDialog):
    """Non-modal list of files that could not be loaded, with the reason for each, and a
    button that removes them from the corpus (the window's File action of that name).

    It opens by itself once per distinct set of failures (:meth:`show_once`); the same
    failures at the next start only show the status bar's button, which opens it again."""

    SHOWN_KEY = "errors/shown"  # settings: fingerprints of the failure sets already shown
    REMEMBERED = 50

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Files that could not be loaded")
        self.setAccessibleName("Files that could not be loaded")
        self.setModal(False)
        self.resize(640, 300)
        self.label = plain_label()
        self.label.setAccessibleName("How many files could not be loaded")
        self.list = QListWidget()
        self.list.setAccessibleName("Files that failed to load")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the list of files that could not be loaded")
        self.remove_btn = buttons.addButton(
            "Remove from corpus", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.remove_btn.setAccessibleName("Remove the files that could not be loaded")
        self.remove_btn.setToolTip("Forget these files: the project lists only the loaded ones")
        self.remove_btn.setEnabled(False)
        self.remove_btn.setAutoDefault(False)  # Enter closes; removing takes a deliberate click
        close.setDefault(True)
        self.remove_btn.clicked.connect(self._remove)
        self._remove_action: QAction | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)

    def set_remove_action(self, action: QAction) -> None:
        """What "Remove from corpus" runs (File → Remove files that could not be loaded)."""
        self._remove_action = action
        self.remove_btn.setEnabled(action.isEnabled() and self.list.count() > 0)

    def _remove(self) -> None:
        if self._remove_action is not None:
            self._remove_action.trigger()
        self.hide()

    def set_errors(self, errors: tuple[LoadError, ...] | list[LoadError]) -> None:
        self.list.clear()
        for e in errors:
            # List items are drawn as plain text; tooltips are not, so they are escaped.
            item = QListWidgetItem(f"{e.path} — {e.message}")
            item.setToolTip(plain_tooltip(f"{e.path}\n{e.message}"))
            self.list.addItem(item)
        n = len(errors)
        self.label.setText(
            f"{n} file{'s' if n != 1 else ''} could not be loaded; the others were loaded."
        )
        action = self._remove_action
        self.remove_btn.setEnabled(bool(errors) and (action is None or action.isEnabled()))

    @staticmethod
    def fingerprint(errors: Iterable[LoadError]) -> str:
        """One short key per distinct set of failures (which files, and why)."""
        pairs = sorted({f"{e.path}\0{e.stage}\0{e.message}" for e in errors})
        data = "\n".join(pairs).encode("utf-8", "surrogateescape")
        return hashlib.sha256(data).hexdigest()[:24]

    def show_once(self, settings: QSettings, errors: Sequence[LoadError]) -> bool:
        """Show the dialog unless these very failures were shown before; True if shown."""
        key = self.fingerprint(errors)
        stored = read(settings, self.SHOWN_KEY, str, "")
        seen = stored.split() if isinstance(stored, str) else []
        if key in seen:
            return False
        seen = [*[k for k in seen if k != key], key][-self.REMEMBERED :]
        settings.setValue(self.SHOWN_KEY, " ".join(seen))
        self.show()
        return True
