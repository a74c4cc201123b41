"""Which writing system a line is in (an English story inside a Chinese aggregator page)."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _script_counts(text: str) -> dict[str, int]:
    """Letters per script; ASCII is counted at C speed, the rest from the short remainder."""
    raw = text.encode("ascii", "ignore")
    counts = {"latin": len(raw.translate(None, _NON_LETTERS)), "hangul": 0, "cjk": 0, "cyrillic": 0}
    rest = "" if len(raw) == len(text) else _ASCII_RUN.sub("", text)
    if rest:
        counts["latin"] += len(_LATIN.findall(rest))
        counts["hangul"] = len(_HANGUL.findall(rest))
        counts["cjk"] = len(_CJK.findall(rest))
        counts["cyrillic"] = len(_CYRILLIC.findall(rest))
    return counts


def script_of(text: str) -> str | None:
    """Majority script of the letters in ``text``: latin, hangul, cjk, cyrillic or None."""
    counts = _script_counts(text)
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


def main_scripts(texts: list[str]) -> set[str]:
    """Scripts carrying at least 20% of the letters of the long lines (first 2000 suffice)."""
    long = [t[:2000] for t in texts if len(t) >= 40][:2000]
    totals = _script_counts("\n".join(long))  # letter counts add up: one pass over them all
    total = sum(totals.values())
    if not total:
        return {"latin", "hangul", "cjk", "cyrillic"}
    return {k for k, v in totals.items() if v >= 0.2 * total}


def cjk_count(text: str) -> int:
    """Han and Kana characters (each carries about half a word) in ``text``."""
    rest = "" if text.isascii() else _ASCII_RUN.sub("", text)
    return len(_CJK.findall(rest)) if rest else 0
