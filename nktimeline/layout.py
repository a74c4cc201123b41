"""Pure layout arithmetic for the timeline (no Qt): row stacking, axis ticks, clustering.

Everything here works on plain numbers so it can be tested exhaustively and reused by the
interactive view and the headless PNG renderer alike.  Time is measured in *days* as floats
(``date.toordinal()``); screen distances in logical pixels.
"""

from __future__ import annotations

import datetime as _dt
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

OVERFLOW = -1

# -- row stacking (vis-timeline "Stack" style) ----------------------------------------------


def stack(
    intervals: Sequence[tuple[float, float]],
    *,
    max_rows: int | None = None,
    gap: float = 0.0,
) -> list[int]:
    """Place intervals (sorted by start) into the first row where they fit.

    Returns one row index per interval, or ``OVERFLOW`` when ``max_rows`` rows are all busy.
    Two intervals share a row only if one ends at least ``gap`` before the other starts.
    """
    rows, _ = stack_with_fallback(intervals, intervals, max_rows=max_rows, gap=gap)
    return rows


def stack_with_fallback(
    full: Sequence[tuple[float, float]],
    short: Sequence[tuple[float, float]],
    *,
    max_rows: int | None = None,
    gap: float = 0.0,
) -> tuple[list[int], list[bool]]:
    """Like :func:`stack`, but an item that cannot fit with its ``full`` extent (mark + label)
    may still take a row with its ``short`` extent (mark only).

    Returns ``(rows, labelled)``: the row of each item (``OVERFLOW`` if even the mark did not
    fit) and whether it was placed with its full extent, i.e. may draw its label.
    """
    ends: list[float] = []
    rows: list[int] = []
    labelled: list[bool] = []
    for (f0, f1), (s0, s1) in zip(full, short, strict=False):
        row = _first_free(ends, f0, gap)
        if row is None and (max_rows is None or len(ends) < max_rows):
            ends.append(f1)
            rows.append(len(ends) - 1)
            labelled.append(True)
            continue
        if row is not None:
            ends[row] = f1
            rows.append(row)
            labelled.append(True)
            continue
        row = _first_free(ends, s0, gap)
        if row is None:
            rows.append(OVERFLOW)
            labelled.append(False)
        else:
            ends[row] = s1
            rows.append(row)
            labelled.append(False)
    return rows, labelled


def stack_by_priority(
    full: Sequence[tuple[float, float]],
    short: Sequence[tuple[float, float]],
    priority: Sequence[float],
    *,
    max_rows: int | None = None,
    gap: float = 0.0,
) -> tuple[list[int], list[bool]]:
    """Like :func:`stack_with_fallback`, but the items of higher ``priority`` are placed
    first, so they keep their labels when space is short: first every item's ``full``
    extent in order of priority (ties: in the given order), then, for those that did not
    fit, the ``short`` extent; what fits neither way is ``OVERFLOW``.

    Each row keeps its intervals sorted, so an item may slip into any gap of a row, not only
    after its last interval."""
    n = len(full)
    order = sorted(range(n), key=lambda k: -priority[k])
    rows_start: list[list[float]] = []
    rows_end: list[list[float]] = []
    row_of = [OVERFLOW] * n
    labelled = [False] * n

    def place(a: float, b: float, grow: bool) -> int:
        for r, (starts, ends) in enumerate(zip(rows_start, rows_end, strict=True)):
            i = bisect_left(starts, a)
            if (i == 0 or ends[i - 1] + gap <= a) and (i == len(starts) or b + gap <= starts[i]):
                starts.insert(i, a)
                ends.insert(i, b)
                return r
        if grow and (max_rows is None or len(rows_start) < max_rows):
            rows_start.append([a])
            rows_end.append([b])
            return len(rows_start) - 1
        return OVERFLOW

    pending = []
    for k in order:
        r = place(*full[k], grow=True)
        if r == OVERFLOW:
            pending.append(k)
        else:
            row_of[k], labelled[k] = r, True
    for k in pending:
        row_of[k] = place(*short[k], grow=True)
    return row_of, labelled


def _first_free(ends: list[float], start: float, gap: float) -> int | None:
    for i, end in enumerate(ends):
        if end + gap <= start:
            return i
    return None


# -- clustering ----------------------------------------------------------------------------


class Bin(NamedTuple):
    """A run of events whose starts fall in ``[start, end)`` (days); ``lo:hi`` slices the
    sorted start list.  (A NamedTuple: thousands are made per frame.)"""

    start: float
    end: float
    lo: int
    hi: int

    @property
    def size(self) -> int:
        """Number of events in the bin."""
        return self.hi - self.lo


def cluster(starts: Sequence[float], d0: float, d1: float, bin_days: float) -> list[Bin]:
    """Count sorted ``starts`` in bins of ``bin_days`` aligned to day 0 (so bins do not
    shift while panning).  Costs two bisects per bin, independent of the number of events.
    Empty bins are omitted."""
    if bin_days <= 0 or d1 <= d0:
        return []
    first = int(d0 // bin_days)
    last = int(d1 // bin_days)
    out: list[Bin] = []
    lo = bisect_left(starts, first * bin_days)
    for k in range(first, last + 1):
        b1 = (k + 1) * bin_days
        hi = bisect_left(starts, b1, lo)
        if hi > lo:
            out.append(Bin(k * bin_days, b1, lo, hi))
        lo = hi
    return out


# -- axis ticks ----------------------------------------------------------------------------

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# (unit, step, minimum days one step can span); finest first.
_STEPS: tuple[tuple[str, int, float], ...] = (
    ("day", 1, 1),
    ("day", 2, 2),
    ("day", 7, 7),
    ("day", 14, 14),
    ("month", 1, 28),
    ("month", 2, 59),
    ("month", 3, 89),
    ("month", 6, 181),
    ("year", 1, 365),
    ("year", 2, 730),
    ("year", 5, 1826),
    ("year", 10, 3652),
    ("year", 20, 7305),
    ("year", 50, 18262),
    ("year", 100, 36524),
    ("year", 200, 73048),
    ("year", 500, 182621),
)


@dataclass(frozen=True)
class Tick:
    day: float  # ordinal of the tick's first day
    label: str
    major: bool = False  # True for the coarse (context) row


def _label(d: _dt.date, unit: str) -> str:
    if unit == "day":
        return f"{MONTHS[d.month - 1]} {d.day}"
    if unit == "month":
        return MONTHS[d.month - 1]
    return str(d.year)


def _default_measure(text: str) -> float:
    return 7.0 * len(text)


def _iter_dates(d0: _dt.date, d1: _dt.date, unit: str, step: int):
    if unit == "day":
        # Align day steps to fixed multiples of the ordinal so ticks stay put while panning.
        o = d0.toordinal() - d0.toordinal() % step
        while o <= d1.toordinal():
            yield _dt.date.fromordinal(max(1, o))
            o += step
        return
    if unit == "month":
        m = (d0.year * 12 + d0.month - 1) // step * step
        while True:
            y, mm = divmod(m, 12)
            if y < 1:
                m += step
                continue
            if y > _dt.MAXYEAR:
                return  # the calendar ends with December 9999
            d = _dt.date(y, mm + 1, 1)
            if d > d1:
                return
            yield d
            m += step
    y = max(1, d0.year // step * step)
    while y <= min(d1.year, 9999):
        yield _dt.date(y, 1, 1)
        y += step


def choose_step(
    ppd: float, measure: Callable[[str], float] = _default_measure, padding: float = 12.0
) -> tuple[str, int]:
    """The finest (unit, step) whose narrowest interval still holds its widest label."""
    widest = {
        "day": measure("Sep 30"),
        "month": measure("Sep"),
        "year": measure("2000"),
    }
    for unit, step, min_days in _STEPS:
        if min_days * ppd >= widest[unit] + padding:
            return unit, step
    return _STEPS[-1][0], _STEPS[-1][1]


def ticks(
    d0: float,
    d1: float,
    ppd: float,
    measure: Callable[[str], float] = _default_measure,
    padding: float = 12.0,
) -> tuple[list[Tick], list[Tick]]:
    """Axis ticks for days ``d0..d1`` at ``ppd`` pixels per day.

    Returns ``(minor, major)``: the fine row (e.g. months) and a context row (e.g. years) used
    when the fine labels alone do not say which year/month they are in.  Labels within a row
    never overlap: a step is only chosen if its shortest interval is wider than its widest
    label plus ``padding``; context labels that would collide are dropped.
    """
    if not (math.isfinite(d0) and math.isfinite(d1)):
        return [], []  # no view to label
    lo = _dt.date.fromordinal(min(_dt.date.max.toordinal(), max(1, int(d0))))
    hi = _dt.date.fromordinal(min(_dt.date.max.toordinal(), max(1, int(d1) + 1)))
    unit, step = choose_step(ppd, measure, padding)
    minor = [Tick(float(d.toordinal()), _label(d, unit)) for d in _iter_dates(lo, hi, unit, step)]
    major: list[Tick] = []
    if unit in ("day", "month"):
        ctx_unit = "month" if unit == "day" else "year"
        raw = [d for d in _iter_dates(lo, hi, ctx_unit, 1)]
        if not raw or raw[0] > lo:
            raw.insert(0, lo)
        last_end = -1e18
        for i, d in enumerate(raw):
            label = f"{MONTHS[d.month - 1]} {d.year}" if ctx_unit == "month" else str(d.year)
            x = max(float(d.toordinal()), d0) * ppd
            if x >= last_end:
                major.append(Tick(float(d.toordinal()), label, True))
                last_end = x + measure(label) + padding
            elif i == 1 and len(major) == 1 and major[0].day < d0:
                # The label pinned at the left edge gives way to the next one, whose tick
                # starts a period that fills the view (as sticky section headers do).
                major[0] = Tick(float(d.toordinal()), label, True)
                last_end = x + measure(label) + padding
    return minor, major
