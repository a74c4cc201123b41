"""HTML -> Analysis through trafilatura (main text, title, author, site) and htmldate (date).

Both libraries (and lxml.html with them) are imported inside the functions, so reading text
files never pays for them.  What they do not do is kept here:

- paragraphs: trafilatura's XML body becomes one block per paragraph, heading, list item or
  table row (``<br>`` splits paragraphs, as a browser shows them);
- photo captions: trafilatura drops ``<figure>``; the captions of the article's own figures are
  put back once each, where they stand, and lines ending in a photo credit are marked too;
- fallbacks so that a page with text is never refused: precision mode first, then trafilatura's
  balanced cascade (baseline rescue, recall retry), then its plain-text dump, then tag stripping
  for markup lxml cannot parse at all; only a page without one sentence (menus, link lists)
  ends with no text;
- leftovers: a date stamp or byline line at the very start or end of the text is dropped;
- title: the site's name (" | BBC News", "Site : ") is cut and the headline dropped from the body;
- publisher: known outlets get their canonical name, else the site name or the URL's domain;
- date: htmldate's original (not updated) publication date as the page prints it (no time-zone
  shift), markup first; a date found only by its free-text search is trusted less.
"""

from __future__ import annotations

import datetime as dt
import html as _html
import re
from typing import Any

from nktimeline.ingest.lexicon import lexicon, publisher_for_domain
from nktimeline.ingest.lines import (
    BYLINE,
    CAPTION,
    DATEONLY,
    PROSE,
    RENDER,
    SENTENCE,
    STAMP,
    classify,
)
from nktimeline.ingest.textdump import Analysis
from nktimeline.model import Published

MAX_BLOCKS = 20_000  # paragraphs taken from one page (an article has a few dozen)
MAX_CAPTIONS = 60  # <figcaption> elements looked at
SHORT_TEXT = 250  # below this many characters the precision pass is double-checked
RETRY_RATIO = 1.5  # ... and the balanced pass replaces it when it is this much longer
META_CONFIDENCE = 0.95  # date from <meta>, JSON-LD, <time>, URL or other markup
TEXT_CONFIDENCE = 0.6  # date found only by htmldate's free-text search
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " : ")
# trafilatura XML: elements that start a new block; everything else is inline
_BLOCK = frozenset(
    "p head item list quote code table row div section ab note fw figure graphic".split()  # noqa: SIM905
)
_ITEM_PREFIX = "• "
# kinds of lines.py: trimmed at the start and end of the text / an article's
_EDGE_CHROME = frozenset((STAMP, DATEONLY, RENDER, BYLINE))
_ARTICLE = frozenset((PROSE, SENTENCE, CAPTION))
_LEADING_TAG = re.compile(r"^\s*[\[【][^\]】]{1,20}[\]】]\s*")  # "[Politics] Headline"


# ---------------------------------------------------------------- helpers


def _compact(text: str) -> str:
    return "".join(text.split()).casefold()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _names_site(part: str, site: str, known: dict[str, str]) -> bool:
    """Does this piece of a title name the site ('BBC News', 'Inexhibit' of 'Inexhibit
    magazine', 'livescience' of 'livescience.com') or a known outlet?"""
    if part.strip().casefold() in known:
        return True
    a, b = _alnum(part), _alnum(site)
    if not a or not b:
        return False
    return a == b or (len(a) >= 5 and b.startswith(a))  # the site's name, shortened


def _cut_site(title: str, site: str) -> str | None:
    """The title without the site's name at its end (or start); None when none is there."""
    known = lexicon().publisher_by_name
    for sep in _SITE_SEPARATORS:
        if site and title.endswith(sep + site) and len(title) - len(site) - len(sep) >= 8:
            return title[: -len(site) - len(sep)].strip()
        if site and title.startswith(site + sep) and len(title) - len(site) - len(sep) >= 8:
            return title[len(site) + len(sep) :].strip()
    for sep in _SITE_SEPARATORS:
        if sep in title:
            head, tail = title.rsplit(sep, 1)
            if len(head.strip()) >= 8 and _names_site(tail, site, known):
                return head.strip()
    return None


def strip_site(title: str, site: str | None) -> str:
    """'[Politics] Headline | The Korea Times' -> 'Headline' when the end (or start) names
    the site or a known outlet."""
    title = _squash(_LEADING_TAG.sub("", title)) or _squash(title)
    return _cut_site(title, _squash(site or "")) or title


def _host(url: str) -> str:
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.I).split("/", 1)[0]
    return re.sub(r"^www\d*\.", "", host.lower())


def _publisher(site: str | None, url: str | None) -> str | None:
    """Canonical name of a known outlet, else the page's site name, else its domain."""
    site = (site or "").strip().lstrip("@")
    if "://" in site or site.lower().startswith("www."):  # a URL given as the site name
        site = _host(site)
    if site:
        known = lexicon().publisher_by_name.get(site.lower())
        if known or "." not in site or " " in site:
            return known or site
    host = _host(url) if url else site.lower()
    return (publisher_for_domain(host) if host else None) or site or None


def _byline(author: str | None) -> str | None:
    if not author or author.lower().startswith("http"):
        return None
    names = [_squash(a) for a in author.split(";") if a.strip()]
    return ", ".join(names) or None


def _title(tree: Any, title: str | None, site: str | None) -> str:
    """trafilatura's title without the site's name.  From a bare <title> it keeps the part
    before the separator, which is the site's name in 'Site : Headline': then the whole
    <title> is cut by the site's name instead."""
    if not title:
        return ""
    site = _squash(site or "")
    cleaned = strip_site(title, site)
    if _names_site(cleaned, site, lexicon().publisher_by_name):
        el = tree.find(".//head//title")
        whole = _squash(_LEADING_TAG.sub("", el.text_content())) if el is not None else ""
        cut = _cut_site(whole, site or cleaned)
        if cut:
            return cut
    return cleaned


# ---------------------------------------------------------------- parsing


def _load(text: str) -> Any:
    """The lxml tree of the page, or None when it cannot be parsed at all."""
    from trafilatura import load_html

    for candidate in (text, f"<html><body>{text}</body></html>"):
        try:
            tree = load_html(candidate)
        except (ValueError, TypeError, RecursionError):
            tree = None
        if tree is not None and len(tree):
            return tree
    return None


def _xml_blocks(body: Any) -> list[tuple[str, bool]]:
    """trafilatura's XML body -> paragraphs (all is_caption=False), <lb/> splitting them."""
    from lxml import etree

    out: list[tuple[str, bool]] = []
    buf: list[str] = []
    stack: list[str] = []  # open block tags

    def flush() -> None:
        if not buf:
            return
        text = _squash("".join(buf))
        buf.clear()
        if text:
            item = bool(stack) and stack[-1] == "item"
            out.append((_ITEM_PREFIX + text if item else text, False))

    for event, el in etree.iterwalk(body, events=("start", "end")):
        if len(out) >= MAX_BLOCKS:
            break
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK or tag == "lb":
                flush()
                if tag in _BLOCK:
                    stack.append(tag)
            elif tag == "cell" and buf:
                buf.append(" ")
            if el.text and tag != "lb":
                buf.append(el.text)
        else:
            if tag in _BLOCK:
                flush()
                if stack:
                    stack.pop()
            if el.tail and el is not body:
                buf.append(el.tail)
    flush()
    return out


def _text_blocks(text: str) -> list[tuple[str, bool]]:
    return [(_squash(ln), False) for ln in text.split("\n") if ln.strip()][:MAX_BLOCKS]


_SCRIPTISH = re.compile(r"<(script|style|noscript|template)\b", re.I)
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|li|h[1-6]|tr|section|article|blockquote|figcaption|ul|ol|table)\b)"
    r"[^>]{0,2000}>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")


def _stripped_blocks(text: str) -> list[tuple[str, bool]]:
    """Tag stripping, for markup lxml cannot parse (the last resort)."""
    out: list[str] = []
    pos = 0
    low = text.lower()
    while True:
        m = _SCRIPTISH.search(text, pos)
        if not m:
            out.append(text[pos:])
            break
        out.append(text[pos : m.start()])
        close = low.find(f"</{m[1].lower()}", m.end())
        if close < 0:
            break
        end = text.find(">", close)
        pos = end + 1 if end >= 0 else len(text)
    stripped = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", "".join(out)))
    return _text_blocks(_html.unescape(stripped))


# ---------------------------------------------------------------- main text


def _size(blocks: list[tuple[str, bool]]) -> int:
    return sum(len(t) for t, _ in blocks)


def _extract(tree: Any, precision: bool) -> list[tuple[str, bool]]:
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(
            tree,
            favor_precision=precision,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    except Exception:  # a library bug on odd markup must not refuse the page
        return []
    body = getattr(doc, "body", None)
    return _xml_blocks(body) if body is not None else []


def _main_text(tree: Any) -> list[tuple[str, bool]]:
    """Paragraphs of the main text: precision pass; when that is short, trafilatura's balanced
    cascade (baseline rescue, recall retry) if it finds clearly more; then the page dump."""
    from trafilatura import baseline, html2txt

    best = _extract(tree, precision=True)
    if _size(best) < SHORT_TEXT:
        wider = _extract(tree, precision=False)
        if _size(wider) > RETRY_RATIO * _size(best):
            best = wider
    if best:
        return best
    try:
        body, _text, _n = baseline(tree)
        best = _xml_blocks(body) or _text_blocks(html2txt(tree))
    except Exception:
        best = []
    return best


def _captions(tree: Any, blocks: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Put back the captions of the article's own figures (trafilatura drops <figure>): a
    <figcaption> counts when the nearest element around it that also holds the article text
    is not much larger than the article (a teaser's figure sits in a larger page region)."""
    keys = [_compact(t) for t, _ in blocks]
    probes = [k[:60] for k in keys if len(k) >= 20][:3]
    if not probes:
        return blocks
    body_len = sum(len(k) for k in keys)
    index = {k: i for i, k in reversed(list(enumerate(keys)))}
    texts: dict[Any, str] = {}  # compact text of the ancestors looked at, shared by captions
    out = list(blocks)
    inserts: list[tuple[int, str]] = []
    seen: set[str] = set()
    for n, cap in enumerate(tree.iter("figcaption")):
        if n >= MAX_CAPTIONS:
            break
        text = _squash(cap.text_content())
        key = _compact(text)
        if len(key) < 8 or key in seen:
            continue
        seen.add(key)
        if any(a.tag in ("aside", "nav", "footer") for a in cap.iterancestors()):
            continue
        if key in index:  # trafilatura kept it as a paragraph: mark it
            out[index[key]] = (out[index[key]][0], True)
            continue
        if any(key in k for k in keys):
            continue  # already inside a paragraph
        limit = 1.5 * body_len + 4 * len(key) + 400
        for anc in cap.iterancestors():
            whole = texts.get(anc)
            if whole is None:
                whole = texts[anc] = _compact(anc.text_content())
            if len(whole) > limit:
                break  # ancestors only grow: this figure is not the article's
            if any(p in whole for p in probes):
                inserts.append((_position(whole, whole.find(key), keys), text))
                break
    for pos, text in sorted(inserts, key=lambda x: x[0], reverse=True):
        out.insert(pos, (text, True))
    return out


def _position(whole: str, at: int, keys: list[str]) -> int:
    """Index of the first paragraph printed after offset ``at`` of the container's text."""
    start = 0
    for i, k in enumerate(keys):
        found = whole.find(k[:60], start)
        if found < 0:
            continue
        if found > at:
            return i
        start = found
    return len(keys)


def _classified(blocks: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The project's line classifier over the paragraphs: lines ending in a photo credit
    ('... in Seoul. Yonhap') are captions; date stamps and bylines left at the start or end
    ('Posted : 2018-07-20 11:02') go.  A page without a single sentence (only menus or link
    lists) has no article: no blocks.  (Widget words inside the text are kept: on real pages
    the line rules for text dumps drop more article text than chrome there.)"""
    lines = classify([(t, "p") for t, _ in blocks])
    kinds = [ln.kind for ln in lines]
    if not any(ln.kind in _ARTICLE or ln.units >= 8 or len(ln.text) >= 80 for ln in lines):
        return []
    lo, hi = 0, len(blocks)
    while lo < hi and kinds[lo] in _EDGE_CHROME and not blocks[lo][1]:
        lo += 1
    while hi > lo and kinds[hi - 1] in _EDGE_CHROME and not blocks[hi - 1][1]:
        hi -= 1
    return [(t, c or kinds[i] == CAPTION) for i, (t, c) in enumerate(blocks) if lo <= i < hi]


# ---------------------------------------------------------------- date


PRINTED_REACH = 10  # lines around the headline where the page prints its date
_DROP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_BREAK = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|tr|td|th|section|article|header|footer|aside|nav|time|"
    r"figure|figcaption|blockquote|table|main|span|address|dd|dt)\b[^>]{0,2000}>",
    re.I,
)
_TAG = re.compile(r"<[^>]{0,2000}>")


def _visible_lines(text: str) -> list[str]:
    """The page as a browser shows it, roughly: one line per block (and per span)."""
    body = _BREAK.sub("\n", _DROP.sub(" ", text[:2_000_000]))
    return [" ".join(_html.unescape(ln).split()) for ln in _TAG.sub(" ", body).split("\n")]


def _printed_date(text: str, title: str) -> Published | None:
    """The date the page prints under or above its headline (a labelled stamp, a date-only
    line, a byline with a date), as a reader sees it: the publisher's own local day."""
    if not title:
        return None
    lines = [ln for ln in _visible_lines(text) if ln]
    key = _alnum(title)
    at = [i for i, ln in enumerate(lines) if key and _alnum(ln) == key]
    if not at:
        return None
    i = at[-1]  # the <title> comes first; the headline in the page is the last repeat
    lo, hi = max(0, i - PRINTED_REACH), min(len(lines), i + PRINTED_REACH + 1)
    best = None
    for ln in classify([(t, None) for t in lines[lo:hi]]):
        for st in ln.stamps:
            if st.kind in ("published", "byline") and best is None:
                best = Published(st.value, "stamp", 0.9, st.raw)
        if ln.kind == DATEONLY and ln.date and ln.date.value and best is None:
            best = Published(ln.date.value, "byline", 0.85, ln.text)
    return best


def _published(
    tree: Any, text: str, url: str | None, markup_date: str | None, title: str = ""
) -> Published:
    """htmldate's original publication date: markup (metadata) first, then free text.  The
    date printed with the headline decides when markup has none, and when the markup's
    timestamp is a day off from it (a UTC time past midnight is the previous local day)."""
    printed = _printed_date(text, title)
    if markup_date:
        meta = Published(_date(markup_date), "metadata", META_CONFIDENCE, _raw(text, markup_date))
        if printed and printed.value and meta.value and printed.value != meta.value:
            if abs((printed.value - meta.value).days) > 1 and printed.source != "stamp":
                return meta  # only a labelled stamp overrules the markup by more than a day
            return Published(
                printed.value,
                printed.source,
                META_CONFIDENCE,
                printed.raw,
                f"the page prints this day; its metadata says {meta.raw}",
            )
        return meta
    if printed is not None:
        return printed
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=True, original_date=True, url=url)
    except Exception:
        found = None
    if not found:
        return Published()
    return Published(_date(found), "stamp", TEXT_CONFIDENCE, _raw(text, found))


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


def _raw(text: str, iso: str) -> str:
    """The page's own spelling of the date when it is an ISO timestamp, else the date."""
    m = re.search(re.escape(iso[:10]) + r"(?:[T ][0-9:.]{2,15}(?:Z|[+-][0-9:]{2,5})?)?", text)
    return m[0] if m else iso[:10]


# ---------------------------------------------------------------- main


def analyse_html(text: str) -> Analysis:
    """Title, byline, publisher, publication date and paragraphs of one decoded HTML page."""
    out = Analysis()
    tree = _load(text)
    if tree is None:
        out.blocks = _classified(_stripped_blocks(text))
        return out
    from trafilatura import extract_metadata

    try:  # title, author, site name, URL, and htmldate's markup-only original date
        meta = extract_metadata(
            tree, date_config={"original_date": True, "extensive_search": False}
        )
    except Exception:
        meta = None
    blocks = _main_text(tree) or _stripped_blocks(text)
    site = getattr(meta, "sitename", None)
    url = getattr(meta, "url", None)
    title = _title(tree, getattr(meta, "title", None), site)
    if title:
        out.title = title
        key = _compact(out.title)
        blocks = [b for b in blocks if _compact(b[0]) != key]
    out.blocks = _classified(_captions(tree, blocks))
    out.byline = _byline(getattr(meta, "author", None))
    out.publisher = _publisher(site, url)
    out.published = _published(tree, text, url, getattr(meta, "date", None), out.title)
    return out
