"""The viewer on the bundled seed articles (the real pipeline)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt as QtNS
from PySide6.QtTest import QTest


@pytest.fixture(scope="module")
def seed_corpus(seed_paths):
    events = pytest.importorskip("nktimeline.events")
    if not hasattr(events, "extract_events"):
        pytest.skip("event extraction not available yet")
    from nktimeline.pipeline import load_corpus

    corpus = load_corpus(seed_paths)
    if not corpus.events:
        pytest.skip("the pipeline finds no events yet")
    return corpus


def _event(corpus, word):
    for ev in corpus.events:
        if word.lower() in ev.title.lower() or word.lower() in (ev.place or "").lower():
            return ev
    pytest.fail(f"no event about {word}")


def test_seeds_fit_all_click_and_sources(qtbot, open_window, seed_corpus, seed_by_prefix):
    w = open_window(1500, 900, seed_corpus)
    tv = w.timeline
    for word in ("Singapore", "Hanoi", "Panmunj", "Stockholm"):
        ev = _event(seed_corpus, word)
        assert tv.event_viewport_pos(ev.id) is not None, word
        idx = tv.data.index_of[ev.id]
        marks = [
            m
            for it in tv.tl_scene.lanes
            if it.lp.frame
            for m in it.lp.frame.marks
            if m.event == idx
        ]
        assert marks and marks[0].labelled, f"{word} not labelled at fit-all"
    hanoi = _event(seed_corpus, "Hanoi")
    pos = tv.event_viewport_pos(hanoi.id)
    QTest.mouseClick(
        tv.viewport(), QtNS.MouseButton.LeftButton, QtNS.KeyboardModifier.NoModifier, pos
    )
    assert w.selection.event_id == hanoi.id
    art = seed_corpus.article(w.reader.article_id)
    assert art is not None and art.path.endswith(seed_by_prefix["000"].name)
    assert "Hanoi" in w.reader.highlighted_sentence
    pan = _event(seed_corpus, "Panmunj")
    w.selection.select(pan.id)
    paths = {seed_corpus.article(a).path.rsplit("/", 1)[-1][:3] for a in pan.articles}
    assert {"000", "002"} <= paths
    assert w.reader.sources.text().startswith(f"{len(pan.articles)} sources")
