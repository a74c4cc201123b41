"""The cross-article stages (publication-date inference, the merge index, dissent, the
clause-tense year shift, partial dates) are total at the edges of the calendar: they run
outside any per-article guard, so a date of 0001-01-01 or 9999-12-31 must not crash them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.events.cues import local_tense
from nktimeline.events.dates import add_months, month_end, partial_matches
from nktimeline.events.extract import extract_events
from nktimeline.events.index import GroupIndex
from nktimeline.events.lexicon import TriggerDef
from nktimeline.events.mentions import Cand
from nktimeline.events.merge import Group
from nktimeline.events.pubdate import _cues, _window, windows_for
from nktimeline.ingest import article_from_bytes
from nktimeline.model import DateValue, Published, Sentence, Timex
from nktimeline.pipeline import build_corpus

D = dt.date
FIRST, LAST = dt.date.min, dt.date.max
EDGE_SPANS = [
    DateValue(FIRST, FIRST, "day"),
    DateValue(FIRST, D(1, 1, 31), "month"),
    DateValue(FIRST, D(1, 12, 31), "year"),
    DateValue(LAST, LAST, "day"),
    DateValue(D(9999, 12, 1), LAST, "month"),
    DateValue(D(9999, 1, 1), LAST, "year"),
]


def _article(i: int, body: str, day: dt.date | None) -> object:
    art = article_from_bytes(body.encode(), f"a{i}.txt")
    pub = Published(day, "stamp", 0.95) if day else Published()
    return dataclasses.replace(art, published=pub)


def _cand(date: DateValue | None, text: str, future: bool, anchored: bool = True) -> Cand:
    sent = Sentence(0, 40, "x" * 40)
    c = Cand("a", sent, 0, 6, "summit", TriggerDef("summit", "summit", 10), "summit")
    c.timex = Timex(10, 10 + len(text), text, "DATE", "XXXX", date, anchored)
    c.date, c.future, c.place = date, future, "Hanoi"
    return c


def test_an_undated_article_stating_the_last_day_of_the_calendar_is_dated():
    """'9999-12-31' (stated, past) bounds the publication date from below: the window
    reached two years past it (OverflowError in the 'date' stage)."""
    art = _article(0, "Summit\n\nThe summit in Hanoi was held on 9999-12-31, officials said.", None)
    corpus = build_corpus([art])
    assert corpus.errors == ()
    assert corpus.articles[0].published.earliest == LAST
    assert corpus.articles[0].published.source == "inferred"


@pytest.mark.parametrize("d", EDGE_SPANS, ids=lambda d: d.label())
@pytest.mark.parametrize("future", [False, True])
def test_every_relative_cue_window_stays_in_the_calendar(d, future):
    cues, _bare = _cues()
    for _rx, cue in cues:
        lo, hi = _window(_cand(d, "x", future), d, cue)
        assert FIRST <= lo <= hi <= LAST, cue


@pytest.mark.parametrize("d", EDGE_SPANS, ids=lambda d: d.label())
@pytest.mark.parametrize("future", [False, True])
def test_publication_windows_at_the_edges(d, future):
    """Stated past dates, cue words ('last week') and bare partial dates against a known
    event at the edge of the calendar."""
    stated = _cand(d, "9999-12-31", future, anchored=False)
    cued = _cand(None, "last week", future)
    bare = _cand(None, "June 12", future)
    bare.partial = (6, 12)
    wins = windows_for([stated, cued, bare], lambda c: (d, "reference"))
    stated_counts = not future and d.granularity in ("day", "month")
    assert len(wins) == 2 + stated_counts
    for w in wins:
        assert FIRST <= w.lo <= w.hi <= LAST


@pytest.mark.parametrize("d", EDGE_SPANS, ids=lambda d: d.label())
def test_the_merge_index_searches_up_to_the_edge(d):
    class G(Group):
        __slots__ = ()

        def __init__(self) -> None:
            super().__init__()
            self.date, self.place = d, "Hanoi"

    idx = GroupIndex()
    g = G()
    idx.add(g)
    for slack in (0, 7, 400):
        assert idx.near(d, slack, "Hanoi") == [g]
        assert idx.near(d, slack) == [g]


@pytest.mark.parametrize(
    ("published", "host", "dissent"),
    [(LAST, "9999-12-30", "9999-12-01"), (D(1, 3, 1), "0001-01-02", "0001-01-31")],
)
def test_a_dissent_at_the_edge_of_the_calendar_joins_its_event(published, host, dissent):
    """Two articles agree, a third is a few weeks off: one event with a conflict (the
    dissent's search reached 45 days beyond the calendar)."""
    arts = [
        _article(i, f"Summit\n\nThe summit in Hanoi was held on {day}, officials said.", published)
        for i, day in enumerate((host, host, dissent))
    ]
    _arts, events = extract_events(arts, use_reference=False)
    assert len(events) == 1
    assert events[0].date is not None and events[0].date.iso_start() == host
    assert [c.article for c in events[0].conflicts] == ["a2"]


def _tx(text: str) -> Timex:
    return Timex(0, len(text), text, "DATE", "XXXX", None, True)


def test_a_month_in_a_past_clause_before_year_1_stays_put():
    """'June' resolved to 0001-06 against 0001-03-01 in a past clause would move a year
    back, to year 0: it stays as resolved instead (ValueError before)."""
    june = DateValue(D(1, 6, 1), D(1, 6, 30), "month")
    assert local_tense(june, _tx("June"), False, D(1, 3, 1)) == june
    dec = DateValue(D(9999, 1, 1), D(9999, 1, 31), "month")
    assert local_tense(dec, _tx("January"), True, D(9999, 6, 1)) == dec


def test_a_month_shift_still_happens_inside_the_calendar():
    june = DateValue(D(2, 6, 1), D(2, 6, 30), "month")
    moved = local_tense(june, _tx("June"), False, D(2, 3, 1))
    assert (moved.start, moved.end) == (D(1, 6, 1), D(1, 6, 30))
    leap = DateValue(D(2024, 2, 29), D(2024, 2, 29), "day")
    moved = local_tense(leap, _tx("Feb. 29"), False, D(2024, 2, 1))
    assert (moved.start, moved.end) == (D(2023, 2, 28), D(2023, 2, 28))


def test_a_weekday_in_a_past_clause_in_the_first_week_of_the_calendar_stays_put():
    wed = DateValue(D(1, 1, 3), D(1, 1, 3), "day")
    assert local_tense(wed, _tx("Wednesday"), False, D(1, 1, 1)) == wed
    later = DateValue(D(1, 1, 10), D(1, 1, 10), "day")
    assert local_tense(later, _tx("Wednesday"), False, D(1, 1, 9)).start == D(1, 1, 3)


def test_partial_dates_at_the_end_of_the_calendar():
    december = DateValue(D(9999, 12, 1), LAST, "month")
    assert not partial_matches((1, 2), december)  # walked one day past 9999-12-31
    assert partial_matches((12, 31), december)
    assert partial_matches((12, None), december)
    assert not partial_matches((2, 30), DateValue(D(2019, 1, 1), D(2019, 12, 31), "year"))
    assert partial_matches((2, 29), DateValue(D(2020, 2, 10), D(2020, 3, 5), "day"))
    # a span much coarser than the partial date cannot confirm it
    assert not partial_matches((2, 29), DateValue(D(2019, 6, 1), D(2020, 6, 1), "day"))
    assert not partial_matches((6, None), DateValue(D(2019, 1, 1), D(2019, 12, 31), "year"))
    assert month_end(D(9999, 12, 5)) == LAST
    assert add_months(D(9999, 12, 5), 1) == D(9999, 12, 1)
    assert add_months(FIRST, -1) == FIRST
    assert add_months(D(2019, 11, 30), 3) == D(2020, 2, 1)


def test_partial_matches_agrees_with_walking_the_span():
    """The arithmetic version gives what walking day by day gave (on spans fine enough
    to confirm the partial date: a month for a day, a quarter for a month)."""

    def walk(partial, d):
        cur = d.start
        while cur <= d.end:
            if cur.month == partial[0] and partial[1] in (None, cur.day):
                return True
            cur += dt.timedelta(days=1)
        return False

    base = D(2019, 12, 20)
    for length in (0, 1, 10, 40, 70, 366, 400):
        for off in range(0, 800, 37):
            start = base + dt.timedelta(days=off)
            d = DateValue(start, start + dt.timedelta(days=length), "day")
            for partial in ((1, None), (2, 29), (3, 1), (12, 31), (6, None), (2, 30)):
                fine = length <= (31 if partial[1] is not None else 92)
                assert partial_matches(partial, d) == (fine and walk(partial, d)), (partial, d)


_OLD_CANDIDATE = re.compile(r"([.!?]+[\"'”’»)\]]*)\s+")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=".!?\"')] \nAb", max_size=60))
def test_sentence_candidates_are_those_of_the_backtracking_pattern(text):
    """Sentence punctuation is taken from the start of its run only (a page of dots was
    quadratic); the candidates are the same."""
    from nktimeline.events.sentences import _CANDIDATE

    def spans(rx):
        return [(m.start(), m.end(), m.group(1)) for m in rx.finditer(text)]

    assert spans(_CANDIDATE) == spans(_OLD_CANDIDATE)


def test_a_page_of_dots_is_split_in_linear_time():
    import time

    from nktimeline.events.sentences import split_sentences

    def run(n: int) -> float:
        t0 = time.perf_counter()
        split_sentences("." * n + " The end.")
        return time.perf_counter() - t0

    run(1000)
    small, big = run(20_000), run(200_000)
    assert big < 40 * small + 0.05, (small, big)
