"""Grammar fuzzing: hostile inputs made from the tagger's own vocabulary, and their checks.

Shared by the bounded suite (``tests/test_fuzz_grammar.py``) and the long run
(``benchmarks/fuzz.py``, which imports this file by path): the tests must not import from
``benchmarks/``, and a generator of test inputs is test support, so it lives here.

The words come from the resources the tagger itself reads (``resources/temporal/lexicon.json``
and ``context.json`` through ``nktimeline.temporal.lexicon``; event words, places and people
from ``resources/events`` and ``resources/gazetteer.json``), so the fuzzer follows the rules
as they grow.  Numbers, years and publication dates lean towards the edges of the calendar
(years 0000/0001, 1899-1902, 2098-2102, 9998-10000; leap days; century years).

Every ``check_*`` function returns a list of problems (empty: the input passed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from nktimeline.model import Corpus, DateValue, Published, Timex
from nktimeline.paths import load_json
from nktimeline.temporal.lexicon import context, lexicon
from nktimeline.temporal.values import in_calendar, is_valid_value

EDGE_YEARS = (0, 1, 2, 4, 99, 100, 999, 1000, 1899, 1900, 1901, 1902, 1999, 2000)
EDGE_YEARS += (2098, 2099, 2100, 2101, 2102, 9900, 9996, 9998, 9999, 10000, 99999)
EDGE_DCTS = (
    dt.date(1, 1, 1),
    dt.date(1, 12, 31),
    dt.date(1, 3, 1),
    dt.date(4, 2, 29),
    dt.date(100, 3, 1),
    dt.date(1900, 2, 28),
    dt.date(1900, 3, 1),
    dt.date(2000, 2, 29),
    dt.date(2024, 2, 29),
    dt.date(2100, 2, 28),
    dt.date(2100, 3, 1),
    dt.date(9996, 2, 29),
    dt.date(9999, 1, 1),
    dt.date(9999, 1, 4),
    dt.date(9999, 12, 25),
    dt.date(9999, 12, 31),
)
TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
_GLUE = ("the", "and", "of", "to", "a", "that", "on", "in", "at", "since", "until", "said")
_GLUE += ("met", "will", "held", "talks", ",", "-", "–", "(", ")", ";")
_GLUE += ('"', "'s", "...", "\n", "\n\n", "  ")


def _title(w: str) -> str:
    return " ".join(p[:1].upper() + p[1:] for p in w.split(" "))


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """Word lists of the tagger and of the event finder, read once from ``resources/``."""

    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    numbers: tuple[str, ...]
    ordinals: tuple[str, ...]
    units: tuple[str, ...]
    seasons: tuple[str, ...]
    holidays: tuple[str, ...]
    day_parts: tuple[str, ...]
    sets: tuple[str, ...]
    vague: tuple[str, ...]
    modifiers: tuple[str, ...]
    relative_days: tuple[str, ...]
    back_words: tuple[str, ...]
    quarter_ordinals: tuple[str, ...]
    tense_words: tuple[str, ...]
    leads: tuple[str, ...]
    zones: tuple[str, ...]
    triggers: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    lex, ctx = lexicon(), context()
    tense = lex["tense"]
    triggers = [
        t["pattern"]
        for t in load_json("events/triggers.json")["triggers"]
        if t["pattern"].replace(" ", "").isalpha()
    ]
    places = [a for p in load_json("gazetteer.json")["places"] for a in p["aliases"][:3]]
    people = [a for p in load_json("events/actors.json")["actors"] for a in p["aliases"][:2]]
    return Vocabulary(
        months=tuple(lex["months"]),
        weekdays=tuple(lex["weekdays"]),
        numbers=tuple(lex["numbers"]),
        ordinals=tuple(lex["ordinals"]),
        units=tuple(lex["units"]),
        seasons=tuple(lex["seasons"]),
        holidays=tuple(lex["holidays"]) + tuple(lex["holidays_computed"]),
        day_parts=tuple(lex["day_parts"]),
        sets=tuple(lex["sets"]),
        vague=tuple(lex["vague_numbers"])
        + tuple(lex["vague_durations"])
        + tuple(lex["present_ref"])
        + tuple(lex["past_ref"])
        + tuple(lex["future_ref"]),
        modifiers=(*ctx["modifier_offsets"], "that", "the same", "the following"),
        relative_days=tuple(ctx["relative_days"]),
        back_words=(*ctx["ago_back_words"], "later", "from now", "hence", "after"),
        quarter_ordinals=tuple(ctx["quarter_ordinals"]),
        tense_words=tuple(tense["future"]) + tuple(tense["past"]) + tuple(tense["present"]),
        leads=tuple(lex["year_leads"]) + tuple(lex["future_leads"]) + tuple(ctx["month_leads"]),
        zones=tuple(lex["time_zones"]),
        triggers=tuple(triggers),
        places=tuple(places),
        people=tuple(people),
    )


class Grammar:
    """Random sentences, articles, publication dates and file names (one ``random.Random``:
    a seed reproduces a run)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.v = vocabulary()
        r = self
        self._phrases: list[Callable[[], str]] = [
            r.date_phrase,
            r.date_phrase,
            r.relative_phrase,
            r.relative_phrase,
            r.ago_phrase,
            r.ago_phrase,
            r.duration_phrase,
            r.weekday_phrase,
            r.month_phrase,
            r.season_phrase,
            r.holiday_phrase,
            r.quarter_phrase,
            r.decade_phrase,
            r.range_phrase,
            r.time_phrase,
            r.anaphor_phrase,
            r.set_phrase,
            r.number_run,
            r.edge_year,
            r.vague_phrase,
        ]

    # -- words ----------------------------------------------------------------------------
    def pick(self, seq: Sequence[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def cased(self, w: str) -> str:
        """Usually Title Case (months and weekdays need it), sometimes lower or UPPER."""
        k = self.rng.random()
        if k < 0.75:
            return _title(w)
        return w if k < 0.9 else w.upper()

    def month(self) -> str:
        m = self.cased(self.pick(self.v.months))
        return m + "." if len(m) <= 4 and self.rng.random() < 0.6 else m

    def weekday(self) -> str:
        w = self.cased(self.pick(self.v.weekdays))
        return w + "." if len(w) <= 5 and self.rng.random() < 0.5 else w

    def year(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            y = self.pick(EDGE_YEARS)  # type: ignore[arg-type]
        elif r < 0.8:
            y = self.rng.randrange(1890, 2110)
        else:
            y = self.rng.randrange(0, 12000)
        y = int(y)
        return f"{y:04d}" if self.rng.random() < 0.8 else str(y)

    def day(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return self.pick(("29", "28", "30", "31", "1", "0", "32", "00", "01"))
        if r < 0.45:
            return self.pick(self.v.ordinals)
        d = str(self.rng.randrange(1, 32))
        return d + self.pick(("", "", "st", "nd", "rd", "th"))

    def number(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.pick(self.v.numbers)
        if r < 0.5:
            return " ".join(self.pick(self.v.numbers) for _ in range(self.rng.randrange(2, 5)))
        if r < 0.6:
            return self.pick(("half a", "half an", "a quarter", "a quarter of a", "a half"))
        if r < 0.7:
            return self.pick(("one and a half", "2 1/2", "1½", "0.5", "1.25", "three-quarters"))
        if r < 0.8:
            return self.pick(("9999", "10000", "99999999", "0", "1000000", "5000", "5001"))
        return str(self.rng.randrange(0, 400))

    def unit(self) -> str:
        return self.pick(self.v.units)

    # -- phrases --------------------------------------------------------------------------
    def date_phrase(self) -> str:
        y, m, d = self.year(), self.month(), self.day()
        forms = (
            f"{m} {d}, {y}",
            f"{m} {d} {y}",
            f"{d} {m} {y}",
            f"the {d} of {m}, {y}",
            f"{m} {d}",
            f"{m} {y}",
            f"{self.weekday()}, {m} {d}, {y}",
            f"{y}-{self.rng.randrange(0, 14):02d}-{self.rng.randrange(0, 33):02d}",
            f"{self.rng.randrange(0, 14)}/{self.rng.randrange(0, 33)}/{y}",
            f"{self.rng.randrange(0, 33)}.{self.rng.randrange(0, 14)}.{y}",
            f"{y}/{self.rng.randrange(1, 13)}/{self.rng.randrange(1, 32)}",
            f"Feb. 29, {y}",
            f"29 February {y}",
            "Feb. 29",
            f"{y}-02-29",
            f"{self.pick(('0001-01-01', '9999-12-31', '0000-01-01', '10000-01-01'))}",
            f"{self.pick(('0001-01-01T00:00', '9999-12-31 23:59'))}",
            f"{self.pick(self.v.leads)} {y}",
            f"the year {y}",
            f"fiscal {y}",
        )
        return self.pick(forms)

    def relative_phrase(self) -> str:
        mod = self.pick(self.v.modifiers)
        return self.pick(
            (
                f"{mod} {self.pick(('week', 'month', 'year', 'decade', 'century', 'weekend'))}",
                f"{mod} {self.weekday()}",
                f"{mod} {self.month()}",
                f"{mod} {self.cased(self.pick(self.v.seasons))}",
                self.pick(self.v.relative_days),
                f"{self.pick(self.v.relative_days)} {self.pick(self.v.day_parts)}",
                f"{self.pick(('early', 'late', 'mid-', 'later', 'earlier'))} {mod} "
                f"{self.pick(('week', 'month', 'year'))}",
                f"{self.pick(('this', 'next', 'last'))} year's "
                f"{self.pick(self.v.quarter_ordinals)} quarter",
                f"{self.month()} of {self.pick(('last', 'next', 'this'))} year",
            )
        )

    def ago_phrase(self) -> str:
        return f"{self.number()} {self.unit()} {self.pick(self.v.back_words)}"

    def duration_phrase(self) -> str:
        lead = self.pick(("for", "over", "within", "after", "in", "the past", "the next", ""))
        return f"{lead} {self.number()} {self.unit()}".strip()

    def weekday_phrase(self) -> str:
        wd = self.weekday()
        return self.pick(
            (
                wd,
                f"{wd} {self.pick(self.v.day_parts)}",
                f"on {wd}",
                f"{wd}s",
                f"{self.pick(('the previous', 'the following', 'this coming', 'this past'))} {wd}",
                f"{wd}, {self.month()} {self.day()}",
            )
        )

    def month_phrase(self) -> str:
        m = self.month()
        return self.pick(
            (
                m,
                f"in {m}",
                f"{self.pick(('early', 'late', 'mid-', 'the end of'))} {m}",
                f"{m} of {self.year()}",
                f"every {m}",
            )
        )

    def season_phrase(self) -> str:
        s = self.cased(self.pick(self.v.seasons))
        return self.pick((f"in the {s}", f"{s} {self.year()}", f"the {s} of {self.year()}", s))

    def holiday_phrase(self) -> str:
        h = _title(self.pick(self.v.holidays))
        return self.pick((h, f"{h} {self.year()}", f"{self.pick(('last', 'next', 'this'))} {h}"))

    def quarter_phrase(self) -> str:
        o = self.pick(self.v.quarter_ordinals)
        return self.pick(
            (
                f"the {o} quarter",
                f"the {o} quarter of {self.year()}",
                f"{o}-quarter",
                f"the {o} half of {self.year()}",
                "the quarter a year ago",
                "the year-ago quarter",
                f"the {self.pick(('latest', 'previous', 'current'))} quarter",
                f"the {o} half of the {self.pick(('1990s', '9990s', '’80s'))}",
            )
        )

    def decade_phrase(self) -> str:
        return self.pick(
            (
                f"the {self.rng.randrange(0, 1000):03d}0s",
                f"the {self.pick(('1890', '1900', '2090', '2100', '9990', '0000', '10000'))}s",
                f"the '{self.rng.randrange(0, 10)}0s",
                f"the {self.pick(self.v.ordinals)} century",
                f"the {self.rng.randrange(0, 120)}th century",
                f"the {self.pick(('twenties', 'nineties', 'forties'))}",
                f"{self.pick(('early', 'late', 'mid'))}-{self.pick(('1990s', '2100s'))}",
            )
        )

    def range_phrase(self) -> str:
        m, y = self.month(), self.year()
        return self.pick(
            (
                f"{m} {self.day()}-{self.day()}",
                f"{m} {self.day()}-{self.day()}, {y}",
                f"{m} {self.day()} to {self.month()} {self.day()}",
                f"{self.month()} {self.day()} and {self.day()}",
                f"{y}-{self.pick(('01', '99', '00', '9999', '10000', '1902', '2102'))}",
                f"from {self.weekday()} to {self.weekday()}",
                f"between {y} and {self.year()}",
                f"Dec. 31, {y} - Jan. 1, {self.year()}",
            )
        )

    def time_phrase(self) -> str:
        h = self.rng.randrange(0, 26)
        return self.pick(
            (
                f"{h}:{self.rng.randrange(0, 61):02d}",
                f"{h} {self.pick(('a.m.', 'p.m.', 'am', 'pm', 'o’clock'))}",
                f"{h}:30 p.m. {self.pick(self.v.zones).upper()}",
                self.pick(("noon", "midnight", "24:00", "0:00", "12 a.m.", "12 p.m.")),
                f"{h}:{self.rng.randrange(0, 60):02d} {self.pick(('today', 'tomorrow'))}",
                f"at {h} p.m. on {self.month()} {self.day()}",
                f"{h} p.m. {self.weekday()}",
            )
        )

    def anaphor_phrase(self) -> str:
        unit = self.pick(("day", "month", "year"))
        return self.pick(
            (
                f"that {unit}",
                f"the same {unit}",
                f"the following {unit}",
                f"the previous {unit}",
                "the day before",
                "the day after",
                "the day before the day before the day before",
                "later in the day",
                "until then",
                "at the time",
            )
        )

    def set_phrase(self) -> str:
        return self.pick(
            (
                f"every {self.pick(('', 'other '))}{self.unit()}",
                f"{self.pick(('once', 'twice', 'three times'))} a {self.unit()}",
                f"every {self.weekday()}",
                f"each {self.month()}",
                self.pick(self.v.sets),
            )
        )

    def number_run(self) -> str:
        n = self.rng.randrange(1, 30)
        return " ".join(self.pick(self.v.numbers) for _ in range(n)) + " " + self.unit()

    def edge_year(self) -> str:
        y = self.year()
        return self.pick(
            (f"in {y}", f"since {y}", f"{y}", f"by the end of {y}", f"{y}'s", f"the {y}s")
        )

    def vague_phrase(self) -> str:
        return self.pick(self.v.vague)

    def phrase(self) -> str:
        return self._phrases[self.rng.randrange(len(self._phrases))]()

    # -- sentences and articles -----------------------------------------------------------
    def filler(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            return self.pick(self.v.tense_words)
        if r < 0.45:
            return self.pick(self.v.people)
        if r < 0.6:
            return self.pick(self.v.triggers)
        if r < 0.7:
            return "in " + self.pick(self.v.places)
        return self.pick(_GLUE)

    def sentence(self) -> str:
        """A short sentence: phrases from the grammar among filler words, or (sometimes) a
        soup of single words of the vocabulary."""
        if self.rng.random() < 0.1:
            words = [self.phrase() if self.rng.random() < 0.5 else self.filler() for _ in range(8)]
            return " ".join(words)
        parts: list[str] = []
        if self.rng.random() < 0.5:
            parts.append(self.pick(self.v.people))
            parts.append(self.pick(("said", "met", "will meet", "held", "visited", "is")))
        for _ in range(self.rng.randrange(1, 4)):
            if self.rng.random() < 0.6:
                parts.append(self.filler())
            parts.append(self.phrase())
        text = " ".join(p for p in parts if p)
        return text[:1].upper() + text[1:] + self.pick((".", ".", ".", "", "?", ";", " --", ","))

    def dct(self) -> dt.date | None:
        r = self.rng.random()
        if r < 0.1:
            return None
        if r < 0.55:
            return self.pick(EDGE_DCTS)  # type: ignore[arg-type,return-value]
        if r < 0.8:
            return dt.date(2019, 1, 1) + dt.timedelta(days=self.rng.randrange(-3000, 3000))
        return dt.date.fromordinal(self.rng.randrange(1, dt.date.max.toordinal() + 1))

    def published_line(self) -> str:
        d = self.dct() or dt.date(9999, 12, 31)
        return self.pick(
            (
                f"Published: {d.isoformat()}",
                f"Posted : {d.isoformat()} 23:59",
                f"{_title(self.pick(self.v.months))[:3]}. {d.day}, {d.year:04d}",
                f"Updated: {d.year:04d}-{d.month:02d}-{d.day:02d}",
                "Published: 9999-12-31",
                "Jan. 1, 0001",
                "Published: 0000-00-00",
                f"SEOUL, {d:%b}. {d.day}, {d.year:04d} (Yonhap) --",
            )
        )

    def article_text(self) -> str:
        """A small article: perhaps a publication line at the edge of the calendar, a
        headline, and a few paragraphs of generated sentences about events."""
        lines = []
        if self.rng.random() < 0.6:
            lines.append(self.published_line())
        lines.append(
            f"{self.pick(self.v.people)} {self.pick(self.v.triggers)} in {self.pick(self.v.places)}"
        )
        lines.append("")
        for _ in range(self.rng.randrange(1, 4)):
            sents = []
            for _ in range(self.rng.randrange(1, 4)):
                s = self.sentence()
                sents.append(s if s.endswith((".", "?")) else s + ".")
            lines.append(" ".join(sents))
            lines.append("")
        return "\n".join(lines)

    def published(self) -> Published | None:
        """A publication date to force on an article (ingest only reads years 1800-2200):
        None keeps what ingest read."""
        if self.rng.random() < 0.5:
            return None
        d = self.dct()
        if d is None:
            return Published()
        source = self.pick(("stamp", "metadata", "dateline", "repost", "inferred"))
        return Published(d, source, self.pick((0.95, 0.6, 0.3)), d.isoformat())

    def file_name(self) -> bytes:
        """A hostile file name (bytes: it may not be valid UTF-8)."""
        stem = self.pick(
            (
                "<b>bold<b>",
                "<img src=x onerror=alert(1)>",
                "<script>alert(1)<\\script>",
                "=1+2",
                "@SUM(A1)",
                "-rf",
                "a\nb",
                "tab\there",
                "x" * self.rng.randrange(150, 240),
                "Ω≈ç√",
                "한국어",
                "..hidden.",
                " space ",
                "quote'\"",
                "back\\slash",
                "%s%n%x",
                "\u202eevil",
                "nul\x01ctl",
            )
        ).encode("utf-8", "surrogateescape")
        if self.rng.random() < 0.3:
            stem += bytes([self.rng.randrange(0x80, 0x100)]) + b"\xff\xfe"
        return stem[:200] + self.pick((b".txt", b".html", b".TXT", b""))


# -- checks ----------------------------------------------------------------------------------
def check_date(d: DateValue | None, what: str) -> list[str]:
    if d is None:
        return []
    if not (isinstance(d.start, dt.date) and isinstance(d.end, dt.date)):
        return [f"{what}: date is not a calendar date: {d!r}"]
    if d.start > d.end:
        return [f"{what}: date starts after it ends: {d.start} > {d.end}"]
    return []


def check_timexes(text: str, timexes: Sequence[Timex]) -> list[str]:
    """Offsets index ``text``, spans are sorted and disjoint, values are TIMEX3 values
    inside the calendar, dates are proper spans."""
    out: list[str] = []
    last_end = 0
    for t in timexes:
        where = f"timex {t.text!r} [{t.start}:{t.end}] = {t.value!r}"
        if not 0 <= t.start < t.end <= len(text):
            out.append(f"{where}: offsets out of range (text length {len(text)})")
        elif text[t.start : t.end] != t.text:
            out.append(f"{where}: text[start:end] is {text[t.start : t.end]!r}")
        if t.start < last_end:
            out.append(f"{where}: overlaps or precedes the previous expression")
        last_end = max(last_end, t.end)
        if t.type not in TIMEX_TYPES:
            out.append(f"{where}: type {t.type!r}")
        if not is_valid_value(t.value):
            out.append(f"{where}: not a TIMEX3 value")
        if not in_calendar(t.value):
            out.append(f"{where}: outside the calendar")
        out += check_date(t.date, where)
    return out


def check_corpus(corpus: Corpus) -> list[str]:
    """No guarded stage failed (an error with a stage is a crash), every mention's sentence
    and time expression index its article's body, every date is a proper span."""
    out = [f"stage {e.stage!r} failed: {e.message}" for e in corpus.errors if e.stage]
    bodies = {a.id: a for a in corpus.articles}
    for a in corpus.articles:
        p = a.published.value
        if p is not None and not isinstance(p, dt.date):
            out.append(f"article {a.id}: published {p!r}")
    for ev in corpus.events:
        out += check_date(ev.date, f"event {ev.title!r}")
        for m in ev.mentions:
            art = bodies.get(m.article)
            body = art.text_of(m.field) if art is not None else None
            if body is None:
                out.append(f"event {ev.title!r}: mention of unknown article {m.article!r}")
                continue
            if body[m.sentence_start : m.sentence_end] != m.sentence:
                out.append(
                    f"event {ev.title!r}: body[{m.sentence_start}:{m.sentence_end}] is not "
                    f"its sentence {m.sentence[:60]!r}"
                )
            tx = m.timex
            if tx is not None:
                if body[tx.start : tx.end] != tx.text:
                    out.append(
                        f"event {ev.title!r}: timex {tx.text!r} not at [{tx.start}:{tx.end}]"
                    )
                out += check_date(tx.date, f"event {ev.title!r} timex {tx.text!r}")
            out += check_date(m.date, f"event {ev.title!r} mention")
    return out


def _through_pipeline(art: Any) -> list[str]:
    """``art`` through ``tag`` (against its publication date when trusted) and through the
    whole pipeline (``build_corpus([art])``)."""
    from nktimeline.events.extract import trusted_date
    from nktimeline.pipeline import build_corpus
    from nktimeline.temporal import tag

    problems = check_timexes(art.body, tag(art.body, trusted_date(art)))
    return problems + check_corpus(build_corpus([art]))


def _article(text: str, name: str, pub: Published | None) -> Any:
    """The article ingest makes of ``text`` (None when refused), its publication date
    forced to ``pub`` unless None (ingest reads only years 1800-2200)."""
    from nktimeline.ingest import IngestError, article_from_bytes

    try:
        art = article_from_bytes(text.encode("utf-8", "surrogateescape"), name)
    except IngestError:
        return None
    return art if pub is None else dataclasses.replace(art, published=pub)


def run_sentence(g: Grammar) -> tuple[str, list[str]]:
    """One generated sentence (or three) through ``tag(text, dct)`` around a random or
    edge publication date, then the same text as an article published that day (undated
    when there is none) through the whole pipeline.  Returns (what was tried, problems)."""
    from nktimeline.temporal import tag

    text = g.sentence() if g.rng.random() < 0.8 else " ".join(g.sentence() for _ in range(3))
    dct = g.dct()
    problems = check_timexes(text, tag(text, dct))
    art = _article(text, "x.txt", Published(dct, "stamp", 0.95) if dct else Published())
    if art is not None:
        problems += _through_pipeline(art)
    return f"dct={dct} {text!r}", problems


def run_article(g: Grammar) -> tuple[str, list[str]]:
    """A generated article (perhaps with a publication line at the edge of the calendar)
    through ingest, ``tag`` and the whole pipeline; half of the time its publication date
    is forced to a random or edge date.  Returns (what was tried, problems)."""
    text = g.article_text()
    art = _article(text, "x.txt", g.published())
    if art is None:
        return text, []
    return f"{art.published!r}\n{text}", _through_pipeline(art)


def run_corpus(g: Grammar) -> tuple[str, list[str]]:
    """Two to four articles sharing sentences (so their events merge, dissent and date
    the undated ones) through ``build_corpus``.  Returns (texts, problems)."""
    from nktimeline.pipeline import build_corpus

    shared = [g.sentence() for _ in range(3)]
    arts, texts = [], []
    for i in range(g.rng.randrange(2, 5)):
        text = g.article_text() + "\n\n" + " ".join(s.rstrip(".") + "." for s in shared)
        art = _article(text, f"a{i}.txt", g.published())
        if art is not None:
            arts.append(art)
            texts.append(f"{art.published!r}\n{text}")
    return "\n----\n".join(texts), check_corpus(build_corpus(arts))


def run_layout(g: Grammar) -> tuple[str, list[str]]:
    """Axis ticks, clustering and row stacking (``nktimeline.layout``) for a view at a
    random place of the calendar, the edges included."""
    from nktimeline import layout

    last = dt.date.max.toordinal()
    centre = g.pick((1.0, float(last), 0.0, last + 1000.0, 737000.0, -50.0))
    centre += g.rng.uniform(-5000, 5000)
    width = 10 ** g.rng.uniform(-1, 6.5)
    d0, d1 = centre - width / 2, centre + width / 2
    ppd = min(10 ** g.rng.uniform(-5, 3), 4000 / width)  # a view 4000 pixels wide at most
    what = f"ticks({d0}, {d1}, {ppd})"
    minor, major = layout.ticks(d0, d1, ppd)
    out = [f"{what}: tick {t} outside the calendar" for t in minor + major if t.day < 1]
    starts = sorted(g.rng.uniform(d0, d1) for _ in range(20))
    layout.cluster(starts, d0, d1, max(width / 50, 1e-3))
    layout.stack([(s, s + g.rng.uniform(0, width / 10)) for s in starts], max_rows=5)
    return what, out


def run_files(g: Grammar, folder: str) -> tuple[str, list[str]]:
    """A few files with hostile names (markup, formula, control characters, very long,
    bytes that are not UTF-8) through ``load_corpus`` on a folder, and the JSON and CSV
    exports of the result.  Returns (names, problems)."""
    import os

    from nktimeline.export import write_csv, write_json
    from nktimeline.pipeline import load_corpus

    base = os.fsencode(folder)
    sub = os.path.join(base, b"in")
    os.makedirs(sub, exist_ok=True)
    names = []
    for i in range(g.rng.randrange(1, 4)):
        name = b"%d" % i + g.file_name()  # unique, under the 255-byte limit
        body = g.article_text().encode() if g.rng.random() < 0.8 else g.rng.randbytes(64)
        with open(os.path.join(sub, name), "wb") as fh:
            fh.write(body)
        names.append(name)
    try:
        corpus = load_corpus([os.fsdecode(sub)])
        out = check_corpus(corpus)
        write_json(corpus, os.path.join(folder, "out.json"))
        write_csv(corpus, os.path.join(folder, "out.csv"))
    finally:
        for name in names:
            os.unlink(os.path.join(sub, name))
    return repr(names), out
