"""Apply user edits on top of an extracted corpus: a pure function, Qt-free.

``apply_edits(corpus, edits)`` replays the edits in order.  Each edit finds its event by
mention keys (:mod:`nktimeline.edits.records`): the event that now holds most of the
edit's mentions, else most of its sentences (a newer engine may read another word of the
same sentence).  What cannot be found is returned as an orphan.  Every value the user set
carries its provenance: the event lists the fields set by the user with what extraction
had said, and a date set by the user has source ``user``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nktimeline.edits.records import Edit, Keys, MentionKey, user_date
from nktimeline.events.dates import compatible, rank
from nktimeline.model import Article, Conflict, Corpus, DateValue, Edited, Event, Mention

# dates resolved against an estimate of the publication day may be off by this many days
_LOOSE_SLACK = 7
_LOOSE_SOURCES = ("publication", "inferred")
DEFAULT_CATEGORY = "other"


@dataclass(frozen=True)
class Applied:
    """The corrected corpus, and what the edits could not be applied to."""

    corpus: Corpus
    orphans: tuple[Edit, ...] = ()  # edits whose event (or article) no longer exists
    hidden: tuple[Event, ...] = ()  # hidden events, which a "show" edit brings back
    removed: tuple[Article, ...] = ()  # articles removed from the project


def apply_edits(corpus: Corpus, edits: Sequence[Edit]) -> Applied:
    if not edits:
        return Applied(corpus)
    work = _Work(corpus)
    orphans = [e for e in edits if not work.apply(e)]
    return work.result(orphans)


def describe_date(d: DateValue | None) -> str:
    return "undated" if d is None else f"{d.label()} ({d.source})"


def _sort_key(e: Event) -> tuple:
    return (e.date is None, e.date.start if e.date else None, e.title)


class _Work:
    """Events in slots, with an index from mention keys (and sentences) to slots."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.keys = Keys.of(corpus)
        self.articles = list(corpus.articles)
        self.removed: list[Article] = []
        self.events: dict[int, Event] = {}
        self.hidden: set[int] = set()
        self.exact: dict[MentionKey, int] = {}
        self.sentences: dict[tuple[str, str, int, int], set[int]] = {}
        self._next = 0
        for e in corpus.events:
            self._add(e)

    # -- slots and the index ---------------------------------------------------------------
    def _add(self, e: Event) -> int:
        slot = self._next
        self._next += 1
        self.events[slot] = e
        self._index(slot, e, add=True)
        return slot

    def _index(self, slot: int, e: Event, add: bool) -> None:
        for m in e.mentions:
            k = self.keys.mention(m)
            if add:
                self.exact.setdefault(k, slot)
                self.sentences.setdefault(k.sentence, set()).add(slot)
            else:
                if self.exact.get(k) == slot:
                    del self.exact[k]
                slots = self.sentences.get(k.sentence)
                if slots is not None:
                    slots.discard(slot)

    def _put(self, slot: int, e: Event) -> None:
        self._index(slot, self.events[slot], add=False)
        self.events[slot] = e
        self._index(slot, e, add=True)

    def _drop(self, slot: int) -> None:
        self._index(slot, self.events.pop(slot), add=False)
        self.hidden.discard(slot)

    def locate(self, target: Iterable[MentionKey]) -> int | None:
        target = list(target)
        counts = Counter(self.exact[k] for k in target if k in self.exact)
        if not counts:
            counts = Counter(
                s for k in target for s in self.sentences.get(k.sentence, ()) if s in self.events
            )
        if not counts:
            return None
        return max(counts, key=lambda s: (counts[s], -s))

    # -- edits -----------------------------------------------------------------------------
    def apply(self, edit: Edit) -> bool:
        """Apply one edit; False when what it names no longer exists."""
        if edit.kind == "add":
            return self._add_event(edit)
        if edit.kind == "remove_article":
            return self._remove_article(edit.values["sha"])
        slot = self.locate(edit.target)
        if slot is None:
            return False
        if edit.kind == "hide":
            self.hidden.add(slot)
        elif edit.kind == "show":
            self.hidden.discard(slot)
        elif edit.kind == "set":
            self._put(slot, _set_fields(self.events[slot], edit.values))
        elif edit.kind == "merge":
            return self._merge(slot, edit.values["others"])
        elif edit.kind == "split":
            return self._split(slot, edit.values["moved"])
        elif edit.kind == "resolve":
            return self._resolve(slot, edit.values["winner"], edit.values.get("reason", ""))
        return True

    def _merge(self, slot: int, others: Sequence[Sequence[MentionKey]]) -> bool:
        found = []
        for keys in others:
            s = self.locate(keys)
            if s is not None and s != slot and s not in found:
                found.append(s)
        if not found:
            return False
        target = self.events[slot]
        parts = [self.events[s] for s in found]
        for s in found:
            self._drop(s)
        self._put(slot, merge_events(target, parts, self.keys))
        return True

    def _split(self, slot: int, moved: Sequence[MentionKey]) -> bool:
        e = self.events[slot]
        wanted = set(moved)
        sentences = {k.sentence for k in moved}
        keys = [self.keys.mention(m) for m in e.mentions]
        take = [k in wanted for k in keys]
        if not any(take):
            take = [k.sentence in sentences for k in keys]
        if all(take) or not any(take):
            return False
        stay = tuple(m for m, t in zip(e.mentions, take, strict=True) if not t)
        go = tuple(m for m, t in zip(e.mentions, take, strict=True) if t)
        basis = "|".join(sorted(repr(k.to_json()) for k in moved))
        new_id = f"{e.id.split('~')[0]}~{hashlib.sha1(basis.encode()).hexdigest()[:6]}"
        date = _best_date(go) or e.date
        origin = Edited("sources", f"split from '{e.title}'")
        part = dataclasses.replace(
            e,
            id=new_id,
            mentions=go,
            date=date,
            conflicts=_conflicts(go, date),
            edited=(*[x for x in e.edited if x.field != "sources"], origin),
            reference=None,
        )
        self._put(slot, dataclasses.replace(e, mentions=stay, conflicts=_conflicts(stay, e.date)))
        self._add(part)
        return True

    def _resolve(self, slot: int, winner: MentionKey, reason: str) -> bool:
        e = self.events[slot]
        chosen = next((m for m in e.mentions if self.keys.mention(m) == winner), None)
        if chosen is None:
            chosen = next(
                (m for m in e.mentions if self.keys.mention(m).sentence == winner.sentence), None
            )
        if chosen is None or chosen.date is None:
            return False
        d = chosen.date
        date = DateValue(
            d.start, d.end, d.granularity, "user", 1.0, f"chosen from {chosen.article}"
        )
        text = f"{chosen.article} wins" + (f": {reason.strip()}" if reason.strip() else "")
        fields = {"date": date, "resolution": text}
        self._put(slot, _with_provenance(e, fields))
        return True

    def _add_event(self, edit: Edit) -> bool:
        v = edit.values
        key: MentionKey = v["key"]
        art = next((a for a in self.articles if (a.sha256 or a.id) == key.sha), None)
        if art is None:
            return False
        text = art.text_of(key.field)
        if key.end > len(text):
            return False
        date = v.get("date")
        category = v.get("category") or DEFAULT_CATEGORY
        mention = Mention(
            art.id,
            key.start,
            key.end,
            text[key.start : key.end],
            category,
            key.trigger,
            date=date,
            field=key.field,
        )
        basis = repr(key.to_json())
        eid = "user-" + hashlib.sha1(basis.encode()).hexdigest()[:10]
        while any(e.id == eid for e in self.events.values()):
            eid += "~2"
        event = Event(
            eid,
            v["title"].strip(),
            category,
            date,
            (mention,),
            place=v.get("place") or None,
            edited=(Edited("added", "added by you"),),
            note=v.get("note") or "",
        )
        self._add(event)
        return True

    def _remove_article(self, sha: str) -> bool:
        art = next((a for a in self.articles if (a.sha256 or a.id) == sha), None)
        if art is None:
            return False
        self.articles.remove(art)
        self.removed.append(art)
        for slot in list(self.events):
            e = self.events[slot]
            keep = tuple(m for m in e.mentions if m.article != art.id)
            if len(keep) == len(e.mentions):
                continue
            if not keep:
                self._drop(slot)
                continue
            conflicts = tuple(c for c in e.conflicts if c.article != art.id)
            self._put(slot, dataclasses.replace(e, mentions=keep, conflicts=conflicts))
        return True

    def result(self, orphans: list[Edit]) -> Applied:
        shown = sorted((e for s, e in self.events.items() if s not in self.hidden), key=_sort_key)
        hidden = tuple(self.events[s] for s in sorted(self.hidden) if s in self.events)
        corpus = dataclasses.replace(
            self.corpus, articles=tuple(self.articles), events=tuple(_unique_ids(shown))
        )
        return Applied(corpus, tuple(orphans), hidden, tuple(self.removed))


def _unique_ids(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        eid, n = e.id, 2
        while eid in seen:
            eid = f"{e.id}~{n}"
            n += 1
        seen.add(eid)
        out.append(e if eid == e.id else dataclasses.replace(e, id=eid))
    return out


def _original(e: Event, name: str) -> str:
    if name == "date":
        return describe_date(e.date)
    if name == "participants":
        return ", ".join(e.participants)
    value = getattr(e, name)
    return "" if value is None else str(value)


def _with_provenance(e: Event, fields: dict) -> Event:
    """``e`` with ``fields`` replaced, each remembered as set by the user (the first
    original kept: re-editing a field does not forget what extraction said)."""
    edited = list(e.edited)
    for name in fields:
        if name in ("note", "resolution") or e.edited_field(name) is not None:
            continue
        edited.append(Edited(name, _original(e, name)))
    out = dataclasses.replace(e, **fields, edited=tuple(edited))
    if "date" in fields:
        out = dataclasses.replace(out, conflicts=_conflicts(out.mentions, out.date))
    return out


def _set_fields(e: Event, values: dict) -> Event:
    fields = dict(values)
    if "date" in fields and fields["date"] is not None:
        d = fields["date"]
        fields["date"] = user_date(d.start, d.end, d.granularity)
    if "participants" in fields:
        fields["participants"] = tuple(p.strip() for p in fields["participants"] if p.strip())
    if "place" in fields:
        fields["place"] = (fields["place"] or "").strip() or None
    if "title" in fields:
        fields["title"] = fields["title"].strip()
    return _with_provenance(e, fields)


def merge_events(target: Event, parts: Sequence[Event], keys: Keys) -> Event:
    """One event of ``target`` and ``parts``: their mentions (each sentence once), people
    and places; the target's date (else the first part's), conflicts recomputed."""
    seen: set[MentionKey] = set()
    mentions: list[Mention] = []
    for e in (target, *parts):
        for m in e.mentions:
            k = keys.mention(m)
            if k not in seen:
                seen.add(k)
                mentions.append(m)
    mentions.sort(key=lambda m: (m.article, m.field != "title", m.sentence_start))
    people = list(dict.fromkeys(p for e in (target, *parts) for p in e.participants))
    date = target.date or next((p.date for p in parts if p.date is not None), None)
    place = target.place or next((p.place for p in parts if p.place), None)
    titles = ", ".join(f"'{p.title}'" for p in parts)
    edited = [x for x in target.edited if x.field != "sources"]
    prior = target.edited_field("sources")
    note = f"merged with {titles}" if prior is None else f"{prior.original}; merged with {titles}"
    edited.append(Edited("sources", note))
    return dataclasses.replace(
        target,
        mentions=tuple(mentions),
        participants=tuple(people),
        date=date,
        place=place,
        conflicts=_conflicts(mentions, date),
        salience=max([target.salience, *(p.salience for p in parts)]),
        edited=tuple(edited),
    )


def _best_date(mentions: Sequence[Mention]) -> DateValue | None:
    """The finest date the mentions state (the first of the finest)."""
    dated = [m.date for m in mentions if m.date is not None]
    return min(dated, key=rank) if dated else None


def _conflicts(mentions: Sequence[Mention], date: DateValue | None) -> tuple[Conflict, ...]:
    """Articles all of whose dated mentions disagree with ``date``."""
    if date is None:
        return ()
    by_article: dict[str, list[DateValue]] = {}
    for m in mentions:
        if m.date is not None and m.date.source != "user":
            by_article.setdefault(m.article, []).append(m.date)
    out = []
    for art, dates in by_article.items():
        ok = [
            d
            for d in dates
            if compatible(d, date, _LOOSE_SLACK if d.source in _LOOSE_SOURCES else 0)
        ]
        if not ok:
            d = dates[0]
            out.append(
                Conflict(
                    art,
                    d.label(),
                    f"this article says {d.label()}; the event is dated {date.label()}",
                )
            )
    return tuple(out)
