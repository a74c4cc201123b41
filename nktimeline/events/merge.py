"""Merge mentions (within and across articles) into Events, with consensus dates and conflicts.

* Mentions linked to the same reference-chronology entry form one event.
* Otherwise a dated mention joins a group with a compatible category, the same place (or, with
  no place, a same-day date or shared participants) and a date compatible by granularity
  containment ("in February" + "Feb. 27-28, 2019").  Finer dates are processed first, so a
  coarse mention joins the precise event it names.
* Year-less mentions ("June 12" in an undated article) join a group whose date has that
  month/day; otherwise they stay a year-unknown event (date None) rather than a wrong one.
* Mentions without any date only join an unambiguous group; alone they never make an event.
* The event keeps the best-supported date (articles agreeing with it, plus the record);
  every article whose date is incompatible beyond granularity gets a Conflict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from nktimeline.chronology import RefEvent, by_id
from nktimeline.events.dates import compatible, gap_days, partial_matches, rank
from nktimeline.events.index import GroupIndex, month_key
from nktimeline.events.lexicon import Lexicon
from nktimeline.events.mentions import Cand
from nktimeline.events.titles import build_title
from nktimeline.model import Conflict, DateValue, Event

SOFT_SLACK = 7  # days of tolerance for dates resolved against an estimated publication date
DISSENT_GAP = 45  # a lone article this close to a well-supported date is a dissent, not news


@dataclass
class Group:
    cands: list[Cand] = field(default_factory=list)
    ref: RefEvent | None = None
    _date: tuple[DateValue | None] | None = None
    _cats: set[str] | None = None
    _place: tuple[str | None] | None = None
    _articles: set[str] | None = None

    def add(self, c: Cand) -> None:
        self.cands.append(c)
        self._date = None
        self._cats = None
        self._place = None
        self._articles = None

    @property
    def place(self) -> str | None:
        if self._place is None:
            places = Counter(c.place for c in self.cands if c.place)
            best = places.most_common(1)[0][0] if places else (self.ref.place if self.ref else None)
            self._place = (best,)
        return self._place[0]

    @property
    def articles(self) -> set[str]:
        if self._articles is None:
            self._articles = {c.article for c in self.cands}
        return self._articles

    def date(self) -> DateValue | None:
        if self._date is None:
            self._date = (self._compute_date(),)
        return self._date[0]

    def _compute_date(self) -> DateValue | None:
        hard = sorted((c.date for c in self.cands if c.date is not None and not c.soft), key=rank)
        if self.ref is not None:
            return self.ref.date if not hard else min([*hard, self.ref.date], key=rank)
        if hard:
            return hard[0]
        soft = sorted((c.date for c in self.cands if c.date is not None), key=rank)
        return soft[0] if soft else None

    def categories(self) -> set[str]:
        if self._cats is None:
            cats = {c.category for c in self.cands}
            if self.ref is not None:
                cats.add(self.ref.category)
            self._cats = cats
        return self._cats


def _cat_ok(lex: Lexicon, c: Cand, g: Group) -> bool:
    return all(lex.compatible_categories(c.category, k) for k in g.categories())


def _fits_dated(lex: Lexicon, c: Cand, g: Group) -> bool:
    gd = g.date()
    if c.date is None or gd is None:
        return False
    gp = g.place
    if c.place and gp and c.place != gp:
        return False
    if gap_days(c.date, gd) > SOFT_SLACK or not _cat_ok(lex, c, g):
        return False
    slack = SOFT_SLACK if c.soft or all(x.soft for x in g.cands if x.date) else 0
    if not compatible(c.date, gd, slack):
        return False
    if c.place and gp:
        return True
    # Without a place to compare, ask for the same span at a fine grain and some common
    # ground in people: "Wednesday's meeting" + "delegation to Pyongyang on Wednesday".
    fine = c.date.granularity in ("day", "week") and gd.granularity in ("day", "week")
    known_people = {p for x in g.cands for p in x.participants}
    if g.ref is not None:
        known_people |= set(g.ref.participants)
    return fine and compatible(c.date, gd) and bool(set(c.participants) & known_people)


def _pick(groups: list[Group], c: Cand) -> Group | None:
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    same_place = [g for g in groups if c.place and g.place == c.place]
    pool = same_place or groups
    same_cat = [g for g in pool if c.category in g.categories()]
    pool = same_cat or pool
    return pool[0] if len(pool) == 1 else None


def group_candidates(cands: list[Cand], lex: Lexicon) -> list[Group]:
    """Cluster candidate mentions into event groups (see module docstring)."""
    idx = GroupIndex()
    by_ref: dict[str, Group] = {}
    for c in cands:
        if c.ref_id:
            g = by_ref.get(c.ref_id)
            if g is None:
                g = by_ref[c.ref_id] = Group(ref=by_id(c.ref_id))
            g.add(c)
            idx.note(g, c)
    for g in by_ref.values():
        idx.add(g)
    rest = [c for c in cands if not c.ref_id]
    dated = sorted((c for c in rest if c.date is not None), key=lambda c: (c.soft, rank(c.date)))  # type: ignore[arg-type]
    for c in dated:
        assert c.date is not None
        g = _pick([g for g in idx.near(c.date, SOFT_SLACK, c.place) if _fits_dated(lex, c, g)], c)
        if g is None:
            g = Group()
        g.add(c)
        idx.note(g, c)
        idx.add(g)
    for c in (c for c in rest if c.date is None and c.partial is not None):
        assert c.partial is not None
        fits = [
            g
            for g in idx.partial_candidates(c.partial, c.place)
            if _cat_ok(lex, c, g)
            and (
                ((gd := g.date()) is not None and partial_matches(c.partial, gd))  # type: ignore[arg-type]
                or any(x.partial == c.partial for x in g.cands)
            )
        ]
        g = _pick(fits, c)
        if g is None:
            g = Group()
        g.add(c)
        idx.note(g, c)
        idx.add(g)
    for c in (c for c in rest if c.date is None and c.partial is None):
        if not c.place:
            continue
        # Undated mentions only join an event their own article reports at the same place.
        fits = [
            g
            for g in idx.of_article(c.article, c.place)
            if any(
                x.article == c.article
                and x.tdef.noun == c.tdef.noun
                and (x.date is not None or x.partial is not None)
                for x in g.cands
            )
        ]
        if len(fits) == 1:
            fits[0].add(c)
            idx.add(fits[0])
    _absorb_dissent(idx, lex)
    return [g for g in idx.groups if id(g) not in idx.dead]


def _absorb_dissent(idx: GroupIndex, lex: Lexicon) -> None:
    """A lone article dating a well-attested event a few weeks off is a dissent, not a new event."""
    # Only events reported by two or more articles can host a dissent: index just those.
    well_attested: dict[tuple[str | None, int], list[Group]] = {}
    for g in idx.groups:
        gd = g.date()
        if gd is not None and g.place and len(g.articles) >= 2 and id(g) not in idx.dead:
            for m in range(
                month_key(gd.start), min(month_key(gd.end), month_key(gd.start) + 24) + 1
            ):
                well_attested.setdefault((g.place, m), []).append(g)
    if not well_attested:
        return
    for lone in list(idx.groups):
        if id(lone) in idx.dead or lone.ref is not None or len(lone.articles) != 1:
            continue
        ld = lone.date()
        if ld is None or any(c.soft for c in lone.cands if c.date) or not lone.place:
            continue
        lo = month_key(ld.start - dt.timedelta(days=DISSENT_GAP))
        hi = month_key(ld.end + dt.timedelta(days=DISSENT_GAP))
        pool = {id(g): g for m in range(lo, hi + 1) for g in well_attested.get((lone.place, m), ())}
        hosts = [
            g
            for g in pool.values()
            if g is not lone
            and id(g) not in idx.dead
            and not (g.articles & lone.articles)
            and (gd := g.date()) is not None
            and 0 < gap_days(ld, gd) <= DISSENT_GAP
            and all(_cat_ok(lex, c, g) for c in lone.cands)
        ]
        if len(hosts) == 1:
            for c in lone.cands:
                hosts[0].add(c)
                idx.note(hosts[0], c)
            idx.dead.add(id(lone))
            idx.add(hosts[0])


def _consensus(g: Group) -> DateValue | None:
    hard = [c for c in g.cands if c.date is not None and not c.soft]
    options = [c.date for c in hard if c.date is not None]
    if g.ref is not None:
        options.append(g.ref.date)
    if not options:
        soft = sorted((c.date for c in g.cands if c.date is not None), key=rank)
        return soft[0] if soft else (g.ref.date if g.ref else None)

    def support(d: DateValue) -> tuple[int, tuple[int, int]]:
        arts = {c.article for c in hard if c.date is not None and compatible(c.date, d)}
        n = len(arts) + (2 if g.ref is not None and compatible(g.ref.date, d) else 0)
        return n, (-rank(d)[0], -rank(d)[1])

    anchor = max(options, key=support)
    agreeing = [d for d in options if compatible(d, anchor)]
    best = min(agreeing, key=rank)
    n = support(anchor)[0]
    conf = min(0.99, best.confidence + 0.05 * max(0, n - 1))
    return DateValue(best.start, best.end, best.granularity, best.source, conf, best.note)


def _conflicts(g: Group, date: DateValue | None) -> tuple[Conflict, ...]:
    if date is None:
        return ()
    out: list[Conflict] = []
    by_article: dict[str, list[Cand]] = {}
    for c in g.cands:
        if c.date is not None:
            by_article.setdefault(c.article, []).append(c)
    for art, cs in by_article.items():
        bad = [c for c in cs if not compatible(c.date, date, SOFT_SLACK if c.soft else 0)]  # type: ignore[arg-type]
        good = [c for c in cs if c not in bad and not c.soft]
        if bad and not good:
            d = bad[0].date
            assert d is not None
            others = {
                x.article
                for x in g.cands
                if x.article != art and x.date is not None and compatible(x.date, date)
            }
            basis = []
            if g.ref is not None and compatible(g.ref.date, date):
                basis.append("the reference chronology")
            if others:
                basis.append(f"{len(others)} other article{'s' if len(others) > 1 else ''}")
            said = f" ('{bad[0].timex.text}')" if bad[0].timex is not None else ""
            out.append(
                Conflict(
                    art,
                    d.label(),
                    f"this article says {d.label()}{said}; "
                    f"{' and '.join(basis) or 'the other sources'} give {date.label()}",
                )
            )
    return tuple(out)


def build_events(groups: list[Group], lex: Lexicon, pub_years: dict[str, int]) -> list[Event]:
    """Turn groups into Events sorted by date (undated last), with stable ids."""
    events: list[Event] = []
    for g in groups:
        date = _consensus(g)
        partial = None
        if date is None:
            partial = next((c.partial for c in g.cands if c.partial), None)
            if partial is None:
                continue
        place = g.place
        counts = Counter(p for c in g.cands for p in c.participants)
        participants = tuple(p for p, _ in counts.most_common())
        if not participants and g.ref is not None:
            participants = g.ref.participants
        category = _category(g, lex, date, pub_years)
        title = (
            g.ref.title
            if g.ref is not None
            else build_title(g.cands, category, place, participants, lex, partial)
        )
        seen: set[tuple[str, int, str]] = set()
        mentions = []
        for c in sorted(g.cands, key=lambda c: (c.article, c.sentence.start, c.trig_start)):
            key = (c.article, c.sentence.start, c.trigger)
            if key in seen:
                continue
            seen.add(key)
            mentions.append(c.to_mention())
        events.append(
            Event(
                id="",
                title=title,
                category=category,
                date=date,
                mentions=tuple(mentions),
                place=place,
                participants=participants,
                conflicts=_conflicts(g, date),
                reference=g.ref.id if g.ref else None,
            )
        )
    events.sort(key=lambda e: (e.date is None, e.date.start if e.date else None, e.title))
    used: set[str] = set()
    out = []
    for e in events:
        basis = f"{e.category}|{e.place}|{e.date.iso_start() if e.date else e.title}|{e.title}"
        eid = "ev-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:10]
        n = 2
        while eid in used:
            eid = f"{eid.split('~')[0]}~{n}"
            n += 1
        used.add(eid)
        out.append(
            Event(
                eid,
                e.title,
                e.category,
                e.date,
                e.mentions,
                e.place,
                e.participants,
                e.conflicts,
                e.reference,
            )
        )
    return out


def _category(g: Group, lex: Lexicon, date: DateValue | None, pub_years: dict[str, int]) -> str:
    if g.ref is not None and g.ref.category == "background":
        return "background"
    years = [pub_years[a] for a in g.articles if a in pub_years] or list(pub_years.values())
    if date is not None and years and date.end.year < min(years) - 5:
        return "background"
    cats = [c.category for c in g.cands if c.category != "background"] or ["background"]
    return max(cats, key=lambda k: (lex.category_rank.get(k, 0), cats.count(k)))
