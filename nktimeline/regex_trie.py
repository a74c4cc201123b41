"""Regex alternations of literal words, factored as a prefix tree.

``alternation(["jan", "january"])`` is ``jan(?:uary)?``: the regex engine follows one branch
per character instead of trying every word in turn, and a greedy optional tail keeps the
longest word, as a longest-first list would.  Shared by the temporal finder and the event
lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str], space: str | None = None) -> str:
    r"""The words as one regex fragment (no top-level ``|``, so it can be followed by a
    look-ahead or joined into a larger alternation as is).  Empty words are ignored.  With
    ``space``, a blank inside a word matches that regex (``r"\s+"``: any run of blanks)."""
    trie: dict[str, dict] = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie, space)


def _emit(node: dict[str, dict], space: str | None = None) -> str:
    end = "" in node
    branches = [
        (space if ch == " " and space is not None else re.escape(ch)) + _emit(child, space)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:  # a word ends here and longer ones continue: greedy optional keeps the longest
        return "(?:" + body + ")?"
    return body
