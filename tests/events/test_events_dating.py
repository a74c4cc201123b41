"""Dating events without a time expression of their own (issue 13): the paragraph's time,
the lead's publication day, and the headline."""

from __future__ import annotations

import dataclasses
import datetime as dt

from nktimeline.events import extract_events
from nktimeline.model import Article, Published, Span

D = dt.date
PUBLISHED = dt.date(2021, 3, 12)


def _art(body: str, title: str = "", published: dt.date | None = PUBLISHED) -> Article:
    pub = Published(published, "metadata", 0.95) if published else Published()
    paras, pos = [], 0
    for part in body.split("\n\n"):
        paras.append(Span(pos, pos + len(part)))
        pos += len(part) + 2
    return Article(
        id="a",
        path="/tmp/a.txt",
        title=title,
        body=body,
        published=pub,
        paragraphs=tuple(paras),
    )


def _dated(events):
    return sorted((e.date.iso_start(), e.date.source) for e in events if e.date is not None)


def test_an_undated_sentence_takes_the_time_its_paragraph_is_talking_about():
    body = (
        "Officials of both countries met in Geneva last week, the ministry said in a long "
        "statement.\n\n"
        "Delegates from the two sides held a summit in Vienna on March 2. They signed a "
        "ceasefire agreement at the end of the summit in Vienna, diplomats said."
    )
    _, events = extract_events([_art(body)], use_reference=False)
    vienna = [e for e in events if e.place == "Vienna"]
    assert vienna and all(e.date.start == D(2021, 3, 2) for e in vienna)
    carried = [m for e in vienna for m in e.mentions if m.sentence.startswith("They signed")]
    assert carried and carried[0].timex is None  # dated by the paragraph, no own expression
    assert any("paragraph" in m.date.note for m in carried if m.date is not None)


def test_the_lead_in_the_past_tense_is_the_news_of_the_publication_day():
    body = (
        "The two leaders held a summit in Vienna, ending months of silence between the "
        "governments, officials said.\n\n"
        "Both sides are expected to meet again later this year."
    )
    _, events = extract_events([_art(body)], use_reference=False)
    assert ("2021-03-12", "publication") in _dated(events)
    pub = [e for e in events if e.date is not None and e.date.source == "publication"]
    assert all(e.date.confidence < 0.9 for e in pub)  # less sure than a stated date


def test_a_later_paragraph_without_a_date_is_not_dated_by_the_publication_day():
    body = (
        "Markets were calm on Friday as traders waited for news from the capital.\n\n"
        "Filler sentence about the weather in the region that says nothing much at all.\n\n"
        "Later the two leaders held a summit in Vienna to discuss the trade dispute."
    )
    _, events = extract_events([_art(body)], use_reference=False)
    assert not [e for e in events if e.date is not None and e.date.source == "publication"]


def test_a_future_lead_is_not_dated_by_the_publication_day():
    body = "The two leaders will hold a summit in Vienna to discuss the trade dispute."
    _, events = extract_events([_art(body)], use_reference=False)
    assert not [e for e in events if e.date is not None and e.date.source == "publication"]


def test_the_headline_is_read_and_joins_the_lead_event():
    body = (
        "The two leaders held a summit in Vienna on Tuesday to settle the trade dispute, "
        "officials said.\n\nThe talks ended without a joint statement."
    )
    arts, events = extract_events(
        [_art(body, title="Leaders hold summit in Vienna over trade dispute")],
        use_reference=False,
    )
    heads = [(e, m) for e in events for m in e.mentions if m.field == "title"]
    assert heads, "the headline's event is read"
    e, m = heads[0]
    assert arts[0].title[m.sentence_start : m.sentence_end] == m.sentence
    assert any(x.field == "body" for x in e.mentions)  # merged with the lead's mention
    assert e.date.start == D(2021, 3, 9)  # the lead's Tuesday, not the publication day
    assert m.to_json()["field"] == "title"


def test_salience_ranks_a_headline_event_reported_twice_above_background():
    lead = "The two leaders held a summit in Vienna on Tuesday to settle the trade dispute."
    background = "\n\nEarlier, the ministers held talks in Geneva in 2015 without any result."
    a = _art(lead + background, title="Leaders hold summit in Vienna")
    b = Article(
        id="b",
        path="/tmp/b.txt",
        title="",
        body="A summit in Vienna on March 9, 2021 brought the two leaders together.",
        published=Published(D(2021, 3, 12), "metadata", 0.95),
        paragraphs=(Span(0, 70),),
    )
    _, events = extract_events([a, b], use_reference=False)
    vienna = next(e for e in events if e.place == "Vienna")
    geneva = next(e for e in events if e.place == "Geneva")
    assert len(vienna.articles) == 2
    assert 0 <= geneva.salience < vienna.salience <= 1
    assert vienna.to_json()["salience"] == round(vienna.salience, 3)


def test_open_events_on_any_topic_with_clause_titles_and_reported_dates():
    body = (
        "The chip maker reported record revenue on Wednesday, beating forecasts.\n\n"
        "The company said on Thursday that it had acquired a small software firm.\n\n"
        "Shares of the company fell sharply on Friday after the announcement."
    )
    _, events = extract_events([_art(body, published=D(2021, 3, 12))], use_reference=False)
    by_day = {e.date.start: e for e in events if e.date is not None}
    assert D(2021, 3, 10) in by_day  # "reported ... on Wednesday": no listed event word
    assert by_day[D(2021, 3, 10)].title.lower().startswith("the chip maker reports") or (
        by_day[D(2021, 3, 10)].title.lower().startswith("chip maker reports")
    )
    assert D(2021, 3, 12) in by_day  # "fell ... on Friday"
    # "said on Thursday that it had acquired": Thursday dates the saying, not the deal
    acquired = [
        e for e in events for m in e.mentions if "acquired" in m.sentence and e.date is not None
    ]
    assert all(e.date.start != D(2021, 3, 11) for e in acquired)
    # "fell ... after the announcement": the fall, not the announcement
    assert by_day[D(2021, 3, 12)].title == "Shares fall"


def test_relative_days_are_not_resolved_against_a_wide_estimate():
    dated = _art(
        "Foreign ministers held talks in Geneva on May 14, 2021 about the ceasefire.",
        published=D(2021, 5, 15),
    )
    undated = Article(
        id="u",
        path="/tmp/u.txt",
        title="",
        body=(
            "The talks in Geneva on May 14, 2021 were recalled by officials. "
            "The rebels attacked a convoy near the border on Tuesday, the army said."
        ),
    )
    arts, events = extract_events([dated, undated], use_reference=False)
    pub = next(a for a in arts if a.id == "u").published
    assert pub.source == "inferred" and pub.value is None
    assert (pub.latest - pub.earliest).days > 62  # a stated past date bounds it from below only
    tuesday = [
        e for e in events for m in e.mentions if m.article == "u" and "Tuesday" in m.sentence
    ]
    assert all(e.date is None for e in tuesday)  # no precise day from an unsure estimate


def test_a_saying_dated_in_its_own_words_is_news_when_it_tells_a_plan():
    body = (
        "The port authority said on Tuesday it would close the northern harbour to "
        "tankers.\n\nOfficials said on Wednesday that the ferry had sunk in May."
    )
    _, events = extract_events([_art(body, published=D(2021, 3, 12))], use_reference=False)
    dated = {(e.date.start, e.category): e.title for e in events if e.date is not None}
    # the announcement of a plan is a statement of that Tuesday
    assert dated[(D(2021, 3, 9), "statement")].startswith("Port authority says it would close")
    # a saying that reports a past happening is not news of its own: the sinking is
    assert not any(day == D(2021, 3, 10) for day, _ in dated)
    assert any(day.month == 5 for day, _ in dated)


def test_scheduled_events_and_parts_of_a_year_are_planned_dates():
    body = (
        "His sentencing is tentatively scheduled for March 28 of next year.\n\n"
        "The headset will retail for $3,499 and is set to ship in early 2024."
    )
    _, events = extract_events([_art(body, published=D(2023, 11, 3))], use_reference=False)
    got = {e.title: e.date for e in events if e.date is not None}
    sentencing = next(d for t, d in got.items() if "sentencing" in t.lower())
    assert (sentencing.start, sentencing.granularity) == (D(2024, 3, 28), "day")
    early = [d for d in got.values() if d.granularity == "season"]
    assert [(d.start, d.end) for d in early] == [(D(2024, 1, 1), D(2024, 4, 30))]


def test_an_adjunct_tells_its_clause_time_and_a_set_hearing_is_planned():
    body = (
        "A jury found the former chief executive guilty of seven counts of fraud and "
        "conspiracy in a federal court in Manhattan after deliberating for about four "
        "hours on Thursday.\n\n"
        "The judge set a sentencing hearing for March 28, 2024."
    )
    _, events = extract_events([_art(body, published=D(2023, 11, 3))], use_reference=False)
    got = {e.title: (e.date.start if e.date else None) for e in events}
    jury = [day for title, day in got.items() if title.startswith("Jury finds former chief")]
    assert jury == [D(2023, 11, 2)]
    assert got.get("Judge sets sentencing hearing") == D(2024, 3, 28)


def test_an_undated_report_takes_its_day_from_a_dated_report_of_the_same_happening():
    dated = _art(
        "A magnitude 6.1 earthquake struck the Varden valley late on Friday, killing at "
        "least 40 villagers, the interior ministry said.",
        published=D(2031, 5, 10),
    )
    undated = dataclasses.replace(
        _art(
            "Survivors of the Varden valley earthquake were sleeping outside on Tuesday.\n\n"
            "The earthquake struck the Varden valley late on Friday, killing 40 villagers.",
            published=None,
        ),
        id="u",
        path="/tmp/u.txt",
    )
    arts, events = extract_events([dated, undated], use_reference=False)
    pub = next(a for a in arts if a.id == "u").published
    assert pub.source == "inferred" and pub.earliest == D(2031, 5, 9)
    # it names Tuesday: within the window, the report's own day
    assert pub.anchor == D(2031, 5, 13)
    days = sorted(e.date.start for e in events if e.date is not None)
    assert D(2031, 5, 9) in days  # the quake, both reports in one event
    quake = next(e for e in events if e.date and e.date.start == D(2031, 5, 9))
    assert {m.article for m in quake.mentions} == {dated.id, "u"}
    assert D(2031, 5, 13) in days  # "on Tuesday": the report's day, not a week before


def test_later_and_earlier_count_from_the_story_not_from_publication():
    body = (
        "He started the company in 1976, and in 1984 the first model was released to the "
        "public. One year later he was fired from the company.\n\n"
        "The board met on March 3, 2011. Two days later, the board approved the plan."
    )
    _, events = extract_events([_art(body, published=D(2011, 10, 6))], use_reference=False)
    got = {e.title: e.date for e in events if e.date is not None}
    assert got["He starts company"].start.year == 1976
    released = [e for e in events if any(m.trigger == "released" for m in e.mentions)]
    assert [e.date.start.year for e in released] == [1984]  # the date of its own clause
    fired = got["He is fired"]
    assert (fired.start, fired.granularity) == (D(1985, 1, 1), "year")
    assert "One year later" in fired.note
    assert got["Board approves plan"].start == D(2011, 3, 5)


def test_a_weekday_qualified_date_rules_out_a_false_estimate():
    from nktimeline.events.pubdate import Window, estimate

    wrong = Window(D(2024, 12, 9), D(2024, 12, 15), 0.6, "'last week' (a false match)")
    right = Window(D(2017, 2, 13), D(2017, 2, 19), 0.6, "'Monday' (a true match)")
    # "Monday, 13 February": 2017 fits (a Monday), December 2024 cannot follow one closely
    checks = [(2, 13, 0)]
    assert estimate([wrong], Published(), checks=checks) is None
    got = estimate([wrong, right], Published(), checks=checks)
    assert got is not None and got.earliest == D(2017, 2, 13)


def test_story_time_spares_events_tied_to_another_happening_or_ongoing():
    body = (
        "The chip maker opened its new plant on Monday.\n\n"
        "He has been fighting the lawsuit since 2004.\n\n"
        "When the founder first introduced the chip, he praised its design.\n\n"
        "The founder also announced a new research centre."
    )
    _, events = extract_events([_art(body, published=D(2021, 3, 12))], use_reference=False)
    by_word = {m.trigger: e.date for e in events for m in e.mentions}
    assert by_word["opened"].start == D(2021, 3, 8)
    # an undated past event of the story takes the story's time (Monday)...
    assert by_word["announced"].start == D(2021, 3, 8)
    # ...but not an ongoing one, nor one told relative to another happening
    for word in ("fighting", "introduced", "praised"):
        assert by_word.get(word) is None or by_word[word].start != D(2021, 3, 8), word


def test_a_later_day_of_a_known_story_dates_a_page_within_weeks():
    from nktimeline.events.pubdate import LATER, windows_for
    from nktimeline.model import DateValue, Timex

    class _Mention:  # the fields windows_for reads
        negated = speculative = future = False
        partial = None
        trigger = "raided"
        date = None
        timex = Timex(0, 17, "Last Friday night", "DATE", "XXXX-WXX-5", None, False)

    # tied to a known Monday event but naming a Friday: the page is from the weeks after it
    event = DateValue(D(2017, 2, 13), D(2017, 2, 13), "day", "reference", 0.95)
    windows = windows_for([_Mention()], lambda c: (event, f"reference, {LATER}"))
    assert [(w.lo, w.hi) for w in windows] == [(D(2017, 2, 13), D(2017, 3, 15))]


def test_an_undated_lead_dates_its_page_by_the_same_happening_elsewhere():
    dated = _art(
        "The Varden shipyard launched the Morvel Star, the largest tanker ever built in "
        "Veltrania, on Tuesday before a crowd of shipwrights.",
        published=D(2031, 5, 7),
    )
    undated = dataclasses.replace(
        _art(
            "The Varden shipyard launched the Morvel Star, the largest tanker ever built in "
            "Veltrania, before a crowd of shipwrights.",
            published=None,
        ),
        id="u",
        path="/tmp/u.txt",
    )
    arts, _events = extract_events([dated, undated], use_reference=False)
    pub = next(a for a in arts if a.id == "u").published
    assert pub.source == "inferred"
    assert (pub.earliest, pub.latest) == (D(2031, 5, 6), D(2031, 5, 13))


def test_a_happening_asked_for_is_dated_by_its_own_words_and_the_request_is_not():
    # published on a Saturday: "on Sunday" in what was ordered is the day to come
    body = (
        "The king ordered mosques across the kingdom to hold prayers on Sunday for the "
        "victims of the flood.\n\n"
        "The probe crashed into the surface minutes before the touch down following a fault in "
        "the braking system while attempting a landing on September 7, 2019."
    )
    _, events = extract_events([_art(body, published=D(2023, 9, 9))], use_reference=False)
    by_word = {}
    for e in events:
        for m in e.mentions:
            by_word.setdefault(m.trigger, set()).add(e.date.start)
    assert by_word.get("prayers") == {D(2023, 9, 10)}
    assert D(2023, 9, 3) not in by_word.get("ordered", set())  # not the last Sunday
    assert by_word.get("crashed") == {D(2019, 9, 7)}


def test_a_comparison_baseline_dates_only_what_it_names():
    body = (
        "The index fell 12 percent on Monday, its worst day since Black Monday on October "
        "19, 1987, traders said.\n\n"
        "Sales of new cars dropped 23 percent in April compared to March of 2008, the "
        "trade group reported.\n\n"
        "The blast was five times stronger than the country's fifth test in September 2016, "
        "the weather agency estimated."
    )
    _, events = extract_events([_art(body, published=D(2020, 3, 17))], use_reference=False)
    by_word = {}
    for e in events:
        for m in e.mentions:
            by_word.setdefault(m.trigger, set()).add(e.date.iso_start())
    assert by_word.get("fell") == {"2020-03-16"}  # "Black Monday" is a name, not the day
    assert by_word.get("Black Monday") == {"1987-10-19"}
    assert "2008-03" not in by_word.get("dropped", set())
    assert {"2008-03"} not in by_word.values()  # nothing happened on the baseline
    assert "2016-09" in {d for w, ds in by_word.items() if "fifth test" in w for d in ds}


def test_a_reported_past_event_near_the_top_takes_the_story_time():
    body = (
        "The exchange filed for bankruptcy protection in Delaware, according to a statement "
        "on Friday.\n\n"
        "Its founder resigned as chief executive officer as part of the filings, and a "
        "restructuring expert was appointed to replace him, the statement said."
    )
    _, events = extract_events([_art(body, published=D(2022, 11, 12))], use_reference=False)
    resigned = [e for e in events if any(m.trigger == "resigned" for m in e.mentions)]
    assert [e.date.start for e in resigned] == [D(2022, 11, 11)]


def test_a_dated_saying_of_an_ongoing_act_is_the_news():
    body = (
        "The army blew up sections of two roads near the border at around noon on Tuesday, "
        "officials said.\n\n"
        "The military said on Monday that the army was preparing to blow up the roads."
    )
    _, events = extract_events([_art(body, published=D(2024, 10, 15))], use_reference=False)
    said = [
        e
        for e in events
        if any(m.trigger == "said" and "preparing" in m.sentence for m in e.mentions)
    ]
    assert [e.date.start for e in said] == [D(2024, 10, 14)]


def test_the_story_time_is_the_days_date_even_when_a_wider_one_follows_in_its_sentence():
    body = (
        "Yesterday, at this year's developers conference in the city, the chief executive "
        "unveiled the new phone.\n\n"
        "In April, a blog obtained a prototype of the phone and published details of it.\n\n"
        "The new phone was praised by the chief executive as the biggest leap the company had made."
    )
    _, events = extract_events([_art(body, published=D(2010, 6, 8))], use_reference=False)
    praised = [e for e in events if any(m.trigger == "praised" for m in e.mentions)]
    assert [e.date.start for e in praised] == [D(2010, 6, 7)]


def test_an_event_whose_sentence_dates_only_another_event_takes_the_story_time():
    body = (
        "On Monday the chief executive opened the developers conference in the city.\n\n"
        "He announced that the next version of the system would be released in 2007, "
        "at the same time as a rival's."
    )
    _, events = extract_events([_art(body, published=D(2005, 6, 7))], use_reference=False)
    by_word = {}
    for e in events:
        for m in e.mentions:
            by_word.setdefault(m.trigger, set()).add(e.date.iso_start())
    assert by_word.get("announced") == {"2005-06-06"}  # the story's day, not 2007
    assert "2007" not in by_word.get("announced")


def test_the_largest_ever_built_is_a_measure_not_a_happening():
    body = (
        "The shipyard launched the tanker, the largest ever built in the country, on Tuesday "
        "before a crowd of shipwrights."
    )
    _, events = extract_events([_art(body, published=D(2031, 5, 7))], use_reference=False)
    words = {m.trigger for e in events for m in e.mentions}
    assert "launched" in words and "built" not in words


def test_a_saying_is_not_placed_by_what_it_reports_and_speculation_is_no_news():
    body = (
        "The leader said on Wednesday that Vienna will host a new round of negotiations if "
        "the other side agrees.\n\n"
        "The two leaders could meet in Vienna next month, a spokesman said."
    )
    _, events = extract_events([_art(body, published=D(2021, 3, 12))], use_reference=False)
    sayings = [e for e in events if any(m.trigger == "said" for m in e.mentions)]
    assert sayings, "the dated saying of a plan is news"
    assert all(e.place != "Vienna" for e in sayings)
    assert not any("next month" in m.sentence for e in sayings for m in e.mentions)
    # the saying's Wednesday is not the negotiations' (a Wednesday to come)
    assert not any(e.date.start == D(2021, 3, 17) for e in events if e not in sayings)


def test_a_later_clause_takes_the_time_an_earlier_clause_of_its_sentence_told():
    body = (
        "The founder was ousted by the board in 1985, and he founded a new computer "
        "company with five colleagues.\n\n"
        "He died on Wednesday at his home."
    )
    _, events = extract_events([_art(body, published=D(2011, 10, 6))], use_reference=False)
    founded = [e for e in events if any(m.trigger == "founded" for m in e.mentions)]
    assert [e.date.iso_start() for e in founded] == ["1985"]


def test_particles_coordinated_months_and_a_date_inside_a_noun_phrase():
    body = (
        "On Monday the chief executive opened the annual conference in the city.\n\n"
        "In addition to the design, he showed off the new video calling feature.\n\n"
        "He briefly made an appearance in March and June to present two new devices.\n\n"
        "The country has been calling for the 1950-53 Korean War to be formally ended."
    )
    _, events = extract_events([_art(body, published=D(2011, 8, 25))], use_reference=False)
    by_word = {}
    for e in events:
        for m in e.mentions:
            by_word.setdefault(m.trigger, set()).add(e.date.iso_start())
    assert by_word.get("showed") == {"2011-08-22"}  # "showed off": a happening, that day
    assert by_word.get("appearance") == {"2011-03", "2011-06"}  # two appearances
    assert "calling" not in by_word  # 1950-53 is the war's, not the calling's
    assert {"1950"} <= {d[:4] for w, ds in by_word.items() if "War" in w for d in ds}


def test_an_attributive_participle_is_no_clause():
    body = (
        "Yesterday, the company unveiled the phone at its conference.\n\n"
        "The phone has a new steel frame, which acts as an antenna, possibly reducing the "
        "number of dropped calls."
    )
    _, events = extract_events([_art(body, published=D(2010, 6, 8))], use_reference=False)
    words = {m.trigger for e in events for m in e.mentions}
    assert "unveiled" in words and "dropped" not in words


def test_hours_ago_is_the_day_of_writing_and_a_shared_future_reaches_the_next_verb():
    body = (
        "A few hours ago, the regulator gave its final approval to the merger of the two "
        "companies.\n\n"
        "A report on Tuesday said the president will meet the visitor on Wednesday, then "
        "hold talks with the defense minister on Saturday."
    )
    _, events = extract_events([_art(body, published=D(2023, 9, 13))], use_reference=False)
    by_word = {}
    for e in events:
        for m in e.mentions:
            by_word.setdefault(m.trigger, set()).add(e.date.start)
    assert by_word.get("approval") == {D(2023, 9, 13)}
    talks = {d for w, ds in by_word.items() if w.startswith("talks") for d in ds}
    assert talks == {D(2023, 9, 16)}  # the Saturday to come, not the one before


def test_a_quoted_view_is_no_statement_and_a_statement_title_ends_on_a_word():
    body = (
        "On Monday the envoys met the leader in the capital for three hours.\n\n"
        '"The other side must take the first steps if it wants progress," a professor said.\n\n'
        "Experts said it is unlikely that a second summit will take place any time soon."
    )
    _, events = extract_events([_art(body, published=D(2018, 9, 6))], use_reference=False)
    said = [e for e in events if any(m.trigger == "said" for m in e.mentions)]
    assert not any("professor" in m.sentence for e in said for m in e.mentions)
    for e in said:
        assert e.title.split()[-1].lower() not in {"will", "that", "a", "the", "in", "of"}
