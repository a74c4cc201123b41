"""How fast Cancel takes effect while a large folder is read and extracted in the pool.

    python benchmarks/bench_cancel.py [--articles 2000] [--after 3]

Prints one JSON line: {"articles", "cancel_after_s", "stopped_in_s", "workers"}.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import write_corpus

from nktimeline.pipeline import Cancelled, load_corpus


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--after", type=float, default=3.0, help="seconds before Cancel")
    args = ap.parse_args()
    folder = Path(tempfile.gettempdir()) / f"nkt_synth_{args.articles}"
    write_corpus(folder, args.articles)
    workers = os.cpu_count() or 1
    t0 = time.perf_counter()
    asked: list[float] = []

    def cancelled() -> bool:
        if time.perf_counter() - t0 < args.after:
            return False
        if not asked:
            asked.append(time.perf_counter())
        return True

    with contextlib.suppress(Cancelled):
        load_corpus([folder], workers=workers, cancelled=cancelled)
    stopped = time.perf_counter() - asked[0] if asked else None
    out = {
        "articles": args.articles,
        "cancel_after_s": args.after,
        "stopped_in_s": None if stopped is None else round(stopped, 3),
        "workers": workers,
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
