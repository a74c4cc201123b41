"""Public API shape, Qt-free import, speed, and small unit checks of dates and lines."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import nktimeline.ingest as ingest
from nktimeline.ingest import dates
from nktimeline.ingest.lines import classify, ends_sentence
from nktimeline.ingest.names import person_name

REPO = Path(__file__).resolve().parents[2]


def test_public_api():
    for name in ("IngestError", "expand_paths", "load_article", "article_from_bytes"):
        assert hasattr(ingest, name)
    assert issubclass(ingest.IngestError, Exception)


def test_memory_article_id_is_hash_prefix():
    art = ingest.article_from_bytes(b"Headline words here\n\nA sentence of body text here.\n")
    assert art.id == art.sha256[:12]
    assert art.path == "<memory>"


def test_speed_on_seed_sized_articles(seed_paths):
    datas = [p.read_bytes() for p in seed_paths]
    ingest.article_from_bytes(datas[0], "warm.txt")
    n = 0
    t0 = time.perf_counter()
    while n < 200:
        for d in datas:
            ingest.article_from_bytes(d, "x.txt")
            n += 1
    rate = n / (time.perf_counter() - t0)
    assert rate >= 100, f"{rate:.0f} articles/s"


def test_stamp_parsing():
    (st,) = dates.find_stamps("Published : Sept. 6, 2018 - 15:18")
    assert st.kind == "published" and st.value == dt.date(2018, 9, 6)
    (st,) = dates.find_stamps("Updated : 2020-05-06 10:19")
    assert st.kind == "updated"
    assert dates.find_stamps("Posted by a reader on the forum") == []


def test_render_stamp_and_date_lines():
    assert dates.is_render_stamp("Tue, March 28, 2023 | 02:16")
    assert not dates.is_render_stamp("March 28, 2023")
    hit = dates.date_only("March 9th, 2018")
    assert hit is not None and hit.value == dt.date(2018, 3, 9)
    assert dates.date_only("March 9th, 2018 was a big day for talks") is None
    assert dates.find_dates("on 05/06/2020")[0:1] == []  # ambiguous order: not guessed
    assert dates.find_dates("2018년 9월 6일")[0].value == dt.date(2018, 9, 6)


def test_dateline_parsing():
    d = dates.find_dateline("GOYANG, April 27 (Yonhap) -- South Korea's president said")
    assert d is not None and d.month == 4 and d.day == 27 and d.value is None
    assert dates.find_dateline("The talks (Yonhap) -- no") is None


def test_person_names():
    assert person_name("Do Je-hae") == "Do Je-hae"
    assert person_name("Kim Tong-hyung and Hyung-jin Kim") == "Kim Tong-hyung and Hyung-jin Kim"
    assert person_name("Jung Min-kyung, Staff reporter") == "Jung Min-kyung"
    assert person_name("the end of the year") is None
    assert person_name("North Korea") is None
    assert person_name("Reuters") == "Reuters"


def test_line_kinds():
    lines = classify(
        [
            ("amn_close.png", None),
            ("  • bt_fb_on_2022.svgbt_fb_over_2022.svg", None),
            ("Print PreviewPrint Preview", None),
            ("Top 10 Stories", None),
            ("Copyright © example.com. All rights reserved.", None),
            ("Posted : 2020-05-05 17:23", None),
            ("By Do Je-hae", None),
            ("Leaders shake hands at Panmunjeom on June 30. Yonhap", None),
            ("您现在的位置是:新闻网 > 产品中心", None),
            ("This is a full sentence of prose that is certainly long enough to count.", None),
        ]
    )
    kinds = [ln.kind for ln in lines]
    assert kinds == [
        "icon",
        "icon",
        "ui",
        "list_hard",
        "footer",
        "stamp",
        "byline",
        "caption",
        "foreign",
        "prose",
    ]


def test_byline_variants():
    from nktimeline.ingest.names import byline_name

    assert byline_name("By Kim Bo-eun, May 5, 2020") == "Kim Bo-eun"
    assert byline_name("By KIM TONG-HYUNG Associated Press") == "Kim Tong-hyung"
    assert byline_name("By Jung Min-kyung (") == "Jung Min-kyung"
    assert byline_name("By the end of the year, talks resumed.") is None
    assert byline_name("김철수 기자") == "김철수"


def test_date_in_byline_line_is_a_byline_date():
    art = ingest.article_from_bytes(
        b"Talks resume in Geneva\nBy Kim Bo-eun, May 5, 2020\n\nNegotiators from both "
        b"countries resumed their talks in Geneva on Tuesday after a long pause.\n",
        "x.txt",
    )
    assert art.byline == "Kim Bo-eun"
    assert (art.published.value, art.published.source) == (dt.date(2020, 5, 5), "byline")


def test_weekday_between_label_and_date_and_dotted_numeric_dates():
    (st,) = dates.find_stamps("Published: Thursday, September 6, 2018")
    assert st.value == dt.date(2018, 9, 6)
    values = [h.value for h in dates.find_dates("25.12.2019 and 2020/05/05")]
    assert values == [dt.date(2019, 12, 25), dt.date(2020, 5, 5)]


def test_breadcrumbs_are_chrome():
    kinds = [
        ln.kind
        for ln in classify([("Home > World > Asia", None), ("News | Politics | Asia", None)])
    ]
    assert kinds == ["ui", "ui"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .!?。！？…”\"’'»」』)]\n:", max_size=12))
def test_ends_sentence_is_the_end_anchored_pattern(text):
    pattern = re.compile(r"[.!?。！？…](?:[”\"’'»」』)\]]*)$")
    assert ends_sentence(text) == (pattern.search(text) is not None)
