"""One filter for the table, the timeline and the status line; it never moves the selection."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from nktimeline.filters import time_order
from nktimeline.ui.timeline_data import TimelineData


def _timeline_ids(w):
    return {e.id for e in w.timeline.data.events}


def test_typing_filters_table_and_timeline_but_keeps_the_selection(
    qtbot, open_window, sample_corpus
):
    w = open_window(corpus=sample_corpus)
    n = len(sample_corpus.events)
    w.selection.select("e-hanoi")
    qtbot.keyClicks(w.table.search, "sunchon")
    assert w.table.visible_event_ids() == ["e-sunchon"]
    assert _timeline_ids(w) == {"e-sunchon"}
    assert w.selection.event_id == "e-hanoi"  # typing is not choosing
    assert w.reader.info.text().startswith("<b>Trump–Kim summit in Hanoi")
    assert f"showing 1 of {n}" in w.counts.text()
    # Next/Previous still walk every event
    assert w.selection.order == time_order(sample_corpus.events)
    qtbot.keyClick(w.table.search, Qt.Key.Key_Escape)
    assert w.table.search.text() == "" and not w.filter.spec.active
    assert len(w.table.visible_event_ids()) == n and len(_timeline_ids(w)) == n
    assert w.selection.event_id == "e-hanoi"
    assert "showing" not in w.counts.text()


def test_dates_are_typed_as_years_months_or_days(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.table.date_from.setText("2019")
    w.table.date_to.setText("2019")
    assert set(w.table.visible_event_ids()) == {"e-hanoi", "e-panmunjom", "e-stockholm"}
    w.table.date_from.setText("2019-06")
    w.table.date_to.setText("2019-06")
    assert w.table.visible_event_ids() == ["e-panmunjom"]
    assert _timeline_ids(w) == {"e-panmunjom"}
    w.table.date_to.setText("2019-0x")  # half typed: a hint, and the last good range stays
    assert w.table.bar.problem.isVisibleTo(w) and "YYYY" in w.table.bar.problem.text()
    assert w.table.visible_event_ids() == ["e-panmunjom"]
    w.table.date_to.setText("2019-05")  # ends before it starts
    assert "before" in w.table.bar.problem.text()
    w.table.date_to.setText("")
    assert not w.table.bar.problem.isVisibleTo(w)
    assert w.filter.spec.date_from == dt.date(2019, 6, 1) and w.filter.spec.date_to is None


def test_the_calendars_open_on_the_corpus_dates(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    first = min(e.date.start for e in sample_corpus.events if e.date)
    last = max(e.date.end for e in sample_corpus.events if e.date)
    for field, day in ((w.table.date_from, first), (w.table.date_to, last)):
        field.button.menu().aboutToShow.emit()
        cal = field.calendar
        assert (cal.yearShown(), cal.monthShown()) == (day.year, day.month)
        assert cal.selectedDate().year() == day.year
    # a typed date wins over the corpus's
    w.table.date_from.setText("2001-03")
    w.table.date_from.button.menu().aboutToShow.emit()
    assert (w.table.date_from.calendar.yearShown(), w.table.date_from.calendar.monthShown()) == (
        2001,
        3,
    )


def test_more_filters_edited_conflicts_salience(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.table.bar.conflicts.setChecked(True)
    assert w.table.visible_event_ids() == ["e-stockholm"]
    w.table.bar.conflicts.setChecked(False)
    w.selection.select("e-party")

    def rename(dlg):
        dlg.title.setText("Party plenum")
        return QDialog.DialogCode.Accepted

    w.edit_actions.run_dialog = rename
    w.edit_actions.rename.trigger()
    w.table.bar.edited.setChecked(True)
    assert w.table.visible_event_ids() == ["e-party"] and _timeline_ids(w) == {"e-party"}
    assert "edited" in w.counts.text()
    w.table.bar.edited.setChecked(False)
    w.table.bar.salience.setValue(0.5)
    assert w.table.visible_event_ids() == []  # the sample events have no salience
    assert "salience" in w.counts.text()
    w.table.bar.clear()
    assert len(w.table.visible_event_ids()) == len(sample_corpus.events)


def test_an_edit_keeps_the_filter(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.table.category.setCurrentIndex(w.table.category.findData("summit"))
    before = set(w.table.visible_event_ids())
    w.selection.select("e-hanoi")
    w.edit_actions.hide.trigger()
    assert w.table.category.currentData() == "summit"
    assert set(w.table.visible_event_ids()) == before - {"e-hanoi"}


def test_time_order_is_the_timelines_order(sample_corpus):
    assert time_order(sample_corpus.events) == TimelineData(sample_corpus).order
