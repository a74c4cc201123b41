"""Word lists of the temporal tagger, loaded once from ``resources/temporal/lexicon.json``.

The JSON holds the data (month names, number words, units, tense cues ...); this module turns
the lists into regex alternations and small lookup helpers.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from nktimeline.paths import load_json
from nktimeline.regex_trie import alternation


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    return load_json("temporal/lexicon.json")


def alt(words: Any) -> str:
    """A non-capturing alternation of ``words`` (longest first, spaces match any blank run)."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    parts = []
    for w in items:
        parts.append(r"\s+".join(re.escape(p) for p in w.split(" ")))
    return "(?:" + "|".join(parts) + ")"


def tree_alt(words: Any) -> str:
    """``alt`` as a prefix tree: the same words, and the longest that fits still wins, but
    the engine walks shared prefixes once and skips a branch on its first letter.  (The
    tagger's rules keep ``alt``: their literal words name the trigger words; their
    lower-case copies use this.)"""
    return "(?:" + alternation({str(w) for w in words}, space=r"\s+") + ")"


_NUM_SPLIT = re.compile(r"[\s-]+")


def word_number(text: str) -> float | None:
    """Value of a number written in digits or English words ("twenty four", "2 1/2",
    "eight and a half", "a couple of").  ``None`` for vague quantities ("several")."""
    lex = lexicon()
    t = " ".join(text.lower().replace(",", "").split())
    if not t:
        return None
    if t in lex["numbers"]:
        return float(lex["numbers"][t])
    half = 0.0
    for suffix in (" and a half", " and one half", " 1/2", "½", " and a quarter"):
        if t.endswith(suffix):
            half = 0.25 if "quarter" in suffix else 0.5
            t = t[: -len(suffix)].strip()
            break
    try:
        return float(t) + half
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    seen = False
    for tok in _NUM_SPLIT.split(t):
        if tok in ("and", ""):
            continue
        v = lex["numbers"].get(tok)
        if v is None:
            try:
                v = float(tok)
            except ValueError:
                return None
        seen = True
        if v == 100:
            current = (current or 1) * 100
        elif v == 1000:
            total += (current or 1) * 1000
            current = 0
        else:
            current += v
    if not seen:
        return None
    return total + current + half


def fmt_number(n: float) -> str:
    """``2.0`` -> ``"2"``, ``8.5`` -> ``"8.5"``."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


@lru_cache(maxsize=1)
def context() -> dict[str, Any]:
    """Context word lists (modifier offsets, lead words, tense markers)."""
    return load_json("temporal/context.json")


@cache
def words(key: str) -> frozenset[str]:
    """A context word list as a set."""
    return frozenset(context()[key])
