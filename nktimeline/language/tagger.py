"""Greedy averaged-perceptron part-of-speech tagger (Penn Treebank tags, and UPOS).

The model (``resources/language/tagger.json.gz``, trained by
:mod:`nktimeline.language.train_tagger` on UD English EWT) is read on first use, never on
import.  Tagging is fast in plain Python because the score of a tag is a sum over feature
*groups* that each depend on one word (see :mod:`nktimeline.language.features`):

    score(i, tag) = own[w_i] + prev1[w_i-1] + prev2[w_i-2] + next1[w_i+1] + next2[w_i+2]
                    + context[t_i-1, t_i-2] + four pair features looked up per token

Each group's weights are summed once per distinct word and cached as one packed integer
(all tags at once, see :class:`Tagger`), so tagging a token costs about ten integer
additions and a shift per candidate tag.  Frequent unambiguous words ("the", ",") take
their tag from the tag dictionary; other words are scored only over the tags seen with
them in training (for a rare word, the tags of rare words with its ending).  Weights are
integers, so the result does not depend on the order of additions.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache

from nktimeline.language.features import (
    END,
    PADS,
    START,
    START_TAGS,
    ambiguity_class,
    candidate_tags,
    neighbour,
    normal,
    own,
    tag_context,
)
from nktimeline.language.morphology import irregular_past_forms
from nktimeline.paths import load_json, resource

MODEL = "language/tagger.json.gz"
FORMAT = "nktimeline-tagger/2"
_CACHE_LIMIT = 50_000  # distinct words whose sums are kept (about 1 KB each)


@cache
def upos_map() -> dict[str, str]:
    """The fixed Penn Treebank -> Universal POS map (``resources/language/upos.json``)."""
    return dict(load_json("language/upos.json")["map"])


_FIELD = 32  # bits per tag in a packed score vector
_MASK = (1 << _FIELD) - 1


class Tagger:
    """A trained model, ready to tag sentences (lists of word strings).

    A vector of weights (one per tag) is packed into one Python integer, the sum of
    ``w[k] << 32 * k``, so adding two vectors is one integer addition (a negative weight
    borrows from the next field, which does not matter for adding).  A token's total also
    adds 2**31 to every field (the bias is folded into the cached tag-context vector):
    while every score stays within +-2**31, the total is then a plain base-2**32 number
    whose fields are the biased scores, read back with a shift and a mask and compared as
    they are.
    """

    def __init__(self, model: dict) -> None:
        if model.get("format") != FORMAT:
            raise ValueError(f"unknown tagger model format {model.get('format')!r}")
        self.tags: tuple[str, ...] = tuple(model["tags"])
        index = {t: i for i, t in enumerate(self.tags)}
        self._k = len(self.tags)
        # feature -> "tag,weight,tag,weight,..." (weights in thousandths), parsed on first use
        self._weights: dict[str, str] = model["weights"]
        self._tagdict = {w: index[t] for w, t in model["tagdict"].items()}
        self._tagdict_str: dict[str, str] = model["tagdict"]
        self._classes: dict[str, str] = {**model["less_known"], **model["known"]}
        self._known = {w: tuple(index[t] for t in ts.split()) for w, ts in model["known"].items()}
        self._open = tuple(index[t] for t in model["open"])
        self._by_suffix = {
            k: tuple(index[t] for t in ts.split()) for k, ts in model["suffixes"].items()
        }
        self._symbols = tuple(index[t] for t in model["symbols"])
        self._proper = (index["NNP"], index["NNPS"])
        self._past = (index["VBD"], index["VBN"])
        self._ctx_tags = (*self.tags, *START_TAGS)
        if len(self._ctx_tags) > 64:
            raise ValueError("too many tags")
        self._tw_prefix = tuple("tw " + t + " " for t in self._ctx_tags)
        self._bias = sum(1 << (_FIELD * k + _FIELD - 1) for k in range(self._k))
        self._upos_by_tag: dict[str, dict[str, str]] = {}
        for key, u in model["upos_lexical"].items():
            xpos, word = key.split(" ", 1)
            self._upos_by_tag.setdefault(xpos, {})[word] = u
        self._upos = upos_map()
        self._packed: dict[str, int] = {}  # feature -> packed weights (0 if none)
        self._words: dict[str, tuple[int, int, int, int, str, str, str]] = {}
        self._own: dict[str, tuple[int, tuple[tuple[int, int], ...], str, str, str]] = {}
        self._context: dict[int, int] = {}
        self._start_pads = [self._word(START[1]), self._word(START[0])]
        self._end_pads = [self._word(END[0]), self._word(END[1])]

    # -- packed weight vectors, cached per feature and per word ----------------------------

    def _feature(self, name: str) -> int:
        v = self._packed.get(name)
        if v is None:
            if len(self._packed) > 8 * _CACHE_LIMIT:
                self._packed.clear()
            text = self._weights.get(name)
            v = 0
            if text:
                flat = list(map(int, text.split(",")))
                for j in range(0, len(flat), 2):
                    v += flat[j + 1] << (_FIELD * flat[j])
            self._packed[name] = v
        return v

    def _sum(self, feats: list[str]) -> int:
        feature = self._feature
        return sum(map(feature, feats))

    def candidates(self, word: str) -> tuple[int, ...]:
        """Indices of the tags this word may take."""
        return candidate_tags(
            word,
            self._known,
            self._by_suffix,
            self._open,
            self._symbols,
            self._proper,
            irregular_past_forms(),
            self._past,
        )

    def knows(self, word: str) -> bool:
        """Was the word seen in training (often enough to have a tag class)?"""
        return word in self._tagdict_str or normal(word) in self._classes

    def _class(self, word: str) -> str:
        return ambiguity_class(word, self._tagdict_str, self._classes, irregular_past_forms())

    def _word(self, word: str) -> tuple[int, int, int, int, str, str, str]:
        """What a word contributes as a neighbour: (prev1, prev2, next1, next2) vectors, its
        ambiguity class, its normal form, and the start of its "bi" pair feature."""
        hit = self._words.get(word)
        if hit is None:
            if len(self._words) > _CACHE_LIMIT:
                self._words.clear()
            cls = self._class(word) if word not in PADS else ""
            p1, p2, n1, n2 = neighbour(word, cls)
            s = self._sum
            nw = normal(word)
            hit = (s(p1), s(p2), s(n1), s(n2), cls, nw, "bi " + nw + " ")
            self._words[word] = hit
        return hit

    def _own_entry(
        self, word: str, first: bool
    ) -> tuple[int, tuple[tuple[int, int], ...], str, str, str]:
        """(own-group vector, candidate tags with their bit offsets, normal form, and the
        starts of its "bn" and "wn" pair features); cached."""
        if len(self._own) > _CACHE_LIMIT:
            self._own.clear()
        vec = self._sum(own(word, first, self._class(word)))
        nw = normal(word)
        cands = tuple((k, _FIELD * k) for k in self.candidates(word))
        entry = (vec, cands, nw, "bn " + nw + " ", "wn " + nw + " ")
        self._own[word if not first else "\x00" + word] = entry
        return entry

    def _context_entry(self, p1: int, p2: int) -> int:
        v = self._sum(tag_context(self._ctx_tags[p1], self._ctx_tags[p2])) + self._bias
        self._context[p1 * 64 + p2] = v
        return v

    # -- tagging ----------------------------------------------------------------------------

    def tag_indices(self, words: Sequence[str]) -> list[int]:
        """Tag indices (into :attr:`tags`) of one sentence."""
        n = len(words)
        if not n:
            return []
        get_word = self._words.get
        word_entry = self._word
        padded = self._start_pads + [get_word(w) or word_entry(w) for w in words]
        padded += self._end_pads
        tagdict = self._tagdict
        own_cache = self._own
        context = self._context
        packed = self._packed
        feature = self._feature
        tw_prefix = self._tw_prefix
        out: list[int] = []
        p1 = self._k  # index of START_TAGS[0] among the context tags
        p2 = self._k + 1
        t = 0
        for i, w in enumerate(words):
            t = tagdict.get(w, -1)
            if t < 0:
                entry = own_cache.get(w if i else "\x00" + w)
                if entry is None:
                    entry = self._own_entry(w, i == 0)
                vec, cands, nw, bn, wn = entry
                ctx = context.get(p1 * 64 + p2) or self._context_entry(p1, p2)
                prev = padded[i + 1]
                nxt = padded[i + 3]
                total = vec + prev[0] + padded[i][1] + nxt[2] + padded[i + 4][3] + ctx
                # the features of tag_word() and pairs(), spelled out
                for key in (tw_prefix[p1] + nw, prev[6] + nw, bn + nxt[5], wn + nxt[4]):
                    v = packed.get(key)
                    total += feature(key) if v is None else v
                best = -1
                for k, shift in cands:
                    s = (total >> shift) & _MASK
                    if s > best:
                        best, t = s, k
            out.append(t)
            p2, p1 = p1, t
        return out

    def tag(self, words: Sequence[str]) -> list[str]:
        """Penn Treebank tags of one sentence."""
        tags = self.tags
        return [tags[k] for k in self.tag_indices(words)]

    def upos(self, words: Sequence[str], tags: Sequence[str]) -> list[str]:
        """Universal POS tags from Penn tags: the fixed map, the treebank's lexical
        exceptions (VBZ "is" -> AUX), and what follows a few words: "have"/"do" before a verb
        are auxiliaries, "this"/"that" without a noun are pronouns, "as"/"after" before a
        clause are subordinating conjunctions."""
        lex = self._upos_by_tag
        fixed = self._upos
        rules = _upos_rules()
        n = len(tags)
        out = []
        for i, (w, t) in enumerate(zip(words, tags, strict=True)):
            low = w.lower()
            u = None
            if t.startswith("VB"):
                if low in rules.have:
                    u = "AUX" if _verb_follows(tags, i, ("VBN", "VBD")) else "VERB"
                elif low in rules.do:
                    u = "AUX" if _verb_follows(tags, i, ("VB",), skip_pronoun=True) else "VERB"
            elif t == "DT" and low in rules.pronoun_determiners:
                nxt = tags[i + 1] if i + 1 < n else "."
                u = "DET" if nxt[:2] in ("JJ", "NN", "CD", "DT") else "PRON"
            elif t == "IN" and low in rules.subordinators:
                u = "SCONJ" if _finite_follows(tags, i) else "ADP"
            if u is None:
                d = lex.get(t)
                u = (d.get(low) if d else None) or fixed.get(t, "X")
            out.append(u)
        return out


class _UposRules:
    def __init__(self, d: dict) -> None:
        self.have = frozenset(d["auxiliaries"]["have"])
        self.do = frozenset(d["auxiliaries"]["do"])
        self.pronoun_determiners = frozenset(d["pronoun_determiners"])
        self.subordinators = frozenset(d["subordinators"])


@cache
def _upos_rules() -> _UposRules:
    return _UposRules(load_json("language/upos.json"))


def _verb_follows(
    tags: Sequence[str], i: int, wanted: tuple[str, ...], skip_pronoun: bool = False
) -> bool:
    """Is the next word after ``i`` (adverbs and negation skipped) a verb tagged ``wanted``?"""
    skip = ("RB", "PRP") if skip_pronoun else ("RB",)
    for j in range(i + 1, min(i + 5, len(tags))):
        t = tags[j]
        if t in wanted:
            return True
        if t not in skip:
            return False
    return False


def _finite_follows(tags: Sequence[str], i: int) -> bool:
    """Does a finite verb follow within a few words, before any punctuation or preposition?"""
    for j in range(i + 1, min(i + 7, len(tags))):
        t = tags[j]
        if t in ("VBD", "VBZ", "VBP", "MD"):
            return True
        if t in ("IN", ",", ".", ":", "TO", "CC"):
            return False
    return False


@cache
def load_tagger() -> Tagger:
    """The shipped model, read once (on first use)."""
    with gzip.open(resource(MODEL), "rb") as fh:
        return Tagger(json.loads(fh.read()))


def tag(words: Sequence[str]) -> list[str]:
    """Penn Treebank tags of one sentence given as word strings."""
    return load_tagger().tag(words)
