"""Ingest rules loaded once from ``resources/ingest/*.json`` and compiled into matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nktimeline.casefold import compile_lowered
from nktimeline.paths import load_json
from nktimeline.regex_prefilter import Prefiltered
from nktimeline.regex_trie import alternation


@dataclass(frozen=True)
class Publisher:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    ui_lines: frozenset[str]
    ui_pattern: re.Pattern[str]
    footer: re.Pattern[str]
    footer_keywords: re.Pattern[str]
    list_hard: re.Pattern[str]
    list_soft: re.Pattern[str]
    signoff: re.Pattern[str]
    consent: Prefiltered
    teaser_labels: tuple[str, ...]
    repost_words: tuple[str, ...]
    repost: re.Pattern[str]
    credit_tail: re.Pattern[str]
    credit_words: frozenset[str]
    credit_pattern_keywords: re.Pattern[str]
    publishers: tuple[Publisher, ...]
    publisher_by_name: dict[str, str]  # lower-case name/alias -> display name
    publisher_by_domain: dict[str, str]
    months: dict[str, int]
    weekdays: frozenset[str]
    published_labels: frozenset[str]
    updated_labels: frozenset[str]
    wire_agencies: tuple[str, ...]
    time_zones: frozenset[str]
    masthead_words: frozenset[str]


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def _any_source(patterns: list[str]) -> str:
    """One alternation of ``patterns``; a word boundary that opens every one of them is
    tested once, before the alternatives (the engine can then skip an alternative on its
    first letter)."""
    if patterns and all(p.startswith(r"\b") for p in patterns):
        return r"\b(?:" + "|".join(f"(?:{p[2:]})" for p in patterns) + ")"
    return "|".join(f"(?:{p})" for p in patterns)


def _words(words: list[str]) -> re.Pattern[str]:
    """One pattern finding any of ``words`` (lower-case input expected)."""
    return re.compile("|".join(re.escape(w.lower()) for w in words))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    ui = load_json("ingest/ui_words.json")
    cap = load_json("ingest/captions.json")
    pubs = load_json("ingest/publishers.json")
    dates = load_json("ingest/dates.json")

    credits = sorted(cap["credits"], key=len, reverse=True)
    alt = "|".join(re.escape(c) for c in credits)
    # "... on June 30. Yonhap" / "... Wednesday. (Yonhap)" / "... [AFP]" / "... /AP"
    credit_tail = re.compile(
        rf"(?:(?<=[.!?)”\"’'])\s*|\s)(?:(?:{alt})|\((?:{alt})\)|\[(?:{alt})\])\s*$"
        + "|"
        + "|".join(f"(?i:{p})" for p in cap["credit_patterns"]),
    )
    publishers = tuple(
        Publisher(p["name"], tuple(p.get("aliases", ())), tuple(p.get("domains", ())))
        for p in pubs["publishers"]
    )
    by_name: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    for p in publishers:
        for n in (p.name, *p.aliases):
            by_name.setdefault(n.lower(), p.name)
        for d in p.domains:
            by_domain.setdefault(d.lower(), p.name)
    return Lexicon(
        ui_lines=frozenset(w.lower() for w in ui["ui_lines"]),
        ui_pattern=_any(ui["ui_patterns"]),
        footer=_any(ui["footer_patterns"]),
        footer_keywords=_words(ui["footer_keywords"]),
        list_hard=_any(ui["list_headers_hard"]),
        list_soft=_any(ui["list_headers_soft"]),
        signoff=_any(ui["signoff_patterns"]),
        # matched on lower-cased lines (``casefold``): much faster than ignoring case
        # (behind a test for the words every banner pattern needs: most lines have none)
        consent=Prefiltered(compile_lowered(_any_source(ui["consent_patterns"]))),
        teaser_labels=tuple(ui["teaser_labels"]),
        repost_words=tuple(w.lower() for w in ui["repost_words"]),
        # matched on lower-cased lines (``casefold``), as a prefix tree of the words
        repost=compile_lowered(alternation(w.lower() for w in ui["repost_words"])),
        credit_tail=credit_tail,
        credit_words=frozenset(c.rsplit(None, 1)[-1] for c in credits),
        credit_pattern_keywords=_words(cap["pattern_keywords"]),
        publishers=publishers,
        publisher_by_name=by_name,
        publisher_by_domain=by_domain,
        months={k.lower(): int(v) for k, v in dates["months"].items()},
        weekdays=frozenset(w.lower() for w in dates["weekdays"]),
        published_labels=frozenset(w.lower() for w in dates["published_labels"]),
        updated_labels=frozenset(w.lower() for w in dates["updated_labels"]),
        wire_agencies=tuple(dates["wire_agencies"]),
        time_zones=frozenset(z.lower() for z in dates["time_zones"]),
        masthead_words=frozenset(pubs.get("masthead_words", ())),
    )


def publisher_for_domain(host: str) -> str | None:
    """Publisher for a host or e-mail domain, trying parent domains (news.bbc.co.uk -> BBC)."""
    table = lexicon().publisher_by_domain
    host = host.lower().strip(". ")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None
