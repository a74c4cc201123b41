"""Case-insensitive matching without ``re.IGNORECASE``.

An ignore-case pattern lower-cases every character it compares and cannot skip an
alternative on its first letter, which makes it several times slower than the same pattern
matched case-sensitively.  Matching ``lowered_source(p)`` on ``lowered(text)`` accepts the
same spans as ``p`` with ``re.IGNORECASE`` on ``text``: ``lowered`` keeps every offset and
replaces the few characters that would not match the same way once lower-cased (the Kelvin
sign and the long s match "k" and "s" when ignoring case; the dotted capital I lower-cases
to two characters) by a stand-in, as they never belong to a word we look for.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SOURCE_TOKEN = re.compile(r"\\.|\(\?P[<=]\w+[>)]|.", re.S)
_NUMERIC_ESCAPE = re.compile(r"\\[xuUN0-7]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[a-z]", re.I)
STAND_IN = "\ufffd"


def lowered_source(pattern: str) -> str:
    """``pattern`` with its letters lower-cased; escapes (``\\W``, ``\\S``) and group names
    are kept."""
    out = []
    for m in _SOURCE_TOKEN.finditer(pattern):
        tok = m.group(0)
        if len(tok) == 1 and len(tok.lower()) == 1:
            tok = tok.lower()
        out.append(tok)
    return "".join(out)


def compile_lowered(pattern: str) -> re.Pattern[str]:
    """The pattern to match on ``lowered(text)`` in place of ``pattern`` with
    ``re.IGNORECASE`` on ``text``.  A numeric escape might spell a capital letter, so such a
    pattern keeps ignoring case (still correct, just not faster)."""
    flags = re.I if _NUMERIC_ESCAPE.search(pattern) else 0
    return re.compile(lowered_source(pattern), flags)


@lru_cache(maxsize=4096)
def folds_oddly(ch: str) -> bool:
    """Whether a non-ASCII character would match differently once lower-cased: it matches an
    ASCII letter when ignoring case, or its lower case is longer than one character."""
    return len(ch.lower()) != 1 or _ASCII_LETTER.fullmatch(ch) is not None


def without_odd_folds(text: str) -> str:
    """``text`` with the characters that fold oddly replaced by a stand-in (same length)."""
    if text.isascii():
        return text
    odd = {c for c in set(_NON_ASCII.findall(text)) if folds_oddly(c)}
    if not odd:
        return text
    return text.translate(dict.fromkeys(map(ord, odd), STAND_IN))


def lower(text: str) -> str:
    """The lower-cased ``text``, offset for offset, for patterns made by ``compile_lowered``."""
    return without_odd_folds(text).lower()


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``lower`` of a whole article (cached: several passes read one text)."""
    return lower(text)
