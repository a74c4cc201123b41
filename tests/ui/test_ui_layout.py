"""Pure layout functions: row stacking, axis ticks, clustering."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline import layout


def test_stack_places_overlaps_in_new_rows_and_reuses_free_rows():
    rows = layout.stack([(0, 10), (5, 15), (12, 20), (16, 30)])
    assert rows == [0, 1, 0, 1]


def test_stack_respects_gap_and_max_rows():
    assert layout.stack([(0, 10), (11, 20)], gap=2) == [0, 1]
    assert layout.stack([(0, 10), (1, 10), (2, 10)], max_rows=2) == [0, 1, layout.OVERFLOW]


def test_fallback_places_mark_without_label():
    full = [(0, 100), (10, 110)]
    short = [(0, 5), (10, 15)]
    rows, labelled = layout.stack_with_fallback(full, short, max_rows=1)
    assert rows == [0, layout.OVERFLOW]
    rows, labelled = layout.stack_with_fallback(
        [(0, 100), (110, 200)], [(0, 5), (110, 115)], max_rows=1
    )
    assert rows == [0, 0] and labelled == [True, True]


@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(0.1, 200)), max_size=60), st.integers(1, 5))
@settings(max_examples=60, deadline=None)
def test_stacked_items_in_a_row_never_overlap(items, max_rows):
    iv = sorted((s, s + w) for s, w in items)
    rows = layout.stack(iv, max_rows=max_rows, gap=1.0)
    by_row: dict[int, list] = {}
    for (s, e), r in zip(iv, rows, strict=True):
        assert r == layout.OVERFLOW or 0 <= r < max_rows
        if r != layout.OVERFLOW:
            by_row.setdefault(r, []).append((s, e))
    for row in by_row.values():
        for (_s0, e0), (s1, _e1) in itertools.pairwise(row):
            assert e0 + 1.0 <= s1


def test_cluster_counts_with_bisect():
    starts = [0.5, 1.5, 1.7, 10.2, 10.3, 10.9, 55.0]
    bins = layout.cluster(starts, 0, 60, 5)
    assert [(b.start, b.size) for b in bins] == [(0, 3), (10, 3), (55, 1)]
    assert sum(b.size for b in bins) == len(starts)
    # Bins are aligned to day 0, so panning does not move them.
    assert [b.start for b in layout.cluster(starts, 3, 60, 5)] == [0, 10, 55]


def _o(y, m, d):
    return float(dt.date(y, m, d).toordinal())


def test_ticks_pick_units_by_scale():
    d0, d1 = _o(2018, 1, 1), _o(2020, 12, 31)
    minor, major = layout.ticks(d0, d1, 1200 / (d1 - d0))
    assert minor[0].label in {"Jan", "2018"}
    labels = [t.label for t in minor]
    assert "Jul" in labels or "2019" in labels
    minor, major = layout.ticks(_o(2019, 2, 1), _o(2019, 3, 1), 40.0)
    assert any(t.label.startswith("Feb") for t in minor)
    assert [t.label for t in major][:1] == ["Feb 2019"]
    minor, _ = layout.ticks(_o(1900, 1, 1), _o(2020, 1, 1), 0.02)
    assert all(int(t.label) % 10 == 0 for t in minor)


@given(st.floats(0.0005, 300.0), st.integers(1, 3000), st.integers(700000, 740000))
@settings(max_examples=80, deadline=None)
def test_tick_labels_never_overlap(ppd, width_px, start):
    measure = lambda s: 7.0 * len(s)  # noqa: E731
    d0 = float(start)
    d1 = d0 + width_px / ppd
    minor, major = layout.ticks(d0, d1, ppd, measure, padding=12.0)
    for row, clamp in ((minor, False), (major, True)):
        xs = [((max(t.day, d0) if clamp else t.day) * ppd, measure(t.label)) for t in row]
        for (x0, w0), (x1, _w1) in itertools.pairwise(xs):
            assert x0 + w0 <= x1 + 1e-6


def test_pinned_context_label_gives_way_to_the_next_period():
    measure = lambda s: 7.0 * len(s)  # noqa: E731
    ppd = 0.2  # half-year ticks; a year is 73 px wide
    d0 = _o(2013, 12, 1)  # a month of 2013 (6 px) at the left edge, then all of 2014
    _minor, major = layout.ticks(d0, d0 + 1000 / ppd, ppd, measure)
    labels = [t.label for t in major]
    assert labels[:2] == ["2014", "2015"]
    d0 = _o(2013, 3, 1)  # most of 2013 visible: its label stays pinned
    _minor, major = layout.ticks(d0, d0 + 1000 / ppd, ppd, measure)
    assert [t.label for t in major][:2] == ["2013", "2014"]
