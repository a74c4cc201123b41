"""Cancel stops the tagger in the middle of one huge text (``guard.checkpoint`` in the
finder's word loop and the resolver's loop), soon after the caller asks."""

from __future__ import annotations

import pytest
from cancel_after import CancelAfter

from nktimeline import guard
from nktimeline.temporal import tag

SENTENCE = (
    "U.S. President Donald Trump met North Korean leader Kim Jong-un in Hanoi on Feb. 27, "
    "2019, a year after their first summit in Singapore, and the talks resumed last week. "
)


def test_tag_stops_inside_a_large_text():
    text = SENTENCE * 6000  # ~1 MB, one line
    stop = CancelAfter(5)
    with guard.cancellable(stop), pytest.raises(guard.Cancelled):
        tag(text, None)
    assert stop.said_yes
    assert stop.calls == stop.k  # raised at the first yes


def test_the_resolver_stops_too():
    """The finder is done and the resolver runs: a yes from then on stops it."""
    import datetime as dt

    from nktimeline.temporal import find, resolve

    text = SENTENCE * 3000
    cands = find(text)
    stop = CancelAfter(2)
    with guard.cancellable(stop), pytest.raises(guard.Cancelled):
        resolve(cands, text, dt.date(2019, 10, 10))
    assert stop.calls == 2


def test_checkpoints_are_rare_enough_to_cost_nothing():
    """About one per few thousand characters: 1 MB asks a few hundred times."""
    text = SENTENCE * 6000
    stop = CancelAfter(10**9)
    with guard.cancellable(stop):
        tag(text, None)
    assert 100 < stop.calls < 5000


def test_without_a_callback_nothing_is_cancelled():
    assert tag(SENTENCE, None)
