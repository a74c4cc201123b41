"""Penn-Treebank-style tokenizer that keeps character offsets into the original string.

``tokenize(text)`` returns :class:`Token` tuples ``(start, end, text)`` with
``text[start:end] == token.text`` always.  Conventions (those of the Penn Treebank and of
UD English EWT, the tagger's training data):

* contractions and possessives split off: "didn't" -> "did" "n't", "can't" -> "ca" "n't",
  "Korea's" -> "Korea" "'s", "they're" -> "they" "'re", "cannot" -> "can" "not";
* numbers stay whole ("3,000", "6.8", "10:30", "6/30/2019"), currency signs and percent
  signs are tokens of their own ("$" "26.0", "23" "%");
* hyphenated words stay whole ("Kim Jong-un", "long-rumored", "Chandrayaan-3");
* abbreviations keep their period ("U.S.", "a.m.", "Calif.", "Dr.", "J." before a name;
  the list is ``resources/language/tokenizer.json``);
* straight and curly apostrophes and quotes are both understood ("Korea’s").
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from nktimeline.paths import load_json


class Token(NamedTuple):
    """One token: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


@cache
def _pattern() -> re.Pattern[str]:
    data = load_json("language/tokenizer.json")
    abbr = sorted(set(data["abbreviations"]), key=lambda a: (-len(a), a))
    numbered = sorted(set(data["numbered"]), key=lambda a: (-len(a), a))
    alnum = r"[^\W_]"
    clitic = r"(?i:n['’]t|['’](?:s|re|ve|ll|d|m))(?![^\W_])"
    word = (
        rf"{alnum}+(?:(?:[-\u2011]|(?!{clitic})['’]|(?<=[A-Z])&(?=[A-Z])|(?<=\d)[.,:/](?=\d))"
        rf"{alnum}+)*(?:\.(?:com|org|net|gov|edu|int|io)\b)?"
    )
    parts = [
        # fast paths: a plain word followed by a space, and common punctuation
        r"[^\W_]+(?=\s|\Z)(?<![Cc]annot)(?<![GgWw][oa]nna)(?<![Gg]otta)",
        r"[,;!?()\[\]\"“”]|\.(?!\.)",
        # web addresses and e-mail, without trailing sentence punctuation
        r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]",
        r"www\.[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]",
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        # "No. 1", "Vol. 3": the period belongs to the word only before a number
        r"\b(?:" + "|".join(map(re.escape, numbered)) + r")\.(?=\s*\d)",
        r"\b(?:" + "|".join(map(re.escape, abbr)) + r")\.",
        # dotted letters: U.S., a.m., U.S.-led
        rf"(?:[^\W\d_]\.){{2,}}(?:-{alnum}+)*",
        # a capital initial before a capitalised word: "Donald J. Trump"
        r"[A-Z]\.(?=\s+[A-Z])",
        # the first part of a word that ends in n't ("did|n't", "ca|n't"), then the clitic
        rf"{alnum}+?(?=(?i:n['’]t)(?![^\W_]))",
        clitic,
        # one word written as two: "can|not", "gon|na"
        r"\b(?i:can(?=not\b)|gon(?=na\b)|wan(?=na\b)|got(?=ta\b))",
        word,
        r"\.{2,}|-{2,}|`{2}|'{2}",
        r"\S",
    ]
    return re.compile("|".join(f"(?:{p})" for p in parts))


@cache
def _period_words() -> frozenset[str]:
    """Words that a period after them may join (abbreviations, "No." before a number)."""
    data = load_json("language/tokenizer.json")
    return frozenset(data["abbreviations"]) | frozenset(data["numbered"])


# a run of letters and digits with one of these after it is two tokens, word and mark
_CLOSING_MARKS = frozenset(',;!?()[]"“”')
# lower-case endings of words that split in two ("can|not", "gon|na", "wan|na", "got|ta")
_SPLIT_ENDINGS = ("annot", "nna", "otta")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``; offsets always index ``text`` itself.

    No token holds a space, and inside a run of non-space characters every position
    starts a token, so the text is read run by run.  The commonest runs, a plain word
    ("missiles") or a word and a closing mark ("missiles," "Seoul."), are cut without the
    pattern, where it could only cut them the same way; any other run is matched token by
    token, exactly as ``_pattern().finditer`` would."""
    if end is None:
        end = len(text)
    match = _pattern().match
    period_words = _period_words()
    closing = _CLOSING_MARKS
    find = text.find
    new = tuple.__new__
    out: list[Token] = []
    append = out.append
    b = start
    for word in text[start:end].split():
        a = find(word, b, end)
        b = a + len(word)
        if word.isalnum():
            if word[-1] not in "aAtT" or not word.lower().endswith(_SPLIT_ENDINGS):
                append(new(Token, (a, b, word)))
                continue
        else:
            head, mark = word[:-1], word[-1]
            if (
                head.isalnum()
                and (
                    mark in closing or (mark == "." and len(head) > 1 and head not in period_words)
                )
                and not head.lower().endswith(_SPLIT_ENDINGS)
            ):
                append(new(Token, (a, b - 1, head)))
                append(new(Token, (b - 1, b, mark)))
                continue
        while a < b:
            m = match(text, a, end)
            t = m.end()
            append(new(Token, (a, t, m.group())))
            a = t
    return out
