"""The language layer: tokenizer, tagger, chunker, clauses, lemmas.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import gzip
import json
from itertools import pairwise

import pytest

from nktimeline.language import (
    Analysis,
    analyse,
    analyse_many,
    analyse_unless_present,
    lemma,
    load_tagger,
    present_3sg,
    tag,
    tokenize,
)
from nktimeline.language.features import (
    static_features,
    tag_context,
    tag_word,
)
from nktimeline.language.tagger import MODEL, Tagger, upos_map
from nktimeline.language.train_tagger import train, with_new_names
from nktimeline.language.treebank import TreebankToken
from nktimeline.paths import resource

# -- tokenizer ----------------------------------------------------------------------------


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


ROUND_TRIP = [
    "North Korea didn't test 3,000 missiles worth $26.0 billion (23%) in the U.S. on Tuesday.",
    "Kim Jong-un's long-rumored trip to Calif. with Dr. Lee and Donald J. Trump at 10:30 a.m.",
    'Korea’s envoy can’t say; the parents\' "plan" — “curly” quotes… see https://example.org/a?b=1.',
    "  leading spaces,\ttabs\nand new lines  ",
    "",
    "Chandrayaan-3 landed; Bankman-Fried's lawyers cannot comment, officials said.",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_tokens_round_trip(text):
    toks = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert all(a.end <= b.start for a, b in pairwise(toks))
    assert "".join(t.text for t in toks) == "".join(text.split())


def test_tokenize_offsets_within_a_span():
    text = "Ignored. The board met today. Ignored too."
    toks = tokenize(text, 9, 29)
    assert [t.text for t in toks] == ["The", "board", "met", "today", "."]
    assert toks[0].start == 9 and text[toks[-1].start : toks[-1].end] == "."


def test_penn_treebank_splits():
    assert texts("The deal didn't pass.") == ["The", "deal", "did", "n't", "pass", "."]
    assert texts("They can't and won't.") == ["They", "ca", "n't", "and", "wo", "n't", "."]
    assert texts("Korea's envoy") == ["Korea", "'s", "envoy"]
    assert texts("Korea’s envoy") == ["Korea", "’s", "envoy"]
    assert texts("We'll see, they're late") == ["We", "'ll", "see", ",", "they", "'re", "late"]
    assert texts("It cannot stop") == ["It", "can", "not", "stop"]
    assert texts("the players' union") == ["the", "players", "'", "union"]


def test_numbers_hyphens_abbreviations():
    assert texts("3,000 jobs, 6.8 magnitude, $26.0 million, 23% more") == [
        "3,000", "jobs", ",", "6.8", "magnitude", ",", "$", "26.0", "million", ",", "23", "%",
        "more",
    ]  # fmt: skip
    assert texts("Kim Jong-un and a long-rumored summit") == [
        "Kim", "Jong-un", "and", "a", "long-rumored", "summit",
    ]  # fmt: skip
    assert texts("the U.S.-led talks in Calif. with Dr. Park at 9 a.m. Friday") == [
        "the", "U.S.-led", "talks", "in", "Calif.", "with", "Dr.", "Park", "at", "9", "a.m.",
        "Friday",
    ]  # fmt: skip
    assert texts("John F. Doe met O'Neill") == ["John", "F.", "Doe", "met", "O'Neill"]
    assert texts("He left.") == ["He", "left", "."]


# -- tagger -------------------------------------------------------------------------------


def test_model_file_loads_with_penn_tags():
    with gzip.open(resource(MODEL)) as fh:
        model = json.load(fh)
    assert "CC BY-SA" in model["license"]
    tags = set(model["tags"])
    assert {"NN", "NNS", "NNP", "VB", "VBD", "VBN", "VBZ", "JJ", "IN", "DT", "MD"} <= tags
    assert tags <= set(upos_map())  # every tag has a Universal POS tag
    assert load_tagger().tags == tuple(model["tags"])
    assert resource("language/LICENSE-model.md").is_file()


def test_importing_the_layer_does_not_load_the_model(run_without_qt):
    proc = run_without_qt(
        """
        import nktimeline.language as lang
        from nktimeline.language.tagger import load_tagger
        assert load_tagger.cache_info().currsize == 0
        lang.tokenize("A short test.")
        lang.lemma("tested", "VBD")
        assert load_tagger.cache_info().currsize == 0
        lang.analyse("The board met.")
        assert load_tagger.cache_info().currsize == 1
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")


def tagged(sentence: str) -> dict[str, str]:
    words = texts(sentence)
    return dict(zip(words, tag(words), strict=True))


def test_tags_of_news_sentences():
    t = tagged("North Korea tested two intercontinental ballistic missiles last month.")
    assert t["North"] == t["Korea"] == "NNP"
    assert t["tested"] == "VBD"
    assert t["two"] == "CD"
    assert t["missiles"] == "NNS"
    t = tagged("The company could file for bankruptcy.")
    assert (t["could"], t["file"], t["for"]) == ("MD", "VB", "IN")


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Prosecutors say Bankman-Fried misused customer funds.", ["Bankman-Fried"]),
        ("India's Chandrayaan-3 touched down near the pole.", ["India", "Chandrayaan-3"]),
        ("Artillery shells hit Yeonpyeong in the afternoon.", ["Yeonpyeong"]),
        ("Yeonpyeong residents returned home on Friday.", ["Yeonpyeong"]),
    ],
)
def test_unknown_capitalised_names_are_proper_nouns(sentence, names):
    t = tagged(sentence)
    for name in names:
        assert t[name] == "NNP", (name, t)


def test_sentence_initial_capital_is_not_a_name():
    t = tagged("Officials said the vote was delayed.")
    assert t["Officials"] == "NNS"
    t = tagged("The vote was delayed.")
    assert t["The"] == "DT"


def test_upos_from_penn_tags():
    a = analyse("The board has not approved that plan, and this is final.")
    upos = dict(zip((t.text for t in a.tokens), a.upos, strict=True))
    assert upos["has"] == "AUX"  # before a participle
    assert upos["approved"] == "VERB"
    assert upos["board"] == "NOUN"
    assert upos["that"] == "DET"  # before a noun
    assert upos["this"] == "PRON"  # alone
    assert upos["is"] == "AUX"


def _reference_tags(tagger: Tagger, words: list[str]) -> list[str]:
    """Greedy decoding that sums every feature's weight directly (slow, obviously right):
    the fast tagger must agree with the features it was trained on."""
    weights = {}
    for name, text in tagger._weights.items():
        flat = list(map(int, text.split(",")))
        weights[name] = dict(zip(flat[::2], flat[1::2], strict=True))
    classes = [tagger._class(w) for w in words]
    static = static_features(words, classes)
    out = []
    p1, p2 = "-START-", "-START2-"
    for i, w in enumerate(words):
        if w in tagger._tagdict_str:
            best = tagger._tagdict_str[w]
        else:
            feats = static[i] + tag_context(p1, p2) + [tag_word(p1, w)]
            scores = {
                k: sum(weights.get(f, {}).get(k, 0) for f in feats) for k in tagger.candidates(w)
            }
            top = max(scores.values())
            best = tagger.tags[min(k for k, v in scores.items() if v == top)]
        out.append(best)
        p2, p1 = p1, best
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said the suspect had fled the country after the blast.",
        "Yeonpyeong islanders, who were evacuated on Tuesday, returned to Incheon.",
        "The ministry's long-awaited report didn't name the 3,000 workers affected.",
    ],
)
def test_fast_scoring_matches_the_features(sentence):
    tagger = load_tagger()
    words = texts(sentence)
    assert tagger.tag(words) == _reference_tags(tagger, words)


# -- training (a toy corpus: the real one is too slow for a test) ---------------------------


def _toy_corpus() -> list[list[TreebankToken]]:
    def sent(pairs: str) -> list[TreebankToken]:
        out = []
        for item in pairs.split():
            form, xpos = item.rsplit("/", 1)
            upos = {"NNP": "PROPN", "NN": "NOUN", "NNS": "NOUN", "DT": "DET", ".": "PUNCT"}
            out.append(TreebankToken(form, xpos, upos.get(xpos, "VERB"), form.lower()))
        return out

    base = [
        "Mina/NNP visited/VBD the/DT harbor/NN ./.",
        "The/DT ferry/NN left/VBD Busan/NNP ./.",
        "Officials/NNS closed/VBD the/DT port/NN ./.",
        "Tomas/NNP repaired/VBD the/DT ferry/NN ./.",
    ]
    return [sent(s) for s in base] * 6


def test_training_is_deterministic_and_loads():
    corpus = _toy_corpus()
    first = train(corpus, iterations=2, log=lambda m: None)
    second = train(corpus, iterations=2, log=lambda m: None)
    assert first == second
    tagger = Tagger(first)
    assert tagger.tag(["The", "ferry", "left", "Busan", "."]) == ["DT", "NN", "VBD", "NNP", "."]


def test_made_up_names_replace_proper_nouns_only():
    corpus = _toy_corpus()
    copies = with_new_names(corpus, seed=3)
    assert copies == with_new_names(corpus, seed=3)
    named = [s for s in corpus if any(t.xpos == "NNP" for t in s)]
    for orig, copy in zip(named, copies, strict=True):
        assert [t.xpos for t in orig] == [t.xpos for t in copy]
        assert all(a == b for a, b in zip(orig, copy, strict=True) if a.xpos != "NNP")


# -- clauses ------------------------------------------------------------------------------


def only_clause(a: Analysis):
    finite = [c for c in a.clauses if c.predicate is not None]
    assert len(finite) == 1, a.clauses
    return finite[0]


def test_active_past_with_subject_and_object():
    text = "North Korea tested two intercontinental ballistic missiles last month."
    a = analyse(text)
    c = only_clause(a)
    vg = c.predicate
    assert (vg.text, vg.lemma, vg.tense, vg.passive, vg.negated, vg.modal) == (
        "tested",
        "test",
        "past",
        False,
        False,
        False,
    )
    assert text[vg.head_start : vg.head_end] == "tested"
    assert c.subject.text == "North Korea" and c.subject_role == "agent"
    assert c.object.text == "two intercontinental ballistic missiles"
    assert c.object.head_text == "missiles"
    assert c.kind == "main" and (c.start, c.end) == (0, len(text))


def test_passive_subject_is_the_patient():
    a = analyse("The bill was signed into law on Tuesday.")
    c = only_clause(a)
    assert c.predicate.lemma == "sign" and c.predicate.passive and c.predicate.voice == "passive"
    assert c.predicate.tense == "past"
    assert c.subject.text == "The bill" and c.subject_role == "patient"
    assert c.object is None
    assert [(o.prep, o.text) for o in c.obliques] == [("into", "law"), ("on", "Tuesday")]


def test_passive_agent():
    a = analyse("The treaty was ratified by both parliaments in May.")
    c = only_clause(a)
    assert c.agent is not None and c.agent.text == "both parliaments"
    assert c.subject.text == "The treaty"


def test_negation():
    c = only_clause(analyse("The board did not approve the deal."))
    assert c.predicate.negated and c.predicate.lemma == "approve"
    assert c.predicate.tense == "past"
    assert (c.subject.text, c.object.text) == ("The board", "the deal")
    c = only_clause(analyse("The regulator hasn't ruled yet."))
    assert c.predicate.negated and c.predicate.tense == "perfect"


def test_modal_and_future():
    c = only_clause(analyse("The company could file for bankruptcy."))
    assert c.predicate.modal and c.predicate.modal_verb == "could"
    assert c.predicate.lemma == "file"
    assert c.subject.text == "The company" and c.object is None
    c = only_clause(analyse("The two leaders will meet in Geneva next week."))
    assert c.predicate.tense == "future" and not c.predicate.modal
    assert c.predicate.modal_verb == "will"


def test_reported_speech_is_a_complement_clause():
    text = "Police said the suspect had fled the country."
    a = analyse(text)
    assert [c.predicate.text for c in a.clauses] == ["said", "had fled"]
    main, comp = a.clauses
    assert main.kind == "main" and main.subject.text == "Police"
    assert comp.kind == "complement" and comp.parent == 0
    assert comp.complement_of_attribution
    assert comp.subject.text == "the suspect" and comp.object.text == "the country"
    assert comp.predicate.tense == "past" and comp.predicate.perfect
    assert text[comp.start : comp.end] == "the suspect had fled the country."
    assert main.start <= comp.start and comp.end <= main.end


def test_a_bare_past_after_said_the_noun_is_the_reported_clause():
    # the tagger reads "collapsed" after "said the bridge" as a participle (VBN)
    a = analyse("Officials said the bridge collapsed on Monday.")
    said, comp = a.clauses
    assert comp.kind == "complement" and comp.complement_of_attribution
    assert comp.predicate.lemma == "collapse" and comp.predicate.finite
    assert comp.predicate.tense == "past" and not comp.predicate.passive
    assert comp.subject.text == "the bridge" and said.object is None
    # ... but a participle with its agent still modifies the noun
    a = analyse("He said the bridge damaged by the storm was closed.")
    damaged = next(c for c in a.clauses if c.predicate.lemma == "damage")
    assert damaged.kind == "participle" and damaged.predicate.passive


def test_a_bare_past_after_a_prepositional_phrase_modifies_that_phrase():
    a = analyse("The firm reported revenue for the first quarter ended April 28, up 18%.")
    by = {c.predicate.lemma: c for c in a.clauses}
    assert by["report"].kind == "main" and by["report"].object.text == "revenue"
    assert by["end"].kind == "participle" and not by["end"].predicate.finite
    assert by["end"].subject.text == "the first quarter"
    # a reduced relative has no object of its own ("The missile launched from Sinpo flew")
    a = analyse("The missile launched from Sinpo flew 600 km.")
    by = {c.predicate.lemma: c for c in a.clauses}
    assert by["fly"].kind == "main" and by["launch"].kind == "participle"


def test_an_apposition_gives_way_to_the_subject_before_it():
    a = analyse("Jobs, aged 55, took medical leave in January.")
    assert a.clauses[-1].subject.text == "Jobs"


def test_that_complement_and_trailing_attribution():
    a = analyse("The envoy said that talks would resume in March.")
    kinds = {c.predicate.lemma: (c.kind, c.marker) for c in a.clauses}
    assert kinds["say"] == ("main", None)
    assert kinds["resume"] == ("complement", "that")
    a = analyse("The ceasefire collapsed overnight, officials said.")
    by = {c.predicate.lemma: c for c in a.clauses}
    assert by["collapse"].complement_of_attribution
    assert by["collapse"].parent == a.clauses.index(by["say"])
    assert by["say"].subject.text == "officials"


def test_relative_clause_and_coordination():
    a = analyse("The ferry, which was built in 1994, sank and rescuers found nine survivors.")
    by = {c.predicate.lemma: c for c in a.clauses}
    assert by["build"].kind == "relative" and by["build"].subject.text == "The ferry"
    assert by["build"].subject_role == "patient"
    assert by["sink"].subject.text == "The ferry"
    assert by["find"].kind == "coordinate" and by["find"].subject.text == "rescuers"
    assert by["find"].object.text == "nine survivors"


def test_shared_subject_and_infinitive():
    a = analyse("The envoys met in Oslo and agreed to resume talks.")
    by = {c.predicate.lemma: c for c in a.clauses}
    assert by["agree"].kind == "coordinate" and by["agree"].subject_shared
    assert by["agree"].subject.text == "The envoys"
    assert by["resume"].kind == "infinitive" and not by["resume"].predicate.finite
    assert by["resume"].object.text == "talks"
    assert by["resume"].predicate.tense == "past"  # the tense of "agreed"


def test_adverbial_clause():
    a = analyse("After the ferry capsized, divers searched the bay.")
    by = {c.predicate.lemma: c for c in a.clauses}
    assert by["capsize"].kind == "adverbial" and by["capsize"].marker == "after"
    assert by["capsize"].subject.text == "the ferry"
    assert by["search"].kind == "main" and by["search"].subject.text == "divers"


def test_verbless_sentence_and_offsets_in_a_longer_text():
    text = "Storm warning for the coast\n\nThe storm hit the coast at dawn."
    a = analyse(text, 0, 27)
    assert a.verb_groups == () and len(a.clauses) == 1
    assert a.clauses[0].predicate is None
    b = analyse(text, 29, len(text))
    c = only_clause(b)
    assert text[c.subject.start : c.subject.end] == "The storm"
    assert text[c.predicate.head_start : c.predicate.head_end] == "hit"
    assert b.span_text(c.object) == "the coast"
    with pytest.raises(ValueError):
        analyse(text, 10, 5)


def test_noun_phrases_and_attachment():
    a = analyse("The leader of the opposition party met reporters in Seoul.")
    nps = {n.text: n for n in a.noun_phrases}
    assert nps["the opposition party"].prep == "of"
    assert a.noun_phrases[nps["the opposition party"].attached_to].text == "The leader"
    c = only_clause(a)
    assert c.subject.text == "The leader"
    assert c.object.text == "reporters"
    assert [o.text for o in c.obliques] == ["Seoul"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company makes chips in Texas and sells them in Asia.",
        "Officials say the bridge is closing for repairs.",
        "The plant employs about 400 people, according to the union.",
    ],
)
def test_a_sentence_in_the_simple_present_is_not_chunked(sentence):
    # every verb group is a present, active and finite (or a gerund): no past, no modal
    full = analyse(sentence)
    assert full.verb_groups
    assert all(
        vg.tense == "present" and not vg.passive and not vg.modal and vg.form != "infinitive"
        for vg in full.verb_groups
    )
    assert analyse_unless_present(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The company made chips in Texas.",  # past
        "The bridge will close for repairs.",  # modal
        "The deal was signed by both sides.",  # passive
        "The board had approved the deal.",  # "had"
        "The firm plans to open a plant.",  # an infinitive
    ],
)
def test_any_other_sentence_is_analysed_in_full(sentence):
    text = "Earlier text. " + sentence
    got = analyse_unless_present(text, 14, len(text))
    full = analyse(text, 14, len(text))
    assert got is not None
    fields = ("start", "end", "tokens", "tags", "noun_phrases", "verb_groups", "clauses")
    assert [getattr(got, f) for f in fields] == [getattr(full, f) for f in fields]


def test_a_verb_the_tagger_missed_is_not_taken_for_a_present(monkeypatch):
    # "violated" read as an adjective: the repair after chunking makes it the main verb
    tagger = load_tagger()
    real = tagger.tag

    def as_adjective(words):
        return ["JJ" if w == "violated" else t for w, t in zip(words, real(words), strict=True)]

    monkeypatch.setattr(tagger, "tag", as_adjective)
    sentence = "The launch, which Seoul condemns, violated resolutions."
    full = analyse(sentence)
    assert {vg.head_text: vg.tense for vg in full.verb_groups}["violated"] == "past"
    assert analyse_unless_present(sentence) is not None


_STORY = (
    "The board met on Monday. It approved the merger after a long debate. "
    "The company makes chips in Texas. Storm warning for the coast. "
    "Officials said the plant would close, which angered the union. "
    "The launch, which Seoul condemned, violated resolutions."
)


def _spans(text):
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        out.append((start, end))
        start = end + 1
    return out


def test_analysing_many_sentences_gives_what_each_gives_alone():
    fields = ("start", "end", "tokens", "tags", "noun_phrases", "verb_groups", "clauses")
    spans = _spans(_STORY)
    assert len(spans) == 6
    for skip in (False, True):
        many = analyse_many(_STORY, [(s, e, skip) for s, e in spans])
        one = analyse_unless_present if skip else analyse
        for (s, e), got in zip(spans, many, strict=True):
            alone = one(_STORY, s, e)
            if alone is None:
                assert got is None
            else:
                assert [getattr(got, f) for f in fields] == [getattr(alone, f) for f in fields]
    # the simple present is skipped only where asked for
    many = analyse_many(_STORY, [(s, e, i == 2) for i, (s, e) in enumerate(spans)])
    assert many[2] is None and all(a is not None for i, a in enumerate(many) if i != 2)


def test_a_sentence_that_cannot_be_analysed_costs_only_itself():
    spans = [(0, 24, True), (50, 10, True), (0, 10_000, False), (25, 69, True)]
    many = analyse_many(_STORY, spans)
    assert many[1] is None and many[2] is None  # a reversed span, a span past the end
    assert many[0] is not None and many[0].clauses[0].predicate.lemma == "meet"
    assert many[3] is not None and many[3].clauses[0].predicate.lemma == "approve"
    with pytest.raises(ValueError):
        analyse(_STORY, 0, 10_000)


def test_a_sentence_without_a_verb_reports_no_happening():
    assert analyse("Storm warning for the coast").clauses[0].predicate is None
    assert analyse_unless_present("Storm warning for the coast") is None


# -- lemmas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "tag_", "expected"),
    [
        ("tested", "VBD", "test"),
        ("filed", "VBD", "file"),
        ("fled", "VBD", "flee"),
        ("stopped", "VBD", "stop"),
        ("carried", "VBD", "carry"),
        ("controlled", "VBN", "control"),
        ("hoped", "VBD", "hope"),
        ("signed", "VBN", "sign"),
        ("said", "VBD", "say"),
        ("was", "VBD", "be"),
        ("has", "VBZ", "have"),
        ("goes", "VBZ", "go"),
        ("carries", "VBZ", "carry"),
        ("launches", "VBZ", "launch"),
        ("making", "VBG", "make"),
        ("dying", "VBG", "die"),
        ("running", "VBG", "run"),
        ("'s", "VBZ", "be"),
        ("n't", "RB", "n't"),
        ("ca", "MD", "can"),
        ("wo", "MD", "will"),
        ("Missiles", "NNS", "missiles"),
    ],
)
def test_lemma(word, tag_, expected):
    assert lemma(word, tag_) == expected


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("test", "tests"),
        ("file", "files"),
        ("go", "goes"),
        ("carry", "carries"),
        ("play", "plays"),
        ("launch", "launches"),
        ("fix", "fixes"),
        ("be", "is"),
        ("have", "has"),
        ("do", "does"),
        ("take part", "takes part"),
        ("", ""),
    ],
)
def test_present_3sg(base, expected):
    assert present_3sg(base) == expected
