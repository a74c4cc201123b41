"""Cross-article event coreference: the same happening told by different articles.

Greedy merging (``merge.py``) joins a mention to an event when they share a place, named
participants or the same predicate.  Articles on any topic often share none of those
literally ("Uganda declared an Ebola outbreak" / "the outbreak, declared Tuesday by the
health ministry"), yet a reader sees at once that two reports of the same day that share
the story's rare words tell one happening.  This pass joins such events:

* the two events come from disjoint sets of articles (an article's own events stay apart);
* their dates are the same span, overlapping spans no coarser than a week, or a month
  holding the other's day (then with the coarse threshold: more shared words);
* the words of their sentences overlap in what is rare: the shared words' background
  rarity (``nktimeline.language.rarity``: how few sentences of general English use them)
  adds up to the threshold - about two words like "earthquake" or "Varden", never "said",
  "Tuesday" or "people".  (Rarity in the loaded corpus would not do: a corpus on one story
  shares the story's words in every article.)

Pairs are joined best first, and a join never puts two events of one article together, so
an article's distinct events are never collapsed through a third.  No word list is needed
beyond function words; ``resources/events/coref.json`` holds those and the threshold.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from nktimeline.guard import checkpoint
from nktimeline.language.rarity import key, rarity
from nktimeline.language.rarity import words as rarity_words
from nktimeline.paths import load_json

if TYPE_CHECKING:
    from nktimeline.events.merge import Group
    from nktimeline.model import DateValue

FINE = ("day", "week")
SCAN = 8  # mentions of an event whose sentences are read (the first ones suffice)
BUCKET_LIMIT = 400  # events of one day compared pairwise; beyond, only through rare words


@lru_cache(maxsize=1)
def _settings() -> tuple[frozenset[str], float, float, float]:
    data = load_json("events/coref.json")
    stop = frozenset(key(w) for w in data["function_words"])
    return stop, float(data["threshold"]), float(data["coarse"]), float(data["told_alike"])


class _ContentKeys(dict[str, str]):
    """word -> its counted form (``rarity.key``) when that is a content word, else "";
    filled on first look-up, so ``key`` runs once per distinct word, not per occurrence."""

    def __missing__(self, word: str) -> str:
        k = key(word)
        if len(k) < 3 or k in _settings()[0]:
            k = ""
        self[word] = k
        return k


_CONTENT_KEYS = _ContentKeys()


def sentence_words(text: str) -> set[str]:
    """The content words of a sentence, as counted by the rarity table (lower case,
    lightly stemmed), without function and calendar words."""
    # (``rarity.keys`` is ``key`` of every one of ``rarity.words``)
    out = set(map(_CONTENT_KEYS.__getitem__, rarity_words(text)))
    out.discard("")
    return out


def words_of(g: Group, memo: dict[int, set[str]] | None = None) -> frozenset[str]:
    """The content words of an event's mention sentences and headline mentions.  ``memo``
    (keyed by sentence object, for one pass over one corpus) reads each sentence once."""
    out: set[str] = set()
    for c in g.cands[:SCAN]:
        if memo is None:
            out |= sentence_words(c.sentence.text)
            continue
        got = memo.get(id(c.sentence))
        if got is None:
            got = memo[id(c.sentence)] = sentence_words(c.sentence.text)
        out |= got
    return frozenset(out)


def idf_over(per_article: dict[str, set[str]]) -> dict[str, float]:
    """log(N / df), df counted over articles."""
    n = len(per_article) + 1
    df: dict[str, int] = {}
    for ws in per_article.values():
        for w in ws:
            df[w] = df.get(w, 0) + 1
    return {w: math.log(n / k) for w, k in df.items()}


def told_alike_threshold() -> float:
    """The corpus-idf sum a mention of an undated page must share with a dated event."""
    return _settings()[3]


def _compatible(a: Group, b: Group) -> str | None:
    """ "fine" for the same day or overlapping fine dates, "coarse" for the same coarse span
    or a month that holds the other's day ("in June 2016" / "on 23 June 2016"), else None."""
    da, db = a.date, b.date
    if da is None or db is None:
        return None
    if (da.start, da.end) == (db.start, db.end):
        return "fine" if da.granularity in FINE else "coarse"
    if da.granularity in FINE and db.granularity in FINE:
        return "fine" if da.start <= db.end and db.start <= da.end else None
    for outer, inner in ((da, db), (db, da)):
        if (
            outer.granularity == "month"
            and inner.granularity in FINE
            and outer.start <= inner.start
            and inner.end <= outer.end
        ):
            return "coarse"
    return None


def _buckets(groups: list[Group]) -> dict[object, list[int]]:
    """Events by the days their (fine) date covers, or by their exact coarse span."""
    out: dict[object, list[int]] = {}
    for i, g in enumerate(groups):
        d = g.date
        if d is None:
            continue
        if d.granularity in FINE and (d.end - d.start).days <= 7:
            n = (d.end - d.start).days
            for k in range(n + 1):
                out.setdefault(d.start.toordinal() + k, []).append(i)
            # and the month it lies in, to meet a report dated by that month
            out.setdefault(("month", d.start.year, d.start.month), []).append(i)
        elif d.granularity == "month":
            out.setdefault(("month", d.start.year, d.start.month), []).append(i)
        else:
            out.setdefault((d.start, d.end), []).append(i)
    return out


def _weights(words: list[frozenset[str]]) -> dict[str, float]:
    """How telling each word is: its rarity in general English (a corpus on one story
    shares its story's words in every article, so the corpus alone cannot tell)."""
    return {w: rarity(w) for ws in words for w in ws}


def _pairs(
    members: list[int], words: list[frozenset[str]], idf: dict[str, float]
) -> Iterable[tuple[int, int]]:
    """Candidate pairs of one bucket: all of them, or (a crowded day) those sharing a
    word that is rare in the corpus."""
    if len(members) <= BUCKET_LIMIT:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield i, j
        return
    postings: dict[str, list[int]] = {}
    cut = max(idf.values(), default=0.0) / 2
    for i in members:
        for w in words[i]:
            if idf.get(w, 0.0) >= cut:
                postings.setdefault(w, []).append(i)
    seen: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) > BUCKET_LIMIT:
            continue
        for x, i in enumerate(ids):
            for j in ids[x + 1 :]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _unambiguous(
    groups: list[Group], scored: list[tuple[float, int, int]]
) -> list[tuple[float, int, int]]:
    """A report dated only by a month ("talks in Oslo in June") joins a day's event only
    when that is the one such event it matches: June may hold several."""

    grains = [None if g.date is None else g.date.granularity for g in groups]

    def month_to_day(i: int, j: int) -> int | None:
        gi, gj = grains[i], grains[j]
        if gi == "month" and gj in FINE:
            return i
        if gj == "month" and gi in FINE:
            return j
        return None

    months = [month_to_day(i, j) for _score, i, j in scored]
    partners: dict[int, int] = {}
    for m in months:
        if m is not None:
            partners[m] = partners.get(m, 0) + 1
    return [t for t, m in zip(scored, months, strict=True) if m is None or partners[m] == 1]


def _short_fine(d: DateValue | None) -> bool:
    """Is ``d`` filed by the days it covers (see :func:`_buckets`)?"""
    return d is not None and d.granularity in FINE and (d.end - d.start).days <= 7


def _month_pairs(members: list[int], groups: list[Group]) -> Iterable[tuple[int, int]]:
    """The pairs of a month's bucket in the order of :func:`_pairs`, less those of two
    events dated by days that do not overlap: such dates are never compatible, and the
    bulk of a busy month's pairs are such."""
    spans: dict[int, tuple[int, int]] = {}
    by_day: dict[int, list[int]] = {}  # day -> the day-dated members covering it, in order
    others: list[int] = []  # members dated by the month (or anything coarser), in order
    for i in members:
        d = groups[i].date
        if _short_fine(d):
            assert d is not None
            s0 = d.start.toordinal()
            s1 = s0 + (d.end - d.start).days
            spans[i] = (s0, s1)
            for day in range(s0, s1 + 1):
                by_day.setdefault(day, []).append(i)
        else:
            others.append(i)
    for x, i in enumerate(members):
        span = spans.get(i)
        if span is None:
            for j in members[x + 1 :]:
                yield i, j
            continue
        s0, s1 = span
        if s0 == s1:
            on_day = by_day[s0]
            later = on_day[bisect_right(on_day, i) :]
        else:
            later = sorted({j for day in range(s0, s1 + 1) for j in by_day[day] if j > i})
        if others and others[-1] > i:
            later = sorted(later + others[bisect_right(others, i) :])
        for j in later:
            yield i, j


def _scored_pairs(
    groups: list[Group], words: list[frozenset[str]], idf: dict[str, float]
) -> list[tuple[float, int, int]]:
    """The pairs of events that may be joined, with their scores, in the order the buckets
    first meet them (ties of score are joined in that order)."""
    _, threshold, coarse_threshold, _ = _settings()
    scored: list[tuple[float, int, int]] = []
    n = len(groups)
    seen: set[int] = set()  # the pairs met so far, as i * n + j (no tuple to build and hash)
    refs = [g.ref for g in groups]
    articles = [g.articles for g in groups]
    weight = idf.__getitem__  # (every word of ``words`` has a weight)
    # ``_compatible`` reads only the two dates' spans and grains, and a corpus has far fewer
    # distinct dates than pairs of events to compare: it is asked once per two distinct dates.
    dates: dict[tuple[object, ...] | None, int] = {}
    date_of = [
        dates.setdefault(None if d is None else (d.start, d.end, d.granularity), len(dates))
        for d in (g.date for g in groups)
    ]
    how_of: dict[tuple[int, int], str | None] = {}
    for bucket, members in _buckets(groups).items():
        checkpoint()
        if len(members) > BUCKET_LIMIT:
            pairs = _pairs(members, words, idf)
            day = False
        elif isinstance(bucket, int):  # a day: every two events covering it are compatible
            pairs = _pairs(members, words, idf)
            day = True
        elif isinstance(bucket, tuple) and bucket[0] == "month":
            pairs = _month_pairs(members, groups)
            day = False
        else:
            pairs = _pairs(members, words, idf)
            day = False
        for i, j in pairs:
            met = i * n + j
            if met in seen:
                continue
            seen.add(met)
            ri, rj = refs[i], refs[j]
            if ri is not None and rj is not None and ri is not rj:
                continue  # two known events of the reference chronology
            if not articles[i].isdisjoint(articles[j]):
                continue
            if day:
                how = "fine"
            else:
                both = (date_of[i], date_of[j])
                if both not in how_of:
                    how_of[both] = _compatible(groups[i], groups[j])
                how = how_of[both]
            if how is None:
                continue
            # (summed exactly: a set's order follows the string hash seed, and a plain sum
            # of floats in that order could round differently from one run to the next)
            score = math.fsum(map(weight, words[i] & words[j]))
            if score >= (coarse_threshold if how == "coarse" else threshold):
                scored.append((score, i, j))
    return scored


def join_across_articles(groups: list[Group]) -> list[Group]:
    """``groups`` with the events that several articles report in other words joined."""
    if len(groups) < 2:
        return groups
    memo: dict[int, set[str]] = {}  # sentence (by object) -> its words, for this pass
    words = [words_of(g, memo) for g in groups]
    idf = _weights(words)
    scored = _scored_pairs(groups, words, idf)
    scored = _unambiguous(groups, scored)
    if not scored:
        return groups
    scored.sort(key=lambda t: -t[0])
    root = list(range(len(groups)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    arts = [set(g.articles) for g in groups]
    for _score, i, j in scored:
        ri, rj = find(i), find(j)
        if ri == rj or not arts[ri].isdisjoint(arts[rj]):
            continue
        keep, gone = (ri, rj) if groups[ri].ref is not None or ri < rj else (rj, ri)
        root[gone] = keep
        arts[keep] |= arts[gone]
    out: list[Group] = []
    for i, g in enumerate(groups):
        r = find(i)
        if r == i:
            out.append(g)
    for i, g in enumerate(groups):
        r = find(i)
        if r != i:
            for c in g.cands:
                groups[r].add(c)
    return out
