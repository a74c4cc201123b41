"""Bounded grammar fuzzing (a few seconds): the generators of ``benchmarks/fuzz.py`` (in
``tests/fuzzgen.py``) with fixed seeds, so a failure reproduces, plus Hypothesis driving the
same generators (``st.randoms``: a failing input shrinks to fewer, simpler choices)."""

from __future__ import annotations

import random

import fuzzgen
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _run(family, n: int, seed: int) -> None:
    g = fuzzgen.Grammar(random.Random(seed))
    failed = []
    for _ in range(n):
        what, problems = family(g)
        if problems:
            failed.append((what, problems))
    assert not failed, failed[:3]


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_sentences(seed):
    _run(fuzzgen.run_sentence, 400, seed)


def test_generated_articles():
    _run(fuzzgen.run_article, 120, 3)


def test_the_pipeline_on_small_generated_corpora():
    _run(fuzzgen.run_corpus, 25, 4)


def test_hostile_file_names(tmp_path):
    _run(lambda g: fuzzgen.run_files(g, str(tmp_path)), 6, 6)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_sentences_hypothesis(rng):
    what, problems = fuzzgen.run_sentence(fuzzgen.Grammar(rng))
    assert not problems, (what, problems)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_articles_hypothesis(rng):
    what, problems = fuzzgen.run_article(fuzzgen.Grammar(rng))
    assert not problems, (what, problems)


def test_the_checks_catch_what_they_are_for():
    """The checks themselves: a value outside the calendar or the grammar, bad offsets, a
    reversed span, an overlap are all reported."""
    import datetime as dt

    from nktimeline.model import DateValue, Timex

    text = "on Monday and Tuesday"
    good = Timex(3, 9, "Monday", "DATE", "2019-06-03", None, True)
    assert fuzzgen.check_timexes(text, [good]) == []
    bad = [
        Timex(3, 9, "Monday", "DATE", "10000-06-03", None, True),
        Timex(3, 9, "Monday", "DATE", "0000-06", None, True),
        Timex(3, 9, "Monday", "DATE", "2019-6-3", None, True),
        Timex(3, 10, "Monday", "DATE", "2019-06-03", None, True),
        Timex(3, 9, "Monday", "DATE", "XXXX", DateValue(dt.date(2019, 2, 1), dt.date(2019, 1, 1))),
    ]
    for tx in bad:
        assert fuzzgen.check_timexes(text, [tx]), tx
    assert fuzzgen.check_timexes(text, [good, good])
