"""``regex_starts.first_words`` must over-approximate: wherever a pattern matches at the start
of a word, that word must be one of the pattern's first words.  Checked on hand-written
patterns and, with hypothesis, for every rule of the temporal finder on random text made of
the rules' own words."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nktimeline.regex_starts import DIGIT, first_words, starts_with
from nktimeline.temporal.patterns import _gate_sources, _rule_starts, gates


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:the\s+)?(?:last|next)\s+week\b", {"the", "last", "next"}),
        (r"(?:early|late)[\s-]+\d{4}", {"early", "late"}),
        (r"(?:early|late)[\s-]*\d{4}", {"early", "late", "early*", "late*"}),  # "early2019"
        (r"\d{4}-\d\d", {DIGIT}),
        (r"['’]\d0s", {DIGIT}),  # "'80s" is tried before its digits
        (
            r"(?:mid)?(?:day|night)s?\b",
            {"day", "days", "night", "nights", "midday", "midnight", "middays", "midnights"},
        ),
        (r"(?=\w)now\b(?!-)", {"now"}),  # look-arounds read nothing
        (r"\bto\s+(?:day|night)", {"to"}),
        (r"[ap]\.?m\b", {"a", "p", "a*", "p*"}),  # "a.m." or "am": known by its start
        (r"\w+ly", None),  # any word: not listable
        (r"(?P<x>a)(?P=x)", None),  # a back-reference: not listable
        (r"(?:ab)+c", None),  # a letter loop: not listable
    ],
)
def test_first_words(pattern, expected):
    assert first_words(pattern) == (frozenset(expected) if expected is not None else None)


def test_prefix_words():
    firsts = frozenset({"early*", "late"})
    assert starts_with("earlyapril", firsts) and starts_with("early", firsts)
    assert starts_with("late", firsts) and not starts_with("later", firsts)


_RULES = sorted(_gate_sources())


@st.composite
def _rule_and_text(draw):
    name = draw(st.sampled_from(_RULES))
    # text containing a match of the rule (generated from the rule's own pattern)
    return name, draw(st.from_regex(gates()[name], fullmatch=False))


_WORD_START = re.compile(r"(?<![\w'’-])(\w+)|(?<=['’])(\d\w*)")


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(_rule_and_text())
def test_every_rule_match_starts_with_one_of_its_first_words(rule_text):
    name, text = rule_text
    firsts = _rule_starts()[name]  # first_words of the same source, computed once
    if firsts is None:
        return
    gate = gates()[name]
    for tok in _WORD_START.finditer(text):
        word = tok.group(1) or tok.group(2)
        start = tok.start() if tok.group(1) else tok.start() - 1  # "'80s" from its quote
        if gate.match(text, start) is None:
            continue
        if word[0].isdigit():
            assert DIGIT in firsts, (name, text[start:])
        else:
            assert starts_with(word, firsts), (name, word, text[start:])
