"""A small rule-based verb lemmatizer and its inverse for titles.

``lemma("fled", "VBD") == "flee"``, ``lemma("filed", "VBD") == "file"``,
``present_3sg("carry") == "carries"``.  Irregular verbs, verbs that double a final *l*,
and the treebank's clitic forms are data (``resources/language/verbs.json``).  Regular
forms are undone by suffix rules; when a rule has several readings ("filed": *fil* or
*file*?) the one that is a known verb wins (``resources/language/verb_lemmas.json``, the
verb lemmas of UD English EWT, written by ``train_tagger``), otherwise English spelling
habits decide.
"""

from __future__ import annotations

from functools import cache, lru_cache

from nktimeline.paths import load_json, resource

_VOWELS = frozenset("aeiou")
_MODAL_CLITICS = {"'d": "would", "'ll": "will", "wo": "will", "ca": "can", "sha": "shall"}
# stem endings that take a silent e back ("negotiat-ed" -> "negotiate")
_E_ENDINGS = (
    "at", "iz", "ys", "uc", "bl", "dl", "gl", "kl", "pl", "tl", "zl", "rg", "dg",
    "ang", "eng", "ag", "us", "ir", "ok", "ud", "id", "od", "ut", "ur", "ienc", "anc", "enc",
    "rc", "rs", "ls", "ns", "ps", "rv", "yz", "ac", "ic", "ot",
)  # fmt: skip
_NO_DOUBLE = frozenset("lswxyzhf")


@cache
def _data() -> tuple[dict[str, str], dict[str, str], frozenset[str], dict[str, str], dict]:
    d = load_json("language/verbs.json")
    forms: dict[str, str] = {}
    for lem, irregular in d["irregular"].items():
        for f in irregular:
            forms.setdefault(f, lem)
    return forms, dict(d["third_person"]), frozenset(d["undouble_l"]), d["contractions"], d


@cache
def known_verbs() -> frozenset[str]:
    """Verb lemmas known from the treebank, and verbs of news that it lacks ("resume",
    "indict")."""
    news = load_json("language/verbs.json")["news_verbs"]
    if not resource("language/verb_lemmas.json").is_file():  # before the first training
        return frozenset(news)
    return frozenset(load_json("language/verb_lemmas.json")["lemmas"]) | frozenset(news)


@cache
def irregular_past_forms() -> frozenset[str]:
    """Past tenses and participles of irregular verbs ("sank", "fled", "sunk")."""
    out: set[str] = set()
    for forms in load_json("language/verbs.json")["irregular"].values():
        out.update(f for f in forms[:2] if f.isalpha())
    return frozenset(out)


def _is_cvc(stem: str) -> bool:
    """Consonant-vowel-consonant ending with a single vowel group (Porter's *o)."""
    if len(stem) < 3:
        return False
    c1, v, c2 = stem[-3], stem[-2], stem[-1]
    return c1 not in _VOWELS and v in _VOWELS and c2 not in _VOWELS and c2 not in "wxy"


def _syllables(stem: str) -> int:
    n = 0
    prev = False
    for c in stem:
        v = c in _VOWELS or c == "y"
        if v and not prev:
            n += 1
        prev = v
    return n


def _restore(base: str) -> str:
    """The lemma of a stem left by removing -ed/-ing, by spelling habits alone."""
    _, _, undouble_l, _, _ = _data()
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        if base[-1] == "l":
            return base[:-1] if base[:-1] in undouble_l else base
        if base[-1] not in _NO_DOUBLE:
            return base[:-1]
        return base
    if base.endswith(("v", "iat", "uat")):
        return base + "e"
    if base.endswith(_E_ENDINGS) and not (base[-2] in _VOWELS and base[-3:-2] in _VOWELS):
        return base + "e"
    if _is_cvc(base) and _syllables(base) == 1:
        return base + "e"
    return base


def _candidates(w: str, suffix: str) -> list[str]:
    base = w[: -len(suffix)]
    out = []
    if suffix == "ed" and w.endswith("ied"):
        out += [w[:-3] + "y", w[:-1]]
    if suffix == "ing" and w.endswith("ying"):
        out += [w[:-4] + "ie", base]
    if _is_cvc(base) and _syllables(base) == 1:
        out += [base + "e", base]  # a short vowel would have doubled: hoped -> hope
    else:
        out += [base, base + "e"]
    if len(base) >= 3 and base[-1] == base[-2]:
        out.append(base[:-1])
    return out


@lru_cache(maxsize=50_000)
def lemma(word: str, tag: str = "VB") -> str:
    """Base form of a verb given its Penn Treebank tag (any other word: lower-cased)."""
    w = word.lower().replace("’", "'")
    if tag == "MD":
        return _MODAL_CLITICS.get(w, w)
    if not tag.startswith("VB"):
        return w
    forms, _, _, contractions, irregular = _data()
    if w in contractions:
        return contractions[w]
    lem = forms.get(w)
    if lem is not None and not (tag in ("VB", "VBP") and w in irregular["irregular"]):
        return lem
    known = known_verbs()
    if tag in ("VBD", "VBN") and w.endswith("ed") and len(w) > 3:
        suffix = "ed"
    elif tag == "VBG" and w.endswith("ing") and len(w) > 4:
        suffix = "ing"
    elif tag == "VBZ" and w.endswith("s") and len(w) > 2:
        if w.endswith("ies") and len(w) > 4:
            cands = [w[:-3] + "y", w[:-1]]
        elif w.endswith("es"):
            cands = [w[:-1], w[:-2]]
            if w[:-2].endswith(("ss", "x", "z", "ch", "sh", "o")):
                cands.reverse()
        else:
            cands = [w[:-1]]
        return next((c for c in cands if c in known), cands[0])
    else:
        return w
    cands = _candidates(w, suffix)
    for c in cands:
        if c in known:
            return c
    if suffix == "ed" and w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if suffix == "ing" and w.endswith("ying") and len(w) == 5:
        return w[:-4] + "ie"  # dying, lying, tying
    if suffix == "ed" and w.endswith("eed"):
        return w[:-1]  # agreed, freed
    return _restore(w[: -len(suffix)])


def present_3sg(lemma_: str) -> str:
    """Present-tense third-person singular ("test" -> "tests", "carry" -> "carries",
    "be" -> "is"); in a phrase the first word is inflected ("take part" -> "takes part")."""
    if not lemma_:
        return lemma_
    head, sep, rest = lemma_.partition(" ")
    _, third, _, _, _ = _data()
    low = head.lower()
    if low in third:
        out = third[low]
    elif low.endswith(("s", "x", "z", "ch", "sh", "o")):
        out = low + "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        out = low[:-1] + "ies"
    else:
        out = low + "s"
    if head[:1].isupper():
        out = out[:1].upper() + out[1:]
    return out + sep + rest
