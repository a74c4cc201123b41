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
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from nktimeline.chronology import RefEvent, by_id
from nktimeline.events.corefer import join_across_articles
from nktimeline.events.dates import compatible, gap_days, partial_matches, rank
from nktimeline.events.index import GroupIndex, month_key
from nktimeline.events.lexicon import Lexicon
from nktimeline.events.mentions import Cand
from nktimeline.events.titles import build_title
from nktimeline.guard import checkpoint
from nktimeline.model import Conflict, DateValue, Event
from nktimeline.temporal.values import shift_days

SOFT_SLACK = 7  # days of tolerance for dates resolved against an estimated publication date
DISSENT_GAP = 45  # a lone article this close to a well-supported date is a dissent, not news


class Group:
    """Mentions believed to report one event, with running aggregates (mentions are only ever
    added, so date, place, categories, articles and people are updated in O(1) per mention
    instead of being recomputed over the whole group at every comparison)."""

    __slots__ = (
        "_any_rank",
        "_best_any",
        "_best_hard",
        "_hard_rank",
        "_place_counts",
        "_place_order",
        "_top_place",
        "all_soft",
        "articles",
        "cands",
        "categories",
        "clauses",
        "date",
        "lemmas",
        "people",
        "place",
        "ref",
    )

    def __init__(self, ref: RefEvent | None = None) -> None:
        self.cands: list[Cand] = []
        self.ref = ref
        self.articles: set[str] = set()
        self.people: set[str] = set(ref.participants) if ref is not None else set()
        self.categories: set[str] = {ref.category} if ref is not None else set()
        self._best_hard: DateValue | None = None
        self._best_any: DateValue | None = None
        self._hard_rank = self._any_rank = (0, 0)  # ``rank`` of those two (once they are set)
        self._place_counts: dict[str, int] = {}
        self._place_order: dict[str, int] = {}
        self._top_place: str | None = None
        # the most frequent place of its mentions (ties: the one named first), else the record's
        self.place: str | None = ref.place if ref is not None else None
        # the finest date of a mention with a date of its own (else of any mention); the
        # reference record's when that is finer or no mention has one
        self.date: DateValue | None = ref.date if ref is not None else None
        self.all_soft = True  # no mention with a date of its own (not inferred) so far
        # the clauses of its first mentions (those told in one) and their predicates: what
        # ``_same_happening`` compares, derived once per mention rather than per comparison
        self.clauses: list[_Clause] = []
        self.lemmas: set[str] = set()

    def add(self, c: Cand) -> None:
        self.cands.append(c)
        if len(self.cands) <= SAME_SCAN:
            clause = _clause_of(c)
            if clause is not None:
                self.clauses.append(clause)
                if clause[0] is not None:
                    self.lemmas.add(clause[0])
        self.articles.add(c.article)
        self.people.update(c.participants)
        self.categories.add(c.category)
        d = c.date
        if d is not None:
            r = rank(d)
            if self._best_any is None or r < self._any_rank:
                self._best_any, self._any_rank = d, r
            if not c.soft:
                self.all_soft = False
                if self._best_hard is None or r < self._hard_rank:
                    self._best_hard, self._hard_rank = d, r
            hard = self._best_hard
            if self.ref is not None:
                if hard is not None and rank(hard) <= rank(self.ref.date):
                    self.date = hard
            else:
                self.date = hard if hard is not None else self._best_any
        p = c.place
        if p:
            counts, order = self._place_counts, self._place_order
            counts[p] = counts.get(p, 0) + 1
            order.setdefault(p, len(order))
            best = self._top_place
            if best is None or (counts[p], -order[p]) > (counts[best], -order[best]):
                self._top_place = self.place = p


# The predicate of the clause a mention stands in and the content words of its subject and
# object (see ``_content``): what ``_same_happening`` compares.
_Clause = tuple[str | None, dict[str, bool]]


def _clause_of(c: Cand) -> _Clause | None:
    """The clause a mention stands in (None for a listed word alone)."""
    info = c.extras.get("clause")
    if info is None:
        return None
    return getattr(info, "lemma", c.tdef.noun), _content(info)


def _names(c: Cand, lemma: str | None) -> list[str]:
    """The keys ``GroupIndex.file_keys`` files a group under that ``c`` could share.
    ``lemma``: the predicate of its clause."""
    names = ["p" + p for p in c.participants]
    if lemma is not None:
        names.append("l" + lemma)
    return names


def _may_fit(c: Cand, g: Group, lemma: str | None) -> bool:
    """A cheap necessary condition of ``_fits_dated``: the same place, or shared people,
    or a predicate ``_same_happening`` could match (a busy day holds many events).
    ``lemma``: the predicate of its clause."""
    if c.place and g.place:
        return c.place == g.place
    if not g.people.isdisjoint(c.participants):
        return True
    return lemma is not None and lemma in g.lemmas


def _cat_ok(lex: Lexicon, c: Cand, g: Group) -> bool:
    return g.categories <= lex.compatible_with(c.category)


def _fits_dated(c: Cand, g: Group, allowed: frozenset[str], clause: _Clause | None) -> bool:
    """``allowed``: the categories compatible with ``c``'s; ``clause``: ``_clause_of(c)``."""
    gd = g.date
    cd = c.date
    if cd is None or gd is None:
        return False
    gp, cp = g.place, c.place
    if cp and gp and cp != gp:
        return False
    if cd.end < gd.start:
        gap = (gd.start - cd.end).days
    elif gd.end < cd.start:
        gap = (cd.start - gd.end).days
    else:
        gap = 0
    # within a week either way when one side is inferred, else the spans must overlap
    if gap > SOFT_SLACK or (gap and not (c.soft or g.all_soft)):
        return False
    if not g.categories <= allowed:
        return False
    if cp and gp:
        return True
    # Without a place to compare, ask for the same span at a fine grain and some common
    # ground in people: "Wednesday's meeting" + "delegation to Pyongyang on Wednesday".
    fine = cd.granularity in ("day", "week") and gd.granularity in ("day", "week")
    if fine and gap == 0 and not g.people.isdisjoint(c.participants):
        return True
    return _same_happening(clause, g)


_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an of in on at to for and or by with from its their his her it they this "
        "that these those as is are was were be been has have had",
    )
)
SAME_SCAN = 8  # mentions of a group compared with a newcomer (the first ones suffice)


def _content(info: object) -> dict[str, bool]:
    """The content words of a clause's subject and object (lower case -> capitalised?)."""
    return _content_of(getattr(info, "subject", "") or "", getattr(info, "obj", "") or "")


@lru_cache(maxsize=65536)
def _content_of(subject: str, obj: str) -> dict[str, bool]:
    words = f"{subject} {obj}"
    out: dict[str, bool] = {}
    for w in words.split():
        w = w.strip(".,'’\"")
        if w and w.lower() not in _STOP:
            out[w.lower()] = out.get(w.lower(), False) or w[:1].isupper()
    return out


def _same_happening(clause: _Clause | None, g: Group) -> bool:
    """Any topic: the same predicate (or event word) told of the same participants -
    "FTX filed for Chapter 11 bankruptcy" and "FTX files for bankruptcy" - at compatible
    dates (checked by the caller).  ``clause``: the newcomer's (see ``_clause_of``)."""
    if clause is None:
        return False
    lemma, mine = clause
    if lemma is not None and lemma not in g.lemmas:
        return False  # (``g.lemmas``: those of its first SAME_SCAN mentions)
    if not mine:
        return False
    for other_lemma, theirs in g.clauses:  # (of its first SAME_SCAN mentions)
        if other_lemma != lemma:
            continue
        shared = mine.keys() & theirs.keys()
        if len(shared) >= 2 or any(mine[w] or theirs[w] for w in shared):
            return True
    return False


def _pick(groups: list[Group], c: Cand) -> Group | None:
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    same_place = [g for g in groups if c.place and g.place == c.place]
    pool = same_place or groups
    same_cat = [g for g in pool if c.category in g.categories]
    pool = same_cat or pool
    if len(pool) > 1 and c.date is not None:
        # "In June" fits every June event at that place; rather than start yet another
        # group, it joins the one that is itself dated just "June", if there is one.
        span = (c.date.start, c.date.end)
        pool = [g for g in pool if (gd := g.date) is not None and (gd.start, gd.end) == span]
    return pool[0] if len(pool) == 1 else None


def group_candidates(cands: list[Cand], lex: Lexicon) -> list[Group]:
    """Cluster candidate mentions into event groups (see module docstring)."""
    idx = GroupIndex()
    by_ref: dict[str, Group] = {}
    for c in cands:
        if c.ref_id:
            g = by_ref.get(c.ref_id)
            if g is None:
                g = by_ref[c.ref_id] = Group(by_id(c.ref_id))
            g.add(c)
            idx.note(g, c)
    for g in by_ref.values():
        idx.add(g)
    heads = [c for c in cands if not c.ref_id and c.field == "title"]
    rest = [c for c in cands if not c.ref_id and c.field != "title"]
    dated = sorted((c for c in rest if c.date is not None), key=lambda c: (c.soft, rank(c.date)))  # type: ignore[arg-type]
    # Hard dates come first (see the sort), and a hard date only joins a span it overlaps,
    # except in a reference group that holds nothing but inferred dates so far.
    soft_refs = [g for g in by_ref.values() if g.all_soft]
    for c in dated:
        checkpoint()
        assert c.date is not None
        allowed = lex.compatible_with(c.category)
        clause = _clause_of(c)
        lemma = None if clause is None else clause[0]
        # A group at this place dated with exactly this span is the one to join when it is
        # the only such group (the common case in a big corpus: one more report of a known
        # event), without weighing every other event of that month.
        same = (
            [g for g in idx.exact(c.place, c.date) if _fits_dated(c, g, allowed, clause)]
            if c.place
            else []
        )
        if len(same) == 1:
            g = same[0]
            g.add(c)
            idx.note(g, c)
            idx.add(g)
            continue
        # only the groups ``_may_fit`` could pass: at this place, or sharing people or
        # the predicate (a busy day holds many events)
        names = _names(c, lemma)
        if c.soft:
            near = idx.near_keyed(c.date, SOFT_SLACK, names, c.place)
        else:
            near = idx.near_keyed(c.date, 0, names, c.place)
            near += [g for g in soft_refs if g.all_soft and g not in near]
        g = _pick(
            [g for g in near if _may_fit(c, g, lemma) and _fits_dated(c, g, allowed, clause)], c
        )
        if g is None:
            g = Group()
        g.add(c)
        idx.note(g, c)
        idx.add(g)
    for c in (c for c in rest if c.date is None and c.partial is not None):
        checkpoint()
        assert c.partial is not None
        fits = [
            g
            for g in idx.partial_candidates(c.partial, c.place)
            if _cat_ok(lex, c, g)
            and (
                ((gd := g.date) is not None and partial_matches(c.partial, gd))  # type: ignore[arg-type]
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
        checkpoint()
        if not c.place:
            continue
        # Undated mentions only join an event their own article reports at the same place.
        fits = idx.of_article(c.article, c.tdef.noun, c.place)
        if len(fits) == 1:
            fits[0].add(c)
            idx.add(fits[0])
    _absorb_dissent(idx, lex)
    live = [g for g in idx.groups if id(g) not in idx.dead]
    return join_across_articles(live + _join_headlines(heads, live, lex))


HEADLINE_REACH = 7  # days before publication a headline's "news of the day" may report


def _same_news(head: DateValue, lead: DateValue) -> bool:
    """Can a headline dated ``head`` report the event dated ``lead``?  Overlapping dates;
    a headline dated only by its publication day reports a recent past event too."""
    if head.start <= lead.end and lead.start <= head.end:
        return True
    return head.source == "publication" and 0 <= (head.start - lead.end).days <= HEADLINE_REACH


def _join_headlines(heads: list[Cand], groups: list[Group], lex: Lexicon) -> list[Group]:
    """A headline's event is usually the lead's: a headline mention joins the group of the
    earliest mention of its own article with a compatible category and date (the same
    event word first); otherwise it makes an event of its own.  Returns the new groups."""
    by_article: dict[str, list[tuple[int, Group, Cand]]] = {}
    for g in groups:
        for c in g.cands:
            by_article.setdefault(c.article, []).append((c.sentence.start, g, c))
    new: list[Group] = []
    for h in heads:
        checkpoint()
        best: tuple[tuple[int, int], Group] | None = None
        for pos, g, c in by_article.get(h.article, ()):
            if not _cat_ok(lex, h, g):
                continue
            if h.date is not None and g.date is not None and not _same_news(h.date, g.date):
                continue
            key = (0 if c.tdef.noun == h.tdef.noun else 1, pos)
            if best is None or key < best[0]:
                best = (key, g)
        if best is not None:
            best[1].add(h)
        elif h.date is not None:
            g = Group()
            g.add(h)
            new.append(g)
    return new


def _absorb_dissent(idx: GroupIndex, lex: Lexicon) -> None:
    """A lone article dating a well-attested event a few weeks off is a dissent, not a new event."""
    # Only events reported by two or more articles can host a dissent: index just those, by
    # place, month and one of their categories (a host's categories must all be compatible
    # with the dissent's, so it is found under any one of them).
    well_attested: dict[tuple[str, int, str], list[Group]] = {}
    for g in idx.groups:
        gd = g.date
        if gd is not None and g.place and len(g.articles) >= 2 and id(g) not in idx.dead:
            cat = min(g.categories)
            m0 = month_key(gd.start)
            for m in range(m0, min(month_key(gd.end), m0 + 24) + 1):
                well_attested.setdefault((g.place, m, cat), []).append(g)
    if not well_attested:
        return
    for lone in list(idx.groups):
        checkpoint()
        if id(lone) in idx.dead or lone.ref is not None or len(lone.articles) != 1:
            continue
        ld = lone.date
        if ld is None or not lone.place or any(c.soft for c in lone.cands if c.date):
            continue
        allowed = frozenset.intersection(*(lex.compatible_with(k) for k in lone.categories))
        lo = month_key(shift_days(ld.start, -DISSENT_GAP))
        hi = month_key(shift_days(ld.end, DISSENT_GAP))
        hosts = _hosts(well_attested, idx.dead, lone, ld, range(lo, hi + 1), allowed)
        if len(hosts) == 1:
            for c in lone.cands:
                hosts[0].add(c)
                idx.note(hosts[0], c)
            idx.dead.add(id(lone))
            idx.add(hosts[0])


def _hosts(
    well_attested: dict[tuple[str, int, str], list[Group]],
    dead: set[int],
    lone: Group,
    ld: DateValue,
    months: range,
    allowed: frozenset[str],
) -> list[Group]:
    """Groups that could host ``lone``'s dissent; only whether there is exactly one matters,
    so the search stops at the second."""
    hosts: list[Group] = []
    seen: set[int] = set()
    for m in months:
        for k in allowed:
            for g in well_attested.get((lone.place, m, k), ()):  # type: ignore[arg-type]
                if id(g) in seen:
                    continue
                seen.add(id(g))
                gd = g.date
                if g is lone or id(g) in dead or gd is None:
                    continue
                if (
                    0 < gap_days(ld, gd) <= DISSENT_GAP  # overlapping dates agree: no dissent
                    and g.categories <= allowed
                    and not (g.articles & lone.articles)
                ):
                    hosts.append(g)
                    if len(hosts) > 1:
                        return hosts
    return hosts


def _consensus(g: Group) -> DateValue | None:
    hard = [c for c in g.cands if c.date is not None and not c.soft]
    options = [c.date for c in hard if c.date is not None]
    if g.ref is not None:
        options.append(g.ref.date)
    if not options:
        soft = sorted((c.date for c in g.cands if c.date is not None), key=rank)
        return soft[0] if soft else (g.ref.date if g.ref else None)

    cache: dict[tuple[dt.date, dt.date, str], tuple[int, tuple[int, int]]] = {}

    def support(d: DateValue) -> tuple[int, tuple[int, int]]:
        # many mentions repeat one date: count each distinct span once
        key = (d.start, d.end, d.granularity)
        got = cache.get(key)
        if got is None:
            arts = {c.article for c in hard if c.date is not None and compatible(c.date, d)}
            n = len(arts) + (2 if g.ref is not None and compatible(g.ref.date, d) else 0)
            r = rank(d)
            got = cache[key] = (n, (-r[0], -r[1]))
        return got

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
    events: list[tuple[tuple, tuple]] = []
    shared: dict[Any, Any] = {}  # one object per distinct date / people / sentence
    for g in groups:
        checkpoint()
        date = _consensus(g)
        if date is not None:
            date = shared.setdefault(date, date)
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
        seen: set[tuple[str, str, int, str]] = set()
        mentions = []
        for c in sorted(
            g.cands, key=lambda c: (c.article, c.field != "title", c.sentence.start, c.trig_start)
        ):
            key = (c.article, c.field, c.sentence.start, c.trigger)
            if key in seen:
                continue
            seen.add(key)
            mentions.append(c.to_mention(shared))
        fields = (
            title,
            category,
            date,
            tuple(mentions),
            place,
            participants,
            _conflicts(g, date),
            g.ref.id if g.ref else None,
            salience(g, date, participants),
        )
        events.append(((date is None, date.start if date else None, title), fields))
    events.sort(key=lambda e: e[0])
    used: set[str] = set()
    out = []
    for _key, f in events:
        title, category, date, place = f[0], f[1], f[2], f[4]
        basis = f"{category}|{place}|{date.iso_start() if date else title}|{title}"
        eid = "ev-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:10]
        n = 2
        while eid in used:
            eid = f"{eid.split('~')[0]}~{n}"
            n += 1
        used.add(eid)
        out.append(Event(eid, *f))
    return out


SALIENCE_WEIGHTS = {"sources": 0.35, "front": 0.25, "people": 0.15, "precision": 0.25}
_PRECISION = {"day": 1.0, "week": 0.8, "month": 0.6, "season": 0.4, "quarter": 0.4, "year": 0.3}


def salience(g: Group, date: DateValue | None, participants: tuple[str, ...]) -> float:
    """0..1: how many articles report it (saturating at four), whether a headline or a lead
    tells it, named participants, and how precisely (and how surely) it is dated."""
    sources = min(len(g.articles), 4) / 4
    front = 0.0
    for c in g.cands:
        if c.field == "title":
            front = 1.0
            break
        if c.sentence.start == 0 or (c.date is not None and c.date.source == "publication"):
            front = max(front, 0.7)
    people = min(len(participants), 2) / 2
    precision = 0.0
    if date is not None:
        precision = _PRECISION.get(date.granularity, 0.1) * min(1.0, date.confidence + 0.2)
    w = SALIENCE_WEIGHTS
    score = (
        w["sources"] * sources
        + w["front"] * front
        + w["people"] * people
        + w["precision"] * precision
    )
    if g.ref is not None:
        score = max(score, 0.5)  # a known event of the reference chronology
    return round(min(score, 1.0), 3)


def _category(g: Group, lex: Lexicon, date: DateValue | None, pub_years: dict[str, int]) -> str:
    if g.ref is not None and g.ref.category == "background":
        return "background"
    years = [pub_years[a] for a in g.articles if a in pub_years] or list(pub_years.values())
    if date is not None and years and date.end.year < min(years) - 5:
        return "background"
    cats = [c.category for c in g.cands if c.category != "background"] or ["background"]
    if g.ref is not None:
        cats.append(g.ref.category)  # the record knows what kind of event it is
    return max(cats, key=lambda k: (lex.category_rank.get(k, 0), cats.count(k)))
