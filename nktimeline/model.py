"""Plain, frozen data shared by every stage of the pipeline.

file -> Article -> (Sentence, Timex, Mention) -> Event -> Corpus.  Nothing here imports Qt.
All character offsets index into ``Article.body`` (or, for ``Timex`` from the bare tagger,
into the text that was tagged).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from nktimeline.quick_init import quick_init

# Granularities, finest first.  ``rank`` orders them for merging.
GRANULARITIES = ("day", "week", "month", "season", "quarter", "year", "decade", "century")
GRANULARITY_RANK = {g: i for i, g in enumerate(GRANULARITIES)}

# How a date was obtained.
SOURCES = (
    "stated",  # written out in the text with its year ("June 12, 2018")
    "relative",  # resolved against the publication date ("Wednesday", "last month")
    "reference",  # supplied by the reference chronology
    "inferred",  # estimated from content (e.g. an undated article)
    "publication",  # an undated lead: the news of the publication day (lower confidence)
    "metadata",  # HTML metadata (publication dates)
    "stamp",  # labelled "Published :"/"Posted :" stamp (publication dates)
    "dateline",  # wire dateline (publication dates)
    "byline",  # date printed under the headline (publication dates)
    "repost",  # aggregator re-post stamp: low confidence
    "user",  # set by the user (a correction kept in the project file)
    "unknown",
)


@quick_init
@dataclass(frozen=True)
class DateValue:
    """A calendar span with its precision and provenance.

    ``start``/``end`` are inclusive days; "February 2019" is 2019-02-01..2019-02-28 with
    granularity "month", never the 1st of February.
    """

    start: _dt.date
    end: _dt.date
    granularity: str = "day"
    source: str = "stated"
    confidence: float = 1.0
    note: str = ""

    def iso_start(self) -> str:
        return iso_prefix(self.start, self.granularity)

    def iso_end(self) -> str:
        return iso_prefix(self.end, self.granularity)

    @property
    def is_range(self) -> bool:
        return self.start != self.end

    def label(self) -> str:
        """Short human label: ``2019-02-27/28``, ``2019-02``, ``2019``."""
        s, e = self.iso_start(), self.iso_end()
        if s == e:
            return s
        if self.granularity == "day" and self.start.year == self.end.year:
            if self.start.month == self.end.month:
                return f"{s}/{self.end.day:02d}"
            return f"{s}/{self.end.month:02d}-{self.end.day:02d}"
        return f"{s}/{e}"

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.iso_start(),
            "end": self.iso_end(),
            "granularity": self.granularity,
            "source": self.source,
            "confidence": round(float(self.confidence), 3),
        }


def iso_prefix(day: _dt.date, granularity: str) -> str:
    if granularity in ("day", "week"):
        return day.isoformat()
    if granularity in ("month", "season", "quarter"):
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


@quick_init
@dataclass(frozen=True)
class Published:
    """An article's publication date and where it came from."""

    value: _dt.date | None = None
    source: str = "unknown"  # metadata | stamp | dateline | byline | repost | inferred | unknown
    confidence: float = 0.0
    raw: str = ""  # the text the date was read from
    note: str = ""
    # An estimate is a window of plausible days, not a day: ``value`` stays None and
    # ``earliest``..``latest`` (inclusive) say where the date probably lies.
    earliest: _dt.date | None = None
    latest: _dt.date | None = None
    # the likeliest day of the window, when the evidence says (news of a known event is
    # mostly told the day it happens or the next)
    likely: _dt.date | None = None

    @property
    def anchor(self) -> _dt.date | None:
        """The day relative expressions are resolved against: the printed date, else the
        likeliest day of the estimated window, else its middle (None when nothing is
        known)."""
        if self.value is not None:
            return self.value
        if self.likely is not None:
            return self.likely
        if self.earliest is not None and self.latest is not None:
            return self.earliest + (self.latest - self.earliest) // 2
        return None

    def explain(self) -> str:
        """One plain sentence saying what is known of the date and how."""
        if self.value is not None:
            how = {
                "metadata": "the page's metadata",
                "stamp": "a date stamp on the page",
                "dateline": "the wire dateline",
                "byline": "the date printed with the headline or byline",
                "repost": "a re-post timestamp",
            }.get(self.source, self.source)
            extra = f" ({self.note})" if self.note else ""
            return f"Published {self.value.isoformat()}, read from {how}{extra}."
        if self.earliest is not None and self.latest is not None:
            if self.earliest == self.latest:
                span = f"on {self.earliest.isoformat()}"
            else:
                span = f"between {self.earliest.isoformat()} and {self.latest.isoformat()}"
            return (
                f"The page prints no date; it was probably published {span}, "
                f"estimated from its content ({round(self.confidence * 100)}% confidence)."
            )
        if self.note:
            return f"Publication date unknown: {self.note}."
        return "Publication date unknown: the page prints none."

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value.isoformat() if self.value else None,
            "source": self.source,
            "confidence": round(float(self.confidence), 3),
        }
        if self.earliest is not None and self.latest is not None:
            out["window"] = {
                "earliest": self.earliest.isoformat(),
                "latest": self.latest.isoformat(),
            }
            if self.likely is not None:
                out["window"]["likely"] = self.likely.isoformat()
        return out


@quick_init
@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    title: str
    body: str
    encoding: str = "utf-8"
    byline: str | None = None
    publisher: str | None = None
    published: Published = field(default_factory=Published)
    captions: tuple[Span, ...] = ()  # caption paragraphs, as spans of ``body``
    paragraphs: tuple[Span, ...] = ()
    sha256: str = ""
    fmt: str = "text"  # text | html
    language: str = "en"  # ISO 639-1 code of the article's main language ("und" if unknown)

    def text_of(self, field: str) -> str:
        """The text a mention's offsets index: the body, or the title for ``"title"``."""
        return self.title if field == "title" else self.body

    def is_caption(self, offset: int) -> bool:
        return any(c.start <= offset < c.end for c in self.captions)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "byline": self.byline,
            "publisher": self.publisher,
            "encoding": self.encoding,
            "body": self.body,
            "published": self.published.to_json(),
            "language": self.language,
        }


@quick_init
@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    caption: bool = False


@quick_init
@dataclass(frozen=True)
class Timex:
    """A time expression.

    ``value`` is a TIMEX3 value (``2019-02-27``, ``2019-02``, ``XXXX-06-12``, ``P2W``,
    ``PAST_REF``...).  ``date`` is the resolved calendar span when there is one.
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    date: DateValue | None = None
    anchored: bool = False  # True when the value depended on the anchor date

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }


@quick_init
@dataclass(frozen=True)
class Mention:
    """One sentence of one article reporting an event, with the time expression governing it."""

    article: str
    sentence_start: int
    sentence_end: int
    sentence: str
    category: str
    trigger: str
    place: str | None = None
    participants: tuple[str, ...] = ()
    timex: Timex | None = None
    date: DateValue | None = None
    caption: bool = False
    field: str = "body"  # "title": offsets index the article's title (the headline)

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "field": self.field,
            "sentence": self.sentence,
            "start": self.sentence_start,
            "end": self.sentence_end,
            "timex": self.timex.text if self.timex else None,
            "timex_start": self.timex.start if self.timex else None,
            "timex_end": self.timex.end if self.timex else None,
        }


@quick_init
@dataclass(frozen=True)
class Conflict:
    article: str
    date: str
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "date": self.date, "note": self.note}


@quick_init
@dataclass(frozen=True)
class Edited:
    """A field of an event the user set, with what extraction had said (as text)."""

    field: str  # title | date | category | place | participants | note | resolution
    original: str

    def to_json(self) -> dict[str, Any]:
        return {"by": "user", "original": self.original}


@quick_init
@dataclass(frozen=True)
class Event:
    id: str
    title: str
    category: str
    date: DateValue | None
    mentions: tuple[Mention, ...]
    place: str | None = None
    participants: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    reference: str | None = None  # id of the reference-chronology entry it was linked to
    # how much a reader needs this event, 0..1: sources reporting it, headline or lead,
    # named participants, date precision (what to show first when space is short)
    salience: float = 0.0
    # user corrections (see nktimeline.edits): which fields were set by the user, and what
    # extraction had said; a free note; how a date conflict was settled
    edited: tuple[Edited, ...] = ()
    note: str = ""
    resolution: str = ""

    def edited_field(self, name: str) -> Edited | None:
        """The user's edit of field ``name``, if any."""
        for e in self.edited:
            if e.field == name:
                return e
        return None

    @property
    def articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.article, None)
        return tuple(seen)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "category": self.category,
            "place": self.place,
            "participants": list(self.participants),
            "date": self.date.to_json() if self.date else None,
            "mentions": [m.to_json() for m in self.mentions],
            "conflicts": [c.to_json() for c in self.conflicts],
            "salience": round(float(self.salience), 3),
            **self._edits_json(),
        }

    def _edits_json(self) -> dict[str, Any]:
        """Only for an event the user touched, so the extraction contract stays as it was."""
        out: dict[str, Any] = {}
        if self.edited:
            out["edited"] = {e.field: e.to_json() for e in self.edited}
        if self.note:
            out["note"] = self.note
        if self.resolution:
            out["resolution"] = self.resolution
        return out


@dataclass(frozen=True)
class LoadError:
    """A file (or one stage of its processing) that failed; the rest of the corpus loaded.

    ``stage`` names the step that failed (``read``, ``decode``, ``clean``, ``tag``,
    ``mentions``, ``date``; see ``nktimeline.guard``), empty when it is the file itself
    that cannot be used (missing, empty, binary ...)."""

    path: str
    message: str
    stage: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message, "stage": self.stage}


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...] = ()
    events: tuple[Event, ...] = ()
    errors: tuple[LoadError, ...] = ()

    def article(self, article_id: str) -> Article | None:
        for a in self.articles:
            if a.id == article_id:
                return a
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": [a.to_json() for a in self.articles],
            "events": [e.to_json() for e in self.events],
            "errors": [e.to_json() for e in self.errors],
        }
