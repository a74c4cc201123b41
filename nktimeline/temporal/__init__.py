"""Temporal tagger: find time expressions in news text and normalize them to TIMEX3 values.

``tag(text, dct)`` = ``resolve(find(text), text, dct)``: the finder emits underspecified
candidates from the text alone, the resolver anchors relative ones on the document creation
time using the tense of their sentence.  Word lists live in ``resources/temporal/``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from nktimeline.model import Timex
from nktimeline.temporal.finder import Candidate, find
from nktimeline.temporal.resolver import resolve
from nktimeline.temporal.tense import tense_at
from nktimeline.temporal.values import is_valid_value

__all__ = ["Candidate", "find", "is_valid_value", "resolve", "tag", "tense_at"]


def tag(text: str, dct: dt.date | None = None) -> list[Timex]:
    """Time expressions of ``text`` (sorted, non-overlapping), resolved against ``dct``.

    Without ``dct`` relative expressions keep underspecified values and ``date`` is None
    unless the expression states its own year.
    """
    if not text:
        return []
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    return [_part_of_year(t) for t in resolve(find(text), text, dct)]


_PART = re.compile(r"^(?:the\s+)?(early|mid|late)\b[\s-]*", re.IGNORECASE)
_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def _part_of_year(t: Timex) -> Timex:
    """ "early 2024", "late next year": a third of the year (granularity "season"); the
    TimeML value stays the year (its modifier is not a value)."""
    d = t.date
    if d is None or d.granularity != "year" or d.start.year != d.end.year:
        return t
    m = _PART.match(t.text)
    if m is None:
        return t
    first, last = _THIRDS[m.group(1).lower()]
    y = d.start.year
    part = dataclasses.replace(
        d,
        start=dt.date(y, first, 1),
        end=dt.date(y, last, calendar.monthrange(y, last)[1]),
        granularity="season",
    )
    return dataclasses.replace(t, date=part)
