"""The four bundled seeds: headline, byline, publisher, date, clean body, captions once."""

from __future__ import annotations

import datetime as dt

import pytest

from nktimeline.ingest import load_article

CHROME = [
    "amn_",
    "Top 10 Stories",
    "Font Size",
    "Login",
    "Copyright",
    "很赞",
    "您现在的位置",
    "Top 5",
    "DARKROOM",
    "CEO & Publisher",
    "简介",
    "Print Preview",
    "share button",
    "Subscribe",
    "Tel :",
    "registration",
    "Article List",
    "半岛新闻网",
    "已围观",
]


@pytest.fixture(scope="module")
def seeds(seed_by_prefix):
    return {k: load_article(p) for k, p in seed_by_prefix.items()}


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_000_undated_op_ed(seeds):
    a = seeds["000"]
    assert a.title == "Delayed US-NK talks not helpful for Pyongyang"
    assert a.byline == "Do Je-hae"
    assert a.publisher == "The Korea Times"  # from the reporter's e-mail domain
    assert a.published.value is None
    assert a.published.source == "unknown"


def test_002_heavy_chrome(seeds):
    a = seeds["002"]
    assert a.title == "'No breakthrough expected in NK-US dialogue after Kim Jong-un's return'"
    assert a.byline == "Do Je-hae"
    assert a.publisher == "The Korea Times"
    assert a.published.value == dt.date(2020, 5, 5)
    assert a.published.source == "stamp"
    assert a.published.confidence >= 0.9
    # the subheadings inside the body are kept
    for sub in ("Long-term perspective", "Prospects for inter-Korean talks"):
        assert sub in a.body


def test_003_korea_herald(seeds):
    a = seeds["003"]
    assert a.title == (
        "Special envoys’ NK visit fails to overcome stumbling blocks in denuclearization talks"
    )
    assert a.byline == "Jung Min-kyung"
    assert a.publisher == "The Korea Herald"
    assert a.published.value == dt.date(2018, 9, 6)
    assert not a.body.rstrip().endswith("(")


def test_004_aggregator_repost(seeds):
    a = seeds["004"]
    assert a.title == "Denuke talks may gain impetus with Kim"
    assert a.byline == "Kim Bo-eun"
    p = a.published
    assert not (p.value == dt.date(2024, 9, 22) and p.confidence >= 0.5)
    if p.value == dt.date(2024, 9, 22):
        assert p.source == "repost"
    assert a.body.startswith("Denuclearization talks between North Korea")


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_no_chrome_in_body(seeds, key):
    body = seeds[key].body
    for junk in CHROME:
        assert junk not in body, junk
    assert seeds[key].title not in body
    assert "By " + (seeds[key].byline or "@@") not in body


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_every_prose_line_kept(seeds, seed_by_prefix, key):
    body = _flat(seeds[key].body)
    kept = 0
    for line in seed_by_prefix[key].read_text(encoding="utf-8").splitlines():
        s = _flat(line)
        if len(s) >= 60 and s.endswith((".", "?", '"', "”")):
            assert s in body, s
            kept += 1
    assert kept >= 5


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_paragraph_and_caption_spans(seeds, seed_by_prefix, key):
    a = seeds[key]
    assert a.paragraphs
    joined = "\n\n".join(a.body[s.start : s.end] for s in a.paragraphs)
    assert joined == a.body
    assert set(a.captions) <= set(a.paragraphs)
    texts = [a.body[s.start : s.end] for s in a.paragraphs]
    assert len(texts) == len(set(texts)), "a paragraph appears twice"
    assert a.id == seed_by_prefix[key].stem
    assert len(a.sha256) == 64 and a.encoding == "utf-8"


def test_captions_once_and_marked(seeds):
    a0 = seeds["000"]
    cap0 = [a0.body[s.start : s.end] for s in a0.captions]
    assert len(cap0) == 1 and cap0[0].endswith("Panmunjeom on June 30. Yonhap")
    assert a0.body.count("shake hands at Panmunjeom") == 1

    a2 = seeds["002"]
    cap2 = [a2.body[s.start : s.end] for s in a2.captions]
    assert len(cap2) == 2
    assert a2.body.count("In this file photo taken on June 30, 2019") == 1
    assert any(c.endswith("AP-Yonhap") for c in cap2)

    a3 = seeds["003"]
    cap3 = [a3.body[s.start : s.end] for s in a3.captions]
    assert len(cap3) == 1 and cap3[0].endswith("(Yonhap)")
    assert a3.body.count("Chung Eui-yong, head of the presidential") == 1
