"""User edits as plain records, keyed so that they survive re-extraction.

An edit never names an event by its id (ids come from titles and dates, which a better
engine changes).  It names the event by the *mentions* it had when the user made the edit:
each :class:`MentionKey` is the article's content hash plus the sentence's offsets and the
word that was read as the event.  Applying the edit later finds the event that now holds
most of those mentions (:mod:`nktimeline.edits.apply`); an edit whose mentions are all gone
is listed as an orphan, never dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from nktimeline.model import GRANULARITIES, Article, Corpus, DateValue, Event, Mention

KINDS = ("set", "hide", "show", "merge", "split", "resolve", "add", "remove_article")
# the event fields a "set" edit may change
FIELDS = ("title", "date", "category", "place", "participants", "note")


class EditError(ValueError):
    """An edit record that cannot be read (bad kind, field or value)."""


@dataclass(frozen=True, order=True)
class MentionKey:
    """One sentence of one article (by content hash) that reported an event."""

    sha: str  # the article's SHA-256 (hex)
    field: str  # "body" or "title"
    start: int
    end: int
    trigger: str = ""

    @property
    def sentence(self) -> tuple[str, str, int, int]:
        """The key without the event word: the same sentence, whatever was read in it."""
        return (self.sha, self.field, self.start, self.end)

    def to_json(self) -> list[Any]:
        return [self.sha, self.field, self.start, self.end, self.trigger]

    @classmethod
    def from_json(cls, data: Any) -> MentionKey:
        if not isinstance(data, list) or len(data) != 5:
            raise EditError(f"a mention key is a list of five values, not {data!r}")
        sha, fld, start, end, trig = data
        if not (isinstance(sha, str) and isinstance(fld, str) and isinstance(trig, str)):
            raise EditError(f"bad mention key {data!r}")
        if not (_is_int(start) and _is_int(end) and 0 <= start <= end):
            raise EditError(f"bad offsets in mention key {data!r}")
        return cls(sha, fld, start, end, trig)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


@dataclass(frozen=True)
class Edit:
    """One user correction.

    ``target``: the mentions of the event it applies to (empty for ``add`` and
    ``remove_article``).  ``values`` by kind:

    - ``set``: any of :data:`FIELDS` (``date`` as ``{"start", "end", "granularity"}``,
      ``participants`` as a list of names)
    - ``hide`` / ``show``: nothing
    - ``merge``: ``others``: the events (their mention keys) merged into the target
    - ``split``: ``moved``: the mention keys that become an event of their own
    - ``resolve``: ``winner``: the mention key whose date wins, ``reason``: why
    - ``add``: ``key`` (a mention key), ``sentence``, ``title``, ``date``, ``category``
    - ``remove_article``: ``sha``, ``name`` (what the article was called)
    """

    kind: str
    target: tuple[MentionKey, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # what the user did, in words ("Rename 'X' to 'Y'"), for history views
    created: str = ""  # ISO timestamp

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise EditError(f"unknown edit kind {self.kind!r}")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "target": [k.to_json() for k in self.target],
            "values": _values_to_json(self.values),
            "label": self.label,
            "created": self.created,
        }

    @classmethod
    def from_json(cls, data: Any) -> Edit:
        if not isinstance(data, dict):
            raise EditError("an edit is a JSON object")
        kind = data.get("kind")
        if kind not in KINDS:
            raise EditError(f"unknown edit kind {kind!r}")
        target = tuple(MentionKey.from_json(k) for k in data.get("target") or [])
        values = _values_from_json(data.get("values") or {})
        label = data.get("label") or ""
        created = data.get("created") or ""
        if not isinstance(label, str) or not isinstance(created, str):
            raise EditError("an edit's label and time are text")
        edit = cls(kind, target, values, label, created)
        validate(edit)
        return edit

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)


_KEY_LISTS = ("others", "moved")  # values holding lists of (lists of) mention keys


def _values_to_json(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k == "others":
            out[k] = [[m.to_json() for m in keys] for keys in v]
        elif k == "moved":
            out[k] = [m.to_json() for m in v]
        elif k in ("winner", "key"):
            out[k] = v.to_json()
        elif k == "date":
            out[k] = date_to_json(v)
        elif k == "participants":
            out[k] = list(v)
        else:
            out[k] = v
    return out


def _values_from_json(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise EditError("an edit's values are a JSON object")
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k == "others":
            out[k] = tuple(tuple(MentionKey.from_json(m) for m in keys) for keys in v)
        elif k == "moved":
            out[k] = tuple(MentionKey.from_json(m) for m in v)
        elif k in ("winner", "key"):
            out[k] = MentionKey.from_json(v)
        elif k == "date":
            out[k] = date_from_json(v)
        elif k == "participants":
            if not isinstance(v, list) or not all(isinstance(p, str) for p in v):
                raise EditError("participants are a list of names")
            out[k] = tuple(v)
        else:
            out[k] = v
    return out


def date_to_json(d: DateValue | None) -> dict[str, str] | None:
    if d is None:
        return None
    return {"start": d.start.isoformat(), "end": d.end.isoformat(), "granularity": d.granularity}


def date_from_json(data: Any) -> DateValue | None:
    """A user's date: a span of days with its granularity, provenance ``user``."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise EditError("a date is an object with start, end and granularity")
    try:
        start = dt.date.fromisoformat(str(data["start"]))
        end = dt.date.fromisoformat(str(data.get("end") or data["start"]))
    except (KeyError, ValueError) as exc:
        raise EditError(f"bad date {data!r}") from exc
    gran = data.get("granularity") or "day"
    if gran not in GRANULARITIES:
        raise EditError(f"unknown granularity {gran!r}")
    if end < start:
        raise EditError("a date's end comes before its start")
    return user_date(start, end, gran)


def user_date(start: dt.date, end: dt.date, granularity: str) -> DateValue:
    return DateValue(start, end, granularity, "user", 1.0, "set by you")


def validate(edit: Edit) -> None:
    """Raise :class:`EditError` unless ``edit`` has what its kind needs."""
    v = edit.values
    needs_target = edit.kind not in ("add", "remove_article")
    if needs_target and not edit.target:
        raise EditError(f"a {edit.kind} edit names the event it changes")
    if edit.kind == "set":
        unknown = set(v) - set(FIELDS)
        if unknown or not v:
            raise EditError(f"a set edit changes one of {', '.join(FIELDS)}")
        for k in ("title", "category", "note"):
            if k in v and not isinstance(v[k], str):
                raise EditError(f"{k} is text")
        if "title" in v and not v["title"].strip():
            raise EditError("a title cannot be empty")
        if "place" in v and v["place"] is not None and not isinstance(v["place"], str):
            raise EditError("place is text")
    elif edit.kind == "merge":
        if not v.get("others"):
            raise EditError("a merge names the events merged into the target")
    elif edit.kind == "split":
        if not v.get("moved"):
            raise EditError("a split names the mentions that move")
    elif edit.kind == "resolve":
        if not isinstance(v.get("winner"), MentionKey):
            raise EditError("a resolution names the source whose date wins")
        if not isinstance(v.get("reason", ""), str):
            raise EditError("a resolution's reason is text")
    elif edit.kind == "add":
        if not isinstance(v.get("key"), MentionKey):
            raise EditError("an added event names its sentence")
        if not isinstance(v.get("title"), str) or not v["title"].strip():
            raise EditError("an added event needs a title")
    elif edit.kind == "remove_article" and not (isinstance(v.get("sha"), str) and v["sha"]):
        raise EditError("a removal names the article (by content hash)")


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Keys:
    """Mention keys of a corpus's events (articles are looked up by id once)."""

    def __init__(self, articles: tuple[Article, ...] | list[Article]) -> None:
        self._sha = {a.id: a.sha256 or a.id for a in articles}

    @classmethod
    def of(cls, corpus: Corpus) -> Keys:
        return cls(corpus.articles)

    def sha(self, article_id: str) -> str:
        return self._sha.get(article_id, article_id)

    def mention(self, m: Mention) -> MentionKey:
        return MentionKey(self.sha(m.article), m.field, m.sentence_start, m.sentence_end, m.trigger)

    def event(self, e: Event) -> tuple[MentionKey, ...]:
        return tuple(self.mention(m) for m in e.mentions)


_STEP_DAYS = {"day": 1, "week": 7}
_STEP_MONTHS = {"month": 1, "season": 3, "quarter": 3, "year": 12, "decade": 120, "century": 1200}


def shifted(d: DateValue, days: float) -> DateValue:
    """``d`` moved by about ``days``, snapped to whole steps of its granularity (a month
    moves by months, a year by years) and keeping its length; provenance ``user``."""
    if d.granularity in _STEP_DAYS:
        step = _STEP_DAYS[d.granularity]
        delta = dt.timedelta(days=step * round(days / step))
        return user_date(d.start + delta, d.end + delta, d.granularity)
    months = _STEP_MONTHS.get(d.granularity, 12)
    n = months * round(days / (30.436875 * months))
    return user_date(_add_months(d.start, n), _month_end(_add_months(d.end, n), d), d.granularity)


def _add_months(day: dt.date, n: int) -> dt.date:
    y, m = divmod(day.month - 1 + n, 12)
    year = max(1, min(9999, day.year + y))
    return dt.date(year, m + 1, 1).replace(day=min(day.day, _days_in(year, m + 1)))


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_end(day: dt.date, original: DateValue) -> dt.date:
    """Keep a span that ended on a month's last day ending on the last day."""
    if original.end.day == _days_in(original.end.year, original.end.month):
        return day.replace(day=_days_in(day.year, day.month))
    return day


def parse_user_date(start_text: str, end_text: str = "") -> DateValue:
    """A date typed by the user: ``2019-02-27``, ``2019-02`` or ``2019`` (the granularity
    is the form of the start), optionally up to an end of any of these forms.  Raises
    :class:`EditError` with a message for the user."""
    s0, s1, gran = _partial(start_text.strip(), "start")
    if end_text.strip():
        _, s1, _ = _partial(end_text.strip(), "end")
        if s1 < s0:
            raise EditError("the end date comes before the start date")
    return user_date(s0, s1, gran)


def _partial(text: str, what: str) -> tuple[dt.date, dt.date, str]:
    parts = text.split("-")
    try:
        nums = [int(p) for p in parts]
        if len(parts) == 1 and len(parts[0]) == 4:
            y = nums[0]
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if len(parts) == 2 and len(parts[0]) == 4:
            y, m = nums
            return dt.date(y, m, 1), dt.date(y, m, _days_in(y, m)), "month"
        if len(parts) == 3 and len(parts[0]) == 4:
            day = dt.date(*nums)
            return day, day, "day"
    except ValueError:
        pass
    raise EditError(f"the {what} date must be written YYYY-MM-DD, YYYY-MM or YYYY, not {text!r}")
