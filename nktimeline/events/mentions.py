"""Event mentions inside one article: trigger + governing time expression + place + people.

A sentence may hold several triggers ("the talks in Stockholm last week ... since the failed
Hanoi summit in February"); each time expression goes to the trigger it is most plausibly
attached to (after the trigger and close beats before it and far; clause boundaries cost),
and each trigger takes the nearest place (attributive "Hanoi summit" first).  Speculative
("could be held", "seeking to hold"), negated ("no second meeting") and year-less mentions
are kept with flags; the caller decides what survives.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from nktimeline.events.dates import REF_VALUES, partial_of
from nktimeline.events.lexicon import Hit, Lexicon, TriggerDef
from nktimeline.model import Article, DateValue, Mention, Sentence, Timex

_CLAUSE = re.compile(
    r"[;:]|\s[―—–]\s|\s--\s|,\s+(?:but|while|although|whereas|and)\b|\s(?:since|after|before|while|but|until|when)\s"
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_PAIR = re.compile(
    r"((?:[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*|[Ii]nter)-(?:[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*|Korean))"
    r"(?:\s+[a-z][\w-]*){0,2}\s+$"
)
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"(?:\s+\S+){0,3}\s+$",
    re.IGNORECASE,
)
_NAMED = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,4})$")
_OBJECT = re.compile(
    r"\s+(?:to|of|at)\s+(?:a|an|the|its|his|their)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)"
    r"\s+(?:in|at|near|on)\s"
)
_LOCATIVE = re.compile(r"(?:\b(?:in|at|to|into|near|inside|visit|visited|visiting|toured)\s+(?:the\s+)?)$", re.I)
_ATTRIBUTIVE_GAP = re.compile(r"^(?:['’]s)?\s+(?:[a-z]+-[a-z-]+\s+)?$")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|and|to|through|thru|or)\s*$")
_STOP_NAMED = {"The", "A", "An", "This", "That", "In", "On", "At", "Before", "After", "Since"}


@dataclass
class Cand:
    """A mention under construction (mutable while merging)."""

    article: str
    sentence: Sentence
    trig_start: int
    trig_end: int
    trigger: str
    tdef: TriggerDef
    category: str
    place: str | None = None
    participants: tuple[str, ...] = ()
    timex: Timex | None = None
    date: DateValue | None = None
    partial: tuple[int, int | None] | None = None
    speculative: bool = False
    negated: bool = False
    future: bool = False
    soft: bool = False
    modifier: str | None = None
    ordinal: str | None = None
    obj: str | None = None
    named: str | None = None
    leaders: int = 0
    actor: str | None = None
    ref_id: str | None = None
    ref_compatible: bool | None = None
    extras: dict[str, object] = field(default_factory=dict)

    def to_mention(self) -> Mention:
        return Mention(
            article=self.article,
            sentence_start=self.sentence.start,
            sentence_end=self.sentence.end,
            sentence=self.sentence.text,
            category=self.category,
            trigger=self.trigger,
            place=self.place,
            participants=self.participants,
            timex=self.timex,
            date=self.date,
            caption=self.sentence.caption,
        )


def usable_anchor(tx: Timex, cue: re.Pattern[str]) -> bool:
    """May this timex anchor an event?  Durations, sets and vague present/future refs may not."""
    if tx.type not in ("DATE", "TIME"):
        return False
    value = tx.value or ""
    if value in ("PRESENT_REF", "FUTURE_REF"):
        return False
    if tx.date is not None and value not in REF_VALUES:
        return True
    return partial_of(value) is not None or cue.fullmatch(tx.text.strip().lower()) is not None


def _clauses_between(text: str, a: int, b: int) -> int:
    return len(_CLAUSE.findall(text, a, b)) if b > a else 0


def _cost(text: str, t0: int, t1: int, x0: int, x1: int) -> float:
    if x0 >= t1:
        cost = float(x0 - t1)
        between = (t1, x0)
    elif x1 <= t0:
        cost = (t0 - x1) * 1.5 + 15
        between = (x1, t0)
    else:
        return 0.0
    return cost + 45 * _clauses_between(text, *between)


def _combine_range(text: str, txs: list[Timex], i: int) -> Timex:
    """Join ``Sept. 18`` + ``20`` style neighbours into one span timex."""
    a = txs[i]
    if i + 1 >= len(txs):
        return a
    b = txs[i + 1]
    if (
        a.date is None or b.date is None or b.type != "DATE"
        or not _RANGE_JOIN.match(text[a.end : b.start])
        or b.date.start <= a.date.start or (b.date.start - a.date.end).days > 31
        or a.date.granularity != b.date.granularity
    ):
        return a
    date = DateValue(a.date.start, b.date.end, a.date.granularity, a.date.source,
                     min(a.date.confidence, b.date.confidence), a.date.note)
    return Timex(a.start, b.end, text[a.start : b.end], "DATE", f"{a.value}/{b.value}", date,
                 a.anchored or b.anchored)


def _window_words(text: str, lo: int, hi: int, n: int, before: bool) -> str:
    seg = text[lo:hi]
    parts = re.split(r"[,;:()]|\s[―—–-]+\s", seg)
    seg = parts[-1] if before else parts[0]
    words = _WORD.findall(seg)
    words = words[-n:] if before else words[:n]
    return " ".join(words)


_NOT_LOCATIVE = re.compile(r"\b(?:ambassador|envoy|embassy|minister|representative|mission)\s+to\s+(?:the\s+)?$", re.I)


def _place_cost(text: str, t0: int, t1: int, p: Hit, s0: int) -> float | None:
    """How plausibly place ``p`` is where the trigger at ``t0:t1`` happened (lower is better)."""
    if p.end <= t0:
        gap_text = text[p.end : t0]
        if _ATTRIBUTIVE_GAP.match(gap_text) and len(gap_text) < 16:
            cost = 0.0
        else:
            cost = (t0 - p.end) * 1.5 + 20 + 45 * _clauses_between(text, p.end, t0)
    elif p.start >= t1:
        cost = float(p.start - t1) + 45 * _clauses_between(text, t1, p.start)
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


def _assign_places(
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
        mine = sorted((c, j) for (ii, j), c in costs.items() if ii == i and (owner.get(j) == i or c <= 40))
        if mine:
            out[i] = places[mine[0][1]].key
    return out


def article_candidates(
    article: Article,
    sentences: list[Sentence],
    timexes: list[Timex],
    lex: Lexicon,
    cue: re.Pattern[str],
    dct: dt.date | None,
    soft: bool = False,
) -> list[Cand]:
    """All trigger mentions of one article, with anchors, places, people and flags."""
    text = article.body
    present = lex.strong_actors(text)
    # Scan the whole body once per lexicon, then hand each sentence its slice.
    all_triggers = lex.triggers_in(text)
    trig_starts = [h.start for h, _ in all_triggers]
    all_places = lex.places(text)
    place_starts = [h.start for h in all_places]
    all_actors = lex.actors_in(text, present)
    actor_starts = [h.start for h in all_actors]
    out: list[Cand] = []
    ti = 0
    timexes = sorted(timexes, key=lambda t: t.start)
    for sent in sentences:
        while ti < len(timexes) and timexes[ti].start < sent.start:
            ti += 1
        j = ti
        while j < len(timexes) and timexes[j].start < sent.end:
            j += 1
        if len(_WORD.findall(sent.text)) < 5:
            continue
        s_txs = [t for t in timexes[ti:j] if t.end <= sent.end]
        anchors: list[Timex] = []
        for k, tx in enumerate(s_txs):
            if usable_anchor(tx, cue):
                anchors.append(_combine_range(text, s_txs, k))
        # drop anchors swallowed by a combined range
        anchors = [a for a in anchors if not any(o is not a and o.start <= a.start and a.end <= o.end
                                                 and (o.end - o.start) > (a.end - a.start) for o in anchors)]
        a, b = bisect_left(trig_starts, sent.start), bisect_left(trig_starts, sent.end)
        triggers = [t for t in all_triggers[a:b] if t[0].end <= sent.end]
        a, b = bisect_left(actor_starts, sent.start), bisect_left(actor_starts, sent.end)
        actor_hits = [Hit(h.start - sent.start, h.end - sent.start, h.key, h.weak)
                      for h in all_actors[a:b] if h.end <= sent.end]
        participants = tuple(dict.fromkeys(h.key for h in actor_hits))
        countries = {lex.actors[p].country for p in participants if lex.actors[p].role == "leader"}
        if not triggers:
            triggers = _copresence(text, sent, actor_hits, anchors, lex, countries)
            if not triggers:
                continue
        a, b = bisect_left(place_starts, sent.start), bisect_left(place_starts, sent.end)
        places = [h for h in all_places[a:b] if h.end <= sent.end]
        assigned = _assign(text, triggers, anchors)
        where = _assign_places(text, triggers, places, sent.start)
        for idx, (hit, tdef) in enumerate(triggers):
            if idx not in assigned and idx not in where:
                continue  # neither a date nor a place: nothing could ever anchor or merge it
            c = Cand(article.id, sent, hit.start, hit.end, hit.key, tdef, tdef.category)
            c.place = where.get(idx)
            c.participants = participants
            c.actor = _nearest_actor(actor_hits, hit.start - sent.start)
            c.leaders = len(countries)
            tx = assigned.get(idx)
            if tx is not None:
                c.timex = tx
                if tx.date is not None and tx.value not in REF_VALUES:
                    c.date = tx.date
                    c.soft = soft and tx.anchored
                else:
                    c.partial = partial_of(tx.value)
            _flags(text, sent, c, lex)
            if c.date is not None and c.timex is not None and dct is not None:
                c.date = _local_tense(c.date, c.timex, c.future, dct)
            _title_hints(text, sent, c, lex)
            if c.category == "talks" and tdef.noun in ("meeting", "talks") and _leaders_near(
                lex, actor_hits, hit.start - sent.start, hit.end - sent.start
            ):
                c.category = "summit"
            if c.date is not None and dct is not None and c.date.end.year < dct.year - 5:
                c.category = "background"
            out.append(c)
    return out


def _leaders_near(lex: Lexicon, hits: list[Hit], t0: int, t1: int) -> bool:
    """Two leaders of different countries within reach of the trigger make it a summit."""
    near = {lex.actors[h.key].country for h in hits
            if lex.actors[h.key].role == "leader" and h.end >= t0 - 90 and h.start <= t1 + 60}
    return len(near) >= 2


def _nearest_actor(hits: list[Hit], pos: int) -> str | None:
    """The person closest before the trigger (its subject or possessor), else after it."""
    before = [h for h in hits if h.end <= pos]
    if before:
        return before[-1].key
    return hits[0].key if hits else None


def _copresence(
    text: str, sent: Sentence, actor_hits: list[Hit], anchors: list[Timex], lex: Lexicon,
    countries: set[str],
) -> list[tuple[Hit, TriggerDef]]:
    """Two leaders of different countries at one place on a date make a meeting."""
    if len(countries) < 2 or not anchors or not lex.places(sent.text):  # rare: no trigger here
        return []
    first = actor_hits[0]
    return [(Hit(sent.start + first.start, sent.start + first.end, ""),
             TriggerDef("summit", "meeting", 2))]


def _assign(text: str, triggers: list[tuple[Hit, TriggerDef]], anchors: list[Timex]) -> dict[int, Timex]:
    """Give each anchor to its cheapest trigger; triggers left over may share an adjacent one."""
    best_for_trigger: dict[int, tuple[float, Timex]] = {}
    for tx in anchors:
        costs = [(_cost(text, h.start, h.end, tx.start, tx.end), i) for i, (h, _) in enumerate(triggers)]
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


_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_YEAR = re.compile(r"\d{4}|'\d\d")


def _shift_year(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


_WEEKDAY_ONLY = re.compile(
    r"(?:on |last |this past )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:['’]s)?", re.I
)


def _local_tense(date: DateValue, tx: Timex, future: bool, dct: dt.date) -> DateValue:
    """A year-less "June"/"Sept. 18" takes the tense of its own clause ("who met ... in June,
    will remain ..." is past June), so it lies before the anchor when past, after when future.
    A bare weekday in a clause without future cues is the latest such day (photo captions are
    written in the present tense about the past)."""
    if tx.anchored and not future and date.granularity == "day" and date.start > dct \
            and _WEEKDAY_ONLY.fullmatch(tx.text.strip()):
        back = dt.timedelta(days=7 * (1 + (date.start - dct).days // 7))
        return DateValue(date.start - back, date.end - back, "day", date.source, date.confidence,
                         (date.note + "; " if date.note else "") + "weekday in a past clause")
    if not tx.anchored or date.granularity not in ("day", "month") or _YEAR.search(tx.text) \
            or not _MONTH_NAME.search(tx.text):
        return date
    shift = -1 if (not future and date.start > dct) else 1 if (future and date.end < dct) else 0
    if not shift:
        return date
    start, end = _shift_year(date.start, shift), _shift_year(date.end, shift)
    if date.granularity == "month":
        from nktimeline.events.dates import month_end

        end = month_end(start.replace(day=1)) if start.month == end.month else end
    return DateValue(start, end, date.granularity, date.source, date.confidence,
                     (date.note + "; " if date.note else "") + "year from the clause's tense")


def _flags(text: str, sent: Sentence, c: Cand, lex: Lexicon) -> None:
    before = _window_words(text, max(sent.start, c.trig_start - 80), c.trig_start, 8, True)
    after = _window_words(text, c.trig_end, min(sent.end, c.trig_end + 40), 3, False)
    near_before = " ".join(before.split()[-6:])
    c.negated = bool(lex.negation.search(near_before) or re.match(r"(?:\w+ )?(?:not|never)\b", after))
    c.speculative = bool(
        (lex.speculative and (lex.speculative.search(before) or lex.speculative.search(after)))
        or lex.intent.search(before)
    )
    upto = c.timex.start if c.timex is not None and c.timex.start >= c.trig_end else c.trig_end + 40
    around = before + " " + text[c.trig_end : min(sent.end, upto)]
    c.future = bool(lex.future and lex.future.search(around))


def _title_hints(text: str, sent: Sentence, c: Cand, lex: Lexicon) -> None:
    before = text[max(sent.start, c.trig_start - 60) : c.trig_start]
    if c.category == "election":
        words = before.split()
        kept: list[str] = []
        for w in reversed(words[-4:]):
            if w.lower() in lex.election_qualifiers or (w[:1].isupper() and w not in _STOP_NAMED):
                kept.insert(0, w)
            else:
                break
        if kept:
            c.extras["qualifier"] = " ".join(kept)
    m = _PAIR.search(before)
    if m:
        c.modifier = m.group(1)
    m = _ORDINAL.search(before)
    if m:
        c.ordinal = m.group(1).lower()
    if c.trigger[:1].isupper():
        m = _NAMED.search(before)
        if m:
            words = m.group(1).split()
            while words and words[0] in _STOP_NAMED:
                words.pop(0)
            if words:
                c.named = " ".join([*words, c.trigger])
    if c.category == "visit":
        m = _OBJECT.match(text, c.trig_end, sent.end)
        if m:
            c.obj = m.group(1)
