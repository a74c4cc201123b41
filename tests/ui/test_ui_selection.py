"""The plain-Python selection model (no Qt)."""

from __future__ import annotations

from nktimeline.selection import SelectionModel, Signal


def test_signal_connect_emit_disconnect():
    sig, got = Signal(), []
    sig.connect(got.append)
    sig.emit(1)
    sig.disconnect(got.append)
    sig.emit(2)
    assert got == [1]


def _model():
    m = SelectionModel()
    m.set_events(["a", "b", "c"], {"a": ["x"], "b": ["x", "y"], "c": ["y"], "u": ["z"]})
    return m


def test_select_emits_once_and_resolves_article():
    m, got = _model(), []
    m.changed.connect(lambda *a: got.append(a))
    m.select("b", 1)
    m.select("b", 1)  # echo from another pane: no second emission
    assert got == [("b", 1, "y")]
    m.select("nope")
    assert m.event_id == "b"


def test_step_through_time_order_and_mentions():
    m = _model()
    assert m.step(1) == "a"
    assert m.step(1) == "b"
    assert m.step(1) == "c"
    assert m.step(1) == "c"  # stays at the end
    assert m.step(-1) == "b"
    assert m.step_mention(1) == 1 and m.article_id == "y"
    assert m.step_mention(1) == 0 and m.article_id == "x"


def test_undated_event_selectable_but_not_stepped():
    m = _model()
    m.select("u")
    assert m.article_id == "z"
    assert m.step(1) == "a"


def test_new_corpus_clears_stale_selection():
    m, got = _model(), []
    m.select("a")
    m.changed.connect(lambda *a: got.append(a))
    m.set_events(["q"], {"q": ["x"]})
    assert m.event_id is None and got == [(None, 0, None)]
