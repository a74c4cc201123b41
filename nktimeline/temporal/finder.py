"""Find time expressions and emit underspecified candidates (no anchor needed).

``find(text)`` scans once with the master pattern (see ``patterns``) and turns each match into
a ``Candidate``: its span, TIMEX3 type, the value as far as the text alone determines it
(``XXXX-06-12``, ``XXXX-WXX-3``, ``P2W`` ...) and the fields the resolver needs to anchor it.
Handlers return ``None`` to reject a match (modal "may", "2000 soldiers" ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from nktimeline.casefold import lowered, without_odd_folds
from nktimeline.guard import checkpoint
from nktimeline.temporal.lexicon import fmt_number, lexicon, word_number
from nktimeline.temporal.patterns import (
    compiled,
    gates,
    is_standalone,
    key_rules,
    number_rules,
    pair_rules,
    scan,
)


@dataclass(slots=True)
class Candidate:
    """An unresolved time expression.  ``kind`` tells the resolver how to anchor it."""

    start: int
    end: int
    type: str
    kind: str  # abs | md | month | weekday | relday | relunit | ago | yref | quarter | qref ...
    value: str  # the value without an anchor (fully specified for kind "abs")
    f: dict[str, Any] = field(default_factory=dict)


# (only from the start of a run of word characters, taken whole: searching from every
# position in the run and giving characters back made this quadratic in the window)
_WORD_BEFORE = re.compile(r"(?<![\w$#€£₩.%'’-])([\w$#€£₩.%'’-]++)\W*$")
_WORD_AFTER = re.compile(r"^\W{0,3}?([\w%$'’]+)")


def prev_word(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, pos - 30) : pos])  # a slice: nothing before it
    return m.group(1).lower() if m else ""


def next_word(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text[pos : pos + 30])
    return m.group(1) if m else ""


def _cap(tok: str | None) -> bool:
    return bool(tok) and tok[0].isupper()  # type: ignore[index]


def _month(tok: str) -> int:
    return lexicon()["months"][tok.lower().rstrip(".")]


def _weekday(tok: str) -> int:
    return lexicon()["weekdays"][tok.lower().rstrip(".")]


def _day(tok: str) -> int:
    t = tok.lower()
    ords = lexicon()["ordinals"]
    if t in ords:
        return ords[t]
    return int(re.sub(r"\D", "", t) or 0)


def _unit(tok: str) -> str:
    return lexicon()["units"][" ".join(tok.lower().split())]


def _number(tok: str | None) -> float | None:
    """Number of a quantity phrase; None for vague ones ("several")."""
    if not tok:
        return None
    t = " ".join(tok.lower().split())
    for sep in (" to ", " or ", "-", "–"):
        if sep in t and not t.startswith(sep.strip()):
            left, right = (x.strip() for x in t.split(sep, 1))
            if sep == "-" and _tens_and_unit(left, right):
                continue  # "fifty-three" is one number, not the range "fifty to three"
            n = word_number(left)
            if n is not None:
                return n
    return word_number(t)


def _tens_and_unit(left: str, right: str) -> bool:
    """Do ``left`` and ``right`` join into one number with a hyphen ("twenty-one")?"""
    nums = lexicon()["numbers"]
    tens = nums.get(left.rsplit(" ", 1)[-1]) if left else None
    unit = nums.get(right.split(" ", 1)[0]) if right else None
    return tens in (20, 30, 40, 50, 60, 70, 80, 90) and unit in (1, 2, 3, 4, 5, 6, 7, 8, 9)


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value for ``n`` units (``None`` = unknown amount)."""
    mult = {"DE": (10, "Y"), "CE": (100, "Y"), "ML": (1000, "Y"), "2W": (2, "W")}
    if unit in mult:
        k, u = mult[unit]
        if n is None:  # TimeML: E = decade, C = century, L = millennium
            return "PX" + {"DE": "E", "CE": "C", "ML": "L", "2W": "W"}[unit]
        return f"P{fmt_number(n * k)}{u}"
    if n is not None and not float(n).is_integer() and unit in _SPLIT:
        whole = int(n)
        sub_unit, per = _SPLIT[unit]
        rest = fmt_number(round((n - whole) * per, 3))
        head = f"{whole}{unit}" if whole else ""
        if sub_unit == "TH":
            return f"P{head}T{rest}H"
        return f"P{head}{rest}{sub_unit}"  # TimeML: "2 1/2 years" = P2Y6M
    if unit == "Y" and n is not None and n >= 1000 and n % 1000 == 0:
        return f"P{fmt_number(n / 1000)}L"  # TimeML: "two thousand years" = P2L
    amount = "X" if n is None else fmt_number(n)
    return f"P{amount}{unit}"


_SPLIT = {"Y": ("M", 12), "D": ("TH", 24)}


def time_duration(n: float | None, unit_word: str) -> str:
    u = {"h": "H", "m": "M", "s": "S"}[unit_word.lower()[0]]
    if u == "M" and n is not None and not float(n).is_integer():
        secs = fmt_number(round((n - int(n)) * 60, 3))
        return f"PT{int(n)}M{secs}S" if int(n) else f"PT{secs}S"
    return f"PT{'X' if n is None else fmt_number(n)}{u}"


_Handler = Callable[[str, re.Match[str], int, int], "Candidate | None"]
HANDLERS: dict[str, _Handler] = {}


def handler(name: str) -> Callable[[_Handler], _Handler]:
    def deco(fn: _Handler) -> _Handler:
        HANDLERS[name] = fn
        return fn

    return deco


# Characters between two cancellation checks in the long loops (a few milliseconds of work).
CHECK_EVERY = 4096

# the word after a trigger (a few separators away at most)
_NEXT_WORD = re.compile(r"[\W_]{0,4}?(\w+)")


def find(text: str) -> list[Candidate]:
    """All candidates in ``text``, sorted by start, non-overlapping.

    Rules are first tried with their lower-case copies on the lower-cased text
    (``patterns.gates``), which is much faster than ignoring case; characters that would
    not match the same way once lower-cased (the Kelvin sign, the long s, Turkish i's) are
    replaced by a stand-in, as they never belong to a time expression.

    Only word starts whose word can begin an expression (``patterns.scanner``) are tried
    with the rules' patterns.  When the winning rule's handler rejects a match, the later
    rules are tried at the same position (a rejection never hides text).
    """
    own, names = compiled()
    order = _order_of(tuple(names))
    tries = gates()
    out: list[Candidate] = []
    last_end = 0
    next_check = 0  # where to ask again whether the load was cancelled
    text = without_odd_folds(text)  # "5 ſeconds" is not "5 seconds"; offsets are kept
    low = lowered(text)
    for tok in scan(low):
        start = tok.start(1)
        if start >= next_check:
            checkpoint()  # by position, not per word: one comparison per word
            next_check = start + CHECK_EVERY
        if start < last_end:
            continue
        key = tok.group(1)
        rules: _Matchers | None
        if key[0].isdigit():
            if start and text[start - 1] in "'’" and (start < 2 or not text[start - 2].isalnum()):
                start -= 1  # '80s
            # only the rules that accept the word after the number ("48 percent": none
            # but those a number alone can satisfy)
            nxt = _AFTER_NUMBER.match(low, tok.end())
            rules = _rules_for_number(nxt.group(1) if nxt is not None else None)
        else:
            rules = _rules_for_key(key)
            if rules is None:  # a word that starts an expression only with the next one
                nxt = _NEXT_WORD.match(low, tok.end())
                if nxt is None:
                    continue
                second = nxt.group(1)
                rules = _rules_for_pair(key, "0" if second[0].isdigit() else second)
        if not rules:
            continue
        if start and ((c := text[start - 1]) in "'’-" or c.isalnum() or c == "_"):
            continue  # not at a word start (the scanner sees only the lower-cased text)
        # The first rule (in rule order) that matches here; trying the rules one by one
        # gives the same answer as one alternation of them, without compiling an
        # alternation per trigger word at start-up.
        for first, match in rules:  # noqa: B007 - `first` is read after the loop
            if match(low, start) is not None:
                break
        else:
            continue
        cand = _first_accepted(text, start, names[order[first] :], own, tries, low)
        if cand is not None and cand.end > cand.start:
            out.append(cand)
            last_end = cand.end
    return _join_month_year(text, out)


_MONTH_YEAR_GAP = re.compile(r",?\s+(?:of\s+)?$")


def _join_month_year(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A month followed by a year the master pattern could not join (a spoken year in a
    transcript: "January nineteen ninety-seven") is one month expression."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "month"
            and prev.f.get("mod") is None
            and not prev.f.get("this")
            and "yoff" not in prev.f
            and c.kind == "abs"
            and c.type == "DATE"
            and len(c.value) == 4
            and c.value.isdigit()
            and _MONTH_YEAR_GAP.match(text, prev.end, c.start)
        ):
            out[-1] = Candidate(
                prev.start, c.end, "DATE", "abs", f"{c.value}-{prev.f['mon']:02d}", {}
            )
            continue
        if (
            prev is not None
            and prev.kind == "weekday"
            and prev.type == "DATE"
            and (c.kind == "md" or (c.kind == "abs" and _DAY_VALUE.match(c.value)))
            and _WEEKDAY_DATE_GAP.match(text, prev.end, c.start)
        ):
            # "this coming Sunday, March 8": one expression, dated by its month and day
            c.start = prev.start
            if c.kind == "md":
                c.f["wd"] = prev.f["wd"]
            out[-1] = c
            continue
        if (
            prev is not None
            and prev.kind == "weekday"
            and not prev.f.get("mod")
            and c.type == "SET"
            and c.f.get("part")
            and _AND_GAP.match(text, prev.end, c.start)
        ):
            # "on Monday and Tuesday nights": the plural covers both days
            wd = prev.f["wd"]
            out[-1] = Candidate(
                prev.start, prev.end, "SET", "abs", f"XXXX-WXX-{wd}{c.f['part']}", {}
            )
        out.append(c)
    return out


_AND_GAP = re.compile(r"\s+(?:and|or|&)\s+$")
_WEEKDAY_DATE_GAP = re.compile(r",?\s+(?:the\s+)?$")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")


_Matchers = tuple[tuple[str, Callable[[str, int], "re.Match[str] | None"]], ...]


def _matchers(names: tuple[str, ...]) -> _Matchers:
    tries = gates()
    return tuple((n, tries[n].match) for n in names)


@cache
def _rules_for_key(key: str) -> _Matchers | None:
    """(rule, its lower-case ``match``) for the rules that can start with ``key``, in rule
    order; None for a trigger that needs the next word too (see ``patterns.is_standalone``)."""
    return _matchers(key_rules(key)) if key == "0" or is_standalone(key) else None


@lru_cache(maxsize=20_000)
def _rules_for_pair(key: str, second: str) -> _Matchers:
    return _matchers(pair_rules(key, second))


# the word after a number token (which ends at a non-word character)
_AFTER_NUMBER = re.compile(r"\W*(\w+)")
_ANY_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=20_000)
def _rules_for_number(second: str | None) -> _Matchers:
    if second is not None and not second.isalpha():
        # as ``regex_starts`` reads them: a number is "0", a digit inside a word "0" too
        second = "0" if second[0].isdigit() else _ANY_DIGIT.sub("0", second)
    return _matchers(number_rules(second))


@lru_cache(maxsize=4)
def _order_of(names: tuple[str, ...]) -> dict[str, int]:
    return {n: i for i, n in enumerate(names)}


def _first_accepted(
    text: str, start: int, names: list[str], own, tries, probe: str
) -> Candidate | None:
    """The first rule of ``names`` whose handler accepts its match at ``start`` (the first
    name is known to match ``probe`` there)."""
    for k, name in enumerate(names):
        if k and tries[name].match(probe, start) is None:
            continue
        mm = own[name].match(text, start)
        if mm is None or mm.end() <= mm.start():
            continue
        cand = HANDLERS[name](text, mm, start, mm.end())
        if cand is not None:
            return cand
    return None


# Handlers live in ``rules`` (imported for their registration side effect).
from nktimeline.temporal import rules as _rules  # noqa: E402,F401
