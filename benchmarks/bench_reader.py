"""Reader pane scale benchmark: show a large article and select an event in it.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_reader.py [--sizes 100000,1000000,2000000]

For each size, builds one synthetic article of about that many characters (paragraphs of
sentences, each sentence with a date and an event of its own, plus some events reported twice),
shows it in a :class:`ReaderPane` (``render_s``: select the article, render, lay out, paint)
and then selects an event near its end (``select_s``: one click on the timeline).  Prints one
JSON line per size, ``{"bytes", "marks", "render_s", "select_s"}`` (best of ``--repeat``), and a
final line with the time ratios between consecutive sizes next to the size ratio (linear
work keeps ``time_ratio`` close to ``size_ratio``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from nktimeline.model import (
    Article,
    Corpus,
    DateValue,
    Event,
    Mention,
    Published,
    Span,
    Timex,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
PLACES = ("Hanoi", "Singapore", "Stockholm", "Panmunjom", "Pyongyang", "Seoul", "Geneva")


def build_article(size: int) -> Corpus:
    """One article of about ``size`` characters; every sentence is an event mention."""
    sentences: list[tuple[int, int, str, DateValue, int, int]] = []
    parts: list[str] = []
    pos = 0
    k = 0
    para: list[str] = []
    paragraphs: list[Span] = []
    para_start = 0
    while pos < size:
        d = dt.date(2000 + k % 25, 1 + k % 12, 1 + k % 28)
        when = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        text = (
            f"Officials met in {PLACES[k % len(PLACES)]} on {when} to discuss the "
            f"agreement, and item {k} was left for later talks."
        )
        start = pos + sum(len(s) + 1 for s in para)
        t0 = start + text.index(when)
        sentences.append(
            (
                start,
                start + len(text),
                text,
                DateValue(d, d, "day", "stated", 0.9),
                t0,
                t0 + len(when),
            )
        )
        para.append(text)
        k += 1
        if len(para) == 5:
            block = " ".join(para)
            parts.append(block)
            paragraphs.append(Span(para_start, para_start + len(block)))
            pos = para_start + len(block) + 2
            para_start = pos
            para = []
    if para:
        block = " ".join(para)
        parts.append(block)
        paragraphs.append(Span(para_start, para_start + len(block)))
    body = "\n\n".join(parts)
    art = Article(
        id="big",
        path="/tmp/big.txt",
        title="A very long article",
        body=body,
        publisher="Bench Daily",
        published=Published(dt.date(2020, 1, 1), "metadata", 0.95),
        paragraphs=tuple(paragraphs),
    )
    events = []
    for i, (s, e, text, date, t0, t1) in enumerate(sentences):
        assert body[s:e] == text
        tx = Timex(t0, t1, body[t0:t1], "DATE", date.start.isoformat(), date)
        m = Mention("big", s, e, text, "talks", "met", timex=tx, date=date)
        mentions = [m]
        if i % 10 == 0 and i + 1 < len(sentences):  # some events are reported twice
            s2, e2, text2, _d, _a, _b = sentences[i + 1]
            mentions.append(Mention("big", s2, e2, text2, "talks", "met", date=date))
        events.append(Event(f"e{i}", f"Talks {i}", "talks", date, tuple(mentions)))
    return Corpus((art,), tuple(events))


def measure(size: int, repeat: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from nktimeline.ui.qt_selection import QtSelection
    from nktimeline.ui.reader import ReaderPane

    app = QApplication.instance() or QApplication([])
    corpus = build_article(size)
    marks = sum(len(e.mentions) for e in corpus.events)
    target = corpus.events[int(len(corpus.events) * 0.9)]
    best_render = best_select = float("inf")
    for _ in range(repeat):
        sel = QtSelection()
        sel.model.set_events(
            [e.id for e in corpus.events],
            {e.id: [m.article for m in e.mentions] for e in corpus.events},
        )
        pane = ReaderPane(sel)
        pane.resize(600, 900)
        pane.show()
        pane.set_corpus(corpus)
        app.processEvents()
        t0 = time.perf_counter()
        sel.select_article("big")
        app.processEvents()
        pane.browser.viewport().repaint()
        t1 = time.perf_counter()
        sel.select(target.id)
        app.processEvents()
        pane.browser.viewport().repaint()
        t2 = time.perf_counter()
        assert pane.highlighted_sentence == target.mentions[0].sentence
        best_render = min(best_render, t1 - t0)
        best_select = min(best_select, t2 - t1)
        pane.close()
        pane.deleteLater()
        app.processEvents()
    return {
        "bytes": len(corpus.articles[0].body.encode("utf-8")),
        "marks": marks,
        "render_s": round(best_render, 3),
        "select_s": round(best_select, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100000,1000000,2000000")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    rows = [measure(int(s), args.repeat) for s in args.sizes.split(",")]
    for r in rows:
        print(json.dumps(r), flush=True)
    ratios = []
    for a, b in itertools.pairwise(rows):
        ratios.append(
            {
                "from_bytes": a["bytes"],
                "to_bytes": b["bytes"],
                "size_ratio": round(b["bytes"] / a["bytes"], 2),
                "render_ratio": round(b["render_s"] / max(a["render_s"], 1e-6), 2),
                "select_ratio": round(b["select_s"] / max(a["select_s"], 1e-6), 2),
            }
        )
    print(json.dumps({"ratios": ratios}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
