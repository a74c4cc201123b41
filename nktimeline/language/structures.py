"""What the language layer says about a sentence: immutable records with character offsets.

Every span carries both its character offsets into the analysed text (``start``/``end``:
provenance, ready to highlight) and its token indices (``token_start``/``token_end``, a
half-open range into :attr:`Analysis.tokens`).  Records are named tuples: immutable, and
cheap to make (a sentence makes dozens; a frozen dataclass costs several times more).
"""

from __future__ import annotations

from typing import NamedTuple

from nktimeline.language.tokens import Token


class NounPhrase(NamedTuple):
    """A base noun phrase, possessives included ("North Korea's leader Kim Jong Un").

    ``prep`` is the preposition in front of it ("in" for "in Seoul"), ``attached_to`` the
    index of the noun phrase that preposition modifies ("the leader *of North Korea*"),
    None when it modifies the verb or stands alone."""

    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    head: int  # token index of the head word
    head_start: int
    head_end: int
    head_text: str
    prep: str | None = None
    attached_to: int | None = None


class VerbGroup(NamedTuple):
    """Auxiliaries, negation, adverbs in between, and the main verb ("did not approve",
    "has been signed", "could file").

    ``tense`` is one of past / present / perfect / future: *perfect* is the present perfect
    ("has signed"); the past perfect ("had fled") is *past* with ``perfect`` set.  A
    non-finite group ("to resume", ", killing four") takes the tense of the clause it
    depends on and has ``finite`` false; ``form`` says which (finite, infinitive, gerund,
    participle).  ``modal`` is true for a modal of possibility or obligation ("could",
    "may", "must", "would"); "will"/"shall" make the future instead.  ``modal_verb`` names
    either."""

    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    head: int  # token index of the main verb
    head_start: int
    head_end: int
    head_text: str
    lemma: str
    tense: str
    passive: bool
    negated: bool
    modal: bool
    modal_verb: str | None
    perfect: bool
    progressive: bool
    finite: bool
    form: str
    particle: str | None = None  # "carried *out*", "called *off*"

    @property
    def voice(self) -> str:
        return "passive" if self.passive else "active"


class Clause(NamedTuple):
    """One predicate with its participants.

    ``kind``: main, coordinate, complement ("said *the suspect had fled*"), relative,
    adverbial ("*after the talks collapsed*"), infinitive, participle.  ``parent`` is the
    index of the clause this one depends on.  ``subject`` is the nearest noun phrase before
    the verb group in the clause (for a relative clause, the noun it modifies; for a
    coordinate or non-finite clause without one, the subject it shares, ``subject_shared``);
    in a passive clause the subject is the patient (``subject_role``) and ``agent`` the
    *by* phrase.  ``object`` is the first noun phrase after the verb group that is not
    introduced by a preposition; ``obliques`` are the prepositional phrases that modify the
    verb ("in Singapore", "on Tuesday").  ``start``/``end`` span the clause's tokens,
    embedded clauses included."""

    start: int
    end: int
    token_start: int
    token_end: int
    kind: str
    predicate: VerbGroup | None
    subject: NounPhrase | None
    object: NounPhrase | None
    agent: NounPhrase | None
    obliques: tuple[NounPhrase, ...]
    subject_role: str  # agent | patient
    subject_shared: bool
    marker: str | None  # "that", "because", "which", "and" ...
    parent: int | None
    complement_of_attribution: bool  # what someone said ("officials said *it failed*")


class Analysis:
    """One sentence: tokens, Penn Treebank tags, chunks and clauses (read-only).  Universal
    POS tags (:attr:`upos`) are worked out when first asked for."""

    __slots__ = (
        "_upos", "clauses", "end", "noun_phrases", "start", "tags", "text", "tokens",
        "verb_groups",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        tokens: tuple[Token, ...],
        tags: tuple[str, ...],
        noun_phrases: tuple[NounPhrase, ...],
        verb_groups: tuple[VerbGroup, ...],
        clauses: tuple[Clause, ...],
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.tokens = tokens
        self.tags = tags
        self.noun_phrases = noun_phrases
        self.verb_groups = verb_groups
        self.clauses = clauses
        self._upos: tuple[str, ...] | None = None

    @property
    def upos(self) -> tuple[str, ...]:
        if self._upos is None:
            from nktimeline.language.tagger import load_tagger

            words = [t.text for t in self.tokens]
            self._upos = tuple(load_tagger().upos(words, self.tags))
        return self._upos

    def span_text(self, span: NounPhrase | VerbGroup | Clause) -> str:
        return self.text[span.start : span.end]

    def __repr__(self) -> str:
        return (
            f"Analysis({self.text[self.start : self.end]!r}, {len(self.tokens)} tokens, "
            f"{len(self.clauses)} clauses)"
        )
