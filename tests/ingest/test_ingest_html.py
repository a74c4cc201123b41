"""HTML pages (trafilatura + htmldate): metadata, main text, excluded furniture, captions,
dates, fallbacks, malformed and deep markup.  All pages here are written for these tests."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from nktimeline.ingest import (
    IngestError,
    article_from_bytes,
    htmldoc,
    load_article,
    looks_like_html,
)

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


def test_ten_thousand_nested_divs_keep_their_text():
    html = (
        "<html><body>"
        + "<div>" * 10_000
        + "<p>The deepest paragraph still reports that talks resumed in Geneva on Monday.</p>"
        + "</div>" * 10_000
        + "<p>After the nesting, officials confirmed the date.</p></body></html>"
    )
    art = article_from_bytes(html.encode(), "deep.html")
    assert "talks resumed in Geneva" in art.body


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


# ---------------------------------------------------------------- trafilatura + htmldate

P1 = (
    "<p>Negotiators from the two delegations met again on Thursday in the border village, "
    "according to a statement released by the ministry late in the evening.</p>"
)
P2 = (
    "<p>The talks, the first in nearly a year, focused on reopening a liaison office that was "
    "closed after relations soured over the summer, officials told reporters.</p>"
)
P3 = (
    "<p>A second round is planned for next month, though no date has been fixed and both "
    "sides said further preparation would be needed before then.</p>"
)


def _page(head: str = "", body: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>Liaison office talks</title>{head}</head>"
        f"<body>{body}</body></html>"
    ).encode()


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def _texts(art, spans=None):
    return [art.body[s.start : s.end] for s in (art.paragraphs if spans is None else spans)]


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div class="sidebar-wrapper"><div class="content">{}</div></div>',
        '<div class="widget-area main"><div id="story">{}</div></div>',
        '<div class="layout sidebar-left"><section class="post">{}</section></div>',
    ],
)
def test_article_inside_sidebar_or_widget_named_wrappers_is_kept(wrapper):
    body = (
        '<nav class="menu"><a href="/">Home</a> <a href="/world">World</a></nav>'
        + wrapper.format(f"<h1>Liaison office talks resume</h1>{P1}{P2}{P3}")
        + "<footer>Contact us | Terms of use</footer>"
    )
    art = article_from_bytes(_page(body=body), "wrapped.html")
    assert _texts(art) == [
        P1[3:-4],
        P2[3:-4],
        P3[3:-4],
    ]


def test_jsonld_with_a_syntax_error_still_dates_the_page():
    ld = _ld(
        '{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Liaison office talks resume", '
        '"datePublished": "2021-06-14T08:00:00+09:00", '
        '"author": {"@type": "Person", "name": "Kim Soo-jin"},}'  # trailing comma
    )
    art = article_from_bytes(_page(ld, f"<article>{P1}{P2}</article>"), "ld.html")
    assert art.published.value == dt.date(2021, 6, 14)
    assert art.published.source == "metadata"
    assert art.byline == "Kim Soo-jin"


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2020-03-01T23:30:00Z", dt.date(2020, 3, 1)),
        ("2020-03-02T01:00:00+09:00", dt.date(2020, 3, 2)),
        ("2020-03-01T20:00:00-08:00", dt.date(2020, 3, 1)),
    ],
)
def test_timestamp_keeps_the_day_printed_in_its_own_zone(stamp, day):
    ld = _ld(f'{{"@type": "NewsArticle", "headline": "Talks", "datePublished": "{stamp}"}}')
    art = article_from_bytes(_page(ld, f"<article>{P1}{P2}</article>"), "utc.html")
    assert art.published.value == day
    assert art.published.raw == stamp
    assert art.published.confidence >= 0.9


def test_original_date_wins_over_the_modified_one():
    head = (
        '<meta property="article:modified_time" content="2022-05-20T10:00:00+00:00">'
        '<meta property="article:published_time" content="2022-05-03T10:00:00+00:00">'
        + _ld(
            '{"@type": "NewsArticle", "headline": "Talks", '
            '"dateModified": "2022-05-21T09:00:00Z", "datePublished": "2022-05-03T10:00:00Z"}'
        )
    )
    body = f"<article><p>Updated May 20, 2022</p>{P1}{P2}</article>"
    art = article_from_bytes(_page(head, body), "mod.html")
    assert art.published.value == dt.date(2022, 5, 3)


def test_page_without_markup_date_is_dated_from_its_text():
    body = f"<article><h1>Liaison office talks resume</h1>{P1}{P2}<p>March 4, 2019</p></article>"
    art = article_from_bytes(_page(body=body), "textdate.html")
    assert art.published.value == dt.date(2019, 3, 4)


def test_page_without_any_date_is_undated():
    art = article_from_bytes(_page(body=f"<article>{P1}{P2}</article>"), "nodate.html")
    assert art.published.value is None
    assert art.published.source == "unknown"


def test_caption_kept_once_and_teaser_captions_left_out():
    cap = "Delegates shake hands before the talks in the border village on Thursday."
    body = (
        "<article><h1>Liaison office talks resume</h1>"
        f'<figure><img src="a.jpg" alt="{cap}"><figcaption>{cap}</figcaption></figure>'
        f"{P1}{P2}"
        f'<figure><img src="b.jpg"><figcaption>{cap}</figcaption></figure>'  # the same again
        f"{P3}</article>"
        '<aside><figure><img src="c.jpg"><figcaption>A teaser picture for another story '
        "about the league final.</figcaption></figure></aside>"
    )
    art = article_from_bytes(_page(body=body), "cap.html")
    assert _texts(art, art.captions) == [cap]
    assert art.body.count(cap) == 1
    assert _texts(art)[:2] == [cap, P1[3:-4]]  # where the figure stands
    assert "league final" not in art.body


def test_only_a_short_article_is_still_accepted():
    body = (
        '<div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>'
        "<p>The liaison office reopened on Monday, officials said.</p>"
    )
    art = article_from_bytes(_page(body=body), "short.html")
    assert _texts(art) == ["The liaison office reopened on Monday, officials said."]


def test_page_of_menus_only_is_refused():
    body = '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Login</a></nav>'
    with pytest.raises(IngestError, match="no article text"):
        article_from_bytes(_page(body=body), "menu.html")


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("Liaison office talks resume - Reuters", "Reuters"),
        ("Liaison office talks resume | BBC News", "BBC News"),
        ("Liaison office talks resume | Example Herald", "Example Herald"),
        ("Liaison office talks resume – Example Herald Online", "Example Herald Online"),
        ("Example Herald : Liaison office talks resume", "Example Herald"),
        ("[Politics] Liaison office talks resume :: Example Herald", "Example Herald"),
        ("Liaison office talks resume - Reuters", None),  # a known outlet without site tag
    ],
)
def test_title_loses_the_site_name(title, site):
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head>"
        f"<body><article>{P1}{P2}</article></body></html>"
    )
    art = article_from_bytes(html.encode(), "title.html")
    assert art.title == "Liaison office talks resume"
    if site:
        assert art.publisher == site


def test_title_keeps_a_dash_that_is_not_the_site():
    html = (
        "<!doctype html><html><head><title>Seoul - Pyongyang hotline restored | Example Herald"
        '</title><meta property="og:title" content="Seoul - Pyongyang hotline restored">'
        '<meta property="og:site_name" content="Example Herald"></head>'
        f"<body><article>{P1}{P2}</article></body></html>"
    )
    art = article_from_bytes(html.encode(), "dash.html")
    assert art.title == "Seoul - Pyongyang hotline restored"


def test_headline_is_not_repeated_in_the_body():
    body = f"<article><h1>Liaison office talks resume</h1><h2>Background</h2>{P1}{P2}</article>"
    html = (
        "<!doctype html><html><head><title>Liaison office talks resume | Example Herald</title>"
        '<meta property="og:site_name" content="Example Herald"></head>'
        f"<body>{body}</body></html>"
    )
    art = article_from_bytes(html.encode(), "h1.html")
    assert art.title == "Liaison office talks resume"
    assert "Liaison office talks resume" not in art.body
    assert _texts(art)[0] == "Background"  # subheadings stay, as paragraphs


def test_lists_and_tables_become_paragraphs():
    body = (
        f"<article>{P1}<ul><li>Reopening the liaison office in the border village</li>"
        "<li>Resuming family reunions before the autumn holiday</li></ul>"
        "<table><tr><td>Round one</td><td>June 14</td></tr>"
        "<tr><td>Round two</td><td>July 2</td></tr></table>"
        f"{P2}</article>"
    )
    art = article_from_bytes(_page(body=body), "list.html")
    texts = _texts(art)
    assert "• Reopening the liaison office in the border village" in texts
    assert "• Resuming family reunions before the autumn holiday" in texts
    assert "Round two July 2" in texts


def test_when_the_extractor_finds_nothing_the_page_text_is_used(monkeypatch):
    monkeypatch.setattr(htmldoc, "_extract", lambda tree, precision: [])
    body = f"<div>{P1}{P2}</div>"
    art = article_from_bytes(_page(body=body), "fallback.html")
    assert _texts(art) == [P1[3:-4], P2[3:-4]]


def test_markup_that_cannot_be_parsed_is_stripped_to_text(monkeypatch):
    monkeypatch.setattr(htmldoc, "_load", lambda text: None)
    body = f"<script>var x = '<p>not this</p>';</script><div>{P1}</div>"
    art = article_from_bytes(_page(body=body), "unparsed.html")
    assert P1[3:-4] in _texts(art)
    assert "not this" not in art.body


def test_reading_text_files_does_not_import_the_html_libraries():
    code = (
        "import sys\n"
        "import nktimeline.cli, nktimeline.ingest\n"
        "from nktimeline.ingest import article_from_bytes\n"
        "article_from_bytes(b'Talks resume\\n\\nNegotiators met again on Thursday in the "
        "border village, the ministry said in a statement.\\n', 'a.txt')\n"
        "heavy = ('trafilatura', 'htmldate', 'justext', 'lxml.html')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _printed_page(printed: str, published: str) -> bytes:
    return f"""<html><head><title>Council passes budget - Metro Post</title>
    <script type="application/ld+json">{{"@type": "NewsArticle",
      "headline": "Council passes budget", "datePublished": "{published}"}}</script>
    </head><body><nav><a href="/">Home</a></nav><article>
    <h1>Council passes budget</h1><div class="byline">By Jane Doe</div>
    <div class="date">{printed}</div>{PARA}{PARA.replace("Tuesday", "Friday")}
    </article></body></html>""".encode()


def test_the_day_the_page_prints_beats_a_utc_timestamp_a_day_later():
    art = article_from_bytes(
        _printed_page("Published 9:30 PM EST March 1, 2020", "2020-03-02T02:30:00Z"), "p.html"
    )
    assert art.published.value == dt.date(2020, 3, 1)
    assert "2020-03-02" in art.published.note  # the markup's value stays visible


def test_a_far_off_markup_date_gives_way_only_to_a_labelled_stamp():
    stamped = article_from_bytes(
        _printed_page("Published 7:07 PM EST Nov 19, 2019", "2017-03-28"), "p.html"
    )
    assert stamped.published.value == dt.date(2019, 11, 19)
    bare = article_from_bytes(_printed_page("Nov 19, 2019", "2017-03-28"), "p.html")
    assert bare.published.value == dt.date(2017, 3, 28)
