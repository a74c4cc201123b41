"""File → Export timeline…: report options with a live preview, PNG / SVG / PDF and Print.

The preview is the export itself (:func:`nktimeline.ui.render.render`, the function the CLI
uses), drawn small and redrawn a moment after the options stop changing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nktimeline import export
from nktimeline.model import Corpus
from nktimeline.ui.plain import plain_label, warning_box
from nktimeline.ui.render import RenderError, RenderOptions, default_title, render

FORMATS = (("PNG image", "png"), ("SVG drawing", "svg"), ("PDF document", "pdf"))
FILTERS = {"png": "PNG images (*.png)", "svg": "SVG drawings (*.svg)", "pdf": "PDF files (*.pdf)"}
PAGE_MM = {"A4": (297.0, 210.0), "Letter": (279.4, 215.9)}  # landscape
PREVIEW_W, PREVIEW_H = 560, 400
DEBOUNCE_MS = 200


def _page_id(name: str) -> QPageSize.PageSizeId:
    return QPageSize.PageSizeId.Letter if name == "Letter" else QPageSize.PageSizeId.A4


class ExportDialog(QDialog):
    """Title, date range, lanes, legend, sources, format, width and scale, with a preview.

    ``view_range`` (first, last day) is the timeline's current view, offered as a range.
    After Export, :attr:`written` holds (path, note) for the status bar."""

    previewUpdated = Signal()

    def __init__(
        self,
        corpus: Corpus,
        *,
        lanes: str = "category",
        view_range: tuple[float, float] | None = None,
        view_width: int = 1800,
        start_dir: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export timeline")
        self.corpus = corpus
        self.view_range = view_range
        self.view_width = view_width
        self.start_dir = start_dir
        self.written: tuple[str, str] | None = None
        self.preview_image: QImage | None = None
        self.preview_pages = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_preview)

        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText(default_title(corpus))
        self.whole = QRadioButton("Whole timeline")
        self.current = QRadioButton("Current view")
        self.custom = QRadioButton("From")
        self.whole.setChecked(True)
        self.current.setEnabled(view_range is not None)
        group = QButtonGroup(self)
        for b in (self.whole, self.current, self.custom):
            group.addButton(b)
        first, last = _corpus_days(corpus)
        self.first = QLineEdit(first)
        self.last = QLineEdit(last)
        for edit, name in ((self.first, "From date"), (self.last, "To date")):
            edit.setAccessibleName(name)
            edit.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
            edit.setEnabled(False)
        self.range_error = plain_label()
        self.range_error.setStyleSheet("color: #c62828")
        self.range_error.setWordWrap(True)
        self.lanes = QComboBox()
        self.lanes.setAccessibleName("Lanes")
        self.lanes.addItem("By category", "category")
        self.lanes.addItem("By article", "article")
        self.lanes.setCurrentIndex(1 if lanes == "article" else 0)
        self.legend = QCheckBox("Legend")
        self.legend.setChecked(True)
        self.sources = QCheckBox("List of sources")
        self.sources.setChecked(True)
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for label, key in FORMATS:
            self.format.addItem(label, key)
        self.width_box = QSpinBox()
        self.width_box.setAccessibleName("Width in pixels")
        self.width_box.setRange(600, 12000)
        self.width_box.setSingleStep(100)
        self.width_box.setValue(1800)
        self.scale = QComboBox()
        self.scale.setAccessibleName("Scale")
        for s in (1, 2, 3):
            self.scale.addItem(f"{s}×", float(s))
        self.page_size = QComboBox()
        self.page_size.setAccessibleName("Page size")
        for name in PAGE_MM:
            self.page_size.addItem(f"{name}, landscape", name)

        range_row = QHBoxLayout()
        range_row.addWidget(self.custom)
        range_row.addWidget(self.first, 1)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.last, 1)
        show_row = QHBoxLayout()
        show_row.addWidget(self.legend)
        show_row.addWidget(self.sources)
        form = QFormLayout()
        form.addRow("Title:", self.title)
        form.addRow("Dates:", self.whole)
        form.addRow("", self.current)
        form.addRow("", range_row)
        form.addRow("", self.range_error)
        form.addRow("Lanes:", self.lanes)
        form.addRow("Show:", show_row)
        form.addRow("Format:", self.format)
        form.addRow("Width (px):", self.width_box)
        form.addRow("Scale:", self.scale)
        form.addRow("Paper:", self.page_size)

        self.preview = QLabel()
        self.preview.setAccessibleName("Preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(QSize(PREVIEW_W, PREVIEW_H))
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("background: #e9ebee")
        self.preview_note = plain_label()
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.preview_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.export_button.setText("Export…")
        self.print_button = QPushButton("Print…")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.export_clicked)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_dialog)

        top = QHBoxLayout()
        top.addLayout(form)
        top.addLayout(right, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addWidget(self.buttons)

        self.custom.toggled.connect(self.first.setEnabled)
        self.custom.toggled.connect(self.last.setEnabled)
        self.current.toggled.connect(self._current_toggled)
        self.format.currentIndexChanged.connect(self._format_changed)
        for sig in (
            self.title.textChanged,
            self.first.textChanged,
            self.last.textChanged,
            self.whole.toggled,
            self.current.toggled,
            self.custom.toggled,
            self.lanes.currentIndexChanged,
            self.legend.toggled,
            self.sources.toggled,
            self.format.currentIndexChanged,
            self.width_box.valueChanged,
            self.page_size.currentIndexChanged,
        ):
            sig.connect(self.schedule_preview)
        self._format_changed()
        if not corpus.events:
            self.export_button.setEnabled(False)
            self.print_button.setEnabled(False)
            self.preview.setText("Nothing to export: the timeline has no events.")
        else:
            self.refresh_preview()

    # -- options ----------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def options(self) -> RenderOptions:
        """The render options chosen; ValueError (with a message) for a bad date range."""
        view_range = None
        if self.current.isChecked():
            view_range = self.view_range
        elif self.custom.isChecked():
            view_range = export.day_range(self.first.text() or "0001", self.last.text() or "9999")
        return RenderOptions(
            title=self.title.text().strip() or None,
            width=int(self.width_box.value()),
            scale=float(self.scale.currentData()),
            view_range=view_range,
            lanes=str(self.lanes.currentData()),
            legend=self.legend.isChecked(),
            sources=self.sources.isChecked(),
        )

    def _current_toggled(self, on: bool) -> None:
        if on:
            self.width_box.setValue(max(600, min(12000, self.view_width)))

    def _format_changed(self) -> None:
        fmt = self.fmt
        self.width_box.setEnabled(fmt != "pdf")
        self.scale.setEnabled(fmt == "png")
        self.page_size.setEnabled(fmt == "pdf")

    # -- preview ----------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        """Redraw the preview once the options have stopped changing for a moment."""
        self._timer.start()

    def refresh_preview(self) -> None:
        self._timer.stop()
        if not self.corpus.events:
            return
        try:
            opts = self.options()
        except ValueError as exc:
            self.range_error.setText(str(exc))
            self.export_button.setEnabled(False)
            self.print_button.setEnabled(False)
            return
        self.range_error.setText("")
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)
        box = self.preview.contentsRect().size()
        box_w, box_h = max(box.width() - 8, 200), max(box.height() - 8, 150)
        try:
            if self.fmt == "pdf":
                from nktimeline.ui.render import render_page_image

                w_mm, h_mm = PAGE_MM[str(self.page_size.currentData())]
                px_w = int(min(box_w, box_h * w_mm / h_mm))
                done = render_page_image(self.corpus, opts, w_mm, h_mm, px_w)
                img = done.image
                self.preview_pages = done.pages
                pages = done.pages
                note = f"Page 1 of {pages} ({self.page_size.currentText()})"
            else:
                # draw at about twice the shown size, then scale down smoothly
                s = min(1.0, 2.0 * box_w / opts.width)
                done = render(self.corpus, None, replace(opts, scale=s))
                img = done.image
                self.preview_pages = 1
                if self.fmt == "png":
                    note = f"{round(done.width * opts.scale):,} × "
                    note += f"{round(done.height * opts.scale):,} px"
                else:
                    note = f"SVG, {round(done.width):,} × {round(done.height):,}"
        except RenderError as exc:
            self.preview.setText(str(exc))
            self.preview_note.setText("")
            return
        assert img is not None
        img.setDevicePixelRatio(1.0)
        self.preview_image = img
        pix = QPixmap.fromImage(img).scaled(
            box_w,
            box_h,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pix)
        self.preview_note.setText(note)
        self.previewUpdated.emit()

    # -- export and print -------------------------------------------------------------------
    def export_to(self, path: str) -> str:
        """Write the chosen format to ``path``; returns a note for the status bar.  Raises
        ExportError (an OSError, with a message for people) or ValueError (bad range)."""
        opts = self.options()
        fmt = self.fmt
        if fmt == "png":
            w, h = export.write_png(self.corpus, path, opts)
            return f"({w}×{h} px)"
        if fmt == "svg":
            export.write_svg(self.corpus, path, opts)
            return "(SVG)"
        pages = export.write_pdf(self.corpus, path, opts, str(self.page_size.currentData()))
        return f"(PDF, {pages} page{'s' if pages != 1 else ''})"

    def _ask_path(self) -> str:
        fmt = self.fmt
        start = str(Path(self.start_dir or ".") / f"timeline.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, "Export timeline", start, FILTERS[fmt])
        if path and not path.lower().endswith("." + fmt):
            path += "." + fmt
        return path

    def export_clicked(self) -> None:
        """Export…: ask where, write, close (or say why not and stay open)."""
        path = self._ask_path()
        if not path:
            return
        try:
            note = self.export_to(path)
        except (OSError, ValueError) as exc:
            warning_box(self, "Export failed", str(exc)).exec()
            return
        self.written = (path, note)
        self.accept()

    def print_to(self, printer: QPrinter) -> int:
        """Print on ``printer`` (pages laid out as in the PDF, on the paper and orientation the
        print dialog chose); returns the number of pages."""
        return render(self.corpus, printer, self.options()).pages

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(_page_id(str(self.page_size.currentData()))))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setDocName(self.title.text().strip() or "Timeline")
        dlg = QPrintDialog(printer, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            pages = self.print_to(printer)
        except (RenderError, ValueError) as exc:
            warning_box(self, "Printing failed", str(exc)).exec()
            return
        self.preview_note.setText(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")


def _corpus_days(corpus: Corpus) -> tuple[str, str]:
    """First and last dated day of ``corpus`` as YYYY-MM-DD (empty without dates)."""
    days = [d for e in corpus.events if e.date for d in (e.date.start, e.date.end)]
    if not days:
        return "", ""
    return min(days).isoformat(), max(days).isoformat()
