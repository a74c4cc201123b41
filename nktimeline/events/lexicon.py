"""Compiled event lexicons: triggers, places, actors and cue words (all data from resources/).

Everything is compiled once per process (``lexicon()`` is cached) so extraction only runs
precompiled regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nktimeline.casefold import compile_lowered
from nktimeline.guard import checkpoint
from nktimeline.paths import load_json
from nktimeline.quick_init import quick_init
from nktimeline.regex_trie import alternation as _alternation


@quick_init
@dataclass(frozen=True)
class TriggerDef:
    category: str
    noun: str
    rank: int
    agent: str | None = None
    verbal: bool = False


@dataclass(frozen=True)
class Actor:
    name: str
    short: str
    country: str
    role: str


@quick_init
@dataclass(frozen=True)
class Hit:
    """A lexicon match inside a text: ``text[start:end]`` named ``key``."""

    start: int
    end: int
    key: str
    weak: bool = False


def _lowered_word_re(words: list[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as a whole word, ignoring case: for lower-cased text (``casefold``)."""
    if not words:
        return None
    return compile_lowered(r"(?<![\w-])(?:" + _alternation(words) + r")(?![\w-])")


def _hint_words(words: list[str]) -> re.Pattern[str] | None:
    """Any of the longest words of the cues, lower-cased, anywhere: text in which it finds
    nothing cannot match ``_lowered_word_re(words)``.  None when a cue is not plain ASCII
    (its lower case might not be the pattern's)."""
    if not all(w.isascii() for w in words):
        return None
    longest = {max(w.lower().split(), key=len) for w in words if w.split()}
    return re.compile("|".join(map(re.escape, sorted(longest))))


def _split_top(pattern: str, sep: str) -> list[str]:
    """Split a regex fragment at ``sep`` characters outside parentheses/brackets."""
    parts: list[str] = []
    depth = 0
    cur: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _first_word_re(pattern: str) -> re.Pattern[str]:
    """A regex for the words a trigger pattern can start with (its alternatives' first words)."""
    firsts = [_split_top(alt, " ")[0] for alt in _split_top(pattern, "|")]
    return re.compile("|".join(f"(?:{f})" for f in firsts))


_TOKEN = re.compile(r"[\w-]+")


# ASCII characters that are not word characters (``[\w-]``) and common punctuation beyond
# ASCII, as blanks: the tokens are then what ``str.split`` returns.
_BLANKS = str.maketrans(
    dict.fromkeys(
        [c for c in map(chr, range(128)) if not (c.isalnum() or c in "_-")]
        + list("\u00a0\u00ab\u00b7\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"),
        " ",
    )
)


def tokens(text: str) -> list[str]:
    r"""The ``[\w-]+`` tokens of ``text``, as ``_TOKEN.findall`` gives them: one C pass that
    blanks out separators, then a split (several times faster than the regex).  A piece
    holding a character beyond ASCII is checked and split by the regex if need be."""
    parts = text.translate(_BLANKS).split()
    if text.isascii():
        return parts
    out: list[str] = []
    for p in parts:
        if p.isascii() or _TOKEN.fullmatch(p):
            out.append(p)
        else:
            out.extend(_TOKEN.findall(p))
    return out


@lru_cache(maxsize=16)
def _words(text: str) -> frozenset[str]:
    """The distinct word tokens of a text (shared by every index scanning it)."""
    return frozenset(tokens(text))


@lru_cache(maxsize=16)
def _lower_text(text: str) -> tuple[str, frozenset[str]]:
    """``text`` lower-cased and its distinct words, from the words of ``text`` (one
    tokenising pass serves both cases).  A text whose length lower-casing would change is
    kept as it is, so offsets stay exact."""
    low = text.lower()
    if len(low) != len(text):
        return text, _words(text)
    # lower-casing maps word characters to word characters one for one: same tokens
    return low, frozenset(map(str.lower, _words(text)))


def _starts_word(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")


class PhraseIndex:
    """Literal phrases grouped by their first word.

    Only the groups whose first word occurs in a text are searched, each with a small
    trie-shaped regex: much faster than one alternation of hundreds of names.
    """

    def __init__(self, phrases: list[str], *, lower: bool, tail: str = r"(?![\w-])") -> None:
        self.lower = lower
        groups: dict[str, list[str]] = {}
        for p in phrases:
            src = p.lower() if lower else p
            m = _TOKEN.match(src)
            if m is not None:
                groups.setdefault(m.group(0), []).append(src)
        # No leading look-behind: a literal prefix lets the engine skip ahead fast; the word
        # boundary before the match is checked in Python instead.  Each group's regex is
        # compiled when a text first holds its word (most never occur: a faster start).
        self.sources = {w: _alternation(ps) + tail for w, ps in groups.items()}
        self.rx: dict[str, re.Pattern[str]] = {}

    def finditer(self, text: str) -> list[re.Match[str]]:
        src, words = _lower_text(text) if self.lower else (text, _words(text))
        out: list[re.Match[str]] = []
        for w in words & self.sources.keys():
            rx = self.rx.get(w)
            if rx is None:
                rx = self.rx[w] = re.compile(self.sources[w])
            out.extend(m for m in rx.finditer(src) if _starts_word(src, m.start()))
        return out


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# What ``Lexicon.scan`` finds in a text: triggers (with their definitions), places, actors
Scanned = tuple[list[tuple[Hit, TriggerDef]], list[Hit], list[Hit]]


class Lexicon:
    """All event-extraction word lists, compiled."""

    def __init__(self) -> None:
        trig = load_json("events/triggers.json")
        self.triggers: list[tuple[re.Pattern[str], TriggerDef]] = []
        self._first_words = [_first_word_re(t["pattern"]) for t in trig["triggers"]]
        self._starts: dict[str, tuple[int, ...]] = {}
        self._word_rx: dict[str, re.Pattern[str]] = {}
        for t in trig["triggers"]:
            pat = re.compile(r"(?<![\w-])(?:" + t["pattern"] + r")(?![\w-])", re.IGNORECASE)
            self.triggers.append(
                (
                    pat,
                    TriggerDef(
                        t["category"],
                        t["noun"],
                        int(t.get("rank", 1)),
                        t.get("agent"),
                        bool(t.get("verbal", False)),
                    ),
                )
            )
        self.category_rank: dict[str, int] = trig["category_rank"]
        self.compatible: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in trig["compatible"].items()
        }
        # The clause cues are matched on lower-cased windows (``cues.flags``, ``casefold``):
        # much faster than ignoring case.
        self.speculative = _lowered_word_re(trig["speculative"])
        self.negation = compile_lowered(
            r"(?<![\w-])(?:" + _alternation(trig["negation"]) + r")(?![\w-])|n't\b"
        )
        self.firm_future = _lowered_word_re(trig["firm_future"])
        self.firm_future_hints = _hint_words(trig["firm_future"])
        self.election_qualifiers = frozenset(trig.get("election_qualifiers", ()))
        self.intent = compile_lowered(r"\bto\s+(?:" + _alternation(trig["intent_verbs"]) + r")\b")
        self.future = _lowered_word_re(trig["future_tense"])
        self.scheduled_present = _lowered_word_re(trig.get("scheduled_present", []))
        self.process_nouns = frozenset(trig.get("process_nouns", ()))
        self.process_prep = compile_lowered(  # for lower-cased text, like topic_before
            r"\b(?:" + _alternation(trig.get("process_preps", ["in"])) + r")\s+$"
        )
        # "The European Commission held a summit": a named organisation as the doer
        self.organizer_subject = re.compile(
            r"(?:^|[\s(\"“])(?:[Tt]he\s+)?((?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’.-]*)"
            r"(?:['’]s)?\s+(?:\w+ly\s+)?(?:(?:has|have|had|will|would)\s+)?(?:"
            + _alternation(trig.get("organizer_verbs", ["held"]))
            + r")\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}$"
        )
        # the last word of every organizer verb (a quick first test)
        self.organizer_last_words = frozenset(
            v.split()[-1] for v in trig.get("organizer_verbs", ["held"])
        )
        fillers = _alternation(trig.get("topic_fillers", []))
        self.topic_before = compile_lowered(
            r"\b(?:" + _alternation(trig.get("topic_verbs", ["talking about"])) + r")\s+"
            r"(?:(?:" + fillers + r"|[a-z]+ly)\s+){0,4}$"
        )
        self._load_places()
        self._load_actors()

    # places ---------------------------------------------------------------------------------
    def _load_places(self) -> None:
        data = load_json("gazetteer.json")["places"]
        self.place_country: dict[str, str] = {}
        alias_to_place: dict[str, str] = {}
        strong_cs: list[str] = []
        strong_ci: list[str] = []
        weak: list[str] = []
        self.weak_place: dict[str, str] = {}
        for p in data:
            name = p["name"]
            self.place_country[name] = p.get("country", "")
            for a in [name, *p.get("aliases", [])]:
                alias_to_place.setdefault(_norm(a), name)
                (strong_ci if a == a.lower() else strong_cs).append(a)
            for a in p.get("weak_aliases", []):
                self.weak_place.setdefault(_norm(a), name)
                weak.append(a)
        self.alias_to_place = alias_to_place
        # Country names (and "the North"/"the South") can be the subject of an event title.
        countries = (
            {p.get("country", "") for p in data}
            | {a for p in data for a in p.get("weak_aliases", [])}
            | {p["name"] for p in data}
        )
        countries.discard("")
        self.country_subject = re.compile(
            r"(?:^|[\s(])((?:the )?(?:" + _alternation(sorted(countries)) + r"|North|South))"
            r"(?:['’]s)?(?: \w+ly)?(?: (?:has|have|had|was|were))?"
            r"(?: \w+ing| \w+ed| began| \w+s)? ?$"
        )
        # the last word of every name ``country_subject`` knows (a quick first test)
        self.country_last_words = frozenset(c.split()[-1] for c in countries) | {"North", "South"}
        self.place_cs = PhraseIndex(strong_cs, lower=False)
        self.place_ci = PhraseIndex(strong_ci, lower=True)
        self.place_weak = PhraseIndex(weak, lower=False)

    def names_a_place(self, name: str) -> bool:
        """Is ``name`` a gazetteer place, one of its aliases or a country ("Philippines")?"""
        return _norm(name) in self.alias_to_place or name in self.country_last_words

    def places(self, text: str) -> list[Hit]:
        """Strong and weak place hits in ``text``, overlaps resolved (longest wins)."""
        hits: list[Hit] = []
        for index in (self.place_cs, self.place_ci):
            for m in index.finditer(text):
                hits.append(Hit(m.start(), m.end(), self.alias_to_place[_norm(m.group(0))]))
        for m in self.place_weak.finditer(text):
            hits.append(Hit(m.start(), m.end(), self.weak_place[_norm(m.group(0))], True))
        return _resolve_overlaps(hits)

    # actors ---------------------------------------------------------------------------------
    def _load_actors(self) -> None:
        data = load_json("events/actors.json")["actors"]
        self.actors: dict[str, Actor] = {}
        strong: dict[str, str] = {}
        weak: dict[str, list[str]] = {}
        weak_forms: set[str] = set()
        for a in data:
            self.actors[a["name"]] = Actor(a["name"], a["short"], a["country"], a["role"])
            for al in [a["name"], *a.get("aliases", [])]:
                strong.setdefault(al, a["name"])
            for al in a.get("weak_aliases", []):
                weak.setdefault(al.lower(), []).append(a["name"])
                weak_forms.add(al)
        self.actor_strong = strong
        self.actor_weak = weak
        self.actor_strong_re = PhraseIndex(list(strong), lower=False)
        # A bare surname must not start a longer name ("Kim Joon-hyung", "Moon-ho"); role
        # descriptions match in any capitalisation of their first letter.
        variants = {
            v for w in weak_forms for v in (w, w[:1].upper() + w[1:], w[:1].lower() + w[1:])
        }
        self.actor_weak_re = PhraseIndex(
            sorted(variants), lower=False, tail=r"(?![\w-])(?![ -][A-Z][a-z])"
        )

    def actors_in(
        self,
        text: str,
        present: frozenset[str],
        strong: list[re.Match[str]] | None = None,
    ) -> list[Hit]:
        """Actor hits in ``text``; weak aliases only for actors in ``present``.  ``strong``:
        the strong-alias matches of ``text``, when already found."""
        if strong is None:
            strong = self.actor_strong_re.finditer(text)
        hits = [Hit(m.start(), m.end(), self.actor_strong[m.group(0)]) for m in strong]
        for m in self.actor_weak_re.finditer(text):
            word = m.group(0)
            if word[:1].islower() and " " not in word:
                continue
            names = [n for n in self.actor_weak.get(word.lower(), []) if n in present]
            if len(names) == 1:
                hits.append(Hit(m.start(), m.end(), names[0], True))
        return _resolve_overlaps(hits)

    def strong_actors(self, text: str, strong: list[re.Match[str]] | None = None) -> frozenset[str]:
        """The actors named by a strong alias in ``text`` (``strong``: its matches, when
        already found)."""
        if strong is None:
            strong = self.actor_strong_re.finditer(text)
        return frozenset(self.actor_strong[m.group(0)] for m in strong)

    # triggers -------------------------------------------------------------------------------
    def triggers_in(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[Hit, TriggerDef]]:
        """Trigger hits in ``text[start:end]``; overlaps resolved by length then rank."""
        end = len(text) if end is None else end
        # (a rare case-mapping that changes the length keeps the text as is: exact offsets)
        low, words = _lower_text(text)
        taken: list[tuple[Hit, TriggerDef]] = []
        pos = start
        # Only words that can begin a trigger (cached per word) are located and tried.
        starts_at: list[tuple[int, tuple[int, ...]]] = []
        if (start, end) != (0, len(text)):
            words = frozenset(tokens(low[start:end]))
        for word in words:
            starts = self._starts.get(word)
            if starts is None:
                starts = tuple(i for i, f in enumerate(self._first_words) if f.fullmatch(word))
                if len(self._starts) < 50000:
                    self._starts[word] = starts
            if starts:
                rx_word = self._word_rx.get(word)
                if rx_word is None:
                    rx_word = re.compile(re.escape(word) + r"(?![\w-])")
                    if len(self._word_rx) < 5000:
                        self._word_rx[word] = rx_word
                starts_at.extend(
                    (m.start(), starts)
                    for m in rx_word.finditer(low, start, end)
                    if _starts_word(low, m.start())
                )
        starts_at.sort()
        next_check = 0
        for s0, starts in starts_at:
            if s0 >= next_check:
                checkpoint()  # by position: a long text holds many word starts
                next_check = s0 + 4096
            if s0 < pos:
                continue
            best: tuple[int, int, TriggerDef] | None = None
            for i in starts:
                rx, tdef = self.triggers[i]
                mm = rx.match(text, s0, end)
                if mm is not None and (best is None or (mm.end(), tdef.rank) > best[:2]):
                    best = (mm.end(), tdef.rank, tdef)
            if best is not None:
                taken.append((Hit(s0, best[0], text[s0 : best[0]]), best[2]))
                pos = best[0]
        return taken

    def scan(self, text: str) -> Scanned:
        """Triggers, places and actors of a whole text (memoised: an undated article is
        scanned again after its date is inferred)."""
        return self._scan(text)

    @lru_cache(maxsize=32)  # noqa: B019 - one Lexicon per process, cached by lexicon()
    def _scan(self, text: str) -> Scanned:
        # found once, used twice (a list: an iterator would be spent by the first use)
        strong = list(self.actor_strong_re.finditer(text))
        present = self.strong_actors(text, strong)
        return self.triggers_in(text), self.places(text), self.actors_in(text, present, strong)

    def compatible_categories(self, a: str, b: str) -> bool:
        return b in self.compatible_with(a)

    @lru_cache(maxsize=256)  # noqa: B019 - one Lexicon per process, cached by lexicon()
    def compatible_with(self, a: str) -> frozenset[str]:
        """Every category that may share an event with ``a`` (the relation is symmetric)."""
        out = {a, *self.compatible.get(a, frozenset())}
        out.update(b for b, others in self.compatible.items() if a in others)
        return frozenset(out)


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """Drop hits overlapping a longer (or stronger) one; linear after sorting."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.weak))
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            last = out[-1]
            if (h.end - h.start, not h.weak) > (last.end - last.start, not last.weak):
                out[-1] = h
            continue
        out.append(h)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
