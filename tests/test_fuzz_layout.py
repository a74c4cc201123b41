"""Timeline layout at the edges of the calendar: axis ticks for a view that reaches
December 9999 (the month row stepped into year 10000) or that is not finite."""

from __future__ import annotations

import datetime as dt
import math
import random

import fuzzgen
import pytest

from nktimeline import layout

LAST = dt.date.max.toordinal()


@pytest.mark.parametrize("ppd", [100.0, 10.0, 1.0, 0.1, 1e-4])
@pytest.mark.parametrize("view", [(LAST - 400, LAST + 400), (LAST - 40, LAST), (-400, 400)])
def test_ticks_at_the_edges_of_the_calendar(view, ppd):
    minor, major = layout.ticks(*view, ppd)
    assert minor
    for t in minor + major:
        assert 1 <= t.day <= LAST


def test_ticks_of_the_last_months_of_the_calendar():
    minor, major = layout.ticks(LAST - 90, LAST + 5, 2.0)
    assert [t.label for t in minor][-1] == "Dec"
    assert [t.label for t in major][-1] == "9999"


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_ticks_of_a_view_that_is_not_finite_are_empty(bad):
    assert layout.ticks(bad, 10.0, 1.0) == ([], [])
    assert layout.ticks(0.0, bad, 1.0) == ([], [])


def test_layout_anywhere_in_the_calendar():
    g = fuzzgen.Grammar(random.Random(5))
    for _ in range(300):
        what, problems = fuzzgen.run_layout(g)
        assert not problems, (what, problems)
