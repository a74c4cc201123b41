"""Instructions per article for ingest + extraction, counted by valgrind (needs valgrind).

    python benchmarks/bench_icount.py [--articles 40]

Prints one JSON line: {"articles", "minstr_per_article"}.  Wall-clock rates on a shared
machine drift by tens of percent from minute to minute; an instruction count does not, so
it tells whether a change made the pipeline cheaper.  The count is the difference between
a run that loads and extracts N synthetic articles and one that loads none (start-up, rule
compilation and one warm-up article are in both).  The string hash seed is fixed: set
iteration order follows it, and with it a few branches, so counts would wander by ~0.2%.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_CHILD = """
import sys
sys.path.insert(0, {repo!r})
from pathlib import Path
from nktimeline.events.extract import extract_events
from nktimeline.ingest.article import load_article
paths = sorted(Path({folder!r}).glob("*.txt"))
extract_events([load_article(paths[-1])])  # warm-up: lazily built rule tables
n = int(sys.argv[1])
if n:
    extract_events([load_article(p) for p in paths[:n]])
"""


def _instructions(script: str, n: int) -> int:
    out = subprocess.run(
        [
            *("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"),
            *(sys.executable, "-c", script, str(n)),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    m = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if m is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    from synth import write_corpus

    folder = Path(tempfile.gettempdir()) / f"nkt_synth_icount_{args.articles + 1}"
    write_corpus(folder, args.articles + 1)
    repo = str(Path(__file__).resolve().parent.parent)
    script = _CHILD.format(repo=repo, folder=str(folder))
    base = _instructions(script, 0)
    full = _instructions(script, args.articles)
    per = (full - base) / args.articles / 1e6
    print(json.dumps({"articles": args.articles, "minstr_per_article": round(per, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
