"""Clause-level cues around a trigger: negation, speculation, tense, and title hints.

Word lists come from ``resources/events/triggers.json``; here is only the mechanism.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from nktimeline.casefold import lower, lowered
from nktimeline.events.lexicon import Lexicon
from nktimeline.model import DateValue, Sentence, Timex
from nktimeline.temporal.values import shift_years

if TYPE_CHECKING:
    from nktimeline.events.mentions import Cand

_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_PAIR = re.compile(
    r"((?:[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*|[Ii]nter)-(?:[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*|Korean))"
    r"(?:\s+[a-z][\w-]*){0,2}\s+$"
)
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"(?:\s+\S+){0,3}\s+$",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(r"[,;:()]|\s[―—–-]+\s")
_NOT_AFTER = re.compile(r"(?:\w+ )?(?:not|never)\b")
_ADJ = re.compile(r"(?<![\w.-])([a-z]+-(?:level|party|way|lateral|track|round|day|term))\s+$")
_NAMED = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,4})$")
_OBJECT = re.compile(
    r"\s+(?:to|of|at)\s+(?:a|an|the|its|his|their)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)"
    r"\s+(?:in|at|near|on)\s"
)
_STOP_NAMED = {"The", "A", "An", "This", "That", "In", "On", "At", "Before", "After", "Since"}


def _window_words(text: str, lo: int, hi: int, n: int, before: bool) -> str:
    seg = text[lo:hi]
    if before:
        seg = _CLAUSE_CUT.split(seg)[-1]
    else:  # up to the first cut (what ``split(seg)[0]`` keeps), without splitting the rest
        cut = _CLAUSE_CUT.search(seg)
        if cut is not None:
            seg = seg[: cut.start()]
    words = _WORD.findall(seg)
    words = words[-n:] if before else words[:n]
    return " ".join(words)


# How far after a trigger the words between it and its date are read for tense cues.
BETWEEN_MAX = 400

_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_YEAR = re.compile(r"\d{4}|'\d\d")


_WEEKDAY_ONLY = re.compile(
    r"(?:on |last |this past )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?", re.I
)


def local_tense(
    date: DateValue,
    tx: Timex,
    future: bool,
    dct: dt.date,
    past: bool = True,
    nearest: bool = False,
) -> DateValue:
    """A year-less "June"/"Sept. 18" takes the tense of its own clause ("who met ... in June,
    will remain ..." is past June), so it lies before the anchor when past, after when future.
    A bare weekday in a clause without future cues is the latest such day (photo captions are
    written in the present tense about the past); in a clause to come, the next such day.
    ``past`` is False when the sentence has only present-tense cues ("the board meets again
    in March"): such a month is not moved back.  ``nearest``: a plan told in the past tense
    ("was scheduled for the end of August") takes the year that puts the date closest to
    the anchor."""
    if (
        tx.anchored
        and not future
        and date.granularity == "day"
        and date.start > dct
        and _WEEKDAY_ONLY.fullmatch(tx.text.strip())
    ):
        back = 7 * (1 + (date.start - dct).days // 7)
        if date.start.toordinal() <= back:
            return date  # no such day before the first week of the calendar
        return DateValue(
            date.start - dt.timedelta(days=back),
            date.end - dt.timedelta(days=back),
            "day",
            date.source,
            date.confidence,
            (date.note + "; " if date.note else "") + "weekday in a past clause",
        )
    if (
        tx.anchored
        and future
        and date.granularity == "day"
        and date.end < dct
        and _WEEKDAY_ONLY.fullmatch(tx.text.strip())
    ):
        ahead = 7 * (1 + (dct - date.end).days // 7)
        if (dct - date.end).days % 7 == 0:
            ahead -= 7  # the day itself: "on Sunday", written on a Sunday
        return DateValue(
            date.start + dt.timedelta(days=ahead),
            date.end + dt.timedelta(days=ahead),
            "day",
            date.source,
            date.confidence,
            (date.note + "; " if date.note else "") + "weekday in a clause to come",
        )
    if (
        not tx.anchored
        or date.granularity not in ("day", "month")
        or _YEAR.search(tx.text)
        or not _MONTH_NAME.search(tx.text)
    ):
        return date
    if nearest:  # a plan told in the past tense: before or after, the closer year
        shift = min(
            (-1, 0, 1),
            key=lambda k: abs(((shift_years(date.start, k) or date.start) - dct).days),
        )
    elif past and not future and date.start > dct:
        shift = -1
    elif future and date.end < dct:
        shift = 1
    else:
        shift = 0
    if not shift:
        return date
    start, end = shift_years(date.start, shift), shift_years(date.end, shift)
    if start is None or end is None:
        return date  # the year before year 1 or after 9999: left as resolved
    if date.granularity == "month":
        from nktimeline.events.dates import month_end

        end = month_end(start.replace(day=1)) if start.month == end.month else end
    return DateValue(
        start,
        end,
        date.granularity,
        date.source,
        date.confidence,
        (date.note + "; " if date.note else "") + "year from the clause's tense",
    )


_MONTH_MAY = re.compile(r"(?<=[\w,] )May\b|\bMay(?= \d)")


def _may_as_month(words: str) -> str:
    """``words`` with the month "May" spelt "month" (most windows hold no "May" at all)."""
    return _MONTH_MAY.sub("month", words) if "May" in words else words


def flags(text: str, sent: Sentence, c: Cand, lex: Lexicon) -> None:
    """Negation, speculation, tense and firmness of a trigger, from the words around it."""
    lb = _before_words(text, sent, c)
    after = _window_words(text, c.trig_end, min(sent.end, c.trig_end + 40), 3, False)
    la = lower(_may_as_month(after))
    near_before = " ".join(lb.split()[-6:])
    c.negated = bool(lex.negation.search(near_before) or _NOT_AFTER.match(after))
    c.speculative = bool(
        (lex.speculative and (lex.speculative.search(lb) or lex.speculative.search(la)))
        or lex.intent.search(lb)
    )
    between = _between(text, sent, c)
    around = lb + " " + between
    c.future = bool(
        (lex.future and lex.future.search(around))
        # "the Olympics, which open on Feb. 9": a present tense that schedules
        or (lex.scheduled_present and c.timex is not None and lex.scheduled_present.search(between))
    )
    c.firm = bool(lex.firm_future and lex.firm_future.search(around))


def firmness(text: str, sent: Sentence, c: Cand, lex: Lexicon) -> None:
    """Only ``c.firm`` (what :func:`flags` finds for it), for a trigger whose own clause
    tells its negation, modality and tense."""
    hints = lex.firm_future_hints
    if hints is not None:
        # every cue is a whole word of the words before the trigger or up to its date:
        # text without one of its words holds none (most text: the windows are not built)
        low = lowered(text)
        near = low[max(sent.start, c.trig_start - 80) : c.trig_start]
        near += " " + low[c.trig_end : _between_end(sent, c)]
        if hints.search(near) is None:
            c.firm = False
            return
    c.firm = bool(
        lex.firm_future
        and lex.firm_future.search(_before_words(text, sent, c) + " " + _between(text, sent, c))
    )


def _before_words(text: str, sent: Sentence, c: Cand) -> str:
    """The last words of the trigger's clause before it, lower-cased for the lexicon's cue
    patterns (see ``casefold``); "in May" is the month: a capital "May" after another
    word is never the modal."""
    before = _window_words(text, max(sent.start, c.trig_start - 80), c.trig_start, 8, True)
    return lower(_may_as_month(before))


def _between(text: str, sent: Sentence, c: Cand) -> str:
    """The lower-cased text from the trigger to its date (or a few words on)."""
    return lower(text[c.trig_end : _between_end(sent, c)])


def _between_end(sent: Sentence, c: Cand) -> int:
    upto = c.timex.start if c.timex is not None and c.timex.start >= c.trig_end else c.trig_end + 40
    # (a further date of the same trigger may lie far on: "met in Hanoi on Monday and in
    # Singapore on Tuesday and ..."; the words that tell its tense are near the trigger)
    return min(sent.end, upto, c.trig_end + BETWEEN_MAX)


_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
)  # fmt: skip


def _country_near(tail: list[str], last_words: frozenset[str], before: str) -> bool:
    """Could ``country_subject`` match: is a country name's last word (maybe after "(",
    maybe with "'s") among the last words (``tail``, of ``before``)?"""
    if not last_words.isdisjoint(tail):
        return True
    if "(" not in before and "'s" not in before and "’s" not in before:
        return False  # (no word of it opens with "(" or ends with "'s")
    for w in tail:
        if w[:1] == "(" or w.endswith(("'s", "’s")):
            w = w.lstrip("(")
            if w in last_words or (w.endswith(("'s", "’s")) and w[:-2] in last_words):
                return True
    return False


# what every match of ``_ORDINAL`` holds, on lower-cased ASCII text
_ORDINAL_HINT = re.compile(r"[0-9]|" + "|".join(_ORDINAL_WORDS))


def _ordinal_near(tail: list[str]) -> bool:
    """Could ``_ORDINAL`` match: does one of the last words hold an ordinal or a digit?  (In
    plain ASCII, where lower-casing agrees with the pattern's ignoring of case.)"""
    words = " ".join(tail)
    if not words.isascii():
        return True
    return _ORDINAL_HINT.search(words.lower()) is not None


def title_hints(text: str, sent: Sentence, c: Cand, lex: Lexicon) -> None:
    before = text[max(sent.start, c.trig_start - 60) : c.trig_start]
    if c.category == "election":
        words = before.split()
        kept: list[str] = []
        for w in reversed(words[-4:]):
            if w.lower() in lex.election_qualifiers or (w[:1].isupper() and w not in _STOP_NAMED):
                kept.insert(0, w)
            else:
                break
        if kept:
            c.extras["qualifier"] = " ".join(kept)
    # The patterns below end where ``before`` ends, a few words after what they look for:
    # where that word is not among the last four, they cannot match and are not run.
    tail = before.split()[-4:]
    spaced = before[-1:].isspace()
    if not c.participants:
        m = (
            lex.country_subject.search(before)
            if _country_near(tail, lex.country_last_words, before)
            else None
        )
        if m:
            c.extras["subject"] = m.group(1)
        else:
            m = (
                lex.organizer_subject.search(before)
                if spaced and not lex.organizer_last_words.isdisjoint(tail)
                else None
            )
            # a lone capitalised word opening the sentence ("Negotiators held talks") is
            # just capitalised, not a name
            if m and (" " in m.group(1) or m.start(1) > sent.start + 4):
                c.extras["subject"] = m.group(1)
    m = _PAIR.search(before) if "-" in before else None  # (a pair is joined by a hyphen)
    if m:
        c.modifier = m.group(1)
    m = _ORDINAL.search(before) if spaced and _ordinal_near(tail) else None
    if m:
        c.ordinal = m.group(1).lower()
    # (the capital may follow a quote mark: "'Vikram' crashed")
    capital_last = spaced and bool(tail) and not tail[-1].islower()
    if c.trigger[:1].isupper():
        m = _NAMED.search(before) if capital_last else None
        words = m.group(1).split() if m else []
        while words and words[0] in _STOP_NAMED:
            words.pop(0)
        if words:
            c.named = " ".join([*words, c.trigger])
        elif c.trig_start > sent.start:  # "the Olympics": a proper name on its own
            c.named = c.trigger
    elif c.category in ("statement", "other"):
        # "his New Year's address", "the Panmunjom Declaration"-style names, unless the
        # capitalised words are just a person or a place ("Trump's letter", "Sweden talks").
        m = _NAMED.search(before) if capital_last else None
        words = m.group(1).split() if m else []
        while words and words[0] in _STOP_NAMED:
            words.pop(0)
        phrase = " ".join(words)
        if (
            words
            and m is not None
            and m.start(1) > 0
            and not lex.places(phrase)
            and not lex.actors_in(phrase, frozenset(lex.actors))
        ):
            c.named = f"{phrase} {c.trigger}"
    m = (
        _ADJ.search(before)
        if c.category in ("talks", "summit", "military", "election") and "-" in before
        else None
    )
    if m:
        c.extras["adj"] = m.group(1)
    if c.category == "visit":
        m = _OBJECT.match(text, c.trig_end, sent.end)
        if m:
            c.obj = m.group(1)
