"""Accuracy and speed of the part-of-speech tagger and of ``analyse()``.

Usage: ``python benchmarks/tagger_eval.py [--data PATH] [--repeat N]``

PATH is the UD English EWT folder (or its test ``.conllu`` file); it defaults to
``../shared/data/ud-english-ewt`` relative to the repository root.  Without it the script
prints ``{"skipped": ...}`` and exits 0.

* accuracy: Penn Treebank tags (XPOS) and Universal POS tags (UPOS) on the gold tokens of
  the test split, with hyphenated words joined as the tokenizer keeps them (see
  :mod:`nktimeline.language.treebank`); also XPOS on the treebank's own split tokens, and
  on tokens the model never saw in training;
* speed: tokens per second of tagging (gold tokens; the first pass, when every word is new
  to the tagger's caches, and the best of ``--repeat`` later passes) and of ``analyse()``
  on each sentence's raw text (tokenizer + tagger + chunker + clauses), on the test split
  and on the bundled news articles (``seeds/``); CPU time of this single process;
* model load time (ms): reading ``resources/language/tagger.json.gz`` and building the
  tagger, first and best of three.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nktimeline.language import analyse, load_tagger, tokenize  # noqa: E402
from nktimeline.language.tagger import MODEL  # noqa: E402
from nktimeline.language.treebank import find_split, read_conllu  # noqa: E402
from nktimeline.paths import resource, seeds_dir  # noqa: E402


def _texts(path: Path) -> list[str]:
    """The ``# text =`` line of every sentence."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# text = "):
                out.append(line[9:].rstrip("\n"))
    return out


def _load_ms() -> tuple[float, float]:
    times = []
    for _ in range(3):
        load_tagger.cache_clear()
        t0 = time.perf_counter()
        load_tagger()
        times.append((time.perf_counter() - t0) * 1000)
    return times[0], min(times)


def _rate(n_tokens: int, run, repeat: int) -> tuple[float, float]:
    """(tokens/s of the first pass, best tokens/s of ``repeat`` later passes), CPU time."""
    t0 = time.process_time()
    run(0)
    first = n_tokens / (time.process_time() - t0)
    best = 0.0
    for r in range(repeat):
        t0 = time.process_time()
        run(r + 1)
        best = max(best, n_tokens / (time.process_time() - t0))
    return round(first), round(best)


def _seed_sentences() -> list[tuple[str, int, int]]:
    from nktimeline.events.sentences import split_sentences

    out = []
    for p in sorted(seeds_dir().iterdir()):
        if p.is_file() and not p.name.startswith("."):
            text = p.read_text(encoding="utf-8", errors="replace")
            out += [(text, s.start, s.end) for s in split_sentences(text)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ud-english-ewt"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    try:
        test = find_split(args.data, "test")
    except FileNotFoundError as e:
        print(json.dumps({"skipped": f"no test data: {e}"}))
        return 0

    load_first, load_best = _load_ms()
    tagger = load_tagger()
    sents = list(read_conllu(test))
    forms = [[t.form for t in s] for s in sents]
    n = sum(map(len, forms))

    ok = ok_upos = unknown = ok_unknown = 0
    for s, words in zip(sents, forms, strict=True):
        tags = tagger.tag(words)
        upos = tagger.upos(words, tags)
        for t, tag, u in zip(s, tags, upos, strict=True):
            ok += tag == t.xpos
            ok_upos += u == t.upos
            if not tagger.knows(t.form):
                unknown += 1
                ok_unknown += tag == t.xpos
    split = list(read_conllu(test, join_hyphens=False))
    n_split = sum(map(len, split))
    ok_split = 0
    for s in split:
        ok_split += sum(
            tag == t.xpos for tag, t in zip(tagger.tag([t.form for t in s]), s, strict=True)
        )

    load_tagger.cache_clear()
    tagger = load_tagger()  # empty caches: the first pass meets every word anew
    tag_first, tag_best = _rate(n, lambda r: [tagger.tag(w) for w in forms], args.repeat)

    texts = _texts(test)
    n_raw = sum(len(tokenize(t)) for t in texts)
    # a fresh copy of every text per pass: analyse() keeps recent results
    an_first, an_best = _rate(
        n_raw, lambda r: [analyse(t + " " * (r + 1), 0, len(t)) for t in texts], args.repeat
    )
    seeds = _seed_sentences()
    n_seed = sum(len(tokenize(t, s, e)) for t, s, e in seeds)
    seed_first, seed_best = _rate(
        n_seed,
        lambda r: [analyse(t + " " * (r + 1), s, e) for t, s, e in seeds],
        args.repeat,
    )
    out = {
        "data": str(test),
        "sentences": len(sents),
        "tokens": n,
        "xpos_accuracy": round(ok / n, 4),
        "upos_accuracy": round(ok_upos / n, 4),
        "xpos_accuracy_split_hyphens": round(ok_split / n_split, 4),
        "unknown_tokens": unknown,
        "xpos_accuracy_unknown": round(ok_unknown / max(unknown, 1), 4),
        "tag_tokens_per_s_first_pass": tag_first,
        "tag_tokens_per_s": tag_best,
        "analyse_tokens_per_s_first_pass": an_first,
        "analyse_tokens_per_s": an_best,
        "analyse_seed_tokens": n_seed,
        "analyse_seed_tokens_per_sentence": round(n_seed / max(len(seeds), 1), 1),
        "analyse_seed_tokens_per_s": seed_best,
        "analyse_seed_tokens_per_s_first_pass": seed_first,
        "model_load_ms_first": round(load_first, 1),
        "model_load_ms": round(load_best, 1),
        "model_bytes": resource(MODEL).stat().st_size,
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
