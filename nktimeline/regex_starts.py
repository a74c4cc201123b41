"""The words a regex can start with, read from its syntax tree.

The temporal finder only tries a rule where the text has a word the rule can begin with.
Every literal word written in a rule is a safe but loose answer: "to" and "of" are written
in a date range rule ("March 3 to 5"), yet no rule starts with them, and trying rules at
every "to" costs time.  ``first_words`` walks the pattern instead and collects the words a
match can begin with, lower-cased, plus ``DIGIT`` when it can begin with a digit (or an
apostrophe before one, as in "'80s").

The answer over-approximates, so a rule is never skipped where it could match:
- look-arounds are ignored (they only remove matches);
- where an optional separator (``\\s*``) may match nothing, the words on both sides could
  be glued into one; the glued word is kept as a prefix (``"early*"``: any word that starts
  with "early");
- a construct that could begin with letters we cannot list (``\\w``, ``.``, a negated class,
  a back-reference) makes the whole answer ``None``: no restriction.
"""

from __future__ import annotations

import re
from typing import Any

from nktimeline.regex_syntax import ops as _c
from nktimeline.regex_syntax import parse

DIGIT = "0"
WILD = "*"  # a trailing WILD marks a prefix: any word starting with it
# States of ``words_after_number`` before its second word: a control character and the
# phase (start, inside the number token, in the separators after it).
_PHASE = "\0"
_NUM_START, _IN_NUM, _GAP = _PHASE + "s", _PHASE + "n", _PHASE + "g"
_LIMIT = 20_000  # partial words tracked at once; past it, the answer is None


class _Unknown(Exception):
    pass


def first_words(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Lower-case words (``DIGIT`` for a digit, ``"early*"`` for a prefix) that every match
    of ``pattern`` starting at a word start begins with; None when they cannot be listed."""
    run = _run(pattern, flags, "")
    if run is None:
        return None
    done, partial = run
    return frozenset(w for w in done | _open_ended(partial) if w)


def words_after_number(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """For the matches of ``pattern`` that begin with a number (a digit token, maybe after
    an apostrophe): the words that can come next, after separators (``DIGIT`` for another
    number, prefixes as in ``first_words``).  None when such a match may end with the number
    and its separators, or when the words cannot be listed: then any word may follow."""
    run = _run(pattern, flags, _NUM_START)
    if run is None:
        return None
    done, partial = run
    if any(s[:1] == _PHASE for s in partial):
        return None  # the pattern can stop at the number: nothing needs to follow
    return frozenset(w for w in done | _open_ended(partial) if w)


def _run(pattern: str, flags: int, start: str) -> tuple[set[str], set[str]] | None:
    """(words completed, partial words at the end) of ``pattern`` read from the state
    ``start``; None when the pattern cannot be parsed or its words cannot be listed."""
    tree = parse(pattern, flags)
    if tree is None:
        return None
    try:
        return _seq(list(tree), {start})
    except (_Unknown, RecursionError):
        return None


def _open_ended(partial: set[str]) -> set[str]:
    """Words still open where the pattern ends: the match may stop inside a longer word of
    the text ("month" in "monthly"), so each stands for any word it starts."""
    return {s if not s or s.endswith(WILD) else s + WILD for s in partial}


def starts_with(word: str, firsts: frozenset[str]) -> bool:
    """Whether a match can begin with the whole word ``word`` (lower case)."""
    if word in firsts:
        return True
    return any(f.endswith(WILD) and word.startswith(f[:-1]) for f in firsts)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_SPACE = (
    "CATEGORY_SPACE",
    "CATEGORY_UNI_SPACE",
    "CATEGORY_NOT_WORD",
    "CATEGORY_UNI_NOT_WORD",
    "CATEGORY_LINEBREAK",
    "CATEGORY_UNI_LINEBREAK",
)
_DIGITS = ("CATEGORY_DIGIT", "CATEGORY_UNI_DIGIT")


def _chars(op: Any, av: Any) -> set[str] | None:
    """The characters one LITERAL or IN item matches (a stand-in for a class of non-word
    characters or of digits); None when it could match letters we cannot list."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is not _c.IN:
        return None
    out: set[str] = set()
    for o, a in av:
        if o is _c.LITERAL:
            out.add(chr(a))
        elif o is _c.RANGE:
            lo, hi = a
            if hi - lo > 400:
                return None
            out.update(map(chr, range(lo, hi + 1)))
        elif o is _c.CATEGORY and str(a) in _SPACE:
            out.add(" ")
        elif o is _c.CATEGORY and str(a) in _DIGITS:
            out.add("0")
        else:  # NEGATE, \w, \S ...
            return None
    return out


def _seq(items: list[tuple[Any, Any]], states: set[str]) -> tuple[set[str], set[str]]:
    """Run a sequence over the partial first words ``states`` ("" = nothing read yet):
    (words completed inside it, partial words after it)."""
    done: set[str] = set()
    for op, av in items:
        if not states:
            break
        d, states = _item(op, av, states)
        done |= d
        if len(states) + len(done) > _LIMIT:
            raise _Unknown
    return done, states


def _step(states: set[str], chars: set[str]) -> tuple[set[str], set[str]]:
    done: set[str] = set()
    nxt: set[str] = set()
    for s in states:
        if s[:1] == _PHASE:
            _number_step(s, chars, done, nxt)
            continue
        for ch in chars:
            if _is_word(ch):
                if s.endswith(WILD):
                    nxt.add(s)
                elif s == "" and ch.isdigit():
                    done.add(DIGIT)  # a number: the finder's digit token
                else:
                    nxt.add(s + ("0" if ch.isdigit() else ch.lower()))
            elif s:
                done.add(s)  # a separator completes the word
            elif ch in "'’":
                done.add(DIGIT)  # "'80s": tried before a digit token
            # (any other separator first: such a match never starts at a word start)
    return done, nxt


def _number_step(s: str, chars: set[str], done: set[str], nxt: set[str]) -> None:
    """One character for a ``words_after_number`` state that has not reached its second
    word: the number token, then separators, then the second word's first character."""
    for ch in chars:
        if s == _NUM_START:
            if ch.isdigit():
                nxt.add(_IN_NUM)
            elif ch in "'’":
                nxt.add(_NUM_START)  # "'80s": the number comes after the apostrophe
            # (a letter or another separator first: not a match that starts with a number)
        elif s == _IN_NUM:
            nxt.add(_IN_NUM if _is_word(ch) else _GAP)  # "5pm" is one token
        elif not _is_word(ch):
            nxt.add(_GAP)
        elif ch.isdigit():
            done.add(DIGIT)
        else:
            nxt.add(ch.lower())


def _non_word_only(body: list[tuple[Any, Any]]) -> bool:
    """Whether ``body`` can only match separators (``\\s``, ``[\\s-]``, ``,`` ...)."""
    for op, av in body:
        if op in (_c.LITERAL, _c.IN):
            chars = _chars(op, av)
            if chars is None or any(_is_word(ch) for ch in chars):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if not _non_word_only(list(av[2])):
                return False
        else:
            return False
    return True


def _item(op: Any, av: Any, states: set[str]) -> tuple[set[str], set[str]]:
    if op in (_c.LITERAL, _c.IN):
        chars = _chars(op, av)
        if chars is None:
            raise _Unknown
        return _step(states, chars)
    if op is _c.AT:
        if str(av) in ("AT_BOUNDARY", "AT_UNI_BOUNDARY"):
            # after word characters a boundary ends the word; at the start (or before the
            # second word) it reads nothing
            ends = {s for s in states if s and s[:1] != _PHASE}
            return ends, states - ends
        return set(), states
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return set(), states
    if op is _c.SUBPATTERN:
        return _seq(list(av[3]), states)
    if op is _c.ATOMIC_GROUP:
        return _seq(list(av), states)
    if op is _c.BRANCH:
        done: set[str] = set()
        out: set[str] = set()
        for alt in av[1]:
            d, s = _seq(list(alt), set(states))
            done |= d
            out |= s
        return done, out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _repeat(av, states)
    raise _Unknown  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS ...


def _repeat(av: Any, states: set[str]) -> tuple[set[str], set[str]]:
    lo, hi, body = av
    body = list(body)
    if lo == 0 and _non_word_only(body):
        # Matching nothing glues the words on its two sides ("early" + "april"): such a
        # word is only known by its start.
        done, after = _seq(body, set(states))
        glued = {s if not s or s.endswith(WILD) or s[:1] == _PHASE else s + WILD for s in states}
        return done, after | glued
    done = set()
    out = set(states) if lo == 0 else set()
    cur = set(states)
    reps = 0
    while cur:
        reps += 1
        d, cur = _seq(body, cur)
        done |= d
        if reps >= lo:
            if cur <= out:
                break  # nothing new: more repeats cannot add words
            out |= cur
        if hi is not _c.MAXREPEAT and reps >= hi:
            break
        if reps > 8:
            raise _Unknown  # a loop that keeps growing words (letters repeated)
    return done, out
