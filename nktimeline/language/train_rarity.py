"""Build the background rarity table (``resources/language/rarity.json.gz``) from UD EWT.

    python -m nktimeline.language.train_rarity --data ../shared/data/ud-english-ewt \
        [--out resources/language/rarity.json.gz]

Counts, over every sentence of the train, dev and test splits, the sentences that use each
word (counted under :func:`nktimeline.language.rarity.key`); words used in a single sentence
are left out (they read as unseen, the rarest).  The output is deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from nktimeline.language.rarity import key
from nktimeline.language.treebank import find_split, read_conllu

MIN_DF = 2


def build(data: str | Path) -> dict[str, object]:
    df: Counter[str] = Counter()
    n = 0
    for split in ("train", "dev", "test"):
        for sent in read_conllu(find_split(data, split)):
            n += 1
            df.update({key(t.form) for t in sent if any(ch.isalpha() for ch in t.form)})
    kept = {w: c for w, c in sorted(df.items()) if c >= MIN_DF}
    return {
        "_doc": "Sentences of UD English EWT (train+dev+test) using each word, counted under "
        "nktimeline.language.rarity.key; words in fewer than 2 sentences left out. "
        "Derived from UD English EWT, CC BY-SA 4.0.",
        "sentences": n,
        "df": kept,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data", required=True, help="UD EWT folder or a .conllu file")
    ap.add_argument("--out", default="resources/language/rarity.json.gz")
    args = ap.parse_args(argv)
    table = build(args.data)
    raw = json.dumps(table, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(args.out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(raw)
    print(json.dumps({"sentences": table["sentences"], "words": len(table["df"])}))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
