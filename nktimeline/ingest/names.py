"""People's names in bylines and signatures ("By Do Je-hae", "김철수 기자", "BY PARK EUN-JEE")."""

from __future__ import annotations

import re

from nktimeline.ingest import dates
from nktimeline.ingest.lexicon import lexicon

_BY = re.compile(r"^(?:by|written by|reported by|words by)\s*[:：]?\s+(.+)$", re.I)
_KO_BYLINE = re.compile(r"(?:^|\s)([가-힣]{2,4})\s*(?:기자|특파원|선임기자|논설위원)(?:\s|$|[,.(])")
_BYLINE_CUT = re.compile(r"\s*(?:\(|\||\[|<|—|–|\s-\s|/|\s[\w.+-]+@\S+|\s{2,}).*$")
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][A-Za-z'’.-]*|[A-Z]\.|(?:de|da|del|van|von|der|den|bin|al|el|la|le|di|du|dos|ter)|[가-힣]{2,4}|[\u4e00-\u9fff]{2,4})$"
)
_NOT_NAME = frozenset(
    [
        "the",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "a",
        "an",
        "news",
        "agency",
        "staff",
        "reporter",
        "reporters",
        "writer",
        "correspondent",
        "editor",
        "editorial",
        "board",
        "team",
        "desk",
        "service",
        "wire",
        "online",
        "digital",
        "photo",
        "video",
        "times",
        "herald",
        "daily",
        "post",
        "korea",
        "north",
        "south",
        "united",
        "states",
        "president",
        "minister",
        "government",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def person_name(text: str) -> str | None:
    """``text`` as a person's name (or names) if it looks like one, else None."""
    text = text.strip(" ,.;:-")
    if not text or len(text) > 80 or any(ch.isdigit() for ch in text):
        return None
    lex = lexicon()
    if text.lower() in lex.publisher_by_name:
        return lex.publisher_by_name[text.lower()]
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        tokens = part.split()
        if not tokens:
            continue
        cjk = len(tokens) == 1 and re.fullmatch(r"[가-힣]{2,4}|[\u4e00-\u9fff]{2,4}", tokens[0])
        ok = cjk or (
            2 <= len(tokens) <= 5
            and all(_NAME_TOKEN.match(t) for t in tokens)
            and not any(t.lower().strip(".") in _NOT_NAME for t in tokens)
            and tokens[0][0].isupper()
        )
        if not ok:
            if names:
                break  # "Kim Bo-eun, Staff reporter"
            return None
        names.append(part.strip())
    if not names:
        return None
    names = [_unshout(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _unshout(name: str) -> str:
    """'PARK EUN-JEE' -> 'Park Eun-jee' (romanised given names keep one capital)."""
    if not name.isupper():
        return name
    return " ".join(t[:1] + t[1:].lower() for t in name.split())


def byline_name(text: str) -> str | None:
    """The name in a byline line (``By Do Je-hae``, ``By Jung Min-kyung (``, ``김철수 기자``)."""
    if len(text) > 120:
        return None
    m = _BY.match(text)
    if m:
        rest = _BYLINE_CUT.sub("", m[1])
        hits = dates.find_dates(rest)
        if hits:
            rest = rest[: hits[0].start]  # "By Kim Bo-eun, May 5, 2020"
        low = rest.lower().rstrip(" ,.")
        for alias in lexicon().publisher_by_name:
            if len(alias) >= 4 and low.endswith(" " + alias) and len(low) > len(alias) + 3:
                rest = rest.rstrip(" ,.")[: -len(alias)]  # "By KIM TONG-HYUNG Associated Press"
                break
        return person_name(rest)
    m = _KO_BYLINE.search(text)
    if m and len(text) <= 60:
        return m[1]
    return None
