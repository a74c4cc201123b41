"""Reference chronology and lexicon data: well-formed, sourced, consistent, and matched."""

from __future__ import annotations

import datetime as dt

from nktimeline import chronology
from nktimeline.events.lexicon import lexicon
from nktimeline.model import DateValue, Mention, Timex
from nktimeline.paths import load_json

D = dt.date


def test_chronology_entries_are_sourced_and_consistent():
    refs = chronology.load_chronology()
    assert len(refs) >= 40
    ids = [r.id for r in refs]
    assert len(ids) == len(set(ids))
    lex = lexicon()
    cats = set(lex.category_rank)
    for r in refs:
        assert r.source.strip() and r.title.strip()
        assert r.start <= r.end
        assert r.category in cats
        assert r.place is None or r.place in lex.place_country, r.place
        for p in r.participants:
            assert p in lex.actors, p
    years = {r.start.year for r in refs}
    assert {2017, 2018, 2019, 2020} <= years


def test_places_resolve_through_aliases():
    lex = lexicon()

    def names(text: str) -> list[str]:
        return [h.key for h in lex.places(text) if not h.weak]

    assert names("at the truce village of Panmunjeom") == ["Panmunjom", "Panmunjom"]
    assert names("in the Demilitarized Zone(DMZ)") == ["Panmunjom"]
    assert names("setback in the Swedish capital") == ["Stockholm"]
    assert names("at the Capella hotel on Sentosa") == ["Singapore", "Singapore"]
    assert names("the Vietnamese capital") == ["Hanoi"]
    assert names("Joint Base Pearl Harbor-Hickam in Hawaii") == ["Hawaii", "Hawaii"]
    assert names("Tongchang-ri missile site and Sohae") == ["Tongchang-ri", "Tongchang-ri"]
    weak = [h.key for h in lex.places("talks in Sweden") if h.weak]
    assert weak == ["Stockholm"]


def test_triggers_prefer_the_longest_phrase():
    lex = lexicon()
    text = "a press conference after the summit talks and a missile launch"
    found = [(h.key, t.category) for h, t in lex.triggers_in(text)]
    assert found == [
        ("press conference", "statement"),
        ("summit talks", "summit"),
        ("missile launch", "military"),
    ]


def test_weak_surname_needs_the_full_name_and_never_starts_another_name():
    lex = lexicon()
    present = lex.strong_actors("North Korean leader Kim Jong-un arrived.")
    hits = lex.actors_in("Kim met Kim Joon-hyung, a professor.", present)
    assert [(h.key, h.start) for h in hits] == [("Kim Jong-un", 0)]
    assert lex.actors_in("Kim met officials.", frozenset()) == []


def _mention(
    sentence: str,
    place: str | None,
    category: str,
    date: DateValue | None,
    timex: Timex | None = None,
    participants: tuple[str, ...] = (),
) -> Mention:
    return Mention(
        "a", 0, len(sentence), sentence, category, "talks", place, participants, timex, date
    )


def test_match_links_by_place_category_and_date():
    dv = DateValue(D(2019, 9, 30), D(2019, 10, 6), "week", "relative")
    m = _mention("The talks in Stockholm last week ended.", "Stockholm", "talks", dv)
    ref = chronology.match(m)
    assert ref is not None and ref.start == D(2019, 10, 5)
    link = chronology.link(m)
    assert link is not None and link.compatible is True


def test_match_flags_a_contradicting_date_and_rejects_far_ones():
    near = _mention(
        "a failed meeting in Sweden in November 2019",
        "Stockholm",
        "talks",
        DateValue(D(2019, 11, 1), D(2019, 11, 30), "month"),
    )
    link = chronology.link(near)
    assert link is not None and link.ref.place == "Stockholm" and link.compatible is False
    far = _mention(
        "talks in Stockholm in 2005",
        "Stockholm",
        "talks",
        DateValue(D(2005, 1, 1), D(2005, 12, 31), "year"),
    )
    assert chronology.link(far) is None


def test_match_supplies_the_year_of_a_year_less_date():
    tx = Timex(0, 7, "June 12", "DATE", "XXXX-06-12")
    m = _mention("Before the historic June 12 summit in Singapore", "Singapore", "summit", None, tx)
    ref = chronology.match(m)
    assert ref is not None and ref.start == D(2018, 6, 12)
    assert (
        chronology.match(
            _mention(
                "a summit in Singapore",
                "Singapore",
                "summit",
                None,
                Timex(0, 7, "May 3", "DATE", "XXXX-05-03"),
            )
        )
        is None
    )


def test_ambiguous_undated_mentions_do_not_link():
    m = _mention(
        "Pompeo visited Pyongyang.", "Pyongyang", "visit", None, participants=("Mike Pompeo",)
    )
    assert chronology.match(m) is None


def test_resources_are_json_with_docs():
    for name in (
        "events/triggers.json",
        "events/actors.json",
        "events/sentences.json",
        "events/relative_cues.json",
        "gazetteer.json",
        "chronology.json",
    ):
        assert "_doc" in load_json(name)
