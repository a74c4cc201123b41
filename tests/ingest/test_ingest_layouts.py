"""Text-dump layouts other than the seeds: wire copy, datelines, stamps, Korean pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nktimeline.ingest import article_from_bytes

DATA = Path(__file__).parent / "data"


def _doc(name: str) -> str:
    return (DATA / f"layout_{name}.txt").read_text(encoding="utf-8")


YONHAP = _doc("yonhap")
UNDATED_DATELINE = _doc("undated_dateline")
UNDER_HEADLINE = _doc("under_headline")
RENDER_ONLY = _doc("render_only")
KOREAN = _doc("korean")


def _load(text: str, name: str = "doc.txt"):
    return article_from_bytes(text.encode("utf-8"), name)


def _paragraphs(art):
    return [art.body[s.start : s.end] for s in art.paragraphs]


def test_wire_story_with_lists_and_footer():
    art = _load(YONHAP)
    assert art.title == "(LEAD) Trump, Kim cut short summit without deal"
    assert art.publisher == "Yonhap News Agency"
    assert art.published.value == dt.date(2019, 2, 28)
    paras = _paragraphs(art)
    assert paras[0].endswith("(Yonhap)") and art.captions[0] == art.paragraphs[0]
    assert paras[1].startswith("HANOI, Feb. 28 (Yonhap) --")
    # the in-article "Related" box is dropped but the story continues after it
    assert "Moon to hold NSC meeting" not in art.body
    assert paras[-1] == '"Sometimes you have to walk," Trump said.'
    for junk in ("Most Viewed", "BTS", "Copyright", "(END)", "Font Size", "Login", "Search"):
        assert junk not in art.body


def test_dateline_without_year_stays_unknown():
    art = _load(UNDATED_DATELINE)
    assert art.title == "Talks set for Panmunjom"
    assert art.published.value is None
    assert art.published.source == "unknown"
    assert "April 27" in art.published.raw
    assert art.body.startswith("SEOUL, April 27 (AFP) --")


def test_dateline_year_borrowed_from_repost_stamp_with_low_confidence():
    text = "网站首页 2019-05-02 08:00:00 阅读量 12\n\n" + UNDATED_DATELINE
    art = _load(text)
    assert art.published.value == dt.date(2019, 4, 27)
    assert art.published.source == "dateline"
    assert art.published.confidence < 0.5
    assert "网站首页" not in art.body


def test_dateline_with_year():
    text = UNDATED_DATELINE.replace("April 27 (AFP)", "April 27, 2018 (AFP)")
    art = _load(text)
    assert art.published.value == dt.date(2018, 4, 27)
    assert art.published.source == "dateline"
    assert art.published.confidence == 0.85


def test_date_under_headline_and_two_bylines():
    art = _load(UNDER_HEADLINE)
    assert art.title == "North Korea tests new missile engine"
    assert art.byline == "Alex Smith and Kim Min-ho"
    assert art.published.value == dt.date(2018, 3, 9)
    assert art.published.source == "byline"
    assert art.published.confidence == 0.85
    assert "Home | World" not in art.body
    assert len(art.paragraphs) == 3


def test_render_stamp_above_headline_is_not_the_date():
    art = _load(RENDER_ONLY)
    assert art.title == "Summit anniversary passes quietly"
    assert art.published.value is None
    assert "2024" not in art.body


def test_korean_page():
    art = _load(KOREAN)
    assert art.title == "남북 고위급회담 판문점서 개최"
    assert art.byline == "김민수"
    assert art.published.value == dt.date(2018, 6, 1)
    assert art.publisher == "예시일보"
    assert len(art.paragraphs) == 3
    for junk in ("로그인", "회원가입", "무단", "많이 본", "kim@example"):
        assert junk not in art.body


def test_bare_name_after_stamp_is_the_byline():
    text = (
        "Site name\n\nEnvoy heads to Beijing for talks\nPosted : 2021-03-02 10:00\nLee Hyo-jin\n"
        "Print\n\nThe special envoy left for Beijing on Tuesday to discuss the stalled nuclear "
        "talks with Chinese officials, the foreign ministry said.\n\nHe is expected to return on "
        "Friday after meeting his counterpart.\n"
    )
    art = _load(text)
    assert art.byline == "Lee Hyo-jin"
    assert art.title == "Envoy heads to Beijing for talks"
    assert "Lee Hyo-jin" not in art.body
    assert art.published.value == dt.date(2021, 3, 2)


def test_updated_only_stamp_has_lower_confidence_and_published_wins():
    text = (
        "Talks collapse in Hanoi\nUpdated : 2019-03-01 09:00\n\n"
        "The summit ended abruptly on Thursday without a deal, the White House said.\n"
        "\nBoth sides blamed each other for the breakdown of the talks later that night.\n"
    )
    art = _load(text)
    assert art.published.value == dt.date(2019, 3, 1) and art.published.confidence < 0.9
    both = "Published : Feb. 28, 2019 Updated : 2019-03-01"
    art2 = _load(text.replace("Updated : 2019-03-01 09:00", both))
    assert art2.published.value == dt.date(2019, 2, 28) and art2.published.confidence >= 0.9


def test_plain_article_without_any_chrome():
    text = "Short headline here\n\nOnly one paragraph of text. It has two sentences.\n"
    art = _load(text)
    assert art.title == "Short headline here"
    assert art.body == "Only one paragraph of text. It has two sentences."
    assert art.published.value is None and art.byline is None and art.publisher is None


def test_agency_page_with_read_more_links_and_signoff():
    art = _load(_doc("reuters"))
    assert art.title == "Will North Korea return to talks after missile test?"
    assert art.byline == "Josh Smith and Hyonhee Shin"
    assert art.publisher == "Reuters"
    assert art.published.value == dt.date(2023, 3, 3)  # printed under the headline
    paras = _paragraphs(art)
    assert paras[0].startswith("SEOUL, March 3 (Reuters) - North Korea fired")
    assert paras[-1].startswith('"We strongly condemn the launch,"')
    for junk in (
        "Updated 2 years ago",
        "Read more",
        "cruise missiles",
        "Reporting by",
        "Our Standards",
        "Sign In",
        "GMT+9",
        "Stocks rally",
    ):
        assert junk not in art.body, junk


def test_shouted_byline_at_the_end_and_day_month_year_stamp():
    art = _load(_doc("joongang"))
    assert art.title == "Moon proposes joint Olympic bid with North"
    assert art.byline == "Park Eun-jee"
    assert art.publisher == "Korea JoongAng Daily"
    assert art.published.value == dt.date(2020, 5, 5)
    assert art.body.endswith("the Hanoi summit in February 2019.")
    assert "joongang.co.kr" not in art.body and "Most Popular" not in art.body


def test_hard_wrapped_text_browser_dump():
    art = _load(_doc("lynx"))
    assert art.title == "Kim and Putin meet in Vladivostok for first summit"
    assert art.byline == "Anna Petrova"
    assert art.published.value == dt.date(2019, 4, 25)
    paras = _paragraphs(art)
    assert len(paras) == 3
    assert paras[0].startswith("VLADIVOSTOK, Russia (AP) -- North Korean leader Kim Jong-un")
    assert paras[0].endswith("role in nuclear diplomacy.")
    for junk in ("[1]", "Skip to content", "Most Read", "https://", "References"):
        assert junk not in art.body


def test_unwrap_leaves_unwrapped_text_alone(seed_paths):
    from nktimeline.ingest.unwrap import unwrap, wrap_width

    for p in seed_paths:
        lines = p.read_text(encoding="utf-8").split("\n")
        assert wrap_width(lines) is None
        assert unwrap(lines) == lines


def test_widgets_inside_story_cookie_banner_and_comments():
    art = _load(_doc("blog"))
    assert art.title == "Why the Stockholm talks failed"
    assert art.byline == "Maria Jensen"
    assert art.published.value == dt.date(2019, 10, 7)
    paras = _paragraphs(art)
    assert len(paras) == 4  # the share widget in the middle does not cut the story
    assert (
        paras[-1]
        == "North Korea had set an end-of-year deadline for Washington to change its approach."
    )
    for junk in (
        "cookies",
        "Accept",
        "LinkedIn",
        "Advertisement",
        "Comments",
        "really interesting",
    ):
        assert junk not in art.body, junk


def test_labelled_aggregator_summary_is_dropped_even_when_complete():
    text = (
        "您现在的位置是:新闻网 > 国际\n"
        "Talks may resume soon\n"
        "简介By Kim Bo-eunDenuclearization talks between the two countries may resume soon, "
        "officials said.\n"
        "By Kim Bo-eun\n"
        "Denuclearization talks between the two countries may resume soon, officials said.\n"
        "The talks stalled after the summit in Hanoi ended without a deal in February.\n"
    )
    art = _load(text)
    assert art.title == "Talks may resume soon"
    assert art.byline == "Kim Bo-eun"
    assert art.body.startswith("Denuclearization talks between")
    assert art.body.count("Denuclearization talks") == 1
    assert "简介" not in art.body and "位置" not in art.body


def test_a_dump_cut_off_mid_sentence_keeps_its_last_line_but_not_trailing_chrome():
    story = (
        "Floods close the old bridge\n\n"
        "The river rose two metres overnight and the council closed the old bridge to all "
        "traffic early on Tuesday morning.\n\n"
        "Engineers said the stone piers had been inspected last spring and were found to be "
        "sound, but the water now carries whole trees against them.\n\n"
    )
    cut = story + (
        "The mayor, who visited the bank of the river with two engineers on Tuesday, said the "
        "repairs would take at least"
    )
    art = _load(cut)
    assert art.body.endswith("would take at least")
    chrome = story + "Share on Facebook Share on Twitter Share by email Print this page"
    art = _load(chrome)
    assert art.body.endswith(
        "found to be sound, but the water now carries whole trees against them."
    )
