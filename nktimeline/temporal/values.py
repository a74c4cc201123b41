"""TIMEX3 value strings: calendar arithmetic, value -> calendar span, and the value grammar."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from nktimeline.model import DateValue

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

VALUE_GRAMMAR = re.compile(
    r"""^(?:
      (?:PAST|PRESENT|FUTURE)_REF
    | PXX  # a duration of unknown length and unit ("a while"; TimeBank writes it so)
    | P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|ML|WE|E|C|L))+
      (?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?
    | PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+
    | (?:\d{2}|\d{3}|\d{4}|X{4}|\d{2}XX|\d{3}X)
      (?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:\d\d|XX))?
            |W(?:\d\d|XX)(?:-(?:[1-7]|WE|X))?
            |Q[1-4X]|H[12X]|SP|SU|FA|WI))?
      (?:T(?:\d\d(?::\d\d)?|MO|AF|EV|NI|MI|DT|XX))?
    )$""",
    re.X,
)


def is_valid_value(value: str) -> bool:
    """True when ``value`` follows the TIMEX3 value grammar used by this tagger."""
    return bool(VALUE_GRAMMAR.match(value))


_OUTSIDE_CALENDAR = re.compile(r"^(?:-|\d{5}|0000)")


def in_calendar(value: str) -> bool:
    """False when ``value`` names a year outside the supported calendar (years 1-9999, as
    ``datetime.date``): a year 0000, a fifth digit, a minus sign."""
    return not _OUTSIDE_CALENDAR.match(value)


def decade_value(year: int) -> str:
    """TIMEX3 decade of ``year`` ("201" for the 2010s); ValueError outside years 0-9999."""
    if not 0 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return f"{year // 10:03d}"


def century_value(year: int) -> str:
    """TIMEX3 century of ``year`` ("20" for 2000-2099); ValueError outside years 0-9999."""
    if not 0 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return f"{year // 100:02d}"


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- total date arithmetic -----------------------------------------------------------------
# ``datetime.date`` holds years 1-9999 and raises past them.  Every shift of a date in the
# core goes through these helpers, which never raise: a window, a slack or a search range
# that would leave the calendar stops at its edge; a calendar value that would leave it
# (the same day a year on) is "no value" (None).
_LAST_DAY = dt.date.max.toordinal()
_FIRST_MONTH, _LAST_MONTH = dt.MINYEAR * 12, dt.MAXYEAR * 12 + 11


def clamp_year(year: int) -> int:
    """``year`` within the calendar (1-9999)."""
    return min(max(year, dt.MINYEAR), dt.MAXYEAR)


def shift_days(day: dt.date, n: int) -> dt.date:
    """``day`` moved by ``n`` days, stopping at 0001-01-01 and 9999-12-31."""
    return dt.date.fromordinal(min(max(day.toordinal() + n, 1), _LAST_DAY))


def shift_months(day: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``day``'s, stopping at the first and
    the last month of the calendar."""
    idx = min(max(day.year * 12 + day.month - 1 + n, _FIRST_MONTH), _LAST_MONTH)
    return dt.date(idx // 12, idx % 12 + 1, 1)


def shift_years(day: dt.date, n: int) -> dt.date | None:
    """The same day ``n`` years on (29 February becomes the 28th in a common year); None
    when that year is outside the calendar."""
    year = day.year + n
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th (1-based; -1 = last) ISO ``weekday`` (1=Mon) of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        shift = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=shift + 7 * (n - 1))
    last = month_end(year, month)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)


def span_of(value: str) -> tuple[dt.date, dt.date, str] | None:
    """Calendar span and granularity of a fully specified DATE/TIME value, else None."""
    if len(value) == 3 and value.isdigit():
        y = int(value) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), "decade"
    if len(value) == 2 and value.isdigit():
        y = int(value) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "century"
    m = _DATE_RE.match(value)
    if not m:
        return None
    y = int(m.group("y"))
    if y < 1:
        return None
    try:
        if m.group("d"):
            d = dt.date(y, int(m.group("m")), int(m.group("d")))
            return d, d, "day"
        if m.group("m"):
            mo = int(m.group("m"))
            return dt.date(y, mo, 1), month_end(y, mo), "month"
        if m.group("w"):
            monday = dt.date.fromisocalendar(y, int(m.group("w")), 1)
            if m.group("we"):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
            return monday, monday + dt.timedelta(days=6), "week"
        if m.group("q"):
            q = int(m.group("q"))
            return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter"
        if m.group("h"):
            h = int(m.group("h"))
            return dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), "quarter"
        if m.group("s"):
            a, b = _SEASON_MONTHS[m.group("s")]
            if a > b:  # winter runs into the next year
                return dt.date(y, a, 1), month_end(y + 1, b), "season"
            return dt.date(y, a, 1), month_end(y, b), "season"
    except (ValueError, OverflowError):  # beyond 9999-12-31: no calendar span
        return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


def date_value(
    value: str,
    source: str,
    confidence: float,
    end_value: str | None = None,
    note: str = "",
) -> DateValue | None:
    """DateValue for ``value`` (optionally extended to ``end_value`` for ranges)."""
    sp = span_of(value)
    if sp is None:
        return None
    start, end, gran = sp
    if end_value:
        sp2 = span_of(end_value)
        if sp2 is not None and sp2[1] >= start:
            end = sp2[1]
            if sp2[2] != gran and gran not in ("day",):
                gran = sp2[2] if sp2[2] != "day" else gran
    return DateValue(start, end, gran, source, confidence, note)
