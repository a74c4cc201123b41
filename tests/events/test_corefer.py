"""Cross-article coreference: the same happening told in other words by other articles."""

from __future__ import annotations

import datetime as dt

from nktimeline.events import extract_events
from nktimeline.model import Article, Published

D = dt.date


def _art(aid: str, body: str, day: dt.date) -> Article:
    return Article(
        id=aid,
        path=f"/tmp/{aid}.txt",
        title="",
        body=body,
        published=Published(day, "metadata", 0.9),
    )


FILLER = [
    _art(f"f{i}", f"The council of {town} approved a new budget for its schools on Monday.", day)
    for i, (town, day) in enumerate(
        [("Ashford", D(2031, 5, 2)), ("Brill", D(2031, 5, 9)), ("Corran", D(2031, 6, 1))]
    )
]


def _by_articles(events):
    return [sorted({m.article for m in e.mentions}) for e in events if e.date is not None]


def test_two_reports_of_one_day_in_other_words_are_one_event():
    a = _art(
        "a",
        "Veltrania's health ministry declared an outbreak of Morvel fever in the Kessin "
        "district on Tuesday after nine cases were confirmed.",
        D(2031, 4, 16),
    )
    b = _art(
        "b",
        "Authorities in Veltrania announced on Tuesday that Morvel fever had reached Kessin, "
        "the first outbreak there in a decade.",
        D(2031, 4, 16),
    )
    _arts, events = extract_events([a, b, *FILLER], use_reference=False)
    assert ["a", "b"] in _by_articles(events)


def test_same_day_reports_of_different_stories_stay_apart():
    a = _art(
        "a",
        "Veltrania's health ministry declared an outbreak of Morvel fever in the Kessin "
        "district on Tuesday after nine cases were confirmed.",
        D(2031, 4, 16),
    )
    b = _art(
        "b",
        "The Dorrane shipyard launched its largest tanker on Tuesday, the company said.",
        D(2031, 4, 16),
    )
    _arts, events = extract_events([a, b, *FILLER], use_reference=False)
    joined = _by_articles(events)
    assert ["a", "b"] not in joined
    assert ["a"] in joined and ["b"] in joined


def test_an_articles_own_events_are_never_joined_through_another_article():
    a = _art(
        "a",
        "Veltrania's health ministry declared an outbreak of Morvel fever in Kessin on "
        "Tuesday. Veltrania's health ministry also closed schools in Kessin on Tuesday "
        "because of the Morvel fever outbreak.",
        D(2031, 4, 16),
    )
    b = _art(
        "b",
        "Veltrania declared a Morvel fever outbreak in Kessin on Tuesday, its health "
        "ministry said.",
        D(2031, 4, 16),
    )
    _arts, events = extract_events([a, b, *FILLER], use_reference=False)
    for e in events:
        sents = [m.sentence for m in e.mentions if m.article == "a"]
        assert len({s for s in sents}) <= 1, e.title


def test_a_report_dated_by_its_month_joins_the_one_day_event_it_tells():
    day = _art(
        "d",
        "On 23 June 2031 the Veltranian electorate voted to leave the Morvel customs "
        "union in a referendum.",
        D(2031, 6, 24),
    )
    month = _art(
        "m",
        "Following a referendum in June 2031, in which the Veltranian electorate voted to "
        "leave the Morvel customs union, talks began.",
        D(2032, 2, 1),
    )
    _arts, events = extract_events([day, month, *FILLER], use_reference=False)
    joined = [e for e in events if {m.article for m in e.mentions} == {day.id, month.id}]
    assert len(joined) == 1 and joined[0].date.start == D(2031, 6, 23)  # the finer date
