"""Event extraction on made-up articles about other stories: the rules are general."""

from __future__ import annotations

import datetime as dt

from nktimeline.events import extract_events
from nktimeline.model import Article, Published

D = dt.date


def art(aid: str, body: str, published: dt.date | None = None, source: str = "metadata") -> Article:
    pub = Published(published, source, 0.9 if published else 0.0) if published else Published()
    return Article(id=aid, path=f"/tmp/{aid}.txt", title=aid, body=body, published=pub)


EU_A = art(
    "eu-a",
    (
        "PARIS (Wire) — French President Emmanuel Macron and German Chancellor Angela Merkel "
        "held a summit in Paris on Tuesday to discuss the budget dispute, officials said.\n\n"
        "The two leaders also spoke about regional elections in Berlin on March 2, which the "
        "governing party lost badly."
    ),
    D(2021, 3, 12),
)
EU_B = art(
    "eu-b",
    (
        "The Paris summit between Macron and Merkel on March 9, 2021 produced no agreement on the "
        "budget, diplomats in Brussels said on Monday."
    ),
    D(2021, 3, 15),
)
EU_C = art(
    "eu-c",
    (
        "Macron and Merkel met in the French capital in March to try to settle the budget row, "
        "but the talks ended without a deal."
    ),
    D(2021, 4, 2),
)


def test_summit_merges_by_place_alias_and_granularity():
    _, events = extract_events([EU_A, EU_B, EU_C], use_reference=False)
    paris = [e for e in events if e.place == "Paris"]
    assert len(paris) == 1, [(e.title, e.place, e.date) for e in events]
    e = paris[0]
    assert e.category == "summit"
    assert (e.date.start, e.date.end, e.date.granularity) == (D(2021, 3, 9), D(2021, 3, 9), "day")
    assert set(e.articles) == {"eu-a", "eu-b", "eu-c"}
    assert "Macron" in e.title and "Merkel" in e.title and "Paris" in e.title
    assert {"Emmanuel Macron", "Angela Merkel"} <= set(e.participants)


def test_election_trigger_place_and_relative_year():
    _, events = extract_events([EU_A], use_reference=False)
    elections = [e for e in events if e.category == "election"]
    assert len(elections) == 1
    e = elections[0]
    assert e.place == "Berlin"
    assert (e.date.start, e.date.granularity) == (D(2021, 3, 2), "day")
    assert e.title.lower().startswith("regional election")


def test_weekday_resolves_against_publication_date():
    _, events = extract_events([EU_A], use_reference=False)
    summit = next(e for e in events if e.category == "summit")
    assert summit.date.start == D(2021, 3, 9)  # the Tuesday before Friday 2021-03-12
    assert summit.date.source == "relative"
    m = summit.mentions[0]
    assert m.timex is not None and EU_A.body[m.timex.start : m.timex.end] == "Tuesday"


def _geneva(aid: str, when: str, pub: dt.date) -> Article:
    return art(
        aid,
        f"Negotiators from Iran and the European Union held talks in Geneva {when}, "
        "according to diplomats familiar with the matter.",
        pub,
    )


def test_lone_dissenting_article_becomes_a_conflict():
    arts = [
        _geneva("g1", "on March 3, 2021", D(2021, 3, 5)),
        _geneva("g2", "on March 3, 2021", D(2021, 3, 6)),
        _geneva("g3", "in April 2021", D(2021, 5, 1)),
    ]
    _, events = extract_events(arts, use_reference=False)
    geneva = [e for e in events if e.place == "Geneva"]
    assert len(geneva) == 1
    e = geneva[0]
    assert e.date.start == D(2021, 3, 3)
    assert [(c.article, c.date) for c in e.conflicts] == [("g3", "2021-04")]


def test_compatible_granularities_are_not_conflicts():
    arts = [
        _geneva("g1", "on March 3, 2021", D(2021, 3, 5)),
        _geneva("g2", "in March 2021", D(2021, 4, 6)),
    ]
    _, events = extract_events(arts, use_reference=False)
    e = next(e for e in events if e.place == "Geneva")
    assert set(e.articles) == {"g1", "g2"} and not e.conflicts
    assert e.date.granularity == "day"


def test_boilerplate_and_short_lines_yield_nothing():
    body = (
        "Summit\n\nTalks\n\nElection 2020\n\nLogin\n\nSubscribe\n\n"
        "Top 10 Stories\n\nSummit news March 3\n\nCopyright 2021. All rights reserved."
    )
    _, events = extract_events([art("chrome", body, D(2021, 3, 5))], use_reference=False)
    assert events == []


def test_no_anchor_no_event_and_no_invented_dates():
    body = (
        "Officials said the talks would continue. The two sides held a meeting in Vienna to "
        "discuss the matter. Analysts expect a summit to be held soon."
    )
    arts, events = extract_events([art("vague", body, D(2021, 3, 5))], use_reference=False)
    # nothing but the lead's meeting and the officials' statement of a plan, dated
    # (loosely) by the publication day; the expected summit is no event
    assert all(e.date is not None and e.date.source == "publication" for e in events)
    assert sorted((e.category, e.place or "") for e in events) == [
        ("statement", ""),
        ("talks", "Vienna"),
    ]
    assert arts[0].published.value == D(2021, 3, 5)


def test_speculative_and_negated_mentions_are_dropped():
    body = (
        "The two leaders could meet in Vienna next month, a spokesman said. "
        "No summit was held in Helsinki on Tuesday, despite earlier reports. "
        "The prime minister visited Ottawa on Monday for trade talks with officials."
    )
    _, events = extract_events([art("spec", body, D(2021, 3, 5))], use_reference=False)
    assert [e.place for e in events] == ["Ottawa"]
    assert events[0].date.start == D(2021, 3, 1)


def test_undated_article_keeps_year_unknown_without_outside_knowledge():
    body = "The leaders held a summit in Hanoi on Feb. 27 and agreed to meet again."
    arts, events = extract_events([art("undated", body)], use_reference=False)
    assert arts[0].published.value is None  # nothing in the text dates it
    assert len(events) == 1
    assert events[0].date is None and "year unknown" in events[0].title


def test_undated_article_is_dated_from_shared_events():
    a = art(
        "dated",
        "Foreign ministers held talks in Geneva on May 14, 2021 about the ceasefire "
        "and agreed to meet again.",
        D(2021, 5, 15),
    )
    b = art(
        "undated",
        "The talks in Geneva last week ended without a breakthrough, officials "
        "said, and no new round has been scheduled.",
    )
    arts, events = extract_events([a, b], use_reference=False)
    pub = arts[1].published
    # an estimate is a window (no precise day), here the week after the talks
    assert pub.source == "inferred" and pub.value is None
    assert D(2021, 5, 17) <= pub.earliest <= pub.latest <= D(2021, 5, 23)
    assert (0.3 <= pub.confidence <= 0.7 and "Geneva" not in pub.note) or "talks" in pub.note
    geneva = [e for e in events if e.place == "Geneva"]
    assert len(geneva) == 1 and set(geneva[0].articles) == {"dated", "undated"}
    assert geneva[0].date.start == D(2021, 5, 14)


def test_repost_stamp_is_not_trusted_for_relative_dates():
    body = "The prime minister visited Ottawa on Monday for trade talks with officials there."
    _arts, events = extract_events(
        [art("repost", body, D(2024, 9, 22), source="repost")], use_reference=False
    )
    assert all(e.date is None or e.date.start.year < 2024 for e in events)


def test_history_in_passing_is_background():
    body = (
        "Leaders met in Seoul on Monday to mark the anniversary. Officials noted that the "
        "1950-53 Korean War ended in an armistice rather than a peace treaty."
    )
    _, events = extract_events([art("hist", body, D(2020, 6, 25))], use_reference=False)
    war = [e for e in events if "Korean War" in e.title]
    assert len(war) == 1 and war[0].category == "background"


def test_event_ids_are_stable_and_unique():
    one = extract_events([EU_A, EU_B, EU_C], use_reference=False)[1]
    two = extract_events([EU_C, EU_B, EU_A], use_reference=False)[1]
    assert [e.id for e in one] == [e.id for e in two]
    assert len({e.id for e in one}) == len(one)


def test_events_sorted_by_date_with_undated_last():
    _, events = extract_events(
        [
            EU_A,
            EU_B,
            EU_C,
            art("u", "The leaders held a summit in Hanoi on Feb. 27 and agreed to meet again."),
        ],
        use_reference=False,
    )
    dated = [e.date.start for e in events if e.date is not None]
    assert dated == sorted(dated)
    assert events[-1].date is None


def _dated(events):
    return sorted((e.date.label(), e.place) for e in events if e.date is not None)


def test_one_trigger_reporting_two_meetings_gives_two_events():
    body = (
        "The two leaders met in Singapore on June 12, 2018, and again in Hanoi on "
        "Feb. 27, 2019, the ministry said."
    )
    _, events = extract_events([art("coord", body, D(2019, 9, 1))], use_reference=False)
    assert _dated(events) == [("2018-06-12", "Singapore"), ("2019-02-27", "Hanoi")]
    body = "Kim visited Beijing in March and Moscow in April 2019, state media reported."
    _, events = extract_events([art("coord2", body, D(2019, 9, 1))], use_reference=False)
    assert _dated(events) == [("2019-03", "Beijing"), ("2019-04", "Moscow")]


def test_a_later_reporting_date_is_not_a_second_meeting():
    body = (
        "Trump and Kim met in June in Singapore and in February in Hanoi, officials said on Monday."
    )
    _, events = extract_events([art("said", body, D(2019, 9, 1))], use_reference=False)
    assert _dated(events) == [("2019-02", "Hanoi"), ("2019-06", "Singapore")]
    body = "The summit in Singapore in June 2018 was followed by months of stalemate in Seoul."
    _, events = extract_events([art("one", body, D(2019, 9, 1))], use_reference=False)
    assert _dated(events) == [("2018-06", "Singapore")]


def test_a_date_of_talking_about_an_event_does_not_date_the_event():
    body = (
        "While talking about his phone call with Moon Jae-in in Seoul, Wednesday, Trump "
        "suggested more talks were possible."
    )
    _, events = extract_events([art("topic", body, D(2019, 9, 5))], use_reference=False)
    assert all(e.date is None or e.date.start != D(2019, 9, 4) for e in events)
    body = "On Tuesday, Kim praised the summit in Singapore, state media reported."
    _, events = extract_events([art("topic2", body, D(2019, 9, 5))], use_reference=False)
    assert not [e for e in events if e.place == "Singapore" and e.date is not None]


def test_a_date_inside_the_talked_about_phrase_still_counts():
    body = "Kim praised the summit held in Singapore on June 12, 2018, in a letter to Trump."
    _, events = extract_events([art("kept", body, D(2019, 9, 5))], use_reference=False)
    stated = [e for e in events if e.date is not None and e.date.source != "publication"]
    assert _dated(stated) == [("2018-06-12", "Singapore")]


DAY = D(2021, 3, 12)


def _titles(body, day=DAY):
    _, events = extract_events([art("t", body, day)], use_reference=False)
    return [(e.title, e.date.label() if e.date else None) for e in events]


def test_a_named_organisation_names_an_event_without_known_people():
    assert _titles("The European Commission held a summit on Friday with African leaders.") == [
        ("European Commission summit", "2021-03-12")
    ]
    # a capitalised word opening the sentence is not a name
    # (nor is a bare "Talks" a title: the clause says who held them)
    assert _titles("Negotiators held talks on Tuesday but made little progress.") == [
        ("Negotiators hold talks", "2021-03-09")
    ]


def test_protests_are_protests_and_market_rallies_are_market_moves():
    body = "Protesters held a rally on Saturday against the new labor law in Seoul, police said."
    assert _titles(body) == [("Protest in Seoul", "2021-03-06")]
    # a market rally happened too, but it is not a protest: its clause names it
    _, events = extract_events(
        [art("t", "Stocks rallied on Friday after the jobs report, traders said.", DAY)],
        use_reference=False,
    )
    assert [(e.title, e.category, e.date.label()) for e in events] == [
        ("Stocks rally", "other", "2021-03-12")
    ]


def test_titles_agree_and_never_stand_as_a_bare_verb():
    from nktimeline.events.titles import _plural

    assert not _plural("Steve Jobs") and _plural("Shares") and _plural("Trump and Kim")
    # "the" is no first name; a country is one place
    assert _plural("The Conservatives") and not _plural("The Philippines")
    body = "The rubber cases have been found to alleviate the reception issues on Friday."
    titles = [t for t, _ in _titles(body)]
    assert titles and all(len(t.split()) >= 2 for t in titles), titles


def test_light_verbs_hand_the_event_to_what_names_the_happening():
    # a passive light verb: the subject is the happening
    assert _titles("The funeral was held on Friday at the town church.") == [
        ("Funeral is held", "2021-03-12")
    ]
    # an object noun that is a verb too names the happening ("a bid", "control")
    assert _titles("The firm made a surprise bid for its rival on March 2.") == [
        ("Firm makes surprise bid", "2021-03-02")
    ]
    assert _titles("The rebels took control of the city on Tuesday.") == [
        ("Rebels take control", "2021-03-09")
    ]
    # a phrasal verb reports a happening whatever its object
    assert _titles("Kim took over the company in 1994.") == [("Kim takes over company", "1994")]
    # ... not before an amount, and a state noun or nothing happening is no event
    assert _titles("The repair took over two hours on Monday.") == []
    assert _titles("The plan made sense to investors on Monday.") == []
    assert _titles("No vote was held in the city on Tuesday.") == []


def test_a_number_is_no_subject_for_a_title():
    titles = _titles("Jobs, aged 55, took medical leave on Monday.")
    assert len(titles) == 1 and not titles[0][0].startswith("55")


def test_a_comparisons_baseline_is_no_time_for_the_next_sentence():
    body = (
        "In the most serious clash since the Korean War of the early 1950s, the two navies "
        "exchanged fire near the island. Two marines were killed and several civilians were "
        "injured in the shelling."
    )
    dated = dict((t, d) for t, d in _titles(body))
    assert dated["Two marines are killed"] == "2021-03-12"  # the news of the day
    assert dated["Korean War"] == "195"  # the history keeps its own date


def test_a_participle_before_its_noun_is_an_adjective():
    assert _titles("Earnings per diluted share were $5.98 in the first quarter.") == []
    # ... and after a possessive ("Moon's renewed confidence")
    titles = _titles("Prospects improved on Friday on the back of Moon's renewed confidence.")
    assert titles == [("Prospects improve", "2021-03-12")]
