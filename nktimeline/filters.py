"""The one event filter (Qt-free): what the table lists, the timeline draws and the exports
contain.  The window holds one :class:`EventFilter`; every view reads it, none keeps its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nktimeline.edits.records import EditError, parse_user_date
from nktimeline.model import Corpus, Event


class FilterError(ValueError):
    """A typed filter value that cannot be read (the message is for the user)."""


@dataclass(frozen=True)
class EventFilter:
    text: str = ""  # every word must occur in the title, category, place or a sentence
    category: str = ""
    article: str = ""  # an article id the event must be reported by
    date_from: dt.date | None = None  # the event must reach this day or later
    date_to: dt.date | None = None  # ... and start on this day or earlier
    edited: bool = False  # only events the user corrected
    conflicts: bool = False  # only events whose sources disagree (and are not resolved)
    min_salience: float = 0.0

    @property
    def active(self) -> bool:
        return self != EventFilter()

    def changed(self, **fields) -> EventFilter:
        if "text" in fields:
            fields["text"] = " ".join(str(fields["text"]).lower().split())
        return dataclasses.replace(self, **fields)

    def matches(self, ev: Event) -> bool:
        if self.category and ev.category != self.category:
            return False
        if self.article and self.article not in ev.articles:
            return False
        if self.edited and not ev.edited:
            return False
        if self.conflicts and not (ev.conflicts and not ev.resolution):
            return False
        if self.min_salience and ev.salience < self.min_salience:
            return False
        if self.date_from or self.date_to:
            d = ev.date
            if d is None:
                return False
            if self.date_from and d.end < self.date_from:
                return False
            if self.date_to and d.start > self.date_to:
                return False
        if self.text:
            hay = " ".join(
                (ev.title, ev.category, ev.place or "", *(m.sentence for m in ev.mentions))
            ).lower()
            return all(word in hay for word in self.text.split())
        return True

    def describe(self) -> str:
        """The filter in words, for status lines and export footers."""
        parts = []
        if self.text:
            parts.append(f"“{self.text}”")
        if self.category:
            parts.append(self.category)
        if self.article:
            parts.append(f"article {self.article}")
        if self.date_from or self.date_to:
            a = self.date_from.isoformat() if self.date_from else "…"
            b = self.date_to.isoformat() if self.date_to else "…"
            parts.append(f"{a} – {b}")
        if self.edited:
            parts.append("edited")
        if self.conflicts:
            parts.append("with conflicts")
        if self.min_salience:
            parts.append(f"salience ≥ {self.min_salience:.2f}")
        return ", ".join(parts)


def filter_corpus(corpus: Corpus, spec: EventFilter) -> Corpus:
    """The corpus with only the events ``spec`` matches (articles and errors unchanged)."""
    if not spec.active:
        return corpus
    return dataclasses.replace(corpus, events=tuple(e for e in corpus.events if spec.matches(e)))


def typed_bounds(start_text: str, end_text: str) -> tuple[dt.date | None, dt.date | None]:
    """A date range typed as years, months or days ("2019", "2019-02", "2019-02-27"): from
    the first day of the start to the last day of the end; either may be empty."""
    try:
        lo = parse_user_date(start_text).start if start_text.strip() else None
        hi = parse_user_date(end_text).end if end_text.strip() else None
    except EditError as exc:
        raise FilterError(str(exc).replace("start date", "date")) from None
    if lo and hi and hi < lo:
        raise FilterError("the 'to' date comes before the 'from' date")
    return lo, hi


def time_order(events: Sequence[Event]) -> list[str]:
    """Ids of the dated events by start day (ties keep their order): Next/Previous."""
    dated = [(e.date.start.toordinal(), k, e.id) for k, e in enumerate(events) if e.date]
    dated.sort()
    return [eid for _, _, eid in dated]


def span_of(events: Iterable[Event]) -> tuple[dt.date, dt.date] | None:
    """First and last day the events cover (what the date fields open on)."""
    days = [(e.date.start, e.date.end) for e in events if e.date is not None]
    if not days:
        return None
    return min(d[0] for d in days), max(d[1] for d in days)
