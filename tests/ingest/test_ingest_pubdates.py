"""Publication dates, headlines and bylines as real page dumps print them (issue 12).

Every page here is written for this test; the layouts follow what real outlets print
(archive date lines, live-blog stamps, wire datelines, bylines with a place and a date).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nktimeline.ingest import article_from_bytes, dates
from nktimeline.model import Published

D = dt.date
LEAD = (
    "The city council approved the new budget on Tuesday after a debate that lasted "
    "well into the night, officials said."
)
SECOND = (
    "Opposition members said they would challenge the spending plan in court, and the "
    "mayor promised a public hearing before the end of the month."
)


def _load(text: str):
    return article_from_bytes(text.encode("utf-8"), "page.txt")


def _first_paragraph(art) -> str:
    s = art.paragraphs[0]
    return art.body[s.start : s.end]


def test_archive_date_opening_the_first_line_is_the_date_and_is_cut():
    art = _load(f" date 2021-04-06 {LEAD}\n\n{SECOND}\n")
    assert art.published.value == D(2021, 4, 6) and art.published.source == "stamp"
    assert not art.title.lower().startswith("date")
    assert _first_paragraph(art).startswith("The city council approved")


def test_date_line_at_the_top_of_a_blog_page():
    art = _load(f"Tuesday, April 06, 2021\n\nCouncil passes budget\n\n{LEAD}\n\n{SECOND}\n")
    assert art.published.value == D(2021, 4, 6)
    assert art.title == "Council passes budget"


@pytest.mark.parametrize(
    ("stamp", "want"),
    [
        ("Last updated on Monday, 5 April 2021", D(2021, 4, 5)),
        ("Posted by the news desk on April 6, 2021", D(2021, 4, 6)),
        ("Write : 2021.04.06 14:02", D(2021, 4, 6)),
        ("This story was first published on April 6, 2021", D(2021, 4, 6)),
    ],
)
def test_labelled_stamps_in_any_wording(stamp, want):
    got = dates.find_stamps(stamp)
    assert got and got[0].value == want


def test_original_date_wins_over_the_update_on_one_line():
    (orig, upd) = dates.find_stamps("6 April 2021, 12:08 am | Updated: 26 November 2024, 01:38 pm")
    assert (orig.kind, orig.value) == ("published", D(2021, 4, 6))
    assert (upd.kind, upd.value) == ("updated", D(2024, 11, 26))
    page = (
        "Council passes budget\n"
        "6 April 2021, 12:08 am | Updated: 26 November 2024, 01:38 pm\n\n"
        f"{LEAD}\n\n{SECOND}\n"
    )
    assert _load(page).published.value == D(2021, 4, 6)


def test_a_caption_mentioning_a_release_date_is_not_a_stamp():
    caption = "The mayor during a visit in an undated handout photo released August 30, 2006."
    assert dates.find_stamps(caption) == []


def test_live_blog_header_with_a_time_zone():
    page = (
        "April 6th, 2021\n07:47 AM ET\n\nCouncil passes budget after long night\n\n"
        f"[Posted at 7:03 a.m.] {LEAD}\n\n{SECOND}\n"
    )
    art = _load(page)
    assert art.published.value == D(2021, 4, 6)
    assert art.title == "Council passes budget after long night"


def test_byline_with_place_and_date():
    page = f"Council passes budget\n\nJane Doe | Lisbon 6 April 2021\n\n{LEAD}\n\n{SECOND}\n"
    art = _load(page)
    assert art.published.value == D(2021, 4, 6)
    assert art.byline == "Jane Doe"


def test_byline_then_time_stamp_with_zone_abbreviation():
    page = (
        "Council Passes Budget in Late Vote\n"
        "By Jane Doe / Metro Desk\n"
        "April 6, 2021 9:52 AM EST\n"
        f"{LEAD}\n{SECOND}\n"
    )
    art = _load(page)
    assert art.published.value == D(2021, 4, 6)
    assert art.title == "Council Passes Budget in Late Vote"


@pytest.mark.parametrize(
    ("opening", "want"),
    [
        ("Lagos, April 6, 2021 - ", D(2021, 4, 6)),
        ("April 6, 2021 (Lisbon) -- ", D(2021, 4, 6)),
    ],
)
def test_wire_dateline_with_a_full_date(opening, want):
    art = _load(f"Council passes budget\n\n{opening}{LEAD}\n\n{SECOND}\n")
    assert art.published.value == want and art.published.source == "dateline"


def test_year_less_dateline_stays_honestly_unknown_and_is_not_the_headline():
    art = _load(f"OSLO, Sept 3:\n{LEAD}\n{SECOND}\n")
    assert art.published.value is None
    assert art.title.startswith("The city council approved")
    line = dates.find_dateline("MOSCOW, October 15. /TASS/. The ministry said")
    assert line is not None and (line.month, line.day, line.value) == (10, 15, None)


def test_render_stamp_and_copyright_year_are_never_the_date():
    page = (
        "Wed, June 12, 2024 | 09:41\n\nCouncil passes budget\n\n"
        f"{LEAD}\n\n{SECOND}\n\nCopyright 2024 Example Media. All rights reserved.\n"
    )
    assert _load(page).published.value is None


def test_date_closing_a_reposted_item():
    page = f"Council passes budget\nSource: Metro Wire\n“{LEAD} {SECOND}” (04/26/21)\n"
    art = _load(page)
    assert art.published.value == D(2021, 4, 26)
    assert dates.closing_date("... the office said. (04/06/21)") is None  # day/month order unknown


@pytest.mark.parametrize(
    ("stamp", "headline", "body"),
    [
        (
            "2021년 4월 6일 오후 3시 45분",
            "시의회 예산안 통과",
            "시의회는 화요일 밤늦게 새 예산안을 통과시켰다. 야당은 법적 대응을 예고했다.",
        ),
        (
            "2021年4月6日 15時45分",
            "市議会が予算案を可決",
            "市議会は火曜日の深夜に新しい予算案を可決した。野党は法的措置を検討している。",
        ),
        (
            "2021年4月6日 15:45",
            "市议会通过预算案",
            "市议会周二深夜通过了新的预算案。反对派表示将提起诉讼。",
        ),
    ],
)
def test_east_asian_timestamps_are_the_date_not_the_headline(stamp, headline, body):
    art = _load(f"뉴스\n{stamp}\n{headline}\n{body}\n{body}\n")
    assert art.published.value == D(2021, 4, 6)
    assert art.title == headline


def test_headline_above_its_standfirst_is_the_headline():
    page = (
        "Council passes budget: ‘A long night for the city’\n"
        "The spending plan caps a remarkable run of votes for the mayor, who needed the "
        "support of two opposition members\n"
        "Jane Doe, John Roe\n"
        "Tuesday 6 April 2021 16:58 EDT\n"
        f"{LEAD}\n{SECOND}\n"
    )
    art = _load(page)
    assert art.title == "Council passes budget: ‘A long night for the city’"
    assert art.published.value == D(2021, 4, 6)


def test_browser_notice_and_unlisted_masthead_are_not_headlines():
    page = (
        "IE 11 is not supported. For an optimal experience visit our site on another browser.\n"
        "Council passes budget after a long night\n"
        "METROPOLIS — " + LEAD + "\n" + SECOND + "\n"
    )
    assert _load(page).title == "Council passes budget after a long night"
    page2 = f"Riverside County News Service\nApril 6, 2021 (Riverside) -- {LEAD}\n{SECOND}\n"
    art = _load(page2)
    assert art.title.startswith("The city council approved")
    assert art.publisher == "Riverside County News Service"
    assert art.published.value == D(2021, 4, 6)


def test_no_title_is_a_dateline_label_or_empty():
    art = _load(f"Update: Well. {LEAD}\n\n{SECOND}\n")
    assert not art.title.startswith("Update")
    caption_only = (
        "METROPOLIS, APRIL - April 6: Residents watch the vote on a screen in the town square "
        "on April 6, 2021. (Photo by Jane Doe/Getty Images)\n"
    )
    assert _load(caption_only).title


def test_an_estimate_is_a_window_and_explains_itself():
    p = Published(source="inferred", confidence=0.4, earliest=D(2021, 4, 5), latest=D(2021, 4, 11))
    assert p.value is None and p.anchor == D(2021, 4, 8)
    text = p.explain()
    assert "2021-04-05" in text and "2021-04-11" in text and "estimated" in text
    assert p.to_json()["window"] == {"earliest": "2021-04-05", "latest": "2021-04-11"}
    printed = Published(D(2021, 4, 6), "dateline", 0.85, "LAGOS, April 6, 2021 -")
    assert "wire dateline" in printed.explain() and "window" not in printed.to_json()
    assert "unknown" in Published().explain().lower()


def test_headline_that_reads_as_a_sentence_is_kept_whole_above_its_byline():
    page = (
        f"Metro Council Report : Budget Passes After Long Night!\nby Jane Doe\n{LEAD}\n{SECOND}\n"
    )
    art = _load(page)
    assert art.title == "Metro Council Report : Budget Passes After Long Night!"
    assert art.byline == "Jane Doe"


def test_an_exclamatory_banner_above_the_headline_is_not_it():
    page = (
        "SITENAME - Make a donation to support our reporting today!\n"
        "Weapons and Security\n"
        "Council Passes Budget, Ending Long Standoff\n"
        "Jane Doe | Lisbon 6 April 2021\n"
        f"{LEAD}\n{SECOND}\n"
    )
    art = _load(page)
    assert art.title == "Council Passes Budget, Ending Long Standoff"
    assert art.published.value == D(2021, 4, 6)
