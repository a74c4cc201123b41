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
from functools import lru_cache

from nktimeline.model import Timex
from nktimeline.temporal.finder import Candidate, prev_word
from nktimeline.temporal.lexicon import alt, lexicon
from nktimeline.temporal.values import (
    add_months,
    date_value,
    easter,
    iso_week,
    nth_weekday,
    quarter_of,
)

CONF_STATED = 0.95
CONF_RELATIVE = 0.8
CONF_VAGUE = 0.7


@lru_cache(maxsize=1)
def _tense_re() -> re.Pattern[str]:
    t = lexicon()["tense"]
    return re.compile(
        rf"(?<![\w'])(?:(?P<fut>{alt(t['future'])})|(?P<past>{alt(t['past'])})"
        rf"|(?P<pres>{alt(t['present'])})|(?P<ed>[a-z]{{3,}}ed))\b",
        re.I,
    )


_QUARTER_WORD = re.compile(r"\bquarter|\bperiod\b", re.I)
_PAST_AUX = re.compile(r"\b(?:had|had\s+been|was|were)\s+(?:\w+ly\s+)?$", re.I)
_ADJ_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|still|very|most|more|less|"
                         r"previously|recently|newly|already|much|well)\s+$", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|'ll|to|shall|could|should|may|might)\s+(?:not\s+)?"
                           r"(?:be|have\s+been|been)?\s*$", re.I)


_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'‘(]?[A-Z])|\n")


def tense_at(text: str, start: int, end: int) -> str:
    """``past`` / ``future`` / ``present`` for the clause around text[start:end]."""
    lo = max(0, start - 250)
    hi = min(len(text), end + 200)
    a = lo
    for m in _SENT_END.finditer(text, lo, min(len(text), start + 2)):
        a = m.end()
    m2 = _SENT_END.search(text, end, hi)
    b = m2.start() if m2 else hi
    best: tuple[int, str] | None = None
    for m in _tense_re().finditer(text, a, b):
        if start <= m.start() < end:
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        kind = m.lastgroup or ""
        if m.start() >= end:
            dist += 15  # the governing verb usually comes before the expression
        if kind == "ed":
            if _ADJ_BEFORE.search(text, max(a, m.start() - 12), m.start()):
                continue  # "a still unspecified date": an adjective, not a verb
            dist += 12  # a bare -ed word is weaker evidence than a listed cue
        if kind in ("ed", "past") and _MODAL_BEFORE.search(text, max(a, m.start() - 25), m.start()):
            kind = "fut"  # "will be paid", "to be completed"
        elif kind == "fut" and _PAST_AUX.search(text, max(a, m.start() - 25), m.start()):
            kind = "past"  # "had been scheduled to", "was to"
        tense = {"fut": "future", "pres": "present"}.get(kind, "past")
        if best is None or dist < best[0]:
            best = (dist, tense)
    return best[1] if best is not None else "present"


def _pick(
    options: list[dt.date], dct: dt.date, tense: str, inclusive: bool = True, slack: int = 0
) -> dt.date:
    """Choose among candidate calendar points by tense.

    ``slack`` days: a point that close to the DCT on the "wrong" side still wins over one
    a year away (a past-tense clause about a date a few days after publication is usually
    about a scheduled event, not about last year)."""
    if slack:
        near = [d for d in options if abs((d - dct).days) <= slack]
        if near:
            return min(near, key=lambda d: abs((d - dct).days))
    if tense == "past":
        past = [d for d in options if d <= dct] if inclusive else [d for d in options if d < dct]
        if past:
            return max(past)
    elif tense == "future":
        fut = [d for d in options if d >= dct] if inclusive else [d for d in options if d > dct]
        if fut:
            return min(fut)
    return min(options, key=lambda d: (abs((d - dct).days), d < dct))


class Resolver:
    """Resolves the candidates of one document in order (keeps the last quarter mentioned)."""

    def __init__(self, text: str, dct: dt.date | None) -> None:
        self.text = text
        self.dct = dct
        self.ref_quarter: tuple[int, int] | None = None
        self._quarter_counts: dict[tuple[int, int], int] = {}
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
        return self.tense(c)

    # -- per kind -------------------------------------------------------------------------
    def resolve(self, c: Candidate) -> Timex:
        dct = self.dct
        if c.kind == "abs":
            value = c.value
            dv = date_value(value, "stated", CONF_STATED, c.f.get("end_value"))
            if c.type in ("DURATION", "SET"):
                dv = None
            self._note_quarter(value)
            self._note_date(dv)
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, dv, False)
        if c.kind == "vague":
            value = c.value
            if self.tense(c) == "future":
                value = "FUTURE_REF"
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, None, False)
        if dct is None and c.kind != "anaph":
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, c.value, None, False)
        fn = getattr(self, "_r_" + c.kind)
        out = fn(c, dct)  # type: ignore[arg-type]
        if out is None:
            return Timex(c.start, c.end, self.text[c.start : c.end], c.type, c.value, None, False)
        value, end_value, conf = out
        if c.kind == "quarter" or (c.kind == "qref" and c.f.get("mode") == "rel"):
            self._note_quarter(value)
        dv = date_value(value, "relative", conf, end_value)
        if c.kind in ("md", "weekday", "relday", "month", "time"):
            self._note_date(dv)
        anchored = c.kind != "anaph"  # anaphors hang on the text's own dates
        return Timex(c.start, c.end, self.text[c.start : c.end], c.type, value, dv, anchored)

    def _note_date(self, dv) -> None:
        if dv is not None and dv.granularity in ("day", "month", "year") and not dv.is_range:
            self.last_date, self.last_gran = dv.start, dv.granularity

    def _r_anaph(self, c: Candidate, dct: dt.date | None):
        unit, off = c.f["unit"], c.f["off"]
        ref, gran = self.last_date, self.last_gran
        if ref is None:
            return None
        if unit == "year":
            return f"{ref.year + off:04d}", None, CONF_VAGUE
        if unit == "month" and gran in ("day", "month"):
            y, m = add_months(ref.year, ref.month, off)
            return f"{y:04d}-{m:02d}", None, CONF_VAGUE
        if unit == "day" and gran == "day":
            return (ref + dt.timedelta(days=off)).isoformat(), None, CONF_VAGUE
        return None

    def _note_quarter(self, value: str) -> None:
        if len(value) == 7 and value[5] == "Q" and value[6].isdigit() and value[:4].isdigit():
            key = (int(value[:4]), int(value[6]))
            self._quarter_counts[key] = self._quarter_counts.get(key, 0) + 1
            # the quarter the story is about: the most mentioned so far (ties: the first)
            self.ref_quarter = max(self._quarter_counts, key=self._quarter_counts.__getitem__)

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
        d = _pick(opts, dct, tense, slack=7)
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
            d = _pick(firsts, here, self.date_tense(c))
        return f"{d.year:04d}-{d.month:02d}", None, CONF_RELATIVE

    def _r_weekday(self, c: Candidate, dct: dt.date):
        f = c.f
        wd = f["wd"]
        back = dct - dt.timedelta(days=(dct.isoweekday() - wd) % 7)
        fwd = dct + dt.timedelta(days=(wd - dct.isoweekday()) % 7)
        mod = f.get("mod")
        if mod == -1:
            d = back if back < dct else back - dt.timedelta(days=7)
        elif mod == 1:
            d = fwd if fwd > dct else fwd + dt.timedelta(days=7)
        else:
            tense = self.tense(c)
            if tense == "present":  # news reports mostly look back
                tense = "future" if f.get("this") else "past"
            d = _pick([back, fwd], dct, tense)
        if f.get("weekend"):
            return iso_week(d) + "-WE", None, CONF_RELATIVE
        value = d.isoformat()
        if "part" in f:
            value += "T" + f["part"]
        return value, None, CONF_RELATIVE

    def _r_relday(self, c: Candidate, dct: dt.date):
        d = dct + dt.timedelta(days=c.f["off"])
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
            return f"{dct.year + off:04d}", None, CONF_RELATIVE
        if unit == "month":
            y, m = add_months(dct.year, dct.month, off)
            return f"{y:04d}-{m:02d}", None, CONF_RELATIVE
        if unit in ("week", "weekend"):
            d = dct + dt.timedelta(weeks=off)
            return iso_week(d) + ("-WE" if unit == "weekend" else ""), None, CONF_RELATIVE
        if unit == "quarter":
            return self._quarter_shift(dct.year, quarter_of(dct), off), None, CONF_RELATIVE
        if unit == "decade":
            return f"{dct.year // 10 + off:03d}", None, CONF_VAGUE
        if unit == "century":
            return f"{dct.year // 100 + off:02d}", None, CONF_VAGUE
        return None

    @staticmethod
    def _quarter_shift(year: int, q: int, off: int) -> str:
        idx = year * 4 + (q - 1) + off
        return f"{idx // 4:04d}-Q{idx % 4 + 1}"

    def _r_ago(self, c: Candidate, dct: dt.date):
        n, unit = c.f["n"], c.f["unit"]
        if unit == "Y" and n == int(n):
            if self.ref_quarter and abs(n) == 1 and self._quarter_context(c):
                y, q = self.ref_quarter
                return f"{y + int(n):04d}-Q{q}", None, CONF_VAGUE
            return f"{dct.year + int(n):04d}", None, CONF_RELATIVE
        if n != int(n):
            return None
        n = int(n)
        if unit == "D":
            return (dct + dt.timedelta(days=n)).isoformat(), None, CONF_RELATIVE
        if unit in ("W", "WE"):
            return iso_week(dct + dt.timedelta(weeks=n)), None, CONF_RELATIVE
        if unit == "M":
            y, m = add_months(dct.year, dct.month, n)
            return f"{y:04d}-{m:02d}", None, CONF_RELATIVE
        if unit == "Q":
            return self._quarter_shift(dct.year, quarter_of(dct), n), None, CONF_RELATIVE
        if unit == "DE":
            return f"{(dct.year + 10 * n) // 10:03d}", None, CONF_VAGUE
        if unit == "CE":
            return f"{(dct.year + 100 * n) // 100:02d}", None, CONF_VAGUE
        return None

    def _quarter_context(self, c: Candidate) -> bool:
        """Is a quarter being discussed right here (this or the previous sentence)?"""
        return bool(_QUARTER_WORD.search(self.text, max(0, c.start - 350), c.end + 60))

    def _r_yref(self, c: Candidate, dct: dt.date):
        if self.ref_quarter and self._quarter_context(c):
            y, q = self.ref_quarter
            return f"{y - 1:04d}-Q{q}", None, CONF_VAGUE
        return f"{dct.year - 1:04d}", None, CONF_VAGUE

    def _r_quarter(self, c: Candidate, dct: dt.date):
        code = c.f["code"]
        if c.f.get("yoff") is not None:
            return f"{dct.year + c.f['yoff']:04d}-{code}", None, CONF_RELATIVE
        n = int(code[1])
        cur = quarter_of(dct) if code[0] == "Q" else (dct.month - 1) // 6 + 1
        year = dct.year
        if n > cur and self.tense(c) == "past":
            year -= 1
        return f"{year:04d}-{code}", None, CONF_RELATIVE

    def _r_qref(self, c: Candidate, dct: dt.date):
        mode = c.f["mode"]
        if mode == "rel":
            return self._quarter_shift(dct.year, quarter_of(dct), c.f["off"]), None, CONF_RELATIVE
        if mode == "year":
            if self.ref_quarter:
                return f"{c.f['year']:04d}-Q{self.ref_quarter[1]}", None, CONF_VAGUE
            return f"{c.f['year']:04d}", None, CONF_VAGUE
        if self.ref_quarter:
            y, q = self.ref_quarter
            return f"{y:04d}-Q{q}", None, CONF_VAGUE
        return self._quarter_shift(dct.year, quarter_of(dct), -1), None, CONF_VAGUE

    def _r_season(self, c: Candidate, dct: dt.date):
        f = c.f
        code = f["code"]
        start_month = lexicon()["season_months"][code][0]
        if "yoff" in f:
            return f"{dct.year + f['yoff']:04d}-{code}", None, CONF_RELATIVE
        # the season containing/near the DCT, identified by its start
        cur_year = dct.year - (1 if code == "WI" and dct.month < 3 else 0)
        starts = [dt.date(y, start_month, 1) for y in (cur_year - 1, cur_year, cur_year + 1)]
        mod = f.get("mod")
        this = dt.date(cur_year, start_month, 1)
        if f.get("the") and mod is None:
            d = this
        elif mod == -1:
            d = max(s for s in starts if s < this) if this > dct else this
            if this <= dct and dct.month not in _season_span(code):
                d = this
            elif this <= dct:
                d = dt.date(this.year - 1, start_month, 1)
        elif mod == 1:
            d = min(s for s in starts if s > dct)
        elif mod == 0:
            d = this
        else:
            d = _pick(starts, dct, self.tense(c))
            if self.tense(c) == "present" and dct.month in _season_span(code):
                d = this
        return f"{d.year:04d}-{code}", None, CONF_VAGUE

    def _r_holiday(self, c: Candidate, dct: dt.date):
        f = c.f

        def on(year: int) -> dt.date | None:
            if f["fixed"]:
                return dt.date(year, *f["fixed"])
            rule = f["rule"]
            if not rule:
                return None
            if rule[1] == "easter":
                return easter(year) + dt.timedelta(days=rule[0])
            return nth_weekday(year, rule[0], rule[1], rule[2])

        if "year" in f:
            d = on(f["year"])
        else:
            opts = [x for x in (on(y) for y in (dct.year - 1, dct.year, dct.year + 1)) if x]
            if not opts:
                return None
            mod = f.get("mod")
            if mod == -1:
                d = max(x for x in opts if x < dct)
            elif mod == 1:
                d = min(x for x in opts if x > dct)
            else:
                d = _pick(opts, dct, self.tense(c))
        return (d.isoformat(), None, CONF_RELATIVE) if d else None


@lru_cache(maxsize=2)
def _future_leads(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


def _season_span(code: str) -> tuple[int, ...]:
    a, b = lexicon()["season_months"][code]
    if a <= b:
        return tuple(range(a, b + 1))
    return tuple(range(a, 13)) + tuple(range(1, b + 1))


def resolve(cands: list[Candidate], text: str, dct: dt.date | None) -> list[Timex]:
    """Timexes for the candidates of ``text`` anchored on ``dct`` (None: stay unresolved)."""
    r = Resolver(text, dct)
    return [r.resolve(c) for c in cands]
