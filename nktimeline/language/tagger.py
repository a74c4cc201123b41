"""Greedy averaged-perceptron part-of-speech tagger (Penn Treebank tags, and UPOS).

The model (``resources/language/tagger.json.gz``, trained by
:mod:`nktimeline.language.train_tagger` on UD English EWT) is read on first use, never on
import.  Tagging is fast in plain Python because the score of a tag is a sum over feature
*groups* that each depend on one word (see :mod:`nktimeline.language.features`):

    score(i, tag) = own[w_i] + prev1[w_i-1] + prev2[w_i-2] + next1[w_i+1] + next2[w_i+2]
                    + context[t_i-1, t_i-2] + four pair features looked up per token

Each group's weights are summed once per distinct word and cached as one packed integer
(all tags at once, see :class:`Tagger`).  A token's total is five such sums, cut down to
the fields of its candidate tags and cached per word and neighbour (see
:meth:`Tagger.tag_indices`), so tagging a token costs a few dictionary look-ups and four
additions of short integers.  Frequent unambiguous words ("the", ",") take their tag from
the tag dictionary; other words are scored only over the tags seen with them in training
(for a rare word, the tags of rare words with its ending).  Weights are
integers, so the result does not depend on the order of additions.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from struct import Struct

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
_PAIR_LIMIT = 1_000  # neighbours whose pair features a word keeps


@cache
def upos_map() -> dict[str, str]:
    """The fixed Penn Treebank -> Universal POS map (``resources/language/upos.json``)."""
    return dict(load_json("language/upos.json")["map"])


_FIELD = 32  # bits per tag in a packed score vector
_MASK = (1 << _FIELD) - 1
_HALF = 1 << (_FIELD - 1)  # the bias of one field


class Tagger:
    """A trained model, ready to tag sentences (lists of word strings).

    A vector of weights (one per tag) is packed into one Python integer, the sum of
    ``w[k] << 32 * k``, so adding two vectors is one integer addition (a negative weight
    borrows from the next field, which does not matter for adding).  A token's total also
    adds 2**31 to every field (the bias is folded into the cached tag-context vector):
    while every score stays within +-2**31, the total is then a plain base-2**32 number
    whose fields are the biased scores, read back with a shift and a mask and compared as
    they are.  The same holds for any partial sum (a single weight is below 2**18 in size),
    so the fields of a word's candidate tags can be read out of one and packed again, one
    after the other, into a short vector (:meth:`_project`).
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
        self._bias = sum(1 << (_FIELD * k + _FIELD - 1) for k in range(self._k))
        self._upos_by_tag: dict[str, dict[str, str]] = {}
        for key, u in model["upos_lexical"].items():
            xpos, word = key.split(" ", 1)
            self._upos_by_tag.setdefault(xpos, {})[word] = u
        self._upos = upos_map()
        self._packed: dict[str, int] = {}  # feature -> packed weights (0 if none)
        self._words: dict[str, tuple] = {}  # word -> its record (see _word)
        self._first: dict[str, int] = {}  # word -> its short head vector as the first word
        self._context: dict[int, int] = {}  # full tag-context vectors, with the bias
        self._set_ids: dict[tuple[int, ...], int] = {}  # candidate tags -> set id
        self._set_shifts: list[tuple[int, ...]] = []  # set id -> bit offsets of its tags
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

    def _word(self, word: str) -> tuple:
        """A word's record, cached: what tagging needs to know about it (see
        :meth:`tag_indices`).

        ``(prev1, prev2, next1, next2, class, normal, tag, own, candidates, class id,
        heads, befores, afters, projections, word)``: the full vectors of its neighbour
        groups (as the word one or two places before or after), its ambiguity class and
        normal form, and ``tag``, the index of its tag-dictionary tag or -1 if it is scored.
        A scored word also has its own-group vector (in mid-sentence), its candidate tags
        (see :meth:`_candidate_set`) and the id of that set of tags.
        The four dictionaries fill while tagging, with short vectors: ``heads`` by the two
        previous tags, ``befores`` and ``afters`` by the word after it, ``projections`` by
        candidate set (see :meth:`_project`)."""
        hit = self._words.get(word)
        if hit is None:
            if len(self._words) > _CACHE_LIMIT:
                self._words.clear()
            cls = self._class(word) if word not in PADS else ""
            p1, p2, n1, n2 = neighbour(word, cls)
            s = self._sum
            nw = normal(word)
            tag = self._tagdict.get(word, -1)
            vec, cands, cid, heads, afters = 0, (), -1, None, None
            if tag < 0:
                vec = s(own(word, False, cls if word not in PADS else self._class(word)))
                cid, cands = self._candidate_set(word)
                heads, afters = {}, {}
            hit = (
                *(s(p1), s(p2), s(n1), s(n2), cls, nw, tag, vec, cands, cid),
                *(heads, {}, afters, {}, word),
            )
            self._words[word] = hit
        return hit

    def _candidate_set(self, word: str) -> tuple[int, tuple]:
        """The id of the word's set of candidate tags, and ``(tags, size, unpack)``: the
        tag indices, the size in bytes of their short vector (see :meth:`_project`) and
        what reads its fields out of those bytes."""
        tags = self.candidates(word)
        cid = self._set_ids.get(tags)
        if cid is None:
            cid = self._set_ids[tags] = len(self._set_shifts)
            self._set_shifts.append(tuple(_FIELD * k for k in tags))
        return cid, (tags, 4 * len(tags), Struct(f"<{len(tags)}I").unpack)

    def _project(self, v: int, cid: int, biased: bool = False) -> int:
        """The short vector of ``v``: only the fields of the tags in candidate set ``cid``,
        packed one after the other.  Adding short vectors costs far less than adding full
        ones.  ``v`` with the bias already added (``biased``) keeps it."""
        out = 0
        if biased:
            for j, shift in enumerate(self._set_shifts[cid]):
                out += ((v >> shift) & _MASK) << (_FIELD * j)
        else:
            v += self._bias
            for j, shift in enumerate(self._set_shifts[cid]):
                out += (((v >> shift) & _MASK) - _HALF) << (_FIELD * j)
        return out

    # Short vectors joining a word with its neighbours and the previous tags, kept in the
    # records of the words (see _word).

    def _first_head(self, rec: tuple) -> int:
        """A sentence's first word: its own group (as the first word), its "tw" feature and
        the tag context, after the start tags, as a short vector; cached."""
        word = rec[14]
        v = self._first.get(word)
        if v is None:
            if len(self._first) > _CACHE_LIMIT:
                self._first.clear()
            feats = own(word, True, self._class(word))
            feats.append("tw " + START_TAGS[0] + " " + normal(word))
            full = self._sum(feats) + self._context_vector(self._k, self._k + 1)
            v = self._first[word] = self._project(full, rec[9], biased=True)
        return v

    def _head(self, rec: tuple, p1: int, p2: int) -> int:
        """The word's own group, its "tw" feature and the tag context (with the bias)."""
        full = rec[7] + self._feature("tw " + self._ctx_tags[p1] + " " + rec[5])
        full += self._context_vector(p1, p2)
        v = rec[10][p1 * 64 + p2] = self._project(full, rec[9], biased=True)
        return v

    def _before(self, prev: tuple, rec: tuple) -> int:
        """The previous word's prev1 group and the "bi" feature."""
        cache = prev[11]
        if len(cache) > _PAIR_LIMIT:
            cache.clear()
        full = prev[0] + self._feature("bi " + prev[5] + " " + rec[5])
        v = cache[rec[14]] = self._project(full, rec[9])
        return v

    def _after(self, rec: tuple, nxt: tuple) -> int:
        """The next word's next1 group and the "bn" and "wn" features."""
        cache = rec[12]
        if len(cache) > _PAIR_LIMIT:
            cache.clear()
        nw = rec[5]
        full = nxt[2] + self._sum(["bn " + nw + " " + nxt[5], "wn " + nw + " " + nxt[4]])
        v = cache[nxt[14]] = self._project(full, rec[9])
        return v

    def _projections(self, rec: tuple, cid: int) -> tuple[int, int, int, int]:
        """The word's four neighbour groups as short vectors of candidate set ``cid``."""
        v = rec[13][cid] = tuple(self._project(rec[g], cid) for g in range(4))
        return v

    def _context_vector(self, p1: int, p2: int) -> int:
        """The (full) vector of the tag context, with the bias; cached."""
        v = self._context.get(p1 * 64 + p2)
        if v is None:
            v = self._sum(tag_context(self._ctx_tags[p1], self._ctx_tags[p2])) + self._bias
            self._context[p1 * 64 + p2] = v
        return v

    # -- tagging ----------------------------------------------------------------------------

    def tag_indices(self, words: Sequence[str]) -> list[int]:
        """Tag indices (into :attr:`tags`) of one sentence.

        A scored word's total is the sum of five short vectors (only its candidate tags'
        fields, see :meth:`_project`), each cached in a word's record: its own group with
        the "tw" feature and the tag context; the previous word's prev1 group with the "bi"
        feature; the next word's next1 group with the "bn" and "wn" features; and the prev2
        and next2 groups of the words two places away."""
        n = len(words)
        if not n:
            return []
        get_word = self._words.get
        word_entry = self._word
        padded = self._start_pads + [get_word(w) or word_entry(w) for w in words]
        padded += self._end_pads
        out: list[int] = []
        p1 = self._k  # index of START_TAGS[0] among the context tags
        p2 = self._k + 1
        for i in range(n):
            cur = padded[i + 2]
            t = cur[6]
            if t < 0:
                cid = cur[9]
                prev = padded[i + 1]
                nxt = padded[i + 3]
                if i:
                    head = cur[10].get(p1 * 64 + p2)
                    if head is None:
                        head = self._head(cur, p1, p2)
                else:
                    head = self._first_head(cur)
                before = prev[11].get(cur[14])
                if before is None:
                    before = self._before(prev, cur)
                after = cur[12].get(nxt[14])
                if after is None:
                    after = self._after(cur, nxt)
                far = padded[i]
                prev2 = far[13].get(cid) or self._projections(far, cid)
                far = padded[i + 4]
                next2 = far[13].get(cid) or self._projections(far, cid)
                total = head + before + prev2[1] + after + next2[3]
                # the best score's tag (the first, on a tie); fields read as 32-bit numbers
                tags, size, unpack = cur[8]
                scores = unpack(total.to_bytes(size, "little"))
                t = tags[scores.index(max(scores))]
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
