"""Behaviour of the temporal tagger: spans, TIMEX3 values, DateValues, negative rules."""

from __future__ import annotations

import datetime as dt

import pytest

from nktimeline.temporal import find, is_valid_value, tag, tense_at

D0906 = dt.date(2018, 9, 6)  # a Thursday
D0505 = dt.date(2020, 5, 5)  # a Tuesday
D1015 = dt.date(2019, 10, 15)  # a Tuesday


def one(text: str, dct: dt.date | None = None, needle: str | None = None):
    """The timex whose text is ``needle`` (or the only one)."""
    found = tag(text, dct)
    for t in found:
        assert text[t.start : t.end] == t.text
    if needle is None:
        assert len(found) == 1, found
        return found[0]
    hits = [t for t in found if t.text == needle]
    assert hits, f"{needle!r} not in {[t.text for t in found]}"
    return hits[0]


def test_full_date_is_stated_day():
    t = one("The summit was held on June 12, 2018 in Singapore.", D0906)
    assert (t.text, t.type, t.value) == ("June 12, 2018", "DATE", "2018-06-12")
    assert t.date.start == t.date.end == dt.date(2018, 6, 12)
    assert t.date.granularity == "day"
    assert t.date.source == "stated" and t.date.confidence == pytest.approx(0.95)
    assert not t.anchored


@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Envoys arrived on Sept. 6, 2018.", "Sept. 6, 2018", "2018-09-06"),
        ("Published 2020-05-05 at noon.", "2020-05-05", "2020-05-05"),
        ("It happened March 9th, 2018, they said.", "March 9th, 2018", "2018-03-09"),
        ("Talks resumed in November 2019.", "November 2019", "2019-11"),
        ("He was born in the 1950s.", "the 1950s", "195"),
        ("On 12 June 2018 they met.", "12 June 2018", "2018-06-12"),
    ],
)
def test_explicit_dates(text, needle, value):
    t = one(text, D0906, needle)
    assert t.value == value
    assert t.date is not None and t.date.source == "stated"


def test_month_day_takes_year_from_dct_and_tense():
    t = one("Kim and Trump met on June 12 in Singapore.", D0906)
    assert t.value == "2018-06-12"
    assert t.date.source == "relative" and t.date.confidence == pytest.approx(0.8)
    assert t.anchored
    # past tense, month/day after the DCT's -> the previous year
    t = one("The two leaders met on Oct. 3 in Seoul.", D0906)
    assert t.value == "2017-10-03"
    # future tense -> the next occurrence
    t = one("The leaders will meet on Oct. 3 in Seoul.", D0906)
    assert t.value == "2018-10-03"


def test_range_is_one_timex_spanning_both_days():
    t = one("The Hanoi summit took place Feb. 27-28, 2019.", D0906)
    assert t.text == "Feb. 27-28, 2019"
    assert t.value == "2019-02-27"
    assert (t.date.start, t.date.end) == (dt.date(2019, 2, 27), dt.date(2019, 2, 28))
    assert t.date.granularity == "day"


def test_list_of_days_is_one_range():
    t = one("Moon will visit Pyongyang on Sept. 18 and 20 for the summit.", D0906)
    assert t.text == "Sept. 18 and 20"
    assert t.value == "2018-09-18"
    assert (t.date.start, t.date.end) == (dt.date(2018, 9, 18), dt.date(2018, 9, 20))
    t = one("Holidays run Dec. 28-31 this time.", D0906, "Dec. 28-31")
    assert t.date.end - t.date.start == dt.timedelta(days=3)


def test_year_range_and_decade():
    t = one("He fought in the 1950-53 Korean War.", D0906, "1950-53")
    assert t.value == "1950"
    assert (t.date.start, t.date.end) == (dt.date(1950, 1, 1), dt.date(1953, 12, 31))
    assert t.date.granularity == "year"


def test_month_alone_is_month_span():
    t = one("The summit was held in February in Hanoi.", D1015)
    assert t.value == "2019-02"
    assert (t.date.start, t.date.end) == (dt.date(2019, 2, 1), dt.date(2019, 2, 28))
    assert t.date.granularity == "month"


@pytest.mark.parametrize(
    ("text", "needle", "value", "gran"),
    [
        ("Talks are expected to resume this fall.", "this fall", "2019-FA", "season"),
        ("The envoy visited last month.", "last month", "2019-09", "month"),
        ("The envoy visited last week.", "last week", "2019-W41", "week"),
        ("Tensions rose earlier this year.", "earlier this year", "2019", "year"),
        ("He arrived yesterday.", "yesterday", "2019-10-14", "day"),
        ("He speaks today.", "today", "2019-10-15", "day"),
        ("They will meet next month.", "next month", "2019-11", "month"),
        ("Prices rose this month.", "this month", "2019-10", "month"),
        ("Sales fell two years ago.", "two years ago", "2017", "year"),
    ],
)
def test_relative_expressions(text, needle, value, gran):
    t = one(text, D1015, needle)
    assert t.value == value
    assert t.date is not None and t.date.granularity == gran
    assert t.date.source == "relative" and t.anchored


def test_season_span():
    t = one("Talks are expected to resume this fall.", D1015)
    assert (t.date.start, t.date.end) == (dt.date(2019, 9, 1), dt.date(2019, 11, 30))


@pytest.mark.parametrize(
    ("text", "needle", "value"),
    [
        ("Activity increased in recent weeks.", "recent weeks", "PXW"),
        ("Concerns grew in recent months.", "recent months", "PXM"),
        ("Kidnappings rose in recent years.", "recent years", "PAST_REF"),
        ("Talks may resume in coming months.", "coming months", "FUTURE_REF"),
        ("A deal could come soon.", "soon", "FUTURE_REF"),
        ("Relations are now tense.", "now", "PRESENT_REF"),
        ("Relations are currently tense.", "currently", "PRESENT_REF"),
    ],
)
def test_vague_references_have_no_date(text, needle, value):
    t = one(text, D1015, needle)
    assert t.value == value
    assert t.date is None


@pytest.mark.parametrize(
    ("text", "needle", "typ", "value"),
    [
        ("The talks lasted two weeks.", "two weeks", "DURATION", "P2W"),
        ("They talked for eight and a half hours.", "eight and a half hours", "DURATION", "PT8.5H"),
        ("He met them a day after the summit.", "a day", "DURATION", "P1D"),
        ("The months-long standoff ended.", "months-long", "DURATION", "PXM"),
        ("Inspectors come every week.", "every week", "SET", "P1W"),
        ("Officials meet each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
    ],
)
def test_durations_and_sets_have_no_date(text, needle, typ, value):
    t = one(text, D1015, needle)
    assert (t.type, t.value) == (typ, value)
    assert t.date is None


def test_time_of_day():
    t = one("The ceremony started at 9:30 a.m. in the capital.", D0906)
    assert (t.text, t.type, t.value) == ("9:30 a.m.", "TIME", "2018-09-06T09:30")
    t = one("Polls close at 10 p.m. Wednesday.", D0906)
    assert t.value == "2018-09-05T22:00"


def test_past_weekday_is_most_recent_on_or_before_dct():
    t = one("The special envoys met Kim Jong-un on Wednesday in Pyongyang.", D0906)
    assert t.value == "2018-09-05" and t.anchored
    text = "He retweeted a report on the factory visit Saturday, officials said."
    t = one(text, D0505, "Saturday")
    assert t.value == "2020-05-02"


def test_future_weekday_is_next():
    t = one("The envoys will travel to Pyongyang on Wednesday.", D0906)
    assert t.value == "2018-09-12"
    t = one("Moon is scheduled to fly to Pyongyang next Tuesday.", D0906)
    assert t.value == "2018-09-11"


def test_last_weekday_is_strictly_before():
    t = one("They met last Thursday.", D0906)
    assert t.value == "2018-08-30"


def test_tense_detection():
    text = "He said he will meet Kim on Friday."
    i = text.index("Friday")
    assert tense_at(text, i, i + 6) == "future"
    text = "He met Kim on Friday."
    i = text.index("Friday")
    assert tense_at(text, i, i + 6) == "past"


@pytest.mark.parametrize(
    "text",
    [
        "Trump said that he may talk to Kim again.",
        "Thousands joined the March for Our Lives rally.",
        "Soldiers march through the square.",
        "Some 2000 soldiers took part in the drill.",
        "They won 55 sets and 100 percent of the votes.",
        "The Top 10 list was published.",
        "COVID-19 cases rose.",
        "He scored 1500 points in the game.",
    ],
)
def test_negative_rules(text):
    assert tag(text, D1015) == []


def test_may_as_month_is_a_date():
    t = one("Elections are due on May 10 this year.", D1015, "May 10")
    assert t.value == "2019-05-10"
    t = one("The vote was held in May.", D1015, "May")
    assert t.value == "2019-05"


def test_no_dct_stays_underspecified_never_today():
    today = dt.date.today().isoformat()
    text = (
        "On Wednesday the envoys met. Yesterday he spoke. Last week they talked, and on "
        "June 12 they met again. They will meet in February and in recent weeks this fall."
    )
    found = tag(text)
    assert found
    values = {t.text: t.value for t in found}
    assert values["Wednesday"] == "XXXX-WXX-3"
    assert values["June 12"] == "XXXX-06-12"
    assert values["recent weeks"] == "PXW"
    for t in found:
        assert today not in t.value
        assert t.date is None
        assert not t.anchored
        assert is_valid_value(t.value), t.value


def test_no_dct_keeps_stated_years():
    t = one("The summit was held on June 12, 2018.")
    assert t.value == "2018-06-12" and t.date is not None


def test_find_emits_underspecified_candidates():
    cands = find("They met Wednesday and again on June 12.")
    assert [c.value for c in cands] == ["XXXX-WXX-3", "XXXX-06-12"]


def test_sorted_non_overlapping_valid_offsets():
    text = (
        "SEOUL, Sept. 6 (Yonhap) -- South Korea's special envoys returned Thursday after "
        "meeting Kim on Wednesday. The third summit will be held Sept. 18-20, 2018, the first "
        "since April 27. Kim visited a factory in the 2010s, about two years ago, every year."
    )
    found = tag(text, D0906)
    assert len(found) >= 6
    prev_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= prev_end
        prev_end = t.end
        assert is_valid_value(t.value), t.value


def test_year_stated_in_the_sentence_governs_later_dates():
    text = "In 2018, the leaders held three summits: April 27, May 26 and Sept. 18-20."
    for dct in (D1015, None):
        values = {t.text: t.value for t in tag(text, dct)}
        assert values["April 27"] == "2018-04-27"
        assert values["Sept. 18-20"] == "2018-09-18"
    t = one(text, None, "May 26")
    assert t.date.source == "stated" and not t.anchored


def test_anaphoric_expressions_follow_the_text():
    text = "Kim and Trump met on June 12, 2018. The next day, Trump left. That year was busy."
    values = {t.text: t.value for t in tag(text)}
    assert values["The next day"] == "2018-06-13"
    assert values["That year"] == "2018"
    # with nothing to hang on, a generic "that day" is not a time expression
    assert [t.text for t in tag("Investors lost money that day.", D1015)] == []


def test_clock_time_takes_the_following_day():
    t = one("Talks are set for 2 p.m. on Oct. 10 at the ministry.", D1015, "2 p.m.")
    assert t.value == "2019-10-10T14:00"


def test_rates_and_ages_are_not_time_expressions():
    assert tag("The fund pays $5 million a year to 37 retirees.", D1015) == []
    assert [t.text for t in tag("Mr. Kim, 37 years old, resigned.", D1015)] == []
    assert tag("It runs 15 million instructions per second.", D1015) == []


def test_fiscal_quarters():
    d = dt.date(1989, 10, 26)
    t = one("The company reported a third-quarter loss of $5 million.", d)
    assert (t.text, t.value) == ("third-quarter", "1989-Q3")
    assert t.date.granularity == "quarter"
    text = "Net rose 5% in the third quarter, compared with $3 million a year earlier."
    values = {t.text: t.value for t in tag(text, d)}
    assert values["the third quarter"] == "1989-Q3"
    assert values["a year earlier"] == "1988-Q3"


def test_decades_centuries_and_holidays():
    assert one("prices of the '80s", D1015).value == "198"
    assert one("in the 20th century", D1015).value == "19"
    t = one("He spoke on Christmas Day last year.", D1015, "Christmas Day")
    assert t.value == "2018-12-25"


def test_clock_time_after_a_date_takes_that_date():
    found = tag("Published : Sept. 6, 2018 - 15:18", None)
    assert [(t.text, t.value) for t in found] == [
        ("Sept. 6, 2018", "2018-09-06"),
        ("15:18", "2018-09-06T15:18"),
    ]


def test_a_decade_does_not_lend_its_digits_as_a_year():
    t = one("In the early 2020s, on the 30th of June, it rained.", D1015, "the 30th of June")
    assert t.value == "2019-06-30"


def test_a_year_ending_a_sentence_is_a_year_whatever_the_next_sentence_opens_with():
    # "2000 soldiers" is a count; the plural noun opening the next sentence is not the
    # year's noun ("in 2009. Shares fell"), nor one after a comma
    dct = dt.date(2011, 3, 3)
    got = [(t.text, t.value) for t in tag("He resigned in 2009. Shares fell in 2005.", dct)]
    assert got == [("2009", "2009"), ("2005", "2005")]
    got = [(t.text, t.value) for t in tag("He left in 1998, people said.", dct)]
    assert got == [("1998", "1998")]
    assert tag("The army sent 2000 soldiers to the border.", dct) == []


def test_without_a_publication_date_the_texts_last_date_tells_the_year():
    text = (
        "On 17 October 2019 the two sides agreed on a new text. An early election was then "
        "held on 12 December. The treaty was ratified on 23 January."
    )
    got = [(t.text.rstrip("."), t.value) for t in tag(text)]
    assert got == [("17 October 2019", "2019-10-17"), ("12 December", "2019-12-12"),
                   ("23 January", "2020-01-23")]  # fmt: skip
    borrowed = tag(text)[1].date
    assert borrowed.source == "relative" and borrowed.confidence < 0.8
    assert "2019-10-17" in borrowed.note
    # a step back is taken when it is much nearer than a step forward
    text = "In March 2019 the vote was delayed until April, and then October. She left in July."
    assert [t.value for t in tag(text)] == ["2019-03", "2019-04", "2019-10", "2019-07"]
    # a year alone keeps its months within it
    assert [t.value for t in tag("In 2019 the plant opened. It closed in December.")] == [
        "2019",
        "2019-12",
    ]
    # nothing to go on: the year stays unknown; with a publication date, that date decides
    assert [t.value for t in tag("The plant closed on 12 December.")] == ["XXXX-12-12"]
    dated = tag("On 17 October 2019 it agreed. It was held on 12 December.", dt.date(2021, 3, 1))
    assert [t.value for t in dated] == ["2019-10-17", "2020-12-12"]


def test_may_the_person_is_neither_a_month_nor_a_modal():
    dct = dt.date(2019, 8, 1)
    assert tag("Parliament voted for May to ask the EU to delay Brexit.", dct) == []
    # the past tense after the name, not a modal "may", tells the tense
    assert [t.value for t in tag("May resigned as Prime Minister in July.", dct)] == ["2019-07"]
    # the month stays a month
    got = [t.value for t in tag("Sales rose from May to early June.", dct)]
    assert got == ["2019-05", "2019-06"]
    assert [t.value for t in tag("The storm could hit in July.", dct)] == ["2020-07"]
