"""The finder's one-pass word-start scanner must visit every position a rule could start at,
and its lower-case rule copies (``patterns.gates``) must accept exactly what the rules
themselves accept when ignoring case.

The reference below is the straightforward per-word loop the scanner replaced: visit every
word, ask the rule index whether a rule can start with it (alone, or with the next word),
and try those rules' own case-insensitive patterns on the original text.  Both must give
identical candidates on any text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.casefold import lowered_source
from nktimeline.regex_trie import alternation
from nktimeline.temporal import finder, tag
from nktimeline.temporal.patterns import (
    _all_words,
    compiled,
    gates,
    is_standalone,
    key_rules,
    pair_rules,
    triggers,
)

_TOKEN = re.compile(r"(\w+)(?=(?:[\W_]{0,4}?(\w+))?)")


def _word_loop(text: str, rules_at) -> list[tuple]:
    """Visit every word of ``text``; where ``rules_at(key, next_word)`` names rules (in rule
    order), the first of them that matches picks the rule to start from, and the first rule
    from there whose handler accepts its match gives the candidate."""
    own, names = compiled()
    order = {n: i for i, n in enumerate(names)}
    out, last_end = [], 0
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for tok in _TOKEN.finditer(low):
        start = tok.start()
        if start < last_end:
            continue
        key = tok.group(1)
        if key[0].isdigit():
            if start and text[start - 1] in "'’" and (start < 2 or not text[start - 2].isalnum()):
                start -= 1
            key = "0"
        cands = rules_at(key, tok.group(2))
        if not cands or re.compile(r"(?<![\w'’-])").match(text, start) is None:
            continue
        first = next((n for n in cands if own[n].match(text, start) is not None), None)
        if first is None:
            continue
        cand = None
        for name in names[order[first] :]:
            mm = own[name].match(text, start)
            if mm is not None and mm.end() > mm.start():
                cand = finder.HANDLERS[name](text, mm, start, mm.end())
                if cand is not None:
                    break
        if cand is not None and cand.end > cand.start:
            out.append(cand)
            last_end = cand.end
    return [(c.start, c.end, c.type, c.value) for c in finder._join_month_year(text, out)]


def _reference_find(text: str) -> list[tuple]:
    """The per-word loop with the finder's rule index."""
    trig = triggers()

    def rules_at(key: str, second: str | None):
        if key == "0":
            return key_rules("0")
        if key not in trig:
            return ()
        if is_standalone(key):
            return key_rules(key)
        if not second:
            return ()
        return pair_rules(key, "0" if second[0].isdigit() else second)

    return _word_loop(text, rules_at)


def _every_rule_find(text: str) -> list[tuple]:
    """The finder without its rule index: at every word that some rule spells out (and at
    every number), every rule is tried in order.  The index (which rules can start with
    which word, ``regex_starts``; which need the next word) may only skip rules that could
    not match there."""
    names = compiled()[1]
    words = _all_words()
    return _word_loop(text, lambda key, _second: names if key == "0" or key in words else ())


def _found(text: str) -> list[tuple]:
    return [(c.start, c.end, c.type, c.value) for c in finder.find(text)]


_WORDS = [
    *sorted(_all_words()),
    "June",
    "12",
    "2019",
    "the",
    "of",
    "to",
    "summit",
    "talks",
    "week",
    "next",
    "last",
    "'80s",
    "10:30",
    "a.m.",
    "Friday",
    "ago",
    "three",
    "years",
    "company",
    "x_y",
    "Ünter",
    "JUNE",
    "Last",
    "WEEK",
    "FY2019",
    "2019-06-12T10:30",
    "Christmas",
    "É",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_WORDS), st.sampled_from([" ", ", ", ". ", "-", " -- ", "_", "\n"])
        ),
        max_size=40,
    )
)
def test_scanner_finds_what_the_word_loop_finds(parts):
    text = "".join(w + sep for w, sep in parts)
    assert _found(text) == _reference_find(text)
    assert _found(text) == _every_rule_find(text)


def test_scanner_on_prose():
    text = (
        "The talks in Stockholm last week, the first since the failed Hanoi summit in "
        "February, ended on Saturday, Oct. 5, 2019. In the '80s, some 2,000 soldiers "
        "marched at 10:30 a.m. for three hours; the company said the next two weeks matter."
    )
    assert _found(text) == _reference_find(text) == _every_rule_find(text)
    assert any(v == "2019-10-05" for *_x, v in _found(text))


def test_trie_alternation_matches_exactly_its_words():
    words = {"a", "an", "and", "the", "then", "thus", "x.y"}
    pat = re.compile(rf"(?:{alternation(words)})\Z")
    for w in words:
        assert pat.match(w)
    for w in ("", "anx", "th", "thu", "xy", "x-y", "nd"):
        assert not pat.match(w)


def test_lowered_source_keeps_escapes_and_group_names():
    assert lowered_source(r"(?P<Y>\d{4})[T\s]FY\W(?P=Y)É") == r"(?P<Y>\d{4})[t\s]fy\W(?P=Y)é"
    own = compiled()[0]
    for name in ("iso", "year", "md"):
        text = "Sept. 12, 2019 FY2019 2019-06-12T10:30"
        for start in range(len(text)):
            a = own[name].match(text, start)
            b = gates()[name].match(text.lower(), start)
            assert (a and a.span()) == (b and b.span())


def test_characters_that_fold_oddly_are_not_letters_of_a_date():
    # the long s and the Kelvin sign match "s" and "k" when ignoring case; once crashed
    # the tagger with a unit it could not look up
    assert tag("It ended 5 \u017feconds ago.") == []
    assert [t.text for t in tag("It ended 5 seconds ago.")] == ["5 seconds ago"]
    text = "\u0130n June 2019 they met in \u212aaesong, 3 days later."
    values = [t.value for t in tag(text)]
    assert "2019-06" in values
    assert _found(text) == [
        (s, e, ty, v) for s, e, ty, v in _found(text.replace("\u0130", "X").replace("\u212a", "X"))
    ]


def test_digit_runs_in_rules_are_followed_by_no_digit():
    # The rules' lower-case copies take "\d+" possessively (patterns._gate_sources); that is
    # only right while what follows a digit run can never start with a digit.  A new rule
    # breaking this must make the copies keep "\d+" as it is.
    own = compiled()[0]
    safe = (r"(?:\.\d", r")?(?:\s+1/2|½)", r"\s+times")
    for name, pattern in own.items():
        for m in re.finditer(r"\\d\+", pattern.pattern):
            assert pattern.pattern[m.end() :].startswith(safe), (
                name,
                pattern.pattern[m.end() :][:20],
            )


_REFERENCE_WORD_BEFORE = re.compile(r"([\w$#€£₩.%'’-]+)\W*$")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1 _.-$%'’,;:!?()\n\té€", max_size=60), st.integers(0, 60))
def test_prev_word_is_the_last_run_before_the_position(text, pos):
    """``prev_word`` searches a 30-character slice from run starts only; the plain search
    over the same window (the quadratic one it replaced) must give the same word."""
    pos = min(pos, len(text))
    m = _REFERENCE_WORD_BEFORE.search(text, max(0, pos - 30), pos)
    assert finder.prev_word(text, pos) == (m.group(1).lower() if m else "")
