"""File names and article strings are shown as text, never interpreted as markup (issue 11, 3).

Qt renders a string as HTML wherever it guesses rich text (labels, tooltips, message boxes),
and loads the file an ``<img src>`` names.  These tests give every untrusted string markup
pointing at images that do not exist and check that what Qt would show is the literal string.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip

from nktimeline.model import Conflict, Corpus, LoadError

# A file name cannot hold "/", so the image path is spelled with entities, as in the issue.
NAME = '<img src="&#47;nonexistent&#47;nkt-a.png"> report.txt'
IMG_PATH = f"/tmp/{NAME}"
TITLE = "<b>Bold</b> claims & <i>more</i>"
PUBLISHER = '<a href="http://example.invalid/">Link Daily</a>'
BYLINE = "<u>By</u> Someone"
EVENT_TITLE = '<img src="/nonexistent/nkt-e.png"> summit'
PLACE = "<s>Hanoi</s>"
NOTE = '<img src="/nonexistent/nkt-n.png"> says otherwise'
BAD_PATH = '/tmp/<img src="&#47;nonexistent&#47;nkt-b.png"> bad.txt'
BAD_MESSAGE = "<b>binary</b> file"


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt displays for ``text`` in a widget with format ``fmt`` (tooltips are AutoText)."""
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    assert not has_image(doc), f"an image would be loaded from {text!r}"
    return doc.toPlainText()


def has_image(doc: QTextDocument) -> bool:
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().objectType() == QTextFormat.ObjectTypes.ImageObject:
                return True
            it += 1
        block = block.next()
    return False


def label_shows(label: QLabel) -> str:
    return shown(label.text(), label.textFormat())


@pytest.fixture
def markup_corpus(sample_corpus: Corpus) -> Corpus:
    arts = list(sample_corpus.articles)
    arts[0] = dataclasses.replace(
        arts[0], path=IMG_PATH, title=TITLE, publisher=PUBLISHER, byline=BYLINE
    )
    arts[1] = dataclasses.replace(arts[1], title="", path=IMG_PATH + ".2")
    events = list(sample_corpus.events)
    k = next(i for i, e in enumerate(events) if e.id == "e-stockholm")
    events[k] = dataclasses.replace(
        events[k], title=EVENT_TITLE, place=PLACE, conflicts=(Conflict("a2", "2019-11", NOTE),)
    )
    errors = (LoadError(BAD_PATH, BAD_MESSAGE),)
    return Corpus(tuple(arts), tuple(events), errors)


@pytest.fixture
def window(qtbot, open_window, markup_corpus):
    w = open_window(1400, 900, markup_corpus)
    qtbot.wait(20)
    return w


def test_progress_label_shows_a_markup_file_name_as_text(window):
    window._on_progress(1, 3, IMG_PATH)
    assert window.counts.textFormat() == Qt.TextFormat.PlainText
    assert label_shows(window.counts) == f"Reading 1 of 3 files — {NAME}"


def test_every_label_shows_untrusted_strings_literally(qtbot, window):
    window.selection.select("e-stockholm")
    qtbot.waitUntil(lambda: window.reader.article_id == "a1")
    window._on_progress(1, 3, IMG_PATH)
    labels = window.findChildren(QLabel) + window.errors_dialog.findChildren(QLabel)
    texts = [label_shows(lb) for lb in labels]
    info = label_shows(window.reader.info)
    assert EVENT_TITLE in info
    assert f"{PUBLISHER} — {TITLE}" in info  # the sources list
    for label, text in zip(labels, texts, strict=True):
        if "nonexistent" in label.text():
            assert "nonexistent" in text, label.objectName()
    # The reader's article view: title, byline, publisher as text, no image anywhere.
    doc = window.reader.browser.document()
    assert not has_image(doc)
    body = doc.toPlainText()
    assert TITLE in body and PUBLISHER in body and BYLINE in body


def show_tooltip(view, pos: QPoint) -> str:
    QToolTip.hideText()
    vp = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos))
    QApplication.sendEvent(vp, event)
    return QToolTip.text()


def test_article_list_tooltips_show_the_file_name(qtbot, window):
    lst = window.articles
    item = next(
        lst.topLevelItem(i)
        for i in range(lst.topLevelItemCount())
        if lst.topLevelItem(i).text(1) == TITLE
    )
    assert shown(item.toolTip(1)) == IMG_PATH
    rect = lst.visualItemRect(item)
    pos = QPoint(lst.header().sectionPosition(1) + 5, rect.center().y())
    tip = show_tooltip(lst, pos)
    assert shown(tip) == IMG_PATH
    QToolTip.hideText()


def test_event_table_conflict_tooltip_is_text(window):
    model = window.table.model
    row = model.row_of["e-stockholm"]
    tip = model.index(row, 7).data(Qt.ItemDataRole.ToolTipRole)
    assert shown(tip) == f"a2: 2019-11 {NOTE}"
    view = window.table.table
    proxy_index = window.table.proxy.mapFromSource(model.index(row, 7))
    view.scrollTo(proxy_index)
    assert shown(show_tooltip(view, view.visualRect(proxy_index).center())) == shown(tip)
    QToolTip.hideText()


def test_timeline_tooltip_is_escaped(window):
    tv = window.timeline
    hit = tv.hit_at(tv.event_viewport_pos("e-stockholm"))
    assert hit is not None
    text = shown(tv.tooltip_html(hit))
    assert EVENT_TITLE in text
    assert f"Place: {PLACE}" in text


def test_load_errors_dialog_lists_a_markup_file_name_as_text(qtbot, window):
    dlg = window.errors_dialog
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.label.textFormat() == Qt.TextFormat.PlainText
    item = dlg.list.item(0)
    assert item.text() == f"{BAD_PATH} — {BAD_MESSAGE}"  # item views draw plain text
    assert shown(item.toolTip()) == f"{BAD_PATH}\n{BAD_MESSAGE}"
    tip = show_tooltip(dlg.list, dlg.list.visualItemRect(item).center())
    assert shown(tip) == f"{BAD_PATH}\n{BAD_MESSAGE}"
    QToolTip.hideText()


def test_export_failure_message_is_plain_text(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    seen: list[tuple[object, str]] = []
    message = f'cannot write {IMG_PATH}: <img src="/nonexistent/nkt-x.png">'

    def fail(*_a, **_kw):
        raise OSError(message)

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "x"), ""))
    )
    monkeypatch.setattr("nktimeline.export.write_json", fail)
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda *a, **k: seen.append(("static", a[2])))
    )
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: seen.append((box.textFormat(), box.text()))
    )
    window._export_text("json")
    assert seen == [(Qt.TextFormat.PlainText, message)]


def test_status_bar_messages_are_painted_as_plain_text(qtbot, window):
    """Verified, not assumed: QStatusBar draws its message with QPainter.drawText."""
    sb = window.statusBar()

    def ink_width(msg: str) -> int:
        sb.showMessage(msg)
        img = sb.grab().toImage()
        bg = img.pixelColor(img.width() // 2, 1)
        xs = [
            x
            for x in range(min(img.width(), 400))
            for y in range(2, img.height() - 2)
            if img.pixelColor(x, y) != bg
        ]
        return max(xs) - min(xs) if xs else 0

    window.counts.hide()  # the message is drawn where the permanent widgets are not
    plain, markup = ink_width("xx"), ink_width("<b>xx</b>")
    assert markup > 2 * plain > 0
    window._on_failed(f"could not read {IMG_PATH}")
    assert sb.currentMessage() == f"Loading failed: could not read {IMG_PATH}"
