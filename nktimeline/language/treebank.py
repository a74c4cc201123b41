"""Read a CoNLL-U treebank (UD English EWT) as the tokenizer would see its sentences.

UD English EWT splits hyphenated words ("long - rumored", "Al - Zaman"); our tokenizer keeps
them whole, as the Penn Treebank did.  So hyphen-joined tokens (no space on either side of
the hyphen) are joined back into one token whose tag follows Penn Treebank practice: a
compound ending in a participle or adjective is an adjective ("long-rumored", "US-led"),
a number + noun modifier is an adjective ("two-year"), a compound with a proper name is a
proper name ("Al-Zaman", "Chandrayaan-3"), otherwise the last part's tag ("e-mail").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TreebankToken:
    form: str
    xpos: str
    upos: str
    lemma: str


def _joined_tag(xs: list[str]) -> str:
    last = xs[-1]
    if last in ("VBN", "VBG", "VBD", "JJ", "JJR", "JJS") and len(xs) > 1:
        return "JJ"
    if xs[0] == "CD" and last in ("NN", "NNS"):
        return "JJ"
    if any(x in ("NNP", "NNPS") for x in xs) and last in ("NN", "NNP", "NNPS", "CD", "NNS"):
        return "NNPS" if last in ("NNPS", "NNS") else "NNP"
    if last in ("IN", "RP", "DT"):
        return "NN"
    return last


_UPOS_OF_JOINED = {"JJ": "ADJ", "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN"}


def _join_hyphens(rows: list[tuple[str, str, str, str, bool]]) -> list[TreebankToken]:
    """``rows``: (form, xpos, upos, lemma, space_after)."""
    out: list[TreebankToken] = []
    i = 0
    n = len(rows)
    while i < n:
        j = i
        # extend while "word-word" is written without spaces
        while (
            j + 2 < n
            and rows[j + 1][1] == "HYPH"
            and rows[j + 1][0] == "-"
            and not rows[j][4]
            and not rows[j + 1][4]
            and rows[j + 2][0][:1].isalnum()
            and rows[j][0][-1:].isalnum()
        ):
            j += 2
        if j == i:
            form, xpos, upos, lemma, _ = rows[i]
            out.append(TreebankToken(form, xpos, upos, lemma))
        else:
            parts = rows[i : j + 1]
            form = "".join(p[0] for p in parts)
            xpos = _joined_tag([p[1] for p in parts[::2]])
            upos = parts[-1][2] if xpos == parts[-1][1] else _UPOS_OF_JOINED.get(xpos, "X")
            out.append(TreebankToken(form, xpos, upos, form.lower()))
        i = j + 1
    return out


def read_conllu(path: str | Path, join_hyphens: bool = True) -> Iterator[list[TreebankToken]]:
    """Sentences of a CoNLL-U file: word lines only (multiword-token ranges and empty nodes
    are skipped), hyphenated words joined unless ``join_hyphens`` is false."""
    rows: list[tuple[str, str, str, str, bool]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield (
                        _join_hyphens(rows)
                        if join_hyphens
                        else [TreebankToken(r[0], r[1], r[2], r[3]) for r in rows]
                    )
                    rows = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            rows.append((cols[1], cols[4], cols[3], cols[2], "SpaceAfter=No" not in cols[9]))
    if rows:
        yield (
            _join_hyphens(rows)
            if join_hyphens
            else [TreebankToken(r[0], r[1], r[2], r[3]) for r in rows]
        )


def find_split(data: str | Path, split: str) -> Path:
    """``data`` is a CoNLL-U file or a folder holding ``*-ud-{split}.conllu``."""
    p = Path(data)
    if p.is_file():
        return p
    hits = sorted(p.glob(f"*-ud-{split}.conllu"))
    if not hits:
        raise FileNotFoundError(f"no *-ud-{split}.conllu in {p}")
    return hits[0]
