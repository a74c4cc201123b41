"""Sentence-level anchoring of events to dates on TimeBank (``../shared/eval/timebank``).

Usage: python benchmarks/timebank_anchor.py [PATH] [--verbose] [--limit N]

How many gold event–time anchors of TimeBank become an nktimeline event with that date on
that sentence.

Gold anchors.  Every ``<TLINK>`` between an event instance and a ``<TIMEX3>`` of type DATE or
TIME whose relType (read as "event REL time", the link reversed when it goes from the time
to the event) is one of ``ANCHOR_RELS``: IS_INCLUDED, INCLUDES, DURING, DURING_INV,
SIMULTANEOUS, BEGINS, ENDS, BEGUN_BY, ENDED_BY; the set is closed under reversal, so the
direction never decides.  The TIMEX3 value must be a calendar span: a day (``1998-08-07``,
a TIME's date part too), ISO week (``1998-W32``), month, quarter (``1998-Q3``), half year
or year; PRESENT_REF/PAST_REF, seasons, weekends, decades, durations and values with ``X``
are skipped.  One anchor per (event, time) pair.  Each anchor is one of

* ``sentence``: the event and the time expression are in the same sentence (the measure);
* ``dct``: the time is the document creation time (``<DCT>``, outside the text), scored
  apart as ``dct_anchors`` / ``dct_anchored``;
* ``cross``: an in-text time expression in another sentence (counted, not scored).

Sentences are cut here (``split_sentences``: ``.?!`` before a capital, blank lines), not by
nktimeline, so the gold does not move when the pipeline's segmenter changes.

System.  Each document's plain text (tags inside ``<TEXT>`` stripped, as
``benchmarks/timex_eval.py`` does) is written to a temporary folder as ``<docid>.txt``
behind a first line ``Month D, YYYY`` (the DCT) and a blank line, and the real pipeline runs
in-process: ``load_corpus(paths, use_reference=False)``.  Ingest re-flows text (the headline
and chrome-like lines may leave the body), so gold offsets are carried into ``Article.body``
by finding each gold sentence, whitespace collapsed, in the body (or the headline, for a
first line ingest took as the title); an anchor whose sentence is not found is
``unaligned`` (and a miss).

Score.  A gold anchor is ``anchored`` when some output event has a mention of that document
whose sentence span contains the gold event's first character and whose date (the mention's
own ``date``, else the event's) lies inside the gold interval: gold ``1998-08`` accepts
1998-08-07 or 1998-08 but not 1998; gold ``1998-08-07`` accepts only that day.
``precision``: of the output mentions whose sentence contains an event with any gold anchor
(sentence, dct or cross), the share dated inside one of those anchors' intervals
(``precision_mentions`` is the denominator).

Prints one JSON line; ``--verbose`` prints each miss (document, event word, gold value) and
a per-relType breakdown to stderr.  The set is read at run time and never copied; when it is
absent the line says ``skipped``.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import itertools
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SET = ROOT.parent / "shared" / "eval" / "timebank"

# "event REL time" relations under which the event happens within (or at an edge of) the time
ANCHOR_RELS = frozenset(
    {
        "IS_INCLUDED",
        "INCLUDES",
        "DURING",
        "DURING_INV",
        "SIMULTANEOUS",
        "BEGINS",
        "ENDS",
        "BEGUN_BY",
        "ENDED_BY",
    }
)
_INVERSE = {
    "IS_INCLUDED": "INCLUDES",
    "INCLUDES": "IS_INCLUDED",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
}

_MARKUP = re.compile(r"<(/?)(\w+)([^>]*)>|&#?\w+;")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class TimexTag:
    tid: str
    type: str
    value: str
    start: int = -1  # offsets in the plain text; -1 for the DCT (outside <TEXT>)
    end: int = -1
    dct: bool = False


@dataclass
class EventTag:
    eid: str
    start: int
    end: int
    word: str
    cls: str = ""


@dataclass
class Doc:
    docid: str
    text: str
    dct: dt.date | None
    timexes: dict[str, TimexTag] = field(default_factory=dict)
    events: dict[str, EventTag] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)  # eiid -> eid
    # (eiid, tid, relType read as "event REL time")
    tlinks: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Anchor:
    docid: str
    eid: str
    word: str
    start: int  # the gold event's offsets in the plain text
    end: int
    tid: str
    value: str
    lo: dt.date
    hi: dt.date
    rel: str
    kind: str  # sentence | dct | cross


def parse_timeml(raw: str, docid: str = "") -> Doc:
    """Plain text (tags inside ``<TEXT>`` stripped, entities decoded: the same text as
    ``timex_eval.parse_tml``), the DCT, and the TIMEX3s, EVENTs, instances and TLINKs."""
    dct: dt.date | None = None
    doc = Doc(docid, "", None)
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        at = dict(_ATTR.findall(m.group(1)))
        with_value = at.get("value", "")
        try:
            dct = dt.date.fromisoformat(with_value[:10])
        except ValueError:
            dct = None
        tid = at.get("tid", "t0")
        doc.timexes[tid] = TimexTag(tid, at.get("type", "DATE"), with_value, dct=True)
    doc.dct = dct
    a, b = raw.find("<TEXT>"), raw.find("</TEXT>")
    body = raw[a + len("<TEXT>") : b] if a >= 0 and b > a else ""
    out: list[str] = []
    pos = length = 0
    open_tags: dict[str, tuple[int, dict[str, str]]] = {}
    for mk in _MARKUP.finditer(body):
        chunk = body[pos : mk.start()]
        out.append(chunk)
        length += len(chunk)
        pos = mk.end()
        tok = mk.group(0)
        if tok.startswith("&"):
            ch = html.unescape(tok)
            out.append(ch)
            length += len(ch)
            continue
        name = mk.group(2)
        if name not in ("TIMEX3", "EVENT"):
            continue
        if not mk.group(1):
            open_tags[name] = (length, dict(_ATTR.findall(mk.group(3))))
            continue
        opened = open_tags.pop(name, None)
        if opened is None or length <= opened[0]:
            continue
        start, at = opened
        if name == "TIMEX3":
            tid = at.get("tid", "")
            doc.timexes[tid] = TimexTag(tid, at.get("type", ""), at.get("value", ""), start, length)
        else:
            eid = at.get("eid", "")
            doc.events[eid] = EventTag(eid, start, length, "", at.get("class", ""))
    out.append(body[pos:])
    doc.text = "".join(out)
    for ev in doc.events.values():
        ev.word = doc.text[ev.start : ev.end]
    tail = raw[b:] if b >= 0 else ""
    for mk in re.finditer(r"<MAKEINSTANCE([^>]*)>", tail):
        at = dict(_ATTR.findall(mk.group(1)))
        if "eiid" in at and "eventID" in at:
            doc.instances[at["eiid"]] = at["eventID"]
    for mk in re.finditer(r"<TLINK([^>]*)>", tail):
        at = dict(_ATTR.findall(mk.group(1)))
        rel = at.get("relType", "")
        if "eventInstanceID" in at and "relatedToTime" in at:
            doc.tlinks.append((at["eventInstanceID"], at["relatedToTime"], rel))
        elif "timeID" in at and "relatedToEventInstance" in at:
            doc.tlinks.append((at["relatedToEventInstance"], at["timeID"], _INVERSE.get(rel, rel)))
    return doc


def timex_interval(value: str) -> tuple[dt.date, dt.date] | None:
    """The calendar span of a TIMEX3 value (inclusive days), None when it is not one."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-([QH])([1-4])", value):
            y, months = int(m[1]), 3 if m[2] == "Q" else 6
            first = (int(m[3]) - 1) * months + 1
            last = first + months - 1
            if last > 12:
                return None
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        if m := re.fullmatch(r"(\d{4})", value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None
    return None


_ABBREV = frozenset(
    re.split(
        r"\s+",
        "mr mrs ms dr st jr sr gen sen rep gov lt col sgt capt maj adm cmdr rev prof messrs "
        "corp inc co ltd bros no vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
        "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo "
        "mont neb nev okla ore pa tenn tex va vt wash wis wyo",
    )
)
_SENT_END = re.compile(r"[.!?]+['\")\]]*(?=\s+['\"(\[]?[A-Z0-9])|\n[ \t]*\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of plain news text, leading/trailing blanks trimmed."""
    cuts = [0]
    for m in _SENT_END.finditer(text):
        if m.group(0).startswith("."):
            word = re.search(r"([A-Za-z.]+)$", text[: m.start()])
            w = word.group(1).lower() if word else ""
            # an abbreviation or initials ("Mr.", "Oct.", "U.S.", "J.") does not end a sentence
            if w in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", w):
                continue
        cuts.append(m.end())
    cuts.append(len(text))
    spans: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def _sentence_of(spans: list[tuple[int, int]], offset: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= offset < b:
            return i
    return -1


def gold_anchors(doc: Doc) -> list[Anchor]:
    """The doc's anchors, one per (event, time) pair, in TLINK order."""
    spans = split_sentences(doc.text)
    out: list[Anchor] = []
    seen: set[tuple[str, str]] = set()
    for eiid, tid, rel in doc.tlinks:
        if rel not in ANCHOR_RELS:
            continue
        eid = doc.instances.get(eiid, "")
        ev, tx = doc.events.get(eid), doc.timexes.get(tid)
        if ev is None or tx is None or tx.type not in ("DATE", "TIME"):
            continue
        span = timex_interval(tx.value)
        if span is None or (eid, tid) in seen:
            continue
        seen.add((eid, tid))
        if tx.dct:
            kind = "dct"
        else:
            same = _sentence_of(spans, ev.start) == _sentence_of(spans, tx.start)
            kind = "sentence" if same else "cross"
        out.append(
            Anchor(doc.docid, eid, ev.word, ev.start, ev.end, tid, tx.value, *span, rel, kind)
        )
    return out


def article_text(doc: Doc) -> str:
    """What is written to ``<docid>.txt``: the DCT as a first line, a blank line, the text."""
    head = f"{doc.dct:%B} {doc.dct.day}, {doc.dct.year}\n\n" if doc.dct else ""
    return head + doc.text


def _collapse(text: str, base: int = 0) -> tuple[str, list[int]]:
    """Whitespace runs -> one space (ends trimmed), with each kept character's offset."""
    chars: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(chars)
            continue
        if space:
            chars.append(" ")
            where.append(base + i - 1)
            space = False
        chars.append(ch)
        where.append(base + i)
    return "".join(chars), where


def _searched(article) -> str:
    """The text gold sentences are looked up in: the body, then (offsets past the body) the
    headline, for a first line that ingest took out of the body as the title."""
    return f"{article.body}\n\n{article.title}"


def align(doc: Doc, body: str) -> dict[int, int]:
    """Map each gold event's start offset (plain text) to its offset in ``body``, found by
    looking up its gold sentence, whitespace collapsed, in the collapsed body (in order)."""
    flat_body, body_at = _collapse(body)
    mapping: dict[int, int] = {}
    cursor = 0
    starts = sorted(ev.start for ev in doc.events.values())
    for a, b in split_sentences(doc.text):
        flat, at = _collapse(doc.text[a:b], a)
        if not flat:
            continue
        k = flat_body.find(flat, cursor)
        if k < 0:
            k = flat_body.find(flat)
        if k < 0:
            continue
        cursor = k + len(flat)
        j = 0
        for s in starts:
            if a <= s < b:
                while j < len(at) and at[j] < s:
                    j += 1
                if j < len(at) and at[j] == s:
                    mapping[s] = body_at[k + j]
    return mapping


def _inside(date, lo: dt.date, hi: dt.date) -> bool:
    return date is not None and lo <= date.start and date.end <= hi


def _body_spans(corpus) -> dict[str, list[tuple[int, int, object]]]:
    """article id -> [(sentence start, end, date)] of every mention, in offsets of
    :func:`_searched`.  A headline mention (``field == "title"``) is placed where its sentence
    appears in the body, else on the headline after the body."""
    bodies = {a.id: a.body for a in corpus.articles}
    out: dict[str, list[tuple[int, int, object]]] = {}
    for ev in corpus.events:
        for m in ev.mentions:
            date = m.date if m.date is not None else ev.date
            start, end = m.sentence_start, m.sentence_end
            if getattr(m, "field", "body") == "title":
                body = bodies.get(m.article, "")
                k = body.find(m.sentence.strip()) if m.sentence.strip() else -1
                if k >= 0:
                    start, end = k, k + len(m.sentence.strip())
                else:
                    start, end = start + len(body) + 2, end + len(body) + 2
            out.setdefault(m.article, []).append((start, end, date))
    return out


def _label(date) -> str:
    if date is None:
        return "undated"
    return date.label() if hasattr(date, "label") else f"{date.start}/{date.end}"


def score(docs: Iterable[Doc], corpus, verbose: bool = False) -> dict[str, object]:
    """Count gold anchors and how many the corpus reproduces (see the module doc)."""
    docs = list(docs)
    articles = {a.id: a for a in corpus.articles}
    spans = _body_spans(corpus)
    n = {"sentence": 0, "dct": 0, "cross": 0}
    hit = {"sentence": 0, "dct": 0}
    unaligned = prec_den = prec_num = 0
    by_rel: Counter[tuple[str, str, bool]] = Counter()
    for doc in docs:
        anchors = gold_anchors(doc)
        art = articles.get(doc.docid)
        where = align(doc, _searched(art)) if art is not None else {}
        mentions = spans.get(doc.docid, [])
        for an in anchors:
            n[an.kind] += 1
            if an.kind == "cross":
                continue
            pos = where.get(an.start)
            if pos is None:
                unaligned += 1
            found = [d for s, e, d in mentions if pos is not None and s <= pos < e]
            ok = any(_inside(d, an.lo, an.hi) for d in found)
            hit[an.kind] += ok
            by_rel[(an.kind, an.rel, ok)] += 1
            if verbose and not ok:
                got = ", ".join(sorted({_label(d) for d in found})) or "no event"
                if pos is None:
                    got = "unaligned"
                print(
                    f"MISS {an.kind:8} {doc.docid} {an.word!r} gold={an.value} rel={an.rel} "
                    f"system={got}",
                    file=sys.stderr,
                )
        intervals: list[tuple[int, dt.date, dt.date]] = [
            (where[an.start], an.lo, an.hi) for an in anchors if an.start in where
        ]
        for s, e, d in mentions:
            here = [(lo, hi) for p, lo, hi in intervals if s <= p < e]
            if here:
                prec_den += 1
                prec_num += any(_inside(d, lo, hi) for lo, hi in here)
    if verbose:
        for kind in ("sentence", "dct"):
            rels = sorted({r for k, r, _ in by_rel if k == kind})
            for rel in rels:
                yes, no = by_rel[(kind, rel, True)], by_rel[(kind, rel, False)]
                print(f"REL {kind:8} {rel:13} {yes}/{yes + no}", file=sys.stderr)
    return {
        "documents": len(docs),
        "gold_anchors": n["sentence"],
        "anchored": hit["sentence"],
        "recall": round(hit["sentence"] / n["sentence"], 4) if n["sentence"] else 0.0,
        "dct_anchors": n["dct"],
        "dct_anchored": hit["dct"],
        "precision": round(prec_num / prec_den, 4) if prec_den else 0.0,
        "events": len(corpus.events),
        "cross_sentence": n["cross"],
        "unaligned": unaligned,
        "precision_mentions": prec_den,
    }


def run(files: list[Path], verbose: bool = False) -> dict[str, object]:
    """Parse ``files`` (TimeML), run the pipeline on their plain text, score."""
    from nktimeline.pipeline import load_corpus

    docs = [parse_timeml(f.read_text(encoding="utf-8"), f.name[: -len(".tml")]) for f in files]
    with tempfile.TemporaryDirectory(prefix="timebank-anchor-") as tmp:
        paths = []
        for doc in docs:
            p = Path(tmp) / f"{doc.docid}.txt"
            p.write_text(article_text(doc), encoding="utf-8")
            paths.append(p)
        corpus = load_corpus(paths, use_reference=False)
    if verbose:
        for err in corpus.errors:
            print(f"ERROR {err.path}: {err.message}", file=sys.stderr)
    return score(docs, corpus, verbose)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_SET))
    ap.add_argument("--verbose", action="store_true", help="print misses to stderr")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args(argv)
    folder = Path(args.path)
    files = sorted(folder.glob("*.tml")) if folder.is_dir() else []
    if not files:
        print(json.dumps({"bench": "timebank_anchor", "skipped": f"no .tml files at {folder}"}))
        return 0
    if args.limit:
        files = files[: args.limit]
    t0 = time.perf_counter()
    result = run(files, args.verbose)
    print(
        json.dumps(
            {"bench": "timebank_anchor", **result, "seconds": round(time.perf_counter() - t0, 2)}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
