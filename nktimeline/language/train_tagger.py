"""Train the part-of-speech tagger on UD English EWT and write ``resources/language/``.

    python -m nktimeline.language.train_tagger --data ../shared/data/ud-english-ewt \\
        --out resources/language/tagger.json.gz

A greedy averaged perceptron (Collins 2002; the design of Honnibal's "A good POS tagger in
about 200 lines of Python"): the features of :mod:`nktimeline.language.features`, Penn
Treebank tags from the XPOS column, a tag dictionary for frequent unambiguous words, and
for every word a set of candidate tags (those seen with it in training; for a rare word,
those of rare words with the same ending) so that only plausible tags are scored.  Features
seen once in training are left out.  News names people and places the web-text treebank
never saw, so copies of the sentences with made-up names in place of some proper nouns are
added (``with_new_names``).  Deterministic: a fixed seed shuffles the sentences and makes
the names, a fixed number of iterations; the output is byte-identical between runs (sorted
keys, gzip without a time stamp).

Writes the model (``--out``), and beside it ``verb_lemmas.json`` (verb lemmas of the
treebank, used by the lemmatizer).  The treebank itself is never copied.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from nktimeline.language.features import (
    START_TAGS,
    ambiguity_class,
    candidate_tags,
    normal,
    static_features,
    suffix_key,
    tag_context,
    tag_word,
)
from nktimeline.language.morphology import irregular_past_forms
from nktimeline.language.tagger import FORMAT
from nktimeline.language.treebank import TreebankToken, find_split, read_conllu

SEED = 13
ITERATIONS = 8
SCALE = 1000  # weights are stored as integers in thousandths
PRUNE = 0.05  # averaged weights smaller than this (absolute) are dropped
TAGDICT_MIN_COUNT = 20
TAGDICT_MIN_SHARE = 0.97
KNOWN_MIN_COUNT = 10  # words seen this often are tagged among the tags seen with them
CLASS_MIN_COUNT = 3  # the tags of words seen this often are a feature
OPEN_MIN_SHARE = 0.002  # open-class tags: those of at least this share of rare words
SUFFIX_MIN_COUNT = 30  # endings seen this often with rare words restrict an unknown word's tags
SUFFIX_MIN_SHARE = 0.003  # ... to the tags of at least this share of them
# A word seen as one of these is also allowed the others (the treebank is small).
SIBLINGS = (("VBD", "VBN"), ("VB", "VBP"), ("NN", "NNP"), ("NNS", "NNPS"), ("JJ", "NNP"))
UPOS_LEX_MIN_COUNT = 5
MIN_FEATURE_COUNT = 2  # features seen less often in training are not used
NAME_SHARE = 0.5  # share of proper nouns replaced by made-up names in the extra copies


def _tagdict(sents: list[list[TreebankToken]]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sents:
        for t in s:
            counts[t.form][t.xpos] += 1
    out = {}
    for word, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= TAGDICT_MIN_COUNT and n / total >= TAGDICT_MIN_SHARE:
            out[word] = tag
    return out


def _candidates(
    sents: list[list[TreebankToken]],
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], list[str], list[str]]:
    """(tags of known words, tags of less frequent words, tags of rare words by ending,
    open-class tags, tags of unknown symbols).  Known words are tagged among their tags;
    the tags of less frequent words are only a feature (their ambiguity class); an unknown
    word is tagged among the tags of rare words with its ending."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sents:
        for t in s:
            seen[normal(t.form)][t.xpos] += 1
    known = {}
    less = {}
    rare: Counter[str] = Counter()
    by_suffix: dict[str, Counter[str]] = defaultdict(Counter)
    symbols: Counter[str] = Counter()
    for word, tags in seen.items():
        total = sum(tags.values())
        allowed = set(tags)
        for group in SIBLINGS:
            if allowed & set(group):
                allowed |= set(group)
        if total >= KNOWN_MIN_COUNT:
            known[word] = sorted(allowed)
            continue
        if total >= CLASS_MIN_COUNT:
            less[word] = sorted(allowed)
        if any(c.isalnum() for c in word):
            rare.update(tags)
            by_suffix[suffix_key(word)].update(tags)
        else:
            symbols.update(tags)
    n_rare = sum(rare.values())
    open_tags = sorted(t for t, n in rare.items() if n / n_rare >= OPEN_MIN_SHARE)
    n_sym = sum(symbols.values())
    symbol_tags = sorted(t for t, n in symbols.items() if n / n_sym >= OPEN_MIN_SHARE)
    suffix_tags = {}
    for suf, tags in by_suffix.items():
        total = sum(tags.values())
        if total >= SUFFIX_MIN_COUNT:
            allowed = {t for t, n in tags.items() if n / total >= SUFFIX_MIN_SHARE}
            for group in SIBLINGS:
                if allowed & set(group):
                    allowed |= set(group)
            suffix_tags[suf] = sorted(allowed & set(open_tags))
    return known, less, suffix_tags, open_tags, symbol_tags


_ONSETS = ("b", "ch", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "sh", "t",
           "v", "w", "y", "z", "br", "kr", "st", "tr", "")  # fmt: skip
_NUCLEI = ("a", "e", "i", "o", "u", "ae", "ai", "eo", "ou", "ya", "yeo", "oo")
_CODAS = ("", "", "", "n", "ng", "r", "l", "m", "s", "d", "k", "t", "ed", "ing", "er", "es")


def _synthetic_name(rng: random.Random) -> str:
    """A made-up name ("Toreng", "Kaeshud-Vimo", "Brayo-3"): unknown to the treebank."""

    def part() -> str:
        sylls = [rng.choice(_ONSETS) + rng.choice(_NUCLEI) for _ in range(rng.randint(1, 3))]
        return ("".join(sylls) + rng.choice(_CODAS)).capitalize()

    r = rng.random()
    if r < 0.3:
        return part() + "-" + part()
    if r < 0.4:
        return part() + "-" + str(rng.randint(1, 12))
    return part()


def with_new_names(sents: list[list[TreebankToken]], seed: int = SEED) -> list[list[TreebankToken]]:
    """Copies of the sentences that name someone, with made-up names in place of (some of)
    their proper nouns.  News names people and places the web-text treebank never saw
    (Bankman-Fried, Yeonpyeong, Chandrayaan-3); the copies teach the tagger that an unknown
    capitalised word is a name whatever its ending."""
    rng = random.Random(seed)
    out = []
    for s in sents:
        if not any(t.xpos == "NNP" for t in s):
            continue
        copy = []
        for t in s:
            if t.xpos == "NNP" and t.form[:1].isupper() and rng.random() < NAME_SHARE:
                name = _synthetic_name(rng)
                copy.append(TreebankToken(name, "NNP", "PROPN", name))
            else:
                copy.append(t)
        out.append(copy)
    return out


class _Perceptron:
    """Averaged perceptron over integer feature ids and tag indices."""

    def __init__(self) -> None:
        self.weights: dict[int, dict[int, float]] = {}
        self.totals: dict[tuple[int, int], float] = defaultdict(float)
        self.stamps: dict[tuple[int, int], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: list[int], cands: tuple[int, ...]) -> int:
        scores = dict.fromkeys(cands, 0.0)
        weights = self.weights
        for f in feats:
            wf = weights.get(f)
            if wf:
                for k, v in wf.items():
                    if k in scores:
                        scores[k] += v
        best, best_k = -1e300, cands[0]
        for k in cands:  # ascending tag index, first maximum: as the tagger does
            if scores[k] > best:
                best, best_k = scores[k], k
        return best_k

    def update(self, truth: int, guess: int, feats: list[int]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            wf = self.weights.setdefault(f, {})
            for k, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, k)
                w = wf.get(k, 0.0)
                self.totals[key] += (self.i - self.stamps[key]) * w
                self.stamps[key] = self.i
                wf[k] = w + delta

    def averaged(self) -> dict[int, dict[int, float]]:
        out: dict[int, dict[int, float]] = {}
        for f, wf in self.weights.items():
            for k, w in wf.items():
                key = (f, k)
                total = self.totals[key] + (self.i - self.stamps[key]) * w
                out.setdefault(f, {})[k] = total / self.i
        return out


def train(sents: list[list[TreebankToken]], iterations: int = ITERATIONS, log=print) -> dict:
    """The model (a JSON-ready dict) trained on ``sents``."""
    # every tag seen, and those the candidate sets may add (names, siblings)
    tags = sorted(
        {t.xpos for s in sents for t in s} | {"NNP", "NNPS", "VBD", "VBN"} | set(sum(SIBLINGS, ()))
    )
    index = {t: i for i, t in enumerate(tags)}
    tagdict = _tagdict(sents)
    known, less, suffix_tags, open_tags, symbol_tags = _candidates(sents)
    known_idx = {w: tuple(index[t] for t in ts) for w, ts in known.items()}
    known_str = {w: " ".join(ts) for w, ts in known.items()}
    less_str = {w: " ".join(ts) for w, ts in less.items()}
    classes = {**less_str, **known_str}
    open_idx = tuple(index[t] for t in open_tags)
    symbol_idx = tuple(index[t] for t in symbol_tags)
    proper = (index["NNP"], index["NNPS"])
    suffix_idx = {k: tuple(index[t] for t in ts) for k, ts in suffix_tags.items()}

    past_forms = irregular_past_forms()
    past = (index["VBD"], index["VBN"])

    def candidates(word: str) -> tuple[int, ...]:
        return candidate_tags(
            word, known_idx, suffix_idx, open_idx, symbol_idx, proper, past_forms, past
        )

    corpus = sents + with_new_names(sents)
    # features seen fewer than MIN_FEATURE_COUNT times are left out (noise, and size)
    counts: Counter[str] = Counter()
    for s in corpus:
        words = [t.form for t in s]
        cls = [ambiguity_class(w, tagdict, classes, past_forms) for w in words]
        for token_feats in static_features(words, cls):
            counts.update(token_feats)
        prev = START_TAGS[0]
        for t in s:
            counts[tag_word(prev, t.form)] += 1
            prev = t.xpos
    vocab: dict[str, int] = {}
    for f, c in counts.items():
        if c >= MIN_FEATURE_COUNT:
            vocab[f] = len(vocab)
    del counts
    data = []
    for s in corpus:
        words = [t.form for t in s]
        cls = [ambiguity_class(w, tagdict, classes, past_forms) for w in words]
        feats = [[vocab[f] for f in fs if f in vocab] for fs in static_features(words, cls)]
        data.append((words, [index[t.xpos] for t in s], feats, [candidates(w) for w in words]))
    ids = vocab.setdefault
    ctx_tags = [*tags, *START_TAGS]
    ctx = {
        (p1, p2): [ids(f, len(vocab)) for f in tag_context(p1, p2)]
        for p1 in ctx_tags
        for p2 in ctx_tags
    }
    model = _Perceptron()
    rng = random.Random(SEED)
    order = list(range(len(data)))
    for it in range(iterations):
        t0 = time.perf_counter()
        correct = total = 0
        for si in order:
            words, gold, feats, cands = data[si]
            p2, p1 = START_TAGS[1], START_TAGS[0]
            for i, w in enumerate(words):
                fixed = tagdict.get(w)
                if fixed is not None:
                    guess = index[fixed]
                else:
                    fs = feats[i] + ctx[(p1, p2)]
                    tw = vocab.get(tag_word(p1, w))
                    if tw is not None:
                        fs.append(tw)
                    guess = model.predict(fs, cands[i])
                    model.update(gold[i], guess, fs)
                p2, p1 = p1, tags[guess]
                correct += guess == gold[i]
                total += 1
        rng.shuffle(order)
        seconds = time.perf_counter() - t0
        log(f"iteration {it + 1}: {correct / total:.4f} on train ({seconds:.1f} s)")

    names = {i: f for f, i in vocab.items()}
    weights = {}
    largest = 0
    for fid, wf in model.averaged().items():
        flat: list[int] = []
        for k in sorted(wf):
            scaled = round(wf[k] * SCALE)
            if abs(wf[k]) >= PRUNE and scaled:
                flat += [k, scaled]
        if flat:
            # "tag,weight,tag,weight": a string loads several times faster than a list
            weights[names[fid]] = ",".join(map(str, flat))
            largest = max(largest, *map(abs, flat[1::2]))
    if largest * 64 >= 2**31:  # the tagger packs a token's scores in 32-bit fields
        raise ValueError(f"weights too large for the tagger's 32-bit score fields: {largest}")
    return {
        "format": FORMAT,
        "source": "UD English EWT (Universal Dependencies), train split, XPOS column",
        "license": "CC BY-SA 4.0",
        "tags": tags,
        "scale": SCALE,
        "tagdict": tagdict,
        "known": known_str,
        "less_known": less_str,
        "open": open_tags,
        "suffixes": {k: " ".join(ts) for k, ts in sorted(suffix_tags.items())},
        "symbols": symbol_tags,
        "upos_lexical": _upos_lexical(sents),
        "weights": weights,
    }


def _upos_lexical(sents: list[list[TreebankToken]]) -> dict[str, str]:
    """UPOS of (XPOS, word) pairs whose usual UPOS differs from the fixed Penn->UPOS map."""
    from nktimeline.language.tagger import upos_map

    fixed = upos_map()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sents:
        for t in s:
            counts[f"{t.xpos} {t.form.lower()}"][t.upos] += 1
    out = {}
    for key, c in counts.items():
        upos, n = c.most_common(1)[0]
        if n >= UPOS_LEX_MIN_COUNT and upos != fixed.get(key.split(" ", 1)[0]):
            out[key] = upos
    return out


def verb_lemmas(sents: list[list[TreebankToken]]) -> list[str]:
    """Lemmas of verbs in the treebank (letters only)."""
    out = set()
    for s in sents:
        for t in s:
            if t.xpos.startswith("VB") and t.upos in ("VERB", "AUX") and t.lemma.isalpha():
                out.add(t.lemma.lower())
    return sorted(out)


def write_json_gz(obj: dict, path: Path) -> None:
    raw = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    path.write_bytes(buf.getvalue())


def write_lemmas(lemmas: list[str], path: Path) -> None:
    lines = []
    line: list[str] = []
    for w in lemmas:
        line.append(json.dumps(w))
        if len(line) == 12:
            lines.append("    " + ", ".join(line))
            line = []
    if line:
        lines.append("    " + ", ".join(line))
    body = ",\n".join(lines)
    path.write_text(
        "{\n"
        '  "_source": "verb lemmas of UD English EWT (train split), CC BY-SA 4.0; written by '
        'nktimeline.language.train_tagger",\n'
        f'  "lemmas": [\n{body}\n  ]\n}}\n',
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data/ud-english-ewt", help="treebank folder")
    ap.add_argument("--out", default="resources/language/tagger.json.gz")
    ap.add_argument("--iterations", type=int, default=ITERATIONS)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    sents = list(read_conllu(find_split(args.data, "train")))
    print(f"{len(sents)} sentences, {sum(map(len, sents))} tokens", file=sys.stderr)
    model = train(sents, args.iterations, log=lambda m: print(m, file=sys.stderr))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_json_gz(model, out)
    write_lemmas(verb_lemmas(sents), out.parent / "verb_lemmas.json")
    print(
        f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(model['weights'])} features) "
        f"in {time.perf_counter() - t0:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
