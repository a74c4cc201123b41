"""Dated events on real news, scored by each evaluation set's own scorer.

    python benchmarks/dated_events_eval.py [--shared ../shared/eval]

Runs ``nktimeline extract --format json`` on ``semeval2015-trial/articles`` and
``real-dev/articles`` (each skipped when absent), feeds the output to the set's
``score.py`` and prints one JSON line per set:

* ``semeval2015-trial``: the scorer's own JSON line (``recall``, ``precision``, ``hit``,
  ``pairs``, ``events`` ...), plus ``seconds``;
* ``real-dev``: ``must_recall``, ``date_precision``, ``forbidden``, ``dct``, ``merges``
  (read from the scorer's summary line), plus ``seconds``.

Issue 13's targets: SemEval recall >= 0.60 at precision >= 0.85; real-dev must-recall
>= 0.85, date precision >= 0.90, merges >= 20 of 28, forbidden 0.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_REAL = re.compile(
    r"must-recall (\d+)/(\d+) = [\d.]+; date-precision (\d+)/(\d+) = [\d.]+; forbidden (\d+);"
    r" dct (\d+)/(\d+); merges (\d+)/(\d+)"
)


def _extract(articles: Path, out: Path) -> float:
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run(
            [sys.executable, "-m", "nktimeline", "extract", "--format", "json", str(articles)],
            check=True,
            stdout=fh,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
    return round(time.perf_counter() - t0, 2)


def _score(scorer: Path, out: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(scorer), str(out)], check=True, capture_output=True, text=True
    )
    return done.stdout


def _run(base: Path, name: str, tmp: Path) -> tuple[str, float] | None:
    """The set's scorer output on this program's extraction, and the extraction's seconds
    (None when the set is absent)."""
    here = base / name
    if not (here / "articles").is_dir() or not (here / "score.py").is_file():
        return None
    out = tmp / f"{name}.json"
    seconds = _extract(here / "articles", out)
    return _score(here / "score.py", out), seconds


def semeval(base: Path, tmp: Path) -> dict | None:
    got = _run(base, "semeval2015-trial", tmp)
    if got is None:
        return None
    text, seconds = got
    return {
        "set": "semeval2015-trial",
        **json.loads(text.strip().splitlines()[-1]),
        "seconds": seconds,
    }


def real_dev(base: Path, tmp: Path) -> dict | None:
    got = _run(base, "real-dev", tmp)
    if got is None:
        return None
    text, seconds = got
    m = _REAL.search(text)
    if m is None:
        return {"set": "real-dev", "error": "unreadable scorer output", "seconds": seconds}
    must, must_n, prec, prec_n, forb, dct, dct_n, merges, merges_n = map(int, m.groups())
    return {
        "set": "real-dev",
        "must_recall": round(must / max(must_n, 1), 3),
        "must": [must, must_n],
        "date_precision": round(prec / max(prec_n, 1), 3),
        "dated": [prec, prec_n],
        "forbidden": forb,
        "dct": [dct, dct_n],
        "merges": [merges, merges_n],
        "seconds": seconds,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "eval"))
    args = ap.parse_args()
    base = Path(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        for run in (semeval, real_dev):
            row = run(base, Path(tmp))
            if row is None:
                print(json.dumps({"set": run.__name__, "skipped": "set not found"}))
            else:
                print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
