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
    place: re.Pattern[str]
    after_date: re.Pattern[str]
    lead_tail: re.Pattern[str]
    closing: re.Pattern[str]
    date_start: re.Pattern[str]


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


_CJK_TIME = (
    r"\d{1,2}\s*[시時点](?:\s*\d{1,2}\s*[분分])?(?:\s*\d{1,2}\s*[초秒])?"
    r"|오전|오후|上午|下午|午前|午後"
)
_SEP = r"(?:--|—|–|-|:)"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = lexicon()
    months = _alt(lex.months)
    labels = _alt(lex.published_labels | lex.updated_labels)
    weekdays = _alt(lex.weekdays)
    agencies = _alt(lex.wire_agencies)
    zones = _alt(lex.time_zones)
    clock = (
        r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|"
        r"[+-]\d{2}:?\d{2}\b|\bz\b"
    )
    zone = rf"\b(?:{zones})\b(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?"
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
        # a label as a whole word; most lines hold none of them: a quick test first
        stamp=Prefiltered(re.compile(rf"(?<![\w])({labels})(?![\w])\s*[:：]?\s*", re.I)),
        residue=re.compile(
            rf"\b(?:{weekdays})\b\.?|(?:{weekdays})(?=[\s,)|]|$)|{clock}|{zone}|"
            rf"{_CJK_TIME}|\b(?:at|on)\b|[()\[\]|,\-–—/·:\s.]|(?-i:T)(?=\d)",
            re.I,
        ),
        dateline=re.compile(
            rf"^[\"“]?\s*((?-i:[A-Z][A-Za-z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?)),?\s+"
            rf"(?:({months})\.?\s+(\d{{1,2}})(?:\s*,\s*(\d{{4}}))?\s*)?"
            rf"\((?:{agencies})\)\s*(?:--|—|–|-)",
            re.I,
        ),
        place=re.compile(
            r"^[\"“]?\s*((?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}))"
            r"(?:,\s*((?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})))?,\s+(?=\S)"
        ),
        after_date=re.compile(
            rf"\s*\.?\s*(\((?:{agencies})\)|/(?:{agencies})/|\([A-Z][\w .,'’-]{{1,40}}\))?"
            rf"\s*\.?\s*({_SEP})?",
        ),
        lead_tail=re.compile(
            rf"(?:\s+|[,|·•/]|{_SEP}|{clock}|{zone}|{_CJK_TIME}|"
            rf"\b(?:{weekdays})\b\.?)*",
            re.I,
        ),
        closing=re.compile(
            r"\(\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*\)\s*$|\(([^()]{6,40})\)\s*$"
        ),
        # where a date can start: every date pattern above opens with its day, its year or
        # its month word (a quick test before all of them are run on a string)
        date_start=re.compile(rf"\d|(?:{months})", re.I),
    )


def _make(year: int, month: int, day: int) -> _dt.date | None:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


_DIGIT = re.compile(r"\d")


def find_dates(text: str, *, yearless: bool = False) -> list[DateHit]:
    """Every written-out date in ``text`` (short strings only), in order of position."""
    if len(text) > 400:
        text = text[:400]
    if _DIGIT.search(text) is None:
        return []  # every date pattern holds a digit (the day or the year)
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


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_STAMP_SEPARATORS = "|•·—–/"
MAX_WORDS_AROUND = 4  # words allowed before a label, and between a label and its date


def _label_position_ok(before: str) -> bool:
    """A stamp label opens its line, follows a separator, or follows a few words
    ("By Jane Doe | Published ...", "This story was first published ...")."""
    tail = before.rstrip()
    if not tail or tail[-1] in _STAMP_SEPARATORS:
        return True
    return len(tail.split()) <= MAX_WORDS_AROUND and not _SENTENCE_END.search(tail)


def find_stamps(text: str) -> list[Stamp]:
    """Labelled publication/update stamps in a short line.

    Any wording and order: ``Posted : 2020-05-05``, ``Last updated on Monday, 5 May 2020``,
    ``Posted by the news desk on March 3, 2020``, ``19 December 2022 | Updated: ...`` (the
    unlabelled date before an update stamp is the original publication)."""
    if len(text) > 200:
        return []
    lex = lexicon()
    pats = _patterns()
    out: list[Stamp] = []
    first_label = None
    for m in pats.stamp.finditer(text):
        if not _label_position_ok(text[: m.start()]):
            continue
        tail = text[m.end() : m.end() + 90]
        hits = [h for h in find_dates(tail) if h.value]
        if not hits:
            continue
        gap = pats.residue.sub(" ", tail[: hits[0].start])
        if len(gap.split()) > MAX_WORDS_AROUND or _SENTENCE_END.search(tail[: hits[0].start]):
            continue
        label = " ".join(m[1].lower().split())
        kind = "updated" if label in lex.updated_labels else "published"
        h = hits[0]
        assert h.value is not None
        if first_label is None:
            first_label = m.start()
        out.append(Stamp(kind, h.value, text[m.start() : m.end() + h.end].strip()))
    if out and all(st.kind == "updated" for st in out) and first_label is not None:
        lead = leading_date(text[:first_label])
        if lead is not None:
            hit, _ = lead
            assert hit.value is not None
            out.insert(0, Stamp("published", hit.value, text[: hit.end].strip()))
    return out


def leading_date(text: str, labels: bool = True) -> tuple[DateHit, int] | None:
    """A full date opening ``text`` (after at most a stamp label, a weekday and separators)
    and where the rest of the text starts (after a following time, zone or separator).
    ``date 2017-09-03 The quake ...`` -> (2017-09-03, offset of "The")."""
    head = text[:120]
    hits = [h for h in find_dates(head) if h.value]
    if not hits:
        return None
    h = hits[0]
    pats = _patterns()
    prefix = pats.residue.sub(" ", head[: h.start]).strip().lower()
    if prefix:
        lex = lexicon()
        if not labels or " ".join(prefix.rstrip(":：").split()) not in (
            lex.published_labels | lex.updated_labels
        ):
            return None
    m = pats.lead_tail.match(text, h.end)
    rest = m.end() if m else h.end
    return h, rest


@dataclass(frozen=True)
class Dateline:
    place: str
    value: _dt.date | None
    month: int | None
    day: int | None
    raw: str


_BARE_DATELINE = re.compile(
    r"^[\"“]?\s*([A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2})?)"
    r"\s+(?:--|—|–|-)\s+(?=\S)"
)


_CAPS_PLACE_COLON = re.compile(r"^([A-Z][A-Z.'’ -]{2,40},\s*[A-Z][A-Z.'’ -]{1,30})\s*:\s+(?=\S)")


def find_dateline(paragraph: str) -> Dateline | None:
    """A wire dateline opening a paragraph, with or without its date and year:
    ``GOYANG, April 27 (Yonhap) --``, ``SEOUL, Sept 3:``, ``SEOUL, October 15. /TASS/.``,
    ``New Delhi, August 23, 2023 -``, ``March 17, 2020 (New York) --``."""
    head = paragraph[:200]
    pats = _patterns()
    # (the wire pattern needs its agency in parentheses: most lines hold no "(")
    m = pats.dateline.match(head) if "(" in head else None
    if m:
        if not (m[2] or m[1].split(",")[0].isupper()):
            return None  # "SEOUL (AP) --" yes, "The talks (AP) --" no
        month = lexicon().months[m[2].lower()] if m[2] else None
        day = int(m[3]) if m[3] else None
        value = _make(int(m[4]), month, day) if (m[4] and month and day) else None
        return Dateline(m[1].strip(), value, month, day, m.group(0))
    bare = _BARE_DATELINE.match(head) or _CAPS_PLACE_COLON.match(head)
    if bare and bare[1].split(",")[0].isupper():
        return Dateline(bare[1].strip(), None, None, None, bare.group(0))  # "WASHINGTON —"
    start, place = 0, ""
    pm = pats.place.match(head)
    if pm:
        start, place = pm.end(), pm.group(0).strip(' ,"“')
    if pats.date_start.match(head, start) is None:
        return None  # no date opens the rest (the test below wants one at its start)
    hits = find_dates(head[start : start + 60], yearless=True)
    if not hits or hits[0].start != 0:
        return None
    h = hits[0]
    after = pats.after_date.match(head, start + h.end)
    if after is None or not (after[1] or after[2]):
        return None  # a date opening a sentence, not a dateline
    if h.value is None and not (
        place and (after[1] or after[2] in (":", "--", "—") or (after[2] and place.isupper()))
    ):
        return None  # a year-less date needs a wire-style place and separator
    if not place and (h.value is None or not after[2]):
        return None
    return Dateline(
        place or (after[1] or "").strip("()/ "), h.value, h.month, h.day, head[: after.end()]
    )


def closing_date(paragraph: str) -> _dt.date | None:
    """A date in parentheses closing a paragraph, as re-posts stamp a quoted item:
    ``... per the WHO. (09/20/22)``.  Two-digit years are read in 1950-2049."""
    m = _patterns().closing.search(paragraph[-60:])
    if not m:
        return None
    if m[1]:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if y < 100:
            y += 2000 if y < 50 else 1900
        if a > 12 >= b:
            return _make(y, b, a)
        return _make(y, a, b) if b > 12 or a == b else None
    hits = [h for h in find_dates(m[4]) if h.value]
    if (
        len(hits) == 1
        and not _patterns().residue.sub("", m[4][: hits[0].start] + m[4][hits[0].end :]).strip()
    ):
        return hits[0].value
    return None


def parse_iso_datetime(text: str) -> _dt.date | None:
    """A date from a metadata value (``2018-09-06T15:18:00+09:00``, ``Sept. 6, 2018``)."""
    text = text.strip()
    if not text or len(text) > 100:
        return None
    hits = [h for h in find_dates(text) if h.value]
    return hits[0].value if hits else None
