"""Reference chronology: a curated, sourced list of the story's key events.

Loaded from ``resources/chronology.json``.  It links event mentions to known events (by name
aliases, place, participants, category and date compatibility), supplies the year a mention
lacks, and reveals a source that contradicts the record (a mention that names a known event
but puts it at an incompatible date nearby).  Extraction never needs it: it is optional.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from nktimeline.casefold import lower
from nktimeline.events.dates import gap_days, partial_matches, partial_of
from nktimeline.model import DateValue, Mention
from nktimeline.paths import load_json
from nktimeline.regex_trie import alternation

# A mention dated this many days or fewer from the record is "the same event, wrong date".
TOLERANCE_DAYS = 75


@dataclass(frozen=True)
class RefEvent:
    id: str
    title: str
    aliases: tuple[str, ...]
    place: str | None
    participants: tuple[str, ...]
    start: dt.date
    end: dt.date
    category: str
    source: str
    note: str = ""

    @property
    def date(self) -> DateValue:
        return _ref_date(self.start, self.end, self.source)


@lru_cache(maxsize=1024)
def _ref_date(start: dt.date, end: dt.date, source: str) -> DateValue:
    return DateValue(start, end, "day", "reference", 0.95, f"reference: {source}")


@dataclass(frozen=True)
class Link:
    """A mention's tie to the record: ``compatible`` is None when the mention has no date."""

    ref: RefEvent
    compatible: bool | None
    score: float


@dataclass(frozen=True)
class _Entry:
    ref: RefEvent
    index: int = 0


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    """One regex over every alias, and which entries each (lowercased) alias names."""
    owners: dict[str, list[int]] = {}
    for e in _entries():
        for a in e.ref.aliases:
            owners.setdefault(a.lower(), []).append(e.index)
    # lower-case aliases as a prefix tree, matched on the lower-cased sentence (``casefold``):
    # the longest alias wins at a position, as with a longest-first alternation
    rx = re.compile(r"(?<![\w-])(?:" + alternation(owners) + r")(?![\w-])")
    return rx, {k: tuple(v) for k, v in owners.items()}


@lru_cache(maxsize=4096)
def _aliases_in(sentence: str) -> dict[int, tuple[tuple[int, int], ...]]:
    """Entry index -> spans of its aliases in ``sentence``."""
    rx, owners = _alias_index()
    found: dict[int, list[tuple[int, int]]] = {}
    for m in rx.finditer(lower(sentence)):
        for idx in owners.get(m.group(0), ()):
            found.setdefault(idx, []).append((m.start(), m.end()))
    return {k: tuple(v) for k, v in found.items()}


@lru_cache(maxsize=1)
def _entries() -> tuple[_Entry, ...]:
    out: list[_Entry] = []
    for e in load_json("chronology.json")["events"]:
        ref = RefEvent(
            id=e["id"],
            title=e["title"],
            aliases=tuple(e.get("aliases", ())),
            place=e.get("place"),
            participants=tuple(e.get("participants", ())),
            start=dt.date.fromisoformat(e["start"]),
            end=dt.date.fromisoformat(e.get("end") or e["start"]),
            category=e["category"],
            source=e["source"],
            note=e.get("note", ""),
        )
        out.append(_Entry(ref, len(out)))
    return tuple(out)


def load_chronology() -> list[RefEvent]:
    """All reference events, in the file's (chronological) order."""
    return [e.ref for e in _entries()]


def by_id(ref_id: str) -> RefEvent | None:
    for e in _entries():
        if e.ref.id == ref_id:
            return e.ref
    return None


def _categories_fit(a: str, b: str) -> bool:
    from nktimeline.events.lexicon import lexicon

    return lexicon().compatible_categories(a, b)


def _alias_near(entry: _Entry, sentence: str, focus: int | None, reach: int = 60) -> bool:
    spans = _aliases_in(sentence).get(entry.index, ())
    if focus is None or not spans:
        return bool(spans)
    # Spans are in text order and do not overlap: the first ending within reach of the
    # focus is the only one that may start within reach of it (a sentence may name an
    # event thousands of times).
    k = bisect_left(spans, focus - reach, key=_span_end)
    return k < len(spans) and spans[k][0] - reach <= focus


def _span_end(span: tuple[int, int]) -> int:
    return span[1]


def _score(
    entry: _Entry, mention: Mention, loose: bool, focus: int | None
) -> tuple[float, bool | None] | None:
    ref = entry.ref
    if mention.place and ref.place and mention.place != ref.place:
        return None
    if mention.date is not None and gap_days(mention.date, ref.date) > TOLERANCE_DAYS:
        return None
    alias = _alias_near(entry, mention.sentence, focus)
    place = bool(mention.place and mention.place == ref.place)
    overlap = len(set(mention.participants) & set(ref.participants))
    same_day = mention.date is not None and gap_days(mention.date, ref.date) == 0
    if not (alias or place or (overlap and same_day and mention.category == ref.category)):
        return None
    if not _categories_fit(mention.category, ref.category):
        return None
    score = 3.0 * alias + 2.0 * place + (mention.category == ref.category) + min(2, overlap)
    compatible: bool | None = None
    if mention.date is not None:
        gap = gap_days(mention.date, ref.date)
        if gap == 0:
            compatible = True
            score += 4
        elif mention.date.granularity in ("day", "week"):
            # A precise date a few days off is more likely another event of the same kind
            # (a second missile launch) than a source contradicting the record.
            return None
        elif (gap <= TOLERANCE_DAYS and (alias or overlap)) or (
            gap <= TOLERANCE_DAYS // 2 and place and mention.category == ref.category
        ):
            compatible = False
        else:
            return None
    else:
        partial = partial_of(mention.timex.value) if mention.timex is not None else None
        if partial is not None:
            if not partial_matches(partial, ref.date):
                return None
            compatible = True
            score += 4
        elif loose:
            if not ((alias and (place or overlap)) or (place and mention.category == ref.category)):
                return None
        elif not (
            _alias_near(entry, mention.sentence, focus, 25)
            and (place or overlap)
            and mention.category == ref.category
        ):
            # An undated mention only names a known event when the name sits on its trigger.
            return None
    return score, compatible


@lru_cache(maxsize=1)
def _by_place() -> dict[str | None, tuple[int, ...]]:
    out: dict[str | None, list[int]] = {}
    for e in _entries():
        out.setdefault(e.ref.place, []).append(e.index)
    return {k: tuple(v) for k, v in out.items()}


def _candidate_entries(mention: Mention) -> list[int]:
    """Entries that could possibly score: named in the sentence, same place, or same dates."""
    idx = set(_aliases_in(mention.sentence))
    if mention.place:
        idx.update(_by_place().get(mention.place, ()))
    if mention.date is not None and mention.participants:
        idx.update(_overlapping(mention.date.start, mention.date.end))
    return sorted(idx)


@lru_cache(maxsize=4096)
def _overlapping(start: dt.date, end: dt.date) -> tuple[int, ...]:
    """Entries whose dates overlap ``start``..``end`` (a corpus repeats few distinct dates)."""
    return tuple(e.index for e in _entries() if e.ref.start <= end and start <= e.ref.end)


def link(mention: Mention, *, loose: bool = False, focus: int | None = None) -> Link | None:
    """The one reference event this mention names, or None when none or several fit.

    ``loose`` also accepts an undated mention that only shares place and category with a
    single entry (used to date articles, never to date events).  ``focus`` (the trigger's
    offset in the sentence) makes name aliases count only near it.
    """
    scored: list[tuple[float, bool | None, RefEvent]] = []
    entries = _entries()
    for idx in _candidate_entries(mention):
        entry = entries[idx]
        s = _score(entry, mention, loose, focus)
        if s is not None:
            scored.append((s[0], s[1], entry.ref))
    if not scored:
        return None
    scored.sort(key=lambda t: -t[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    best = scored[0]
    return Link(best[2], best[1], best[0])


def match(mention: Mention) -> RefEvent | None:
    """The reference event a mention refers to (see :func:`link`)."""
    found = link(mention)
    return found.ref if found else None
