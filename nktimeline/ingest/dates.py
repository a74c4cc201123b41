"""Reading publication dates out of stamps, datelines and metadata strings.

Only calendar dates that are written out are read; nothing is ever filled in from the clock.
Month and weekday words and stamp labels come from ``resources/ingest/dates.json``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from nktimeline.ingest.lexicon import lexicon
from nktimeline.regex_prefilter import Prefiltered

MIN_YEAR, MAX_YEAR = 1800, 2200


@dataclass(frozen=True)
class DateHit:
    """A date found in a string: full ``value`` or a year-less ``month``/``day``."""

    value: _dt.date | None
    month: int
    day: int
    start: int
    end: int


@dataclass(frozen=True)
class Stamp:
    """A labelled stamp such as ``Posted : 2020-05-05 17:23``."""

    kind: str  # "published" | "updated" | "byline" (a date printed in the byline)
    value: _dt.date
    raw: str


@dataclass(frozen=True)
class _Patterns:
    iso: re.Pattern[str]
    mdy: re.Pattern[str]
    dmy: re.Pattern[str]
    md: re.Pattern[str]
    numeric: re.Pattern[str]
    stamp: Prefiltered
    residue: re.Pattern[str]
    dateline: re.Pattern[str]


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = lexicon()
    months = _alt(lex.months)
    labels = _alt(lex.published_labels | lex.updated_labels)
    weekdays = _alt(lex.weekdays)
    agencies = _alt(lex.wire_agencies)
    return _Patterns(
        iso=re.compile(
            r"(?<!\d)(\d{4})\s*[-./년年]\s*(\d{1,2})\s*[-./월月]\s*(\d{1,2})(?!\d)\s*[일日]?"
        ),
        mdy=re.compile(
            rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{{4}})(?!\d)", re.I
        ),
        dmy=re.compile(
            rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months})\.?,?\s+(\d{{4}})(?!\d)",
            re.I,
        ),
        md=re.compile(rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", re.I),
        numeric=re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\d/])"),
        stamp=Prefiltered(  # most lines hold none of the labels: a quick test first
            re.compile(rf"(?<![\w])({labels})\s*(?:[:：]\s*|\s+(?=\d|[A-Z]))", re.I)
        ),
        residue=re.compile(
            rf"\b(?:{weekdays})\b\.?|(?:{weekdays})(?=[\s,)|]|$)|"
            r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?|kst|gmt|utc|jst|est|edt|"
            r"[+-]\d{2}:?\d{2}|z)?|(?:kst|gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|"
            r"\b(?:at|on)\b|[()\[\]|,\-–—/·:\s.T]|오전|오후|上午|下午",
            re.I,
        ),
        dateline=re.compile(
            rf"^[\"“]?\s*((?-i:[A-Z][A-Za-z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?)),?\s+"
            rf"(?:({months})\.?\s+(\d{{1,2}})(?:\s*,\s*(\d{{4}}))?\s*)?"
            rf"\((?:{agencies})\)\s*(?:--|—|–|-)",
            re.I,
        ),
    )


def _make(year: int, month: int, day: int) -> _dt.date | None:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, *, yearless: bool = False) -> list[DateHit]:
    """Every written-out date in ``text`` (short strings only), in order of position."""
    if len(text) > 400:
        text = text[:400]
    pats = _patterns()
    months = lexicon().months
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def add(value: _dt.date | None, month: int, day: int, m: re.Match[str]) -> None:
        if any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        hits.append(DateHit(value, month, day, m.start(), m.end()))

    for m in pats.iso.finditer(text):
        v = _make(int(m[1]), int(m[2]), int(m[3]))
        if v:
            add(v, v.month, v.day, m)
    for m in pats.mdy.finditer(text):
        mo = months[m[1].lower()]
        v = _make(int(m[3]), mo, int(m[2]))
        if v:
            add(v, mo, v.day, m)
    for m in pats.dmy.finditer(text):
        mo = months[m[2].lower()]
        v = _make(int(m[3]), mo, int(m[1]))
        if v:
            add(v, mo, v.day, m)
    for m in pats.numeric.finditer(text):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        if a > 12 >= b:
            v = _make(y, b, a)
        elif b > 12 >= a:
            v = _make(y, a, b)
        else:
            v = None  # 05/06/2020 is ambiguous between US and European order
        if v:
            add(v, v.month, v.day, m)
    if yearless:
        for m in pats.md.finditer(text):
            if not m[1][0].isupper():
                continue  # "may 5" in running text is rarely a date
            day = int(m[2])
            if 1 <= day <= 31:
                add(None, months[m[1].lower()], day, m)
    hits.sort(key=lambda h: h.start)
    return hits


def date_only(text: str) -> DateHit | None:
    """The date when ``text`` is nothing but a date (plus weekday, time, separators)."""
    if len(text) > 80:
        return None
    hits = [h for h in find_dates(text) if h.value]
    if len(hits) != 1:
        return None
    h = hits[0]
    rest = text[: h.start] + " " + text[h.end :]
    if _patterns().residue.sub("", rest).strip():
        return None
    return h


def is_render_stamp(text: str) -> bool:
    """A page-render/scrape stamp: weekday, date and a time after a bar (``Tue, ... | 02:16``)."""
    if "|" not in text or date_only(text) is None:
        return False
    first = re.split(r"[\s,.]+", text.strip(), maxsplit=1)[0].lower()
    return first in lexicon().weekdays and re.search(r"\|\s*\d{1,2}:\d{2}", text) is not None


def find_stamps(text: str) -> list[Stamp]:
    """Labelled publication/update stamps in a short line."""
    if len(text) > 200:
        return []
    lex = lexicon()
    out: list[Stamp] = []
    for m in _patterns().stamp.finditer(text):
        label = m[1].lower()
        tail = text[m.end() : m.end() + 60]
        hits = [h for h in find_dates(tail) if h.value]
        if not hits or _patterns().residue.sub("", tail[: hits[0].start]).strip():
            continue  # only a weekday or separators may stand between label and date
        kind = "updated" if label in lex.updated_labels else "published"
        h = hits[0]
        assert h.value is not None
        out.append(Stamp(kind, h.value, text[m.start() : m.end() + h.end].strip()))
    return out


@dataclass(frozen=True)
class Dateline:
    place: str
    value: _dt.date | None
    month: int | None
    day: int | None
    raw: str


def find_dateline(paragraph: str) -> Dateline | None:
    """A wire dateline at the start of a paragraph: ``GOYANG, April 27 (Yonhap) --``."""
    m = _patterns().dateline.match(paragraph[:160])
    if not m:
        return None
    if not (m[2] or m[1].split(",")[0].isupper()):
        return None  # "SEOUL (AP) --" yes, "The talks (AP) --" no
    month = lexicon().months[m[2].lower()] if m[2] else None
    day = int(m[3]) if m[3] else None
    value = _make(int(m[4]), month, day) if (m[4] and month and day) else None
    return Dateline(m[1].strip(), value, month, day, m.group(0))


def parse_iso_datetime(text: str) -> _dt.date | None:
    """A date from a metadata value (``2018-09-06T15:18:00+09:00``, ``Sept. 6, 2018``)."""
    text = text.strip()
    if not text or len(text) > 100:
        return None
    hits = [h for h in find_dates(text) if h.value]
    return hits[0].value if hits else None
