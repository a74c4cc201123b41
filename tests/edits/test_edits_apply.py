"""User edits applied on top of extraction: keyed by mentions, provenance kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from nktimeline.edits import (
    Edit,
    EditError,
    Keys,
    MentionKey,
    apply_edits,
    parse_user_date,
    shifted,
    user_date,
)
from nktimeline.edits.locate import sentence_around
from nktimeline.model import Article, Corpus, DateValue, Event, Mention


def _day(y: int, m: int, d: int, source: str = "stated") -> DateValue:
    return DateValue(dt.date(y, m, d), dt.date(y, m, d), "day", source)


def _article(aid: str, sentences: list[str]) -> Article:
    return Article(
        aid, f"/tmp/{aid}.txt", f"Headline of {aid}", " ".join(sentences), sha256=f"sha-{aid}"
    )


def _mention(art: Article, sentence: str, trigger: str, date: DateValue | None) -> Mention:
    s = art.body.index(sentence)
    return Mention(art.id, s, s + len(sentence), sentence, "talks", trigger, date=date)


A = _article(
    "a",
    ["The envoys met in Geneva on May 2.", "A deal was signed on May 9.", "Talks resumed in June."],
)
B = _article("b", ["Envoys met in Geneva on May 3, officials said.", "The deal came May 9."])

MEET_A = _mention(A, "The envoys met in Geneva on May 2.", "met", _day(2020, 5, 2))
MEET_B = _mention(B, "Envoys met in Geneva on May 3, officials said.", "met", _day(2020, 5, 3))
DEAL_A = _mention(A, "A deal was signed on May 9.", "signed", _day(2020, 5, 9))
DEAL_B = _mention(B, "The deal came May 9.", "deal", _day(2020, 5, 9))
RESUME = _mention(
    A,
    "Talks resumed in June.",
    "resumed",
    DateValue(dt.date(2020, 6, 1), dt.date(2020, 6, 30), "month", "relative"),
)


def _corpus() -> Corpus:
    events = (
        Event("ev-meet", "Envoys meet in Geneva", "talks", _day(2020, 5, 2), (MEET_A, MEET_B)),
        Event("ev-deal", "Deal signed", "agreement", _day(2020, 5, 9), (DEAL_A, DEAL_B)),
        Event("ev-june", "Talks resume", "talks", RESUME.date, (RESUME,)),
    )
    return Corpus(articles=(A, B), events=events)


def _ev(corpus: Corpus, eid: str) -> Event:
    return next(e for e in corpus.events if e.id == eid)


KEYS = Keys.of(_corpus())


def test_set_title_and_date_keeps_the_extracted_values_as_originals():
    c = _corpus()
    meet = _ev(c, "ev-meet")
    new = user_date(dt.date(2020, 5, 3), dt.date(2020, 5, 3), "day")
    edit = Edit("set", KEYS.event(meet), {"title": "Geneva meeting", "date": new})
    out = apply_edits(c, [edit]).corpus
    ev = _ev(out, "ev-meet")
    assert ev.title == "Geneva meeting"
    assert ev.date.source == "user" and ev.date.start == dt.date(2020, 5, 3)
    js = ev.to_json()
    assert js["date"]["source"] == "user"
    assert js["edited"]["title"] == {"by": "user", "original": "Envoys meet in Geneva"}
    assert "2020-05-02" in js["edited"]["date"]["original"]
    # the article that said May 2 now disagrees with the user's date: a conflict, kept
    assert [x.article for x in ev.conflicts] == ["a"]
    # events nobody touched keep the extraction contract exactly
    assert "edited" not in _ev(out, "ev-deal").to_json()


def test_re_editing_a_field_keeps_the_first_original():
    c = _corpus()
    keys = KEYS.event(_ev(c, "ev-deal"))
    out = apply_edits(c, [Edit("set", keys, {"title": "One"}), Edit("set", keys, {"title": "Two"})])
    ev = _ev(out.corpus, "ev-deal")
    assert ev.title == "Two"
    assert ev.edited_field("title").original == "Deal signed"


def test_edits_follow_their_mentions_through_re_extraction():
    """A better engine renames and re-ids events and reads another word of a sentence; the
    edit still finds the event by its sentences."""
    old = _corpus()
    edit = Edit("set", KEYS.event(_ev(old, "ev-deal")), {"title": "Peace deal"})
    moved = []
    for e in old.events:
        ms = tuple(dataclasses.replace(m, trigger=m.trigger + "x") for m in e.mentions)
        moved.append(dataclasses.replace(e, id=e.id + "-v2", title=e.title.upper(), mentions=ms))
    new = dataclasses.replace(old, events=tuple(reversed(moved)))
    out = apply_edits(new, [edit])
    assert not out.orphans
    assert _ev(out.corpus, "ev-deal-v2").title == "Peace deal"
    assert _ev(out.corpus, "ev-meet-v2").title == "ENVOYS MEET IN GENEVA"


def test_an_edit_whose_event_is_gone_is_listed_not_lost():
    c = _corpus()
    gone = Edit("set", (MentionKey("sha-zzz", "body", 0, 10, "met"),), {"title": "X"}, "rename X")
    ok = Edit("hide", KEYS.event(_ev(c, "ev-june")))
    out = apply_edits(c, [gone, ok])
    assert out.orphans == (gone,)
    assert [e.id for e in out.hidden] == ["ev-june"]
    assert "ev-june" not in {e.id for e in out.corpus.events}


def test_hide_then_show():
    c = _corpus()
    keys = KEYS.event(_ev(c, "ev-june"))
    out = apply_edits(c, [Edit("hide", keys), Edit("show", keys)])
    assert "ev-june" in {e.id for e in out.corpus.events} and not out.hidden


def test_merge_combines_mentions_and_recomputes_conflicts():
    c = _corpus()
    meet, june = _ev(c, "ev-meet"), _ev(c, "ev-june")
    out = apply_edits(c, [Edit("merge", KEYS.event(meet), {"others": (KEYS.event(june),)})])
    ids = [e.id for e in out.corpus.events]
    assert "ev-june" not in ids
    ev = _ev(out.corpus, "ev-meet")
    assert len(ev.mentions) == 3
    assert ev.date == meet.date  # the target's date decides
    # article a now says both May 2 and June: one agrees, so a is no conflict; b (May 3) is
    assert [x.article for x in ev.conflicts] == ["b"]
    assert "Talks resume" in ev.edited_field("sources").original


def test_split_moves_the_chosen_mentions_to_a_new_event():
    c = _corpus()
    meet = _ev(c, "ev-meet")
    edit = Edit("split", KEYS.event(meet), {"moved": (KEYS.mention(MEET_B),)})
    out = apply_edits(c, [edit]).corpus
    assert len(out.events) == 4
    stay = _ev(out, "ev-meet")
    part = next(e for e in out.events if e.id.startswith("ev-meet~"))
    assert [m.article for m in stay.mentions] == ["a"]
    assert [m.article for m in part.mentions] == ["b"]
    assert part.date.start == dt.date(2020, 5, 3)  # its own mentions' date
    assert stay.conflicts == () and part.conflicts == ()


def test_split_of_every_mention_is_not_applied():
    c = _corpus()
    meet = _ev(c, "ev-meet")
    out = apply_edits(c, [Edit("split", KEYS.event(meet), {"moved": KEYS.event(meet)})])
    assert len(out.orphans) == 1 and len(out.corpus.events) == 3


def test_resolve_takes_the_chosen_sources_date():
    c = _corpus()
    meet = _ev(c, "ev-meet")
    edit = Edit(
        "resolve", KEYS.event(meet), {"winner": KEYS.mention(MEET_B), "reason": "b was there"}
    )
    ev = _ev(apply_edits(c, [edit]).corpus, "ev-meet")
    assert ev.date.start == dt.date(2020, 5, 3) and ev.date.source == "user"
    assert ev.resolution == "b wins: b was there"
    assert [x.article for x in ev.conflicts] == ["a"]  # a still says May 2: shown, resolved
    assert ev.to_json()["resolution"] == "b wins: b was there"


def test_add_an_event_from_a_selected_sentence():
    c = _corpus()
    field, s, e = sentence_around(A, "deal was  signed")
    assert (field, A.body[s:e]) == ("body", "A deal was signed on May 9.")
    key = MentionKey("sha-a", field, s, e, "signed")
    date = parse_user_date("2020-05-09")
    out = apply_edits(c, [Edit("add", (), {"key": key, "title": "Signing", "date": date})])
    added = next(x for x in out.corpus.events if x.id.startswith("user-"))
    assert added.title == "Signing" and added.date.source == "user"
    assert added.mentions[0].sentence == "A deal was signed on May 9."
    assert added.edited_field("added") is not None
    assert sentence_around(A, "Headline of") == ("title", 0, len(A.title))
    assert sentence_around(A, "not in it") is None


def test_remove_article_drops_its_events_and_mentions():
    c = _corpus()
    out = apply_edits(c, [Edit("remove_article", (), {"sha": "sha-b"})])
    assert [a.id for a in out.corpus.articles] == ["a"]
    assert [a.id for a in out.removed] == ["b"]
    for e in out.corpus.events:
        assert all(m.article == "a" for m in e.mentions)
    assert apply_edits(c, [Edit("remove_article", (), {"sha": "nope"})]).orphans


@pytest.mark.parametrize(
    "edit",
    [
        Edit(
            "set",
            (MentionKey("s", "body", 1, 5, "met"),),
            {
                "title": "T",
                "participants": ("A",),
                "date": user_date(dt.date(2019, 2, 1), dt.date(2019, 2, 28), "month"),
            },
            "lbl",
            "t",
        ),
        Edit(
            "merge",
            (MentionKey("s", "body", 1, 5),),
            {"others": ((MentionKey("s", "body", 6, 9),),)},
        ),
        Edit(
            "split", (MentionKey("s", "title", 0, 5),), {"moved": (MentionKey("s", "body", 6, 9),)}
        ),
        Edit(
            "resolve",
            (MentionKey("s", "body", 1, 5),),
            {"winner": MentionKey("s", "body", 1, 5), "reason": "r"},
        ),
        Edit("add", (), {"key": MentionKey("s", "body", 1, 5), "title": "T", "date": None}),
        Edit("remove_article", (), {"sha": "s", "name": "N"}),
        Edit("hide", (MentionKey("s", "body", 1, 5),)),
    ],
)
def test_edit_records_round_trip_through_json(edit):
    back = Edit.from_json(json.loads(edit.dumps()))
    assert back == edit


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "explode"},
        {"kind": "set", "target": [], "values": {"title": "x"}},
        {"kind": "set", "target": [["s", "body", 1, 5, ""]], "values": {"colour": "red"}},
        {"kind": "set", "target": [["s", "body", 5, 1, ""]], "values": {"title": "x"}},
        {"kind": "set", "target": [["s", "body", 1, 5, ""]], "values": {"title": "  "}},
        {
            "kind": "set",
            "target": [["s", "body", 1, 5, ""]],
            "values": {"date": {"start": "2019-13-01"}},
        },
        {"kind": "merge", "target": [["s", "body", 1, 5, ""]], "values": {}},
        "not an object",
    ],
)
def test_bad_edit_records_are_refused_with_a_message(data):
    with pytest.raises(EditError):
        Edit.from_json(data)


def test_user_dates_parse_and_shift_by_their_granularity():
    assert parse_user_date("2019-02").granularity == "month"
    d = parse_user_date("2019-02-27", "2019-02-28")
    assert (d.start, d.end, d.granularity) == (dt.date(2019, 2, 27), dt.date(2019, 2, 28), "day")
    with pytest.raises(EditError):
        parse_user_date("Feb 2019")
    with pytest.raises(EditError):
        parse_user_date("2019-03-01", "2019-02-01")
    month = parse_user_date("2019-02")
    assert shifted(month, 20).start == dt.date(2019, 3, 1)  # snaps to the next month
    assert shifted(month, 20).end == dt.date(2019, 3, 31)
    assert shifted(month, 10).start == dt.date(2019, 2, 1)  # not far enough to move
    assert shifted(parse_user_date("2019"), -200).start == dt.date(2018, 1, 1)
    assert shifted(d, 2.6).start == dt.date(2019, 3, 2) and shifted(d, 2.6).source == "user"
