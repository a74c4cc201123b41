"""``analyse(text, start, end)``: one sentence, tokenized, tagged, chunked, in clauses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from nktimeline.language.chunker import (
    VG,
    has_verb,
    noun_phrases,
    tag_string,
    verb_groups,
    words,
)
from nktimeline.language.clauses import Reader
from nktimeline.language.morphology import lemma
from nktimeline.language.participants import is_reported, is_time, shared_subject, subject
from nktimeline.language.repairs import infinitives, missed_verb, opening_noun
from nktimeline.language.structures import Analysis, Clause, NounPhrase, VerbGroup
from nktimeline.language.tagger import load_tagger
from nktimeline.language.tokens import Token, tokenize

_TEXT = itemgetter(2)  # Token.text
# only a complement, or a clause coordinated with one, can be what someone said
_MAY_REPORT = frozenset({"complement", "coordinate"})


def analyse(text: str, start: int = 0, end: int | None = None) -> Analysis:
    """Analyse the sentence ``text[start:end]``; every offset indexes ``text`` itself.

    Nothing is kept between calls: each sentence is analysed once per article, and a
    cache of results (which hold their tokens and phrases) cost more than it saved."""
    an = _analyse(text, start, _span_end(text, start, end))
    assert an is not None
    return an


def analyse_unless_present(text: str, start: int = 0, end: int | None = None) -> Analysis | None:
    """:func:`analyse`, or None for a sentence in the simple present throughout: every verb
    a finite present (or a gerund) in the active voice, with no modal, no base form (so no
    infinitive), no past tense or participle, no "had" - the tags decide it before any
    chunking.  Such a sentence tells what is, not what happened or will happen; a reader of
    happenings may skip it at a third of the cost of its analysis."""
    return _analyse(text, start, _span_end(text, start, end), skip_present=True)


def _span_end(text: str, start: int, end: int | None) -> int:
    """``end`` (the text's end for None), once the span is known to lie in ``text``."""
    if end is None:
        end = len(text)
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} outside a text of {len(text)} characters")
    return end


# Tag characters (``chunker.TAG_CHARS``) of base forms, past tenses, participles, modals:
# without them every verb group is a present (or a gerund), active and finite.
_NOT_PRESENT = re.compile(r"[bdnm]")
_PAST_WORDS = frozenset({"had", "'d", "’d"})  # "had", "'d" make a group past (``chunker``)


def _simple_present(chars: str, tags: list[str], lows: list[str]) -> bool:
    if _NOT_PRESENT.search(chars) is not None or not _PAST_WORDS.isdisjoint(lows):
        return False
    # the one repair after chunking (``missed_verb``) makes an "-ed" word after a comma
    # a past tense
    return not any(
        t == "JJ" and lows[i].endswith("ed") and lows[i - 1] == "," for i, t in enumerate(tags) if i
    )


def _analyse(text: str, start: int, end: int, skip_present: bool = False) -> Analysis | None:
    return _staged(text, [(start, end, skip_present)], strict=True)[0]


def analyse_many(text: str, spans: Sequence[tuple[int, int, bool]]) -> list[Analysis | None]:
    """:func:`analyse` of each sentence ``text[start:end]`` of ``spans`` (``(start, end,
    skip_present)``; with ``skip_present`` as :func:`analyse_unless_present`), in order.

    The same results, computed stage by stage over all the sentences (every sentence
    tokenized, then every one tagged, repaired, chunked into noun phrases, into verb
    groups, read into clauses, assembled) rather than sentence by sentence: each stage's
    code and tables stay in the processor's caches while it runs, which makes an article's
    analysis about a tenth faster.  A sentence whose analysis fails (a span outside the
    text) is None, like a skipped one: one bad sentence never costs the others."""
    return _staged(text, spans, strict=False)


_FAILURES = (ValueError, IndexError)


class _Work:
    """One sentence between the stages of its analysis (``done``: its result is known)."""

    __slots__ = (
        "chars", "done", "end", "forms", "lemmas", "lows", "np_of", "nps", "reader", "skip",
        "start", "tags", "tokens", "vgs",
    )  # fmt: skip

    def __init__(self, start: int, end: int, skip: bool) -> None:
        self.start, self.end, self.skip = start, end, skip
        self.done = False
        self.tokens: list[Token]
        self.forms: list[str]
        self.tags: list[str]
        self.lows: list[str]
        self.chars: str
        self.nps: list[tuple[int, int, int]]
        self.np_of: list[int]  # the noun phrase of each token (-1: none)
        self.vgs: list[VG]
        self.lemmas: list[str]  # of the verb groups' heads
        self.reader: Reader


def _staged(
    text: str, spans: Sequence[tuple[int, int, bool]], strict: bool
) -> list[Analysis | None]:
    """The analyses of ``spans``, each stage over every sentence before the next.  A stage
    that fails for a sentence leaves it None, or, ``strict``, raises."""
    out: list[Analysis | None] = [None] * len(spans)
    work = [_Work(start, end, skip) for start, end, skip in spans]
    tag = load_tagger().tag

    def tokens(i: int, w: _Work) -> None:
        w.tokens = tokenize(text, w.start, _span_end(text, w.start, w.end))
        w.forms = list(map(_TEXT, w.tokens))

    def tags(i: int, w: _Work) -> None:
        w.tags = tag(w.forms)

    def repairs(i: int, w: _Work) -> None:
        # known tagger misses, fixed in place; then a sentence without a verb is done (or
        # skipped, in the simple present, when asked)
        w.lows = lows = list(map(str.lower, w.forms))
        if "to" in lows:
            infinitives(w.tags, lows, w.forms)
        opening_noun(w.tags, lows)
        w.chars = tag_string(w.tags)
        if w.skip and _simple_present(w.chars, w.tags, lows):
            w.done = True
        elif not has_verb(w.chars):
            out[i] = _verbless(text, w.start, w.end, w.tokens, w.tags, lows, w.chars)
            w.done = True

    def phrases(i: int, w: _Work) -> None:
        w.nps, w.np_of = _phrases(w.chars, w.lows, len(w.tags))

    def groups(i: int, w: _Work) -> None:
        w.vgs, w.lemmas = _groups(w.chars, w.tags, w.lows, w.forms, w.np_of)

    def clauses(i: int, w: _Work) -> None:
        reader = Reader(w.tags, w.lows, w.nps, w.np_of, w.vgs, w.lemmas)
        reader.run()
        fix = missed_verb(reader)
        if fix is not None:  # read again with the main verb the tagger missed
            w.tags[fix] = "VBD"
            reader = _read(w.tags, w.lows, w.forms, tag_string(w.tags))
        w.reader = reader

    def assemble(i: int, w: _Work) -> None:
        out[i] = _assemble(text, w.start, w.end, w.tokens, w.tags, w.reader)

    for step in (tokens, tags, repairs, phrases, groups, clauses, assemble):
        for i, w in enumerate(work):
            if w.done:
                continue
            if strict:
                step(i, w)
                continue
            try:
                step(i, w)
            except _FAILURES:
                w.done = True  # (its result stays None)
    return out


def _phrases(chars: str, lows: list[str], n: int) -> tuple[list[tuple[int, int, int]], list[int]]:
    """The noun phrases, and the phrase of each token (-1: none)."""
    nps = noun_phrases(chars, lows)
    np_of = [-1] * n
    for k, (s, e, _) in enumerate(nps):
        np_of[s:e] = [k] * (e - s)
    return nps, np_of


def _groups(
    chars: str, tags: list[str], lows: list[str], forms: list[str], np_of: list[int]
) -> tuple[list[VG], list[str]]:
    """The verb groups and the lemmas of their heads."""
    vgs = verb_groups(chars, tags, lows, np_of)
    return vgs, [lemma(forms[vg.head], tags[vg.head]) for vg in vgs]


def _read(tags: list[str], lows: list[str], forms: list[str], chars: str) -> Reader:
    nps, np_of = _phrases(chars, lows, len(tags))
    vgs, lemmas = _groups(chars, tags, lows, forms, np_of)
    reader = Reader(tags, lows, nps, np_of, vgs, lemmas)
    reader.run()
    return reader


def _verbless(
    text: str,
    start: int,
    end: int,
    tokens: list[Token],
    tags: list[str],
    lows: list[str],
    chars: str,
) -> Analysis:
    """A sentence without a verb (a headline, a caption, a byline): noun phrases and one
    clause without a predicate."""
    nps = noun_phrases(chars, lows)
    preps: list[int | None] = []
    attached: list[int | None] = []
    last_end = -1
    for k, (s, _, _) in enumerate(nps):
        p = s - 1 if s > 0 and chars[s - 1] in "it" else None
        preps.append(p)
        attached.append(k - 1 if p is not None and last_end == p else None)
        last_end = nps[k][1]
    np_objs = _noun_phrases(text, tokens, lows, nps, preps, attached)
    clauses: tuple[Clause, ...] = ()
    if tokens:
        clause = Clause(
            tokens[0].start,
            tokens[-1].end,
            0,
            len(tokens),
            "main",
            None,
            None,
            None,
            None,
            tuple(o for o, a in zip(np_objs, attached, strict=True) if o.prep and a is None),
            "agent",
            False,
            None,
            None,
            False,
        )
        clauses = (clause,)
    return Analysis(text, start, end, tuple(tokens), tuple(tags), tuple(np_objs), (), clauses)


def _noun_phrases(
    text: str,
    tokens: list[Token],
    lows: list[str],
    nps: list[tuple[int, int, int]],
    preps: list[int | None],
    attached: list[int | None],
) -> list[NounPhrase]:
    out = []
    new = tuple.__new__
    for m, (s, e, h) in enumerate(nps):
        p = preps[m]
        a, b, ht = tokens[s].start, tokens[e - 1].end, tokens[h]
        out.append(
            new(
                NounPhrase,
                (
                    a,
                    b,
                    s,
                    e,
                    text[a:b],
                    h,
                    ht.start,
                    ht.end,
                    ht.text,
                    lows[p] if p is not None else None,
                    attached[m],
                ),
            )
        )
    return out


def _assemble(
    text: str,
    start: int,
    end: int,
    tokens: list[Token],
    tags: list[str],
    r: Reader,
) -> Analysis:
    nps, vgs, clauses, owner, lows = r.nps, r.vgs, r.clauses, r.owner, r.lows
    preps = r.preps
    n = len(tokens)
    nc = len(clauses)

    # prepositional attachment: "of", and any preposition before the verb, modify the noun
    # in front of them; after the verb they modify the verb (kept simple)
    attached: list[int | None] = [None] * len(nps)
    np_of = r.np_of
    for m, p in enumerate(preps):
        if not p:  # None, or the sentence's first token
            continue
        before = np_of[p - 1]
        if before < 0 or nps[before][1] != p:
            continue
        pred = clauses[owner[p]].pred
        if lows[p] == "of" or pred is None or nps[before][1] <= vgs[pred].start:
            attached[m] = before

    np_objs = _noun_phrases(text, tokens, lows, nps, preps, attached)

    # token spans of clauses: own tokens, then embedded clauses widen their parents.  A
    # clause's first and last tokens are found by list.index on ``owner`` and its reverse
    # (C scans); hi[ci] < 0 marks a clause that owns no token.
    lo = [n] * nc
    hi = [-1] * nc
    if nc == 1:
        lo[0], hi[0] = 0, n - 1
    else:
        last = n - 1
        backwards = owner[::-1]
        for ci in set(owner):
            lo[ci] = owner.index(ci)
            hi[ci] = last - backwards.index(ci)
        for ci in range(nc):
            if hi[ci] < 0:
                continue
            p = clauses[ci].parent
            seen = 0
            while p is not None and seen < nc:
                if lo[ci] < lo[p]:
                    lo[p] = lo[ci]
                if hi[ci] > hi[p]:
                    hi[p] = hi[ci]
                p = clauses[p].parent
                seen += 1

    own_nps: list[list[int]]
    if nc == 1:  # every noun phrase is the one clause's
        own_nps = [list(range(len(nps)))]
    else:
        own_nps = [[] for _ in clauses]
        for m, np in enumerate(nps):
            own_nps[owner[np[0]]].append(m)

    subjects: list[int | None] = [None] * nc
    objects: list[int | None] = [None] * nc
    shared = [False] * nc
    tense = [vg.tense for vg in vgs]
    for ci, c in enumerate(clauses):
        if c.pred is None:
            continue
        vg = vgs[c.pred]
        own = own_nps[ci]
        subj = subject(r, ci, vg, own) if own else None
        if subj is None:
            subj = shared_subject(r, ci, vg, subjects, objects)
            shared[ci] = subj is not None
        subjects[ci] = subj
        vg_end = vg.end
        for m in own:
            np = nps[m]
            if np[0] >= vg_end and preps[m] is None and not is_time(lows, tags, np):
                objects[ci] = m
                break
        if not vg.finite:  # a non-finite verb takes the tense of the clause it depends on
            p = c.parent
            while p is not None:
                pp = clauses[p].pred
                if pp is None:
                    break
                if vgs[pp].finite:
                    tense[c.pred] = tense[pp]
                    break
                p = clauses[p].parent

    future = words().future
    vg_objs = []
    new = tuple.__new__
    for vg, lem, tns in zip(vgs, r.lemmas, tense, strict=True):
        h, ht = vg.head, tokens[vg.head]
        a, b = tokens[vg.start].start, tokens[vg.end - 1].end
        modal = vg.modal
        vg_objs.append(
            new(
                VerbGroup,
                (
                    a,
                    b,
                    vg.start,
                    vg.end,
                    text[a:b],
                    h,
                    ht.start,
                    ht.end,
                    ht.text,
                    lem,
                    tns,
                    vg.passive,
                    vg.negated,
                    modal is not None and modal not in future,
                    lemma(modal, "MD") if modal is not None else None,
                    vg.perfect,
                    vg.progressive,
                    vg.finite,
                    vg.form,
                    tokens[vg.particle].text if vg.particle is not None else None,
                ),
            )
        )

    # keep clauses with a predicate (or the one clause of a verbless sentence)
    keep = [ci for ci, c in enumerate(clauses) if c.pred is not None and hi[ci] >= 0]
    if not keep and n:
        keep = [0]
    new_index = {ci: j for j, ci in enumerate(keep)}
    out: list[Clause] = []
    for ci in keep:
        c = clauses[ci]
        parent = c.parent
        while parent is not None and parent not in new_index:
            parent = clauses[parent].parent
        vgo = vg_objs[c.pred] if c.pred is not None else None
        passive = vgo is not None and vgo.passive
        subj = subjects[ci]
        obj = objects[ci]
        agent = None
        obliques = []
        for m in own_nps[ci]:
            p = preps[m]
            if p is None or attached[m] is not None:
                continue
            if passive and agent is None and lows[p] == "by" and nps[m][0] >= vgo.token_end:
                agent = np_objs[m]
                continue
            obliques.append(np_objs[m])
        if hi[ci] >= 0:
            s_tok, e_tok = lo[ci], hi[ci] + 1
        else:
            s_tok, e_tok = 0, n
        out.append(
            new(
                Clause,
                (
                    tokens[s_tok].start if n else start,
                    tokens[e_tok - 1].end if n else start,
                    s_tok,
                    e_tok,
                    c.kind,
                    vgo,
                    np_objs[subj] if subj is not None else None,
                    np_objs[obj] if obj is not None else None,
                    agent,
                    tuple(obliques),
                    "patient" if passive else "agent",
                    shared[ci],
                    lows[c.marker] if c.marker is not None else None,
                    new_index[parent] if parent is not None else None,
                    c.kind in _MAY_REPORT and is_reported(r, ci),
                ),
            )
        )
    return Analysis(
        text,
        start,
        end,
        tuple(tokens),
        tuple(tags),
        tuple(np_objs),
        tuple(vg_objs),
        tuple(out),
    )
