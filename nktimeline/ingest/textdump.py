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
from collections.abc import Callable
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
    LIST_HARD,
    LIST_SOFT,
    MASTHEAD,
    PROSE,
    RENDER,
    SENTENCE,
    SIGNATURE,
    STAMP,
    TEASER,
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


_BYLINE_PARTS = re.compile(r"\s*[|·•/]\s*")


def _dated_byline(ln: Line) -> None:
    """``Jane Doe | Seoul 23 November 2010``: a short line holding a person's name and one
    full date, its parts set apart by bars or dots, is a byline with its date."""
    if ln.kind != TEXT or len(ln.text) > 100 or ln.bullet or not _DIGIT.search(ln.text):
        return
    full = [h for h in dates.find_dates(ln.text) if h.value]
    if len(full) != 1 or full[0].value is None:
        return
    before = ln.text[: full[0].start]
    parts = [p for p in _BYLINE_PARTS.split(before) if p.strip()]
    name = person_name(parts[0]) if parts else None
    if name and (len(parts) > 1 or before.rstrip().endswith(",")):
        ln.kind, ln.name = BYLINE, name
        ln.stamps = [dates.Stamp("byline", full[0].value, ln.text)]


def _mark_bare_bylines(nb: list[Line]) -> None:
    """A lone person-name line right after (or before) a date stamp is a byline; so is a
    short line holding a name and a date."""
    for k, ln in enumerate(nb):
        _dated_byline(ln)
        if ln.kind != TEXT or ln.units > 6 or len(ln.text) > 50 or ln.bullet:
            continue
        near = [nb[j].kind for j in (k - 1, k + 1) if 0 <= j < len(nb)]
        if STAMP in near or DATEONLY in near:
            name = person_name(ln.text)
            if name:
                ln.kind, ln.name = BYLINE, name


IN_CORE = 12  # how far into the article's first lines a headline may still stand
STANDFIRST_MIN_UNITS = 5  # a headline followed by a longer standfirst has at least this many


_CREDIT_LABEL = re.compile(r"\b(?:pictures?|photos?|images?|credits?|file photo)\s*[:：]", re.I)
_SLASH_WORD = re.compile(r"\w/([A-Z][\w-]+)")


def _looks_like_credit(text: str) -> bool:
    """A photo credit or caption label: ``Picture: ...``, ``Name/Getty Images``."""
    # (each pattern needs a character most lines lack: a colon, a slash)
    if ("：" in text or ":" in text) and _CREDIT_LABEL.search(text):
        return True
    if "/" not in text:
        return False
    words = lexicon().credit_words
    return any(m[1] in words for m in _SLASH_WORD.finditer(text))


DatelineOf = Callable[[str], "dates.Dateline | None"]


def _datelines() -> DatelineOf:
    """:func:`dates.find_dateline` with its answers kept, for one article: the headline
    search asks it about the same few lines again and again (each candidate line, then the
    paragraphs below each one), and the date and byline searches about the first paragraphs
    once more.  A fresh one per article: nothing is carried from one article to the next."""
    known: dict[str, dates.Dateline | None] = {}

    def dateline(text: str) -> dates.Dateline | None:
        try:
            return known[text]
        except KeyError:
            got = known[text] = dates.find_dateline(text)
            return got

    return dateline


def _headline_evidence(nb: list[Line], k: int, dateline: DatelineOf = dates.find_dateline) -> bool:
    """Is line ``k`` followed by what follows headlines: a stamp, a byline or a date (maybe
    after a standfirst), or a first paragraph opening with a dateline?"""
    for j in range(k + 1, min(k + 4, len(nb))):
        if nb[j].kind in (STAMP, BYLINE, DATEONLY):
            return True
    for j in range(k + 1, min(k + 4, len(nb))):
        if nb[j].kind == PROSE:
            return dateline(nb[j].text) is not None
    return False


def _title(
    nb: list[Line], core_start: int, first_prose: int, dateline: DatelineOf | None = None
) -> int | None:
    if dateline is None:
        dateline = _datelines()
    # a line's evidence is asked for twice: as a candidate, and as the standfirst below one
    evidence_of: dict[int, bool] = {}

    def evidence_at(j: int) -> bool:
        got = evidence_of.get(j)
        if got is None:
            got = evidence_of[j] = _headline_evidence(nb, j, dateline)
        return got

    counts = Counter(ln.text for ln in nb)
    lo = max(0, core_start - TITLE_WINDOW)
    hi = max(first_prose, min(core_start + IN_CORE, len(nb)))
    best, best_score = None, -1e9
    prose_seen = 0
    next_prose = len(nb)
    ahead = [len(nb)] * (hi - lo + 1)  # index of the first paragraph after each line
    for k in range(min(len(nb), hi + TITLE_WINDOW) - 1, lo - 1, -1):
        if nb[k].kind == PROSE:
            next_prose = k
        if k - lo < len(ahead) and k >= lo:
            ahead[k - lo] = next_prose
    for k in range(lo, hi):
        ln = nb[k]
        inside = k >= first_prose
        if inside and ln.kind == PROSE:
            prose_seen += 1
        if ln.kind not in (TEXT, SENTENCE, PROSE) or ln.bullet or ln.doubled:
            continue
        if ln.units < 3 or len(ln.text) > 250 or counts[ln.text] >= 3:
            continue
        if len(ln.text) < 40 and dateline(ln.text) is not None:
            continue  # a bare dateline line ("SEOUL, Sept 3:") is not a headline
        if _looks_like_credit(ln.text):
            continue  # "Jane Doe/Getty Images for X", "... Picture: @agency"
        evidence = evidence_at(k)
        # Below the first paragraph only a headline-shaped line (no final stop) that is
        # followed by headline evidence, or that no paragraph precedes, is one.
        if inside and (
            (ln.kind != TEXT and not evidence)
            or not 4 <= ln.units <= 25
            or not (evidence or prose_seen <= (ln.kind == PROSE))
        ):
            continue
        score = 0.0
        after = [nb[j].kind for j in range(k + 1, min(k + 4, len(nb)))]
        if STAMP in after or DATEONLY in after:
            score += 3
        if BYLINE in after:
            score += 2
        if after and after[0] in (BYLINE, STAMP, DATEONLY):
            score += 1.5  # right above its byline or date: the closer, the likelier
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
        nxt = nb[k + 1] if k + 1 < len(nb) else None
        if (
            nxt is not None
            and ln.units >= STANDFIRST_MIN_UNITS
            and nxt.kind in (TEXT, SENTENCE)
            and nxt.units >= max(ln.units + 3, STANDFIRST_MIN_UNITS * 2)
            and any(w[:1].islower() for w in ln.text.split())  # not a row of menu items
            and evidence_at(k + 1)
        ):
            score += 2.5  # a headline above its (longer) standfirst, both above the byline
        if inside and evidence:
            score += 1
        # near the first paragraph below it (a headline sits right above its story)
        score += 1.5 * (1 - min(ahead[k - lo] - k, TITLE_WINDOW) / TITLE_WINDOW)
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
            return lex.publisher_by_name.get(ln.text.lower(), ln.text)
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


HEAD_REACH = 3  # non-blank lines around the headline / body start where a date is the article's


def _near_head(k: int, title_k: int | None, body_start: int, bylines: set[int]) -> bool:
    """Is non-blank line ``k`` where a page prints its article's date: the top of the page,
    around the headline, just after a byline, or just above the first paragraph?"""
    if k == 0:
        return True
    if title_k is not None and abs(k - title_k) <= HEAD_REACH:
        return True
    if any(0 < k - b <= 2 for b in bylines):
        return True
    return body_start - HEAD_REACH <= k < body_start


_SOURCE_LINE = re.compile(r"^(?:source|via|courtesy of)\s*[:：]\s*([^\W\d][\w&'’ .-]{1,50})$", re.I)


def _wire_credit(
    nb: list[Line],
    title_k: int | None,
    body_start: int,
    blocks: list[tuple[str, bool]],
    dateline: DatelineOf = dates.find_dateline,
) -> str | None:
    """Who wrote the copy when no person is named: the agency of a wire dateline
    (``SEOUL, Sept 3 (Yonhap) --``, ``/TASS/``) or a ``Source: ...`` line above the story."""
    lex = lexicon()
    for text, is_caption in blocks[:3]:
        if is_caption:
            continue
        line = dateline(text)
        if line is None:
            continue
        for agency in lex.wire_agencies:
            if f"({agency})" in line.raw or f"/{agency}/" in line.raw:
                return lex.publisher_by_name.get(agency.lower(), agency)
    lo = title_k if title_k is not None else max(0, body_start - 4)
    for ln in nb[lo : body_start + 1]:
        m = _SOURCE_LINE.match(ln.text)
        if m:
            name = m[1].strip(" .")
            return lex.publisher_by_name.get(name.lower(), name)
    return None


def _published(
    nb: list[Line],
    title_k: int | None,
    body_start: int,
    core_end: int,
    blocks: list[tuple[str, bool]],
    find_dateline: DatelineOf = dates.find_dateline,
) -> Published:
    """The publication date from what the page prints, strongest evidence first.

    Candidates: a date opening the page; labelled stamps (original before updated; a stamp
    far below the headline counts less); a date-only or short dated line around the headline
    or byline; a wire dateline; a date closing the first paragraph of a re-post.  Dates
    elsewhere (captions, sidebars, lists) are never candidates."""
    cands: list[tuple[float, int, Published]] = []
    year_refs: list[tuple[_dt.date, str]] = []
    repost = lexicon().repost
    bylines = {k for k, ln in enumerate(nb) if ln.kind == BYLINE}

    def add(k: int, p: Published) -> None:
        cands.append((p.confidence, -k, p))

    if nb and nb[0].lead is not None and nb[0].lead.value is not None:
        lead = nb[0].lead
        add(
            0,
            Published(
                lead.value, "stamp", 0.9, nb[0].raw.strip()[: lead.end + 8], "date opening the page"
            ),
        )
    listed = False  # below the story, past a "Related"/"Most read" header: a sidebar
    for k, ln in enumerate(nb[: core_end + 8]):
        if k > core_end and ln.kind in (LIST_SOFT, LIST_HARD, TEASER):
            listed = True
        if listed:
            continue
        # (where the line stands matters only for a stamp or a date: asked only then)
        if ln.kind in (STAMP, BYLINE):
            near = _near_head(k, title_k, body_start, bylines)
            scale = 1.0 if near or k < body_start else 0.8
            for st in ln.stamps:
                if st.kind == "byline":
                    add(k, Published(st.value, "byline", 0.85 * scale, st.raw))
                elif st.kind == "published":
                    add(k, Published(st.value, "stamp", 0.95 * scale, st.raw))
                else:
                    add(k, Published(st.value, "stamp", 0.7 * scale, st.raw, "last-updated stamp"))
                year_refs.append((st.value, "page stamp"))
        elif ln.kind in (DATEONLY, RENDER) and ln.date and ln.date.value:
            year_refs.append((ln.date.value, "page stamp"))
            # (a render/scrape stamp is never the date)
            if ln.kind == DATEONLY and _near_head(k, title_k, body_start, bylines):
                add(k, Published(ln.date.value, "byline", 0.85, ln.text))
        elif _DIGIT.search(ln.text, 0, 200) and (
            ln.kind == FOREIGN or (len(ln.text) <= 200 and repost.search(lower(ln.text)))
        ):
            for hit in dates.find_dates(ln.text):
                if hit.value:
                    add(k, Published(hit.value, "repost", 0.3, ln.text, "re-post timestamp"))
                    year_refs.append((hit.value, "re-post stamp"))
                    break
    dateline = None
    paragraphs = [text for text, is_caption in blocks[:4] if not is_caption][:3]
    for text in paragraphs:
        dateline = find_dateline(text)
        if dateline:
            break
    if dateline and dateline.value:
        add(body_start, Published(dateline.value, "dateline", 0.85, dateline.raw))
    for text in paragraphs[:2]:
        closing = dates.closing_date(text)
        if closing:
            add(
                body_start,
                Published(
                    closing, "stamp", 0.6, text[-20:].strip(), "date closing a re-posted item"
                ),
            )
            break
    if cands:
        best = max(cands, key=lambda c: (c[0], c[1]))[2]
        if best.confidence >= 0.5 or not (dateline and dateline.month):
            return best
    if dateline and dateline.month and dateline.day:
        refs = [(p.value, p.source) for _, _, p in cands if p.value] + year_refs
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
    return max(cands, key=lambda c: (c[0], c[1]))[2] if cands else Published()


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
    core_end = _cut_off_tail(nb, core_end)
    first_prose = next(
        (k for k in range(core_start, core_end + 1) if nb[k].kind == PROSE), core_start
    )
    dateline = _datelines()  # (asked about the same lines by the searches below)
    title_k = _title(nb, core_start, first_prose, dateline)
    if title_k is not None:
        out.title, out.title_line = nb[title_k].text, nb[title_k].idx
    start = _body_start(nb, core_start, title_k)
    out.blocks = _blocks(nb[start : core_end + 1], out.title)
    out.byline = _byline(nb, title_k, core_end) or _wire_credit(
        nb, title_k, start, out.blocks, dateline
    )
    out.publisher = _publisher(nb, core_start, core_end)
    out.published = _published(nb, title_k, start, core_end, out.blocks, dateline)
    out.email_domains = [d for ln in nb for d in ln.emails]
    return out


def _cut_off_tail(nb: list[Line], core_end: int) -> int:
    """A dump that stops mid-sentence (a page saved only in part): its last line, right
    after the story's prose, is the story going on, not chrome.  It must read like prose:
    many words, opening like a sentence, mostly lower-case words."""
    last = len(nb) - 1
    if core_end != last - 1 or nb[core_end].kind != PROSE:
        return core_end
    ln = nb[last]
    words = ln.text.split()
    if ln.kind != TEXT or len(words) < 12 or not (ln.text[0].isupper() or ln.text[0] in "\"“‘'"):
        return core_end
    lower = sum(1 for w in words if w[:1].islower())
    return last if lower >= 0.6 * len(words) else core_end


TITLE_MAX = 120
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_OPENING_LABEL = re.compile(
    r"^(?:\([^()]{2,40}\)\s*|(?:[A-Z][\w'’.-]*\s*){1,3}[:：]\s+(?=[\"“‘]?[A-Z0-9]))"
)


def _opening_cut(text: str) -> str:
    """``text`` without what opens a paragraph but is not its sentence: a wire dateline
    (``CUPERTINO, Calif. (AP) -``), a source in parentheses (``(Agency-Name)``) or a short
    label (``Update:``, ``New Delhi:``)."""
    for _ in range(3):
        line = dates.find_dateline(text)
        if line is not None and len(line.raw) < len(text):
            text = text[len(line.raw) :].lstrip(" -–—:.,")
            continue
        m = _OPENING_LABEL.match(text)
        if m and m.end() < len(text):
            text = text[m.end() :]
            continue
        hits = dates.find_dates(text[:40], yearless=True)
        if hits and hits[0].start == 0 and text[hits[0].end : hits[0].end + 1] == ":":
            text = text[hits[0].end + 1 :].lstrip()  # a caption's "December 19: ..."
            continue
        break
    return text.strip()


def fallback_title(blocks: list[tuple[str, bool]]) -> str:
    """A headline for a page that prints none: the first sentence of the first paragraph
    (a caption's when there is nothing else), without dateline or label, at most
    ``TITLE_MAX`` characters and cut at a word."""
    texts = [t for t, cap in blocks if not cap] or [t for t, _ in blocks]
    for text in texts[:3]:
        body = _opening_cut(text)
        line = dates.find_dateline(body)
        if line is not None and len(line.raw.strip()) >= len(body):
            continue  # a paragraph that is only a dateline ("SEOUL, Sept 3:")
        parts = _sentences(body)
        first = parts[0]
        k = 1
        while len(first.split()) < 4 and k < len(parts):
            first = f"{first} {parts[k]}"  # "Update: Well." is not a sentence worth a title
            k += 1
        if len(first.split()) >= 3:
            return _clip(first)
    return _clip(_opening_cut(texts[0])) if texts else ""


_NO_BREAK_AFTER = frozenset(
    re.findall(
        r"\w+",
        "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof gen sen rep gov "
        "lt col st jr sr inc corp co ltd no vs calif fla mass wash ariz conn mich penn",
    )
)


def _sentences(text: str) -> list[str]:
    """``text`` cut into sentences, not after an abbreviation (``Oct.``, ``Calif.``, ``Dr.``)
    or an initial (``John F. Kennedy``, ``U.S.``)."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        word = (
            text[start : m.start()].rsplit(None, 1)[-1] if text[start : m.start()].strip() else ""
        )
        core = word.rstrip('.!?。！？"”’)').lower()
        if text[m.start() - 1 : m.start()] == "." and (
            core in _NO_BREAK_AFTER or len(core) == 1 or "." in core
        ):
            continue
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return out


def _clip(text: str) -> str:
    text = text.strip()
    if len(text) <= TITLE_MAX:
        return text
    cut = text[: TITLE_MAX - 3].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"
