"""Which time expression and which place govern which trigger in a sentence.

Costs are character distances: an anchor after the trigger ("talks in Stockholm last week")
is cheaper than one before it, a clause boundary in between costs extra, and an attributive
place ("the Hanoi summit") costs nothing.  Each anchor goes to its cheapest trigger.
"""

from __future__ import annotations

import re

from nktimeline.events.lexicon import Hit, TriggerDef
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


def long_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotations longer than a few words (scare quotes like "nice letter" are not)."""
    marks = [m.start() for m in _QUOTES.finditer(text, start, end)]
    spans = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if len(text[a:b].split()) > 5:
            spans.append((a, b))
    return spans


def _quote_of(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= pos <= b:
            return i
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
