"""PNG/JSON/CSV export, the export dialog (live preview, formats, print) and its menu."""

from __future__ import annotations

import csv
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from nktimeline.export import CSV_COLUMNS, render_png, write_csv, write_json


def _colours(img: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            seen.add(img.pixel(x, y))
    return len(seen)


def test_png_has_requested_size_and_content(tmp_path, sample_corpus):
    out = tmp_path / "t.png"
    w, h = render_png(sample_corpus, out, width=1600)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (w, h) and w == 1600 and h > 300
    assert _colours(img) > 30  # text, marks, lanes: not a blank canvas


def test_png_scale_multiplies_pixels(tmp_path, sample_corpus):
    w1, h1 = render_png(sample_corpus, tmp_path / "a.png", width=1000, scale=1.0)
    w2, h2 = render_png(sample_corpus, tmp_path / "b.png", width=1000, scale=2.0)
    assert w2 == 2 * w1 and abs(h2 - 2 * h1) <= 2


def test_png_current_view_and_empty_corpus(tmp_path, sample_corpus):
    from nktimeline.model import Corpus

    d0 = sample_corpus.events[0].date.start.toordinal() - 30
    w, h = render_png(sample_corpus, tmp_path / "v.png", width=900, view_range=(d0, d0 + 90))
    assert w == 900
    w, h = render_png(Corpus(), tmp_path / "e.png", width=800)
    assert w == 800 and h > 100


def test_json_and_csv(tmp_path, sample_corpus):
    write_json(sample_corpus, tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert len(data["events"]) == len(sample_corpus.events)
    write_csv(sample_corpus, tmp_path / "c.csv")
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    st = next(r for r in rows if r["id"] == "e-stockholm")
    assert st["articles"] == "a1;a2" and st["conflicts"] == "a2:2019-11"
    assert next(r for r in rows if r["id"] == "e-statement")["start"] == ""


def test_export_from_window(tmp_path, open_window, sample_corpus):
    w = open_window(1200, 800, sample_corpus)
    size = w.export_png(str(tmp_path / "cur.png"), whole=False, scale=2.0, width=700)
    assert size[0] == 1400


# -- the export dialog ---------------------------------------------------------------------


def _dialog(qtbot, corpus, **kw):
    from nktimeline.ui.export_dialog import ExportDialog

    dlg = ExportDialog(corpus, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _same(a: QImage, b: QImage) -> bool:
    return a.size() == b.size() and a == b


def test_export_dialog_preview_follows_the_options(qtbot, sample_corpus):
    d0 = sample_corpus.events[0].date.start.toordinal()
    dlg = _dialog(qtbot, sample_corpus, view_range=(d0 - 30, d0 + 60), view_width=950)
    first = QImage(dlg.preview_image)
    assert not first.isNull() and "px" in dlg.preview_note.text()
    with qtbot.waitSignal(dlg.previewUpdated, timeout=3000):
        dlg.legend.setChecked(False)  # debounced: the preview follows a moment later
    assert not _same(first, dlg.preview_image)
    assert dlg.options().legend is False
    with qtbot.waitSignal(dlg.previewUpdated, timeout=3000):
        dlg.format.setCurrentIndex(dlg.format.findData("pdf"))
    page = dlg.preview_image
    assert abs(page.width() / page.height() - 297 / 210) < 0.02  # an A4 landscape page
    assert dlg.preview_note.text().startswith("Page 1 of")
    assert not dlg.width_box.isEnabled() and dlg.page_size.isEnabled()
    dlg.current.setChecked(True)
    assert dlg.options().view_range == (d0 - 30, d0 + 60)
    assert dlg.width_box.value() == 950


def test_export_dialog_date_range_is_typed(qtbot, sample_corpus):
    dlg = _dialog(qtbot, sample_corpus)
    assert dlg.first.text() == "1950-01-01" and not dlg.first.isEnabled()
    dlg.custom.setChecked(True)
    dlg.first.setText("2019")
    dlg.last.setText("2019-13")
    dlg.refresh_preview()
    assert "YYYY-MM" in dlg.range_error.text()
    assert not dlg.export_button.isEnabled() and not dlg.print_button.isEnabled()
    dlg.last.setText("2019-06")
    dlg.refresh_preview()
    assert dlg.range_error.text() == "" and dlg.export_button.isEnabled()
    d0, d1 = dlg.options().view_range
    assert d1 - d0 == 181  # 2019-01-01 .. 2019-06-30, inclusive


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_export_dialog_ok_writes_the_chosen_format(
    qtbot, tmp_path, monkeypatch, sample_corpus, fmt
):
    from nktimeline.ui import export_dialog

    asked = []

    def save_as(parent, title, start, filters):
        asked.append(filters)
        return str(tmp_path / "report"), filters  # no extension: the format's is added

    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName", save_as)
    dlg = _dialog(qtbot, sample_corpus)
    dlg.format.setCurrentIndex(dlg.format.findData(fmt))
    dlg.title.setText("Korea talks, 2018–2020")
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    out = tmp_path / f"report.{fmt}"
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.written[0] == str(out)
    assert asked and f"*.{fmt}" in asked[0]
    data = out.read_bytes()
    if fmt == "png":
        assert QImage(str(out)).width() == 1800
    elif fmt == "svg":
        assert b"Korea talks, 2018" in data and b"<svg" in data
    else:
        assert data.startswith(b"%PDF-")


def test_export_dialog_failure_is_a_message_and_stays_open(
    qtbot, tmp_path, monkeypatch, sample_corpus
):
    from nktimeline.ui import export_dialog

    bad = str(tmp_path / "missing" / "t.png")
    monkeypatch.setattr(export_dialog.QFileDialog, "getSaveFileName", lambda *a: (bad, ""))
    shown = []
    monkeypatch.setattr(
        export_dialog, "warning_box", lambda parent, title, text: shown.append(text) or _NoBox()
    )
    dlg = _dialog(qtbot, sample_corpus)
    dlg.export_clicked()
    assert shown == [f"cannot write {bad}: the folder does not exist"]
    assert dlg.isVisible() and dlg.written is None


class _NoBox:
    def exec(self) -> int:
        return 0


def test_export_dialog_prints(qtbot, tmp_path, monkeypatch, sample_corpus):
    from PySide6.QtPrintSupport import QPrinter

    from nktimeline.ui import export_dialog

    out = tmp_path / "printed.pdf"

    class FakePrintDialog:  # the user picks "print to file": no real printer is touched
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def exec(self):
            return export_dialog.QDialog.DialogCode.Accepted

    monkeypatch.setattr(export_dialog, "QPrintDialog", FakePrintDialog)
    dlg = _dialog(qtbot, sample_corpus)
    qtbot.mouseClick(dlg.print_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF-")
    assert dlg.preview_note.text().startswith("Sent 1 page")


def _menu_action(w, text):
    return next(a for a in w.menuBar().actions()[0].menu().actions() if a.text() == text)


def test_file_menu_opens_the_export_dialog_on_what_the_timeline_shows(
    qtbot, tmp_path, monkeypatch, open_window, sample_corpus
):
    from PySide6.QtGui import QKeySequence

    from nktimeline.ui import export_dialog
    from nktimeline.ui.export_dialog import ExportDialog

    w = open_window(1200, 800, sample_corpus)
    act = _menu_action(w, "&Export timeline…")
    assert act.shortcut() == QKeySequence("Ctrl+E")
    assert _menu_action(w, "Export events as &JSON…") and _menu_action(w, "Export events as &CSV…")
    w.selection.select("e-party")
    w.edit_actions.hide.trigger()  # hidden by the user: not drawn in any export
    act.trigger()
    dlg = w.export_dialog
    assert isinstance(dlg, ExportDialog) and dlg.isVisible()
    assert "e-party" not in {e.id for e in dlg.corpus.events}
    monkeypatch.setattr(
        export_dialog.QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "t.svg"), "")
    )
    dlg.format.setCurrentIndex(dlg.format.findData("svg"))
    dlg.export_clicked()
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "Trump–Kim summit in Singapore" in svg and "Party meeting" not in svg
    assert w.statusBar().currentMessage().startswith(f"Wrote {tmp_path / 't.svg'}")


def test_file_menu_exports_for_timelinejs(qtbot, tmp_path, monkeypatch, open_window, sample_corpus):
    w = open_window(1200, 800, sample_corpus)
    out = tmp_path / "tl.json"
    monkeypatch.setattr(w, "_save_path", lambda *a: str(out))
    _menu_action(w, "Export for &TimelineJS…").trigger()
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["events"]) == sum(1 for e in sample_corpus.events if e.date)


def test_nothing_to_export_is_a_message(qtbot, monkeypatch, open_window):
    from nktimeline.ui import main_window

    said = []
    monkeypatch.setattr(
        main_window.QMessageBox, "information", lambda parent, title, text: said.append(text)
    )
    w = open_window(900, 600)
    assert w.export_timeline_dialog() is None
    assert said == ["Nothing to export: the timeline has no events."]
