"""The tagger is total: every value it emits is a TIMEX3 value of the supported calendar
(years 1-9999), whatever the text and the publication date, and date arithmetic never
raises (``values.shift_days``/``shift_months``/``shift_years``)."""

from __future__ import annotations

import datetime as dt

import pytest

from nktimeline.temporal import is_valid_value, tag
from nktimeline.temporal.values import (
    clamp_year,
    in_calendar,
    shift_days,
    shift_months,
    shift_years,
)

D = dt.date
FIRST, LAST = dt.date.min, dt.date.max
EDGE_DCTS = [FIRST, D(1, 12, 31), D(4, 2, 29), D(2000, 2, 29), D(2100, 3, 1), D(9999, 1, 1), LAST]
PHRASES = [
    "It took a while.",
    "The talks went on for a long time.",
    "They met last week and again on Monday.",
    "The summit was held a year ago, in June.",
    "The deal expires next month, on Feb. 29.",
    "Ten thousand years ago, and two centuries later.",
    "The previous decade, the next century, the 1990s.",
    "In the third quarter of last year and the year-ago quarter.",
    "On Christmas Day, last Easter and next Thanksgiving.",
    "Last winter, this spring and next fall.",
    "That day, the following month and the previous year.",
    "At 9:30 a.m. tomorrow and at noon yesterday.",
    "Half a year ago and a quarter century ago.",
]


def test_an_unknown_duration_is_a_timex3_value():
    """TimeBank writes 'a while' as PXX (amount and unit unknown); the grammar refused it."""
    assert is_valid_value("PXX")
    (tx,) = tag("It took a while.", D(2019, 6, 1))
    assert tx.value == "PXX" and is_valid_value(tx.value)
    assert not is_valid_value("PX")
    assert not is_valid_value("PXXX")


@pytest.mark.parametrize("dct", EDGE_DCTS, ids=str)
def test_phrases_around_the_edges_of_the_calendar(dct):
    for text in PHRASES:
        for tx in tag(text, dct):
            assert text[tx.start : tx.end] == tx.text
            assert is_valid_value(tx.value), tx
            assert in_calendar(tx.value), tx
            if tx.date is not None:
                assert tx.date.start <= tx.date.end


def test_shift_days_stops_at_the_edges():
    assert shift_days(D(2019, 12, 31), 1) == D(2020, 1, 1)
    assert shift_days(D(2020, 3, 1), -1) == D(2020, 2, 29)
    assert shift_days(LAST, 1) == LAST
    assert shift_days(LAST, -1) == D(9999, 12, 30)
    assert shift_days(FIRST, -730) == FIRST
    assert shift_days(FIRST, 10**9) == LAST
    assert shift_days(LAST, -(10**9)) == FIRST


def test_shift_months_gives_the_first_of_a_month_in_the_calendar():
    assert shift_months(D(2019, 1, 31), 1) == D(2019, 2, 1)
    assert shift_months(D(2019, 1, 31), -1) == D(2018, 12, 1)
    assert shift_months(D(2019, 5, 5), 0) == D(2019, 5, 1)
    assert shift_months(D(9999, 12, 31), 1) == D(9999, 12, 1)
    assert shift_months(FIRST, -13) == FIRST
    assert shift_months(D(5000, 6, 6), 10**7) == D(9999, 12, 1)


def test_shift_years_is_none_outside_the_calendar():
    assert shift_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert shift_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert shift_years(D(2019, 6, 12), -1) == D(2018, 6, 12)
    assert shift_years(D(1, 6, 12), -1) is None
    assert shift_years(D(9999, 6, 12), 1) is None
    assert shift_years(D(9998, 12, 31), 1) == LAST
    assert [clamp_year(y) for y in (-5, 0, 1, 2019, 9999, 10000)] == [1, 1, 1, 2019, 9999, 9999]
