"""Print the events extracted from the bundled seeds and check issue 3's list.

Usage: python benchmarks/events_eval.py [--no-reference] [PATH ...]

Prints every event (date, how it was obtained, confidence, title, place, mentions, conflicts),
the publication dates (with inferred ones marked), then one PASS/FAIL line per check and a final
JSON summary line.  Always exits 0: this is a report, not a gate (the tests are the gate).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nktimeline.events import extract_events
from nktimeline.model import Event
from nktimeline.paths import seed_files
from nktimeline.pipeline import load_articles


def _arts(e: Event) -> set[str]:
    return {a[:3] for a in e.articles}


def _one(events: list[Event], pred) -> tuple[bool, str]:
    found = [e for e in events if pred(e)]
    if len(found) == 1:
        e = found[0]
        return True, f"{e.title} [{e.date.label() if e.date else 'year unknown'}]"
    return False, f"{len(found)} matching events"


def checks(events: list[Event], articles, use_reference: bool) -> list[tuple[str, bool, str]]:
    D = dt.date
    out: list[tuple[str, bool, str]] = []

    def day(e: Event, d: dt.date) -> bool:
        return e.date is not None and e.date.start == d == e.date.end

    def sing_ok(e):
        return (
            e.place == "Singapore"
            and e.category == "summit"
            and (day(e, D(2018, 6, 12)) or (not use_reference and e.date is None))
        )

    out.append(("Singapore summit 2018-06-12", *_one(events, sing_ok)))
    out.append(
        (
            "Hanoi summit 2019-02",
            *_one(
                events,
                lambda e: (
                    e.place == "Hanoi"
                    and e.category == "summit"
                    and e.date is not None
                    and e.date.start >= D(2019, 2, 1)
                    and e.date.end <= D(2019, 2, 28)
                ),
            ),
        )
    )
    out.append(
        (
            "Panmunjeom meeting 2019-06-30 (000+002)",
            *_one(
                events,
                lambda e: (
                    e.place == "Panmunjom" and day(e, D(2019, 6, 30)) and {"000", "002"} <= _arts(e)
                ),
            ),
        )
    )

    def stockholm(e: Event) -> bool:
        ok = (
            e.place == "Stockholm"
            and e.date is not None
            and e.date.start >= D(2019, 10, 1)
            and e.date.end <= D(2019, 11, 30)
            and {"000", "002"} <= _arts(e)
        )
        return ok and (bool(e.conflicts) or not use_reference)

    out.append(("Stockholm talks Oct-Nov 2019 (000+002, conflict)", *_one(events, stockholm)))
    out.append(
        (
            "Envoys' Pyongyang visit 2018-09-05",
            *_one(events, lambda e: e.place == "Pyongyang" and day(e, D(2018, 9, 5))),
        )
    )
    out.append(
        (
            "Third inter-Korean summit 2018-09-18/20",
            *_one(
                events,
                lambda e: (
                    e.date is not None
                    and e.date.start == D(2018, 9, 18)
                    and e.date.end == D(2018, 9, 20)
                ),
            ),
        )
    )
    out.append(
        (
            "Sunchon fertilizer factory 2020-05-02",
            *_one(events, lambda e: e.place == "Sunchon" and day(e, D(2020, 5, 2))),
        )
    )

    # background a reader would list: 003 (Sept. 6, 2018) on "Trump's decision last month to
    # postpone" Pompeo's trip, 004 on "the midterm elections ... in November"
    def month(e: Event, y: int, m: int) -> bool:
        return (
            e.date is not None
            and (e.date.start.year, e.date.start.month) == (y, m)
            and (
                e.date.end.year,
                e.date.end.month,
            )
            == (y, m)
        )

    out.append(
        (
            "Pompeo trip postponement Aug 2018",
            *_one(
                events,
                lambda e: (
                    month(e, 2018, 8)
                    and any("postpone" in m.sentence for m in e.mentions)
                    and "postpone" in e.title.lower()
                ),
            ),
        )
    )
    out.append(
        (
            "US midterm elections Nov 2018",
            *_one(
                events,
                lambda e: (
                    "election" in e.title.lower()
                    and (
                        month(e, 2018, 11)
                        # without outside knowledge 004 has no year: November, year unknown
                        or (not use_reference and e.date is None and "November" in e.title)
                    )
                ),
            ),
        )
    )
    late = [e.title for e in events if e.date is not None and e.date.end >= D(2023, 1, 1)]
    out.append(("No event dated 2023 or later", not late, ", ".join(late) or "none"))
    pubs = {a.id[:3]: a.published for a in articles}
    p0, p4 = pubs.get("000"), pubs.get("004")

    def within(p, lo: dt.date, hi: dt.date) -> bool:
        """An estimate is a window: its middle inside lo..hi, at most two months wide."""
        if not (p and p.earliest and p.latest) or (p.latest - p.earliest).days > 62:
            return False
        return lo <= p.anchor <= hi

    def shown(p) -> str:
        return f"{p.earliest}..{p.latest} {p.source}" if p else "missing"

    ok0 = bool(p0 and p0.source == "inferred" and within(p0, D(2019, 10, 1), D(2019, 11, 30)))
    out.append(("000 inferred Oct-Nov 2019", ok0, shown(p0)))
    ok4 = bool(p4 and p4.source == "inferred" and within(p4, D(2018, 8, 1), D(2018, 8, 31)))
    if not use_reference and p4 is not None and p4.source != "inferred":
        ok4 = True  # only outside knowledge dates 004: staying undated is the honest result
    name4 = "004 inferred Aug 2018"
    if not use_reference and p4 is not None and p4.source != "inferred":
        name4 = "004 left undated (only outside knowledge dates it), re-post stamp not trusted"
    out.append((name4, ok4, shown(p4)))
    bodies = {a.id: a.body for a in articles}
    titles = {a.id: a.title for a in articles}
    bad = 0
    for e in events:
        for m in e.mentions:
            body = titles[m.article] if m.field == "title" else bodies[m.article]
            if body[m.sentence_start : m.sentence_end] != m.sentence:
                bad += 1
            if m.timex is not None and body[m.timex.start : m.timex.end] != m.timex.text:
                bad += 1
    out.append(("Mention offsets index the body (or title)", bad == 0, f"{bad} bad spans"))
    return out


def _speed(articles, n: int, use_ref: bool) -> float:
    """Articles per CPU-second on ``n`` ~5 KB articles (bodies repeated to size, distinct ids)."""
    import dataclasses

    if not articles:
        return 0.0
    made = []
    for i in range(n):
        a = articles[i % len(articles)]
        body = a.body
        while len(body) < 5000:
            body = body + "\n\n" + a.body
        made.append(dataclasses.replace(a, id=f"{a.id}~{i}", body=body[:5000], captions=()))
    extract_events(made[:2], use_reference=use_ref)  # warm caches
    t0 = time.process_time()
    extract_events(made, use_reference=use_ref)
    return n / max(1e-9, time.process_time() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--no-reference", action="store_true", help="switch the reference chronology off"
    )
    ap.add_argument("paths", nargs="*", help="article files or folders (default: bundled seeds)")
    ap.add_argument(
        "--speed",
        type=int,
        default=200,
        metavar="N",
        help="also time extraction on N ~5 KB articles built from the inputs (0: skip)",
    )
    args = ap.parse_args(argv)
    use_ref = not args.no_reference
    articles, errors = load_articles(args.paths or seed_files())
    t0 = time.perf_counter()
    dated, events = extract_events(articles, use_reference=use_ref)
    secs = time.perf_counter() - t0
    print(
        f"# reference chronology: {'on' if use_ref else 'off'}; {len(articles)} articles, "
        f"{len(events)} events, {secs * 1000:.0f} ms"
    )
    for a in dated:
        p = a.published
        print(
            f"article {a.id}: published {p.value or 'unknown'} "
            f"({p.source}, {p.confidence:.2f}) {p.note}"
        )
    for e in events:
        d = e.date
        when = (
            f"{d.label():>21} {d.source:9} {d.confidence:.2f}"
            if d
            else f"{'year unknown':>21} {'':9}     "
        )
        print(
            f"{when}  [{e.category}] {e.title}"
            + (f"  @{e.place}" if e.place else "")
            + (f"  ref={e.reference}" if e.reference else "")
        )
        for m in e.mentions:
            tx = f"'{m.timex.text}'" if m.timex else "-"
            print(f"      {m.article[:3]} {tx:18} {m.sentence[:100]}")
        for c in e.conflicts:
            print(f"      CONFLICT {c.article[:3]}: {c.note}")
    results = checks(events, dated, use_ref)
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
    passed = sum(ok for _, ok, _ in results)
    speed = _speed(articles, args.speed, use_ref) if args.speed else None
    if speed:
        print(f"# extraction speed: {speed:.0f} articles/s (~5 KB each, one core, CPU time)")
    print(
        json.dumps(
            {
                "reference": use_ref,
                "articles": len(articles),
                "events": len(events),
                "checks": len(results),
                "passed": passed,
                "failed": len(results) - passed,
                "errors": len(errors),
                "seconds": round(secs, 3),
                "articles_per_s": round(speed, 1) if speed else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
