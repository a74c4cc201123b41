"""How rare a word is in general English: a background inverse document frequency.

Whether two reports share *telling* words ("earthquake", "Varden") or only common ones
("said", "people") cannot be judged from the loaded corpus alone: a corpus of two articles,
or thirty on one story, has no contrast.  The background table counts, for each word
(lower case, lightly stemmed by :func:`key`), the sentences of the UD English EWT treebank
that use it; rarity is ``log(N / (df + 1))``, words never seen there being the rarest.

``python -m nktimeline.language.train_rarity --data ../shared/data/ud-english-ewt`` rebuilds
``resources/language/rarity.json.gz`` (CC BY-SA 4.0, see LICENSE-model.md beside it).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache

from nktimeline.paths import resource

MODEL = "language/rarity.json.gz"
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


def key(word: str) -> str:
    """The form a word is counted under: lower case, no possessive, a light suffix strip
    (enough to meet "shells"/"shelled"/"shelling")."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def words(text: str) -> list[str]:
    """The words of ``text`` as the table counts them (before :func:`key`), in order."""
    return _WORD.findall(text)


def keys(text: str) -> list[str]:
    """The counted forms of the words of ``text`` (in order, repeats kept)."""
    return [key(m.group()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=1)
def _table() -> tuple[int, dict[str, int]]:
    with gzip.open(resource(MODEL), "rb") as fh:
        data = json.loads(fh.read())
    return int(data["sentences"]), dict(data["df"])


def rarity(k: str) -> float:
    """Background rarity of a counted form (see :func:`key`)."""
    n, df = _table()
    return math.log(n / (df.get(k, 0) + 1))
