"""The language layer: tokens, part of speech, chunks and clauses of English sentences.

Qt-free and imported by ``events/`` and ``ingest/``; it imports neither.  Nothing heavy
happens on import: the tagger model (``resources/language/tagger.json.gz``) is read on
first use.

    >>> from nktimeline.language import analyse
    >>> a = analyse("North Korea tested two missiles last month.")
    >>> c = a.clauses[0]
    >>> c.predicate.lemma, c.predicate.tense, c.subject.text, c.object.text
    ('test', 'past', 'North Korea', 'two missiles')
"""

from nktimeline.language.analysis import analyse, analyse_many, analyse_unless_present
from nktimeline.language.morphology import known_verbs, lemma, present_3sg
from nktimeline.language.structures import Analysis, Clause, NounPhrase, VerbGroup
from nktimeline.language.tagger import load_tagger, tag
from nktimeline.language.tokens import Token, tokenize

__all__ = [
    "Analysis",
    "Clause",
    "NounPhrase",
    "Token",
    "VerbGroup",
    "analyse",
    "analyse_many",
    "analyse_unless_present",
    "known_verbs",
    "lemma",
    "load_tagger",
    "present_3sg",
    "tag",
    "tokenize",
]
