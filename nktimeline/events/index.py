"""Where to look when merging: groups indexed by week, place, article and month of year.

Merging compares a mention only with the groups it could possibly join, which keeps it
near-linear for thousands of articles.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from nktimeline.model import DateValue

if TYPE_CHECKING:
    from nktimeline.events.mentions import Cand
    from nktimeline.events.merge import Group


def _wkey(d: dt.date) -> int:
    return d.toordinal() // 7


def month_key(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


class GroupIndex:
    """Groups by calendar month and by place, so that a mention is only compared with the
    groups it could possibly join (keeps merging near-linear for thousands of articles)."""

    WIDE = 160  # spans longer than this many weeks are checked against every mention

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self.order: dict[int, int] = {}
        self.weeks: dict[tuple[str | None, int], list[Group]] = {}
        self.weeks_all: dict[int, list[Group]] = {}
        self.wide: list[Group] = []
        self.places: dict[str | None, list[Group]] = {}
        self.seen: dict[int, tuple[DateValue | None, str | None]] = {}
        self.dead: set[int] = set()
        self.by_article: dict[str, list[Group]] = {}
        self.by_month_of_year: dict[int, list[Group]] = {}
        self.by_partial: dict[tuple[int, int | None], list[Group]] = {}

    def note(self, g: Group, c: Cand) -> None:
        """Remember which article and which year-less date a group now holds."""
        if c.date is not None or c.partial is not None:
            self.by_article.setdefault(c.article, []).append(g)
        if c.partial is not None:
            self.by_partial.setdefault(c.partial, []).append(g)

    def add(self, g: Group) -> None:
        if id(g) not in self.order:
            self.order[id(g)] = len(self.groups)
            self.groups.append(g)
        d, place = g.date(), g.place
        last = self.seen.get(id(g))
        if last == (d, place):
            return
        self.seen[id(g)] = (d, place)
        if d is not None:
            w0, w1 = _wkey(d.start), _wkey(d.end)
            if w1 - w0 > self.WIDE:
                self.wide.append(g)
            else:
                for w in range(w0, w1 + 1):
                    self.weeks.setdefault((place, w), []).append(g)
                    if last is None or last[0] != d:
                        self.weeks_all.setdefault(w, []).append(g)
            m0, m1 = month_key(d.start), month_key(d.end)
            if (last is None or last[0] != d) and m1 - m0 < 12:
                for m in range(m0, m1 + 1):
                    self.by_month_of_year.setdefault(m % 12 + 1, []).append(g)
        if last is None or last[1] != place:
            self.places.setdefault(place, []).append(g)

    def _ordered(self, found: dict[int, Group]) -> list[Group]:
        return [found[k] for k in sorted(found, key=self.order.__getitem__) if k not in self.dead]

    def near(self, d: DateValue, slack: int, place: str | None = None) -> list[Group]:
        """Groups whose dates come within ``slack`` days of ``d``; with a place, only groups
        at that place or at no place."""
        lo = _wkey(d.start - dt.timedelta(days=slack))
        hi = _wkey(d.end + dt.timedelta(days=slack))
        if hi - lo > self.WIDE:
            return [g for g in self.groups if id(g) not in self.dead]
        found: dict[int, Group] = {id(g): g for g in self.wide}
        for w in range(lo, hi + 1):
            if place is None:
                pool = self.weeks_all.get(w, ())
            else:
                pool = [*self.weeks.get((place, w), ()), *self.weeks.get((None, w), ())]
            for g in pool:
                found[id(g)] = g
        return self._ordered(found)

    def at(self, place: str | None) -> list[Group]:
        return self._ordered({id(g): g for g in self.places.get(place, ()) if g.place == place})

    def partial_candidates(self, partial: tuple[int, int | None], place: str | None) -> list[Group]:
        pool = [*self.by_month_of_year.get(partial[0], ()), *self.by_partial.get(partial, ())]
        return self._ordered({id(g): g for g in pool if g.place == place})

    def of_article(self, article: str, place: str) -> list[Group]:
        return self._ordered(
            {id(g): g for g in self.by_article.get(article, ()) if g.place == place}
        )
