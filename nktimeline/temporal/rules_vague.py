"""Handlers for vague expressions: "recent weeks", "now", "soon", "the future", "for years".

TimeML gives them PAST_REF / PRESENT_REF / FUTURE_REF or an unspecified duration (``PXY``);
most of the work is rejecting the non-temporal uses ("the future of our peoples", "current
account").  Split from ``rules_rel`` (registered the same way).
"""

from __future__ import annotations

import re

from nktimeline.temporal.finder import (
    Candidate,
    _unit,
    duration_value,
    handler,
    next_word,
    prev_word,
    time_duration,
)
from nktimeline.temporal.lexicon import context, lexicon, words


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


_VAGUE_PLURAL_DUR: dict[str, list[str]] = context()["vague_plural_durations"]


@handler("vagueplural")
def _vagueplural(text, m, s, e):
    mod = _norm(m["m"])
    unit_word = m["u"].lower()
    if unit_word in _VAGUE_PLURAL_DUR.get(mod, ()):  # "in recent weeks": PXW
        return Candidate(s, e, "DURATION", "abs", duration_value(None, _unit(unit_word)), {})
    if mod in ("recent", "past", "last few", "past few"):
        return Candidate(s, e, "DATE", "abs", "PAST_REF", {})
    return Candidate(s, e, "DATE", "abs", "FUTURE_REF", {})


def _ref(value: str):
    def h(text, m, s, e):
        w = _norm(m["w"])
        nw = next_word(text, e).lower()
        if w in ("current", "recent", "future", "past", "present") and nw in words(
            "ref_negative_following"
        ):
            return None
        if w == "the future" and (nw == "of" or prev_word(text, s) not in _FUTURE_LEADS):
            return None  # "the future of our peoples": a topic, not a time
        if w == "current" and prev_word(text, s) == "then":
            return Candidate(s, e, "DATE", "abs", "PAST_REF", {})  # "the then current price"
        if w == "now" and text[e : e + 1] == "-":
            return None
        if w == "soon" and (
            nw in ("after", "before", "thereafter")
            or (nw == "as" and not re.match(r"\s+as\s+possible", text[e : e + 14]))
        ):
            return None
        return Candidate(s, e, "DATE", "abs", value, {})

    return h


handler("fut")(_ref("FUTURE_REF"))
handler("pres")(_ref("PRESENT_REF"))
handler("past")(_ref("PAST_REF"))


@handler("vaguedur")
def _vaguedur(text, m, s, e):
    if m["ago"]:
        return Candidate(s, e, "DATE", "abs", "PAST_REF", {})
    if prev_word(text, s) not in _BARE_LEADS | {"after", "within"}:
        return None
    return Candidate(s, e, "DURATION", "abs", lexicon()["vague_durations"][_norm(m["w"])], {})


_BARE_LEADS = words("bare_duration_leads")
_FUTURE_LEADS = words("future_noun_leads")


@handler("bare")
def _bare(text, m, s, e):
    if prev_word(text, s) not in _BARE_LEADS:
        return None
    unit_word = m["u"].lower()
    if unit_word in lexicon()["time_units"]:
        return Candidate(s, e, "DURATION", "abs", time_duration(None, unit_word), {})
    return Candidate(s, e, "DURATION", "abs", duration_value(None, _unit(unit_word)), {})
