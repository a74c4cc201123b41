"""Where to look when merging: groups indexed by date span, place, article and month of year.

Merging compares a mention only with the groups it could possibly join, which keeps it
near-linear for tens of thousands of articles.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from nktimeline.model import DateValue
from nktimeline.temporal.values import shift_days

if TYPE_CHECKING:
    from nktimeline.events.mentions import Cand
    from nktimeline.events.merge import Group


def month_key(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


# Spans are filed at one of four grains (the finest whose buckets cut the span into a handful
# of pieces); a query visits, at every grain, the buckets its own span covers.  Two spans that
# overlap therefore always meet in a bucket of the filed span's grain.
_GRAINS = (
    (7, lambda d: d.toordinal()),  # up to a week: by day
    (62, lambda d: d.toordinal() // 7),  # up to two months: by week
    (400, month_key),  # up to a year or so: by month
    (4000, lambda d: d.year),  # up to a decade: by year
)
WIDE_DAYS = 4000  # longer spans are compared with everything


def _grain(start: dt.date, end: dt.date) -> int | None:
    n = (end - start).days
    for i, (limit, _key) in enumerate(_GRAINS):
        if n < limit:
            return i
    return None


def _key_ranges(lo: dt.date, hi: dt.date) -> tuple[tuple[int, int, int], ...]:
    """(grain, first key, last key) of the buckets ``lo``..``hi`` covers at each grain (the
    keys of ``_GRAINS``, computed once per query)."""
    o0, o1 = lo.toordinal(), hi.toordinal()
    return (
        (0, o0, o1),
        (1, o0 // 7, o1 // 7),
        (2, month_key(lo), month_key(hi)),
        (3, lo.year, hi.year),
    )


# buckets of one place or one name, at each grain: grain -> bucket key -> groups
_ByGrain = tuple[dict[int, list["Group"]], ...]


def _by_grain() -> _ByGrain:
    return tuple({} for _ in _GRAINS)


def _same_span(a: DateValue | None, b: DateValue) -> bool:
    return a is not None and a.start == b.start and a.end == b.end


class GroupIndex:
    """Groups by date span (at four grains), by place, by article and by month of year, so
    that a mention is only compared with the groups it could possibly join: merging stays
    near-linear for tens of thousands of articles."""

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.known: set[int] = set()
        self.spans: dict[str | None, _ByGrain] = {}  # place -> grain -> key -> groups
        self.spans_all: dict[tuple[int, int], list[Group]] = {}  # (grain, key), any place
        self.wide: list[Group] = []
        self.exact_spans: dict[tuple[str, dt.date, dt.date], list[Group]] = {}
        self.seen: dict[int, tuple[DateValue | None, str | None]] = {}
        self.dead: set[int] = set()
        self.by_article: dict[tuple[str, str], list[Group]] = {}  # (article, trigger noun)
        self.by_month_of_year: dict[int, list[Group]] = {}
        self.by_partial: dict[tuple[int, int | None], list[Group]] = {}
        # person or clause predicate -> grain -> key -> groups: where a mention without a
        # shared place looks (``merge._may_fit``: the same place, shared people or the same
        # predicate)
        self.keyed: dict[str, _ByGrain] = {}
        self.keyed_seen: dict[int, tuple[DateValue | None, frozenset[str]]] = {}

    def note(self, g: Group, c: Cand) -> None:
        """Remember which article and which year-less date a group now holds."""
        if c.date is not None or c.partial is not None:
            self.by_article.setdefault((c.article, c.tdef.noun), []).append(g)
        if c.partial is not None:
            self.by_partial.setdefault(c.partial, []).append(g)

    def add(self, g: Group) -> None:
        """File ``g`` (again, if its date or place changed; stale entries are harmless, as
        callers check every group they get against its current date and place)."""
        if id(g) not in self.known:
            self.known.add(id(g))
            self.groups.append(g)
        self.file_keys(g)
        d, place = g.date, g.place
        last = self.seen.get(id(g))
        if last == (d, place):
            return
        self.seen[id(g)] = (d, place)
        if d is None:
            return
        if place:
            self.exact_spans.setdefault((place, d.start, d.end), []).append(g)
        grain = _grain(d.start, d.end)
        new_date = last is None or last[0] != d
        if grain is None:
            if new_date:
                self.wide.append(g)
        else:
            key = _GRAINS[grain][1]
            at_place = self.spans.get(place)
            if at_place is None:
                at_place = self.spans[place] = _by_grain()
            buckets = at_place[grain]
            for k in range(key(d.start), key(d.end) + 1):
                buckets.setdefault(k, []).append(g)
                if new_date:
                    self.spans_all.setdefault((grain, k), []).append(g)
        m0, m1 = month_key(d.start), month_key(d.end)
        if new_date and m1 - m0 < 12:
            for m in range(m0, m1 + 1):
                self.by_month_of_year.setdefault(m % 12 + 1, []).append(g)

    def file_keys(self, g: Group) -> None:
        """File ``g`` under its people and clause predicates at its date (again for new
        keys, or all of them when its date changed)."""
        d = g.date
        if d is None:
            return
        people, lemmas = g.people, g.lemmas
        last = self.keyed_seen.get(id(g))
        before = last[1] if last is not None and last[0] == d else None  # keys at this date
        if before is not None and len(before) == len(people) + len(lemmas):
            # A group's people and predicates only ever grow (``Group.add``) and each is one
            # key: as many as when last filed means the same keys, nothing new to file.
            return
        keys = frozenset([*("p" + p for p in people), *("l" + lemma for lemma in lemmas)])
        if before is not None:
            todo = keys - before
            if not todo:
                return
        else:
            todo = keys
        self.keyed_seen[id(g)] = (d, keys)
        grain = _grain(d.start, d.end) if todo else None
        if grain is None:
            return  # nothing to file, or in ``wide``: every query sees it
        key = _GRAINS[grain][1]
        span = range(key(d.start), key(d.end) + 1)
        keyed = self.keyed
        for name in todo:
            filed = keyed.get(name)
            if filed is None:
                filed = keyed[name] = _by_grain()
            buckets = filed[grain]
            for k in span:
                buckets.setdefault(k, []).append(g)

    def near_keyed(
        self, d: DateValue, slack: int, names: list[str], place: str | None
    ) -> list[Group]:
        """Like :meth:`near`, but only groups filed under one of ``names`` (people and a
        predicate, see :meth:`file_keys`) or, with a place, at that place."""
        if slack:
            lo, hi = shift_days(d.start, -slack), shift_days(d.end, slack)
        else:
            lo, hi = d.start, d.end
        if (hi - lo).days > WIDE_DAYS:
            return [g for g in self.groups if id(g) not in self.dead]
        found: dict[int, Group] = {id(g): g for g in self.wide}
        keyed = self.keyed
        filed = [keyed.get(name) for name in names]
        if place is not None:
            filed.append(self.spans.get(place))
        ranges = _key_ranges(lo, hi)
        for by_grain in filed:
            if by_grain is None:
                continue
            for grain, k0, k1 in ranges:
                buckets = by_grain[grain]
                if not buckets:
                    continue
                for k in range(k0, k1 + 1):
                    pool = buckets.get(k)
                    if pool:
                        for g in pool:
                            found[id(g)] = g
        return self._live(found)

    def _live(self, found: dict[int, Group]) -> list[Group]:
        """The live groups of ``found`` (callers only ever act on a unique fit, so the order
        is irrelevant; it is still deterministic: first filed first)."""
        dead = self.dead
        return [g for k, g in found.items() if k not in dead]

    def near(self, d: DateValue, slack: int, place: str | None = None) -> list[Group]:
        """Groups whose dates come within ``slack`` days of ``d`` (and maybe a few more);
        with a place, only groups at that place or at no place."""
        lo = shift_days(d.start, -slack)
        hi = shift_days(d.end, slack)
        if (hi - lo).days > WIDE_DAYS:
            return [g for g in self.groups if id(g) not in self.dead]
        found: dict[int, Group] = {id(g): g for g in self.wide}
        spans, spans_all = self.spans, self.spans_all
        at_place, at_none = spans.get(place), spans.get(None)
        for grain, (_limit, key) in enumerate(_GRAINS):
            for k in range(key(lo), key(hi) + 1):
                if place is None:
                    for g in spans_all.get((grain, k), ()):
                        found[id(g)] = g
                    continue
                for by_grain in (at_place, at_none):
                    pool = by_grain[grain].get(k) if by_grain is not None else None
                    if pool:
                        for g in pool:
                            found[id(g)] = g
        return self._live(found)

    def exact(self, place: str, d: DateValue) -> list[Group]:
        """Live groups at ``place`` whose date is exactly the span of ``d``."""
        found = {id(g): g for g in self.exact_spans.get((place, d.start, d.end), ())}
        return [g for g in self._live(found) if g.place == place and _same_span(g.date, d)]

    def partial_candidates(self, partial: tuple[int, int | None], place: str | None) -> list[Group]:
        pool = [*self.by_month_of_year.get(partial[0], ()), *self.by_partial.get(partial, ())]
        return self._live({id(g): g for g in pool if g.place == place})

    def of_article(self, article: str, noun: str, place: str) -> list[Group]:
        """Live groups at ``place`` holding a dated (or year-less) mention from ``article``
        whose trigger has this noun."""
        pool = self.by_article.get((article, noun), ())
        return self._live({id(g): g for g in pool if g.place == place})
