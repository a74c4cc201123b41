"""Known tagger misses, fixed from the context before chunking.

The tagger learnt from web text; in news a few patterns go wrong often enough to repair
by rule: "agreed to resume/NN talks" (an infinitive after a word that takes one), and a
main clause left without its verb after an embedded clause ("The launch, which was
condemned by Seoul, violated/JJ U.N. resolutions"), and a sentence's first word read
as a verb when a past verb follows ("Stocks/VBZ rallied on Friday").
"""

from __future__ import annotations

from nktimeline.language.chunker import words
from nktimeline.language.clauses import Reader
from nktimeline.language.morphology import known_verbs, lemma

_NOT_VERB = frozenset({"NN", "NNS", "JJ", "VBP", "NNP", "IN", "RB"})


def infinitives(tags: list[str], lows: list[str], forms: list[str]) -> None:
    """After a word that takes an infinitive ("agreed", "plans", "likely"), "to" and a
    known verb are an infinitive: "agreed to resume/NN talks" (in the web text the tagger
    learnt from, "resume" is mostly a noun).  Changes ``tags`` in place."""
    heads = words().infinitive_heads
    known = known_verbs()
    n = len(lows)
    for i in range(1, n - 1):
        if lows[i] != "to" or tags[i + 1] == "VB" or tags[i + 1] not in _NOT_VERB:
            continue
        if lows[i + 1] not in known:
            continue
        j = i - 1
        while j > 0 and tags[j].startswith("RB"):
            j -= 1
        head = lemma(forms[j], tags[j]) if tags[j].startswith("VB") else lows[j]
        if head in heads:
            tags[i], tags[i + 1] = "TO", "VB"


def missed_verb(r: Reader) -> int | None:
    """A main clause left without a verb after an embedded clause ("The launch, which was
    condemned by Seoul, violated/JJ U.N. resolutions"): the first -ed adjective or
    participle after a comma is its verb (a tagger miss).  Returns its index, if any."""
    if r.clauses[0].pred is not None or len(r.clauses) < 2:
        return None
    for i in range(1, r.n):
        if r.tags[i] in ("JJ", "VBN") and r.lows[i].endswith("ed") and r.lows[i - 1] == ",":
            return i
    return None


def opening_noun(tags: list[str], lows: list[str]) -> None:
    """A sentence cannot open with a present-tense verb directly followed by a past one:
    "Stocks/VBZ rallied/VBN on Friday" - the first word is the subject (plural when it ends
    in -s).  Changes ``tags`` in place."""
    if len(tags) > 2 and tags[0] in ("VBZ", "VBP") and tags[1] in ("VBD", "VBN"):
        tags[0] = "NNS" if lows[0].endswith("s") else "NN"
        tags[1] = "VBD"
