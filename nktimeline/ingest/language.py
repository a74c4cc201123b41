"""The main language of an article: its writing system first, then its function words.

The rules are data (``resources/ingest/languages.json``): the Unicode ranges of each writing
system, the language(s) it is used for and, where several languages share a script (Latin,
Cyrillic, Arabic, Devanagari), the most frequent function words and distinctive letters of
each.  The table is read on the first call, not on import.

The prose decides, not the page around it: a line shorter than a sentence (``prose_units``)
counts for less the shorter it is, so an English story inside a Chinese aggregator's menus
is English, and only the long lines are read for function words.  Text that is too short,
or matches two languages about equally, is ``und`` (read as English downstream).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from nktimeline.paths import load_json

UNKNOWN = "und"
ENGLISH_LIKE = frozenset({"en", UNKNOWN})  # languages events are extracted from

_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
# Words are what lies between spaces, less the punctuation around them (faster than a
# regex scan, and Indic vowel signs, which are not \w, stay inside their words).
_PUNCT = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a1\u00ab\u00b7\u00bb\u00bf"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
    "\u2026\u3001\u3002\u300c\u300d\u300e\u300f\u060c\u061b\u061f\u0964\u0965"
)


class _Script:
    """One writing system and how a text in it is assigned a language."""

    __slots__ = ("chars", "language", "languages", "letters", "min_share", "part_of", "unit")

    def __init__(self, spec: dict[str, Any], langs: dict[str, Any]) -> None:
        self.unit = float(spec.get("unit", 1))
        self.language: str | None = spec.get("language")  # its one language, if it has one
        self.languages: tuple[str, ...] = tuple(spec.get("languages", ()))
        self.part_of: str | None = spec.get("part_of")
        self.min_share = float(spec.get("min_share", 0.0))
        self.chars = re.compile(_char_class(spec["ranges"]) + "+")
        # (language, its distinctive letters)
        self.letters = tuple(
            (c, langs[c]["letters"]) for c in self.languages if langs[c].get("letters")
        )


class _Table:
    """The rules of ``resources/ingest/languages.json``, compiled (plain classes: this
    module is imported with every ingest, and a dataclass costs a millisecond to define)."""

    def __init__(self, data: dict[str, Any]) -> None:
        langs = data["languages"]
        self.names: dict[str, str] = {code: v["name"] for code, v in langs.items()}
        self.scripts: dict[str, _Script] = {}
        self.words: dict[str, dict[str, tuple[str, ...]]] = {}  # script -> word -> languages
        ranges: dict[str, list[str]] = {}
        for name, spec in data["scripts"].items():
            script = self.scripts[name] = _Script(spec, langs)
            words: dict[str, tuple[str, ...]] = {}
            for code in script.languages:
                for w in langs[code].get("words", ()):
                    words[w] = (*words.get(w, ()), code)
            self.words[name] = words
            # A part is scanned with its host: Japanese alternates kana and Han every few
            # characters, and one run per clause is far cheaper than one per switch.
            ranges.setdefault(script.part_of or name, []).extend(spec["ranges"])
        # a named group per script (with its parts): runs of its letters
        self.runs = re.compile("|".join(f"(?P<{n}>{_char_class(r)}+)" for n, r in ranges.items()))
        # runs of characters of no script (ASCII, punctuation, symbols)
        every = [r for rs in ranges.values() for r in rs]
        self.other = re.compile(_char_class(every, negate=True) + "+")
        d = data["detect"]
        self.prose_units = float(d["prose_units"])
        self.prose_power = float(d["prose_power"])
        self.min_units = float(d["min_units"])
        self.min_word_hits = float(d["min_word_hits"])
        self.min_word_share = float(d["min_word_share"])
        self.tie_margin = float(d["tie_margin"])
        self.letter_weight = float(d["letter_weight"])
        self.sample_chars = int(d["sample_chars"])


def _char_class(ranges: list[str], negate: bool = False) -> str:
    """A regex character class of the non-ASCII part of ``ranges`` ("0400-04FF", ...)."""
    out = ["^"] if negate else []
    for r in ranges:
        lo, hi = (int(x, 16) for x in r.split("-"))
        lo = max(lo, 0x80)
        if lo <= hi:
            out.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "[" + "".join(out) + "]"


@lru_cache(maxsize=1)
def _table() -> _Table:
    return _Table(load_json("ingest/languages.json"))


def _units(line: str, t: _Table) -> dict[str, float]:
    """Letters of each script in ``line``, in Latin-letter units (ASCII counted at C speed)."""
    if line.isascii():
        n = len(line.encode("ascii").translate(None, _NON_LETTERS))
        return {"latin": float(n)} if n else {}
    n = len(line.encode("ascii", "ignore").translate(None, _NON_LETTERS))
    out = {"latin": float(n)} if n else {}
    scripts = t.scripts
    # Runs are scanned once what belongs to no script (ASCII, punctuation) is gone: then a
    # run ends only where the script changes, and no position tries every script in vain.
    for m in t.runs.finditer(t.other.sub("", line)):
        name = m.lastgroup
        if name is not None:
            out[name] = out.get(name, 0.0) + (m.end() - m.start()) * scripts[name].unit
    return out


def detect_language(text: str) -> str:
    """ISO 639-1 code of the main language of ``text`` (an article body), or ``"und"``."""
    t = _table()
    sample = text[: t.sample_chars]
    totals: dict[str, float] = {}
    prose: list[str] = []
    for line in sample.split("\n"):
        units = _units(line, t)
        if not units:
            continue
        size = sum(units.values())
        weight = min(1.0, size / t.prose_units) ** t.prose_power
        for name, n in units.items():
            totals[name] = totals.get(name, 0.0) + n * weight
        if size >= t.prose_units / 2:
            prose.append(line)
    if not totals:
        return UNKNOWN
    best = max(totals, key=totals.__getitem__)
    if totals[best] < t.min_units:
        return UNKNOWN
    for part in t.scripts.values():  # a script counted with another (kana with Han)
        if part.part_of == best and part.language:
            host = t.scripts[best].chars
            n_part = _count(part.chars, sample)
            if n_part and n_part >= part.min_share * (n_part + _count(host, sample)):
                return part.language
    script = t.scripts[best]
    if script.language:
        return script.language
    return _by_words(best, "\n".join(prose) if prose else sample, t)


def _count(chars: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` match ``chars`` (at C speed: what removal leaves)."""
    return len(text) - len(chars.sub("", text))


def _by_words(name: str, text: str, t: _Table) -> str:
    """The language of script ``name`` whose function words (and letters) ``text`` uses
    most."""
    script = t.scripts[name]
    counts = Counter(text.lower().split())
    n = sum(counts.values())
    hits = dict.fromkeys(script.languages, 0.0)
    words = t.words[name]
    for token, c in counts.items():  # distinct tokens: a few hundred in an article
        word = token.strip(_PUNCT)
        codes = words.get(word)
        if codes is None:
            if "'" not in word and "\u2019" not in word:
                continue
            # elisions: l'armée, dell'estate -> l, dell (the rest is seldom a function word)
            codes = words.get(word.replace("\u2019", "'").split("'", 1)[0])
            if codes is None:
                continue
        for code in codes:
            hits[code] += c
    words_only = max(hits.values(), default=0.0)
    if script.letters and not text.isascii():  # (an ASCII text has no non-ASCII word)
        # distinctive letters, counted once per distinct word they occur in
        chars = Counter("".join(w for w in counts if not w.isascii()))
        if chars:
            for code, letters in script.letters:
                hits[code] += t.letter_weight * sum(chars[ch] for ch in letters)
    ranked = sorted(hits.values(), reverse=True)
    if not ranked or words_only < t.min_word_hits or words_only < t.min_word_share * n:
        return UNKNOWN
    top, second = ranked[0], (ranked[1] if len(ranked) > 1 else 0.0)
    if second >= top * (1 - t.tie_margin):
        return UNKNOWN
    return max(hits, key=hits.__getitem__)


def language_name(code: str) -> str:
    """Human name of a language code ("ko" -> "Korean"); the code itself when unlisted."""
    return _table().names.get(code, code)


def extraction_note(code: str) -> str:
    """The sentence telling the user that no events are read from this article's text,
    or ``""`` when the article is (read as) English."""
    if code in ENGLISH_LIKE:
        return ""
    return f"Events are only extracted from English text; this article is in {language_name(code)}."
