"""Merging at scale: the span index finds every group a mention could join, and coarse
mentions of a busy month join each other instead of piling up as separate events."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.events.dates import gap_days
from nktimeline.events.extract import extract_events
from nktimeline.events.index import GroupIndex
from nktimeline.events.merge import Group
from nktimeline.model import Article, DateValue, Published

D = dt.date
BASE = D(2019, 1, 1)


def _span(offset: int, length: int) -> DateValue:
    start = BASE + dt.timedelta(days=offset)
    return DateValue(start, start + dt.timedelta(days=length), "day", "text", 0.9)


class _G(Group):
    __slots__ = ()

    def __init__(self, d: DateValue, place: str | None) -> None:
        super().__init__()
        self.date, self.place = d, place


spans = st.tuples(st.integers(0, 3000), st.sampled_from([0, 1, 3, 6, 13, 30, 90, 364, 1500, 5000]))


@settings(max_examples=60, deadline=None)
@given(
    groups=st.lists(st.tuples(spans, st.sampled_from(["Oslo", "Hanoi", None])), max_size=40),
    query=spans,
    slack=st.sampled_from([0, 7]),
    place=st.sampled_from(["Oslo", None]),
)
def test_near_returns_every_group_within_slack(groups, query, slack, place):
    idx = GroupIndex()
    made = []
    for (off, n), gp in groups:
        g = _G(_span(off, n), gp)
        idx.add(g)
        made.append(g)
    q = _span(*query)
    got = {id(g) for g in idx.near(q, slack, place)}
    for g in made:
        if gap_days(g.date, q) <= slack and (place is None or g.place in (place, None)):
            assert id(g) in got


def _art(aid: str, body: str, day: dt.date) -> Article:
    return Article(
        id=aid,
        path=f"/tmp/{aid}.txt",
        title=aid,
        body=body,
        published=Published(day, "metadata", 0.9),
    )


def test_month_mentions_of_a_busy_month_share_one_event():
    # Two precise June events in Oslo, then three articles that only say "in June".
    precise = [
        _art(
            "p1",
            "Negotiators held talks in Oslo on June 3, 2021, on the ceasefire plan.",
            D(2021, 6, 4),
        ),
        _art(
            "p2",
            "Negotiators held talks in Oslo on June 21, 2021, on the prisoner swap.",
            D(2021, 6, 22),
        ),
    ]
    vague = [
        _art(
            f"v{i}",
            "Negotiators held talks in Oslo in June 2021, officials said later.",
            D(2021, 9, i + 1),
        )
        for i in range(3)
    ]
    _arts, events = extract_events(precise + vague, use_reference=False)
    june = [e for e in events if e.date and e.date.granularity == "month" and e.place == "Oslo"]
    assert len(june) == 1
    assert {m.article for m in june[0].mentions} == {"v0", "v1", "v2"}
    days = sorted(e.date.start for e in events if e.date and e.date.granularity == "day")
    assert days == [D(2021, 6, 3), D(2021, 6, 21)]


def test_equal_dates_are_one_object_across_the_corpus(seed_paths):
    from nktimeline.pipeline import load_corpus

    corpus = load_corpus(seed_paths)
    dates = [m.date for e in corpus.events for m in e.mentions if m.date is not None]
    dates += [e.date for e in corpus.events if e.date is not None]
    assert len(dates) > len(set(dates))  # the seeds do repeat dates
    assert len({id(d) for d in dates}) == len(set(dates))
