"""HTML -> Analysis: metadata from <meta>/JSON-LD/<time>, text lines from the main container.

The page is parsed with lxml in recover mode (no network, comments dropped) and walked
iteratively, so malformed or absurdly nested markup cannot blow the Python stack.  The
container holding most paragraph text (or its enclosing <article>/<main>) becomes lines with
hints (``h1``, ``p``, ``caption``, ``li``) that go through the same analysis as text dumps;
metadata then overrides what the text analysis guessed.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any
from urllib.parse import urlparse

from lxml import etree
from lxml import html as lxml_html

from nktimeline.ingest.htmlmeta import (
    canonical,
    first,
    html_rules,
    jsonld,
    meta_tags,
    published,
    strip_site,
    text_of,
)
from nktimeline.ingest.lexicon import lexicon, publisher_for_domain
from nktimeline.ingest.lines import classify
from nktimeline.ingest.names import person_name
from nktimeline.ingest.textdump import Analysis, analyse

_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_ARTICLE_HINT = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|entry[-_]content|post[-_]content|article[-_]content|news[-_]?body|article[-_]?text",
    re.I,
)
MAX_PARAGRAPHS = 20_000  # <p> elements scored when choosing the main container
MAX_ITEMS = 50_000  # text lines taken from one page (a page dump is a few hundred)
_LEADING_TAG = re.compile(r"^\s*[\[【][^\]】]{1,20}[\]】]\s*")


def _parse(text: str) -> tuple[Any, bool]:
    """(root or None, True when the parser dropped markup nested beyond its depth limit)."""
    parser = lxml_html.HTMLParser(
        recover=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
        encoding="utf-8",
    )
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, False
    too_deep = any("depth" in (e.message or "").lower() for e in parser.error_log)
    return root, too_deep


# ---------------------------------------------------------------- container and lines


def _is_boilerplate(el: Any, tokens: frozenset[str]) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    attrs = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}".lower()
    if not attrs.strip():
        return False
    words = set(attrs.split())
    return bool(words & tokens) or bool(set(_TOKEN_SPLIT.split(attrs)) & tokens)


def _container(root: Any) -> Any:
    """The element whose <p> children hold most text, widened to its <article>/<main>."""
    scores: dict[Any, float] = {}
    p_lengths: dict[Any, int] = {}
    for i, p in enumerate(root.iter("p")):
        if i >= MAX_PARAGRAPHS:
            break
        n = len(text_of(p))
        if n < 25:
            continue
        p_lengths[p] = n
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + n
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + n / 2
    body = root.find("body")
    fallback = body if body is not None else root
    if not scores:
        for el in root.iter("article", "main"):
            return el
        return fallback
    best = max(scores, key=lambda e: scores[e])
    chain = [best, *best.iterancestors()]
    for el in chain:
        if el.tag == "article":
            return el
    for el in chain:
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag == "main" or el.get("itemprop") == "articleBody" or _ARTICLE_HINT.search(attrs):
            return el
    # no article markup: widen until the element holds most of the page's paragraph text
    total = sum(n for n in p_lengths.values())
    for el in chain:
        inside = sum(p_lengths.get(p, 0) for p in el.iter("p"))
        if inside >= 0.8 * total:
            return el
    return fallback


def _inside_article(el: Any) -> bool:
    for anc in el.iterancestors("article", "main"):
        return anc is not None
    return False


def _lines(container: Any) -> list[tuple[str, str | None]]:
    r = html_rules()
    items: list[tuple[str, str | None]] = []
    buf: list[str] = []
    # stack entries: (is_block, hint, skipped)
    stack: list[tuple[bool, str | None, bool]] = []

    def current_hint() -> str | None:
        for is_block, hint, _ in reversed(stack):
            if is_block:
                return hint
        return None

    def flush(hint: str | None) -> None:
        if not buf:
            return
        text = "".join(buf)
        buf.clear()
        if hint == "pre":
            items.extend((ln, None) for ln in text.split("\n"))
            return
        text = " ".join(text.split())
        if text:
            items.append(("• " + text if hint == "li" else text, hint))

    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        if len(items) >= MAX_ITEMS:
            break
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            skip = (
                tag in r.drop
                or not tag
                or (tag in r.drop_outside and not _inside_article(el))
                or (
                    el is not container
                    and tag not in ("article", "main", "body")
                    and _is_boilerplate(el, r.tokens)
                )
            )
            if skip:
                walker.skip_subtree()
                stack.append((False, None, True))
                continue
            if tag == "br":
                flush(current_hint())
                stack.append((False, None, False))
                continue
            is_block = tag in r.block
            if is_block:
                flush(current_hint())
            hint = _hint(tag) if is_block else None
            stack.append((is_block, hint, False))
            if el.text:
                buf.append(el.text)
        else:
            is_block, hint, skipped = stack.pop() if stack else (False, None, False)
            if is_block and not skipped:
                flush(hint)
            if el.tail and el is not container:
                buf.append(el.tail)
    flush(None)
    return items


def _hint(tag: str) -> str | None:
    if tag == "h1":
        return "h1"
    if tag in ("h2", "h3", "h4", "h5", "h6"):
        return "h"
    if tag in ("p", "blockquote"):
        return "p"
    if tag in ("figcaption", "caption"):
        return "caption"
    if tag in ("li", "dd", "dt"):
        return "li"
    if tag == "pre":
        return "pre"
    return None


_SCRIPTISH = re.compile(r"<(script|style|noscript|template)\b", re.I)
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|br|li|h[1-6]|tr|section|article|blockquote|figcaption|ul|ol|table)\b)[^>]{0,2000}>",
    re.I,
)
_ANY_TAG = re.compile(r"<[^>]{0,2000}>")


def _regex_lines(text: str) -> list[tuple[str, str | None]]:
    """Tag-stripping fallback for markup the parser could not keep (too deep, broken)."""
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
        pos = close
        end = text.find(">", close)
        pos = end + 1 if end >= 0 else len(text)
    stripped = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", "".join(out)))
    return [(_html.unescape(ln), None) for ln in stripped.split("\n", MAX_ITEMS)[:MAX_ITEMS]]


# ---------------------------------------------------------------- main


def analyse_html(text: str) -> Analysis:
    root, too_deep = _parse(text)
    if root is None:
        return analyse(classify(_regex_lines(text)))
    meta = meta_tags(root)
    ld = jsonld(root)
    r = html_rules()
    container = _container(root)
    items = _lines(container)
    h1 = next((el for el in root.iter("h1")), None)
    h1_text = text_of(h1) if h1 is not None else ""
    if h1_text and not any(t == h1_text for t, _ in items[:40]):
        items.insert(0, (h1_text, "h1"))
    if too_deep:
        items = _regex_lines(text)  # the tree lost what was nested beyond the depth limit
    found = analyse(classify(items))
    if not found.blocks and not too_deep:
        found = analyse(classify(_regex_lines(text)))

    site = first(meta, r.meta_site) or ld.get("publisher")
    if site and site.startswith("@"):
        site = site[1:]
    title = first(meta, r.meta_title) or ld.get("headline") or h1_text or found.title
    if not title:
        t_el = root.find(".//title")
        title = _LEADING_TAG.sub("", text_of(t_el)) if t_el is not None else ""
    if title:
        found.title = strip_site(" ".join(title.split()), site)
        key = "".join(found.title.split()).casefold()
        found.blocks = [b for b in found.blocks if "".join(b[0].split()).casefold() != key]
    author = first(meta, r.meta_author) or ld.get("author")
    if author and not author.lower().startswith("http"):
        name = person_name(re.sub(r"^by\s+", "", author.strip(), flags=re.I)) or author.strip()
        found.byline = found.byline or name
    if site:
        found.publisher = lexicon().publisher_by_name.get(site.lower(), site)
    elif not found.publisher:
        url = meta.get("og:url") or canonical(root)
        if url:
            found.publisher = publisher_for_domain(urlparse(url).netloc or "")
    found.published = published(root, container, meta, ld, found.published)
    return found
