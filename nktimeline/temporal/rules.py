"""Handlers for calendar expressions: explicit dates, times, years, decades, quarters.

Each handler receives (text, match of its own rule, start, end) and returns a ``Candidate``
or ``None`` to reject the match.  Relative expressions are handled in ``rules_rel``.
"""

from __future__ import annotations

import datetime as dt
import re

from nktimeline.temporal.finder import (
    Candidate,
    _cap,
    _day,
    _month,
    _weekday,
    handler,
    next_word,
    prev_word,
)
from nktimeline.temporal.lexicon import context, lexicon, word_number, words


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _abs(s: int, e: int, value: str, typ: str = "DATE", end_value: str | None = None) -> Candidate:
    return Candidate(s, e, typ, "abs", value, {"end_value": end_value})


@handler("iso")
def _iso(text, m, s, e):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    v = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["hh"] and int(m["hh"]) < 25 and int(m["mi"]) < 60:
        return _abs(s, e, f"{v}T{m['hh']}:{m['mi']}", "TIME")
    return _abs(s, e, v)


@handler("ymd")
def _ymd(text, m, s, e):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    if text[e - 1 : e] == ".":
        e -= 1
    return _abs(s, e, f"{y:04d}-{mo:02d}-{d:02d}")


@handler("mdy")
def _mdy(text, m, s, e):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    mo, d = (b, a) if (m["sep"] == "." or a > 12) else (a, b)
    if not _valid(y, mo, d):
        return None
    return _abs(s, e, f"{y:04d}-{mo:02d}-{d:02d}")


def _time_str(m) -> str | None:
    if m["nm"]:
        return "12:00" if m["nm"].lower() == "noon" else "24:00"
    if m["h24"] is not None:
        return f"{int(m['h24']):02d}:{m['mi24']}"
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ap = (m["ap"] or "").lower()
    if ap.startswith("p") and h < 12:
        h += 12
    elif ap.startswith("a") and h == 12:
        h = 0
    if h > 24 or (ap[:1] in ("a", "p") and int(m["h"]) > 12):
        return None
    return f"{h:02d}:{mi:02d}"


_DAY_RE = re.compile(r"(?P<mon>[A-Za-z]+)\.?\s*(?P<d>\w+)")


@handler("time")
def _time(text, m, s, e):
    t = _time_str(m)
    if t is None:
        return None
    if m["h24"] is not None and text[s - 1 : s] in ("$", "-"):
        return None
    day = m["day"]
    spec: dict | None = None
    if day:
        low = day.lower().rstrip(".")
        if low in ("today", "tonight"):
            spec = {"kind": "relday", "off": 0}
        elif low == "yesterday":
            spec = {"kind": "relday", "off": -1}
        elif low == "tomorrow":
            spec = {"kind": "relday", "off": 1}
        elif low in lexicon()["weekdays"]:
            spec = {"kind": "weekday", "wd": _weekday(low), "mod": None}
        else:
            dm = _DAY_RE.match(day)
            try:
                spec = {"kind": "md", "mon": _month(dm["mon"]), "d1": _day(dm["d"])}
            except (KeyError, TypeError, ValueError):
                return None
    return Candidate(s, e, "TIME", "time", f"XXXX-XX-XXT{t}", {"t": t, "day": spec})


def _md_common(text, m, s, e, d1tok: str, d2tok: str | None) -> Candidate | None:
    mon_tok = m["mon"]
    if not _cap(mon_tok):
        return None
    mon = _month(mon_tok)
    d1 = _day(d1tok)
    if not 1 <= d1 <= 31:
        return None
    f: dict = {"mon": mon, "d1": d1}
    if m["wd"]:
        if not _cap(m["wd"]):
            return None
        f["wd"] = _weekday(m["wd"])
    mon2 = mon
    if m.re.groupindex.get("mon2") and m["mon2"]:
        mon2 = _month(m["mon2"])
        if m["conn"].lower() not in ("-", "–", "—"):
            d2tok = None  # "from Aug. 26 to Oct. 20": two expressions
            e = _trim_range(text, m, s)
    if d2tok:
        d2 = int(re.sub(r"\D", "", d2tok))
        if not 1 <= d2 <= 31 or (mon2 == mon and d2 <= d1):
            # not a range: keep the first date only
            e = _trim_range(text, m, s)
        else:
            f["mon2"], f["d2"] = mon2, d2
    y = m["y"]
    if y:
        y = int(y)
        if not _valid(y, mon, d1):
            return None
        v = f"{y:04d}-{mon:02d}-{d1:02d}"
        ev = None
        if "d2" in f and _valid(y, f["mon2"], f["d2"]):
            ev = f"{y:04d}-{f['mon2']:02d}-{f['d2']:02d}"
        return _abs(s, e, v, end_value=ev)
    if not _valid(2000, mon, d1):
        return None
    return Candidate(s, e, "DATE", "md", f"XXXX-{mon:02d}-{d1:02d}", f)


def _trim_range(text, m, s) -> int:
    """End offset of a month-day match without its (invalid) range tail."""
    end = m.end("d1")
    if m["y"] and m.start("y") > end:
        return m.end("y")
    return end


@handler("md")
def _md(text, m, s, e):
    if m["wd"] and m["wd"].lower().rstrip(".") not in lexicon()["weekdays"]:
        return None
    nxt = text[e : e + 3]
    if re.match(r"\s?%|,\d|\.\d", nxt):
        return None
    return _md_common(text, m, s, e, m["d1"], m["d2"])


@handler("dm")
def _dm(text, m, s, e):
    if m["mon"].lower().rstrip(".") in ("may", "march", "mar") and not m["y"]:
        nw = next_word(text, e)
        if nw[:1].islower() and nw not in ("and", "to", "in", "at", "when", "for", "last", "this"):
            return None
    return _md_common(text, m, s, e, m["d1"], m["d2"])


@handler("monyear")
def _monyear(text, m, s, e):
    if not _cap(m["mon"]):
        return None
    mon, y = _month(m["mon"]), int(m["y"])
    return _abs(s, e, f"{y:04d}-{mon:02d}")


_QORD: dict[str, int] = context()["quarter_ordinals"]
_Y4 = re.compile(r"\b(1\d\d\d|20\d\d)\b")


@handler("quarter")
def _quarter(text, m, s, e):
    ordw = m["ord"].lower()
    q = _QORD[ordw]
    half = m["qh"].lower() == "half"
    det = (m["det"] or "").lower()
    if half and q > 2:
        if ordw in ("last", "final"):
            q = 2
        else:
            return None
    if ordw == "last" and det in ("", "next") and not half:
        off = 1 if det == "next" else -1
        return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "rel", "off": off})
    if det == "its" or (det in ("a", "the") and text[m.end("ord") : m.end("ord") + 1] == "-"):
        s = m.start("adj") if m["adj"] else m.start("ord")
    if m["dd"] or m["dd2"]:  # "the last half of the '80s": within that decade
        if m["dd"]:
            return _abs(s, e, f"{m['dc']}{m['dd']}")
        d = int(m["dd2"])
        return _abs(s, e, f"20{d}" if d < 3 else f"19{d}")
    year = None
    yoff = None
    if m["y"]:
        year = int(m["y"])
    elif m["adj"] and _Y4.search(m["adj"]):
        year = int(_Y4.search(m["adj"]).group(1))
    elif det.endswith("year's"):
        yoff = {"this": 0, "last": -1, "next": 1}[det.split()[0]]
    elif m["ymod"]:
        yoff = {"this": 0, "last": -1, "next": 1}[m["ymod"].lower()]
    code = f"H{q}" if half else f"Q{q}"
    if year is not None:
        return _abs(s, e, f"{year:04d}-{code}")
    return Candidate(s, e, "DATE", "quarter", f"XXXX-{code}", {"code": code, "yoff": yoff})


@handler("quarter2")
def _quarter2(text, m, s, e):
    det = m["det"].lower()
    adj = " ".join((m["adj"] or "").lower().split())
    if text[e : e + 1] == "-":
        return None
    if m["ago"] or det.startswith("last year"):
        # "the quarter a year ago", "the corresponding period last year", "last year's
        # quarter": the reported quarter one year back
        return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "yago"})
    if adj in ("same", "corresponding"):
        return None  # "the same period": which one is left to the comparison
    if m["q"].lower() == "period" and not adj:
        return None
    if _Y4.fullmatch(adj):
        return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "year", "year": int(adj)})
    if m["q"].lower() == "period" and adj not in ("latest", "most recent", "comparable"):
        return None
    if det in ("this",) or adj == "current":
        return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "rel", "off": 0})
    if det == "next":
        return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "rel", "off": 1})
    if det == "last" or adj in ("previous", "past"):
        return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "rel", "off": -1})
    return Candidate(s, e, "DATE", "qref", "XXXX-QX", {"mode": "ref"})


@handler("yearago")
def _yearago(text, m, s, e):
    if m["nm"]:  # "the year-earlier nine months": a span of that many months
        n = word_number(m["nm"].lower())
        return _abs(s, e, f"P{int(n or 0)}M", "DURATION") if n else None
    if m["det"] and not m["what"]:
        s = m.start("ya")
    return Candidate(s, e, "DATE", "yref", "XXXX", {"n": 1})


def _decade_value(m) -> str | None:
    if m["c"]:
        return f"{m['c']}{m['dd']}"
    d = m["dd2"] or m["dd3"]
    if m["dd3"] and not m.group(0).lower().startswith("the"):
        return None
    d = int(d)
    return f"20{d}" if d < 3 else f"19{d}"


@handler("decade")
def _decade(text, m, s, e):
    v = _decade_value(m)
    if v is None:
        return None
    if text[e : e + 1] == "-":
        return None
    return _abs(s, e, v)


@handler("decadew")
def _decadew(text, m, s, e):
    tens = word_number(m["tw"].lower()[:-3] + "y")
    if tens is None:
        return None
    return _abs(s, e, f"19{int(tens) // 10}")


@handler("century")
def _century(text, m, s, e):
    n = int(m["cn"]) if m["cn"] else lexicon()["ordinals"].get(m["cw"].lower(), 0)
    if not 1 <= n <= 22:
        return None
    return _abs(s, e, f"{n - 1:02d}")


_SAME_PHRASE_WORD = re.compile(r"[ \t\u00a0]{1,3}([\w%$'’]+)")


def _year_context_ok(text: str, s: int, e: int, y: int, has_pre: bool) -> bool:
    lex = lexicon()
    before = text[max(0, s - 1) : s]
    if before in ("$", "#", "€", "£", "₩", "¥", "/", ":", "+"):
        return False
    pw = prev_word(text, s)
    # the word right after the number, in the same phrase: "2000 soldiers" is a count,
    # while "in 2009. Shares fell" and "in 2009, people moved" are years
    nm = _SAME_PHRASE_WORD.match(text, e)
    nw = nm.group(1) if nm is not None else ""
    nwl = nw.lower()
    pm = re.search(r"([A-Z][\w.&-]*)\s+$", text[max(0, s - 25) : s])
    if (
        pm
        and not has_pre
        and pm.group(1).lower().rstrip(".") not in lex["year_leads"]
        and pm.group(1).lower() not in words("year_lead_determiners")
        and (pm.group(1).lower().rstrip(".") not in lex["months"])
        and s - len(pm.group(0)) > 0
        and (
            text[max(0, s - len(pm.group(0)) - 8) : s - len(pm.group(0))].rstrip(" \t")[-1:]
            not in '.\n"“?!'
        )
    ):
        return False  # "Boeing 747", "Windows 2000": a name with a number
    if text[e : e + 1] in ("%", ":") or text[e : e + 2] in (" %", "-y"):
        return False
    if nwl in lex["year_negative_following"]:
        return False
    if has_pre:
        return True
    if pw in lex["year_negative_preceding"] or pw.endswith("$"):
        return False
    lead = pw in lex["year_leads"] or pw.endswith("'s") or pw in words("year_lead_determiners")
    if y < 1800 and not lead:
        return False
    # "2000 soldiers": a count followed by a plural noun
    return lead or not (
        nw[:1].islower() and nwl.endswith("s") and not nwl.endswith("ss") and nwl not in _VERBS_S
    )


_VERBS_S = words("year_followers_verbs")


@handler("year")
def _year(text, m, s, e):
    y = int(m["y"])
    if not _year_context_ok(text, m.start("y"), e, y, bool(m["pre"])):
        return None
    return _abs(s, e, f"{y:04d}")


@handler("yrange")
def _yrange(text, m, s, e):
    y1 = int(m["y1"])
    t2 = m["y2"]
    y2 = (y1 // 100) * 100 + int(t2) if len(t2) == 2 else int(t2)
    if not y1 < y2 <= y1 + 99:
        return None
    if not _year_context_ok(text, s, e, y1, False):
        return None
    return _abs(s, e, f"{y1:04d}", end_value=f"{y2:04d}")


@handler("spoken")
def _spoken(text, m, s, e):
    if m["sp"]:
        words = re.split(r"[\s-]+", m["sp"].lower())
        head = word_number(words[0])
        rest = [w for w in words[1:] if w != "oh"]
        tail = 0.0 if rest == ["hundred"] else (word_number(" ".join(rest)) if rest else None)
        if head is None or tail is None:
            return None
        y = int(head) * 100 + int(tail)
    else:
        words = re.split(r"[\s-]+", m.group(0).lower())
        idx = words.index("thousand")
        tail = [w for w in words[idx + 1 :] if w != "and"]
        y = 2000 + int(word_number(" ".join(tail)) or 0) if tail else 2000
    return _abs(s, e, f"{y:04d}")


from nktimeline.temporal import rules_rel as _rules_rel  # noqa: E402,F401
