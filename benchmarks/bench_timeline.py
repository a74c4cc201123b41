"""Timeline scale benchmark: build, frames, hit-testing and PNG export for N events.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_timeline.py --events 100000

Prints one JSON line: {"events", "build_s", "fit_frame_ms", "pan_frame_ms", "zoom_frame_ms",
"hit_test_ms", "export_png_s"} (medians).  Events are synthetic and deterministic: eight
categories over thirty years, mostly single days plus multi-day spans, months, years and a
few decades; some estimated, some in conflict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nktimeline.model import (
    Article,
    Conflict,
    Corpus,
    DateValue,
    Event,
    Mention,
    Published,
)

CATEGORIES = (
    "summit",
    "talks",
    "visit",
    "statement",
    "military",
    "election",
    "background",
    "other",
)
WORDS = (
    "summit",
    "talks",
    "visit",
    "envoy",
    "letter",
    "statement",
    "launch",
    "meeting",
    "Hanoi",
    "Seoul",
    "Pyongyang",
    "Beijing",
    "Stockholm",
    "Singapore",
    "delegation",
)


def synthetic_corpus(n: int, seed: int = 7) -> Corpus:
    rnd = random.Random(seed)
    base = dt.date(1995, 1, 1).toordinal()
    span = 30 * 365
    arts = tuple(
        Article(
            id=f"a{i}",
            path=f"a{i}.txt",
            title=f"Article {i}",
            body="x",
            publisher=f"Outlet {i % 7}",
            published=Published(dt.date(2020, 1, 1), "metadata", 1.0),
        )
        for i in range(max(1, min(1000, n // 100)))
    )
    events = []
    for i in range(n):
        s = base + int(rnd.random() ** 0.7 * span)
        r = rnd.random()
        if r < 0.70:
            gran, e = "day", s
        elif r < 0.80:
            gran, e = "day", s + rnd.randint(1, 6)
        elif r < 0.95:
            d = dt.date.fromordinal(s)
            s = dt.date(d.year, d.month, 1).toordinal()
            gran, e = "month", s + 27
        elif r < 0.99:
            d = dt.date.fromordinal(s)
            s = dt.date(d.year, 1, 1).toordinal()
            gran, e = "year", s + 364
        else:
            d = dt.date.fromordinal(s)
            s = dt.date(d.year // 10 * 10, 1, 1).toordinal()
            gran, e = "decade", s + 3652
        source = "inferred" if rnd.random() < 0.1 else "stated"
        date = DateValue(
            dt.date.fromordinal(s),
            dt.date.fromordinal(e),
            gran,
            source,
            0.5 if source == "inferred" else 0.9,
        )
        art = arts[i % len(arts)].id
        m = Mention(art, 0, 1, "x", "summit", "met", date=date)
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 6))).capitalize()
        conflicts = (Conflict(art, "2001", "disagrees"),) if rnd.random() < 0.03 else ()
        events.append(
            Event(f"e{i}", title, CATEGORIES[i % len(CATEGORIES)], date, (m,), conflicts=conflicts)
        )
    return Corpus(arts, tuple(events))


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000.0, 3)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--width", type=int, default=1600)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from nktimeline.export import render_png
    from nktimeline.ui.qt_selection import QtSelection
    from nktimeline.ui.timeline_view import TimelineView

    app = QApplication.instance() or QApplication([])
    corpus = synthetic_corpus(args.events)
    sel = QtSelection()
    sel.model.set_events([], {})
    view = TimelineView(sel)
    view.resize(args.width, args.height)
    view.show()
    app.processEvents()
    img = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def frame() -> float:
        t = time.perf_counter()
        view.viewport().render(img)
        return time.perf_counter() - t

    t0 = time.perf_counter()
    view.set_corpus(corpus)
    view.fit_all()
    build = time.perf_counter() - t0

    frame()  # warm-up (font caches)
    fit = []
    for _ in range(7):
        view.fit_all()
        fit.append(frame())

    # Zoom steps from fit-all down to about a week across the screen, around the middle.
    zoom = []
    view.fit_all()
    while view.ppd < args.width / 7:
        view.zoom_by(1.25)
        zoom.append(frame())

    # Pan a ~2-month window in 120 px steps.
    lo, hi = view.data.focus
    mid = (lo + hi) / 2
    view.show_range(mid, mid + 60)
    pan = []
    bar = view.horizontalScrollBar()
    for _ in range(40):
        bar.setValue(bar.value() + 120)
        pan.append(frame())

    # Hit-testing at random points, at fit-all and zoomed in.
    rnd = random.Random(3)
    hits = []
    for setup in (view.fit_all, lambda: view.show_range(mid, mid + 60)):
        setup()
        frame()
        for _ in range(300):
            p = QPoint(rnd.randrange(args.width), rnd.randrange(45, args.height))
            t = time.perf_counter()
            view.hit_at(p)
            hits.append(time.perf_counter() - t)

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        render_png(corpus, Path(tmp) / "bench.png", width=1800)
        export = time.perf_counter() - t

    print(
        json.dumps(
            {
                "events": args.events,
                "build_s": round(build, 3),
                "fit_frame_ms": _ms(fit),
                "pan_frame_ms": _ms(pan),
                "zoom_frame_ms": _ms(zoom),
                "hit_test_ms": _ms(hits),
                "export_png_s": round(export, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
