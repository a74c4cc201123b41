"""Small calendar helpers for merging partial dates (spans with a granularity)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from nktimeline.model import GRANULARITY_RANK, DateValue
from nktimeline.temporal import values

_PARTIAL = re.compile(r"^XXXX-(\d\d)(?:-(\d\d))?$")
REF_VALUES = ("PRESENT_REF", "FUTURE_REF", "PAST_REF")


def partial_of(value: str) -> tuple[int, int | None] | None:
    """(month, day) of a year-less TIMEX3 value such as ``XXXX-06-12`` or ``XXXX-02``."""
    m = _PARTIAL.match(value or "")
    if not m:
        return None
    month = int(m.group(1))
    day = int(m.group(2)) if m.group(2) else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return month, day


def gap_days(a: DateValue, b: DateValue) -> int:
    """Days between two spans; 0 when they overlap."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def compatible(a: DateValue, b: DateValue, slack: int = 0) -> bool:
    """True when the spans overlap (granularity containment), within ``slack`` days."""
    return gap_days(a, b) <= slack


def rank(d: DateValue) -> tuple[int, int]:
    """Sort key: finer granularity first, then shorter span."""
    return GRANULARITY_RANK.get(d.granularity, 9), (d.end - d.start).days


def partial_matches(partial: tuple[int, int | None], d: DateValue) -> bool:
    """Does a year-less month(/day) fall inside the span ``d`` (in any of its years)?"""
    month, day = partial
    # A span much coarser than the partial date cannot confirm it: "December 12" is not
    # told by an event known only as "2023", "June" not by a whole year.
    if (d.end - d.start).days > (31 if day is not None else 92):
        return False
    for year in range(d.start.year, d.end.year + 1):
        if day is None:
            if d.start <= values.month_end(year, month) and dt.date(year, month, 1) <= d.end:
                return True
        elif day <= calendar.monthrange(year, month)[1] and (
            d.start <= dt.date(year, month, day) <= d.end
        ):
            return True
    return False


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (total: 0001-01-01 is a Monday)."""
    return day - dt.timedelta(days=day.weekday())


def add_months(day: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after ``day``'s (stops at the calendar's
    first and last months)."""
    return values.shift_months(day, n)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return values.month_end(day.year, day.month)


def with_year(partial: tuple[int, int | None], year: int, **kw: object) -> DateValue | None:
    month, day = partial
    try:
        if day is None:
            start = dt.date(year, month, 1)
            return DateValue(start, month_end(start), "month", **kw)  # type: ignore[arg-type]
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return DateValue(d, d, "day", **kw)  # type: ignore[arg-type]


def span_label(d: DateValue | None) -> str:
    return d.label() if d is not None else "unknown"
