"""Individual extraction rules on small made-up texts (any story, any outlet)."""

from __future__ import annotations

import datetime as dt

from nktimeline.events import extract_events
from nktimeline.events.pubdate import Window, estimate
from nktimeline.model import Article, Published

D = dt.date


PUB = D(2021, 3, 12)


def run(body: str, pub: dt.date | None = PUB, *, ref: bool = False):
    published = Published(pub, "metadata", 0.9) if pub else Published()
    art = Article(id="t", path="t", title="t", body=body, published=published)
    return extract_events([art], use_reference=ref)[1]


def test_dateline_date_is_not_the_event_date():
    events = run(
        "SEOUL, March 12 (Wire) -- Officials from both countries held talks in Geneva "
        "on Tuesday, the ministry said."
    )
    assert [(e.place, e.date.start) for e in events] == [("Geneva", D(2021, 3, 9))]


def test_clock_times_alone_do_not_anchor_events():
    events = run(
        "The talks, which began at 10 a.m., were described as useful by a spokesman "
        "for the ministry."
    )
    # a one-sentence story is its own lead: dated by the publication day, never by the clock
    assert all(e.date is None or e.date.source == "publication" for e in events)
    assert all(m.timex is None for e in events for m in e.mentions)


def test_quoted_dates_do_not_govern_triggers_outside_the_quote():
    events = run(
        '"We will faithfully carry out everything that we agreed today," the minister '
        "told reporters after the meeting."
    )
    assert all(e.date is None or e.date.source == "publication" for e in events)
    assert all(m.timex is None for e in events for m in e.mentions)


def test_scare_quotes_do_not_block_anchoring():
    events = run(
        'The president thanked the prime minister on Thursday for a "very nice letter" about trade.'
    )
    assert len(events) == 1 and events[0].date.start == D(2021, 3, 11)


def test_process_nouns_are_not_occurrences():
    events = run(
        "Progress in talks has stalled since last month, when the minister resigned "
        "over a scandal in the capital."
    )
    assert all("talks" not in e.title.lower() for e in events)


def test_present_tense_schedule_resolves_forward():
    events = run(
        "The delegation will travel to the Games, which open on Feb. 9 in Pyeongchang.",
        D(2018, 1, 9),
    )
    games = [e for e in events if e.place == "Pyeongchang"]
    assert games and games[0].date.start == D(2018, 2, 9)


def test_plan_survives_only_with_a_firm_day():
    firm = run(
        "The two leaders agreed to hold a summit in Vienna, which is scheduled for April 20.",
        D(2021, 3, 12),
    )
    # the summit to come, with its day (the agreement itself is the news of the day)
    summits = [e for e in firm if e.category == "summit"]
    assert [(e.place, e.date.start) for e in summits] == [("Vienna", D(2021, 4, 20))]
    assert all(e.date.start <= D(2021, 3, 12) for e in firm if e.category != "summit")
    vague = run("The two leaders hope to hold a summit in Vienna in April.", D(2021, 3, 12))
    assert vague == []


def test_country_subject_titles_an_event_without_people():
    events = run(
        "North Korea fired two short-range missiles into the sea on Thursday, the military said.",
        D(2019, 5, 10),
    )
    assert len(events) == 1
    e = events[0]
    assert e.category == "military" and e.title.startswith("North Korea")
    assert e.date.start == D(2019, 5, 9)


def test_truce_village_is_a_place_not_a_war():
    events = run(
        "Officials met at the truce village of Panmunjom on Tuesday for border talks.",
        D(2018, 1, 10),
    )
    assert [e.category for e in events] == ["talks"] and events[0].place == "Panmunjom"


def test_reference_supplies_a_year_and_links():
    events = run(
        "Before the historic June 12 summit in Singapore, the two sides exchanged letters.",
        None,
        ref=True,
    )
    e = next(e for e in events if e.place == "Singapore")
    assert e.date.start == D(2018, 6, 12) and e.reference == "singapore-summit-2018"
    assert e.date.source == "reference"


def test_estimate_intersects_windows_strongest_first():
    old = Published()
    wins = [
        Window(D(2019, 10, 7), D(2019, 10, 13), 1.0, "'last week'"),
        Window(D(2019, 6, 30), D(2020, 5, 25), 0.8, "'in June'"),
        Window(D(2018, 1, 1), D(2018, 1, 5), 0.6, "contradicting, ignored"),
    ]
    pub = estimate(wins, old)
    assert pub is not None and pub.source == "inferred" and pub.value is None
    assert (pub.earliest, pub.latest) == (D(2019, 10, 7), D(2019, 10, 13))
    assert pub.anchor == D(2019, 10, 10)
    assert pub.confidence == 0.6 and "'last week'" in pub.note and "ignored" not in pub.note
    assert estimate([], old) is None


def test_estimate_from_stated_dates_only_is_a_lower_bound():
    wins = [
        Window(D(2020, 3, 1), D(2022, 3, 1), 0.2, "stated", True),
        Window(D(2020, 5, 2), D(2022, 5, 2), 0.2, "stated", True),
    ]
    pub = estimate(wins, Published())
    assert pub is not None and pub.value is None and pub.earliest == D(2020, 5, 2)
    assert pub.latest == D(2022, 3, 1) and pub.confidence == 0.3


def test_named_history_without_event_word_is_background():
    events = run(
        "Officials recalled that the 1988 Seoul Olympics drew athletes from both blocs, "
        "and praised the talks in Geneva on Tuesday."
    )
    olympics = [e for e in events if e.title == "Seoul Olympics"]
    assert len(olympics) == 1
    assert olympics[0].category == "background" and olympics[0].date.start.year == 1988
    assert any(e.place == "Geneva" and e.category == "talks" for e in events)


def test_sentences_without_an_event_word_still_yield_history_and_meetings():
    # Only sentences with an event word, two people or an old date are examined; these
    # two have no event word at all.
    history = run("Officials recalled it. The 1988 Seoul Olympics drew athletes from both blocs.")
    assert [(e.title, e.date.start.year) for e in history] == [("Seoul Olympics", 1988)]
    met = run(
        "Kim Jong Un and Donald Trump were together in Singapore on June 12, 2018, for hours."
    )
    assert [(e.place, e.date.start, e.category) for e in met] == [
        ("Singapore", D(2018, 6, 12), "summit")
    ]
    assert run("Donald Trump was in Singapore on June 12, 2018, for hours.") == []


def test_firmness_alone_agrees_with_the_word_window_flags():
    # an event whose clause told its tense and modality reads only its firmness from the
    # words around it, the same as the full word-window reading finds
    from nktimeline.events.cues import firmness, flags
    from nktimeline.events.lexicon import TriggerDef, lexicon
    from nktimeline.events.mentions import Cand
    from nktimeline.model import Sentence

    lex = lexicon()
    cases = [
        ("The summit is scheduled to open in Hanoi next week.", "summit"),
        ("Officials said the vote, set for May 3, would go ahead.", "vote"),
        ("The board met on Monday and approved the merger.", "met"),
        ("The upcoming hearing will decide the case.", "hearing"),
        ("Talks to be held in Oslo were announced by the ministry.", "Talks"),
        ("The company reported profits for the quarter.", "reported"),
    ]
    seen = set()
    for text, word in cases:
        start = text.index(word)
        sent = Sentence(0, len(text), text)
        tdef = TriggerDef("other", word.lower(), 0)
        full = Cand("a", sent, start, start + len(word), word, tdef, "other")
        flags(text, sent, full, lex)
        alone = Cand("a", sent, start, start + len(word), word, tdef, "other")
        firmness(text, sent, alone, lex)
        assert alone.firm == full.firm, text
        seen.add(full.firm)
    assert seen == {True, False}


def test_the_clause_tree_answers_as_the_scans_it_replaces():
    from nktimeline.events.open import _ClauseTree
    from nktimeline.language import analyse

    for text in (
        "They met in June and signed a deal in July, officials said on Monday.",
        "The minister said that the talks, which began in May, ended after the vote.",
        "He said on Monday that she said on Tuesday that they left.",
    ):
        clauses = analyse(text).clauses
        tree = _ClauseTree(clauses)
        for index in range(len(clauses)):
            assert tree.children.get(index, []) == [o for o in clauses if o.parent == index]
        for pos in range(len(text) + 1):
            scan = next(
                (o for o in reversed(clauses) if o.predicate is not None and o.end <= pos), None
            )
            assert tree.last_ending_by(pos) is scan
