"""The month bucket of cross-article coreference skips only pairs that could never join:
the pairs it yields are, in the same order, the compatible pairs of the plain enumeration."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.events.corefer import _buckets, _compatible, _month_pairs, _pairs
from nktimeline.events.merge import Group
from nktimeline.model import DateValue

BASE = dt.date(2031, 3, 1)
GRAINS = ["day", "week", "month", "year"]


class _G(Group):
    __slots__ = ()

    def __init__(self, d: DateValue) -> None:
        super().__init__()
        self.date = d


def _date(offset: int, length: int, grain: str) -> DateValue:
    start = BASE + dt.timedelta(days=offset)
    if grain == "month":
        start = start.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return DateValue(start, nxt - dt.timedelta(days=1), grain, "text", 0.9)
    return DateValue(start, start + dt.timedelta(days=length), grain, "text", 0.9)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 70), st.sampled_from([0, 0, 1, 3, 7, 9]), st.sampled_from(GRAINS)),
        max_size=30,
    )
)
def test_month_pairs_are_the_compatible_pairs_in_order(specs):
    groups = [_G(_date(*s)) for s in specs]
    for key, members in _buckets(groups).items():
        if not (isinstance(key, tuple) and key[0] == "month"):
            continue
        every = [(i, j) for i, j in _pairs(members, [], {}) if _compatible(groups[i], groups[j])]
        got = [
            (i, j) for i, j in _month_pairs(members, groups) if _compatible(groups[i], groups[j])
        ]
        assert got == every
        assert set(_month_pairs(members, groups)) <= set(_pairs(members, [], {}))


def test_sentence_words_are_the_content_keys():
    from nktimeline.events.corefer import _settings, sentence_words
    from nktimeline.language.rarity import keys

    stop = _settings()[0]
    for text in [
        "Veltrania's health ministry declared an outbreak on Tuesday; the ministry's shells",
        "Ölkonzern-Chef sagte: 'Wir sind's' — it's the HANOI summit's second day, 2019",
        "",
    ]:
        want = {k for k in keys(text) if len(k) >= 3 and k not in stop}
        assert sentence_words(text) == want
        assert sentence_words(text) == want  # (again, from the per-word table)
