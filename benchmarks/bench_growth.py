"""Linear time everywhere: growing adversarial inputs through the tagger and the pipeline.

    python benchmarks/bench_growth.py [--sizes 10000,100000,1000000] [--only SHAPE,...]
                                      [--stages tag,ingest,extract] [--limit 120]

Each shape (runs of spelled-out numbers, digit runs, month and weekday runs, "a a a",
whitespace and punctuation runs, one 1 MB line, a 1 MB sentence, nested brackets, many
dates or event words in one sentence, many short lines ...) is repeated up to each size and
timed through

* ``tag``      ``nktimeline.temporal.tag(text, dct)``;
* ``ingest``   ``nktimeline.ingest.article_from_bytes(text.encode(), "x.txt")``;
* ``extract``  ``nktimeline.pipeline.build_corpus([article])`` (sentences, tagging, event
               mentions, merging) on that article.

Prints one JSON line per (shape, size, stage): ``{"shape", "bytes", "stage", "seconds"}``,
then per (shape, stage) the growth ratios ``{"shape", "stage", "r100k_10k", "r1m_100k"}``
(time for the larger input over time for the smaller: ~10 is linear, ~100 quadratic), and
a last line listing the (shape, stage) pairs whose ratio exceeds ``--max-ratio`` (and the
shapes ingest refuses outright, which have no ``extract`` time).  A size
predicted to take longer than ``--limit`` seconds (from the ratio so far) is skipped and
reported as such instead of hanging the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nktimeline.ingest import IngestError, article_from_bytes
from nktimeline.pipeline import build_corpus
from nktimeline.temporal import tag

DCT = dt.date(2019, 10, 10)

SENTENCE = (
    "U.S. President Donald Trump met North Korean leader Kim Jong-un in Hanoi on Feb. 27, "
    "2019, a year after their first summit in Singapore, and the talks resumed last week. "
)


def _nested(n: int) -> str:
    half = max(1, n // 2 - 10)
    return "(" * (half // 2) + '"' * (half // 2) + " talks " + '"' * (half // 2) + ")" * (half // 2)


def _lines(n: int, form: str) -> str:
    """Distinct lines up to ``n`` characters (ingest drops lines repeated verbatim)."""
    out, size, i = [], 0, 0
    while size < n:
        line = form.format(i=i, d=i % 28 + 1, y=1990 + i % 30)
        out.append(line)
        size += len(line)
        i += 1
    return "".join(out)[:n]


# name -> (unit repeated up to the size) or a function of the size
SHAPES: dict[str, str | Callable[[int], str]] = {
    "number_words": "one two three four five six seven eight nine ten ",
    "number_words_hyphen": "twenty-one thirty-two forty-three and a half ",
    "digit_run": "1234567890",
    "separated_digits": "1 2 3 4 5 6 7 8 9 ",
    "digits_commas": "1,2,3,4,5,6,7,8,9,",
    "month_names": "January February March April May June July August September ",
    "month_dots": "Jan. Jan. Jan. Feb. Sept. Dec. ",
    "weekday_run": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday ",
    "a_a_a": "a a a a a a ",
    "the_the": "the the the last the next the ",
    "whitespace": lambda n: "Talks " + " " * (n - 12) + "ended",
    "tabs_newlines": " \t \n \t\n  ",
    "punctuation": "!?.,;:-–—()[]\"'/\\*&^%$#@",
    "dots": ".",
    "hyphens": "-",
    "one_line": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n].replace("\n", " "),
    "no_full_stop": "the talks in Hanoi were held on Monday and ",
    "many_dates": "Jan. 5, 2019, Feb. 6, 2019, March 7 and April 8, 2020, ",
    "many_dates_lines": lambda n: _lines(
        n, "On Jan. {d}, {y} summit number {i} was held in Hanoi, officials said.\n"
    ),
    "event_words": "summit talks meeting visit summit talks ",
    "events_and_dates": "summit in Hanoi on Monday and talks in Singapore on June 12, ",
    "people_places": "Trump Kim Moon Hanoi Singapore Pyongyang ",
    "people_events": "Trump and Kim held a summit in Hanoi on Monday and ",
    "history_names": "the 1950 Korean War and the 1988 Seoul Olympics and ",
    "coordinated": lambda n: (
        "Trump met Kim in Hanoi on Monday"
        + (" and in Singapore on Tuesday and in Hanoi on Friday" * (n // 50 + 1))[: n - 40]
        + "."
    ),
    "capitals": "The Big Red House Of Many Names And Places ",
    "nested": _nested,
    "quotes": '" talks " ',
    "day_before": "the day before ",
    "said_on_monday": "said on Monday that ",
    "ago_chain": "two years ago and three months later ",
    "year_ranges": "1990-91-92-93-94-95-",
    "times": "9:30 a.m. 10 p.m. noon ",
    "short_lines": lambda n: _lines(n, "Talks {i}.\n"),
    "blank_lines": "\n\n",
    "sentences": SENTENCE,
    "non_ascii": "회담 2019년 2월 27일 ſeconds K ",
}


def make(shape: str, n: int) -> str:
    unit = SHAPES[shape]
    if callable(unit):
        return unit(n)
    return (unit * (n // len(unit) + 1))[:n]


def _timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _runner(stage: str, text: str) -> Callable[[], object] | None:
    if stage == "tag":
        return lambda: tag(text, DCT)
    data = text.encode("utf-8")
    if stage == "ingest":

        def ingest() -> object:
            try:
                return article_from_bytes(data, "x.txt")
            except IngestError:
                return None

        return ingest
    try:
        art = article_from_bytes(data, "x.txt")
    except IngestError:
        return None  # refused (empty ...): nothing to extract
    return lambda: build_corpus([art])


def measure(stage: str, text: str) -> float:
    """Seconds for ``stage`` on ``text``: the best of two runs (of five for short timings), each
    on a text of its own (one more leading space), so that no run is served from the
    caches an earlier run filled (the tense of a position, the lower-cased text ...)."""
    best = float("inf")
    for runs in range(5):
        fn = _runner(stage, " " * runs + text)
        if fn is None:
            return float("nan")
        best = min(best, _timed(fn))
        if runs and best >= 0.2:  # (a first run also pays for the memory it first touches)
            break
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--only", default="", help="comma-separated shapes (default: all)")
    ap.add_argument("--stages", default="tag,ingest,extract")
    ap.add_argument("--limit", type=float, default=120.0, help="skip a size predicted slower")
    ap.add_argument("--max-ratio", type=float, default=20.0)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = [s for s in args.only.split(",") if s] or list(SHAPES)
    stages = args.stages.split(",")
    for stage in stages:  # warm-up: rule tables are built lazily
        measure(stage, SENTENCE * 3)
    ratios = []
    refused: list[str] = []
    for shape in shapes:
        for stage in stages:
            if stage == "extract" and _runner(stage, make(shape, sizes[-1])) is None:
                # ingest refuses this text (nothing left once page chrome is dropped)
                print(json.dumps({"shape": shape, "stage": stage, "refused_by_ingest": True}))
                refused.append(f"{shape}/{stage}")
                continue
            times: list[float] = []
            for i, n in enumerate(sizes):
                text = make(shape, n)
                if i >= 1 and times[-1] == times[-1]:  # not NaN
                    predicted = _predict(sizes[: i + 1], times)
                    if predicted > args.limit:
                        row = {"shape": shape, "bytes": len(text.encode()), "stage": stage}
                        print(json.dumps({**row, "skipped": f"predicted {predicted:.0f} s"}))
                        times.append(float("nan"))
                        continue
                secs = measure(stage, text)
                times.append(secs)
                row = {"shape": shape, "bytes": len(text.encode()), "stage": stage}
                print(json.dumps({**row, "seconds": round(secs, 4)}), flush=True)
            r = {"shape": shape, "stage": stage}
            for (a, ta), (b, tb) in zip(
                zip(sizes, times, strict=True), zip(sizes[1:], times[1:], strict=True), strict=False
            ):
                key = f"r{_short(b)}_{_short(a)}"
                r[key] = round(tb / ta, 1) if ta > 0 and tb == tb and ta == ta else None
            ratios.append(r)
            print(json.dumps(r), flush=True)
    worst = [
        r
        for r in ratios
        if any(isinstance(v, float) and v > args.max_ratio for k, v in r.items() if k[0] == "r")
        or any(v is None for k, v in r.items() if k[0] == "r")
    ]
    print(
        json.dumps(
            {
                "super_linear": [f"{r['shape']}/{r['stage']}" for r in worst],
                "refused_by_ingest": refused,
            }
        )
    )
    return 0


def _predict(sizes: list[int], times: list[float]) -> float:
    """Seconds the next size will take: linear growth at best, else as super-linear as
    the last step was."""
    scale = sizes[-1] / sizes[-2]
    if len(times) < 2 or not times[-2] > 0:
        return times[-1] * scale
    excess = (times[-1] / times[-2]) / (sizes[-2] / sizes[-3])
    return times[-1] * scale * max(1.0, excess)


def _short(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


if __name__ == "__main__":
    sys.exit(main())
