"""Tense of the clause around a time expression, from cue words (data in resources/).

``tense_at`` looks for the nearest tense cue in the sentence ("will", "is scheduled to",
"said", "-ed" verbs ...), preferring cues before the expression, and corrects the obvious
cases of aspect ("will be paid" is future, "had been scheduled to" is past).
"""

from __future__ import annotations

import re
from functools import lru_cache

from nktimeline.casefold import compile_lowered, lowered
from nktimeline.temporal.lexicon import alt, context, lexicon, tree_alt


@lru_cache(maxsize=1)
def _tense_re() -> re.Pattern[str]:
    t = lexicon()["tense"]
    # matched on the lower-cased text (``casefold``): much faster than ignoring case
    return compile_lowered(
        rf"(?<![\w'])(?:(?P<fut>{tree_alt(t['future'])})|(?P<past>{tree_alt(t['past'])})"
        rf"|(?P<pres>{tree_alt(t['present'])})|(?P<ed>[a-z]{{3,}}ed))\b"
    )


def alt_words(key: str) -> str:
    """Regex alternation of a context word list."""
    return alt(context()[key])


# (for the lower-cased text, like the cue pattern: see ``casefold``)
_PAST_AUX = compile_lowered(rf"\b{alt_words('past_auxiliaries')}\s+(?:\w+ly\s+)?$")
_ADJ_BEFORE = compile_lowered(rf"\b{alt_words('adjective_markers')}\s+$")
_MODAL_BEFORE = compile_lowered(
    rf"(?<![\w']){alt_words('modal_markers')}\s+(?:not\s+)?(?P<aux>be|have\s+been|been)?\s*$"
)
_TENSE_OF = {"fut": "future", "pres": "present"}
_ED_NEXT = re.compile(r"\s+[a-z]{3,}ed\b")
# A sentence end: ``[.!?]["'”’)]*\s+(?=["“'‘(]?[A-Z])|\n``, written to open with one
# character class (the stop or the line break, then what must follow a stop): a pattern
# that opens so is searched by skipping to those characters in C instead of trying every
# position.  Same matches, same spans.
SENT_END = re.compile(r"[.!?\n](?:(?<=\n)|[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z]))")


def _modal_before(low: str, lo: int, cue: re.Match[str]) -> bool:
    """Does a modal govern the past form ``cue`` ("will be paid", "could hit")?  Never a
    regular past right after it: "May resigned" is Theresa May, not the modal."""
    mm = _MODAL_BEFORE.search(low, lo, cue.start())
    return mm is not None and (mm.group("aux") is not None or not cue.group(0).endswith("ed"))


@lru_cache(maxsize=1024)  # the resolver and the event pass ask about the same expressions
def tense_at(text: str, start: int, end: int) -> str:
    """``past`` / ``future`` / ``present`` for the clause around text[start:end]."""
    lo = max(0, start - 250)
    hi = min(len(text), end + 200)
    a = lo
    for m in SENT_END.finditer(text, lo, min(len(text), start + 2)):
        a = m.end()
    m2 = SENT_END.search(text, end, hi)
    b = m2.start() if m2 else hi
    best: tuple[int, str] | None = None
    low = lowered(text)
    for m in _tense_re().finditer(low, a, b):
        if start <= m.start() < end:
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        kind = m.lastgroup or ""
        if m.start() >= end:
            dist += 15  # the governing verb usually comes before the expression
            if best is not None and dist >= best[0]:
                break  # every later cue is further still
        if best is not None and dist + (12 if kind == "ed" else 0) >= best[0]:
            continue  # it cannot be nearer than the best (the checks below only drop it)
        if kind == "fut" and text[m.start()].isupper():
            if m.start() > a:
                continue  # capitalised "May" mid-sentence is the month, not the modal
            if _ED_NEXT.match(low, m.end()):
                continue  # "May resigned": a name before a past tense, not the modal
        if kind == "ed":
            if _ADJ_BEFORE.search(low, max(a, m.start() - 12), m.start()):
                continue  # "a still unspecified date": an adjective, not a verb
            dist += 12  # a bare -ed word is weaker evidence than a listed cue
        if kind in ("ed", "past") and _modal_before(low, max(a, m.start() - 25), m):
            kind = "fut"  # "will be paid", "to be completed"
        elif kind == "fut" and _PAST_AUX.search(low, max(a, m.start() - 25), m.start()):
            kind = "past"  # "had been scheduled to", "was to"
        tense = _TENSE_OF.get(kind, "past")
        if best is None or dist < best[0]:
            best = (dist, tense)
    return best[1] if best is not None else "present"
