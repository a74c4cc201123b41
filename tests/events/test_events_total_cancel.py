"""Cancel stops event extraction in the middle of one huge article (sentences, mentions,
the trigger/anchor assignment) and the cross-article merge."""

from __future__ import annotations

import pytest
from cancel_after import CancelAfter

from nktimeline import guard
from nktimeline.events.extract import first_pass_one
from nktimeline.events.lexicon import lexicon
from nktimeline.events.merge import group_candidates
from nktimeline.ingest import article_from_bytes
from nktimeline.pipeline import build_corpus

EVENTS = "Trump and Kim held a summit in Hanoi on Monday and talks in Singapore on June 12. "


@pytest.mark.parametrize("full_stop", [True, False])
def test_build_corpus_stops_inside_a_large_article(full_stop):
    """One article of ~400 KB: many sentences, or one sentence without a full stop."""
    body = EVENTS * 5000 if full_stop else EVENTS.replace(".", ",") * 5000
    art = article_from_bytes(("Summit\n\n" + body).encode(), "big.txt")
    stop = CancelAfter(50)
    with guard.cancellable(stop), pytest.raises(guard.Cancelled):
        build_corpus([art])
    assert stop.said_yes and stop.calls == stop.k


def test_merging_stops():
    art = article_from_bytes(("Summit\n\n" + EVENTS * 200).encode(), "a.txt")
    import dataclasses
    import datetime as dt

    from nktimeline.model import Published

    art = dataclasses.replace(art, published=Published(dt.date(2019, 10, 10), "stamp", 0.95))
    _sents, cands = first_pass_one(art)
    assert cands
    stop = CancelAfter(3)
    with guard.cancellable(stop), pytest.raises(guard.Cancelled):
        group_candidates(cands, lexicon())
