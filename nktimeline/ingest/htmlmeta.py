"""HTML page metadata: <meta> tags, JSON-LD, <time>, <title> (rules: resources/ingest/html.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nktimeline.ingest import dates
from nktimeline.ingest.lexicon import lexicon
from nktimeline.model import Published
from nktimeline.paths import load_json

_MAX_JSONLD = 200_000


@dataclass(frozen=True)
class Rules:
    drop: frozenset[str]
    drop_outside: frozenset[str]
    block: frozenset[str]
    tokens: frozenset[str]
    meta_title: tuple[str, ...]
    meta_published: tuple[str, ...]
    meta_updated: tuple[str, ...]
    meta_author: tuple[str, ...]
    meta_site: tuple[str, ...]
    article_types: frozenset[str]


@lru_cache(maxsize=1)
def html_rules() -> Rules:
    r = load_json("ingest/html.json")
    return Rules(
        frozenset(r["drop_tags"]),
        frozenset(r["drop_outside_article"]),
        frozenset(r["block_tags"]),
        frozenset(r["boilerplate_tokens"]),
        tuple(r["meta_title"]),
        tuple(r["meta_published"]),
        tuple(r["meta_updated"]),
        tuple(r["meta_author"]),
        tuple(r["meta_site"]),
        frozenset(r["article_types"]),
    )


def text_of(el: Any) -> str:
    try:
        return " ".join(el.text_content().split())
    except (ValueError, AttributeError):
        return ""


def meta_tags(root: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content[:2000]
    return found


def jsonld(root: Any) -> dict[str, str]:
    """headline / datePublished / dateModified / author / publisher of the first article object."""
    types = html_rules().article_types
    out: dict[str, str] = {}
    for el in root.iter("script"):
        if "ld+json" not in (el.get("type") or "").lower() or not el.text:
            continue
        try:
            data = json.loads(el.text[:_MAX_JSONLD])
        except (ValueError, RecursionError):
            continue
        stack: list[Any] = [data]
        seen = 0
        while stack and seen < 2000:
            seen += 1
            obj = stack.pop()
            if isinstance(obj, list):
                stack.extend(reversed(obj))
                continue
            if not isinstance(obj, dict):
                continue
            kind = obj.get("@type")
            kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
            if kinds & types or "headline" in obj:
                for key in ("headline", "datePublished", "dateModified"):
                    if isinstance(obj.get(key), str) and key not in out:
                        out[key] = obj[key]
                for key in ("author", "publisher"):
                    name = _ld_name(obj.get(key))
                    if name and key not in out:
                        out[key] = name
            for key in ("@graph", "mainEntity", "itemListElement"):
                if isinstance(obj.get(key), (list, dict)):
                    stack.append(obj[key])
    return out


def _ld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value[:5]) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    return None


def first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if meta.get(k):
            return meta[k]
    return None


def strip_site(title: str, site: str | None) -> str:
    """'Headline | The Korea Times' -> 'Headline' when the tail names the site."""
    names = {n for n in (site,) if n} | set(lexicon().publisher_by_name)
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · ", " : "):
        if sep in title:
            head, tail = title.rsplit(sep, 1)
            if tail.strip().lower() in {n.lower() for n in names} and len(head) >= 8:
                return head.strip()
    return title.strip()


def canonical(root: Any) -> str | None:
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical":
            return el.get("href")
    return None


def published(
    root: Any, container: Any, meta: dict[str, str], ld: dict[str, str], text_pub: Published
) -> Published:
    r = html_rules()
    for raw in (first(meta, r.meta_published), ld.get("datePublished")):
        value = dates.parse_iso_datetime(raw) if raw else None
        if value:
            return Published(value, "metadata", 0.95, raw or "")
    marked = [
        el
        for el in root.iter("time")
        if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished"
    ]
    scope = next(container.iterancestors("article"), container)
    for el in [*marked, *scope.iter("time")]:
        raw = el.get("datetime") or ""
        value = dates.parse_iso_datetime(raw) or dates.parse_iso_datetime(text_of(el))
        if value:
            best = Published(value, "metadata", 0.9, raw or text_of(el))
            return best if best.confidence >= text_pub.confidence else text_pub
    if text_pub.value and text_pub.confidence >= 0.5:
        return text_pub
    for raw in (first(meta, r.meta_updated), ld.get("dateModified")):
        value = dates.parse_iso_datetime(raw) if raw else None
        if value:
            return Published(value, "metadata", 0.6, raw or "", "last-modified date")
    return text_pub
