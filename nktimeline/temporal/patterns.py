"""Regular expressions of the temporal finder, built from the lexicon.

Each rule is a ``(name, pattern)`` pair with named groups.  The finder scans a text once with
the alternation of all rules (inner names stripped) and re-matches the winning rule's own
pattern at that position to read its groups.  Order matters: at one position the first rule
that matches wins, so longer / more specific rules come first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Any

from nktimeline.casefold import compile_lowered
from nktimeline.regex_starts import DIGIT, first_words, starts_with, words_after_number
from nktimeline.regex_trie import alternation
from nktimeline.temporal.lexicon import alt, lexicon, tree_alt

# The longest number spelled out in words that a time expression holds ("nine hundred and
# ninety-nine thousand ..."): bounding the run keeps every match short, so a page of number
# words costs time in proportion to its length, not to its square.
MAX_NUMBER_WORDS = 12


def _pieces(alt: Callable[[Any], str] = alt) -> dict[str, str]:
    lex = lexicon()
    nums = [k for k in lex["numbers"] if k not in ("a", "an") and " " not in k]
    numword = alt(nums)
    num = (
        r"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?"
        rf"|{numword}(?:[\s-]+(?:and\s+)?{numword}){{0,{MAX_NUMBER_WORDS - 1}}}"
        r"(?:\s+and\s+(?:a|one)\s+half)?"
        r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|half\s+an?|an?)"
    )
    vague = alt(lex["vague_numbers"])
    units = alt(lex["units"])
    months = alt(lex["months"])
    weekdays = alt(lex["weekdays"])
    wd_full = alt([w for w in lex["weekdays"] if len(w) > 5])
    ordinals = alt([k for k in lex["ordinals"] if lex["ordinals"][k] > 0])
    tens = alt([w[:-1] + "ies" for w, v in lex["numbers"].items() if 20 <= v <= 90 and v % 10 == 0])
    return {
        "NUM": num,
        "NUMRANGE": rf"(?:{num}(?:\s*(?:-|–|to|or)\s*{num})?|{vague})",
        "VAGUE": vague,
        "UNITS": units,
        "MON": rf"(?:{months})\b\.?",
        "MONFULL": alt([m for m in lex["months"] if len(m) > 3 or m == "may"]),
        "WD": rf"(?:{weekdays})\b\.?",
        "WDFULL": rf"(?:{wd_full}\b|(?:tues|thurs)\b\.?)",
        "ORD": ordinals,
        "NUMWORD": numword,
        "TENSIES": tens,
        "DAY": rf"(?:[0-3]?\d(?:st|nd|rd|th)?(?!\d|:\d)|{ordinals})",
        "Y4": r"(?:1\d\d\d|20\d\d)(?![\d,]?\d)",
        "PRE": alt(lex["date_modifiers"] + ["mid-", "early-", "late-"]),
        "DURMOD": alt(lex["duration_modifiers"]),
        "SEASON": alt(lex["seasons"]),
        "TZ": alt(lex["time_zones"]),
        "HOLIDAY": alt(list(lex["holidays"])),
        "SETW": alt(lex["sets"]),
        "PARTS": r"(?:morning|afternoon|evening|night)",
        "PRESENT": alt(lex["present_ref"]),
        "PAST": alt(lex["past_ref"]),
        "FUTURE": alt(lex["future_ref"]),
    }


def _rules(p: dict[str, str], alt: Callable[[Any], str] = alt) -> list[tuple[str, str]]:
    NUM, MON, DAY, Y4, PRE = p["NUM"], p["MON"], p["DAY"], p["Y4"], p["PRE"]
    UNITS, WD, WDFULL, ORD = p["UNITS"], p["WD"], p["WDFULL"], p["ORD"]
    rel = (
        r"(?:first|last|past|next|previous|coming|following|latest|final|initial|remaining"
        r"|ensuing|preceding|subsequent|recent|last\s+few|past\s+few|next\s+few|first\s+few"
        r"|past\s+several|last\s+several|next\s+several|coming\s+few|few)"
    )
    return [
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T\s](?P<hh>\d\d):(?P<mi>\d\d))?\b"),
        ("ymd", r"\b(?P<y>(?:19|20)\d\d)(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\b\.?"),
        ("mdy", r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b"),
        (
            "time",
            r"(?:(?P<tm>around|about|approximately|shortly\s+after|shortly\s+before)\s+)?"
            r"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?|o'clock)"
            r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])|(?P<nm>noon|midnight))"
            rf"(?:\s+(?P<tz>{p['TZ']})\b\.?)?"
            rf"(?:,?\s+(?P<day>{WDFULL}|today|yesterday|tomorrow|tonight|{MON}\s*{DAY}))?",
        ),
        (
            "md",
            rf"(?:(?P<wd>{WD}),?\s+)?(?:(?P<pre>{PRE})[\s-]+)?(?P<mon>{MON})\s*(?P<d1>{DAY})"
            rf"(?:\s*(?P<conn>-|–|—|to|through|thru|and|&)\s*(?:(?P<mon2>{MON})\s*)?"
            rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![,.]?\d|:))?"
            rf"(?:,?\s*(?P<y>{Y4})\b(?!\s*[-–/]\d))?",
        ),
        (
            "dm",
            rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
            rf"(?P<mon>{MON})(?:,?\s+(?P<y>{Y4})\b)?",
        ),
        (
            "monyear",
            rf"(?:(?P<pre>{PRE})[\s-]*)?(?P<mon>{MON}),?\s+(?:of\s+)?(?P<y>{Y4})\b(?!\s*[-–]\d)",
        ),
        (
            "quarter",
            r"(?:(?P<det>the|its|this\s+year's|last\s+year's|next\s+year's|a|this|last|next)\s+)?"
            rf"(?:(?P<adj>(?:fiscal|latest|current|comparable|same|flat|calendar|{Y4})[\s-]+)*)"
            r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+"
            r"(?:fiscal[\s-]+)?(?P<qh>quarter|half)\b(?!s)"
            r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y>(?:1\d\d\d|20\d\d)\b)"
            r"|(?P<ymod>this|last|next)\s+year|the\s+(?:fiscal\s+)?year"
            r"|the\s+(?:(?P<dc>1\d|20)(?P<dd>\d)0|['’](?P<dd2>\d)0)['’]?s\b))?",
        ),
        (
            "quarter2",
            r"(?P<det>the|this|last\s+year['’]s|last|next|that|its)\s+(?P<adj>(?:latest|current"
            r"|previous|past|recent|fiscal|most\s+recent|just-ended|just\s+ended|comparable|same"
            r"|corresponding|(?:1\d\d\d|20\d\d))\s+)?(?P<q>quarter|period)\b(?!s|ly)"
            r"(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year))?",
        ),
        (
            "yearago",
            r"(?:(?P<det>the|a)\s+)?(?:(?:comparable|same|corresponding)\s+)?"
            r"(?P<ya>year-ago|year-earlier|year-before|prior-year)"
            rf"(?:\s+(?:(?P<ord>{ORD}|fiscal)\s+)?(?P<what>quarter|period|level|months?)"
            r"|\s+(?P<nm>three|six|nine|twelve|\d{1,2})\s+months)?\b",
        ),
        (
            "decade",
            rf"(?:the\s+)?(?:(?P<pre>early|late|mid|{PRE})[\s-]+)?"
            r"(?:(?P<c>1\d|20)(?P<dd>\d)0|['’](?P<dd2>\d)0|(?P<dd3>[1-9])0)['’]?s\b",
        ),
        (
            "decadew",
            rf"the\s+(?:(?P<pre>early|late|mid)[\s-]+)?(?P<tw>{p['TENSIES']})\b",
        ),
        (
            "century",
            rf"(?:the\s+)?(?:(?P<pre>early|late|mid)[\s-]+)?(?:(?P<cn>\d{{1,2}})(?:st|nd|rd|th)"
            rf"|(?P<cw>{ORD}))[\s-]+century\b",
        ),
        ("yrange", rf"(?P<y1>{Y4})\s*(?:-|–|/)\s*(?P<y2>\d\d|1\d\d\d|20\d\d)\b(?![-/.]\d)"),
        (
            "ago",
            rf"(?:(?P<qm>{p['DURMOD']})\s+)?(?P<n>{NUM}|{p['VAGUE']})\s+(?P<u>{UNITS})"
            r"(?:\s+or\s+(?:so|two|more))?\s+"
            r"(?P<dir>ago|earlier|later|before|after|back|from\s+now|hence|previously|prior)\b",
        ),
        (
            "dur",
            rf"(?:(?P<qm>{p['DURMOD']})\s+)?(?:(?P<det>the|these|those|its|their|his|her|our"
            rf"|each\s+of\s+the)\s+)?(?:(?P<rel>{rel})\s+)?(?P<n>{p['NUMRANGE']})"
            r"(?:\s+(?:more|additional|full|straight|consecutive|whole|long))?[\s-]+"
            rf"(?P<u>{UNITS})\b(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so|(?P<or2>\s+or\s+two))?"
            r"(?P<lng>-long|-old)?",
        ),
        ("durlong", rf"(?P<u>{UNITS})-long\b"),
        (
            "year",
            rf"(?:(?P<pre>{PRE}|fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year|"
            r"the\s+end\s+of|the\s+fiscal\s+year)[\s-]*)?"
            r"(?P<y>(?:1\d\d\d|20\d\d))(?![\d,.]\d)(?!['’]?s\b)(?!\s*(?:-|–|/)\s*\d)\b",
        ),
        (
            "spoken",
            r"(?:the\s+year\s+)?(?P<sp>(?:nineteen|twenty)[\s-]+(?:(?:twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight"
            r"|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
            r"|nineteen|hundred|oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)))\b"
            r"|the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six"
            r"|seven|eight|nine|ten))?\b",
        ),
        (
            "holiday",
            rf"(?:(?P<mod>last|next|this)\s+)?(?P<hol>{p['HOLIDAY']})\b(?:,?\s+(?P<y>{Y4}))?",
        ),
        (
            "partday",
            r"(?P<pre>early|late|later|earlier)?\s*(?P<mod>this|last|tomorrow|yesterday)\s+"
            r"(?P<part>morning|afternoon|evening|night)\b",
        ),
        (
            "nthday",
            rf"(?:the\s+)?(?P<ord>{ORD})\s+(?:straight\s+|consecutive\s+)?day(?=\s+of\b)",
        ),
        (
            "relday",
            r"(?:(?P<pre>early|late|earlier|later|mid|(?:mid[\s-]?)?(?:morning|afternoon|evening))"
            r"[\s-]+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today"
            r"|yesterday|tomorrow|tonight|overnight)\b"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
        ),
        (
            "daypart",
            r"(?:the\s+)?(?:(?P<pre>early|late|mid)[\s-]?)?(?P<part>morning|afternoon|evening)\b"
            r"(?!['’]s|-)",
        ),
        (
            "weekday",
            r"(?:(?P<mod>last|next|this\s+coming|this\s+past|this|coming|past|early|late|earlier"
            r"|later|the\s+previous|the\s+following|the\s+next|the\s+last|mid)[\s-]+)?"
            rf"(?P<wd>{WDFULL})(?P<pl>s)?\b(?:\s+(?P<part>morning|afternoon|evening|nights?))?",
        ),
        (
            "month",
            rf"(?:(?P<pre>{PRE})[\s-]*)?(?:(?P<mod>last|next|this|this\s+past|this\s+coming"
            rf"|the\s+coming|the\s+past|each|every)\s+)?(?P<mon>{p['MONFULL']}|{MON})\b"
            r"(?:\s+(?:of\s+)?(?P<mod2>last|next|this)\s+year)?",
        ),
        (
            "season",
            rf"(?:(?P<pre>{PRE})[\s-]+)?(?:(?P<mod>this\s+past|this\s+coming|the\s+coming"
            r"|the\s+past|the\s+early|the\s+late|this|last|next|the|early|late|mid|every|each)\s+)?"
            rf"(?P<s>{p['SEASON']})\b(?:\s+(?:of\s+)?(?P<y>(?:1\d\d\d|20\d\d)\b"
            r"|(?:this|last|next)\s+year))?",
        ),
        (
            "anaph",
            r"(?P<mod>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding"
            r"|the\s+prior)\s+(?P<u>day|month|year)\b(?![-’'])"
            r"|the\s+day\s+(?P<dir>before|after)\b(?!\s+(?:yesterday|tomorrow))"
            r"|(?:later|earlier)\s+in\s+(?P<inday>the\s+day)\b"
            r"|(?:until|till|by)\s+(?P<then>then)\b"
            r"|at\s+(?P<atime>the\s+time)\b(?!\s+(?:of|when|that|being|to|and|for)\b)",
        ),
        (
            "relunit",
            rf"(?:(?P<pre>{PRE}|earlier|later)[\s-]+(?:(?P<in>in|of)\s+)?)?"
            r"(?P<mod>the\s+full|the\s+fiscal|last|next|this|the\s+past|the\s+last|the\s+previous"
            r"|the\s+next|the\s+coming|the\s+current|the\s+following|this\s+past|this\s+coming"
            r"|coming|previous|past|following|current|the\s+latest|the\s+preceding|the\s+prior"
            r"|the\s+present|the|that)\s+(?P<u>week|weekend|month|year|decade|century"
            r"|fiscal\s+year|calendar\s+year)\b(?!-)",
        ),
        (
            "yearend",
            r"(?:(?P<det>the)\s+)?(?P<u>year|month|quarter|week)(?:[\s-]|['’]s\s+)end\b",
        ),
        (
            "set",
            r"(?:(?P<f>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|an|per|every|each)"
            rf"|every\s+other|every|each|per)\s+(?:(?P<n>{NUM})\s+)?"
            rf"(?P<u>{UNITS}|{WDFULL}|{p['MONFULL']}|{p['SEASON']})\b",
        ),
        (
            "vagueplural",
            r"(?:(?P<det>the)\s+)?(?P<m>recent|coming|upcoming|future|past|next\s+few|last\s+few"
            r"|past\s+few|later)\s+(?P<u>days|weeks|months|years|decades|quarters)\b",
        ),
        (
            "vaguedur",
            rf"(?:(?P<qm>{p['DURMOD']})\s+)?(?P<w>{alt(lexicon()['vague_durations'])})\b"
            r"(?:\s+(?P<ago>ago|back))?",
        ),
        ("fut", rf"(?P<w>{p['FUTURE']})\b(?!-)"),
        ("pres", rf"(?P<w>{p['PRESENT']})\b(?!-)"),
        ("past", rf"(?P<w>{p['PAST']})\b(?!-)"),
        ("bare", r"(?P<u>years|months|weeks|days|decades|centuries|hours|minutes)\b"),
    ]


_DIGIT_START = re.compile(r"\\d|\[0-9|\(\?:1\\d|\[01\]|\[0-3\]|\[1-9\]|\(\?:19|\(\?:1\d")


@lru_cache(maxsize=1)
def _rule_words() -> list[tuple[str, str, frozenset[str]]]:
    out = []
    for name, pat in _rules(_pieces()):
        words = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", pat))
        out.append((name, pat, words))
    return out


@lru_cache(maxsize=1)
def _all_words() -> frozenset[str]:
    """Every literal word written in some rule pattern (plus regex noise such as ``s``/``d``,
    which only costs a few extra attempts), so it stays in sync with the rules: the words
    that can follow a trigger inside an expression."""
    words: set[str] = set()
    for _name, _pat, ws in _rule_words():
        words.update(ws)
    return frozenset(words)


@lru_cache(maxsize=1)
def triggers() -> frozenset[str]:
    """Lower-case words that may begin a time expression: the rules' literal words that
    some rule can start with (``regex_starts``: "to" and "of" are written in rules, but no
    rule starts with them).  A token starting with a digit or an apostrophe-digit is always
    a trigger.
    """
    return frozenset(w for w in _all_words() if _rules_for(w))


@lru_cache(maxsize=1)
def _rule_starts() -> dict[str, frozenset[str] | None]:
    """Rule name -> the words it can start with (None: not known, so any of its words)."""
    return {name: first_words(src) for name, src in _gate_sources().items()}


def _may_start(name: str, word: str) -> bool:
    firsts = _rule_starts()[name]
    return firsts is None or starts_with(word, firsts)


def _rules_for(key: str) -> tuple[str, ...]:
    """The rules that can start with ``key`` (a word, or "0" for a number)."""
    if key == "0":
        return tuple(
            n for n, p, _w in _rule_words() if _DIGIT_START.search(p) and _may_start(n, DIGIT)
        )
    return tuple(n for n, _p, w in _rule_words() if key in w and _may_start(n, key))


@lru_cache(maxsize=1)
def _number_followers() -> dict[str, frozenset[str] | None]:
    """Rule name -> the words that can follow a number it starts with (None: any word, or
    none at all: the rule may end with the number)."""
    return {n: words_after_number(_gate_sources()[n]) for n in key_rules("0")}


@lru_cache(maxsize=8192)
def number_rules(second: str | None) -> tuple[str, ...]:
    """The rules that can start with a number followed by the word ``second`` (lower case,
    digits as "0"; None when no word follows), in rule order: "48 percent" needs no date
    range, duration or quarter rule."""
    follow = _number_followers()
    return tuple(
        n
        for n in key_rules("0")
        if (f := follow[n]) is None or (second is not None and starts_with(second, f))
    )


@cache
def _word_index() -> dict[str, frozenset[str]]:
    """Word (or "0" for a number) -> the rules that spell it out anywhere."""
    out: dict[str, set[str]] = {}
    for n, p, words in _rule_words():
        for w in words:
            out.setdefault(w, set()).add(n)
        if _DIGIT_START.search(p):
            out.setdefault("0", set()).add(n)
    return {w: frozenset(ns) for w, ns in out.items()}


@cache
def is_standalone(word: str) -> bool:
    """Whether trigger ``word`` can form an expression on its own ("Friday", "now", "May").

    Any other trigger ("the", "last", "a" ...) needs a following word that the same rule
    also spells out, which lets the finder skip "the company" without running a regex.
    Decided per word on first sight with the rules' own (already compiled) patterns, so
    start-up does not compile a master pattern for every trigger word.
    """
    if word == "0":
        return True
    own = compiled()[0]
    probe = f"{word} qzxv."
    return any(own[n].match(probe) is not None for n in _rules_for(word))


@cache
def key_rules(key: str) -> tuple[str, ...]:
    """Names of the rules that can start with ``key``, in rule order."""
    order = _order()
    return tuple(sorted(_rules_for(key), key=order.__getitem__))


@lru_cache(maxsize=8192)
def pair_rules(first: str, second: str) -> tuple[str, ...]:
    """Rules that can start with ``first`` and spell out the following word ``second``, in
    rule order."""
    names = frozenset(key_rules(first)) & _word_index().get(second, frozenset())
    order = _order()
    return tuple(sorted(names, key=order.__getitem__))


@lru_cache(maxsize=1)
def _order() -> dict[str, int]:
    return {n: i for i, (n, _p, _w) in enumerate(_rule_words())}


@lru_cache(maxsize=1)
def compiled() -> tuple[dict[str, re.Pattern[str]], list[str]]:
    """(rule name -> own pattern, rule names in order).

    No alternation of all rules is compiled: the finder tries, at each trigger word, the
    own patterns of the few rules that can start there (``key_rules``/``pair_rules``).
    """
    rules = _rules(_pieces())
    own = {name: re.compile(pat, re.I) for name, pat in rules}
    return own, [name for name, _ in rules]


@lru_cache(maxsize=1)
def _gate_sources() -> dict[str, str]:
    # A run of digits in a rule is always followed by something that cannot start with a
    # digit ("2019 election": giving back "9", "19" ... can never match), so the copies
    # take it possessively and fail at once.
    return {
        name: src.replace(r"\d+", r"\d++")
        for name, src in _rules(_pieces(alt=tree_alt), alt=tree_alt)
    }


class _Gates(dict[str, re.Pattern[str]]):
    def __missing__(self, name: str) -> re.Pattern[str]:
        gate = self[name] = compile_lowered(_gate_sources()[name])
        return gate


_GATES = _Gates()


def gates() -> dict[str, re.Pattern[str]]:
    """Rule name -> its pattern for lower-cased text (``casefold.lowered``), compiled on
    first use.  It tells much faster whether a rule can match at a position; the original
    pattern is matched (on the original text) only where it can, to read its groups."""
    return _GATES


@lru_cache(maxsize=1)
def scanner() -> re.Pattern[str]:
    """Word starts (in lower-cased text) where some rule may begin: a standalone trigger, a
    number, or a trigger that some rule spells out together with the word after it.

    The finder used to visit every word and ask these questions in Python; one regex pass
    finds the same positions in C.  Group 1 is the trigger word (or the number)."""
    return re.compile(rf"(?<!\w){_token()}")


@lru_cache(maxsize=1)
def _token() -> str:
    """The scanner's group 1: a trigger word or a number (see ``scanner``)."""
    trig = triggers()
    alone = frozenset(w for w in trig if is_standalone(w))
    paired = trig - alone
    seconds = _all_words()
    # Trigger words are letters only, so once a word has matched, backtracking into the
    # tree for a shorter one can only end inside the same word: atomic groups skip that.
    return (
        rf"((?>{alternation(alone)})(?!\w)|\d\w*"
        rf"|(?>{alternation(paired)})(?!\w)(?=[\W_]{{0,4}}?(?:(?>{alternation(seconds)})(?!\w)|\d)))"
    )


@lru_cache(maxsize=1)
def _scan_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    token = _token()
    return re.compile(token), re.compile(rf"\W{token}")


def scan(low: str) -> Iterator[re.Match[str]]:
    """The matches of ``scanner()`` in ``low`` (the token is group 1: read its offsets with
    ``start(1)``), found faster.

    A token is letters or digits only and follows a non-word character or the start of the
    text.  Searched as that character plus the token, the pattern opens with a character
    class, which the regex engine skips to in C, instead of trying the lookbehind and the
    word tree at every position.  The character is never part of the token before (which
    ends in a word character), so the same tokens are found; only a token opening the text
    has no such character and is looked for on its own first."""
    first, rest = _scan_patterns()
    m = first.match(low)
    pos = 0
    if m is not None:
        yield m
        pos = m.end()
    yield from rest.finditer(low, pos)
