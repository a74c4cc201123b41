"""The substring pre-test in front of a regex (``regex_prefilter``) must never change an answer:
it may only skip a search that would find nothing.  Checked on hand-written cases and, with
hypothesis, on random texts built from the patterns' own words and the characters that fold
oddly when ignoring case."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.casefold import lower
from nktimeline.ingest.dates import _patterns
from nktimeline.ingest.lexicon import lexicon
from nktimeline.regex_prefilter import Prefiltered, required_literals


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bcookies?\b.{0,20}\bacceptance", 0, {"acceptance"}),  # the longest
        (r"(?:we|this site) uses? cookies\b", 0, {" cookies"}),
        (r"\b(?:javascript|ad ?blocker)\b", 0, {"javascript", "blocker"}),
        (r"(?:published|updated|date)\s*:", re.I, {"published", "date"}),  # "updated" ⊃ "date"
        (r"x+(?:abcd)+", 0, {"abcd"}),
        (r"(?:abc)?def", 0, {"def"}),  # an optional group promises nothing
        (r"(?:abc|de)f", 0, None),  # "de" is too short to be worth a test
        (r"\d{4}-\d\d", 0, None),
        (r"(?i:abc)def", 0, {"def"}),  # a case-blind part cannot be tested as written
        (r"(?i)abc", 0, None),
        (r"(?<=abc)x(?!def)", 0, None),  # look-arounds are not part of the match
        (r"a(", 0, None),  # not a pattern at all
    ],
)
def test_required_literals(pattern, flags, expected):
    got = required_literals(pattern, flags)
    assert (set(got) if got is not None else None) == expected


def test_ignore_case_pretest_needs_ascii_text():
    rx = Prefiltered(re.compile(r"\bseconds\b", re.I))
    assert rx.keys == ("seconds",)
    # The long s matches "s" when ignoring case: the pre-test must not reject this text.
    assert rx.search("5 ſeconds ago") is not None
    assert rx.search("5 SECONDS ago") is not None
    assert rx.search("5 minutes ago") is None


def test_cased_non_ascii_literal_disables_the_ignore_case_pretest():
    # "é" and "É" match each other: a lower-cased ASCII test would not be exact
    assert Prefiltered(re.compile(r"café|bistro", re.I)).keys is None
    # uncased scripts (Hangul, CJK) never occur in ASCII text: the ASCII words remain
    assert Prefiltered(re.compile(r"published|업데이트", re.I)).keys == ("published",)


_PATTERNS = [
    lexicon().consent,
    _patterns().stamp,
    Prefiltered(re.compile(r"\b(?:we|this site) uses? cookies\b|(?:abc)+x", 0)),
    Prefiltered(re.compile(r"(?<![\w])(publication date|posted on|updated)\s*:", re.I)),
]


def _words(p: Prefiltered) -> list[str]:
    keys = list(p.keys or ())
    return keys + [k.upper() for k in keys] + [k[: len(k) // 2] for k in keys]


_ALL_WORDS = sorted({w for p in _PATTERNS for w in _words(p)} | {"we use cookies", "ad blocker"})
_PIECE = st.one_of(
    st.sampled_from(_ALL_WORDS),
    st.sampled_from([" ", ": ", ",", " to ", "2019", "accept", "enable", "ſ", "K", "İ", "é"]),
    st.text(max_size=4),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, max_size=14))
def test_prefiltered_search_equals_plain_search(pieces):
    text = "".join(pieces)
    for p in _PATTERNS:
        for probe in (text, lower(text)):
            want = p.rx.search(probe)
            got = p.search(probe)
            assert (got.span() if got else None) == (want.span() if want else None)
            assert [m.span() for m in p.finditer(probe)] == [m.span() for m in p.rx.finditer(probe)]


def test_banner_and_stamp_are_still_found():
    consent = lexicon().consent
    assert consent.search("we use cookies to improve your experience.") is not None
    assert consent.search("the talks in hanoi collapsed without a deal.") is None
    stamp = _patterns().stamp
    assert [m[1] for m in stamp.finditer("Published: 2019-02-28 | Updated 2019-03-01")] == [
        "Published",
        "Updated",
    ]
