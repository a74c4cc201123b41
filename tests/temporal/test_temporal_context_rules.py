"""Context rules of the temporal tagger: anaphora, story days, schedules, joined expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from nktimeline.temporal import tag

FRI = dt.date(1989, 10, 27)  # a Friday
MON = dt.date(1989, 10, 30)  # a Monday
D0816 = dt.date(1990, 8, 16)  # a Thursday
D0501 = dt.date(1998, 5, 1)  # a Friday


def values(text: str, dct: dt.date | None) -> dict[str, str]:
    out = {}
    for t in tag(text, dct):
        assert text[t.start : t.end] == t.text
        out[t.text] = t.value
    return out


def test_that_year_follows_a_stated_year():
    v = values("Imports totaled $37 million in 1988, a small share of imports that year.", FRI)
    assert v["that year"] == "1988"


def test_following_month_follows_a_stated_month():
    v = values("In January, the firm rejected a bid. The following month, it was sold.", FRI)
    assert v["January"] == "1989-01"
    assert v["The following month"] == "1989-02"


def test_anaphor_after_a_range_uses_the_enclosing_unit():
    # a two-day range is not one day: it anchors "that month" / "that year", not "that day"
    v = values("Talks ran Feb. 27-28, 2019. That year, trade grew.", FRI)
    assert v["That year"] == "2019"
    v = values("Talks ran Feb. 27-28, 2019. That month, trade grew.", FRI)
    assert v["That month"] == "2019-02"
    assert "that day" not in values("Talks ran Feb. 27-28, 2019. On that day we met.", FRI)


def test_the_week_is_a_week_of_the_story():
    v = values("The index tumbled on Friday. For the week, the index dropped 3.8%.", MON)
    assert v["the week"] == "1989-WXX"
    assert values("He left last week.", MON)["last week"] == "1989-W43"


@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Japan faces a cutback in its oil supply in September.", "September", "1990-09"),
        ("Imports fell in June.", "June", "1990-06"),
        ("The plant was closed in October.", "October", "1989-10"),
    ],
)
def test_month_right_after_publication_is_the_coming_one(text, needle, value):
    assert values(text, D0816)[needle] == value


def test_present_tense_schedule_weekday_is_upcoming():
    v = values("Netanyahu and Arafat meet separately Monday with Albright.", D0501)
    assert v["Monday"] == "1998-05-04"
    v = values("The court rules Friday on the appeal.", dt.date(1998, 5, 4))
    assert v["Friday"] == "1998-05-08"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Stocks rose in trading on Monday.", "1998-04-27"),  # preposition: past
        ("He said Monday that talks failed.", "1998-04-27"),  # past verb
        ("Monday's trading was heavy.", "1998-04-27"),  # possessive: past
    ],
)
def test_weekday_without_schedule_verb_looks_back(text, value):
    assert values(text, D0501)["Monday"] == value


def test_previous_weekday_counts_from_the_story_day():
    text = (
        "London stocks fell Friday. Shares were hit by overnight losses in New York. "
        "The index closed down 4.5% from the previous Friday."
    )
    v = values(text, MON)
    assert v["Friday"] == "1989-10-27"
    assert v["overnight"] == "1989-10-26TNI"
    assert v["the previous Friday"] == "1989-10-20"


def test_overnight_without_story_day_is_the_night_before_publication():
    assert values("Prices fell overnight.", MON)["overnight"] == "1989-10-29TNI"


def test_spoken_year_joins_its_month():
    v = values("One person is killed. January nineteen ninety-seven. Atlanta again.", D0501)
    assert v == {"January nineteen ninety-seven": "1997-01"}


def test_weekday_and_date_are_one_expression():
    v = values("Women's Day is this coming Sunday, March eighth.", dt.date(1998, 3, 5))
    assert v == {"this coming Sunday, March eighth": "1998-03-08"}


def test_plural_day_part_makes_both_weekdays_recurring():
    v = values("Flights leave Bombay on Monday and Tuesday nights.", D0501)
    assert v == {"Monday": "XXXX-WXX-1TNI", "Tuesday nights": "XXXX-WXX-2TNI"}


def test_half_of_a_decade_is_that_decade():
    v = values("the trend of the last half of the '80s and the first half of 2019", D0501)
    assert v["the last half of the '80s"] == "198"
    assert v["the first half of 2019"] == "2019-H1"


def test_thousands_of_years_are_millennia():
    v = values("They kept the secret for two thousand years.", D0501)
    assert v["two thousand years"] == "P2L"


def test_until_then_takes_the_date_just_mentioned():
    v = values("The right ends on Nov. 30. Until then, it remains convertible.", FRI)
    assert v["then"] == "1989-11-30"
    assert "then" not in values("Since then, Intel has grown.", FRI)


def test_at_the_time_is_past_reference_but_not_a_conjunction():
    v = values("He spoke six weeks ago, saying at the time he was willing.", FRI)
    assert v["the time"] == "PAST_REF"
    assert "the time" not in values("At the time Howes was captured, rebels ruled.", FRI)


def test_later_in_the_day_is_the_publication_day():
    v = values("He arrived in Philadelphia later in the day.", D0501)
    assert v["the day"] == "1998-05-01"


def test_year_ago_quarter_phrases_shift_the_reported_quarter():
    text = (
        "It lost $8 million for the third quarter ended Sept. 30. These results compare "
        "with $1.8 million for the corresponding period last year. U.K. sales for last "
        "year's quarter were $3 million. For the quarter a year ago, it earned $1 million."
    )
    v = values(text, dt.date(1989, 11, 1))
    assert v["the third quarter"] == "1989-Q3"
    assert v["the corresponding period last year"] == "1988-Q3"
    assert v["last year's quarter"] == "1988-Q3"
    assert v["the quarter a year ago"] == "1988-Q3"
    assert "the same period" not in values("Sales rose from the same period.", FRI)


def test_year_ago_compares_with_a_quarter_discussed_two_sentences_back():
    text = (
        "Travelers's third-quarter net income rose 11%, even though claims reduced results. "
        "Net advanced to $94.2 million, or 89 cents a share, from $85 million, or 83 cents "
        "a share, including net realized investment gains of $31 million, up from $10 "
        "million a year ago."
    )
    assert values(text, dt.date(1989, 11, 2))["a year ago"] == "1988-Q3"
    assert values("Prices were higher than a year ago.", FRI)["a year ago"] == "1988"


def test_year_earlier_months_is_a_span_of_months():
    v = values("Net for the year-earlier nine months included a gain.", FRI)
    assert v["the year-earlier nine months"] == "P9M"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kosovars are worried about the future and fear war.", {"the future": "FUTURE_REF"}),
        ("Rates will rise in the near future.", {"the near future": "FUTURE_REF"}),
        ("That is very important to the future of our peoples.", {}),
        ("The quarter was terrible, and the future looks bleak.", {"The quarter": "1989-Q3"}),
    ],
)
def test_the_future_is_a_time_only_after_a_time_preposition(text, expected):
    assert values(text, FRI) == expected


def test_generic_today_is_not_the_publication_day():
    assert values("mothers in today's world face this.", FRI) == {}
    assert values("chips in many of today's computers", FRI) == {}
    v = values("The offer, advertised in today's editions, expires.", FRI)
    assert v == {"today": "1989-10-27"}


@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("By mid afternoon, officials were saying it was over.", "mid afternoon", "1998-05-01TAF"),
        ("Over the years many more patients died.", "the years", "PXY"),
        ("They must sell bonds in the weeks ahead.", "the weeks ahead", "PXW"),
    ],
)
def test_day_parts_and_vague_stretches(text, needle, value):
    assert values(text, D0501)[needle] == value
    assert "the morning" not in values("He read the morning paper.", D0501)


def test_sentence_initial_determiner_does_not_make_a_year_a_name():
    v = values("Netanyahu told his ministers. That 1978 resolution calls for withdrawal.", FRI)
    assert v == {"1978": "1978"}
    assert values("They flew a Boeing 747 to Seoul.", FRI) == {}


def test_lengthy_period_is_a_vague_duration():
    v = values("We're there to stay for a fairly lengthy period.", FRI)
    assert v == {"a fairly lengthy period": "PXX"}


def test_nth_day_of_an_operation_said_today_is_the_publication_day():
    v = values("In Saudi Arabia, today is the eighth day of Desert Shield.", D0501)
    assert v == {"today": "1998-05-01", "the eighth day": "1998-05-01"}
    assert values("On the first day of the talks, they met.", D0501) == {}


def test_next_month_under_a_past_verb_is_last_years():
    d = dt.date(2020, 5, 5)
    assert values("Trump and Kim met in June at the DMZ.", d)["June"] == "2019-06"
    assert values("Japan expects a cutback in its oil supply in June.", d)["June"] == "2020-06"
    assert values("Shares rose for June transactions.", d)["June"] == "2020-06"


def test_caption_present_without_schedule_verb_stays_past():
    v = values("Kim cuts a ribbon at the ceremony Saturday.", D0501)
    assert v["Saturday"] == "1998-04-25"
    assert values("He testifies Tuesday.", D0501)["Tuesday"] == "1998-05-05"


def test_less_than_a_span_ago_reaches_up_to_the_anchor():
    got = {
        t.text: t.date
        for t in tag("It was shown less than two weeks ago, not three days ago.", D0816)
    }
    less = got["less than two weeks ago"]
    assert less is not None and less.start <= dt.date(1990, 8, 2) and less.end >= D0816
    exact = got["three days ago"]
    assert exact is not None and exact.start == exact.end == dt.date(1990, 8, 13)


def test_a_capitalised_name_before_a_weekday_is_no_date():
    assert "Monday" not in values("The index had its worst day since Black Monday.", MON)
    assert "Monday" in values("The index fell on Monday.", MON)


def test_hours_or_minutes_ago_are_today_but_two_days_of_hours_are_not():
    got = {
        t.text: t.value
        for t in tag("It ended a few hours ago, 30 minutes ago, 48 hours ago.", D0816)
    }
    assert got["a few hours ago"] == "1990-08-16"
    assert got["30 minutes ago"] == "1990-08-16"
    assert got["48 hours ago"] == "PT48H"
