"""Resolution of periods: quarters, "a year ago" shifts, seasons and holidays.

A mixin of ``Resolver`` (``resolver.py``): business news dates results by quarter, so the
quarter a story reports (the most mentioned one) anchors "the quarter", "the latest
period" and "a year earlier" nearby.  ``pick`` chooses among calendar points by tense.
"""

from __future__ import annotations

import datetime as dt
import re

from nktimeline.temporal.finder import Candidate
from nktimeline.temporal.lexicon import lexicon
from nktimeline.temporal.tense import alt_words
from nktimeline.temporal.values import (
    add_months,
    century_value,
    decade_value,
    easter,
    iso_week,
    nth_weekday,
    quarter_of,
)

CONF_STATED = 0.95
CONF_RELATIVE = 0.8
CONF_VAGUE = 0.7

_QUARTER_WORD = re.compile(rf"\b{alt_words('quarter_context_words')}\b", re.I)


def pick(
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


class PeriodResolver:
    """Quarter, year-shift, season and holiday resolution (mixed into ``Resolver``)."""

    text: str
    dct: dt.date | None
    ref_quarter: tuple[int, int] | None
    _quarter_counts: dict[tuple[int, int], int]

    def tense(self, c: Candidate) -> str:  # provided by Resolver
        raise NotImplementedError

    def _note_quarter(self, value: str) -> None:
        if len(value) == 7 and value[5] == "Q" and value[6].isdigit() and value[:4].isdigit():
            key = (int(value[:4]), int(value[6]))
            if self.dct is not None and abs(key[0] - self.dct.year) > 1:
                return  # a historical quarter is not the one being reported
            self._quarter_counts[key] = self._quarter_counts.get(key, 0) + 1
            # the quarter the story is about: the most mentioned so far (ties: the first)
            self.ref_quarter = max(self._quarter_counts, key=self._quarter_counts.__getitem__)

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
            if unit != "Y" or n * 12 != int(n * 12):
                return None  # "half a day ago": no calendar value of its own
            n, unit = n * 12, "M"  # "half a year ago": six months
        n = int(n)
        upto = bool(c.f.get("upto")) and n < 0  # "less than two weeks ago": since then
        if unit == "D":
            end = dct.isoformat() if upto else None
            return (dct + dt.timedelta(days=n)).isoformat(), end, CONF_RELATIVE
        if unit in ("W", "WE"):
            end = iso_week(dct) if upto else None
            return iso_week(dct + dt.timedelta(weeks=n)), end, CONF_RELATIVE
        if unit == "M":
            y, m = add_months(dct.year, dct.month, n)
            end = f"{dct.year:04d}-{dct.month:02d}" if upto else None
            return f"{y:04d}-{m:02d}", end, CONF_RELATIVE
        if unit == "Q":
            return self._quarter_shift(dct.year, quarter_of(dct), n), None, CONF_RELATIVE
        if unit == "DE":
            return decade_value(dct.year + 10 * n), None, CONF_VAGUE
        if unit == "CE":
            return century_value(dct.year + 100 * n), None, CONF_VAGUE
        return None

    def _quarter_context(self, c: Candidate) -> bool:
        """Is a quarter being discussed right here (this or the two previous sentences)?"""
        return bool(_QUARTER_WORD.search(self.text, max(0, c.start - 400), c.end + 60))

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
        if mode == "yago":
            y, q = self.ref_quarter or (dct.year, quarter_of(dct))
            return f"{y - 1:04d}-Q{q}", None, CONF_VAGUE
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
            d = pick(starts, dct, self.tense(c))
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
                d = pick(opts, dct, self.tense(c))
        return (d.isoformat(), None, CONF_RELATIVE) if d else None


def _season_span(code: str) -> tuple[int, ...]:
    a, b = lexicon()["season_months"][code]
    if a <= b:
        return tuple(range(a, b + 1))
    return tuple(range(a, 13)) + tuple(range(1, b + 1))
