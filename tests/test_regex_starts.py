"""``regex_starts.first_words`` must over-approximate: wherever a pattern matches at the start
of a word, that word must be one of the pattern's first words.  Checked on hand-written
patterns and, with hypothesis, for every rule of the temporal finder on random text made of
the rules' own words."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nktimeline.regex_starts import DIGIT, first_words, starts_with, words_after_number
from nktimeline.temporal.patterns import _gate_sources, _number_followers, _rule_starts, gates


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


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d+\s+(?:years|months)\s+ago", {"years", "months"}),
        (r"\d{4}-\d\d-\d\d", {DIGIT}),
        (r"\d+(?:st|nd|rd|th)[\s-]+century\b", {"century"}),  # "19th" is one token
        (r"(?:\d+\s+)?times\b", {"times"}),  # "5 times" (a match at "times" is not asked)
        (r"\d{4}\b", None),  # a number alone is a match: any word may follow
        (r"\d\d?\s*(?:[ap]m|o'clock)", None),  # "5pm": the word may be part of the number
        (r"['’]\d0s\b", None),
        (r"\d+ (?:week|month)", {"week*", "month*"}),  # may stop inside "weekly"
    ],
)
def test_words_after_number(pattern, expected):
    got = words_after_number(pattern)
    assert got == (frozenset(expected) if expected is not None else None)


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


_NUMBER_RULES = sorted(n for n, f in _number_followers().items() if f is not None)
_NUMBER_START = re.compile(r"(?<![\w'’-])(\d\w*)|(?<=['’])(\d\w*)")
_AFTER = re.compile(r"\W*(\w+)")


@st.composite
def _number_rule_and_text(draw):
    name = draw(st.sampled_from(_NUMBER_RULES))
    return name, draw(st.from_regex(gates()[name], fullmatch=False))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(_number_rule_and_text())
def test_the_word_after_a_matched_number_is_listed(rule_text):
    """Where a rule matches at a number, the word after that number (as the finder reads
    it) is one of ``words_after_number``: the finder may skip the rule for other words."""
    name, text = rule_text
    follow = _number_followers()[name]
    gate = gates()[name]
    for tok in _NUMBER_START.finditer(text):
        start = tok.start() if tok.group(1) else tok.start() - 1
        if gate.match(text, start) is None:
            continue
        nxt = _AFTER.match(text, tok.end())
        assert nxt is not None, (name, text[start:])
        word = nxt.group(1)
        word = DIGIT if word[0].isdigit() else re.sub(r"\d", "0", word)
        assert starts_with(word, follow), (name, word, text[start:])
