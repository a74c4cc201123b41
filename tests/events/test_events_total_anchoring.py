"""The windowed trigger/anchor/place assignment (``events.anchoring``) gives exactly what
comparing every pair gave: the pair-by-pair version is kept here as the reference and both
run on generated sentences, short and very long (thousands of triggers and dates)."""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.events import anchoring
from nktimeline.events.anchoring import long_quotes
from nktimeline.events.lexicon import Hit, TriggerDef, lexicon
from nktimeline.model import Timex
from nktimeline.temporal import tag

# -- the reference: every pair compared (as before the windowed version) -------------------
_CLAUSE = anchoring._CLAUSE
_LOCATIVE = anchoring._LOCATIVE
_ATTRIBUTIVE_GAP = anchoring._ATTRIBUTIVE_GAP
_COORD_GAP = re.compile(r"^[^.;:!?\n]{0,60}$")
_COORD_AND = anchoring._COORD_AND


def clauses_between(text: str, a: int, b: int) -> int:
    return len(_CLAUSE.findall(text, a, b)) if b > a else 0


def _cost(text: str, t0: int, t1: int, x0: int, x1: int) -> float:
    if x0 >= t1:
        cost = float(x0 - t1)
        between = (t1, x0)
    elif x1 <= t0:
        cost = (t0 - x1) * 2.0 + 20
        between = (x1, t0)
    else:
        return 0.0
    return cost + 45 * clauses_between(text, *between)


def _quote_of(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= pos <= b:
            return i
    return -1


_NOT_LOCATIVE = re.compile(
    r"\b(?:ambassador|envoy|embassy|minister|representative|mission)\s+to\s+(?:the\s+)?$", re.I
)


def _place_cost(text: str, t0: int, t1: int, p: Hit, s0: int) -> float | None:
    """How plausibly place ``p`` is where the trigger at ``t0:t1`` happened (lower is better)."""
    if p.end <= t0:
        gap_text = text[p.end : t0]
        if _ATTRIBUTIVE_GAP.match(gap_text) and len(gap_text) < 16:
            cost = 0.0
        else:
            cost = (t0 - p.end) * 1.5 + 20 + 45 * clauses_between(text, p.end, t0)
    elif p.start >= t1:
        cost = float(p.start - t1) + 45 * clauses_between(text, t1, p.start)
    else:
        cost = 0.0
    if p.weak:
        before = text[max(s0, p.start - 25) : p.start]
        if text[p.end : p.end + 2] in ("'s", "’s") or _NOT_LOCATIVE.search(before):
            return None
        attributive = p.end <= t0 and cost == 0.0 and " " not in text[p.start : p.end]
        if not (_LOCATIVE.search(before) or (attributive and not before.endswith("-"))):
            return None
        cost += 30
    return cost if cost <= 150 else None


def assign_places(
    text: str, triggers: list[tuple[Hit, TriggerDef]], places: list[Hit], s0: int
) -> dict[int, str]:
    """Each trigger takes its cheapest place, unless another trigger is clearly closer to it."""
    costs: dict[tuple[int, int], float] = {}
    for i, (h, _) in enumerate(triggers):
        for j, p in enumerate(places):
            c = _place_cost(text, h.start, h.end, p, s0)
            if c is not None:
                costs[(i, j)] = c
    owner: dict[int, int] = {}
    for j in range(len(places)):
        options = [(c, i) for (i, jj), c in costs.items() if jj == j]
        if options:
            owner[j] = min(options)[1]
    out: dict[int, str] = {}
    for i in range(len(triggers)):
        mine = sorted(
            (c, j) for (ii, j), c in costs.items() if ii == i and (owner.get(j) == i or c <= 40)
        )
        if mine:
            out[i] = places[mine[0][1]].key
    return out


def assign(
    text: str,
    triggers: list[tuple[Hit, TriggerDef]],
    anchors: list[Timex],
    quotes: list[tuple[int, int]] | None = None,
) -> dict[int, Timex]:
    """Give each anchor to its cheapest trigger; triggers left over may share an adjacent one.
    An anchor inside a quotation does not govern a trigger outside it (and vice versa)."""
    quotes = quotes or []
    best_for_trigger: dict[int, tuple[float, Timex]] = {}
    for tx in anchors:
        q = _quote_of(quotes, tx.start)
        costs = [
            (
                _cost(text, h.start, h.end, tx.start, tx.end)
                + (120 if _quote_of(quotes, h.start) != q else 0),
                i,
            )
            for i, (h, _) in enumerate(triggers)
        ]
        cost, i = min(costs)
        if cost > 160:
            continue
        if i not in best_for_trigger or cost < best_for_trigger[i][0]:
            best_for_trigger[i] = (cost, tx)
    out = {i: tx for i, (_, tx) in best_for_trigger.items()}
    for i, (h, _) in enumerate(triggers):
        if i in out:
            continue
        for tx in anchors:
            lo, hi = (h.end, tx.start) if tx.start >= h.end else (tx.end, h.start)
            between = any(lo <= o.start < hi for j, (o, _) in enumerate(triggers) if j != i)
            if _cost(text, h.start, h.end, tx.start, tx.end) <= 30 and not between:
                out[i] = tx
                break
    return out


# "... last June and in Hanoi in February", "..., and again in Hanoi on Feb. 27": what joins
# a trigger's first date to a further date of the same action.
_COORD_GAP = re.compile(r"^[^.;:!?\n]{0,60}$")
_COORD_AND = re.compile(r"(?:^|[\s,])(?:and|then|before|as well as)\s+(?:again\s+|later\s+)?", re.I)


def coordinated(
    text: str,
    triggers: list[tuple[Hit, TriggerDef]],
    anchors: list[Timex],
    assigned: dict[int, Timex],
    where: dict[int, str],
    places: list[Hit],
) -> dict[int, list[tuple[Timex, str]]]:
    """Further (date, place) pairs of a trigger whose action is reported twice in one clause:
    "met in Singapore last June and in Hanoi in February".  A date that no trigger took joins
    the trigger holding the date just before it when only "and" (or ", then", "before" ...)
    lies between them, no other trigger does, and a new place comes with it (between the two
    dates, after the "and", or right after the new date)."""
    used = {id(tx) for tx in assigned.values()}
    last = dict(assigned)  # the latest date each trigger holds so far (dates in text order)
    out: dict[int, list[tuple[Timex, str]]] = {}
    for tx in sorted(anchors, key=lambda t: t.start):
        if id(tx) in used:
            continue
        # the trigger whose latest date ends closest before this one
        best: tuple[int, Timex] | None = None
        for i, first in last.items():
            h = triggers[i][0]
            later = best is None or first.end > best[1].end
            if h.end <= first.start and first.end <= tx.start and later:
                best = (i, first)
        if best is None:
            continue
        i, first = best
        gap = text[first.end : tx.start]
        joins = list(_COORD_AND.finditer(gap))
        if not joins or not _COORD_GAP.match(gap):
            continue
        if any(first.end <= h.start < tx.start for h, _ in triggers):
            continue
        after_and = first.end + joins[-1].end()
        near = [p for p in places if after_and <= p.start and p.end <= tx.end + 30]
        near = [p for p in near if p.key != where.get(i)]
        if not near:
            continue
        out.setdefault(i, []).append((tx, near[0].key))
        used.add(id(tx))
        last[i] = tx
    return out


# -- generated sentences ------------------------------------------------------------------
WORDS = [
    "summit",
    "talks",
    "meeting",
    "visit",
    "met",
    "held",
    "the",
    "a",
    "and",
    "in",
    "on",
    "to",
    "of",
    "last",
    "since",
    "but",
    "while",
    "Hanoi",
    "Singapore",
    "Pyongyang",
    "Sweden",
    "Washington",
    "Monday",
    "Friday",
    "June",
    "12",
    "week",
    "year",
    "Trump",
    "Kim",
    "said",
    "will",
    ";",
    ",",
    "--",
    "again",
    "then",
    "before",
]
WORDS += ['"', "in Hanoi", "in Sweden", "June 12", "last week", "on Monday", ", but", " since "]


def _parts(text: str):
    lex = lexicon()
    triggers = lex.triggers_in(text)
    places = lex.places(text)
    timexes = [t for t in tag(text, dt.date(2019, 10, 10)) if t.type in ("DATE", "TIME")]
    return triggers, places, timexes


def _same(text: str) -> None:
    triggers, places, anchors = _parts(text)
    quotes = long_quotes(text, 0, len(text))
    if not triggers:
        return
    want = assign(text, triggers, anchors, quotes)
    assert anchoring.assign(text, triggers, anchors, quotes) == want
    want_places = assign_places(text, triggers, places, 0)
    got_places = anchoring.assign_places(text, triggers, places, 0)
    assert got_places == want_places
    assert list(got_places) == list(want_places)
    want_extra = coordinated(text, triggers, anchors, want, want_places, places)
    assert anchoring.coordinated(text, triggers, anchors, want, want_places, places) == want_extra


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=80))
def test_windowed_assignment_is_the_pairwise_one(words):
    _same(" ".join(words))


def test_windowed_assignment_on_long_sentences():
    rng = random.Random(7)
    for n in (150, 300, 300, 600):  # (the pairwise reference is slow on long ones)
        _same(" ".join(rng.choice(WORDS) for _ in range(n)))


def test_a_sentence_of_many_events_and_dates_is_linear():
    """Thousands of triggers and dates in one sentence: each anchor meets the triggers
    within reach only (pair by pair, this took minutes)."""
    import time

    def run(n: int) -> float:
        text = "the summit in Hanoi on Monday and talks in Singapore on June 12, " * n
        triggers, places, anchors = _parts(text)
        t0 = time.perf_counter()
        got = anchoring.assign(text, triggers, anchors, long_quotes(text, 0, len(text)))
        where = anchoring.assign_places(text, triggers, places, 0)
        anchoring.coordinated(text, triggers, anchors, got, where, places)
        return time.perf_counter() - t0

    run(20)
    small, big = run(200), run(2000)
    assert big < 40 * small + 0.05, (small, big)


def _unswallowed_pairwise(anchors: list[Timex]) -> list[Timex]:
    return [
        a
        for a in anchors
        if not any(
            o is not a
            and o.start <= a.start
            and a.end <= o.end
            and (o.end - o.start) > (a.end - a.start)
            for o in anchors
        )
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=12))
def test_swallowed_anchors_are_the_pairwise_ones(spans):
    from nktimeline.events.mentions import _unswallowed

    anchors = [Timex(s, s + n, "x" * n, "DATE", "XXXX") for s, n in spans]
    assert _unswallowed(anchors) == _unswallowed_pairwise(anchors)
    assert [id(a) for a in _unswallowed(anchors)] == [id(a) for a in _unswallowed_pairwise(anchors)]


def _hits(spans: list[tuple[int, int]], keys: list[str]) -> list[Hit]:
    """Hits in text order that do not overlap (as the lexicon gives them)."""
    out, pos = [], 0
    for (gap, n), key in zip(spans, keys, strict=False):
        out.append(Hit(pos + gap, pos + gap + n, key))
        pos += gap + n
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=15),
    st.lists(st.sampled_from(["Donald Trump", "Kim Jong-un", "Moon Jae-in", "Mike Pompeo"])),
    st.integers(-20, 300),
    st.integers(0, 30),
)
def test_actors_near_a_trigger_by_bisection(spans, keys, t0, n):
    from nktimeline.events.mentions import _leaders_near, _nearest_actor

    lex = lexicon()
    hits = _hits(spans, keys)
    before = [h for h in hits if h.end <= t0]
    want = before[-1].key if before else (hits[0].key if hits else None)
    assert _nearest_actor(hits, t0) == want
    t1 = t0 + n
    near = {
        lex.actors[h.key].country
        for h in hits
        if lex.actors[h.key].role == "leader" and h.end >= t0 - 90 and h.start <= t1 + 60
    }
    assert _leaders_near(lex, hits, t0, t1) == (len(near) >= 2)
