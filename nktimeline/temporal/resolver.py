"""Anchor underspecified candidates on the document creation time (DCT).

The direction of an expression without its own year ("Wednesday", "June 12", "February")
comes from the tense of its sentence: past -> the most recent such day/month on or before
the DCT, future -> the next one on or after it, undecided -> the nearest.  Without a DCT
values stay underspecified (``XXXX-WXX-3``) and ``Timex.date`` stays ``None``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from nktimeline.guard import checkpoint
from nktimeline.model import Timex
from nktimeline.temporal.finder import CHECK_EVERY, Candidate, prev_word
from nktimeline.temporal.lexicon import alt, lexicon, words
from nktimeline.temporal.periods import (
    CONF_RELATIVE,
    CONF_STATED,
    CONF_VAGUE,
    PeriodResolver,
    pick,
)
from nktimeline.temporal.tense import SENT_END, alt_words, tense_at
from nktimeline.temporal.values import (
    add_months,
    century_value,
    date_value,
    decade_value,
    in_calendar,
    iso_week,
    quarter_of,
)

CONF_NARRATIVE = 0.6  # a year taken from the text's last date, with no publication date

_COMPARE = re.compile(rf"\b{alt_words('comparison_markers')}(?![\w])[^.;]*$", re.I)
_INFINITIVE = re.compile(
    rf"\b{alt_words('intent_words')}\s+to\s+[a-z]+\b(?:[^.;:!?]|\.(?!\s+[A-Z]))*$"
)


@lru_cache(maxsize=1)
def _governing_leads() -> frozenset[str]:
    """Words that make a following bare year an adverbial (resources/temporal/context.json)."""
    from nktimeline.temporal.lexicon import context

    return frozenset(context()["governing_year_leads"])


_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|when|while|but|although|since|until)\b|;", re.I)


class Resolver(PeriodResolver):
    """Resolves the candidates of one document in order (keeps the last quarter mentioned)."""

    def __init__(self, text: str, dct: dt.date | None) -> None:
        self.text = text
        self.dct = dct
        self.ref_quarter: tuple[int, int] | None = None
        self._quarter_counts: dict[tuple[int, int], int] = {}
        self._years: list[tuple[int, int]] = []  # (end offset, year) of stated years
        self.last_date: dt.date | None = None  # the last specific day/month/year mentioned
        self.last_gran = ""

    def tense(self, c: Candidate) -> str:
        return tense_at(self.text, c.start, c.end)

    def date_tense(self, c: Candidate) -> str:
        """Tense for a calendar date: a deadline word right before it ("until", "effective",
        "payable") overrides the clause's verb, and the nearest occurrence is taken."""
        pw = prev_word(self.text, c.start)
        if pw in _future_leads("future_leads_strong"):
            return "future"
        if pw in _future_leads("future_leads"):
            return "present"
        tense = self.tense(c)
        if tense == "past" and _INFINITIVE.search(self.text, max(0, c.start - 120), c.start):
            return "future"  # "agreed to buy the unit in February": later than the agreement
        return tense

    # -- per kind -------------------------------------------------------------------------
    def resolve(self, c: Candidate) -> Timex | None:
        dct = self.dct
        if c.kind == "abs":
            value = c.value
            if not in_calendar(value):
                return None  # "the year 0000": no date of the supported calendar
            dv = date_value(value, "stated", CONF_STATED, c.f.get("end_value"))
            if c.type in ("DURATION", "SET"):
                dv = None
            self._note_quarter(value)
            self._note_date(dv)
            if (
                c.type == "DATE"
                and _YEAR_VALUE.match(value)
                and dv is not None
                and prev_word(self.text, c.start) in _governing_leads()
            ):
                self._years.append((c.end, int(value[:4])))
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, dv, False)
        if c.kind == "vague":
            value = c.value
            if self.tense(c) == "future":
                value = "FUTURE_REF"
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, None, False)
        if c.kind in ("md", "month") and not (c.f.get("mod") or c.f.get("this") or "yoff" in c.f):
            year = self._sentence_year(c)
            if year is not None:
                t = self._with_year(c, year)
                if t is not None:
                    return t
        if (
            dct is None
            and c.kind in ("md", "month")
            and self.last_date is not None
            and not (c.f.get("mod") or c.f.get("this") or "yoff" in c.f)
        ):
            # no publication date: the text's own last date tells the year (a chronology
            # goes on from it: "On 17 October 2019 ... then held on 12 December")
            t = self._with_year(
                c,
                self._narrative_year(c),
                "relative",
                CONF_NARRATIVE,
                f"year of the text's last date ({self.last_date.isoformat()})",
            )
            if t is not None:
                return t
        if dct is None and c.kind != "anaph":
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, c.value, None, False)
        out = self._anchor(c, dct)
        if out is None:
            if c.kind == "anaph":
                return None  # "that day" with no date before it: generic, not a timex
            # no calendar value ("half a year ago", Feb. 29 with no leap year near the
            # anchor, a shift past year 9999): the expression stays underspecified
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, c.value, None, False)
        value, end_value, conf = out
        if c.kind == "quarter" or (c.kind == "qref" and c.f.get("mode") == "rel"):
            self._note_quarter(value)
        dv = date_value(value, "relative", conf, end_value)
        if c.kind in ("md", "weekday", "relday", "month", "time") and not c.f.get("story"):
            self._note_date(dv)
        anchored = c.kind != "anaph"  # anaphors hang on the text's own dates
        return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, dv, anchored)

    def _anchor(self, c: Candidate, dct: dt.date | None) -> tuple[str, str | None, float] | None:
        """(value, end value, confidence) of a relative candidate, or None when it has no
        value in the supported calendar.  Date arithmetic is total: a step past year 1 or
        9999 (``OverflowError``/``ValueError`` from ``datetime``) means "no value"."""
        try:
            out = getattr(self, "_r_" + c.kind)(c, dct)
        except (OverflowError, ValueError):
            return None
        if out is None or not in_calendar(out[0]):
            return None
        value, end_value, conf = out
        if end_value is not None and not in_calendar(end_value):
            end_value = None
        return value, end_value, conf

    def _sentence_year(self, c: Candidate) -> int | None:
        """A year stated earlier in the same sentence ("In 2018, ... April 27")."""
        if not self._years:
            return None
        end, year = self._years[-1]
        if c.start - end > 150 or SENT_END.search(self.text, end, c.start):
            return None
        if _CLAUSE_BREAK.search(self.text, end, c.start):
            return None  # "approved in 1987 that ... through Sept. 29": another clause
        return year

    def _narrative_year(self, c: Candidate) -> int:
        """The year that puts a month (and day) nearest the text's last date, a step back
        counting twice a step forward (a chronology mostly goes on: "in March 2019 ... until
        April, and then later October"); within the year when that date is a year ("In
        2019 ... in July")."""
        ref = self.last_date
        assert ref is not None
        if self.last_gran == "year":
            return ref.year
        month, day = c.f["mon"], min(c.f.get("d1") or 15, 28)

        def cost(y: int) -> int:
            gap = (dt.date(y, month, day) - ref).days
            return gap if gap >= 0 else -2 * gap

        years = [y for y in (ref.year, ref.year + 1, ref.year - 1) if dt.MINYEAR <= y <= dt.MAXYEAR]
        return min(years, key=cost)

    def _with_year(
        self,
        c: Candidate,
        year: int,
        source: str = "stated",
        confidence: float = 0.9,
        note: str = "year from the sentence",
    ) -> Timex | None:
        f = c.f
        try:
            if c.kind == "month":
                value, end_value = f"{year:04d}-{f['mon']:02d}", None
            else:
                value = dt.date(year, f["mon"], f["d1"]).isoformat()
                end_value = None
                if "d2" in f:
                    y2 = year + (1 if f["mon2"] < f["mon"] else 0)
                    end_value = dt.date(y2, f["mon2"], f["d2"]).isoformat()
        except ValueError:
            return None
        dv = date_value(value, source, confidence, end_value, note=note)
        self._note_date(dv)
        return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, dv, False)

    def _note_date(self, dv) -> None:
        """Remember the last single day / month / year the text mentioned (not ranges)."""
        if dv is None or dv.granularity not in ("day", "month", "year"):
            return
        a, b = dv.start, dv.end
        if dv.granularity == "day" and a == b:
            gran = "day"
        elif dv.granularity in ("day", "month") and (a.year, a.month) == (b.year, b.month):
            gran = "month"  # "Feb. 27-28": the month the range lies in
        elif a.year == b.year:
            gran = "year"
        else:
            return
        self.last_date, self.last_gran = a, gran

    def _r_daypart(self, c: Candidate, dct: dt.date):
        day = self.last_date if self.last_gran == "day" and self.last_date else dct
        return f"{day.isoformat()}T{c.f['part']}", None, CONF_VAGUE

    def _r_anaph(self, c: Candidate, dct: dt.date | None):
        unit, off = c.f["unit"], c.f["off"]
        ref, gran = self.last_date, self.last_gran
        if c.f.get("dct") and dct is not None and (ref is None or gran != "day"):
            ref, gran = dct, "day"
        if ref is None:
            return None
        if unit == "same":
            value = {"day": ref.isoformat(), "month": ref.isoformat()[:7]}.get(gran)
            return (value or f"{ref.year:04d}"), None, CONF_VAGUE
        if unit == "year":
            return f"{ref.year + off:04d}", None, CONF_VAGUE
        if unit == "month" and gran in ("day", "month"):
            y, m = add_months(ref.year, ref.month, off)
            return f"{y:04d}-{m:02d}", None, CONF_VAGUE
        if unit == "day" and gran == "day":
            return (ref + dt.timedelta(days=off)).isoformat(), None, CONF_VAGUE
        return None

    def _r_md(self, c: Candidate, dct: dt.date):
        f = c.f
        opts = []
        for y in (dct.year - 1, dct.year, dct.year + 1):
            with contextlib.suppress(ValueError):  # Feb. 29
                opts.append(dt.date(y, f["mon"], f["d1"]))
        if not opts:
            return None
        tense = self.date_tense(c)
        if "wd" in f:  # a stated weekday picks the year
            match = [d for d in opts if d.isoweekday() == f["wd"]]
            if match:
                opts = match
        d = pick(opts, dct, tense, slack=7)
        end_value = None
        if "d2" in f:
            y2 = d.year + (1 if f["mon2"] < f["mon"] else 0)
            try:
                end_value = dt.date(y2, f["mon2"], f["d2"]).isoformat()
            except ValueError:
                end_value = None
        return d.isoformat(), end_value, CONF_RELATIVE

    def _r_month(self, c: Candidate, dct: dt.date):
        f = c.f
        mon = f["mon"]
        if "yoff" in f:
            return f"{dct.year + f['yoff']:04d}-{mon:02d}", None, CONF_RELATIVE
        if f.get("this"):
            return f"{dct.year:04d}-{mon:02d}", None, CONF_RELATIVE
        firsts = [dt.date(y, mon, 1) for y in (dct.year - 1, dct.year, dct.year + 1)]
        here = dt.date(dct.year, dct.month, 1)
        mod = f.get("mod")
        if mod == -1:  # "last February" said in March: a year before
            d = max(x for x in firsts if x < here)
            if (here.year - d.year) * 12 + here.month - d.month <= 1:
                d = d.replace(year=d.year - 1)
        elif mod == 1:
            d = min(x for x in firsts if x > here)
            if (d.year - here.year) * 12 + d.month - here.month <= 1:
                d = d.replace(year=d.year + 1)
        else:
            # the month right after publication is the coming one even in a past-tense
            # sentence ("a cutback in September" written in mid-August), unless a past
            # verb governs it directly ("they met in June" written in May: last year's)
            nxt = dt.date(*add_months(here.year, here.month, 1), 1)
            if nxt.month == mon and not _PAST_VERB_BEFORE.search(
                self.text, max(0, c.start - 40), c.start
            ):
                d = nxt
            else:
                d = pick(firsts, here, self.date_tense(c))
        return f"{d.year:04d}-{d.month:02d}", None, CONF_RELATIVE

    def _r_weekday(self, c: Candidate, dct: dt.date):
        f = c.f
        wd = f["wd"]
        back = dct - dt.timedelta(days=(dct.isoweekday() - wd) % 7)
        fwd = dct + dt.timedelta(days=(wd - dct.isoweekday()) % 7)
        mod = f.get("mod")
        ref = self.last_date if self.last_gran == "day" else None
        if f.get("anaph") and mod and ref is not None:
            # "the previous Friday", "the following Monday": from the day the text is on
            d = ref + dt.timedelta(days=(wd - ref.isoweekday()) % 7 or 7 * mod)
            if mod < 0 and d >= ref:
                d -= dt.timedelta(days=7)
        elif mod == -1:
            d = back if back < dct else back - dt.timedelta(days=7)
        elif mod == 1:
            d = fwd if fwd > dct else fwd + dt.timedelta(days=7)
        else:
            tense = self.tense(c)
            if tense == "present":  # news reports mostly look back ...
                tense = "future" if f.get("this") or self._schedule(c) else "past"
            d = pick([back, fwd], dct, tense)
        if f.get("weekend"):
            return iso_week(d) + "-WE", None, CONF_RELATIVE
        value = d.isoformat()
        if "part" in f:
            value += "T" + f["part"]
        return value, None, CONF_RELATIVE

    def _schedule(self, c: Candidate) -> bool:
        """... unless a present-tense verb governs the weekday ("Arafat and Netanyahu meet
        Monday", "the court rules Friday"): news present with a day name is a schedule."""
        if re.match(r"['’]s\b", self.text[c.end : c.end + 3]):
            return False  # "Friday's trading": a past day named as a possessive
        m = _WORD_BEFORE_WD.search(self.text, max(0, c.start - 40), c.start)
        if m is None:
            return False
        word = m.group(1)
        if not word.islower():
            return False
        stems = (word, word[:-1], word[:-2], word[:-3] + "y") if word.endswith("s") else (word,)
        return any(w in _SCHEDULE_VERBS for w in stems)  # "meets", "rules", "testifies"

    def _r_relday(self, c: Candidate, dct: dt.date):
        base = dct
        ref = self.last_date if self.last_gran == "day" else None
        if c.f.get("story") and ref is not None and 0 < (dct - ref).days <= 7:
            base = ref  # "overnight losses" in a story about Friday: the night before it
        d = base + dt.timedelta(days=c.f["off"])
        value = d.isoformat()
        if c.f.get("part"):
            value += "T" + c.f["part"]
        return value, None, 0.9

    def _r_time(self, c: Candidate, dct: dt.date):
        spec = c.f.get("day")
        day = dct
        if spec:
            sub = Candidate(c.start, c.end, "DATE", spec["kind"], "", dict(spec))
            res = getattr(self, "_r_" + spec["kind"])(sub, dct)
            if res is None:
                return None
            day = dt.date.fromisoformat(res[0][:10])
        return f"{day.isoformat()}T{c.f['t']}", None, CONF_RELATIVE

    def _r_relunit(self, c: Candidate, dct: dt.date):
        unit, off = c.f["unit"], c.f["off"]
        if unit in ("year", "fiscal year", "calendar year"):
            if (
                off == -1
                and self.ref_quarter
                and _COMPARE.search(self.text, max(0, c.start - 80), c.start)
                and self._quarter_context(c)
            ):
                # "compared with $3 million last year" in a quarterly report
                y, q = self.ref_quarter
                return f"{y - 1:04d}-Q{q}", None, CONF_VAGUE
            return f"{dct.year + off:04d}", None, CONF_RELATIVE
        if unit == "month":
            y, m = add_months(dct.year, dct.month, off)
            return f"{y:04d}-{m:02d}", None, CONF_RELATIVE
        if unit == "week?":  # a week of the story: the year is known, the week is not
            return f"{dct.year:04d}-WXX", None, CONF_VAGUE
        if unit in ("week", "weekend"):
            d = dct + dt.timedelta(weeks=off)
            return iso_week(d) + ("-WE" if unit == "weekend" else ""), None, CONF_RELATIVE
        if unit == "quarter":
            return self._quarter_shift(dct.year, quarter_of(dct), off), None, CONF_RELATIVE
        if unit == "decade":
            return decade_value(dct.year + 10 * off), None, CONF_VAGUE
        if unit == "century":
            return century_value(dct.year + 100 * off), None, CONF_VAGUE
        return None


@lru_cache(maxsize=2)
def _future_leads(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


def resolve(cands: list[Candidate], text: str, dct: dt.date | None) -> list[Timex]:
    """Timexes for the candidates of ``text`` anchored on ``dct`` (None: stay unresolved)."""
    r = Resolver(text, dct)
    out: list[Timex] = []
    kinds: list[Candidate] = []
    next_check = 0
    for c in cands:
        if c.start >= next_check:
            checkpoint()
            next_check = c.start + CHECK_EVERY
        t = r.resolve(c)
        if t is not None:
            out.append(t)
            kinds.append(c)
    for i in range(len(out) - 1):  # "2 p.m. on Oct. 10": the clock time is on that day
        if _on_day(kinds[i], out[i + 1], _TIME_THEN_DAY.match(text, out[i].end, out[i + 1].start)):
            out[i] = _at_day(kinds[i], out[i], out[i + 1])
    for i in range(1, len(out)):  # "Sept. 6, 2018 - 15:18", "on Oct. 10 at 2 p.m."
        if _on_day(kinds[i], out[i - 1], _DAY_THEN_TIME.match(text, out[i - 1].end, out[i].start)):
            out[i] = _at_day(kinds[i], out[i], out[i - 1])
    return out


def _on_day(c: Candidate, day: Timex, joined: object) -> bool:
    """Is clock time ``c`` (without a day of its own) said of the full date ``day``?"""
    return bool(
        c.kind == "time"
        and not c.f.get("day")
        and day.type == "DATE"
        and _DAY_VALUE.match(day.value)
        and joined
    )


def _at_day(c: Candidate, t: Timex, day: Timex) -> Timex:
    return replace(t, value=f"{day.value}T{c.f['t']}", date=day.date)


_PAST_VERB_BEFORE = re.compile(
    rf"(?:\b{alt(lexicon()['tense']['past'])}|\b[a-z]{{3,}}ed)\s+(?:[a-z]+ly\s+)?"
    r"(?:(?:in|during|since|until|by|on|from|to)\s+)?(?:(?:early|late|mid)[\s-]+)?$"
)
_WORD_BEFORE_WD = re.compile(r"([A-Za-z]+)(?:\s+[a-z]+ly)?\s+$")
_SCHEDULE_VERBS = words("schedule_verbs")
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")
_YEAR_VALUE = re.compile(r"^\d{4}(?:-|$)")
_DAY_THEN_TIME = re.compile(r"\s*(?:[-–|,]\s*)?(?:at\s+)?$")
_TIME_THEN_DAY = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?,?\s*(?:on\s+)?$")
