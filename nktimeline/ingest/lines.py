"""Line classification for plain-text dumps of web pages (and HTML rendered to lines).

Each line gets one ``kind`` from cheap, general signals: bullets, icon file names, UI words,
footer and list-header lexicons, date stamps, bylines, photo credits, script (a Chinese
aggregator's chrome around an English article), length and sentence punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nktimeline.casefold import lower
from nktimeline.ingest import dates
from nktimeline.ingest.lexicon import lexicon
from nktimeline.ingest.names import byline_name, person_name
from nktimeline.ingest.scripts import cjk_count, main_scripts, script_of
from nktimeline.quick_init import quick_init

# kinds
BLANK, UI, ICON, FOREIGN, FOOTER, LIST_HARD, LIST_SOFT = (
    "blank",
    "ui",
    "icon",
    "foreign",
    "footer",
    "list_hard",
    "list_soft",
)
STAMP, RENDER, DATEONLY, BYLINE, SIGNATURE, MASTHEAD, CAPTION = (
    "stamp",
    "render",
    "dateonly",
    "byline",
    "signature",
    "masthead",
    "caption",
)
PROSE, SENTENCE, TEXT, TEASER = "prose", "sentence", "text", "teaser"

ANCHORS = frozenset((PROSE, SENTENCE))
HARD = frozenset((FOOTER, LIST_HARD))
CHROME = frozenset((UI, ICON, FOREIGN, FOOTER, LIST_HARD, LIST_SOFT, RENDER, MASTHEAD, TEASER))

_BULLET_MARKS = "•·◦▪▫■□▶►▷○●◆◇★☆※→»›"
_BULLET = re.compile(rf"^(?:[{_BULLET_MARKS}]+\s*|[-*+]\s+)")
_BULLET_FIRST = frozenset(_BULLET_MARKS + "-*+")  # the characters a bullet can open with
_ICON = re.compile(r"^(?:[\w.-]*\.(?:png|svg|gif|jpe?g|webp|ico|bmp)(?:\?\S*)?[\s,|]*)+$", re.I)
_ICON_ANY = re.compile(r"[\w-]+\.(?:png|svg|gif|jpe?g|webp|ico|bmp)\b", re.I)
# what both icon patterns need; found in one fast pass (a "." to start from)
_ICON_EXT = re.compile(r"\.(?:png|svg|gif|jpe?g|webp|ico|bmp)\b", re.I)
_TERMINALS = frozenset(".!?。！？…")
_CLOSERS = "”\"’'»」』)]"


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence punctuation, maybe inside closing quotes or
    brackets (what an end-anchored pattern finds, without scanning the line)."""
    if text.endswith("\n"):  # "$" also matches before a final line break
        text = text[:-1]
    return text.rstrip(_CLOSERS)[-1:] in _TERMINALS


_CLOSING_QUOTE = re.compile(r"[”\"’'»」』]$")
_LEADING_NON_LATIN = re.compile(r"^[^\x00-\u024f]+")
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_EDGE_PUNCT = re.compile(r"^[^\w(\"“'‘]+|[^\w)\"”'’.!?]+$")


@dataclass
class Line:
    idx: int
    raw: str
    text: str
    kind: str = TEXT
    indent: int = 0
    bullet: bool = False
    doubled: bool = False
    hint: str | None = None
    units: int = 0
    stamps: list[dates.Stamp] = field(default_factory=list)
    date: dates.DateHit | None = None
    name: str | None = None  # byline / signature person
    emails: tuple[str, ...] = ()  # e-mail domains on the line
    lead: dates.DateHit | None = None  # a date that opened the line (cut from ``text``)


_INDENT_CHARS = " \t\u00a0\u3000"


def clean_line(raw: str) -> tuple[str, int, bool, bool]:
    """(text, indent, had bullet, was doubled) with whitespace collapsed."""
    if not raw:
        return "", 0, False, False  # the blank line between paragraphs
    indent = 0
    if raw[0] in _INDENT_CHARS:  # (expanding tabs leaves any other first character alone)
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" \u00a0\u3000"))
    text = " ".join(raw.split())
    bullet = False
    m = _BULLET.match(text) if text[:1] in _BULLET_FIRST else None
    if m and m.end() < len(text):
        text, bullet = text[m.end() :].strip(), True
    elif m:
        text, bullet = "", True
    doubled = False
    n = len(text)
    if 8 <= n <= 1200:  # captions printed twice ("alt text" + caption) are short
        half = n // 2
        # (the first characters are compared before the halves are copied)
        if n % 2 == 0 and text[0] == text[half] and text[:half] == text[half:]:
            text, doubled = text[:half].strip(), True
        elif (
            n % 2 == 1
            and text[half] == " "
            and text[0] == text[half + 1]
            and text[:half] == text[half + 1 :]
        ):
            text, doubled = text[:half], True
    return text, indent, bullet, doubled


def _units(text: str) -> int:
    words = text.count(" ") + 1
    if text.isascii():
        return words
    return words + cjk_count(text) // 2


def _has_credit(text: str) -> bool:
    """Does the line end with a photo credit (cheap checks before the regex)?"""
    lex = lexicon()
    tail = text[-120:]
    last = tail.rsplit(None, 1)[-1].strip("()[]")
    low = tail.lower()
    if last in lex.credit_words or lex.credit_pattern_keywords.search(low):
        return lex.credit_tail.search(tail) is not None
    return False


def _is_ui(text: str, low: str) -> bool:
    lex = lexicon()
    if len(text) <= 2:
        return True
    core = _EDGE_PUNCT.sub("", low)
    if low in lex.ui_lines or core in lex.ui_lines:
        return True
    return len(text) <= 80 and lex.ui_pattern.match(core or low) is not None


@quick_init
@dataclass(frozen=True)
class _Verdict:
    kind: str
    units: int
    stamps: tuple[dates.Stamp, ...] = ()
    date: dates.DateHit | None = None
    name: str | None = None
    emails: tuple[str, ...] = ()


def _masthead_shape(text: str) -> bool:
    """An outlet's name nobody listed: three to five capitalised words, the last one a
    masthead word (``East County News Service``, ``The Daily Sentinel``; two words are
    too often a menu item: ``My News``)."""
    words = text.split()
    if not 3 <= len(words) <= 5 or not all(w[:1].isupper() or w in ("of", "the") for w in words):
        return False
    return words[-1] in lexicon().masthead_words


def classify_line(line: Line, scripts: frozenset[str]) -> None:
    """Set ``line.kind`` (and stamps/date/name) from the line alone."""
    if not line.text:
        line.kind = BLANK if not line.bullet else UI
        return
    v = _verdict(line.text, line.hint, scripts)
    line.kind, line.units, line.stamps = v.kind, v.units, list(v.stamps)
    line.date, line.name, line.emails = v.date, v.name, v.emails


@lru_cache(maxsize=50_000)
def _verdict(t: str, hint: str | None, scripts: frozenset[str]) -> _Verdict:
    """The kind of one line of text; cached because site chrome repeats across articles."""
    line = _Scratch(t, hint)
    _decide(line, scripts)
    return _Verdict(line.kind, line.units, tuple(line.stamps), line.date, line.name, line.emails)


@dataclass
class _Scratch:
    text: str
    hint: str | None
    kind: str = TEXT
    units: int = 0
    stamps: list[dates.Stamp] = field(default_factory=list)
    date: dates.DateHit | None = None
    name: str | None = None
    emails: tuple[str, ...] = ()


def _decide(line: _Scratch, scripts: frozenset[str]) -> None:
    t = line.text
    lex = lexicon()
    low = t.lower()
    n = len(t)
    line.units = _units(t)
    if line.hint == "caption":
        line.kind = CAPTION
        return
    if n <= 400 and _ICON_EXT.search(t) and (_ICON.match(t) or len(_ICON_ANY.findall(t)) >= 2):
        line.kind = ICON
        return
    if not t.isascii():
        sc = script_of(t)
        if sc and sc not in scripts and sc != "latin":
            line.kind = FOREIGN
            return
    credit = None  # asked twice below: remember the answer
    if line.units >= 8 and n <= 600 and (credit := _has_credit(t)):
        line.kind = CAPTION  # before the footer test: "... in Pyongyang. © KCNA"
        return
    if n <= 60:
        core = _EDGE_PUNCT.sub("", low)
        if lex.list_hard.match(core):
            line.kind = LIST_HARD
            return
        if lex.list_soft.match(core):
            line.kind = LIST_SOFT
            return
    if n <= 120 and _is_ui(t, low):
        line.kind = UI
        return
    if n <= 400 and lex.consent.search(low if t.isascii() else lower(t)):
        line.kind = UI
        return
    if n <= 200 and lex.signoff.match(t):
        line.kind = SIGNATURE
        return
    if n <= 200 and lex.footer_keywords.search(low) and lex.footer.search(t):
        line.kind = FOOTER
        return
    if n <= 200 and _DIGIT.search(t):
        line.stamps = dates.find_stamps(t)
        if line.stamps:
            line.kind = STAMP
            return
        hit = dates.date_only(t)
        if hit:
            line.date = hit
            line.kind = RENDER if dates.is_render_stamp(t) else DATEONLY
            return
    if n <= 120:
        name = byline_name(t)
        if name:
            line.name, line.kind = name, BYLINE
            line.stamps = [
                dates.Stamp("byline", h.value, t) for h in dates.find_dates(t) if h.value
            ]
            return
    if "@" in t and n <= 160:
        domains = tuple(m[1] for m in _EMAIL.finditer(t))
        if domains and not ends_sentence(t.rstrip(".") if t.endswith(".") else t):
            line.emails = domains
            before = t[: t.find("@")].rsplit(" ", 1)[0] if " " in t[: t.find("@")] else ""
            line.name = person_name(before)
            line.kind = SIGNATURE
            return
    if n <= 60 and (low in lex.publisher_by_name or _masthead_shape(t)):
        line.kind = MASTHEAD
        return
    if n <= 600 and (credit if credit is not None else _has_credit(t)):
        line.kind = CAPTION
        return
    terminal = ends_sentence(t)
    if (
        (terminal and n >= 60 and line.units >= 8)
        or (n >= 200 and line.units >= 30)
        or (n >= 100 and line.units >= 15 and _CLOSING_QUOTE.search(t))
    ):
        line.kind = PROSE
    elif (terminal and line.units >= 3) or (line.hint == "p" and line.units >= 8):
        line.kind = SENTENCE
    else:
        line.kind = TEXT


def classify(items: list[tuple[str, str | None]]) -> list[Line]:
    """Lines (text, hint) -> classified ``Line`` objects, including teaser detection."""
    out: list[Line] = []
    for i, (raw, hint) in enumerate(items):
        text, indent, bullet, doubled = clean_line(raw)
        out.append(Line(i, raw, text, indent=indent, bullet=bullet, doubled=doubled, hint=hint))
    _cut_leading_date(out)
    scripts = frozenset(main_scripts([ln.text for ln in out]))
    for ln in out:
        classify_line(ln, scripts)
    _mark_teasers(out)
    return out


def _cut_leading_date(lines: list[Line]) -> None:
    """A date opening the page's first line, followed by text on the same line (an
    archive's ``date 2017-09-03 The quake ...``), is a stamp: kept as ``lead``, cut from
    the text so that the headline and the first paragraph start cleanly."""
    first = next((ln for ln in lines if ln.text), None)
    if first is None:
        return
    got = dates.leading_date(first.text)
    if got is None:
        return
    hit, rest = got
    tail = first.text[rest:].strip()
    if len(tail.split()) >= 1 and not dates.date_only(first.text):
        first.lead, first.text = hit, tail


def _compact(text: str) -> str:
    return "".join(text.split())


def _mark_teasers(lines: list[Line]) -> None:
    """A summary line that repeats the start of the following text (aggregator '简介...')."""
    labels = lexicon().teaser_labels
    nonblank = [ln for ln in lines if ln.kind != BLANK]
    compact: list[str | None] = [None] * len(nonblank)

    def comp(j: int) -> str:
        c = compact[j]
        if c is None:
            c = compact[j] = _compact(nonblank[j].text)
        return c

    for k, ln in enumerate(nonblank):
        if ln.kind not in (TEXT, SENTENCE, PROSE) or not 30 <= len(ln.text) <= 2000:
            continue
        t = ln.text
        low = t[:12].lower()
        labelled = False
        if low.startswith(labels):  # (one C call; which label, only when one is there)
            for label in labels:
                if low.startswith(label):
                    t, labelled = t[len(label) :].lstrip(" :：-"), True
                    break
        if not labelled and ends_sentence(t):
            continue  # an unlabelled teaser is cut off mid-sentence
        t = _LEADING_NON_LATIN.sub("", t)
        probe = _compact(t)
        if len(probe) < 25 or k + 1 >= len(nonblank):
            continue
        first = comp(k + 1)
        if first == probe or not (labelled or len(probe) > len(first)):
            continue  # an exact repeat is a duplicated caption, handled elsewhere
        joined = first
        for j in range(k + 2, min(k + 6, len(nonblank))):
            if len(joined) > len(probe) + 10:
                break
            joined += comp(j)
        if joined.startswith(probe):
            ln.kind = TEASER
