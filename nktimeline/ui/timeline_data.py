"""Timeline geometry in days, built once per corpus (no Qt).

Flattens a :class:`~nktimeline.model.Corpus` into parallel lists (start/end day, shape, flags)
and splits the dated events into lanes (by category or by article).  Each lane keeps its
events sorted by start and grouped by duration so that a visible window is found with a
few bisects, whatever the number of events.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from nktimeline.gcpause import gc_paused
from nktimeline.model import Corpus, Event
from nktimeline.paths import load_json

POINT, BAR, BAND = 0, 1, 2
BAND_GRANULARITIES = frozenset({"week", "month", "season", "quarter", "year", "decade", "century"})
ESTIMATED_SOURCES = frozenset({"inferred"})  # reference dates are curated facts, not guesses
LOW_CONFIDENCE = 0.6
# Duration classes (days) for windowed lookups: an event can only reach into the window
# from at most its class' length before it.
_GROUP_LIMITS = (1.5, 32.0, 100.0, 400.0, float("inf"))


def ui_config() -> dict:
    """resources/ui/colors.json: category order and colours."""
    return load_json("ui/colors.json")


def display_title(event: Event) -> str:
    """The label drawn for an event: a pencil marks one the user corrected (on screen and
    in exported images alike)."""
    return event.title + " ✎" if event.edited else event.title


def is_estimated(event: Event) -> bool:
    d = event.date
    return d is not None and (d.source in ESTIMATED_SOURCES or d.confidence < LOW_CONFIDENCE)


@dataclass
class LaneGroup:
    max_len: float
    starts: list[float] = field(default_factory=list)
    ks: list[int] = field(default_factory=list)  # positions in Lane.idx


@dataclass
class Lane:
    key: str
    title: str
    idx: list[int] = field(default_factory=list)  # event indices, sorted by start
    starts: list[float] = field(default_factory=list)
    ends_sorted: list[float] = field(default_factory=list)
    groups: list[LaneGroup] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.idx)

    def count_upper(self, d0: float, d1: float) -> int:
        """Upper bound on the events overlapping ``[d0, d1]``: a few bisects, no scan."""
        n = 0
        for g in self.groups:
            n += bisect_left(g.starts, d1) - bisect_left(g.starts, d0 - g.max_len)
        return n

    def outside(self, d0: float, d1: float) -> tuple[int, int]:
        """How many events end before day ``d0`` and start after day ``d1`` (two bisects)."""
        return bisect_right(self.ends_sorted, d0), len(self.starts) - bisect_left(self.starts, d1)

    def window(self, d0: float, d1: float, ends: list[float]) -> list[int]:
        """Positions k (into ``idx``) of events overlapping days ``[d0, d1]``, sorted."""
        out: list[int] = []
        for g in self.groups:
            lo = bisect_left(g.starts, d0 - g.max_len)
            hi = bisect_left(g.starts, d1, lo)
            idx = self.idx
            out.extend(k for k in g.ks[lo:hi] if ends[idx[k]] > d0)
        out.sort()
        return out


class TimelineData:
    """Everything the painters need about a corpus, in days since 0001-01-01."""

    def __init__(self, corpus: Corpus, lanes: str = "category") -> None:
        self.corpus = corpus
        self.events = corpus.events
        self.lane_mode = lanes
        with gc_paused():  # a million small lists/tuples: no use scanning them for cycles
            self._flatten()
            self.categories = self._category_order()
            self.lanes = self._build_lanes(lanes)

    def _flatten(self) -> None:
        events = self.events
        n = len(events)
        start: list[float] = [0.0] * n
        end: list[float] = [0.0] * n
        kind: list[int] = [POINT] * n
        estimated: list[bool] = [False] * n
        conflict: list[bool] = [False] * n
        category: list[str] = [ev.category for ev in events]
        self.index_of = {ev.id: i for i, ev in enumerate(events)}
        dated: list[int] = []
        undated: list[int] = []
        bands, est_src = BAND_GRANULARITIES, ESTIMATED_SOURCES
        lo_fg, hi_fg = float("inf"), float("-inf")
        for i, ev in enumerate(events):
            d = ev.date
            if d is None:
                undated.append(i)
                continue
            s = float(d.start.toordinal())
            e = float(d.end.toordinal()) + 1.0
            if e < s + 1.0:
                e = s + 1.0
            start[i] = s
            end[i] = e
            if d.granularity in bands:
                kind[i] = BAND
            elif e - s > 1.0:
                kind[i] = BAR
            estimated[i] = d.source in est_src or d.confidence < LOW_CONFIDENCE
            if ev.conflicts:
                conflict[i] = True
            if category[i] != "background":
                lo_fg = min(lo_fg, s)
                hi_fg = max(hi_fg, e)
            dated.append(i)
        dated.sort(key=start.__getitem__)  # stable: ties keep corpus order
        self.start, self.end, self.kind = start, end, kind
        self.estimated, self.conflict, self.category = estimated, conflict, category
        self.dated, self.undated = dated, undated
        self.order = [events[i].id for i in dated]
        self.min_day = start[dated[0]] if dated else 737000.0
        self.max_day = max((end[i] for i in dated), default=self.min_day + 365.0)
        self.focus = self._focus_range(lo_fg, hi_fg)

    def _focus_range(self, lo: float, hi: float) -> tuple[float, float]:
        """Days that "fit all" shows: every dated event, except that far-off background
        history (e.g. a war decades earlier mentioned in passing) does not squash the story;
        it stays reachable by zooming out.  ``lo``/``hi`` bound the foreground events."""
        if lo > hi:
            return self.min_day, self.max_day
        span = max(30.0, hi - lo)
        for i in self.dated:
            if self.category[i] != "background":
                continue
            if self.end[i] >= lo - span and self.start[i] <= hi + span:
                lo, hi = min(lo, self.start[i]), max(hi, self.end[i])
        return lo, hi

    def fit(
        self,
        width: float,
        label_width,
        left: float = 30.0,
        right: float = 20.0,
    ) -> tuple[float, float]:
        """Scale (px/day) and first day that show the focus range in ``width`` px with the
        labels of the latest events still inside: returns ``(ppd, first_day)``."""
        lo, hi = self.focus
        span = max(30.0, hi - lo)
        ppd = (width - left - right - 10) / span
        for i in self.dated[-300:]:
            if self.end[i] <= hi:
                room = width - left - right - label_width(i) - 24
                ppd = min(ppd, max(room, 50.0) / max(1.0, self.end[i] - lo))
        return ppd, lo - left / ppd

    def outside(self, d0: float, d1: float) -> list[int]:
        """Dated events entirely outside days ``d0..d1`` (listed under an exported image)."""
        return [i for i in self.dated if self.end[i] <= d0 or self.start[i] >= d1]

    # -- lanes ---------------------------------------------------------------------------
    def _category_order(self) -> list[str]:
        preferred = list(ui_config().get("order", []))
        present = set(self.category[i] for i in self.dated) | set(
            self.category[i] for i in self.undated
        )
        return [c for c in preferred if c in present] + sorted(present - set(preferred))

    def _build_lanes(self, mode: str) -> list[Lane]:
        lanes: dict[str, Lane] = {}
        if mode == "article":
            arts = sorted(
                self.corpus.articles,
                key=lambda a: (a.published.anchor is None, a.published.anchor or 0, a.title),
            )
            for a in arts:
                title = a.title or a.path.rsplit("/", 1)[-1]
                title = title if len(title) <= 48 else title[:47] + "…"
                lanes[a.id] = Lane(a.id, f"{a.publisher} · {title}" if a.publisher else title)
            for i in self.dated:
                for aid in self.events[i].articles:
                    lane = lanes.get(aid)
                    if lane is not None:
                        lane.idx.append(i)
        else:
            for c in self.categories:
                lanes[c] = Lane(c, c.capitalize())
            for i in self.dated:
                lanes[self.category[i]].idx.append(i)
        out = [lane for lane in lanes.values() if lane.idx]
        for lane in out:
            self._index_lane(lane)
        return out

    def _index_lane(self, lane: Lane) -> None:
        start, end = self.start, self.end
        lane.starts = [start[i] for i in lane.idx]
        lane.ends_sorted = sorted([end[i] for i in lane.idx])
        groups = [LaneGroup(lim) for lim in _GROUP_LIMITS]
        for k, i in enumerate(lane.idx):
            length = end[i] - start[i]
            for g in groups:
                if length <= g.max_len:
                    g.starts.append(start[i])
                    g.ks.append(k)
                    break
        lane.groups = [g for g in groups if g.ks]
