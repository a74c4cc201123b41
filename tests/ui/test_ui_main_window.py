"""Main window on a synthetic corpus: selection links every pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt as QtNS
from PySide6.QtCore import QUrl
from PySide6.QtTest import QTest

from nktimeline.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, sample_corpus):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.set_corpus(sample_corpus)
    qtbot.wait(20)
    return w


def click_event(qtbot, w, event_id):
    pos = w.timeline.event_viewport_pos(event_id)
    assert pos is not None, f"{event_id} not drawn"
    QTest.mouseClick(w.timeline.viewport(), QtNS.MouseButton.LeftButton,
                     QtNS.KeyboardModifier.NoModifier, pos)


def test_window_shows_corpus_everywhere(window, sample_corpus):
    w = window
    assert w.table.model.rowCount() == len(sample_corpus.events)
    assert w.articles.topLevelItemCount() == 4
    assert "11 events (1 undated)" in w.counts.text()
    assert "1 with conflicting dates" in w.counts.text()
    assert w.errors_btn.isVisible()
    assert {lane.key for lane in w.timeline.data.lanes} >= {"summit", "talks", "visit"}
    # Every foreground event is drawn at fit-all, labelled.
    for eid in ("e-singapore", "e-hanoi", "e-panmunjom", "e-stockholm", "e-sunchon"):
        assert w.timeline.event_viewport_pos(eid) is not None
    for item in w.timeline.tl_scene.lanes:
        frame = item.lp.frame
        if frame is not None and item.lp.lane.key != "background":
            assert frame.mode == "detail"
            assert all(m.labelled for m in frame.marks)


def test_click_marker_selects_and_reader_highlights(qtbot, window):
    w = window
    click_event(qtbot, w, "e-hanoi")
    assert w.selection.event_id == "e-hanoi"
    assert w.reader.article_id == "a1"
    assert w.reader.highlighted_sentence == "The Hanoi summit in February ended abruptly."
    cursor = w.reader.browser.textCursor()
    assert "The Hanoi summit in February" in cursor.block().text()
    html = w.reader.browser.toHtml()
    assert "background-color:#ffe27a" in html.replace(" ", "").lower()
    # The table follows the same selection.
    row = w.table.table.currentIndex()
    assert row.isValid() and "Hanoi" in row.siblingAtColumn(1).data()


def test_click_empty_space_keeps_selection(qtbot, window):
    w = window
    w.selection.select("e-singapore")
    vp = w.timeline.viewport()
    QTest.mouseClick(vp, QtNS.MouseButton.LeftButton, QtNS.KeyboardModifier.NoModifier,
                     vp.rect().bottomRight() - vp.rect().center() / 10)
    assert w.selection.event_id == "e-singapore"


def test_keyboard_steps_in_time_order(qtbot, window):
    w = window
    w.timeline.setFocus()
    qtbot.keyClick(w.timeline, QtNS.Key.Key_Right)
    first = w.selection.event_id
    assert first == "e-war"  # earliest dated event
    seen = [first]
    for _ in range(9):
        qtbot.keyClick(w.timeline, QtNS.Key.Key_Right)
        seen.append(w.selection.event_id)
    assert seen[-1] == "e-sunchon"
    starts = [w.timeline.data.start[w.timeline.data.index_of[e]] for e in seen]
    assert starts == sorted(starts)
    qtbot.keyClick(w.timeline, QtNS.Key.Key_Left)
    assert w.selection.event_id == "e-party"
    assert "April 11" in w.reader.highlighted_sentence
    # The selected event is kept in view after zooming in far away from it.
    w.timeline.zoom_by(40)
    w.selection.select("e-singapore")
    d0, d1 = w.timeline.visible_range()
    assert d0 <= w.timeline.data.start[w.timeline.data.index_of["e-singapore"]] <= d1


def test_filtering_table(window, qtmodeltester):
    w = window
    qtmodeltester.check(w.table.model)
    qtmodeltester.check(w.table.proxy)
    w.table.search.setText("hanoi")
    assert w.table.visible_event_ids() == ["e-hanoi"]
    w.table.search.setText("")
    w.table.category.setCurrentIndex(w.table.category.findData("summit"))
    assert set(w.table.visible_event_ids()) == {"e-singapore", "e-hanoi", "e-panmunjom",
                                                "e-interkorean"}
    w.table.category.setCurrentIndex(0)
    w.table.article.setCurrentIndex(w.table.article.findData("a2"))
    assert set(w.table.visible_event_ids()) == {"e-stockholm", "e-panmunjom", "e-sunchon",
                                                "e-party"}
    w.table.article.setCurrentIndex(0)
    import datetime as dt

    w.table.proxy.set_filters(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 12, 31))
    assert set(w.table.visible_event_ids()) == {"e-hanoi", "e-panmunjom", "e-stockholm"}


def test_table_row_selects_event(qtbot, window):
    w = window
    w.table.search.setText("sunchon")
    idx = w.table.proxy.index(0, 1)
    w.table.table.setCurrentIndex(idx)
    assert w.selection.event_id == "e-sunchon"
    assert w.reader.article_id == "a2"


def test_multi_source_event_lists_and_steps_sources(qtbot, window):
    w = window
    w.selection.select("e-panmunjom")
    assert w.reader.sources.text().startswith("2 sources")
    html = w.reader.browser.toPlainText()
    assert "Talks stall after Stockholm meeting" in html
    assert "Leader visits fertilizer factory" in html
    assert w.reader.article_id == "a1"
    w.reader.next_btn.click()
    assert w.selection.mention == 1
    assert w.reader.article_id == "a2"
    assert "June 30, 2019" in w.reader.highlighted_sentence


def test_clicking_a_marked_sentence_selects_its_event(window):
    w = window
    w.selection.select("e-stockholm")
    token = next(t for t, (eid, _k) in w.reader._links.items() if eid == "e-hanoi")
    w.reader.browser.anchorClicked.emit(QUrl(token))
    assert w.selection.event_id == "e-hanoi"


def test_article_list_focuses_article(window):
    w = window
    item = w.articles._items["a3"]
    w.articles._clicked(item)
    assert w.reader.article_id == "a3" and w.selection.event_id is None
    assert "Envoys travel to Pyongyang" in w.reader.browser.toPlainText()


def test_reader_never_loads_resources(window):
    from PySide6.QtGui import QTextDocument

    b = window.reader.browser
    assert b.loadResource(int(QTextDocument.ResourceType.ImageResource),
                          QUrl("http://example.com/x.png")) is None
    assert not b.openExternalLinks() and not b.openLinks()


def test_lane_mode_and_settings_roundtrip(qtbot, window, tmp_path):
    w = window
    w.set_lane_mode("article")
    assert {lane.key for lane in w.timeline.data.lanes} == {"a1", "a2", "a3", "a4"}
    w.resize(1234, 800)
    w.close()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert w2._lane_mode == "article"
    assert w2.lane_actions["article"].isChecked()
    geo = w2.settings.value("window/geometry")
    assert geo is not None and w2.restoreGeometry(geo)
    assert w2.settings.value("splitters/mainSplit") is not None
    # The settings live in the test's temp dir, not the user's.
    assert str(w2.settings.fileName()).startswith(str(tmp_path))


def test_wheel_zoom_keeps_day_under_cursor(qtbot, window):
    tv = window.timeline
    x = 400.0
    inv = tv.viewportTransform().inverted()[0]
    day_before = inv.map(tv.viewport().rect().center().toPointF()).x()
    day_before = inv.map(type(tv.viewport().rect().center().toPointF())(x, 100)).x()
    ppd = tv.ppd
    tv.zoom_by(2.0, x)
    assert tv.ppd == pytest.approx(ppd * 2)
    day_after = tv.viewportTransform().inverted()[0].map(
        type(tv.viewport().rect().center().toPointF())(x, 100)).x()
    assert abs(day_after - day_before) * tv.ppd < 1.5
    tv.fit_all()
    assert tv.ppd == pytest.approx(ppd)


def test_tooltip_explains_date_provenance(window):
    tv = window.timeline
    hit = tv.hit_at(tv.event_viewport_pos("e-stockholm"))
    assert hit is not None and hit.event >= 0
    tip = tv.tooltip_html(hit)
    assert "Stockholm" in tip and "resolved from the article date" in tip
    assert "2 sources" in tip and "November" in tip
