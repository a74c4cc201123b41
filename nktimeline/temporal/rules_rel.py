"""Handlers for relative expressions, durations and sets (vague ones: ``rules_vague``).

Relative expressions ("Wednesday", "last month", "two years ago") become candidates whose
``kind`` tells the resolver how to anchor them; durations and sets are final as found.
"""

from __future__ import annotations

import re

from nktimeline.temporal.finder import (
    Candidate,
    _cap,
    _month,
    _number,
    _unit,
    _weekday,
    duration_value,
    handler,
    next_word,
    prev_word,
    time_duration,
)
from nktimeline.temporal.lexicon import context, lexicon, words

_PARTS: dict[str, str] = context()["day_part_codes"]
_OFFSETS: dict[str, int] = context()["modifier_offsets"]


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def _offset(mod: str) -> int | None:
    return _OFFSETS.get(mod)


@handler("holiday")
def _holiday(text, m, s, e):
    if not _cap(m["hol"]):
        return None
    name = _norm(m["hol"])
    lex = lexicon()
    fixed = lex["holidays"].get(name)
    f = {
        "name": name,
        "fixed": fixed,
        "rule": lex["holidays_computed"].get(name),
        "mod": _offset(_norm(m["mod"])),
    }
    if m["y"]:
        f["year"] = int(m["y"])
    return Candidate(s, e, "DATE", "holiday", "XXXX-XX-XX", f)


@handler("partday")
def _partday(text, m, s, e):
    mod = m["mod"].lower()
    part = _PARTS[m["part"].lower()]
    off = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1}[mod]
    if mod == "last" and part != "NI":
        return None
    return Candidate(s, e, "TIME", "relday", f"XXXX-XX-XXT{part}", {"off": off, "part": part})


_RELDAY: dict[str, int] = context()["relative_days"]
_GENERIC_TODAY = words("generic_today_nouns")


@handler("relday")
def _relday(text, m, s, e):
    w = _norm(m["w"])
    off = _RELDAY[w]
    if not m["pre"] and _cap(m["w"]) and re.search(r"[A-Z]\w*[ \t]+$", text[max(0, s - 20) : s]):
        return None  # a name: "VOA Today", "USA Today"
    if w in ("today", "tomorrow"):
        pw = prev_word(text, s)
        possessive = text[e : e + 1] in ("'", "’") and text[e + 1 : e + 2] == "s"
        if pw == "of" or (pw == "in" and possessive and next_word(text, e + 2) in _GENERIC_TODAY):
            return None  # generic: "the people of tomorrow", "in today's world"
    part = None
    if m["part"]:
        part = _PARTS[m["part"].lower()]
    elif w in ("tonight", "overnight"):
        part = "NI"
    elif m["pre"] and m["pre"].lower().lstrip("mid- ") in ("morning", "afternoon", "evening"):
        part = _PARTS[m["pre"].lower().split()[-1].split("-")[-1]]
    f = {"off": off, "story": w == "overnight"}
    if part:
        f["part"] = part
        return Candidate(s, e, "TIME", "relday", f"XXXX-XX-XXT{part}", f)
    return Candidate(s, e, "DATE", "relday", "XXXX-XX-XX", f)


@handler("nthday")
def _nthday(text, m, s, e):
    """ "Today is the eighth day of Desert Shield": a count that names the current day."""
    if not _NTH_DAY_LEAD.search(text, max(0, s - 12), s):
        return None
    return Candidate(s, e, "DATE", "relday", "XXXX-XX-XX", {"off": 0})


_NTH_DAY_LEAD = re.compile(r"(?:\btoday\s+is|\bit['’]s|\bit\s+is)\s+$", re.I)


@handler("daypart")
def _daypart(text, m, s, e):
    """A part of the day the text is talking about ("the morning", "mid-afternoon")."""
    if not (m["pre"] or m.group(0).lower().startswith("the")):
        return None
    nw = next_word(text, e) if re.match(r"[ \t]\w", text[e : e + 2]) else ""
    if nw[:1].islower() and nw.lower() not in words("daypart_followers"):
        return None  # "the morning paper", "the evening news"
    part = _PARTS[m["part"].lower()]
    return Candidate(s, e, "TIME", "daypart", f"XXXX-XX-XXT{part}", {"part": part})


@handler("weekday")
def _weekday_h(text, m, s, e):
    tok = m["wd"]
    if not _cap(tok):
        return None
    if not m["mod"]:
        before = re.search(r"([A-Z][a-z]+)[ ]+$", text[max(0, s - 12) : s])
        if before and before.group(1).lower() in words("weekday_name_adjectives"):
            return None  # "Black Monday", "Super Tuesday": a name
    wd = _weekday(tok)
    if m["pl"]:
        if m["mod"]:
            return None
        part = ""
        if m["part"]:
            part = "T" + _PARTS[m["part"].lower()]
        return Candidate(s, e, "SET", "abs", f"XXXX-WXX-{wd}{part}", {})
    if m["part"] and m["part"].lower().endswith("s") and not m["mod"]:
        part = "T" + _PARTS[m["part"].lower()]  # "Tuesday nights": every Tuesday night
        return Candidate(s, e, "SET", "abs", f"XXXX-WXX-{wd}{part}", {"part": part})
    mod = _norm(m["mod"])
    f = {"wd": wd, "mod": _offset(mod) if mod not in ("this",) else None, "this": mod == "this"}
    if mod in ("the previous", "the following", "the next", "the last"):
        f["anaph"] = True  # relative to the day the text is talking about, if any
    if mod in ("this past",):
        f["mod"] = -1
    if m["part"]:
        part = _PARTS[m["part"].lower()]
        f["part"] = part
        return Candidate(s, e, "TIME", "weekday", f"XXXX-WXX-{wd}T{part}", f)
    return Candidate(s, e, "DATE", "weekday", f"XXXX-WXX-{wd}", f)


_MONTH_LEADS = words("month_leads")
_AMBIG_MONTHS = set(lexicon()["months_ambiguous"])
# "voted for May to ask": "to" and a verb after "for" and an ambiguous month ("for May to
# early June" is a range, "until May to decide" a month)
_NAME_TO_VERB = re.compile(r"\s+to\s+(?!(?:early|mid|late|the|end|last|next|this)\b)[a-z]")


@handler("month")
def _month_h(text, m, s, e):
    tok = m["mon"]
    if not _cap(tok):
        return None
    low = tok.lower()
    if len(low.rstrip(".")) <= 3 and not low.endswith(".") and low != "may":
        return None
    mod = _norm(m["mod"])
    if low in _AMBIG_MONTHS and not (m["pre"] or mod or m["mod2"]):
        pw = prev_word(text, s)
        if pw not in _MONTH_LEADS or re.match(r"\s+for\s+[A-Z]", text[e : e + 8]):
            return None
        if pw == "for" and _NAME_TO_VERB.match(text, e):
            return None  # "voted for May to ask the EU": a person asked to do something
    if nw_is_name(text, e) and not (m["pre"] or mod):
        return None
    mon = _month(tok)
    if mod in ("each", "every"):
        return Candidate(s, e, "SET", "abs", f"XXXX-{mon:02d}", {})
    f = {"mon": mon, "mod": _offset(mod), "this": mod == "this"}
    if m["mod2"]:
        f["yoff"] = {"last": -1, "next": 1, "this": 0}[m["mod2"].lower()]
    return Candidate(s, e, "DATE", "month", f"XXXX-{mon:02d}", f)


def nw_is_name(text: str, e: int) -> bool:
    """A capitalized word right after (``April Fools``, ``June Lee``) makes a name."""
    return bool(re.match(r" [A-Z][a-z]", text[e : e + 3]))


@handler("season")
def _season(text, m, s, e):
    word = m["s"].lower()
    code = lexicon()["seasons"][word]
    mod = _norm(m["mod"])
    if mod in ("every", "each"):
        return Candidate(s, e, "SET", "abs", f"XXXX-{code}", {})
    if (
        word in lexicon()["seasons_need_lead"]
        and not (mod or m["pre"] or m["y"])
        and prev_word(text, s) not in words("season_leads")
    ):
        return None  # "prices fall", "hot spring"
    if not m["y"] and re.match(r"\s+of\s+(?!\d|this|last|next)", text[e : e + 12]):
        return None
    name_like = nw_is_name(text, e) or re.search(r"[A-Z]\w*\s$", text[max(0, s - 20) : s])
    if _cap(m["s"]) and name_like and not (mod or m["pre"]):
        return None  # "Winter Olympics", "Arab Spring"
    f = {"code": code, "mod": _offset(mod), "the": mod in ("the", "this")}
    y = m["y"]
    if y:
        y = y.lower()
        if y[:1].isdigit():
            return Candidate(s, e, "DATE", "abs", f"{y}-{code}", {})
        f["yoff"] = {"this": 0, "last": -1, "next": 1}[y.split()[0]]
    return Candidate(s, e, "DATE", "season", f"XXXX-{code}", f)


@handler("relunit")
def _relunit(text, m, s, e):
    mod = _norm(m["mod"])
    pre = _norm(m["pre"])
    if m["in"] and pre not in ("earlier", "later"):
        return None
    unit = _norm(m["u"])
    if unit != "fiscal year":
        unit = unit.split()[-1]
    if mod == "that" or (mod == "the fiscal" and unit != "year"):
        return None
    if _cap(m["mod"]) and _cap(m["u"]) and text[s - 1 : s] in ('"', "“"):
        return None  # a quoted title: "This Week"
    if mod in ("the", "the full", "the fiscal") and not pre:
        if unit in ("decade", "century"):
            return None
        if re.match(r"\s+(?:ended|ending|that\s+ended|through)\b", text[e : e + 20]):
            code = {"week": "W", "month": "M", "weekend": "WE"}.get(unit, "Y")
            return Candidate(s, e, "DURATION", "abs", f"P1{code}", {})
        if unit == "weekend":
            return Candidate(
                s, e, "DATE", "weekday", "XXXX-WXX-WE", {"wd": 6, "mod": None, "weekend": True}
            )
        if unit == "week" and mod == "the":
            # "for the week", "the week's most active session": a week of the story,
            # not necessarily the calendar week of publication -> year known, week not
            return Candidate(s, e, "DATE", "relunit", "XXXX-WXX", {"unit": "week?", "off": 0})
    off = _offset(mod)
    if off is None:
        off = 0
    value = _UNDERSPEC.get(unit, "XXXX")
    return Candidate(s, e, "DATE", "relunit", value, {"unit": unit, "off": off})


_UNDERSPEC = {
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "decade": "XXXX",
    "century": "XXXX",
}


@handler("anaph")
def _anaph(text, m, s, e):
    """Anaphoric units ("that year", "the following month", "the next day"): relative to
    the last date the text itself mentioned (resolved in order), not to the DCT."""
    if m["atime"]:  # "saying at the time he was willing": back then
        if text[s : s + 1] == "A" and text[e : e + 1] != ",":
            return None  # "At the time Howes was captured, ...": a conjunction ("when")
        return Candidate(m.start("atime"), e, "DATE", "abs", "PAST_REF", {})
    if m["inday"]:  # "later in the day": the day the story is on (else the DCT)
        f = {"unit": "day", "off": 0, "dct": True}
        return Candidate(m.start("inday"), e, "DATE", "anaph", "XXXX-XX-XX", f)
    if m["then"]:  # "until then": the date just mentioned, at its own granularity
        f = {"unit": "same", "off": 0}
        return Candidate(m.start("then"), e, "DATE", "anaph", "XXXX-XX-XX", f)
    if m["dir"]:
        unit, off = "day", (-1 if m["dir"].lower() == "before" else 1)
        if re.match(r"\s+(?:the|a|an|his|her|their|its)\b", text[e : e + 6]):
            return None  # "the day before the vote": anchored on an event, not a date
    else:
        unit = m["u"].lower()
        mod = _norm(m["mod"])
        off = {"that": 0, "the same": 0, "the following": 1, "the next": 1}.get(mod, -1)
        if unit != "day" and mod in ("the next", "the previous", "the preceding", "the prior"):
            return None  # "the next year": relative to the publication date (relunit)
    value = {"day": "XXXX-XX-XX", "month": "XXXX-XX", "year": "XXXX"}[unit]
    return Candidate(s, e, "DATE", "anaph", value, {"unit": unit, "off": off})


@handler("yearend")
def _yearend(text, m, s, e):
    unit = m["u"].lower()
    if unit == "week":
        return None
    value = _UNDERSPEC.get(unit, "XXXX")
    return Candidate(s, e, "DATE", "relunit", value, {"unit": unit, "off": 0})


_DIR_BACK = words("ago_back_words")
_WITHIN_A_DAY = re.compile(r"(?:hour|hr|minute|min|second|sec)s?\.?$", re.IGNORECASE)


@handler("ago")
def _ago(text, m, s, e):
    n = _number(m["n"])
    unit_word = _norm(m["u"])
    d = _norm(m["dir"])
    if unit_word in lexicon()["time_units"]:
        if d in ("before", "after"):
            e = m.end("u")
        elif (
            d == "ago"
            and _WITHIN_A_DAY.match(unit_word)
            and (n is None or n < (24 if unit_word.lower().startswith("h") else 600))
        ):
            # "a few hours ago", "30 minutes ago": the day of writing
            return Candidate(s, e, "DATE", "relday", "XXXX-XX-XX", {"off": 0})
        return Candidate(s, e, "DURATION", "abs", time_duration(n, unit_word), {})
    unit = _unit(unit_word)
    if d in ("before", "after"):
        e = m.end("u")
        return Candidate(s, e, "DURATION", "abs", duration_value(n, unit), {})
    sign = -1 if d in _DIR_BACK else 1
    if d in ("earlier", "later") and unit in ("D", "W", "WE"):
        return Candidate(s, e, "DURATION", "abs", duration_value(n, unit), {})
    if n is None:
        return Candidate(s, e, "DATE", "abs", "PAST_REF" if sign < 0 else "FUTURE_REF", {})
    f = {"n": n * sign, "unit": unit, "anaphoric": d != "ago"}
    if sign < 0 and _norm(m["qm"] or "") in _UP_TO:
        f["upto"] = True  # "less than two weeks ago": any time since then
    return Candidate(s, e, "DATE", "ago", "XXXX", f)


_UP_TO = frozenset({"less than", "fewer than", "no more than", "at most", "up to"})


_NOT_NOUNS = words("rate_not_nouns")
_ONE_DAY_LEADS = words("one_day_leads")
_SET_BEFORE = re.compile(r"(?:\d|\$|\b(?:" + "|".join(sorted(words("rate_before"))) + r"))\W*$")


@handler("dur")
def _dur(text, m, s, e):
    n_tok = _norm(m["n"])
    unit_word = _norm(m["u"])
    if n_tok in ("a", "an", "one") and unit_word in ("second", "quarter"):
        return None
    if n_tok in ("a", "an") and unit_word.endswith("s"):
        return None  # "a months-long standoff": not "a month"
    if re.match(r"\s+old\b", text[e : e + 5]):
        return None  # ages: "37 years old"
    if unit_word.startswith("quarter") and (
        text[m.start("u") - 1] == "-"
        or (n_tok == "three" and re.match(r"\s+of\b", text[e : e + 4]))
    ):
        return None  # fractions: "three-quarters of"
    if n_tok == "one" and unit_word == "day" and prev_word(text, s) in _ONE_DAY_LEADS:
        return Candidate(s, e, "DATE", "vague", "PAST_REF", {})
    pw = prev_word(text, s)
    plural_noun = pw.endswith("s") and pw not in _NOT_NOUNS and not pw.endswith("ss")
    if n_tok in ("a", "an") and (_SET_BEFORE.search(text[max(0, s - 12) : s]) or plural_noun):
        return None  # a rate ("$5 a year", "700 seats a week"): TimeML leaves it untagged
    if m["det"] and text[m.start("u") - 1] == "-":
        s = m.start("rel") if m["rel"] else m.start("n")  # "the two-week": adjective, no det
    if m["or2"]:  # "in a year or two": vague
        if prev_word(text, s) == "in":
            return Candidate(s, e, "DATE", "abs", "FUTURE_REF", {})
        return Candidate(s, e, "DURATION", "abs", duration_value(None, _unit(unit_word)), {})
    n = _number(m["n"])
    if n is not None and m["half"]:
        n += 0.5
    if n is not None and n > 5000:
        return None
    if unit_word in lexicon()["time_units"]:
        return Candidate(s, e, "DURATION", "abs", time_duration(n, unit_word), {})
    return Candidate(s, e, "DURATION", "abs", duration_value(n, _unit(unit_word)), {})


@handler("durlong")
def _durlong(text, m, s, e):
    unit_word = _norm(m["u"])
    if unit_word in lexicon()["time_units"]:
        return Candidate(s, e, "DURATION", "abs", time_duration(None, unit_word), {})
    return Candidate(s, e, "DURATION", "abs", duration_value(None, _unit(unit_word)), {})


@handler("set")
def _set(text, m, s, e):
    tok = m["u"]
    low = _norm(tok)
    lex = lexicon()
    if m.group(0).lower().startswith("per"):
        return None  # a rate ("per second"), not a recurring time
    n = _number(m["n"]) if m["n"] else 1.0
    if m.group(0).lower().startswith("every other"):
        n = 2.0
    if low.rstrip(".") in lex["weekdays"]:
        return Candidate(s, e, "SET", "abs", f"XXXX-WXX-{_weekday(low)}", {})
    if low in lex["seasons"]:
        return Candidate(s, e, "SET", "abs", f"XXXX-{lex['seasons'][low]}", {})
    if low in lex["months"]:
        if not _cap(tok):
            return None
        return Candidate(s, e, "SET", "abs", f"XXXX-{_month(low):02d}", {})
    if low in lex["time_units"]:
        return Candidate(s, e, "SET", "abs", time_duration(n, low), {})
    return Candidate(s, e, "SET", "abs", duration_value(n, _unit(low)), {})


from nktimeline.temporal import rules_vague as _rules_vague  # noqa: E402,F401
