"""Publication-date inference for articles without a trustworthy date.

Each event mention whose real date is known elsewhere (another loaded article, or the
reference chronology) constrains the publication date P through the way the article refers
to it: "the talks in Stockholm last week" with the talks known on 2019-10-05 puts P in the
week of 2019-10-07; "the June 12 summit" puts P within a year after it; "Saturday" within a
week.  Constraints are intersected, the best supported first; the estimate is the middle of
what is left.  Fully stated past dates give a lower bound only.  Cue tables live in
``resources/events/relative_cues.json``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nktimeline.events.dates import add_months, month_end, week_start
from nktimeline.events.mentions import Cand
from nktimeline.model import DateValue, Published
from nktimeline.paths import load_json
from nktimeline.temporal.values import clamp_year, shift_days

NEWS_LAG = 1  # days: news told by its weekday is mostly told that day or the next
LATER = "a later day of that story"  # the basis of a mention tied to a known event's story
LATER_REACH = 30  # days after the known event such a page is likely written
LEAD_REACH = 7  # days: a lead tells the news of the past week
Known = Callable[[Cand], tuple[DateValue, str] | None]


@dataclass(frozen=True)
class Window:
    lo: dt.date
    hi: dt.date
    weight: float
    why: str
    lower_bound_only: bool = False
    likely: dt.date | None = None  # the likeliest day ("Friday": that Friday or the next day)


@lru_cache(maxsize=1)
def _cues() -> tuple[list[tuple[re.Pattern[str], dict[str, Any]]], dict[str, Any]]:
    data = load_json("events/relative_cues.json")
    cues = [(re.compile(c["pattern"], re.IGNORECASE), c) for c in data["cues"]]
    return cues, data["bare"]


@lru_cache(maxsize=1)
def cue_regex() -> re.Pattern[str]:
    """One regex matching any relative cue (whole timex text, lowercase)."""
    cues, _ = _cues()
    return re.compile("|".join(f"(?:{rx.pattern})" for rx, _ in cues), re.IGNORECASE)


def _cue_for(text: str) -> dict[str, Any] | None:
    cues, _ = _cues()
    t = " ".join(text.lower().split())
    for rx, c in cues:
        if rx.fullmatch(t):
            return c
    return None


def _window(c: Cand, d: DateValue, cue: dict[str, Any]) -> tuple[dt.date, dt.date]:
    unit = cue["unit"]
    if unit == "day":
        lo_d, hi_d = int(cue["lo"]), int(cue["hi"])
        if c.future and cue.get("tensed", False):
            return _days_window(d, -hi_d, -lo_d)
        return _days_window(d, lo_d, hi_d)
    shift = int(cue["shift"])
    if unit == "week":
        return (
            shift_days(week_start(d.start), 7 * shift),
            shift_days(week_start(d.end), 7 * shift + 6),
        )
    if unit == "month":
        return add_months(d.start, shift), month_end(add_months(d.end, shift))
    return (
        dt.date(clamp_year(d.start.year + shift), 1, 1),
        dt.date(clamp_year(d.end.year + shift), 12, 31),
    )


def _days_window(d: DateValue, lo: int, hi: int) -> tuple[dt.date, dt.date]:
    """From ``lo`` days after the start of ``d`` to ``hi`` days after its end (a window
    stops at the edge of the calendar)."""
    return shift_days(d.start, lo), shift_days(d.end, hi)


_WEEKDAYS = re.compile(
    r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE
)
_WEEKDAY_INDEX = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}


def weekday_named(text: str) -> int | None:
    """The weekday a time expression names ("Monday morning" -> 0), if any."""
    m = _WEEKDAYS.search(text)
    return _WEEKDAY_INDEX[m.group(1)[:2].lower()] if m else None


def windows_for(cands: list[Cand], known: Known) -> list[Window]:
    """Constraints on the publication date from one article's (first-pass) mentions."""
    _, bare = _cues()
    out: list[Window] = []
    for c in cands:
        if c.timex is None:
            if c.extras.get("undated_lead") and not (c.negated or c.speculative or c.future):
                got = known(c)
                if got is not None and got[0].granularity == "day":
                    d, basis = got
                    out.append(
                        Window(
                            d.start,
                            shift_days(d.end, LEAD_REACH),
                            0.5,
                            f"the lead tells '{c.trigger}' ({d.label()}, {basis})",
                            likely=shift_days(d.start, NEWS_LAG),
                        )
                    )
            continue
        if c.negated or c.speculative:
            continue
        tx = c.timex
        if c.date is not None and not tx.anchored and c.date.granularity in ("day", "month"):
            d = c.date
            if not c.future:
                out.append(
                    Window(
                        d.end,
                        shift_days(d.end, 730),
                        0.2,
                        f"'{tx.text}' (stated, past)",
                        True,
                    )
                )
            continue
        cue = _cue_for(tx.text)
        if cue is None and c.partial is None:
            continue
        got = known(c)
        if got is None:
            continue
        d, basis = got
        if basis.endswith(LATER):
            # the mention names another day of a known story: within weeks after it
            out.append(
                Window(d.start, shift_days(d.end, LATER_REACH), 0.4, f"'{tx.text}' ({basis})")
            )
            continue
        named = weekday_named(tx.text)
        if named is not None and d.granularity == "day" and d.start.weekday() != named:
            continue  # "Monday" cannot name an event known on a Tuesday
        if cue is None:
            lo_d, hi_d = int(bare["lo"]), int(bare["hi"])
            lo, hi = _days_window(d, -hi_d, -lo_d) if c.future else _days_window(d, lo_d, hi_d)
        else:
            lo, hi = _window(c, d, cue)
        weight = 1.0 if basis == "reference" else 0.6
        if cue is None:
            weight *= 0.8
        likely = None
        if named is not None and not c.future and d.granularity == "day":
            likely = min(hi, shift_days(d.start, NEWS_LAG))
        why = f"'{tx.text}' ({c.trigger} {d.label()}, {basis})"
        out.append(Window(lo, hi, weight, why, likely=likely))
    return out


def named_weekdays(cands: list[Cand]) -> set[int]:
    """The weekdays an article's dated mentions name ("on Tuesday" -> 1)."""
    out = set()
    for c in cands:
        if c.timex is not None and not c.future:
            k = weekday_named(c.timex.text)
            if k is not None:
                out.add(k)
    return out


def weekday_dates(cands: list[Cand]) -> list[tuple[int, int, int]]:
    """(month, day, weekday) of the year-less dates a page qualifies by their weekday
    ("Monday, 13 February"): only some years fit each."""
    out = []
    for c in cands:
        if c.timex is None or c.partial is None or c.partial[1] is None or c.future:
            continue
        k = weekday_named(c.timex.text)
        if k is not None:
            out.append((c.partial[0], c.partial[1], k))
    return out


PAST_REACH = 400  # days: a year-less past date is at most about a year old


def _fits_weekdays(w: Window, checks: list[tuple[int, int, int]]) -> bool:
    """Can the page be published in ``w`` when it says "Monday, 13 February" (in the
    past)?  Some year with February 13 a Monday must fall shortly before the window."""
    for month, day, weekday in checks:
        ok = False
        for year in range(shift_days(w.lo, -PAST_REACH).year, w.hi.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if d.weekday() == weekday and shift_days(w.lo, -PAST_REACH) <= d <= w.hi:
                ok = True
                break
        if not ok:
            return False
    return True


def estimate(
    windows: list[Window],
    old: Published,
    weekdays: set[int] | frozenset[int] = frozenset(),
    checks: list[tuple[int, int, int]] | None = None,
) -> Published | None:
    """Intersect the windows (strongest first); None when nothing constrains the date.
    ``weekdays``: those the article names; in a short window the latest of them is the
    likeliest day (a report tells its own day's news by its weekday: "on Tuesday, after a
    fourth night outside")."""
    if checks:  # a window the page's own "Monday, 13 February" rules out is a false match
        windows = [w for w in windows if _fits_weekdays(w, checks)]
    if not windows:
        return None
    ordered = sorted(windows, key=lambda w: (-w.weight, (w.hi - w.lo).days))
    lo, hi = ordered[0].lo, ordered[0].hi
    used = [ordered[0]]
    for w in ordered[1:]:
        nlo, nhi = max(lo, w.lo), min(hi, w.hi)
        if nlo <= nhi:
            lo, hi = nlo, nhi
            used.append(w)
    if all(w.lower_bound_only for w in used):
        conf = 0.3  # only "after these dates": a long window
    else:
        width = (hi - lo).days
        conf = 0.6 if width <= 14 else 0.5 if width <= 62 else 0.4
    why = "; ".join(w.why for w in used[:4])
    likely = next((w.likely for w in used if w.likely is not None and lo <= w.likely <= hi), None)
    if weekdays and (hi - lo).days <= 14:
        named = [
            d
            for d in (shift_days(lo, k) for k in range((hi - lo).days + 1))
            if d.weekday() in weekdays
        ]
        if named and (likely is None or named[-1] > likely):
            likely = named[-1]
    # An estimate is a window, never a precise day: a wrong day would silently move every
    # "Tuesday" of the article, while a window says how unsure the date is.
    return Published(
        value=None,
        source="inferred",
        confidence=conf,
        raw=old.raw,
        note=f"estimated from {why}",
        earliest=lo,
        latest=hi,
        likely=likely,
    )
