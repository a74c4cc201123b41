"""Main-text extraction from real HTML pages (``../shared/eval/article-extraction``).

Usage: python benchmarks/html_eval.py [--set PATH] [--out FILE] [--verbose]

Every page (``html/<id>.html.gz``) goes through ``nktimeline.ingest.article_from_bytes`` exactly as
a file on disk would; the article body is scored against the set's gold ``articleBody`` with the
set's own measure: word tokens (``\\w+``), 4-token shingles counted as multisets, per-page
TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 from the two averages.
A refused page (IngestError) scores as an empty prediction.

Prints one JSON line: {"bench": "html_eval", "pages", "f1", "precision", "recall", "refused",
"ms_per_page"} (CPU time per page, after a warm-up page). ``--out`` also writes
``{id: {"articleBody": ...}}`` in the set's prediction format, so its own ``evaluate.py`` can
check the numbers. The set is read in place, never copied;
when it is absent the line says ``skipped``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SET = ROOT.parent / "shared" / "eval" / "article-extraction"
_WORD = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token windows; a text shorter than n is one (short) shingle, none if empty."""
    tokens = _WORD.findall(text or "")
    if len(tokens) <= n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(gold: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1 so that long pages weigh no more."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision over pages that predicted something, mean recall over pages with gold."""
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def run(set_dir: Path, out: Path | None, verbose: bool) -> dict[str, object]:
    from nktimeline.ingest import IngestError, article_from_bytes

    gold = json.loads((set_dir / "ground-truth.json").read_text(encoding="utf-8"))
    # one page first, so that the libraries' import is not charged to the set's first page
    article_from_bytes(b"<html><body><p>Talks resumed on Monday, officials said.</p></body></html>")
    counts: list[tuple[float, float, float]] = []
    bodies: dict[str, dict[str, str]] = {}
    refused: list[str] = []
    elapsed = 0.0
    for page_id in sorted(gold):
        path = set_dir / "html" / f"{page_id}.html.gz"
        data = gzip.decompress(path.read_bytes())
        t0 = time.process_time()
        try:
            body = article_from_bytes(data, str(path)).body
        except IngestError as exc:
            body = ""
            refused.append(page_id)
            if verbose:
                print(f"refused {page_id}: {exc}", file=sys.stderr)
        elapsed += time.process_time() - t0
        bodies[page_id] = {"articleBody": body}
        c = page_counts(gold[page_id].get("articleBody", ""), body)
        counts.append(c)
        if verbose:
            p, r = _precision(*c), _recall(*c)
            print(f"{page_id}  P {p:.3f}  R {r:.3f}", file=sys.stderr)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    result: dict[str, object] = {"bench": "html_eval", "pages": len(counts)}
    result.update({k: round(v, 4) for k, v in score(counts).items()})
    result["refused"] = len(refused)
    result["ms_per_page"] = round(1000 * elapsed / max(1, len(counts)), 1)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="the article-extraction set")
    ap.add_argument("--out", type=Path, help="also write the bodies as {id: {articleBody}}")
    ap.add_argument("--verbose", action="store_true", help="per-page scores on stderr")
    args = ap.parse_args(argv)
    if not (args.set / "ground-truth.json").is_file():
        print(json.dumps({"bench": "html_eval", "skipped": f"no set at {args.set}"}))
        return 0
    print(json.dumps(run(args.set, args.out, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
