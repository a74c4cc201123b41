"""Issue 11: every per-article stage runs behind one guard (``nktimeline.guard``).

A fault in any stage of one article (reading, cleaning, tagging, finding events,
estimating its date) becomes one error naming the file, the stage and a plain reason;
every other article loads and merges as if the bad one were not there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import nktimeline.temporal
from nktimeline import guard
from nktimeline.events import extract as extract_mod
from nktimeline.ingest import article as article_mod
from nktimeline.model import LoadError
from nktimeline.pipeline import Cancelled, load_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

UNDATED = (
    "Leaders meet again\n\nThe two leaders met in Hanoi on Feb. 27, 2019, and again in "
    "Panmunjeom on June 30, 2019, officials said.\n"
)


@pytest.fixture
def folder(tmp_path) -> Path:
    for p in sorted(SEEDS.iterdir()):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "zz_bad.txt").write_text(
        "BOOM talks\n\nPublished: June 3, 2019\n\nThe BOOM summit was held in Geneva on "
        "Monday, officials said.\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture(scope="module")
def seed_corpus():
    return load_corpus(sorted(SEEDS.iterdir()))


def events_of(corpus) -> set[tuple]:
    return {(e.title, e.date, tuple(m.article for m in e.mentions)) for e in corpus.events}


def check_isolated(corpus, seed_corpus, stage: str) -> LoadError:
    assert [a.id for a in corpus.articles] == [a.id for a in seed_corpus.articles]
    assert events_of(corpus) == events_of(seed_corpus)
    (err,) = corpus.errors
    assert Path(err.path).name == "zz_bad.txt"
    assert err.stage == stage
    assert err.message.startswith(f"failed while {guard.STAGES[stage]}: ")
    if "internal error" in err.message:
        assert err.message.endswith("the other articles are not affected")
    assert err.to_json() == {"path": err.path, "message": err.message, "stage": stage}
    return err


def test_a_tagger_fault_costs_one_article(folder, seed_corpus, monkeypatch):
    real = nktimeline.temporal.tag

    def tag(text, dct=None):
        if "BOOM" in text:
            raise TypeError("cannot unpack non-iterable NoneType object")
        return real(text, dct)

    monkeypatch.setattr(nktimeline.temporal, "tag", tag)
    err = check_isolated(load_corpus([folder]), seed_corpus, "tag")
    assert "TypeError: cannot unpack" in err.message


def test_a_mention_fault_costs_one_article(folder, seed_corpus, monkeypatch):
    real = extract_mod.article_candidates

    def candidates(article, *args, **kw):
        if "BOOM" in article.body:
            raise KeyError("unit")
        return real(article, *args, **kw)

    monkeypatch.setattr(extract_mod, "article_candidates", candidates)
    check_isolated(load_corpus([folder]), seed_corpus, "mentions")


def test_a_cleaning_fault_costs_one_article(folder, seed_corpus, monkeypatch):
    real = article_mod._analyse_text

    def analyse(text):
        if "BOOM" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text)

    monkeypatch.setattr(article_mod, "_analyse_text", analyse)
    err = check_isolated(load_corpus([folder]), seed_corpus, "clean")
    assert "nested too deeply" in err.message


def test_a_date_estimate_fault_costs_one_article(tmp_path, seed_corpus, monkeypatch):
    for p in sorted(SEEDS.iterdir()):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "zz_bad.txt").write_text("BOOM " + UNDATED, encoding="utf-8")
    real = extract_mod.windows_for
    calls = []

    def windows_for(cands, known):
        calls.append({c.article for c in cands})
        if any(c.article == "zz_bad" for c in cands):
            raise OverflowError("date value out of range")
        return real(cands, known)

    monkeypatch.setattr(extract_mod, "windows_for", windows_for)
    corpus = load_corpus([tmp_path])
    assert {"zz_bad"} in calls  # it was estimated, and failed
    err = check_isolated(corpus, seed_corpus, "date")
    assert "OverflowError" in err.message


def test_an_undated_article_is_still_estimated_normally(tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert corpus.errors == ()
    (art,) = corpus.articles
    assert art.published.source == "inferred"


def test_cancel_inside_an_article_is_not_swallowed_by_the_guard(folder, monkeypatch):
    """The guard turns faults into errors but lets Cancel through: a checkpoint deep in
    one article's extraction stops the whole load."""
    real = nktimeline.temporal.tag
    state = {"cancel": False, "tagged": 0}

    def tag(text, dct=None):
        state["tagged"] += 1
        if state["tagged"] == 2:
            state["cancel"] = True  # the user pressed Cancel while this article is tagged
        guard.checkpoint()
        return real(text, dct)

    monkeypatch.setattr(nktimeline.temporal, "tag", tag)
    with pytest.raises(Cancelled):
        load_corpus([folder], cancelled=lambda: state["cancel"])
    assert state["tagged"] == 2  # stopped inside the second article, not after the folder
    # the checkpoint is inert outside a load
    guard.checkpoint()


def test_attempt_reports_refusals_plainly_and_faults_with_their_stage():
    from nktimeline.ingest import IngestError

    def refuse():
        raise IngestError("the file is empty (0 bytes)")

    def fault():
        with guard.stage("tag"):
            raise ValueError("year 10000 is out of range")

    r = guard.attempt("read", refuse)
    assert isinstance(r, guard.StageFailure)
    assert r.message == "the file is empty (0 bytes)" and r.refused
    f = guard.attempt("read", fault)
    assert isinstance(f, guard.StageFailure) and f.stage == "tag" and not f.refused
    assert f.message.startswith("failed while finding dates and times: internal error")
    assert guard.attempt("read", lambda: 42) == 42
    with pytest.raises(Cancelled):
        guard.attempt("read", lambda: (_ for _ in ()).throw(Cancelled()))
