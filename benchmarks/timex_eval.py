"""Evaluate the temporal tagger on TimeML (.tml) files.

Usage: ``python benchmarks/timex_eval.py [PATH] [--errors] [--limit N]``

PATH defaults to ``../shared/eval/timebank`` relative to the repository root.  For every
document the tags inside ``<TEXT>`` are stripped (gold character offsets kept), the tagger
runs on the plain text anchored at the ``<DCT>`` value, and spans are compared:

* strict: identical (start, end);  relaxed: overlapping spans (one-to-one);
* value: relaxed matches whose TIMEX3 ``value`` string equals the gold value.

Precision is over system timexes, recall over gold timexes.  Speed is total text characters
divided by total ``tag`` time in this single process, measured after one warm-up pass; the
corpus is tagged ``--repeat`` times (default 3) and the fastest pass is reported (wall clock;
CPU time of the same pass is printed too), so a busy machine does not distort the figure.
Prints a table and, last, one JSON line with the numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nktimeline.temporal import tag  # noqa: E402

_MARKUP = re.compile(r"<(/?)(\w+)([^>]*)>|&#?\w+;")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_tml(raw: str) -> tuple[str, dt.date | None, list[tuple[int, int, str, str]]]:
    """Return (plain text, DCT, gold [(start, end, type, value)]) of one TimeML document."""
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        attrs = dict(_ATTR.findall(m.group(1)))
        try:
            dct = dt.date.fromisoformat(attrs.get("value", "")[:10])
        except ValueError:
            dct = None
    a, b = raw.find("<TEXT>"), raw.find("</TEXT>")
    body = raw[a + len("<TEXT>") : b] if a >= 0 and b > a else ""
    out: list[str] = []
    pos = 0
    length = 0
    gold: list[tuple[int, int, str, str]] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for mk in _MARKUP.finditer(body):
        chunk = body[pos : mk.start()]
        out.append(chunk)
        length += len(chunk)
        pos = mk.end()
        tok = mk.group(0)
        if tok.startswith("&"):
            ch = html.unescape(tok)
            out.append(ch)
            length += len(ch)
            continue
        if mk.group(2) != "TIMEX3":
            continue
        if mk.group(1):
            if open_timex is not None and length > open_timex[0]:
                at = open_timex[1]
                gold.append((open_timex[0], length, at.get("type", ""), at.get("value", "")))
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(mk.group(3))))
    out.append(body[pos:])
    return "".join(out), dct, gold


def match(sys_spans, gold):
    """One-to-one matching; returns (strict, relaxed, value, pairs)."""
    used: set[int] = set()
    strict = relaxed = value = 0
    pairs = []
    by_span = {(t.start, t.end): i for i, t in enumerate(sys_spans)}
    # exact matches first so a relaxed pairing never steals them
    assigned: dict[int, int] = {}
    for gi, (gs, ge, _gt, _gv) in enumerate(gold):
        si = by_span.get((gs, ge))
        if si is not None and si not in used:
            used.add(si)
            assigned[gi] = si
    for gi, (gs, ge, _gt, _gv) in enumerate(gold):
        if gi in assigned:
            continue
        for si, t in enumerate(sys_spans):
            if si not in used and t.start < ge and gs < t.end:
                used.add(si)
                assigned[gi] = si
                break
    for gi, si in assigned.items():
        gs, ge, _gt, gv = gold[gi]
        t = sys_spans[si]
        relaxed += 1
        if (t.start, t.end) == (gs, ge):
            strict += 1
        if t.value == gv:
            value += 1
        pairs.append((gi, si))
    return strict, relaxed, value, pairs, used


def prf(hit: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = hit / n_sys if n_sys else 0.0
    r = hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _ctx(text: str, s: int, e: int, w: int = 45) -> str:
    left = text[max(0, s - w) : s].replace("\n", " ")
    right = text[e : e + w].replace("\n", " ")
    return f"...{left}[[{text[s:e]}]]{right}..."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(ROOT / ".." / "shared" / "eval" / "timebank"))
    ap.add_argument("--errors", action="store_true", help="print false positives/negatives")
    ap.add_argument("--values", action="store_true", help="print value mismatches")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes (fastest reported)")
    args = ap.parse_args(argv)
    folder = Path(args.path)
    files = sorted(folder.glob("*.tml")) if folder.is_dir() else []
    if not files:
        print(f"skipped: {folder} not found (or holds no .tml files)")
        return 0
    if args.limit:
        files = files[: args.limit]
    docs = [(f.name, *parse_tml(f.read_text(encoding="utf-8"))) for f in files]

    for _name, text, dct, _gold in docs:  # warm-up (regex compilation, resource loading)
        tag(text, dct)
    total_time = cpu_time = float("inf")
    results: list = []
    for _ in range(max(1, args.repeat)):
        wall = cpu = 0.0
        results = []
        for _name, text, dct, _gold in docs:
            t0, c0 = time.perf_counter(), time.process_time()
            timexes = tag(text, dct)
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
            results.append(timexes)
        if wall < total_time:
            total_time, cpu_time = wall, cpu

    n_sys = n_gold = strict = relaxed = value = 0
    chars = 0
    for (name, text, _dct, gold), timexes in zip(docs, results, strict=True):
        chars += len(text)
        s, r, v, pairs, used = match(timexes, gold)
        n_sys += len(timexes)
        n_gold += len(gold)
        strict += s
        relaxed += r
        value += v
        if args.errors or args.values:
            matched_gold = {gi for gi, _ in pairs}
            if args.errors:
                for gi, g in enumerate(gold):
                    if gi not in matched_gold:
                        print(f"FN {name} {g[2]} {g[3]:<14} {_ctx(text, g[0], g[1])}")
                for si, t in enumerate(timexes):
                    if si not in used:
                        print(f"FP {name} {t.type} {t.value:<14} {_ctx(text, t.start, t.end)}")
            for gi, si in pairs:
                g, t = gold[gi], timexes[si]
                if args.values and g[3] != t.value:
                    print(
                        f"VAL {name} gold={g[3]} sys={t.value} gold_text={text[g[0] : g[1]]!r} "
                        f"{_ctx(text, t.start, t.end)}"
                    )
                elif args.errors and (g[0], g[1]) != (t.start, t.end):
                    print(f"SPAN {name} gold={text[g[0] : g[1]]!r} sys={t.text!r}")

    sp, sr, sf = prf(strict, n_sys, n_gold)
    rp, rr, rf = prf(relaxed, n_sys, n_gold)
    vp, vr, vf = prf(value, n_sys, n_gold)
    cps = chars / total_time if total_time else 0.0
    cpu_cps = chars / cpu_time if cpu_time else 0.0
    print(f"documents {len(docs)}  gold {n_gold}  system {n_sys}  characters {chars}")
    print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
    for label, (p, r, f) in (
        ("strict", (sp, sr, sf)),
        ("relaxed", (rp, rr, rf)),
        ("value", (vp, vr, vf)),
    ):
        print(f"{label:10}{p:8.3f}{r:8.3f}{f:8.3f}")
    print(
        f"speed     {cps:,.0f} characters/second ({total_time:.3f} s wall, one process; "
        f"CPU {cpu_cps:,.0f} chars/s)"
    )
    summary = {
        "documents": len(docs),
        "gold": n_gold,
        "system": n_sys,
        "strict": {"p": round(sp, 4), "r": round(sr, 4), "f1": round(sf, 4)},
        "relaxed": {"p": round(rp, 4), "r": round(rr, 4), "f1": round(rf, 4)},
        "value": {"p": round(vp, 4), "r": round(vr, 4), "f1": round(vf, 4)},
        "chars_per_second": round(cps),
        "cpu_chars_per_second": round(cpu_cps),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
