"""Salience-aware drawing: who keeps a label, named clusters, words never cut, header
buttons that jump to what is off-screen, zoom presets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from nktimeline import layout
from nktimeline.model import Corpus, DateValue, Event, Mention
from nktimeline.ui.lane_painter import LanePainter, elide_words
from nktimeline.ui.painting import Style
from nktimeline.ui.timeline_data import TimelineData


def test_priority_stacking_gives_labels_to_the_salient_first():
    full = [(0, 100), (10, 110), (20, 120)]
    short = [(0, 8), (10, 18), (20, 28)]
    rows, lab = layout.stack_by_priority(full, short, [0.1, 0.9, 0.2], max_rows=1)
    assert lab == [False, True, False]  # the most salient keeps its label
    assert rows[1] == 0


def test_priority_stacking_never_overlaps_in_a_row():
    rnd = random.Random(7)
    for _ in range(200):
        n = rnd.randint(1, 40)
        starts = sorted(rnd.uniform(0, 500) for _ in range(n))
        full = [(s, s + rnd.uniform(5, 150)) for s in starts]
        short = [(s, s + 6) for s in starts]
        prio = [rnd.random() for _ in range(n)]
        rows, lab = layout.stack_by_priority(full, short, prio, max_rows=4, gap=3)
        by_row: dict[int, list[tuple[float, float]]] = {}
        for k, r in enumerate(rows):
            if r != layout.OVERFLOW:
                by_row.setdefault(r, []).append(full[k] if lab[k] else short[k])
        for spans in by_row.values():
            spans.sort()
            for (_a0, a1), (b0, _b1) in itertools.pairwise(spans):
                assert a1 + 3 <= b0 + 1e-9


def test_labels_are_cut_at_word_boundaries(qtbot):
    fm = QFontMetricsF(QFont())
    text = "Prime Minister Sato holds a summit in Vienna with the visiting delegation"
    for width in range(60, 500, 17):
        out = elide_words(fm, text, width)
        assert fm.horizontalAdvance(out) <= width + 0.5
        if out != text:
            assert out.endswith("…")
            assert text.startswith(out[:-1]) and text[len(out) - 1] == " "


def _crowded_corpus(n: int = 600) -> Corpus:
    rnd = random.Random(3)
    events = []
    for k in range(n):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(0, 2500))
        m = Mention("a", 0, 5, "x", "talks", "met")
        events.append(
            Event(
                f"e{k}",
                f"Round {k} of talks in a long series",
                "talks",
                DateValue(day, day),
                (m,),
                salience=rnd.random() * 0.5,
            )
        )
    star = dataclasses.replace(events[100], title="Grand bargain signed", salience=0.99)
    events[100] = star
    return Corpus(events=tuple(events))


def test_clusters_are_named_after_their_most_salient_event(qtbot):
    data = TimelineData(_crowded_corpus())
    lp = LanePainter(data, data.lanes[0], Style.light())
    ppd = 1800 / 2600
    frame = lp.compute(data.min_day, data.min_day + 2600, ppd)
    assert frame.mode == "cluster"
    named = [b for b in frame.bubbles if b.label]
    assert len(named) >= 5  # names, not only counts
    star = data.index_of["e100"]
    (home,) = [b for b in frame.bubbles if b.days[0] <= data.start[star] < b.days[1]]
    assert home.label.startswith("Grand bargain signed +")
    assert home.label.endswith(f"+{home.count - 1}")
    for b in named:  # every name is its bin's top event
        inside = [i for i in data.dated if b.days[0] <= data.start[i] < b.days[1]]
        top = max(inside, key=lambda i: (data.events[i].salience, -data.start[i]))
        assert data.events[top].title.startswith(b.label.split(" +")[0].rstrip("…"))
    # the name answers clicks like its bubble
    hit = lp.hit((home.label_x0 + home.label_x1) / 2, home.label_y + 5)
    assert hit is home


def test_header_buttons_jump_to_events_off_screen(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.timeline.show_range(dt.date(2020, 4, 1).toordinal(), dt.date(2020, 6, 1).toordinal())
    buttons = w.timeline.header_buttons()
    earlier = [(r, k) for r, k, side in buttons if side == "earlier"]
    assert earlier
    rect, lane = earlier[0]
    before = w.timeline.visible_range()
    qtbot.mouseClick(w.timeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    after = w.timeline.visible_range()
    assert after[0] < before[0]
    ln = w.timeline.tl_scene.lanes[lane].lp.lane
    assert any(after[0] <= e <= after[1] for e in ln.ends_sorted)  # one of them is in view
    assert w.selection.event_id is None  # a jump is not a selection


def test_zoom_presets_centre_on_the_selection(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.selection.select("e-panmunjom")
    w.timeline.zoom_preset("month")
    d0, d1 = w.timeline.visible_range()
    assert abs((d1 - d0) - 92) < 2
    assert d0 < dt.date(2019, 6, 30).toordinal() < d1
    w.timeline.zoom_preset("decade")
    d0, d1 = w.timeline.visible_range()
    assert abs((d1 - d0) - 4383) < 20


def test_the_selected_event_is_told_to_assistive_technology(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.selection.select("e-panmunjom")
    desc = w.timeline.accessibleDescription()
    assert desc.startswith("Selected: Trump–Kim meeting at Panmunjom, 2019-06-30, Panmunjom")
    assert "2 sources" in desc
    w.selection.select(None)
    assert w.timeline.accessibleDescription().startswith(f"{len(sample_corpus.events)} events")
