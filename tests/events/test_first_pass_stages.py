"""The first pass over several articles at once, stage by stage, gives what each article
gives alone, and one article's failure stays its own.  Every text here was written for
these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

from nktimeline.events import extract
from nktimeline.events.extract import first_pass_many, first_pass_one
from nktimeline.guard import StageFailure
from nktimeline.ingest import article_from_bytes
from nktimeline.model import Published

_TEXTS = [
    "Board approves merger of two banks\n\nThe board approved the merger on Monday after a "
    "long debate. Shareholders will vote on the deal in March, the bank said.\n",
    "Storm hits the coast\n\nA storm struck the northern coast on Tuesday, cutting power to "
    "thousands of homes. Crews restored most lines by Wednesday evening.\n",
    "Tribunal de commerce\n\nLe tribunal a rejeté la demande de la société lundi. Les juges "
    "ont renvoyé l'affaire au mois de mars.\n",
    "Court sentences former mayor\n\nA court sentenced the former mayor to four years in "
    "prison on Friday. He was convicted of bribery in June.\n",
]


def _articles():
    out = []
    for i, text in enumerate(_TEXTS):
        a = article_from_bytes(text.encode(), f"a{i}.txt")
        if i != 1:  # one article without a trusted date
            a = dataclasses.replace(a, published=Published(dt.date(2024, 5, 10), "stamp", 0.95))
        out.append(a)
    return out


def _view(fp):
    sents, cands = fp
    return (
        [(s.start, s.end) for s in sents],
        [(c.trig_start, c.trigger, c.field, c.date, c.place, c.category) for c in cands],
    )


def test_several_articles_at_once_give_what_each_gives_alone():
    arts = _articles()
    many = first_pass_many(arts)
    alone = [first_pass_one(a) for a in arts]
    assert [_view(fp) for fp in many] == [_view(fp) for fp in alone]
    assert many[2] == ([], [])  # not English: nothing is read
    assert any(c.field == "title" for c in many[0][1])  # the headline's mention
    assert many[1][0] and not many[0][0]  # sentences kept only without a trusted date


def test_a_failing_article_costs_only_itself(monkeypatch):
    arts = _articles()
    alone = [first_pass_one(a) for a in arts]
    real = extract._headline_candidates

    def fails_on_storms(a, *args):
        if "storm" in a.title.lower():
            raise ValueError("a bad headline")
        return real(a, *args)

    monkeypatch.setattr(extract, "_headline_candidates", fails_on_storms)
    many = first_pass_many(arts)
    assert isinstance(many[1], StageFailure) and many[1].stage == "mentions"
    assert [_view(fp) for i, fp in enumerate(many) if i != 1] == [
        _view(fp) for i, fp in enumerate(alone) if i != 1
    ]
