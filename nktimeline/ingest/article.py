"""bytes/path -> Article: guards (size, binary, empty), decoding, text or HTML analysis."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from nktimeline.guard import stage
from nktimeline.ingest.decode import declared_charset, decode_bytes, normalise
from nktimeline.ingest.errors import IngestError
from nktimeline.ingest.files import MAX_BYTES, read_bytes, sniff_binary
from nktimeline.ingest.language import detect_language
from nktimeline.ingest.lines import classify
from nktimeline.ingest.textdump import Analysis, analyse, fallback_title
from nktimeline.ingest.unwrap import unwrap
from nktimeline.model import Article, Span

MAX_LINES = 50_000  # a page dump is a few hundred lines; beyond this only the start is read
_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_TAGS = re.compile(
    rb"</?(?:p|div|span|a|br|li|ul|table|td|tr|h[1-6]|img|script|meta|section|article)\b[^>]{0,400}>",
    re.I,
)


def looks_like_html(data: bytes, path: str = "") -> bool:
    """Content sniffing first; the extension only helps when tags are present."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore").lstrip()
    low = head[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")) or (
        low.startswith(b"<?xml") and b"<html" in head.lower()
    ):
        return True
    tags = len(_TAGS.findall(data[:20000]))
    if _HTML_SNIFF.search(head[:1024]) and tags >= 2:
        return True
    if path.lower().endswith((".htm", ".html", ".xhtml", ".shtml")) and tags >= 1:
        return True
    return tags >= 8


def _assemble(blocks: list[tuple[str, bool]]) -> tuple[str, tuple[Span, ...], tuple[Span, ...]]:
    parts: list[str] = []
    paragraphs: list[Span] = []
    captions: list[Span] = []
    pos = 0
    for text, is_caption in blocks:
        if parts:
            pos += 2
        span = Span(pos, pos + len(text))
        parts.append(text)
        paragraphs.append(span)
        if is_caption:
            captions.append(span)
        pos = span.end
    return "\n\n".join(parts), tuple(paragraphs), tuple(captions)


def _article_id(path: str, sha: str) -> str:
    if not path or path.startswith("<"):
        return sha[:12]
    return Path(path).stem or sha[:12]


def article_from_bytes(data: bytes, path: str = "<memory>") -> Article:
    """Turn the bytes of one file into an Article; raises only IngestError."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise IngestError("expected the bytes of a file")
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise IngestError(
            f"file is too large ({len(data) / 1048576:.1f} MB); the limit for one article is "
            f"{MAX_BYTES // 1048576} MB"
        )
    if not data:
        raise IngestError("the file is empty (0 bytes)")
    kind = sniff_binary(data)
    if kind:
        raise IngestError(f"looks like a binary file ({kind}), not an article")
    sha = hashlib.sha256(data).hexdigest()
    fmt = "html" if looks_like_html(data, path) else "text"
    with stage("decode"):
        declared = declared_charset(data) if fmt == "html" else None
        text, encoding = decode_bytes(data, declared)
        text = normalise(text)
    if not text.strip():
        raise IngestError("the file contains only blank space, no text")
    with stage("clean"):
        if fmt == "html":
            from nktimeline.ingest.htmldoc import analyse_html

            found = analyse_html(text)
        else:
            found = _analyse_text(text)
    if not found.blocks:
        raise IngestError(
            "no article text found (only menus, links or very short lines; "
            "an article needs at least one paragraph)"
        )
    body, paragraphs, captions = _assemble(found.blocks)
    return Article(
        id=_article_id(path, sha),
        path=path,
        title=found.title or fallback_title(found.blocks),
        body=body,
        encoding=encoding,
        byline=found.byline,
        publisher=found.publisher,
        published=found.published,
        captions=captions,
        paragraphs=paragraphs,
        sha256=sha,
        fmt=fmt,
        language=detect_language(body),
    )


def _analyse_text(text: str) -> Analysis:
    raw_lines = unwrap(text.split("\n", MAX_LINES)[:MAX_LINES])
    return analyse(classify([(ln, None) for ln in raw_lines]))


def load_article(path: str | Path) -> Article:
    """Read and parse one file; every failure is an IngestError with a readable message."""
    p = Path(path)
    data = read_bytes(p)
    try:
        return article_from_bytes(data, str(p))
    except IngestError:
        raise
    except RecursionError:
        raise IngestError("the file is nested too deeply to read") from None
    except (ValueError, MemoryError) as exc:  # defensive: a parser rejected the content
        raise IngestError(f"could not parse this file ({exc})") from None
