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


def test_year_as_modifier_does_not_lend_its_year():
    dct = dt.date(2021, 11, 29)
    out = _values(
        "They resumed talks on their 2015 nuclear deal, after the election of Raisi in June.", dct
    )
    assert out["June"] == "2021-06"


def test_adverbial_year_lends_its_year_to_later_dates():
    out = _values("In 2018, the leaders met on April 27 and May 26.", dt.date(2021, 1, 5))
    assert out["April 27"] == "2018-04-27" and out["May 26"] == "2018-05-26"
