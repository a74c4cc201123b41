"""Capitalised "May" mid-sentence is the month, not the modal: it must not make a weekday future."""

import datetime as dt

from nktimeline.temporal import tag


def _values(text, dct):
    return {t.text: t.value for t in tag(text, dct)}


def test_month_may_is_not_a_future_cue():
    dct = dt.date(2020, 5, 5)  # a Tuesday
    out = _values("Crowds watch the leader attending a ceremony Saturday, May, 2. AP", dct)
    assert out["Saturday"] == "2020-05-02"


def test_modal_may_still_makes_a_weekday_future():
    out = _values("He may visit Seoul on Saturday.", dt.date(2020, 5, 5))
    assert out["Saturday"] == "2020-05-09"
