"""Publication dates, headlines and bylines on real pages (``../shared/eval/real-dev``).

Usage: python benchmarks/pubdate_eval.py [--set PATH] [--verbose] [--no-reference]

Runs the whole pipeline (as ``nktimeline extract`` does) on the set's articles and prints one
JSON line:

- ``right``: publication date inside the gold range, or honestly unknown where the page does
  not print it (``dct_may_be_null``) or has none (``dct: null``; a low-confidence date is
  accepted there, as the set's scorer does);
- ``unknown``: no date where one is printed; ``wrong_day``: a precise day outside the gold
  range (``wrong_day_estimated``: of those, how many came from an estimate);
- ``window``: estimates given as a window, ``window_holds``: windows containing the truth;
- ``title_match``: headlines that agree with the page's URL slug (most outlets build the slug
  from the headline; the URL is in the manifest, the program never sees it), out of
  ``title_checked`` pages whose slug has words at all; ``title_bad``: headlines that are
  a date, a time stamp, an editor's note or a one-word menu item;
- ``byline``: pages with a byline or wire credit found.

The set is read at run time and never copied; when it is absent the line says ``skipped``.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SET = ROOT.parent / "shared" / "eval" / "real-dev"
_STOP = frozenset(
    re.split(
        r"\s+",
        "a an the of in on at to for and or by with from as is are was be has have its it s "
        "html htm php aspx amp news article story index www com",
    )
)


def _lo(s: str) -> dt.date:
    p = [int(x) for x in re.findall(r"\d+", str(s))[:3]]
    return dt.date(p[0], p[1] if len(p) > 1 else 1, p[2] if len(p) > 2 else 1)


def _hi(s: str) -> dt.date:
    p = [int(x) for x in re.findall(r"\d+", str(s))[:3]]
    y, m = p[0], p[1] if len(p) > 1 else 12
    return dt.date(y, m, p[2] if len(p) > 2 else calendar.monthrange(y, m)[1])


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1}


def _slug_words(url: str) -> set[str]:
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower())
    parts = [p for p in re.split(r"[/?#=&]", path) if p]
    best = max(parts, key=lambda p: len(re.findall(r"[a-z]{2,}", p)), default="")
    words = _words(best.replace("-", " ").replace("_", " "))
    return {w for w in words if not w.isdigit()}


_BAD_TITLE = re.compile(
    r"^\s*(?:\(?attn|\d{1,2}:\d{2}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\w+\s+\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}[-./년]\s*\d{1,2})",
    re.I,
)


def title_verdict(title: str, url: str) -> tuple[bool | None, bool]:
    """(agrees with the URL slug, or None when the slug has too few words; looks bad)."""
    bad = bool(_BAD_TITLE.match(title)) or len(title.split()) < 2
    slug = _slug_words(url)
    if len(slug) < 3:
        return None, bad
    got = _words(title)
    overlap = len(slug & got) / len(slug)
    return overlap >= 0.6, bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--verbose", action="store_true", help="print one line per miss")
    ap.add_argument("--no-reference", action="store_true")
    args = ap.parse_args()
    gold_path = args.set / "gold.json"
    if not gold_path.exists():
        print(json.dumps({"bench": "pubdate_eval", "skipped": f"{args.set} not found"}))
        return
    from nktimeline.pipeline import load_corpus

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["sets"]["real-dev"]
    manifest = {
        m["file"]: m for m in json.loads((args.set / "manifest.json").read_text(encoding="utf-8"))
    }
    files = sorted((args.set / "articles").glob("*.txt"))
    t0 = time.perf_counter()
    corpus = load_corpus(files, use_reference=not args.no_reference)
    elapsed = time.perf_counter() - t0
    by_file = {Path(a.path).name: a for a in corpus.articles}
    c = dict.fromkeys(
        (
            "right",
            "unknown",
            "wrong_day",
            "wrong_day_estimated",
            "window",
            "window_holds",
            "title_match",
            "title_checked",
            "title_bad",
            "byline",
        ),
        0,
    )
    for name, g in sorted(gold.items()):
        a = by_file.get(name)
        if a is None:
            print(f"  MISSING {name}", file=sys.stderr)
            continue
        p = a.published
        rng = (_lo(g["dct"][0]), _hi(g["dct"][-1])) if g["dct"] else None
        if p.value is None and p.earliest is not None and p.latest is not None:
            c["window"] += 1
            if rng and p.earliest <= rng[1] and rng[0] <= p.latest:
                c["window_holds"] += 1
        if rng is None:
            ok = p.value is None or p.confidence < 0.5
        elif p.value is None:
            ok = bool(g.get("dct_may_be_null"))
            c["unknown"] += not ok
        else:
            ok = rng[0] <= p.value <= rng[1]
            if not ok:
                c["wrong_day"] += 1
                c["wrong_day_estimated"] += p.source == "inferred"
        c["right"] += ok
        if not ok and args.verbose:
            print(
                f"  DCT {name}: {p.value} [{p.source} {p.confidence:.2f}] {p.raw[:60]!r} "
                f"window {p.earliest}..{p.latest}; want {g['dct']}",
                file=sys.stderr,
            )
        match, bad = title_verdict(a.title, manifest.get(name, {}).get("url", ""))
        c["title_bad"] += bad
        if match is not None:
            c["title_checked"] += 1
            c["title_match"] += match
        if args.verbose and (bad or match is False):
            print(f"  TITLE {name}: {a.title!r}", file=sys.stderr)
        c["byline"] += bool(a.byline or a.publisher)
        if args.verbose and not (a.byline or a.publisher):
            print(f"  BYLINE {name}: none", file=sys.stderr)
    out = {"bench": "pubdate_eval", "documents": len(gold), **c, "seconds": round(elapsed, 2)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
