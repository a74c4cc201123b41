"""Find the article inside a page dump: region, headline, byline, publisher, date, paragraphs.

Mechanism: classify every line (``lines.py``), find the densest run of prose lines (short
gaps allowed, hard stops at footers and site-wide lists), then look *above* it for the
headline (a substantial line next to a date stamp or byline), *around* it for bylines and
stamps, and *inside* it for captions, subheadings and leftover chrome.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field

from nktimeline.casefold import lower
from nktimeline.ingest import dates
from nktimeline.ingest.lexicon import lexicon, publisher_for_domain
from nktimeline.ingest.lines import (
    ANCHORS,
    BLANK,
    BYLINE,
    CAPTION,
    DATEONLY,
    FOOTER,
    FOREIGN,
    HARD,
    ICON,
    LIST_SOFT,
    MASTHEAD,
    PROSE,
    RENDER,
    SENTENCE,
    SIGNATURE,
    STAMP,
    TEXT,
    UI,
    Line,
)
from nktimeline.ingest.names import person_name
from nktimeline.model import Published

MAX_GAP = 6  # non-prose lines tolerated between two paragraphs of one article
TITLE_WINDOW = 60  # how far above the body the headline is looked for (non-blank lines)
BODY_KINDS = frozenset((TEXT, SENTENCE, PROSE, CAPTION))
_MASTHEAD_LABEL = re.compile(r"^masthead\s*[:：]\s*(.{2,60})$", re.I)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*-\s*\d{4})?\s*)?(?:by\s+)?"
    r"([^\W\d][\w&'’ .-]{1,60}?)\s*(?:[.,]\s*all rights|all rights|무단|$|\.\s*$|,)",
    re.I,
)
_DIGIT = re.compile(r"\d")
_DOMAIN = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:by\s+)?([\w-]+(?:\.[\w-]+)+)", re.I)


@dataclass
class Analysis:
    """What the text analysis found; ``blocks`` are (paragraph, is_caption)."""

    title: str = ""
    title_line: int | None = None
    byline: str | None = None
    publisher: str | None = None
    published: Published = field(default_factory=Published)
    blocks: list[tuple[str, bool]] = field(default_factory=list)
    email_domains: list[str] = field(default_factory=list)


def _compact(text: str) -> str:
    return "".join(text.split()).casefold()


def _segments(nb: list[Line]) -> list[tuple[int, int, float]]:
    """Runs of anchor lines (start, end, score) over the non-blank lines."""
    segs: list[tuple[int, int, float]] = []
    start = end = -1
    score = 0.0
    gap = 0.0
    soft = False
    for k, ln in enumerate(nb):
        if ln.kind in HARD:
            if start >= 0:
                segs.append((start, end, score))
            start, score, soft = -1, 0.0, False
            continue
        if ln.kind == LIST_SOFT:
            soft = True
            continue
        if ln.kind in ANCHORS and not (soft and ln.kind != PROSE):
            soft = False
            weight = len(ln.text) * (1.0 if ln.kind == PROSE else 0.5)
            if start >= 0 and gap <= MAX_GAP:
                end, score = k, score + weight
            else:
                if start >= 0:
                    segs.append((start, end, score))
                start, end, score = k, k, weight
            gap = 0.0
        elif not soft:
            gap += 0.5 if ln.kind in (UI, ICON) else 1  # widgets inside a story weigh less
    if start >= 0:
        segs.append((start, end, score))
    return segs


def _mark_bare_bylines(nb: list[Line]) -> None:
    """A lone person-name line right after (or before) a date stamp is a byline."""
    for k, ln in enumerate(nb):
        if ln.kind != TEXT or ln.units > 6 or len(ln.text) > 50 or ln.bullet:
            continue
        near = [nb[j].kind for j in (k - 1, k + 1) if 0 <= j < len(nb)]
        if STAMP in near or DATEONLY in near:
            name = person_name(ln.text)
            if name:
                ln.kind, ln.name = BYLINE, name


def _title(nb: list[Line], core_start: int, first_prose: int) -> int | None:
    counts = Counter(ln.text for ln in nb)
    lo = max(0, core_start - TITLE_WINDOW)
    best, best_score = None, -1e9
    for k in range(lo, first_prose):
        ln = nb[k]
        if ln.kind not in (TEXT, SENTENCE, PROSE) or ln.bullet or ln.doubled:
            continue
        if ln.units < 3 or len(ln.text) > 250 or counts[ln.text] >= 3:
            continue
        score = 0.0
        after = [nb[j].kind for j in range(k + 1, min(k + 4, len(nb)))]
        if STAMP in after or DATEONLY in after:
            score += 3
        if BYLINE in after:
            score += 2
        if k > 0 and nb[k - 1].kind in (RENDER, DATEONLY, MASTHEAD):
            score += 0.5
        if ln.hint == "h1":
            score += 4
        if ln.indent >= 2:
            score -= 2
        if ln.text.endswith(".") and not ln.text.endswith("..."):
            score -= 1
        if ln.kind == PROSE and STAMP not in after and BYLINE not in after:
            score -= 2
        if 4 <= ln.units <= 25:
            score += 1
        score += 1.5 * (1 - (core_start - k) / TITLE_WINDOW)
        if score > best_score:
            best, best_score = k, score
    return best


def _body_start(nb: list[Line], core_start: int, title_k: int | None) -> int:
    if title_k is not None and title_k >= core_start:
        k = title_k + 1
        while k < len(nb) and nb[k].kind in (BYLINE, STAMP, DATEONLY, RENDER):
            k += 1
        return k
    start = core_start
    floor = title_k + 1 if title_k is not None else max(0, core_start - 4)
    for k in range(core_start - 1, max(floor, core_start - 8) - 1, -1):
        ln = nb[k]
        if ln.kind in (BYLINE, STAMP, DATEONLY, SIGNATURE):
            continue
        if ln.kind == CAPTION or (ln.kind in (TEXT, SENTENCE) and not ln.bullet and ln.units >= 3):
            start = k
            continue
        break
    return start


def _blocks(body: list[Line], title: str) -> list[tuple[str, bool]]:
    blocks: list[list[object]] = []
    seen_captions: set[str] = set()
    prev = None
    title_key = _compact(title)
    soft = False
    for ln in body:
        if ln.kind == LIST_SOFT:
            soft = True
            continue
        if ln.kind == PROSE:
            soft = False
        if soft or ln.kind not in BODY_KINDS:
            continue
        key = _compact(ln.text)
        if not key or key == title_key:
            continue
        if key == prev and blocks:
            blocks[-1][1] = True  # a line printed twice in a row is a photo caption
            seen_captions.add(key)
            continue
        prev = key
        if key in seen_captions:
            continue
        is_caption = ln.kind == CAPTION or ln.doubled
        if is_caption:
            seen_captions.add(key)
        blocks.append([ln.text, is_caption])
    return [(str(t), bool(c)) for t, c in blocks]


def _publisher(nb: list[Line], core_start: int, core_end: int) -> str | None:
    lex = lexicon()
    for ln in nb:
        m = _MASTHEAD_LABEL.match(ln.text)
        if m:
            name = m[1].strip(" .")
            return lex.publisher_by_name.get(name.lower(), name)
    for ln in nb[:core_start]:
        if ln.kind == MASTHEAD:
            return lex.publisher_by_name[ln.text.lower()]
    for ln in nb:
        if ln.kind == FOOTER:
            m = _DOMAIN.search(ln.text)
            if m and publisher_for_domain(m[1]):
                return publisher_for_domain(m[1])
            m = _COPYRIGHT_NAME.search(ln.text)
            if m:
                name = m[1].strip(" .,;:-")
                if 2 <= len(name) <= 50 and not any(ch.isdigit() for ch in name):
                    return lex.publisher_by_name.get(name.lower(), name)
    tail = nb[core_end + 1 : core_end + 8]
    for ln in [*tail, *nb]:
        for domain in ln.emails:
            name = publisher_for_domain(domain)
            if name:
                return name
    return None


def _byline(nb: list[Line], title_k: int | None, core_end: int) -> str | None:
    lo = title_k if title_k is not None else 0
    for ln in nb[lo : core_end + 8]:
        if ln.kind == BYLINE and ln.name:
            return ln.name
    for ln in nb[core_end + 1 : core_end + 8]:
        if ln.kind == SIGNATURE and ln.name:
            return ln.name
    return None


def _published(
    nb: list[Line], title_k: int | None, core_end: int, blocks: list[tuple[str, bool]]
) -> Published:
    cands: list[Published] = []
    year_refs: list[tuple[_dt.date, str]] = []
    repost = lexicon().repost
    for k, ln in enumerate(nb[: core_end + 8]):
        if ln.kind in (STAMP, BYLINE):
            for st in ln.stamps:
                if st.kind == "byline":
                    cands.append(Published(st.value, "byline", 0.85, st.raw))
                elif st.kind == "published":
                    cands.append(Published(st.value, "stamp", 0.95, st.raw))
                else:
                    cands.append(Published(st.value, "stamp", 0.7, st.raw, "last-updated stamp"))
        elif ln.kind in (DATEONLY, RENDER) and ln.date and ln.date.value:
            below = title_k is not None and title_k < k <= title_k + 4
            year_refs.append((ln.date.value, "page stamp"))
            if below:
                conf = 0.85 if ln.kind == DATEONLY else 0.6
                cands.append(Published(ln.date.value, "byline", conf, ln.text))
        elif _DIGIT.search(ln.text[:200]) and (
            ln.kind == FOREIGN or (len(ln.text) <= 200 and repost.search(lower(ln.text)))
        ):
            for hit in dates.find_dates(ln.text):
                if hit.value:
                    cands.append(Published(hit.value, "repost", 0.3, ln.text, "re-post timestamp"))
                    year_refs.append((hit.value, "re-post stamp"))
                    break
    dateline = None
    for text, is_caption in blocks[:3]:
        if not is_caption:
            dateline = dates.find_dateline(text)
            if dateline:
                break
    if dateline and dateline.value:
        cands.append(Published(dateline.value, "dateline", 0.8, dateline.raw))
    if cands:
        best = max(cands, key=lambda p: p.confidence)
        if best.confidence >= 0.5 or not (dateline and dateline.month):
            return best
    if dateline and dateline.month and dateline.day:
        refs = [(p.value, p.source) for p in cands if p.value] + year_refs
        if refs:
            ref, how = refs[0]
            for year in (ref.year, ref.year - 1):
                try:
                    value = _dt.date(year, dateline.month, dateline.day)
                except ValueError:
                    continue
                if value <= ref:
                    return Published(value, "dateline", 0.4, dateline.raw, f"year from {how}")
        return Published(raw=dateline.raw, note="dateline without a year")
    return max(cands, key=lambda p: p.confidence) if cands else Published()


def analyse(lines: list[Line]) -> Analysis:
    """Everything the article needs from classified lines."""
    nb = [ln for ln in lines if ln.kind != BLANK]
    out = Analysis()
    if not nb:
        return out
    _mark_bare_bylines(nb)
    segs = _segments(nb)
    if segs:
        core_start, core_end, _ = max(segs, key=lambda s: s[2])
    else:
        kept = [k for k, ln in enumerate(nb) if ln.kind in BODY_KINDS]
        if not kept:
            return out
        core_start, core_end = kept[0], kept[-1]
    first_prose = next(
        (k for k in range(core_start, core_end + 1) if nb[k].kind == PROSE), core_start
    )
    title_k = _title(nb, core_start, first_prose)
    if title_k is not None:
        out.title, out.title_line = nb[title_k].text, nb[title_k].idx
    start = _body_start(nb, core_start, title_k)
    out.blocks = _blocks(nb[start : core_end + 1], out.title)
    out.byline = _byline(nb, title_k, core_end)
    out.publisher = _publisher(nb, core_start, core_end)
    out.published = _published(nb, title_k, core_end, out.blocks)
    out.email_domains = [d for ln in nb for d in ln.emails]
    return out
