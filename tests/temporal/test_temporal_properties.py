"""Property tests: the tagger never raises, spans lie in the text, values are TIMEX3."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.temporal import is_valid_value, tag

_WORDS = [
    "May",
    "March",
    "Sept.",
    "18",
    "and",
    "20",
    "2019",
    "last",
    "week",
    "Wednesday",
    "the",
    "1950s",
    "-",
    ",",
    "9:30",
    "a.m.",
    "two",
    "years",
    "ago",
    "every",
    "fall",
    "this",
    "in",
    "recent",
    "weeks",
    "Feb.",
    "27-28",
    "yesterday",
    "2000",
    "soldiers",
    "next",
    "quarter",
    "third-quarter",
    "year-earlier",
    "'80s",
    "noon",
    "Friday",
    "night",
    "2020-05-05",
    "31",
]

# characters that match an ASCII letter only when ignoring case (the long s, the Kelvin
# sign) or lower-case to two characters (the dotted capital I)
_ODD_FOLDS = str.maketrans({"s": "\u017f", "k": "\u212a", "I": "\u0130"})

texty = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_WORDS), max_size=40).map(
        lambda ws: " ".join(ws).translate(_ODD_FOLDS)
    ),
)
dcts = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
)


@settings(max_examples=200, deadline=None)
@given(texty, dcts)
def test_tag_never_raises_and_offsets_are_valid(text, dct):
    found = tag(text, dct)
    prev_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= prev_end
        prev_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_valid_value(t.value), t.value
        if dct is None:
            assert not t.anchored
        if t.date is not None:
            assert t.date.start <= t.date.end
