"""A cheap substring test before a costly regex search.

Many of our patterns (cookie banners, date-stamp labels ...) are searched on every line but
match on very few.  A search without a literal prefix tries the whole pattern at every
position; ``required_literals`` reads the pattern's syntax tree instead and finds a few
literal strings one of which every match must contain (``cookie``, ``published`` ...).
``Prefiltered.search`` looks for those with ``str.__contains__`` (a fast C scan) and runs the
regex only when one is there, so the answer is always the regex's own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from nktimeline.regex_syntax import ops as _c
from nktimeline.regex_syntax import parse

_Need = frozenset[str] | None
_MIN_LEN = 3


def required_literals(pattern: str, flags: int = 0, min_len: int = _MIN_LEN) -> _Need:
    """Strings one of which every match of ``pattern`` contains, or None when the pattern
    does not promise any (then a pre-test is impossible).  Each string has ``min_len``
    characters at least (``_weight``): shorter ones are found almost everywhere and filter
    nothing.  No string contains another one."""
    tree = parse(pattern, flags)
    if tree is None:
        return None
    if tree.state.flags & re.IGNORECASE and not flags & re.IGNORECASE:
        return None  # an inline (?i) the caller did not pass: stay on the safe side
    need = _need(list(tree), min_len)
    if need is None:
        return None
    # "cookie" is found wherever " cookies" is: the longer string adds nothing
    return frozenset(k for k in need if not any(o != k and o in k for o in need))


def _need(items: list[tuple[Any, Any]], min_len: int) -> _Need:
    """The best requirement of a sequence: the set whose shortest string is longest."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if _weight("".join(run)) >= min_len:
            options.append(frozenset(("".join(run),)))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        close()
        sub: _Need = None
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if not add_flags & re.IGNORECASE:
                sub = _need(list(body), min_len)
        elif op is _c.ATOMIC_GROUP:
            sub = _need(list(av), min_len)
        elif op is _c.BRANCH:
            sub = _union([_need(list(b), min_len) for b in av[1]])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _need(list(av[2]), min_len)
        if sub:
            options.append(sub)
    close()
    if not options:
        return None
    return max(options, key=lambda s: (min(map(_weight, s)), -len(s)))


def _weight(s: str) -> int:
    """How selective a literal is: a letter outside ASCII (a CJK or Hangul syllable) is as
    rare in text as three ASCII letters."""
    return sum(1 if c.isascii() else 3 for c in s)


def _union(needs: list[_Need]) -> _Need:
    out: set[str] = set()
    for n in needs:
        if not n:
            return None  # one alternative promises nothing: neither does the choice
        out |= n
    return frozenset(out)


def _cased(s: str) -> bool:
    """Whether some non-ASCII character of ``s`` has another case form."""
    return any(not c.isascii() and (c.lower() != c or c.upper() != c) for c in s)


class Prefiltered:
    """``rx`` behind the pre-test of ``required_literals`` (same results as ``rx``).

    An ignore-case pattern is pre-tested on the lower-cased text, and only when that text
    is ASCII (some non-ASCII characters match ASCII letters when ignoring case, the long s
    an "s" for one).  In ASCII text only its ASCII strings can occur; a string with a cased
    letter outside ASCII could still match one, so such a pattern gets no pre-test."""

    __slots__ = ("fold", "keys", "pattern", "rx")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.pattern = rx.pattern
        self.fold = bool(rx.flags & re.IGNORECASE)
        keys = required_literals(rx.pattern, rx.flags)
        if keys is not None and self.fold:
            if all(k.isascii() or not _cased(k) for k in keys):
                keys = frozenset(k.lower() for k in keys if k.isascii()) or None
            else:
                keys = None
        self.keys = tuple(sorted(keys)) if keys else None

    def absent(self, text: str) -> bool:
        """True when no match can exist in ``text`` (False: there may be one)."""
        keys = self.keys
        if keys is None:
            return False
        if self.fold:
            if not text.isascii():
                return False
            text = text.lower()
        for k in keys:  # noqa: SIM110 - a plain loop is faster than all() of a generator
            if k in text:
                return False
        return True

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self.absent(text) else self.rx.search(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return iter(()) if self.absent(text) else self.rx.finditer(text, pos, endpos)
