"""Longer fuzzing of ingest, the tagger, the pipeline and the layout than the bounded suite.

    python benchmarks/fuzz.py --seconds 600 [--seed 1] [--only sentences,articles]

Families (the generators and checks are ``tests/fuzzgen.py``, shared with the bounded suite
``tests/test_fuzz_grammar.py``; imported here by path, as tests never import benchmarks):

* ``sentences``  sentences generated from the tagger's own vocabulary (numbers in words and
                 digits, fractions, ordinals, months, weekdays, relative phrases, seasons,
                 holidays, quarters, edge years, leap days, ranges, times) through
                 ``tag(text, dct)`` around random and edge publication dates (0001-01-01,
                 9999-12-31, leap days, century years), then each same text as an article
                 published that day through ``article_from_bytes`` + ``build_corpus([a])``;
* ``articles``   generated articles (some with a first line such as "Published:
                 9999-12-31"; ingest reads years 1800-2200 only, so half of the time the
                 publication date is forced to a random or edge date) through ingest,
                 ``tag`` and ``build_corpus``;
* ``corpora``    two to four such articles sharing sentences (merging, dissent, dating the
                 undated ones from the dated);
* ``mutations``  the bundled seeds and synthetic HTML mutated (byte flips, truncation,
                 splicing, encodings, nesting bombs, huge lines) and random bytes: each input
                 loads or raises IngestError, then is tagged and its events extracted;
* ``layout``     axis ticks, clustering and stacking for views anywhere in the calendar;
* ``file_names`` hostile file names (markup, formulas, control characters, very long, bytes
                 that are not UTF-8) through ``load_corpus`` on a folder, then JSON/CSV.

A failure is any exception (IngestError aside, for ``mutations``), any problem the checks
report (a value outside the calendar or the TIMEX3 grammar, a span that starts after it ends,
offsets that do not index the text, a guarded stage that failed, a mention whose offsets do
not give its sentence) or an input slower than ``--limit`` seconds.  Each family gets a share
of the time (the cheap ``sentences`` most; the slow ``mutations`` and ``file_names`` a
little), so a 600 s run tries a few hundred thousand inputs.  Prints one JSON line per
family and a total: ``{"family", "inputs", "failures", "timeouts", "seconds"}``; the first
failures of each family go to stderr, with what was tried.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

import fuzzgen  # noqa: E402  (tests/fuzzgen.py)

from nktimeline.events import extract_events  # noqa: E402
from nktimeline.ingest import IngestError, article_from_bytes  # noqa: E402
from nktimeline.paths import seed_files  # noqa: E402
from nktimeline.temporal import tag  # noqa: E402

HTML = (
    b"<!doctype html><html><head><title>Talks resume in Geneva</title>"
    b'<meta property="article:published_time" content="2021-03-04T10:00:00Z">'
    b"<script>alert(1)</script></head><body><nav><a href='/'>Home</a></nav><article>"
    b"<h1>Talks resume in Geneva</h1><p class='byline'>By Ann Lee</p>"
    b"<p>Negotiators met in Geneva on Tuesday, a week after the summit in Vienna on Feb. 24.</p>"
    b"<p>They will meet again next month, officials said.</p>"
    b"<iframe src='http://example.com/x'></iframe><img src='http://example.com/a.png'>"
    b"</article><footer>Copyright 2021</footer></body></html>"
)

# Share of the run's time per family.
SHARES = {"sentences": 0.4, "articles": 0.2, "corpora": 0.1, "mutations": 0.17}
SHARES |= {"layout": 0.05, "file_names": 0.08}


class Timeout(BaseException):  # not an Exception: the pipeline guard must not catch it
    pass


def _alarm(_sig, _frm):
    raise Timeout()


def mutate(rng: random.Random, corpus: list[bytes]) -> bytes:
    data = bytearray(rng.choice(corpus))
    op = rng.randrange(9)
    if op == 0 and data:
        for _ in range(rng.randrange(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif op == 1:
        data = data[: rng.randrange(len(data) + 1)]
    elif op == 2:
        other = rng.choice(corpus)
        cut = rng.randrange(len(data) + 1)
        data = data[:cut] + other[rng.randrange(len(other) + 1) :]
    elif op == 3:
        enc = rng.choice(["utf-16", "cp949", "cp1252", "latin-1", "utf-8-sig"])
        data = bytearray(data.decode("utf-8", "replace").encode(enc, "replace"))
    elif op == 4:
        depth = rng.randrange(100, 20000)
        data = bytearray(
            b"<html><body>" + b"<div>" * depth + bytes(data[:2000]) + b"</div>" * depth
        )
    elif op == 5:
        data = bytearray(data.replace(b"\n", b" ") * rng.randrange(1, 40))
    elif op == 6:
        data = bytearray(rng.randbytes(rng.randrange(1, 5000)))
    elif op == 7:
        data = bytearray(b"\x00".join(bytes(data).split(b" ")[: rng.randrange(1, 400)]))
    else:
        words = bytes(data).split()
        rng.shuffle(words)
        data = bytearray(b" ".join(words))
    return bytes(data)


def _families(rng: random.Random, g: fuzzgen.Grammar, folder: str) -> dict[str, Callable]:
    corpus = [p.read_bytes() for p in seed_files()] + [HTML]

    def run_mutate(_g: fuzzgen.Grammar) -> tuple[str, list[str]]:
        data = mutate(rng, corpus)
        what = f"{len(data)} bytes: {data[:200]!r}"
        try:
            art = article_from_bytes(data, "fuzz.txt")
        except IngestError:
            return what, []
        problems = fuzzgen.check_timexes(art.body, tag(art.body, art.published.value))
        extract_events([art])
        return what, problems

    return {
        "sentences": fuzzgen.run_sentence,
        "articles": fuzzgen.run_article,
        "corpora": fuzzgen.run_corpus,
        "mutations": run_mutate,
        "layout": fuzzgen.run_layout,
        "file_names": lambda g: fuzzgen.run_files(g, folder),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=10.0, help="seconds allowed per input")
    ap.add_argument("--only", default="", help="comma-separated families (default: all)")
    ap.add_argument("--show", type=int, default=3, help="failures printed per family")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    g = fuzzgen.Grammar(random.Random(args.seed + 1))
    with tempfile.TemporaryDirectory(prefix="nktimeline-fuzz-") as folder:
        fams = _families(rng, g, folder)
        names = [n for n in args.only.split(",") if n] or list(SHARES)
        stats = {n: {"inputs": 0, "failures": 0, "timeouts": 0, "seconds": 0.0} for n in names}
        signal.signal(signal.SIGALRM, _alarm)
        t_end = time.monotonic() + args.seconds
        t0 = time.perf_counter()
        while time.monotonic() < t_end:
            # the family furthest behind its share of the time so far
            name = min(names, key=lambda n: stats[n]["seconds"] / SHARES[n])
            st = stats[name]
            st["inputs"] += 1
            what = "?"
            t1 = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.limit)
            try:
                what, problems = fams[name](g)
            except Timeout:
                st["timeouts"] += 1
                problems = [f"slower than {args.limit} s"]
            except Exception:
                problems = [traceback.format_exc()]
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            st["seconds"] += time.perf_counter() - t1
            if problems:
                st["failures"] += 1
                if st["failures"] <= args.show:
                    print(f"{name} failure (input {st['inputs']}): {what[:2000]}", file=sys.stderr)
                    for p in problems[:5]:
                        print(f"    {p}", file=sys.stderr)
    total = {"family": "total", "inputs": 0, "failures": 0, "timeouts": 0}
    for name, st in stats.items():
        for k in ("inputs", "failures", "timeouts"):
            total[k] += st[k]
        print(json.dumps({"family": name, **st, "seconds": round(st["seconds"], 1)}))
    total["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(total))
    return 0 if total["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
