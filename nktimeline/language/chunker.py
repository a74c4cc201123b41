"""Noun phrases and verb groups from part-of-speech tags (rules; word lists in
``resources/language/chunks.json``).

Noun phrases are found by one regular expression over the sentence's tags written one
character per tag (determiner D, adjective J, number C, noun N, proper noun M, pronoun P,
possessive O, participle G ...): a participle counts as a modifier only inside a phrase
that already began ("the *proposed* deal"), so "has *launched* missiles" stays a verb.
Verb groups are read left to right: a modal or auxiliary (be, have, do, get) continues the
group through adverbs and negation to the next verb that fits it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from nktimeline.paths import load_json


@dataclass(frozen=True)
class Words:
    be: frozenset[str]
    have: frozenset[str]
    do: frozenset[str]
    get: frozenset[str]
    negations: frozenset[str]
    future: frozenset[str]
    subordinators: frozenset[str]
    relatives: frozenset[str]
    complementizers: frozenset[str]
    coordinators: frozenset[str]
    clause_verbs: frozenset[str]
    attribution: frozenset[str]
    infinitive_heads: frozenset[str]
    time_nouns: frozenset[str]


@cache
def words() -> Words:
    d = load_json("language/chunks.json")
    return Words(*(frozenset(d[k]) for k in _LISTS))


_LISTS = (
    "be", "have", "do", "get", "negations", "future_modals", "subordinators", "relatives",
    "complementizers", "coordinators", "clause_verbs", "attribution", "infinitive_heads",
    "time_nouns",
)  # fmt: skip


class _Chars(dict):
    def __missing__(self, key: str) -> str:
        return "x"


# One character per tag, so that phrases are regular expressions over a string.
TAG_CHARS = _Chars(
    {
        "DT": "D", "PDT": "D", "PRP$": "D", "WP$": "D",
        "JJ": "J", "JJR": "J", "JJS": "J", "AFX": "J",
        "VBN": "n", "VBG": "g", "VB": "b", "VBD": "d", "VBZ": "z", "VBP": "p", "MD": "m",
        "TO": "t", "IN": "i", "RP": "q",
        "CD": "C", "$": "S", "#": "S",
        "NN": "N", "NNS": "N", "NNP": "M", "NNPS": "M",
        "PRP": "P", "EX": "P",
        "POS": "O",
        "RB": "R", "RBR": "R", "RBS": "R",
        "CC": "&", ",": ",",
    }
)  # fmt: skip
_MOD = r"(?:[JCS]|R+J)"
_BASE = (
    rf"(?:(?:D(?:{_MOD}|[ng])*|{_MOD}(?:{_MOD}|[ng])*)?(?:[NM]*M+C(?:,C)?|[NM]+)"  # "June 2018"
    r"|D?[CS]+"  # "the two", "3,000"
    r"|P"  # pronoun
    r"|D)"  # "this", "all"
)
# The lookahead names every tag that may begin a phrase (what _BASE may start with): it
# changes no match, but lets the scan skip other positions without trying each alternative.
_NP = re.compile(rf"(?=[DJCSRNMP])(?:{_BASE}O)*{_BASE}")
# where a verb group may begin: a verb or modal, or "to" before a verb
_VG_START = re.compile(r"[bdzpngm]|[ti](?=R*b)")
_LONE_DETERMINERS = frozenset({"the", "a", "an", "that", "no", "every", "which", "what"})
NOUN_HEADS = frozenset("NMPCSD")


def tag_string(tags: list[str] | tuple[str, ...]) -> str:
    return "".join(map(TAG_CHARS.__getitem__, tags))


def has_verb(chars: str) -> bool:
    """Could a verb group begin anywhere in this tag string?"""
    return _VG_START.search(chars) is not None


def noun_phrases(chars: str, lows: list[str]) -> list[tuple[int, int, int]]:
    """(token_start, token_end, head) of each noun phrase (``chars``: the tag string); two
    phrases joined by "and"/"or" whose heads are alike (names, or nouns) are one ("Seoul and
    Tokyo")."""
    out: list[tuple[int, int, int]] = []
    for m in _NP.finditer(chars):
        s, e = m.span()
        if e - s == 1 and chars[s] == "D" and lows[s] in _LONE_DETERMINERS:
            continue
        head = e - 1
        while head > s and chars[head] not in NOUN_HEADS:
            head -= 1
        if (
            out
            and out[-1][1] == s - 1
            and chars[s - 1] == "&"
            and lows[s - 1] in ("and", "or")
            and chars[out[-1][2]] == chars[head]
            and not _new_clause(chars, out[-1][0], e)
        ):
            out[-1] = (out[-1][0], e, head)
            continue
        out.append((s, e, head))
    return out


def _new_clause(chars: str, first: int, end: int) -> bool:
    """In "fired missiles and officials said" the second phrase, followed by a verb, is the
    subject of a new clause when the first is an object (a verb before it)."""
    verb_after = end < len(chars) and chars[end] in "dzpm"
    return verb_after and first > 0 and chars[first - 1] in "bdzpngmit"


class VG:
    """A verb group while the sentence is being read (mutable; frozen later)."""

    __slots__ = (
        "end", "finite", "form", "head", "modal", "negated", "particle", "passive",
        "perfect", "progressive", "start", "tense", "verbs",
    )  # fmt: skip

    def __init__(self, start: int, end: int, verbs: list[int]) -> None:
        self.start = start
        self.end = end
        self.verbs = verbs
        self.head = verbs[-1]
        self.particle: int | None = None
        self.modal: str | None = None
        self.negated = False
        self.passive = False
        self.perfect = False
        self.progressive = False
        self.finite = True
        self.form = "finite"
        self.tense = "present"


def _fits(aux_tag: str, aux: str, nxt_tag: str, w: Words) -> bool:
    """May the verb tagged ``nxt_tag`` continue a group after auxiliary ``aux``?"""
    if aux_tag == "MD" or aux in w.do:
        return nxt_tag in ("VB", "VBP")
    if aux in w.have:
        return nxt_tag in ("VBN", "VBD")
    if aux in w.be:
        return nxt_tag in ("VBN", "VBG", "VBD")
    if aux in w.get:
        return nxt_tag in ("VBN", "VBD")
    return False


@cache
def _aux_words() -> frozenset[str]:
    """Forms of the auxiliaries be, have, do and get: one set for :func:`verb_groups`."""
    w = words()
    return w.be | w.have | w.do | w.get


def verb_groups(chars: str, tags: list[str], lows: list[str], np_of: list[int]) -> list[VG]:
    """Verb groups, left to right, with tense, voice, negation and modality (``np_of``: the
    noun phrase of each token, -1 if none; a participle inside one is a modifier)."""
    w = words()
    n = len(tags)
    aux_words = _aux_words()
    out: list[VG] = []
    end = 0
    for m in _VG_START.finditer(chars):
        i = m.start()
        if i < end or np_of[i] >= 0:
            continue
        c = chars[i]
        start = j = i
        infinitive = False
        if c in "ti":
            if lows[i] != "to":
                continue
            j = i + 1
            while chars[j] == "R":
                j += 1
            if np_of[j] >= 0:
                continue
            infinitive = True
            if i > 0 and lows[i - 1] in w.negations and end <= i - 1:
                start = i - 1  # "agreed not to test"
        verbs = [j]
        while (t := tags[j]) == "MD" or (t.startswith("VB") and lows[j] in aux_words):
            k = j + 1
            while k < n and chars[k] == "R" and np_of[k] < 0:
                k += 1
            if k < n and np_of[k] < 0 and _fits(tags[j], lows[j], tags[k], w):
                j = k
                verbs.append(j)
            else:
                break
        vg = VG(start, j + 1, verbs)
        if vg.end < n and chars[vg.end] == "q":
            vg.particle = vg.end
            vg.end += 1
        _describe(vg, tags, lows, np_of, infinitive, w)
        out.append(vg)
        end = vg.end
    return out


def _describe(
    vg: VG, tags: list[str], lows: list[str], np_of: list[int], infinitive: bool, w: Words
) -> None:
    verbs = vg.verbs
    first, head = verbs[0], vg.head
    ft, ht = tags[first], tags[head]
    vg.negated = not w.negations.isdisjoint(lows[vg.start : vg.end])
    if ft == "MD":
        vg.modal = lows[first]
    for a, b in pairwise(verbs) if len(verbs) > 1 else ():
        la, tb = lows[a], tags[b]
        if la in w.have and tb in ("VBN", "VBD"):
            vg.perfect = True
        elif (la in w.be or la in w.get) and tb in ("VBN", "VBD") and b == head:
            vg.passive = True
        elif la in w.be and tb == "VBG":
            vg.progressive = True
    if infinitive:
        vg.finite, vg.form = False, "infinitive"
    elif ft == "VBG":  # "having failed", "being held": a gerund whatever follows
        vg.finite, vg.form = False, "gerund"
    elif len(verbs) == 1 and ht == "VBN":
        vg.finite, vg.form, vg.passive = False, "participle", True
    elif ft == "VB" and not (vg.start > 0 and np_of[vg.start - 1] >= 0):
        vg.finite, vg.form = False, "infinitive"  # bare: "helped *build*", imperatives
    fl = lows[first]
    if vg.modal is not None and vg.modal in w.future:
        vg.tense = "future"
    elif ft == "VBD" or (ft.startswith("VB") and fl in ("had", "'d", "’d")):
        vg.tense = "past"
    elif vg.perfect and fl in w.have:
        vg.tense = "perfect"
    else:
        vg.tense = "present"
