"""Longer fuzzing of ingest -> tagger -> extractor than the bounded suite in the tests.

    python benchmarks/fuzz.py --seconds 60 [--seed 1]

Mutates the bundled seeds and synthetic HTML (byte flips, truncation, splicing, encodings,
nesting bombs, huge lines) and random bytes; every input must either load or raise IngestError,
within a per-input time limit.  Prints one JSON line: {"inputs", "loaded", "rejected",
"failures", "timeouts", "seconds"}, plus the first failures on stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nktimeline.events import extract_events
from nktimeline.ingest import IngestError, article_from_bytes
from nktimeline.paths import seed_files
from nktimeline.temporal import tag

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


class Timeout(Exception):
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=10.0, help="seconds allowed per input")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    corpus = [p.read_bytes() for p in seed_files()] + [HTML]
    signal.signal(signal.SIGALRM, _alarm)
    stats = {"inputs": 0, "loaded": 0, "rejected": 0, "failures": 0, "timeouts": 0}
    shown = 0
    t_end = time.monotonic() + args.seconds
    t0 = time.perf_counter()
    while time.monotonic() < t_end:
        data = mutate(rng, corpus)
        stats["inputs"] += 1
        signal.setitimer(signal.ITIMER_REAL, args.limit)
        try:
            art = article_from_bytes(data, f"fuzz-{stats['inputs']}.txt")
            tag(art.body, art.published.value)
            extract_events([art])
            stats["loaded"] += 1
        except IngestError:
            stats["rejected"] += 1
        except Timeout:
            stats["timeouts"] += 1
            print(f"timeout on input {stats['inputs']} ({len(data)} bytes)", file=sys.stderr)
        except Exception:
            stats["failures"] += 1
            if shown < 5:
                shown += 1
                print(
                    f"failure on input {stats['inputs']}:\n{traceback.format_exc()}",
                    file=sys.stderr,
                )
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
