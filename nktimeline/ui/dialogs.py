"""Small dialogs: PNG export options and the non-modal list of files that failed to load."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nktimeline.model import LoadError
from nktimeline.ui.plain import plain_label, plain_tooltip


class ExportPngDialog(QDialog):
    """Whole timeline or current view, scale 1x/2x/3x, width."""

    def __init__(self, view_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export timeline as PNG")
        self.whole = QRadioButton("Whole timeline")
        self.current = QRadioButton("Current view")
        self.whole.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.current)
        self.scale = QComboBox()
        self.scale.setAccessibleName("Scale")
        for s in (1, 2, 3):
            self.scale.addItem(f"{s}×", float(s))
        self.width_box = QSpinBox()
        self.width_box.setAccessibleName("Width in pixels")
        self.width_box.setRange(600, 12000)
        self.width_box.setSingleStep(100)
        self.width_box.setValue(1800)
        self.view_width = view_width
        self.current.toggled.connect(self._toggle)
        form = QFormLayout()
        form.addRow(self.whole)
        form.addRow(self.current)
        form.addRow("Width (px):", self.width_box)
        form.addRow("Scale:", self.scale)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def _toggle(self, current: bool) -> None:
        if current:
            self.width_box.setValue(max(600, self.view_width))
        self.width_box.setEnabled(not current)

    def options(self) -> dict:
        return {
            "whole": self.whole.isChecked(),
            "scale": float(self.scale.currentData()),
            "width": int(self.width_box.value()),
        }


class LoadErrorsDialog(QDialog):
    """Non-modal list of files that could not be loaded, with the reason for each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Files that could not be loaded")
        self.setModal(False)
        self.resize(640, 300)
        self.label = plain_label()
        self.list = QListWidget()
        self.list.setAccessibleName("Files that failed to load")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)

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
