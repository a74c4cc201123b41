"""Correcting the chronology through the real widgets: every edit, undone and redone."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog

from nktimeline.ui.timeline_data import display_title

ACCEPT = QDialog.DialogCode.Accepted


@pytest.fixture
def editor(qtbot, open_window, sample_corpus):
    """A window on the sample corpus, active, so its keyboard shortcuts work."""
    w = open_window(corpus=sample_corpus)
    w.activateWindow()
    qtbot.waitActive(w)
    return w


def _event(w, eid):
    return w.session.find_event(eid)


def _row_text(w, eid, col):
    m = w.table.model
    return m.data(m.index(m.row_of[eid], col))


def _dialogs(w, fill):
    """Answer the next dialogs with ``fill(dialog)`` (which uses the dialog's widgets)."""
    seen = []

    def run(dlg):
        seen.append(dlg)
        return fill(dlg)

    w.edit_actions.run_dialog = run
    return seen


def _undo(qtbot, w):
    qtbot.keyClick(w.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(qtbot, w):
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.timeline, Qt.Key.Key_Z, mods)


def test_rename_with_f2_shows_everywhere_and_undoes(qtbot, editor):
    w = editor
    w.selection.select("e-hanoi")
    w.timeline.setFocus()

    def fill(dlg):
        dlg.title.setText("Hanoi summit ends early")
        return ACCEPT

    _dialogs(w, fill)
    qtbot.keyClick(w.timeline, Qt.Key.Key_F2)
    assert _event(w, "e-hanoi").title == "Hanoi summit ends early"
    assert _row_text(w, "e-hanoi", 1) == "Hanoi summit ends early ✎"
    assert "Title set by you" in w.reader.info.text()
    assert "Trump–Kim summit in Hanoi" in w.reader.info.text()  # the extracted title stays visible
    assert w.timeline.data.events[w.timeline.data.index_of["e-hanoi"]].title.startswith("Hanoi")
    assert w.selection.event_id == "e-hanoi"  # the one selection survives the edit
    assert display_title(_event(w, "e-hanoi")).endswith("✎")  # timeline and PNG labels
    assert w.isWindowModified()
    _undo(qtbot, w)
    assert _event(w, "e-hanoi").title == "Trump–Kim summit in Hanoi"
    assert not w.isWindowModified()
    _redo(qtbot, w)
    assert _event(w, "e-hanoi").title == "Hanoi summit ends early"


def test_edit_dialog_sets_date_place_and_note(qtbot, editor):
    w = editor
    w.selection.select("e-hanoi")

    def fill(dlg):
        assert dlg.dates.start.text() == "2019-02"
        dlg.dates.start.setText("2019-02-27")
        dlg.dates.end.setText("2019-02-28")
        dlg.place.setText("Hanoi, Vietnam")
        dlg.note.setPlainText("Checked against the White House schedule.")
        assert dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled()
        return ACCEPT

    _dialogs(w, fill)
    w.edit_actions.edit.trigger()
    ev = _event(w, "e-hanoi")
    assert (ev.date.start, ev.date.end, ev.date.source) == (
        dt.date(2019, 2, 27),
        dt.date(2019, 2, 28),
        "user",
    )
    assert ev.place == "Hanoi, Vietnam" and ev.note.startswith("Checked")
    assert _row_text(w, "e-hanoi", 5) == "set by you"
    assert _row_text(w, "e-hanoi", 0).endswith("✎")
    info = w.reader.info.text()
    assert "Date set by you" in info and "2019-02 (relative)" in info and "Note:" in info
    _undo(qtbot, w)
    assert _event(w, "e-hanoi").date.granularity == "month"


def test_a_bad_typed_date_keeps_ok_disabled(qtbot, editor):
    w = editor
    w.selection.select("e-hanoi")

    def fill(dlg):
        dlg.dates.start.setText("February")
        assert not dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled()
        assert "YYYY-MM-DD" in dlg.error.text()
        return QDialog.DialogCode.Rejected

    seen = _dialogs(w, fill)
    w.edit_actions.edit.trigger()
    assert seen and not w.session.edits


def test_delete_hides_and_history_shows_it_again(qtbot, editor):
    w = editor
    n = len(w.corpus.events)
    w.selection.select("e-party")
    w.timeline.setFocus()
    qtbot.keyClick(w.timeline, Qt.Key.Key_Delete)
    assert "e-party" not in w.table.model.row_of
    assert "e-party" not in w.timeline.data.index_of
    assert len(w.corpus.events) == n - 1
    assert w.selection.event_id and w.selection.event_id != "e-party"  # a neighbour
    assert "1 hidden" in w.counts.text()
    hist = w.edit_actions.show_history()
    assert hist.view.stack().count() == 1
    assert hist.hidden.count() == 1 and "Party meeting" in hist.hidden.item(0).text()
    hist.hidden.setCurrentRow(0)
    qtbot.mouseClick(hist.show_btn, Qt.MouseButton.LeftButton)
    assert "e-party" in w.table.model.row_of
    assert hist.hidden.count() == 0
    # clicking the first step of the history goes back to the extracted chronology
    hist.view.setCurrentIndex(hist.view.model().index(0, 0))
    assert not w.session.edits
    hist.close()


def test_merge_with_ctrl_m_and_undo(qtbot, editor):
    w = editor
    n = len(w.corpus.events)
    w.selection.select("e-panmunjom")

    def fill(dlg):
        dlg.filter.setText("hanoi")
        visible = [
            dlg.list.item(i) for i in range(dlg.list.count()) if not dlg.list.item(i).isHidden()
        ]
        assert [i.text() for i in visible] == ["2019-02 — Trump–Kim summit in Hanoi"]
        visible[0].setCheckState(Qt.CheckState.Checked)
        return ACCEPT

    _dialogs(w, fill)
    qtbot.keyClick(w.timeline, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(w.corpus.events) == n - 1
    ev = _event(w, "e-panmunjom")
    assert len(ev.mentions) == 3 and "e-hanoi" not in w.table.model.row_of
    assert "Sources changed by you" in w.reader.info.text()
    _undo(qtbot, w)
    assert len(w.corpus.events) == n and len(_event(w, "e-panmunjom").mentions) == 2


def test_split_and_resolve(qtbot, editor):
    w = editor
    n = len(w.corpus.events)
    w.selection.select("e-panmunjom")

    def split(dlg):
        assert not dlg.buttons.button(dlg.buttons.StandardButton.Ok).isEnabled()
        dlg.set_moved([1])
        return ACCEPT

    _dialogs(w, split)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.timeline, Qt.Key.Key_M, mods)
    assert len(w.corpus.events) == n + 1
    assert [m.article for m in _event(w, "e-panmunjom").mentions] == ["a1"]

    w.selection.select("e-stockholm")
    assert w.edit_actions.resolve.isEnabled()

    def resolve(dlg):
        rows = [dlg.list.item(i).text() for i in range(dlg.list.count())]
        (k,) = [i for i, t in enumerate(rows) if "2019-11" in t]
        dlg.list.setCurrentRow(k)
        dlg.reason.setText("the later report corrects itself")
        return ACCEPT

    _dialogs(w, resolve)
    qtbot.keyClick(w.timeline, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    ev = _event(w, "e-stockholm")
    assert ev.date.start == dt.date(2019, 11, 1) and ev.date.source == "user"
    assert "Conflict resolved" in w.reader.info.text()
    assert w.session.stack.count() == 2
    _undo(qtbot, w)
    _undo(qtbot, w)
    assert len(w.corpus.events) == n
    assert _event(w, "e-stockholm").date.start == dt.date(2019, 10, 5)


def test_add_event_from_text_selected_in_the_reader(qtbot, editor):
    w = editor
    n = len(w.corpus.events)
    w.selection.select("e-sunchon")
    doc = w.reader.browser.document()
    found = doc.find("Officials said a new round")
    assert found.isNull()  # that sentence is in a1; the reader shows a2
    cursor = doc.find("fertilizer factory in Sunchon")
    assert not cursor.isNull()
    w.reader.browser.setTextCursor(cursor)

    def fill(dlg):
        assert (
            "fertilizer factory in Sunchon on May 2" in dlg.findChildren(type(w.counts))[0].text()
        )
        assert dlg.dates.start.text() == "2020-05-05"  # the article's publication day
        dlg.title.setText("Factory visit (by hand)")
        dlg.dates.start.setText("2020-05-02")
        return ACCEPT

    _dialogs(w, fill)
    w.edit_actions.add.trigger()
    assert len(w.corpus.events) == n + 1
    added = _event(w, w.selection.event_id)
    assert added.title == "Factory visit (by hand)" and added.id.startswith("user-")
    assert added.mentions[0].sentence.startswith("The leader visited a fertilizer factory")
    assert "Added by you" in w.reader.info.text()


def test_adding_without_a_selection_says_what_to_do(qtbot, editor):
    w = editor
    w.selection.select("e-sunchon")
    w.reader.browser.setTextCursor(QTextCursor(w.reader.browser.document()))
    with qtbot.waitSignal(w.edit_actions.message) as sig:
        w.edit_actions.add.trigger()
    assert "Select the words" in sig.args[0] and not w.session.edits


def test_drag_an_event_to_redate_it_snapped_to_its_granularity(qtbot, editor):
    w = editor
    w.selection.select("e-sunchon")
    w.timeline.show_range(dt.date(2020, 4, 1).toordinal(), dt.date(2020, 6, 1).toordinal())
    pos = w.timeline.event_viewport_pos("e-sunchon")
    assert pos is not None
    hit = w.timeline.hit_at(pos)
    assert hit is not None and w.timeline.data.events[hit.event].id == "e-sunchon"
    dx = round(3.4 * w.timeline.ppd)  # about three days and a bit to the right
    vp = w.timeline.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseMove(vp, pos + QPoint(dx // 2, 0))
    qtbot.mouseMove(vp, pos + QPoint(dx, 0))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=pos + QPoint(dx, 0))
    ev = _event(w, "e-sunchon")
    assert ev.date.start == dt.date(2020, 5, 5) and ev.date.source == "user"
    assert w.session.stack.undoText().startswith("Move 'Kim visits")
    _undo(qtbot, w)
    assert _event(w, "e-sunchon").date.start == dt.date(2020, 5, 2)
    # a click without moving still only selects
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=w.timeline.event_viewport_pos("e-sunchon"))
    assert w.selection.event_id == "e-sunchon" and not w.session.edits


def test_context_menus_offer_the_edit_actions(qtbot, editor):
    w = editor
    shown = []
    w.show_menu = lambda menu, _pos: shown.append([x.text() for x in menu.actions()])
    w.timeline.show_range(dt.date(2020, 4, 1).toordinal(), dt.date(2020, 6, 1).toordinal())
    pos = w.timeline.event_viewport_pos("e-sunchon")
    w.selection.select(None)
    w.timeline.contextMenuEvent(
        type(
            "E", (), {"pos": lambda s: pos, "globalPos": lambda s: pos, "accept": lambda s: None}
        )()
    )
    assert w.selection.event_id == "e-sunchon"  # right-click selects what it is on
    assert "&Rename event…" in shown[-1] and "&Merge with…" in shown[-1]
    row = w.table.model.row_of["e-party"]
    idx = w.table.proxy.mapFromSource(w.table.model.index(row, 1))
    w.table._context_menu(w.table.table.visualRect(idx).center())
    assert w.selection.event_id == "e-party" and "&Hide event" in shown[-1]
    w.reader.browser.contextMenuEvent(
        type("E", (), {"pos": lambda s: QPoint(5, 5), "globalPos": lambda s: QPoint(5, 5)})()
    )
    assert "&Add event from selected text…" in shown[-1]


def test_remove_an_article_and_the_failed_files(qtbot, editor):
    w = editor
    w.selection.select_article("a2")
    assert w.edit_actions.remove_article.isEnabled()
    w.edit_actions.remove_article.trigger()
    assert [a.id for a in w.corpus.articles] == ["a1", "a3", "a4"]
    assert "e-sunchon" not in w.table.model.row_of  # a2's own events went with it
    assert [m.article for m in _event(w, "e-panmunjom").mentions] == ["a1"]
    assert w.articles.topLevelItemCount() == 3
    _undo(qtbot, w)
    assert len(w.corpus.articles) == 4
    assert w.corpus.errors and w.errors_btn.isVisibleTo(w)
    w.project.remove_failed.trigger()
    assert not w.corpus.errors and not w.errors_btn.isVisibleTo(w)


@pytest.mark.parametrize("answer", ["Cancel", "Discard"])
def test_closing_with_unsaved_edits_asks(qtbot, editor, answer):
    from PySide6.QtWidgets import QMessageBox

    w = editor
    w.selection.select("e-party")
    w.edit_actions.hide.trigger()
    asked = []
    w.project.ask_unsaved = lambda: asked.append(1) or getattr(QMessageBox.StandardButton, answer)
    w.close()
    assert asked == [1]
    assert w.isVisible() == (answer == "Cancel")
