"""Main window on a synthetic corpus: selection links every pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt as QtNS
from PySide6.QtCore import QUrl
from PySide6.QtTest import QTest

from nktimeline.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, open_window, sample_corpus):
    w = open_window(1400, 900, sample_corpus)
    qtbot.wait(20)
    return w


def click_event(qtbot, w, event_id):
    pos = w.timeline.event_viewport_pos(event_id)
    assert pos is not None, f"{event_id} not drawn"
    QTest.mouseClick(
        w.timeline.viewport(), QtNS.MouseButton.LeftButton, QtNS.KeyboardModifier.NoModifier, pos
    )


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
    QTest.mouseClick(
        vp,
        QtNS.MouseButton.LeftButton,
        QtNS.KeyboardModifier.NoModifier,
        vp.rect().bottomRight() - vp.rect().center() / 10,
    )
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
    assert set(w.table.visible_event_ids()) == {
        "e-singapore",
        "e-hanoi",
        "e-panmunjom",
        "e-interkorean",
    }
    w.table.category.setCurrentIndex(0)
    w.table.article.setCurrentIndex(w.table.article.findData("a2"))
    assert set(w.table.visible_event_ids()) == {
        "e-stockholm",
        "e-panmunjom",
        "e-sunchon",
        "e-party",
    }
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
    info = w.reader.info.text()
    assert "Talks stall after Stockholm meeting" in info
    assert "Leader visits fertilizer factory" in info
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
    assert (
        b.loadResource(
            int(QTextDocument.ResourceType.ImageResource), QUrl("http://example.com/x.png")
        )
        is None
    )
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
    day_after = (
        tv.viewportTransform()
        .inverted()[0]
        .map(type(tv.viewport().rect().center().toPointF())(x, 100))
        .x()
    )
    assert abs(day_after - day_before) * tv.ppd < 1.5
    tv.fit_all()
    assert tv.ppd == pytest.approx(ppd)


def test_tooltip_explains_date_provenance(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    tv = window.timeline
    pos = tv.event_viewport_pos("e-hanoi")
    QApplication.sendEvent(
        tv.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, tv.viewport().mapToGlobal(pos))
    )
    assert "Trump–Kim summit in Hanoi" in QToolTip.text()
    QToolTip.hideText()
    hit = tv.hit_at(tv.event_viewport_pos("e-stockholm"))
    assert hit is not None and hit.event >= 0
    tip = tv.tooltip_html(hit)
    assert "Stockholm" in tip and "resolved from the article date" in tip
    assert "2 sources" in tip and "2019-11 according to Morning Post" in tip


def test_dense_timeline_clusters_with_counts(qtbot):
    """Thousands of events: zoomed out they collapse into counted bubbles; clicking one
    zooms in; zoomed in, single events are drawn and selectable."""
    import datetime as dt

    from nktimeline.model import Corpus, DateValue, Event, Mention

    events = []
    for i in range(3000):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=i % 700)
        date = DateValue(day, day, "day")
        events.append(
            Event(
                f"e{i}",
                f"Event number {i}",
                ("summit", "talks")[i % 2],
                date,
                (Mention("a", 0, 1, "x", "summit", "met", date=date),),
            )
        )
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    w.set_corpus(Corpus((), tuple(events)))
    tv = w.timeline
    qtbot.waitUntil(lambda: all(it.lp.frame is not None for it in tv.tl_scene.lanes))
    frames = [item.lp.frame for item in tv.tl_scene.lanes]
    assert all(f is not None for f in frames), "lanes were not painted"
    assert [f.mode for f in frames] == ["cluster", "cluster"], (tv.ppd, tv.viewport().size())
    d0, d1 = tv.visible_range()
    total = sum(b.count for f in frames for b in f.bubbles if d0 - 30 <= b.days[0] <= d1) + sum(
        1 for f in frames for m in f.marks
    )
    assert total >= 2900  # every event is counted somewhere
    bubble = max(frames[0].bubbles, key=lambda b: b.count)
    ppd = tv.ppd
    x = (bubble.x0 + bubble.x1) / 2 / ppd
    y = tv.tl_scene.tops[0] + (bubble.y0 + bubble.y1) / 2
    pos = tv.viewportTransform().map(type(tv.viewport().rect().center().toPointF())(x, y))
    QTest.mouseClick(
        tv.viewport(), QtNS.MouseButton.LeftButton, QtNS.KeyboardModifier.NoModifier, pos.toPoint()
    )
    assert tv.ppd > ppd * 3  # zoomed into the cluster
    for _ in range(6):
        tv.zoom_by(2.0)
    qtbot.waitUntil(lambda: tv.tl_scene.lanes[0].lp.frame.ppd == tv.ppd)
    assert tv.tl_scene.lanes[0].lp.frame.mode == "detail"
    w.selection.select("e10")
    pos = tv.event_viewport_pos("e10")
    assert pos is not None
    hit = tv.hit_at(pos)
    assert hit is not None and tv.data.events[hit.event].id == "e10"


def test_offscreen_counts_and_fit_keeps_labels_inside(window):
    tv = window.timeline
    lane = next(lane for lane in tv.data.lanes if lane.key == "background")
    d0, d1 = tv.visible_range()
    assert lane.outside(d0, d1) == (1, 0)  # the 1950s war is off to the left
    # At fit-all the latest event's label ends inside the view.
    last = tv.data.dated[-1]
    item = next(it for it in tv.tl_scene.lanes if last in it.lp.lane.idx)
    end_px = tv.data.end[last] * tv.ppd + item.lp.label_width(last)
    assert end_px <= d1 * tv.ppd


def test_reader_escapes_article_text(qtbot):
    from nktimeline.model import Article, Corpus, DateValue, Event, Mention
    from nktimeline.ui.main_window import MainWindow as MW

    body = "Intro <script>alert(1)</script> <img src='http://x/y.png'>.\nLeaders met on May 2."
    s = body.index("Leaders")
    art = Article("z", "/tmp/z.html", "T <b>bold</b>", body)
    import datetime as dt

    date = DateValue(dt.date(2020, 5, 2), dt.date(2020, 5, 2))
    ev = Event(
        "ez",
        "Meeting",
        "talks",
        date,
        (Mention("z", s, len(body), body[s:], "talks", "met", date=date),),
    )
    w = MW()
    qtbot.addWidget(w)
    w.set_corpus(Corpus((art,), (ev,)))
    w.selection.select("ez")
    text = w.reader.browser.toPlainText()
    assert "<script>alert(1)</script>" in text and "<img src=" in text
    assert "T <b>bold</b>" in text


def test_drop_files_opens_them(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    w = MainWindow()
    qtbot.addWidget(w)
    opened = []
    monkeypatch.setattr(w, "open_paths", lambda paths: opened.append(paths) or True)
    f = tmp_path / "a.txt"
    f.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    ev = QDropEvent(
        QPointF(10, 10),
        QtNS.DropAction.CopyAction,
        mime,
        QtNS.MouseButton.LeftButton,
        QtNS.KeyboardModifier.NoModifier,
    )
    w.dropEvent(ev)
    assert opened == [[str(f)]]


@pytest.mark.parametrize(
    "dates",
    [
        [],  # no events at all
        [None],  # only undated
        [("2019-02-27", "2019-02-28")],  # a single event
        [("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31")],  # calendar extremes
    ],
)
def test_degenerate_corpora_never_crash(qtbot, tmp_path, dates):
    import datetime as dt

    from nktimeline.export import render_png
    from nktimeline.model import Corpus, DateValue, Event, Mention

    events = []
    for k, d in enumerate(dates):
        dv = (
            None
            if d is None
            else DateValue(dt.date.fromisoformat(d[0]), dt.date.fromisoformat(d[1]), "day")
        )
        events.append(
            Event(
                f"e{k}",
                f"Event {k}",
                "talks",
                dv,
                (Mention("a", 0, 1, "x", "talks", "met", date=dv),),
            )
        )
    corpus = Corpus((), tuple(events))
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.show()
    w.set_corpus(corpus)
    tv = w.timeline
    for _ in range(40):
        tv.zoom_by(3.0)
    for _ in range(80):
        tv.zoom_by(1 / 3.0)
    tv.fit_all()
    qtbot.keyClick(tv, QtNS.Key.Key_Right)
    qtbot.wait(10)
    tv.viewport().repaint()
    size = render_png(corpus, tmp_path / "d.png", width=800)
    assert size[0] == 800


def test_empty_timeline_draws_no_calendar(open_window, sample_corpus):
    from nktimeline.ui import painting as pt

    empty = open_window(900, 600)

    def axis_colours(w):
        img = w.timeline.viewport().grab().toImage()
        return {img.pixel(x, y) for x in range(0, img.width(), 3) for y in range(int(pt.AXIS_H))}

    # Before anything is open (or while loading) there are no dates: no axis, no year "1".
    assert len(axis_colours(empty)) == 1
    empty.set_corpus(sample_corpus)
    assert len(axis_colours(empty)) > 1


def test_loading_stages_show_in_the_status_bar(qtbot, window):
    window._on_progress(3, 10, "/data/news/a.txt")
    assert "Reading 3 of 10 files" in window.counts.text() and "a.txt" in window.counts.text()
    assert window.progress.maximum() == 10
    assert "Reading 3 of 10 files" in window.timeline.message
    window._on_progress(0, 0, "Merging events across 10 articles…")
    assert window.progress.maximum() == 0  # busy: no count for this stage
    assert "Merging events" in window.counts.text()
