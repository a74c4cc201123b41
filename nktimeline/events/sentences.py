"""Sentence splitting for news text, with offsets into the original string.

Rules (word lists in ``resources/events/sentences.json``):

* a blank line (paragraph break) always ends a sentence; a single line break ends one when
  the line already ends like a sentence (or is a short heading-like line), otherwise it is
  treated as a wrapped line;
* ``. ! ?`` (plus closing quotes/brackets) followed by white space and an opener (capital
  letter, digit, opening quote/bracket) ends a sentence, except after titles (``Mr.``),
  month abbreviations (``Sept. 6``), single initials (``John F. Kennedy``) and acronyms
  (``U.S.``) that are not followed by a typical sentence opener (``the U.S. But ...``);
* nothing splits inside ``U.S.-North Korea`` because a split needs white space;
* a run-on stretch longer than ``MAX_SENTENCE`` characters is cut in pieces of at most that
  length, after a comma, semicolon or colon where there is one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nktimeline.guard import checkpoint
from nktimeline.model import Sentence
from nktimeline.paths import load_json

_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# (only from the start of a run of sentence punctuation, taken whole: trying from every
# position inside a long run of dots made splitting quadratic in its length; the pattern
# still opens with the character class, which the engine scans for quickly)
_CANDIDATE = re.compile(r"([.!?](?<![.!?][.!?])[.!?]*+[\"'”’»)\]]*+)\s+")
_OPENER = re.compile(r"[\"“‘'(\[]?([A-Z0-9À-ÖØ-Þ][\w'’.\-]*)")
# up to the last character that cannot be in a token (its end is where the token starts)
_UP_TO_NON_TOKEN = re.compile(r".*[^\w.\-]", re.S)
_NON_SPACE = re.compile(r"\S")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_SENT_END_CHARS = '.!?"”’:)»'


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_json("events/sentences.json")
    never = {w.lower() for key in ("titles", "months", "weekdays", "other") for w in data[key]}
    acronyms = {w.lower() for w in data["acronyms"]}
    openers = frozenset(data["openers"])
    return frozenset(never), frozenset(acronyms), openers


def _is_boundary(text: str, end_punct: int, match_text: str, next_start: int) -> bool:
    """Decide whether the punctuation run ending at ``end_punct`` closes a sentence."""
    never, acronyms, openers = _lists()
    opener = _OPENER.match(text, next_start)
    if opener is None:
        return False
    if match_text.rstrip("\"'”’»)]").endswith(("!", "?", "..")):
        return True
    dot = text.rfind(".", 0, end_punct)
    # the word the dot ends (its run of word characters, dots and hyphens, at most 40 back)
    token = ""
    if dot >= 0:
        lo = max(0, dot - 40)
        m = _UP_TO_NON_TOKEN.match(text, lo, dot)
        token = text[m.end() if m else lo : dot]
    if not token:
        return True
    low = token.lower()
    word = opener.group(1)
    if low in never:
        return False
    if low in acronyms or _DOTTED.fullmatch(token):
        return word in openers
    # A single capital is an initial ("John F. Kennedy"), not the end of a sentence.
    return not (len(token) == 1 and token.isupper())


def _split_block(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Split ``text[start:end]`` (one paragraph or line) into sentences."""
    pos = start
    for m in _CANDIDATE.finditer(text, start, end):
        cut, nxt = m.end(1), m.end()  # after the punctuation, after the space that follows
        if nxt >= end:
            break
        if _is_boundary(text, cut, m.group(1), nxt):
            _emit(text, pos, cut, out)
            pos = nxt
    _emit(text, pos, end, out)


MAX_SENTENCE = 1200  # characters: longer than nearly every sentence news prints (~200 words)


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        # a run-on stretch (a transcript without stops, a list run together) is read in
        # pieces of a sentence's length: what is done per sentence may grow faster than its
        # length, and a reader highlights a piece, not a page
        cut = _piece_end(text, start)
        out.append(Sentence(start, cut, text[start:cut]))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def _piece_end(text: str, start: int) -> int:
    """Where a piece of at most ``MAX_SENTENCE`` characters from ``start`` ends: after the
    last comma, semicolon or colon of its second half, else at its last space, else where
    the length runs out."""
    lo, hi = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
    window = text[lo:hi]
    cut = max(window.rfind(", "), window.rfind("; "), window.rfind(": "))
    if cut >= 0:
        return lo + cut + 1
    space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    return lo + space if space > 0 else hi


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Group the lines of one paragraph: a line break is a boundary only when the line
    before it looks finished (sentence punctuation) or is short like a heading."""
    blocks: list[tuple[int, int]] = []
    block_start = start
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        line = text[pos:nl].rstrip()
        first = _NON_SPACE.search(text, nl + 1, end)  # the next line's first character
        nxt = text[first.start()] if first else ""
        if line and (line[-1] in _SENT_END_CHARS or len(line) < 60 or nxt in "•*-–·"):
            blocks.append((block_start, nl))
            block_start = nl + 1
        pos = nl + 1
    blocks.append((block_start, end))
    return blocks


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for every result."""
    out: list[Sentence] = []
    pos = 0
    paragraphs: list[tuple[int, int]] = []
    for m in _PARA.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    for p_start, p_end in paragraphs:
        checkpoint()
        for b_start, b_end in _lines(text, p_start, p_end):
            _split_block(text, b_start, b_end, out)
    return out
