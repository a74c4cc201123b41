"""Which time expression and which place govern which trigger in a sentence.

Costs are character distances: an anchor after the trigger ("talks in Stockholm last week")
is cheaper than one before it, a clause boundary in between costs extra, and an attributive
place ("the Hanoi summit") costs nothing.  Each anchor goes to its cheapest trigger.

Costs grow with distance and only pairs under a small cost count, so each anchor or place
is compared only with the triggers within that reach (found by bisection): a sentence with
thousands of triggers and dates (a page without a full stop) costs time in proportion to
its length, not to the product of the two counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence

from nktimeline.events.lexicon import Hit, TriggerDef
from nktimeline.guard import checkpoint
from nktimeline.model import DateValue, Timex

_CLAUSE = re.compile(
    r"[;:]|\s[―—–]\s|\s--\s|,\s+(?:but|while|although|whereas|and)\b|\s(?:since|after|before|while|but|until|when)\s"
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|into|near|inside|visit|visited|visiting|toured)\s+(?:the\s+)?)$", re.I
)
_ATTRIBUTIVE_GAP = re.compile(r"^(?:['’]s)?\s+(?:[a-z]+-[a-z-]+\s+)?$")
_QUOTES = re.compile(r"[\"“”]")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|and|to|through|thru|or)\s*$")


def clauses_between(text: str, a: int, b: int) -> int:
    return len(_CLAUSE.findall(text, a, b)) if b > a else 0


# The most an anchor may cost its trigger (``assign``), and the reach that bounds: a trigger
# farther than this from an anchor costs more whatever lies between them.
MAX_ANCHOR_COST = 160
_REACH_AFTER = MAX_ANCHOR_COST  # anchor after the trigger: one per character
_REACH_BEFORE = (MAX_ANCHOR_COST - 20) // 2  # before: twice per character, plus 20
SHARE_COST = 30  # a leftover trigger shares an anchor this close
MAX_PLACE_COST = 150
_PLACE_REACH_BEFORE = int((MAX_PLACE_COST - 20) / 1.5) + 1
_PLACE_REACH_AFTER = MAX_PLACE_COST


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


class _Starts:
    """Items with ``start``/``end`` offsets, searchable by position: the indices of those
    that can reach a window, in index order.  Items come in text order (triggers, dates
    and places of a sentence do), else they are sorted here."""

    def __init__(self, items: Sequence[Hit | Timex]) -> None:
        starts = [x.start for x in items]
        self.longest = max([x.end - x.start for x in items], default=0)
        self.order: list[int] | None = None
        if starts != sorted(starts):
            self.order = sorted(range(len(starts)), key=starts.__getitem__)
            starts = [starts[k] for k in self.order]
        self.starts = starts

    def overlapping(self, lo: int, hi: int) -> Sequence[int]:
        """Indices of the items with ``end >= lo`` and ``start <= hi`` (a superset: some
        may end before ``lo``), in index order."""
        a = bisect_left(self.starts, lo - self.longest)
        b = bisect_right(self.starts, hi)
        return range(a, b) if self.order is None else sorted(self.order[a:b])

    def any_start_in(self, lo: int, hi: int) -> bool:
        """Does some item start in ``[lo, hi)``?"""
        return bisect_left(self.starts, lo) < bisect_left(self.starts, hi)


def long_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotations longer than a few words (scare quotes like "nice letter" are not)."""
    find = text.find
    if find('"', start, end) < 0 and find("“", start, end) < 0 and find("”", start, end) < 0:
        return []  # (most sentences: no quotation mark at all)
    marks = [m.start() for m in _QUOTES.finditer(text, start, end)]
    spans = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if len(text[a:b].split()) > 5:
            spans.append((a, b))
    return spans


class _Quotes:
    """Which quotation (index into ``spans``, -1 for none) holds a position; by bisection,
    as quotation spans are disjoint and in text order."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [a for a, _ in spans]

    def of(self, pos: int) -> int:
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and pos <= self.spans[k][1]:
            return k
        return -1


def combine_range(text: str, txs: list[Timex], i: int) -> Timex:
    """Join ``Sept. 18`` + ``20`` style neighbours into one span timex."""
    a = txs[i]
    if i + 1 >= len(txs):
        return a
    b = txs[i + 1]
    if (
        a.date is None
        or b.date is None
        or b.type != "DATE"
        or not _RANGE_JOIN.match(text[a.end : b.start])
        or b.date.start <= a.date.start
        or (b.date.start - a.date.end).days > 31
        or a.date.granularity != b.date.granularity
    ):
        return a
    date = DateValue(
        a.date.start,
        b.date.end,
        a.date.granularity,
        a.date.source,
        min(a.date.confidence, b.date.confidence),
        a.date.note,
    )
    return Timex(
        a.start,
        b.end,
        text[a.start : b.end],
        "DATE",
        f"{a.value}/{b.value}",
        date,
        a.anchored or b.anchored,
    )


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
    return cost if cost <= MAX_PLACE_COST else None


def assign_places(
    text: str, triggers: list[tuple[Hit, TriggerDef]], places: list[Hit], s0: int
) -> dict[int, str]:
    """Each trigger takes its cheapest place, unless another trigger is clearly closer to it."""
    if not places:
        return {}
    by_place: dict[int, list[tuple[float, int]]] = {}  # place -> [(cost, trigger)]
    by_trigger: dict[int, list[tuple[float, int]]] = {}  # trigger -> [(cost, place)]
    index = _Starts(places)
    for i, (h, _) in enumerate(triggers):
        checkpoint()
        # a place farther than this costs more than MAX_PLACE_COST
        lo, hi = h.start - _PLACE_REACH_BEFORE, h.end + _PLACE_REACH_AFTER
        for j in index.overlapping(lo, hi):
            c = _place_cost(text, h.start, h.end, places[j], s0)
            if c is not None:
                by_place.setdefault(j, []).append((c, i))
                by_trigger.setdefault(i, []).append((c, j))
    owner = {j: min(options)[1] for j, options in by_place.items()}
    out: dict[int, str] = {}
    for i, options in by_trigger.items():
        mine = [(c, j) for c, j in options if owner.get(j) == i or c <= 40]
        if mine:
            out[i] = places[min(mine)[1]].key
    return dict(sorted(out.items()))


def assign(
    text: str,
    triggers: list[tuple[Hit, TriggerDef]],
    anchors: list[Timex],
    quotes: list[tuple[int, int]] | None = None,
) -> dict[int, Timex]:
    """Give each anchor to its cheapest trigger; triggers left over may share an adjacent one.
    An anchor inside a quotation does not govern a trigger outside it (and vice versa)."""
    if not anchors:
        return {}
    q_of = _Quotes(quotes or []).of
    trig = _Starts([h for h, _ in triggers])
    best_for_trigger: dict[int, tuple[float, Timex]] = {}
    for tx in anchors:
        checkpoint()  # one sentence may hold thousands of dates
        q = q_of(tx.start)
        near = trig.overlapping(tx.start - _REACH_AFTER, tx.end + _REACH_BEFORE)
        if not near:
            continue  # every trigger is out of reach
        costs = []
        for i in near:
            h = triggers[i][0]
            cost = _cost(text, h.start, h.end, tx.start, tx.end)
            costs.append((cost + (120 if q_of(h.start) != q else 0), i))
        cost, i = min(costs)
        if cost > MAX_ANCHOR_COST:
            continue
        if i not in best_for_trigger or cost < best_for_trigger[i][0]:
            best_for_trigger[i] = (cost, tx)
    out = {i: tx for i, (_, tx) in best_for_trigger.items()}
    if len(out) == len(triggers):
        return out
    spans = _Starts(anchors)
    for i, (h, _) in enumerate(triggers):
        if i in out:
            continue
        for k in spans.overlapping(h.start - (SHARE_COST - 20) // 2, h.end + SHARE_COST):
            tx = anchors[k]
            lo, hi = (h.end, tx.start) if tx.start >= h.end else (tx.end, h.start)
            # (no other trigger starts in between: trigger ``i`` never starts in [lo, hi))
            between = trig.any_start_in(lo, hi)
            if _cost(text, h.start, h.end, tx.start, tx.end) <= SHARE_COST and not between:
                out[i] = tx
                break
    return out


# "... last June and in Hanoi in February", "..., and again in Hanoi on Feb. 27": what joins
# a trigger's first date to a further date of the same action.
_COORD_MAX = 60
_COORD_GAP = re.compile(rf"^[^.;:!?\n]{{0,{_COORD_MAX}}}$")
_COORD_AND = re.compile(r"(?:^|[\s,])(?:and|then|before|as well as)\s+(?:again\s+|later\s+)?", re.I)


def _months_apart(first: Timex, tx: Timex, gap: str) -> bool:
    """Two month (or year) dates joined by a bare "and": two times of the action, where
    "on Monday and Tuesday" may well be one event over two days."""
    a, b = first.date, tx.date
    return (
        a is not None
        and b is not None
        and gap.strip(" ,") == "and"
        and a.granularity in ("month", "year")
        and b.granularity == a.granularity
        and a.start != b.start
    )


def coordinated(
    text: str,
    triggers: list[tuple[Hit, TriggerDef]],
    anchors: list[Timex],
    assigned: dict[int, Timex],
    where: dict[int, str],
    places: list[Hit],
) -> dict[int, list[tuple[Timex, str | None]]]:
    """Further (date, place) pairs of a trigger whose action is reported twice in one clause:
    "met in Singapore last June and in Hanoi in February".  A date that no trigger took joins
    the trigger holding the date just before it when only "and" (or ", then", "before" ...)
    lies between them, no other trigger does, and a new place comes with it (between the two
    dates, after the "and", or right after the new date)."""
    used = {id(tx) for tx in assigned.values()}
    if not assigned or all(id(tx) in used for tx in anchors):
        return {}  # no date left over, or no trigger holding one
    last = dict(assigned)  # the latest date each trigger holds so far (dates in text order)
    rank = {i: n for n, i in enumerate(last)}  # ties go to the first in ``last``
    # triggers by the end of their latest date: the gap to a further date is at most
    # _COORD_MAX characters, so only those ending that close before it are looked at
    ending: dict[int, list[int]] = {}
    for i, first in last.items():
        ending.setdefault(first.end, []).append(i)
    ends = sorted(ending)
    moved: list[int] = []  # ends of dates taken on here (sorted)
    trig: _Starts | None = None
    at_places: _Starts | None = None
    out: dict[int, list[tuple[Timex, str | None]]] = {}
    for tx in sorted(anchors, key=lambda t: t.start):
        if id(tx) in used:
            continue
        # the trigger whose latest date ends closest before this one
        best: tuple[int, Timex] | None = None
        for keys in (ends, moved):
            k = bisect_right(keys, tx.start)
            while k > 0 and keys[k - 1] >= tx.start - _COORD_MAX:
                k -= 1
                for i in ending[keys[k]]:
                    first = last[i]
                    if first.end != keys[k] or triggers[i][0].end > first.start:
                        continue  # moved on to a later date, or a date before its trigger
                    if best is None or (first.end, -rank[i]) > (best[1].end, -rank[best[0]]):
                        best = (i, first)
        if best is None:
            continue
        i, first = best
        gap = text[first.end : tx.start]
        joins = list(_COORD_AND.finditer(gap))
        if not joins or not _COORD_GAP.match(gap):
            continue
        trig = trig or _Starts([h for h, _ in triggers])
        if trig.any_start_in(first.end, tx.start):
            continue
        after_and = first.end + joins[-1].end()
        at_places = at_places or _Starts(places)
        near = [
            places[j]
            for j in at_places.overlapping(after_and, tx.end + 30)
            if after_and <= places[j].start and places[j].end <= tx.end + 30
        ]
        near = [p for p in near if p.key != where.get(i)]
        if near:
            place = near[0].key
        elif _months_apart(first, tx, gap):
            place = where.get(i)  # "made appearances in March and June": two of them
        else:
            continue
        out.setdefault(i, []).append((tx, place))
        used.add(id(tx))
        last[i] = tx
        if moved and tx.end < moved[-1]:
            insort(moved, tx.end)  # (dates overlapping each other: not seen in practice)
        else:
            moved.append(tx.end)
        ending.setdefault(tx.end, []).append(i)
    return out
