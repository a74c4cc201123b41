"""HTML pages: metadata, main text, excluded furniture, captions, malformed and deep markup."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from nktimeline.ingest import IngestError, article_from_bytes, load_article, looks_like_html

DATA = Path(__file__).parent / "data"

PARA = (
    "<p>Officials from both countries met in Panmunjom on Tuesday to prepare for the summit, "
    "the unification ministry said in a statement.</p>"
)


@pytest.fixture(scope="module")
def page():
    return load_article(DATA / "article_page.html")


def test_metadata(page):
    assert page.fmt == "html"
    assert page.encoding == "utf-8"
    assert page.title == "Leaders meet in Hanoi for second summit"
    assert page.byline == "Lee Min-ji"
    assert page.publisher == "Example Daily Wire"
    assert page.published.value == dt.date(2019, 2, 27)
    assert page.published.source == "metadata"
    assert page.published.confidence >= 0.9


def test_main_text_without_furniture(page):
    body = page.body
    assert body.count("HANOI, Feb. 27 (Yonhap) -- The leaders") == 1
    assert "Sanctions relief on the table" in body
    assert "late into the night." in body
    for junk in (
        "Tracking script",
        "font-family",
        "Politics",
        "Login",
        "Facebook",
        "Singapore summit recap",
        "Advertisement",
        "enable JavaScript",
        "Most Read",
        "Another story",
        "Copyright",
        "Tel:",
        "Home",
        "By Lee Min-ji",
        "Leaders meet in Hanoi for second summit",
    ):
        assert junk not in body, junk


def test_br_splits_paragraphs_and_figcaption_is_caption(page):
    texts = [page.body[s.start : s.end] for s in page.paragraphs]
    assert "Analysts cautioned that the gap between the two sides remained wide." in texts
    captions = [page.body[s.start : s.end] for s in page.captions]
    assert captions == ["The two leaders shake hands at a hotel in Hanoi, Wednesday. AP-Yonhap"]


def test_jsonld_and_title_suffix():
    html = f"""<html><head><title>Talks resume - The Korea Herald</title>
    <script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
      {{"@type": "WebSite", "name": "site"}},
      {{"@type": "NewsArticle", "headline": "Talks resume at Panmunjom",
        "datePublished": "2021-07-27T09:00:00+09:00",
        "author": [{{"@type": "Person", "name": "Choi Si-young"}}],
        "publisher": {{"@type": "Organization", "name": "The Korea Herald"}}}}]}}
    </script></head><body><div class="content">{PARA}{PARA.replace("Tuesday", "Friday")}</div>
    </body></html>"""
    art = article_from_bytes(html.encode(), "page.html")
    assert art.title == "Talks resume at Panmunjom"
    assert art.published.value == dt.date(2021, 7, 27)
    assert art.byline == "Choi Si-young"
    assert art.publisher == "The Korea Herald"
    assert "Friday" in art.body


def test_title_tag_suffix_stripped_and_time_element():
    html = f"""<!doctype html><html><head><title>Envoy visits Seoul | The Korea Times</title>
    </head><body><article><h1>Envoy visits Seoul</h1><time datetime="2020-01-15">Jan 15</time>
    {PARA}{PARA.replace("Tuesday", "Friday")}</article></body></html>"""
    art = article_from_bytes(html.encode(), "x.html")
    assert art.title == "Envoy visits Seoul"
    assert art.published.value == dt.date(2020, 1, 15)
    assert art.body.count("Officials from both countries") == 2
    assert "Jan 15" not in art.body


def test_declared_charset_euc_kr():
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
        "<title>회담 재개</title></head><body><article><h1>남북 회담 재개</h1>"
        "<p>남북은 27일 판문점에서 고위급 회담을 열고 군사 긴장 완화 방안을 "
        "논의했다고 통일부가 밝혔다.</p>"
        "<p>양측은 다음 달 후속 회담을 열기로 합의했으며 구체적인 일정은 추후 협의하기로 했다.</p>"
        "</article></body></html>"
    ).encode("euc-kr")
    art = article_from_bytes(html, "kr.html")
    assert art.encoding == "cp949"
    assert art.title == "회담 재개" or art.title == "남북 회담 재개"
    assert "판문점에서 고위급 회담을" in art.body


def test_malformed_html_recovers():
    html = (
        "<html><body><div><p>Unclosed paragraph about the talks in Stockholm that went on for "
        "hours, the delegation said.<p>Another <b>bold <i>nested</b> claim</i> that the "
        "negotiations broke down without any agreement.</div></span></table><p>Tail text here "
        "that still counts as a full sentence of the article."
    )
    art = article_from_bytes(html.encode(), "broken.html")
    assert "Unclosed paragraph" in art.body
    assert "Tail text here" in art.body
    assert "bold nested claim" in art.body


def test_ten_thousand_nested_divs_is_fast():
    html = (
        "<html><body>"
        + "<div>" * 10_000
        + "<p>The deepest paragraph still reports that talks resumed in Geneva on Monday.</p>"
        + "</div>" * 10_000
        + "<p>After the nesting, officials confirmed the date.</p></body></html>"
    )
    t0 = time.perf_counter()
    try:
        art = article_from_bytes(html.encode(), "deep.html")
    except IngestError as exc:
        assert str(exc)
    else:
        assert "talks resumed in Geneva" in art.body
    assert time.perf_counter() - t0 < 3.0


def test_scripts_iframes_and_remote_images_ignored():
    html = (
        "<html><body><script>document.write('<p>Injected text from a script.</p>')</script>"
        "<iframe src='http://example.invalid/x'><p>frame fallback</p></iframe>"
        "<img src='http://example.invalid/pixel.gif' alt='tracking pixel'>"
        f"<article>{PARA}{PARA}</article>"
        "<object data='http://example.invalid/flash.swf'>Flash fallback</object></body></html>"
    )
    art = article_from_bytes(html.encode(), "x.html")
    for junk in ("Injected", "frame fallback", "tracking pixel", "Flash fallback"):
        assert junk not in art.body


def test_html_sniffing():
    assert looks_like_html(b"<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html(b"\n\n  <html lang='ko'><head></head>")
    assert looks_like_html(b"<p>one</p><p>two</p>", "story.htm")
    assert not looks_like_html(b"Plain text that mentions <html> only once.\nMore text.", "a.txt")
    assert not looks_like_html(b"Title\n\nA plain text article body.", "a.html")


def test_empty_html_page_is_a_clear_error():
    with pytest.raises(IngestError, match="no article text"):
        article_from_bytes(b"<html><head><title>x</title></head><body></body></html>", "e.html")


def test_table_layout_with_br_paragraphs_and_text_stamp():
    html = """<html><head><title>[Politics] Seoul proposes military talks : Example Ilbo</title>
    <link rel="canonical" href="https://www.koreaherald.com/view.php?ud=1"></head>
    <body><table><tr><td class="gnb">Home | Politics | Login</td></tr>
    <tr><td><div id="articleBody">
    <div class="title">Seoul proposes military talks</div>
    <div class="date">Posted : 2018-07-20 11:02</div>
    SEOUL, July 20 (Yonhap) -- South Korea proposed on Friday holding general-level military
    talks with North Korea next week to discuss easing border tensions.<br><br>
    The defense ministry said it sent the proposal through a military hotline.<br><br>
    <img src="x.jpg"><br>The hotline was restored in January after being cut. Yonhap<br><br>
    North Korea has not yet responded to the offer, officials said.
    </div></td></tr></table>
    <div class="footer">Copyright Example Ilbo</div></body></html>"""
    art = article_from_bytes(html.encode(), "old.html")
    assert art.title == "Seoul proposes military talks"
    assert art.published.value == dt.date(2018, 7, 20)
    assert art.publisher == "The Korea Herald"  # from the canonical URL's domain
    texts = [art.body[s.start : s.end] for s in art.paragraphs]
    assert texts[0].startswith("SEOUL, July 20 (Yonhap) -- South Korea proposed")
    assert texts[-1] == "North Korea has not yet responded to the offer, officials said."
    assert [art.body[s.start : s.end] for s in art.captions] == [
        "The hotline was restored in January after being cut. Yonhap"
    ]
    assert "Login" not in art.body and "Copyright" not in art.body
