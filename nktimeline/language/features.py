"""Features of the part-of-speech tagger, shared by training and tagging.

In the style of Honnibal's averaged-perceptron tagger ("A good POS tagger in about 200 lines
of Python", 2013): the word, its suffixes and first letter, its shape, the neighbouring
words, and the two previous tags.  Every feature belongs to exactly one *group*, and each
group depends on one thing only:

* ``own``: the word itself and whether it opens the sentence (a capital at the start of a
  sentence says little; in mid-sentence it says "name");
* ``prev1``/``prev2``/``next1``/``next2``: the word one or two places before/after;
* ``tags``: the two previous tags.

So the tagger can add up the weights of each group once per distinct word and reuse the
sums (see :mod:`nktimeline.language.tagger`); training sees exactly the same features.
"""

from __future__ import annotations

START = ("-START-", "-START2-")  # pseudo-words before the first token (i-1, i-2)
END = ("-END-", "-END2-")  # pseudo-words after the last token (i+1, i+2)
PADS = frozenset(START + END)
START_TAGS = ("-START-", "-START2-")  # pseudo-tags before the first token


def normal(word: str) -> str:
    """The word form used for identity features: lower case, straight apostrophe, numbers
    collapsed (a year, or any other number)."""
    if word in PADS:
        return word
    c = word[0]
    if c.isdigit():
        return "!YEAR" if len(word) == 4 and word.isdigit() else "!DIGITS"
    return word.lower().replace("’", "'")


def shape(word: str) -> str:
    """Letters as X/x, digits as d, other characters kept; runs collapsed ("Jong-un" -> "Xx-x",
    "Chandrayaan-3" -> "Xx-d", "U.S." -> "X.X.")."""
    out = []
    last = ""
    for c in word[:24]:
        if c.isupper():
            k = "X"
        elif c.isalpha():
            k = "x"
        elif c.isdigit():
            k = "d"
        else:
            k = c
        if k != last:
            out.append(k)
            last = k
    return "".join(out)


def own(word: str, first: bool, cls: str) -> list[str]:
    """Features of the word at the current position (``cls``: its ambiguity class, the tags
    it may take)."""
    n = normal(word)
    low = word.lower().replace("’", "'")
    sh = shape(word)
    at = "^" if first else ""
    feats = [
        "bias",
        "w " + n,
        "s1 " + low[-1:],
        "s2 " + low[-2:],
        "s3 " + low[-3:],
        "s4 " + low[-4:],
        "p1 " + at + word[0],
        "p3 " + low[:3],
        "sh " + at + sh,
        "c " + cls,
    ]
    if not first and word != low and word[0].isalpha():
        feats.append("W " + word)  # case matters mid-sentence: "US" / "us", "May" / "may"
    if "-" in word[1:-1]:
        parts = low.split("-")
        feats.append("hf " + parts[0])
        feats.append("hl " + parts[-1])
        feats.append("hls " + at + shape(word.rsplit("-", 1)[-1]))
    return feats


def neighbour(word: str, cls: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Features contributed by ``word`` when it is the previous, second previous, next and
    second next word: ``(prev1, prev2, next1, next2)``.  ``cls``: the word's ambiguity
    class (the right context's tags are not known yet; the tags it may take are)."""
    if word in PADS:
        return ["-1w " + word], ["-2w " + word], ["+1w " + word], ["+2w " + word]
    n = normal(word)
    low = word.lower().replace("’", "'")
    suf = low[-3:]
    sh = shape(word)[:4]
    return (
        ["-1w " + n, "-1s " + suf, "-1h " + sh],
        ["-2w " + n],
        ["+1w " + n, "+1s " + suf, "+1h " + sh, "+1c " + cls],
        ["+2w " + n, "+2c " + cls],
    )


def pairs(prev: str, word: str, next_: str, next_cls: str) -> list[str]:
    """Features that join the word with a neighbour (looked up per token, not per word)."""
    n = normal(word)
    return [
        "bi " + normal(prev) + " " + n,
        "bn " + n + " " + normal(next_),
        "wn " + n + " " + next_cls,
    ]


def tag_context(prev: str, prev2: str) -> list[str]:
    """Features of the two previous tags."""
    return ["t1 " + prev, "t2 " + prev2, "t12 " + prev + " " + prev2]


def ambiguity_class(
    word: str,
    tagdict: dict[str, str],
    classes: dict[str, str],
    past_forms: frozenset[str] = frozenset(),
) -> str:
    """The tags a word may take: its tag-dictionary tag, the tags seen with it in training
    (space-separated), "VBD VBN" for an irregular past the treebank hardly has ("sank"), or
    "?" for a rare word."""
    c = tagdict.get(word) or classes.get(normal(word))
    if c is None:
        c = "VBD VBN" if word.lower() in past_forms else "?"
    return c


def suffix_key(word: str) -> str:
    """What groups unknown words by their ending (for their candidate tags)."""
    return normal(word)[-3:]


def candidate_tags(
    word: str,
    known: dict[str, tuple[int, ...]],
    by_suffix: dict[str, tuple[int, ...]],
    open_tags: tuple[int, ...],
    symbols: tuple[int, ...],
    proper: tuple[int, ...],
    past_forms: frozenset[str] = frozenset(),
    past_tags: tuple[int, ...] = (),
) -> tuple[int, ...]:
    """The tags a word may take: those seen with it in training if it is frequent there,
    else those of rare words with its ending (or any open-class tag), and the past tenses
    for an irregular past ("sank"); a word with a capital may always be a name."""
    c = known.get(normal(word))
    if c is None:
        if any(ch.isalnum() for ch in word):
            c = by_suffix.get(suffix_key(word), open_tags)
            if past_tags and word.lower() in past_forms:
                c = tuple(sorted(set(c) | set(past_tags)))
        else:
            c = symbols
    if word[:1].isupper() or word[1:2].isupper():
        c = tuple(sorted(set(c) | set(proper)))
    return c


def tag_word(prev: str, word: str) -> str:
    """The one feature that joins the previous tag and the word (looked up per token)."""
    return "tw " + prev + " " + normal(word)


# The tagger spells out pairs() and tag_word() in its inner loop; keep the two in step.


def static_features(words: list[str], classes: list[str]) -> list[list[str]]:
    """All features but the tag context, for every position of a sentence (training);
    ``classes``: each word's ambiguity class."""
    padded = [START[1], START[0], *words, END[0], END[1]]
    pclasses = ["", "", *classes, "", ""]
    neigh = [neighbour(w, c) for w, c in zip(padded, pclasses, strict=True)]
    out = []
    for i, w in enumerate(words):
        j = i + 2
        out.append(
            pairs(padded[j - 1], w, padded[j + 1], pclasses[j + 1])
            + own(w, i == 0, classes[i])
            + neigh[j - 1][0]
            + neigh[j - 2][1]
            + neigh[j + 1][2]
            + neigh[j + 2][3]
        )
    return out
