"""Temporal tagger: find time expressions in news text and normalize them to TIMEX3 values.

``tag(text, dct)`` = ``resolve(find(text), text, dct)``: the finder emits underspecified
candidates from the text alone, the resolver anchors relative ones on the document creation
time using the tense of their sentence.  Word lists live in ``resources/temporal/``.
"""

from __future__ import annotations

import datetime as dt

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
    return resolve(find(text), text, dct)
