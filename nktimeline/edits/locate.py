"""Find the sentence of an article that a piece of selected text belongs to."""

from __future__ import annotations

import re

from nktimeline.events.sentences import split_sentences
from nktimeline.model import Article


def sentence_around(article: Article, selected: str) -> tuple[str, int, int] | None:
    """(field, start, end) of the sentence holding ``selected`` (its first occurrence,
    whitespace-insensitive): the headline when it is in the title, else a body sentence;
    None when the text is not in the article."""
    words = selected.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    if pattern.search(article.title or ""):
        return ("title", 0, len(article.title))
    m = pattern.search(article.body)
    if m is None:
        return None
    start, end = m.start(), m.end()
    for s in split_sentences(article.body):
        if s.start <= start < s.end:
            return ("body", s.start, max(s.end, min(end, len(article.body))))
    return ("body", start, end)
