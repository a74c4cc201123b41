"""Event mentions inside one article: trigger + governing time expression + place + people.

A sentence may hold several triggers ("the talks in Stockholm last week ... since the failed
Hanoi summit in February"); each time expression goes to the trigger it is most plausibly
attached to (after the trigger and close beats before it and far; clause boundaries cost),
and each trigger takes the nearest place (attributive "Hanoi summit" first).  Speculative
("could be held", "seeking to hold"), negated ("no second meeting") and year-less mentions
are kept with flags; the caller decides what survives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from nktimeline.casefold import lowered
from nktimeline.events.anchoring import (
    assign,
    assign_places,
    combine_range,
    coordinated,
    long_quotes,
)
from nktimeline.events.cues import firmness, flags, local_tense, title_hints
from nktimeline.events.dates import REF_VALUES, add_months, month_end, partial_of
from nktimeline.events.lexicon import Hit, Lexicon, Scanned, TriggerDef
from nktimeline.events.open import (
    OPEN_RANK,
    Opened,
    OpenInfo,
    category_of,
    is_event_noun,
    open_triggers,
    trim_dangling,
)
from nktimeline.events.open import words as open_words
from nktimeline.guard import checkpoint
from nktimeline.model import Article, DateValue, Mention, Sentence, Timex
from nktimeline.temporal.tense import tense_at
from nktimeline.temporal.values import shift_days


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
    firm: bool = False
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
    field: str = "body"  # "title" for a mention read in the headline

    def to_mention(self, shared: dict[Any, Any] | None = None) -> Mention:
        """The frozen Mention.  With ``shared``, equal dates, people and sentences become one
        object across the corpus (a 10,000-article corpus holds ~200,000 dates but only
        ~15,000 distinct ones), which makes it smaller in memory and faster to reopen."""
        timex, date, people, text = self.timex, self.date, self.participants, self.sentence.text
        if shared is not None:
            if date is not None:
                date = shared.setdefault(date, date)
            if timex is not None and timex.date is not None:
                td = shared.setdefault(timex.date, timex.date)
                if td is not timex.date:
                    timex = Timex(
                        timex.start,
                        timex.end,
                        timex.text,
                        timex.type,
                        timex.value,
                        td,
                        timex.anchored,
                    )
            people = shared.setdefault(people, people)
            text = shared.setdefault(text, text)
        return Mention(
            article=self.article,
            sentence_start=self.sentence.start,
            sentence_end=self.sentence.end,
            sentence=text,
            category=self.category,
            trigger=self.trigger,
            place=self.place,
            participants=people,
            timex=timex,
            date=date,
            caption=self.sentence.caption,
            field=self.field,
        )


_CLOCK_ONLY = re.compile(
    r"(?:at |around |about |by )?[\d:.\s]+(?:[ap]\.?m\.?|h|hrs|gmt|utc|kst|est|edt|pst)?"
    r"|noon|midnight",
    re.IGNORECASE,
)
# "SEOUL, Jan. 9 (Yonhap) --", "BIARRITZ, France (Reuters) -": where and when it was filed.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,(?:[^()\n]{0,40})?\([^()\n]{1,40}\)\s*(?:--|—|–|-)\s*")


_PERIOD_TO_NOW = re.compile(
    r"^(?:the\s+)?(?:past|last|previous|recent)\s+(?:\w+\s+)?(?:decades?|centur(?:y|ies))$",
    re.IGNORECASE,
)


def usable_anchor(tx: Timex, cue: re.Pattern[str]) -> bool:
    """May this timex anchor an event?  Durations, sets, clock times without a day and vague
    present/future references may not."""
    if tx.type not in ("DATE", "TIME"):
        return False
    if _PERIOD_TO_NOW.match(" ".join(tx.text.split())):
        return False  # "in the past decade": a stretch reaching to now, no event's date
    if tx.type == "TIME" and _CLOCK_ONLY.fullmatch(tx.text.strip()):
        return False
    value = tx.value or ""
    if value in ("PRESENT_REF", "FUTURE_REF"):
        return False
    if tx.date is not None and value not in REF_VALUES:
        return True
    return partial_of(value) is not None or cue.fullmatch(tx.text.strip().lower()) is not None


def article_candidates(
    article: Article,
    sentences: list[Sentence],
    timexes: list[Timex],
    lex: Lexicon,
    cue: re.Pattern[str],
    dct: dt.date | None,
    soft: bool = False,
    day_known: bool = False,
    scanned: Scanned | None = None,
    opened: Opened | None = None,
) -> list[Cand]:
    """All trigger mentions of one article, with anchors, places, people and flags.
    ``soft``: ``dct`` is estimated; ``day_known``: estimated to the day (a window of one
    day), so the lead may still report the news of that day; ``scanned``: ``lex.scan`` of
    the body, ``opened``: its :func:`open_clauses`, when already found."""
    text = article.body
    low = lowered(text)  # for the lexicon's case-blind cue patterns (``casefold``)
    all_triggers, all_places, all_actors = scanned if scanned is not None else lex.scan(text)
    if opened is None:
        opened = open_clauses(article, sentences, timexes)
    opened, clause_info = opened
    open_starts = sorted(clause_info)
    open_infos = [clause_info[k] for k in open_starts]
    if opened:
        all_triggers = _with_open(text, all_triggers, opened, clause_info)
    trig_starts = [h.start for h, _ in all_triggers]
    place_starts = [h.start for h in all_places]
    actor_starts = [h.start for h in all_actors]
    out: list[Cand] = []
    timexes = sorted(timexes, key=lambda t: t.start)
    tx_starts = [t.start for t in timexes]
    context = _Context(article, sentences, dct, estimated=soft and not day_known)
    for sent in _worth_visiting(text, sentences, trig_starts, actor_starts, timexes, dct):
        checkpoint()
        ti, j = bisect_left(tx_starts, sent.start), bisect_left(tx_starts, sent.end)
        a, b = bisect_left(trig_starts, sent.start), bisect_left(trig_starts, sent.end)
        triggers = [t for t in all_triggers[a:b] if t[0].end <= sent.end]
        a_lo, a_hi = bisect_left(actor_starts, sent.start), bisect_left(actor_starts, sent.end)
        if len(sent.text.split()) < 5:
            continue
        s_txs = [t for t in timexes[ti:j] if t.end <= sent.end]
        dl = _DATELINE.match(sent.text)
        if dl is not None:  # the filing date is not the date of what is reported
            s_txs = [t for t in s_txs if t.start >= sent.start + dl.end()]
        anchors: list[Timex] = []
        for k, tx in enumerate(s_txs):
            told = context.offset(tx)
            if told is not None:  # "One year later": after the story's last date
                anchors.append(told)
            elif usable_anchor(tx, cue):
                anchors.append(combine_range(text, s_txs, k))
        anchors = _unswallowed(anchors)
        actor_hits = [
            Hit(h.start - sent.start, h.end - sent.start, h.key, h.weak)
            for h in all_actors[a_lo:a_hi]
            if h.end <= sent.end
        ]
        participants = tuple(dict.fromkeys(h.key for h in actor_hits))
        countries = {lex.actors[p].country for p in participants if lex.actors[p].role == "leader"}
        # "its worst day since Black Monday on October 19, 1987": a comparison's baseline
        # dates no happening of the sentence, only the history it names
        # (or what the comparison names: "stronger than its fifth test in September 2016")
        baselines = {}
        for a in anchors:
            m0 = _baseline(text, sent.start, a)
            if m0 is not None:
                baselines[id(a)] = (m0, a)
        history: dict[int, Timex] = {}
        phrases: dict[int, str] = {}
        if dct is not None:
            named = _history_names(text, anchors, triggers, dct)
            nouns, phrases = _dated_nouns(text, sent.start, anchors, triggers, named)
            named += nouns
            seen = (
                {h.start for h, _, _ in named} | {h.start for h, _ in triggers} if baselines else ()
            )
            for _, a in baselines.values():
                hit = _compared(text, sent.start, a)
                if (
                    hit is not None
                    and not any(hit.start <= t.start < hit.end for t, _ in triggers)
                    and hit.start not in seen
                ):
                    named.append((hit, _HISTORY, a))
            history = {h.start: tx for h, _, tx in named}
            if named:  # (the sentence's triggers are in text order already)
                triggers = sorted(
                    triggers + [(h, d) for h, d, _ in named], key=lambda t: t[0].start
                )
        if baselines:
            anchors = [a for a in anchors if id(a) not in baselines]
        if not triggers:
            triggers = _copresence(text, sent, actor_hits, anchors, lex, countries)
            if not triggers:
                continue
        a, b = bisect_left(place_starts, sent.start), bisect_left(place_starts, sent.end)
        places = [h for h in all_places[a:b] if h.end <= sent.end]
        o_lo, o_hi = bisect_left(open_starts, sent.start), bisect_left(open_starts, sent.end)
        sent_infos = open_infos[o_lo:o_hi]
        quotes = long_quotes(text, sent.start, sent.end)
        if quotes:  # a speaker's own words tell what they think, not a reported happening
            triggers = [
                t
                for t in triggers
                if t[1].rank != OPEN_RANK or not any(a < t[0].start < b for a, b in quotes)
            ]
            if not triggers:
                continue
        heads = _heads(text, anchors)  # dates inside a noun phrase
        if opened:  # bare sayings last: only a date in their own words is theirs
            sayings = [t for t in triggers if _saying_only(t, clause_info)]
            if sayings:
                triggers = [t for t in triggers if not _saying_only(t, clause_info)] + sayings
            assigned = assign(text, triggers[: len(triggers) - len(sayings)], anchors, quotes)
        else:
            assigned = assign(text, triggers, anchors, quotes)
        if opened:
            _by_clause(triggers, anchors, assigned, clause_info, sent_infos, heads)
        for k, (hit, _) in enumerate(triggers):
            if k in assigned:
                continue
            if hit.start in history:
                assigned[k] = history[hit.start]  # a name takes the date it stands by
                continue
            for m0, a in baselines.values():
                if m0 <= hit.start < a.start:
                    assigned[k] = a  # the compared happening: "than its fifth test in 2016"
                    break
        # a date inside a noun phrase about a thing ("the 1950-53 Korean War", "the 2011
        # version") is no time the paragraph goes on talking about ("In a Wednesday media
        # event" is)
        inside_phrases = {k for k, (_, happening) in heads.items() if not happening}
        where = assign_places(text, triggers, places, sent.start)
        if opened:
            _own_places(triggers, places, where, clause_info)
        extra = coordinated(text, triggers, anchors, assigned, where, places)
        # an event word without a date of its own talks about the paragraph's time (or, in
        # the lead, the news of the day), unless its sentence dates another word of the
        # same kind ("met ... on Tuesday for border talks": one happening)
        # only a sentence with no time expression at all borrows one
        undated = not s_txs and len(assigned) < len(triggers)
        # ... or, for an event clause, when every date of the sentence stands in another
        # event's words ("Jobs announced that Leopard would be released in 2007")
        taken = {id(a) for a in assigned.values() if a is not None}
        others_only = (
            bool(s_txs)
            and bool(opened)
            and all(
                id(a) in taken or any(s0 <= a.start < s1 for i in sent_infos for s0, s1 in i.own)
                for a in anchors
            )
        )
        listed_anchors = [
            a for k, a in assigned.items() if triggers[k][1].rank != OPEN_RANK and a is not None
        ]
        # (listed words only: an open clause's category is a colour, not a kind of event)
        dated_kinds = {
            triggers[k][1].category for k in assigned if triggers[k][1].rank != OPEN_RANK
        }
        for idx, (hit, tdef) in enumerate(triggers):
            checkpoint()  # one sentence may hold thousands of triggers
            own_clause = (
                clause_info.get(hit.start)
                if tdef.rank == OPEN_RANK
                else _host_clause(hit.start, sent_infos)
            )
            fallback = None
            if idx not in assigned and (tdef.rank == OPEN_RANK or tdef.category not in dated_kinds):
                if undated:
                    fallback = context.fallback(sent, hit.start, hit.end, own_clause)
                elif others_only and _free_of(own_clause, s_txs):
                    # the time an earlier clause of the sentence told ("One year later he
                    # was fired and he founded NeXT"), else the story's
                    fallback = _sentence_time(anchors, hit.start, own_clause, dct) or (
                        context.fallback(sent, hit.start, hit.end, own_clause)
                    )
            # the lead of a page without a date: kept undated, as evidence of when the page
            # was written (the same happening dated by another article)
            undated_lead = dct is None and idx not in assigned and sent.start in context.lead
            if (
                idx not in assigned
                and fallback is None
                and not undated_lead
                and (idx not in where or tdef.rank == OPEN_RANK)
            ):
                continue  # neither a date nor a place: nothing could ever anchor or merge it
            if (
                idx not in where
                and hit.key.lower() in lex.process_nouns
                and lex.process_prep.search(low, max(sent.start, hit.start - 12), hit.start)
            ):
                continue  # "progress in talks": the process, not a meeting that took place
            # "talking about his phone call with Zelensky, Wednesday": the date is the talk's
            # (looked for only when the trigger has a date to lose)
            topic = (
                lex.topic_before.search(low, max(sent.start, hit.start - 90), hit.start)
                if idx in assigned
                else None
            )
            # "met in Singapore last June and in Hanoi in February": one trigger, two events
            pairs = [(assigned.get(idx), where.get(idx)), *extra.get(idx, [])]
            closed = _phrase_closed(text, hit.end, pairs) if topic is not None else None
            open_info = clause_info.get(hit.start) if tdef.rank == OPEN_RANK else None
            # (a listed word: the clause it stands in, for a title if need be)
            host = (
                None
                if open_info is not None
                else own_clause
                if tdef.rank != OPEN_RANK
                else _host_clause(hit.start, sent_infos)
            )
            # a listed word that is itself its clause's verb reads that clause too
            verb = open_info if open_info is not None else clause_info.get(hit.start)
            for anchor, place in pairs:
                if (
                    anchor is not None
                    and topic is not None
                    and _dates_the_talk(topic.start(), hit.end, anchor, closed)
                ):
                    anchor = None
                info = open_info
                if (
                    info is not None
                    and anchor is not None
                    and anchor.date is None
                    and anchor in listed_anchors
                ):
                    continue  # a year-less date the sentence's listed event word holds
                # (a listed word reads the clause it stands in)
                if (
                    own_clause is not None
                    and anchor is not None
                    and own_clause.saying is not None
                    and any(s0 <= anchor.start < s1 for s0, s1 in own_clause.saying)
                ):
                    anchor = None  # "said on Thursday that it had signed": the saying's date
                if (
                    info is not None
                    and anchor is not None
                    and info.directed
                    and _UNTIL.search(text, max(0, anchor.start - 8), anchor.start)
                ):
                    anchor = None  # "asked the EU to delay Brexit until April": an end
                c = Cand(article.id, sent, hit.start, hit.end, hit.key, tdef, tdef.category)
                if undated_lead and anchor is None:
                    c.extras["undated_lead"] = True
                c.place = place
                if info is not None:
                    c.extras["clause"] = info
                elif host is not None:
                    c.extras["host_clause"] = host
                c.participants = participants
                c.actor = _nearest_actor(actor_hits, hit.start - sent.start)
                c.leaders = len(countries)
                if anchor is not None:
                    tx = anchor
                    c.timex = tx
                    if tx.date is not None and tx.value not in REF_VALUES:
                        c.date = tx.date
                        c.soft = soft and tx.anchored
                    else:
                        c.partial = partial_of(tx.value)
                if verb is not None:
                    # the clause's own verb group tells negation, tense and modality; the
                    # word windows read for a listed word would take another clause's
                    # ("announced ... that computers will feature Intel processors")
                    firmness(text, sent, c, lex)
                    info = verb
                    c.negated = info.negated
                    c.future = info.tense == "future"
                    c.speculative = info.modal and info.tense != "future"
                else:
                    flags(text, sent, c, lex)
                if anchor is None and fallback is not None and not (c.future or c.speculative):
                    c.date = fallback  # the paragraph's time, or the news of the day (lead)
                    # "the news of the day" is a loose date: it yields to a stated one
                    c.soft = c.soft or fallback.source == "publication" or soft
                if c.date is not None and c.timex is not None and dct is not None:
                    if info is not None:  # the clause's own verb tells its tense
                        past = info.tense in ("past", "perfect")
                    else:
                        past = tense_at(text, c.timex.start, c.timex.end) != "present"
                    planned_past = info is not None and info.planned_past
                    c.date = local_tense(c.date, c.timex, c.future, dct, past, planned_past)
                title_hints(text, sent, c, lex)
                if hit.start in phrases:  # "Trump's decision last month to postpone a trip"
                    c.named = phrases[hit.start]
                if (
                    c.category == "talks"
                    and tdef.noun in ("meeting", "talks")
                    and _leaders_near(lex, actor_hits, hit.start - sent.start, hit.end - sent.start)
                ):
                    c.category = "summit"
                if c.date is not None and dct is not None and c.date.end.year < dct.year - 5:
                    c.category = "background"
                out.append(c)
                if (
                    c.timex is not None
                    and not (c.negated or c.speculative or c.future)
                    and id(c.timex) not in inside_phrases
                    # a comparison's baseline or a named piece of history ("the worst
                    # since the Korean War of the early 1950s") is no time the paragraph
                    # goes on talking about
                    and id(c.timex) not in baselines
                    and hit.start not in history
                ):
                    context.note(c.timex)
    return out


_OFFSET = re.compile(
    r"^(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,3})\s+"
    r"(?P<u>day|week|month|year)s?\s+(?P<d>later|earlier|after|before|afterwards)$",
    re.IGNORECASE,
)
_COUNT = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
}  # fmt: skip


def shift_date(d: DateValue, n: int, unit: str) -> DateValue | None:
    """``d`` moved by ``n`` days/weeks/months/years, at the coarser of its own grain and the
    unit's (1984 + two days is still 1984)."""
    try:
        if unit == "year":
            if d.granularity in ("day", "week", "month", "season", "quarter", "year"):
                start = d.start.replace(year=d.start.year + n)
                end = d.end.replace(year=d.end.year + n)
            else:
                return None
        elif unit == "month":
            start, end = add_months(d.start, n), add_months(d.end, n)
            if d.granularity in ("day", "week"):
                start = end = start.replace(day=min(d.start.day, month_end(start).day))
                return DateValue(start, end, "month", "relative", d.confidence)
            end = month_end(end)
        else:
            days = n * (7 if unit == "week" else 1)
            start, end = shift_days(d.start, days), shift_days(d.end, days)
    except ValueError:  # February 29 in another year, or past the calendar's end
        return None
    if unit in ("day", "week") and d.granularity in ("day", "week"):
        return DateValue(start, end, d.granularity, "relative", d.confidence)
    if unit == "year" and d.granularity in ("day", "week"):
        return DateValue(
            start.replace(month=1, day=1), end.replace(month=12, day=31), "year", "relative",
            d.confidence,
        )  # fmt: skip
    if unit in ("day", "week"):
        return DateValue(d.start, d.end, d.granularity, "relative", d.confidence)
    return DateValue(start, end, d.granularity, "relative", d.confidence)


LEAD_SENTENCES = 2  # the first sentences of the story report the news of the day
CARRY_CONFIDENCE = 0.8  # a date carried over from an earlier sentence of the paragraph
PUBLICATION_CONFIDENCE = 0.5  # the lead dated by the publication date
# The story's own time dates undated past events of the news part of a report (its first
# sentences: news is told first, background and reactions follow).
STORY_SENTENCES = 40
STORY_CONFIDENCE = 0.5
STORY_REACH = 7
# a reported past event this near the top is the news the story tells (story time)
REPORTED_NEWS = 15


class _Context:
    """The time an undated sentence is talking about: the paragraph's reference time (the
    last date an earlier sentence of the same paragraph stated: "On Monday the board met.
    It approved the deal." -> Monday), else, for the lead in the past or present-perfect
    tense, the publication date."""

    def __init__(
        self,
        article: Article,
        sentences: list[Sentence],
        dct: dt.date | None,
        estimated: bool = False,
    ) -> None:
        self.text = article.body
        self.dct = dct
        # an estimated publication date is a window: no event is dated by it directly
        self.pub_day = None if estimated else dct
        self.paragraphs = [p.start for p in article.paragraphs] or [0]
        self.anchors: list[Timex] = []  # dates of accepted events, in text order
        self.anchor_starts: list[int] = []
        # (only the first few such sentences are needed: read no further)
        lead = list(
            islice(
                (s for s in sentences if not s.caption and len(s.text.split()) >= 5),
                LEAD_SENTENCES,
            )
        )
        first_para = (
            self.paragraphs[max(0, bisect_right(self.paragraphs, lead[0].start) - 1)] if lead else 0
        )
        nxt = bisect_right(self.paragraphs, first_para)
        para_end = self.paragraphs[nxt] if nxt < len(self.paragraphs) else len(self.text) + 1
        self.lead = {s.start for s in lead[:LEAD_SENTENCES] if s.start < para_end}
        # the place of each sentence in the story (captions left out)
        self.story = {s.start: k for k, s in enumerate(x for x in sentences if not x.caption)}

    def offset(self, tx: Timex) -> Timex | None:
        """ "One year later", "two days earlier": counted from the date the story told last
        (TimeML's anaphoric reference), not from the publication day; None for any other
        expression, or when the story has told no date before it."""
        m = _OFFSET.match(" ".join(tx.text.split()))
        if m is None:
            return None
        k = bisect_left(self.anchor_starts, tx.start) - 1
        if k < 0:
            return None
        prev = self.anchors[k]
        d = prev.date
        assert d is not None
        n = _COUNT.get(m["n"].lower()) or (int(m["n"]) if m["n"].isdigit() else None)
        if n is None or n > 500:
            return None
        if m["d"].lower() in ("earlier", "before"):
            n = -n
        unit = m["u"].lower()
        moved = shift_date(d, n, unit)
        if moved is None:
            return None
        value = moved.iso_start()
        note = f"'{tx.text}' after '{prev.text}'"
        return dataclasses.replace(
            tx,
            type="DATE",
            value=value,
            date=dataclasses.replace(moved, confidence=round(d.confidence * 0.9, 3), note=note),
            anchored=False,
        )

    def note(self, tx: Timex) -> None:
        """``tx`` dated an accepted event: later sentences of its paragraph may carry it."""
        if tx.date is None or tx.value in REF_VALUES:
            return
        if self.anchor_starts and tx.start <= self.anchor_starts[-1]:
            # sentences are visited in order: an earlier date comes from the same sentence
            # ("Yesterday, at this year's conference, ..."), kept in text order
            k = bisect_left(self.anchor_starts, tx.start)
            if k < len(self.anchor_starts) and self.anchor_starts[k] == tx.start:
                return
            self.anchors.insert(k, tx)
            self.anchor_starts.insert(k, tx.start)
            return
        self.anchors.append(tx)
        self.anchor_starts.append(tx.start)

    def fallback(
        self, sent: Sentence, t0: int, t1: int, info: OpenInfo | None = None
    ) -> DateValue | None:
        """The date for an event word at ``t0``..``t1`` of ``sent`` with no date of its own
        (``info``: what its clause says, for an open event)."""
        para = self.paragraphs[max(0, bisect_right(self.paragraphs, sent.start) - 1)]
        k = bisect_left(self.anchor_starts, sent.start) - 1
        if k >= 0 and self.anchors[k].start >= para:
            tx = self.anchors[k]
            d = tx.date
            assert d is not None
            if d.start <= (self.dct or d.start) and tense_at(self.text, t0, t1) == "past":
                return _carried(tx, CARRY_CONFIDENCE, "the paragraph's time", "an earlier sentence")
        if (
            self.pub_day is not None
            and sent.start in self.lead
            and tense_at(self.text, t0, t1) != "future"
        ):
            return DateValue(
                self.pub_day,
                self.pub_day,
                "day",
                "publication",
                PUBLICATION_CONFIDENCE,
                "the lead reports the news of the publication day",
            )
        if (
            self.dct is not None
            and self.story.get(sent.start, STORY_SENTENCES) < STORY_SENTENCES
            and info is not None
            and info.tense in ("past", "perfect")
            and (
                not info.reported
                # "X resigned, the statement said" near the top: the news itself
                or (info.tense == "past" and self.story.get(sent.start, 99) < REPORTED_NEWS)
            )
            and not info.relative_time
            and not (info.modal or info.negated)
        ):
            # the story's own time: the last date of the news the article has told so far
            for tx in reversed(self.anchors[: k + 1]):
                d = tx.date
                assert d is not None
                if d.granularity == "day" and 0 <= (self.dct - d.start).days <= STORY_REACH:
                    return _carried(
                        tx, STORY_CONFIDENCE, "the story's time", "earlier in the article"
                    )
            if self.pub_day is not None:
                return DateValue(
                    self.pub_day,
                    self.pub_day,
                    "day",
                    "publication",
                    STORY_CONFIDENCE,
                    "an undated past event of a news report: the story's own time",
                )
        return None


def open_clauses(article: Article, sentences: list[Sentence], timexes: list[Timex]) -> Opened:
    """The event clauses of the article's body, in the sentences whose events could be
    dated (see ``_datable``)."""
    return open_triggers(article.body, _datable(article, sentences, timexes))


def _datable(article: Article, sentences: list[Sentence], timexes: list[Timex]) -> list[Sentence]:
    """The sentences whose events could be dated, the only ones worth a clause analysis:
    those with a time expression, the lead, and the sentences after a dated one in the same
    paragraph (they may carry its date)."""
    starts = sorted(t.start for t in timexes)
    paras = [p.start for p in article.paragraphs] or [0]
    out: list[Sentence] = []
    lead = 0
    dated_para = -1
    for s in sentences:
        para = bisect_right(paras, s.start) - 1
        has = bisect_left(starts, s.start) < bisect_left(starts, s.end)
        if s.caption:
            continue
        if has or lead < LEAD_SENTENCES or para == dated_para or lead < STORY_SENTENCES:
            out.append(s)
        lead += 1
        if has:
            dated_para = para
    return out


# "fell sharply after the announcement": an event word in such a phrase after the
# predicate names another event (the cause or the occasion), not the clause's own
_OTHER_EVENT = re.compile(
    r"\b(?:after|before|since|following|ahead of|amid|despite|because of|over|of|for)"
    r"(?:\s+(?:the|a|an|its|his|her|their|this|that))?\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _with_open(
    text: str,
    listed: list[tuple[Hit, TriggerDef]],
    opened: list[tuple[Hit, TriggerDef]],
    info: dict[int, OpenInfo],
) -> list[tuple[Hit, TriggerDef]]:
    """The listed triggers plus the open ones whose clause holds none (a listed word names
    its event better: "the talks in Geneva ended" is the talks), in text order."""
    spans = sorted((h.start, h.end) for h, _ in listed)
    starts = [s for s, _ in spans]
    extra = []
    for h, d in opened:
        own = info[h.start].own
        if any(
            spans[k][0] < h.start
            or not _OTHER_EVENT.search(text, max(0, spans[k][0] - 24), spans[k][0])
            for c0, c1 in own
            for k in range(bisect_left(starts, c0), bisect_left(starts, c1))
        ):
            continue  # a listed event word in the same clause
        k = bisect_right(starts, h.start) - 1
        if k >= 0 and spans[k][1] > h.start:
            continue
        if k + 1 < len(spans) and spans[k + 1][0] < h.end:
            continue
        extra.append((h, d))
    return sorted([*listed, *extra], key=lambda t: t[0].start)


def _own_places(
    triggers: list[tuple[Hit, TriggerDef]],
    places: list[Hit],
    where: dict[int, str],
    info: dict[int, OpenInfo],
) -> None:
    """A saying's place is one in its own words: "Kim said Pyongyang will take steps" was
    not said in Pyongyang (the reported clause's places are its event's)."""
    for k, (hit, tdef) in enumerate(triggers):
        i = info.get(hit.start) if tdef.rank == OPEN_RANK else None
        if k not in where or i is None or not i.saying_only:
            continue
        if not any(
            p.key == where[k] and any(s0 <= p.start < s1 for s0, s1 in i.own) for p in places
        ):
            del where[k]


def _sentence_time(
    anchors: list[Timex], pos: int, i: OpenInfo | None, dct: dt.date | None
) -> DateValue | None:
    """The date of the last clause before ``pos`` in the sentence, for a past event."""
    if i is None or i.tense not in ("past", "perfect") or i.reported or i.relative_time:
        return None
    before = [a for a in anchors if a.end <= pos and a.date is not None]
    if not before:
        return None
    tx = before[-1]
    if dct is not None and tx.date is not None and tx.date.start > dct:
        return None
    return _carried(tx, CARRY_CONFIDENCE, "the sentence's time", "an earlier clause")


def _carried(tx: Timex, factor: float, what: str, where: str) -> DateValue:
    """``tx``'s date lent to an event without one, less sure by ``factor``."""
    d = tx.date
    assert d is not None
    return DateValue(
        d.start,
        d.end,
        d.granularity,
        d.source,
        round(d.confidence * factor, 3),
        f"{what} ('{tx.text}', {where})",
    )


def _free_of(i: OpenInfo | None, txs: list[Timex]) -> bool:
    """Is ``i`` an event clause of its own none of whose own words is a time expression?"""
    if i is None or not i.own or not i.finite:
        return False
    # ("on sale now" tells a state, not the announcement's time)
    return not any(s0 <= t.start < s1 for t in txs if t.value != "PRESENT_REF" for s0, s1 in i.own)


def _saying_only(t: tuple[Hit, TriggerDef], info: dict[int, OpenInfo]) -> bool:
    i = info.get(t[0].start) if t[1].rank == OPEN_RANK else None
    return i is not None and i.saying_only


def _host_clause(pos: int, infos: list[OpenInfo]) -> OpenInfo | None:
    """The event clause whose own words hold ``pos``."""
    for i in infos:
        if any(s0 <= pos < s1 for s0, s1 in i.own):
            return i
    return None


_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:the\s+)?$", re.IGNORECASE)


def _by_clause(
    triggers: list[tuple[Hit, TriggerDef]],
    anchors: list[Timex],
    assigned: dict[int, Timex],
    info: dict[int, OpenInfo],
    sentence_info: list[OpenInfo],
    heads: dict[int, tuple[int, bool]] | None = None,
) -> None:
    """Clause structure over distance for open events: a date in the event's own clause
    dates it; a date in another event's own clause is that event's, not this one's
    ("He started Apple in 1976, and in 1984 the Mac was released").  A date inside a noun
    phrase dates that phrase's head, not the verb ("calling for the 1950-53 Korean War to
    be ended"): ``heads`` maps such a date (by id) to where its phrase ends and whether its
    head names a happening."""
    if not anchors and not assigned:
        return  # (every step below only gives or takes away the sentence's dates)
    # A phrase whose head is an event word of its own keeps its date; one whose head names
    # a happening that is no event word here ("In a Wednesday media event", "a Monday
    # morning decline") still tells the time of the clause around it; any other phrase's
    # date is an attribute of a thing ("the 2011 version of the software").
    ends = {id(a): a.end for a in anchors}
    kept = {}
    for k, (end, happening) in (heads or {}).items():
        a_end = ends.get(k)
        if a_end is not None and (
            not happening or any(a_end <= h.start < end for h, _ in triggers)
        ):
            kept[k] = end

    def a_things(a: Timex, hit: Hit) -> bool:  # another phrase's date, not ``hit``'s
        return id(a) in kept and not a.end <= hit.start < kept[id(a)]

    # the clauses of the sentence's event predicates (those a listed word took over too)
    owners = [span for i in sentence_info for span in i.own]
    for k, (hit, tdef) in enumerate(triggers):
        i = info.get(hit.start) if tdef.rank == OPEN_RANK else None
        if i is None or not i.own:
            continue
        mine = [
            a
            for a in anchors
            if any(s0 <= a.start < s1 for s0, s1 in i.own) and not a_things(a, hit)
        ]
        if mine:
            assigned[k] = min(mine, key=lambda a: abs(a.start - hit.start))
            continue
        if i.saying_only or i.directed:
            # a saying is news only when dated in its own words; a happening asked for or
            # planned is dated by its own words only (the request's date is not its own)
            assigned.pop(k, None)
            continue
        a = assigned.get(k)
        if a is not None and (any(s0 <= a.start < s1 for s0, s1 in owners) or a_things(a, hit)):
            del assigned[k]
    # a listed event word given a thing's date ("released ... the 2011 version") loses it
    for k, (hit, tdef) in enumerate(triggers):
        a = assigned.get(k)
        if tdef.rank != OPEN_RANK and a is not None and a_things(a, hit):
            del assigned[k]
    # a listed event word left without a date takes one from its own clause's words (the
    # date distance gave to another event word, which has its own clause's date)
    taken = {id(a) for a in assigned.values()}
    for k, (hit, tdef) in enumerate(triggers):
        if tdef.rank == OPEN_RANK or k in assigned:
            continue
        host = _host_clause(hit.start, sentence_info)
        if host is None:
            continue
        mine = [
            a
            for a in anchors
            if id(a) not in taken
            and any(s0 <= a.start < s1 for s0, s1 in host.own)
            and not a_things(a, hit)
        ]
        if mine:
            assigned[k] = min(mine, key=lambda a: abs(a.start - hit.start))
            taken.add(id(assigned[k]))


_DETERMINED = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our)|['’]s)\s+$", re.IGNORECASE)
_NOT_A_HEAD = frozenset(
    [
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "must",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "than",
        "that",
        "which",
        "who",
    ]
)
_PHRASE_ON = re.compile(
    r"(?:[ -]+[\w'’-]+){1,4}?"
    r"(?=\s+(?:to|was|were|is|are|in|on|at|of|for|and|that|which)\b|[,.;:]|$)"
)


def _heads(text: str, anchors: list[Timex]) -> dict[int, tuple[int, bool]]:
    """Dates standing inside a noun phrase, before its head ("the 1950-53 Korean War",
    "the March 12 vote"): id -> (where the phrase ends, does its head name a happening)."""
    out: dict[int, tuple[int, bool]] = {}
    for a in anchors:
        if not _DETERMINED.search(text, max(0, a.start - 8), a.start):
            continue
        if (
            a.end >= len(text)
            or not text[a.end].isspace()
            or not text[a.end + 1 : a.end + 2].isalpha()
        ):
            continue
        m = _PHRASE_ON.match(text, a.end)
        if m is not None and m.group().split()[0].lower() not in _NOT_A_HEAD:
            head = m.group().split()[-1].strip("'’\"")
            out[id(a)] = (m.end(), is_event_noun(head))
    return out


def _unswallowed(anchors: list[Timex]) -> list[Timex]:
    """``anchors`` without those inside a longer one (a part of a combined range), in
    order; one sweep by start instead of comparing every pair."""
    if len(anchors) < 2:
        return anchors
    order = sorted(range(len(anchors)), key=lambda k: (anchors[k].start, -anchors[k].end))
    swallowed: set[int] = set()
    reach, reach_span = -1, (-1, -1)  # the furthest end so far, and that anchor's span
    for k in order:
        a = anchors[k]
        if reach >= a.end and reach_span != (a.start, a.end):
            swallowed.add(k)  # an anchor starting no later ends no earlier: it is longer
        if a.end > reach:
            reach, reach_span = a.end, (a.start, a.end)
    return [a for k, a in enumerate(anchors) if k not in swallowed]


def _worth_visiting(
    text: str,
    sentences: list[Sentence],
    trig_starts: list[int],
    actor_starts: list[int],
    timexes: list[Timex],
    dct: dt.date | None,
) -> list[Sentence]:
    """The sentences holding an event word (a trigger), two people (``_copresence``) or an
    old date (``_history_names``; a joined range ends with its later part, so its parts
    suffice) or a compared happening's date (``_compared``), in order: the only ones that
    can yield a mention."""
    starts = [s.start for s in sentences]

    def where(pos: int) -> int:
        k = bisect_right(starts, pos) - 1
        return k if k >= 0 and pos < sentences[k].end else -1

    people = Counter(where(pos) for pos in actor_starts)
    keep = {k for k, n in people.items() if n >= 2}
    keep.update(where(pos) for pos in trig_starts)
    if dct is not None:
        for t in timexes:
            k = where(t.start)
            if k in keep:
                continue  # kept already: its date need not be asked about
            if (
                _names_history(t, dct)
                or (t.date is not None and _baseline_search(text, max(0, t.start - 90), t.start))
                or (t.date is not None and _DATED_NOUN_NEAR.search(text, t.end, t.end + 3))
                or (t.date is not None and _noun_before(text, max(0, t.start - 70), t.start))
            ):
                keep.add(k)
    keep.discard(-1)
    return [sentences[k] for k in sorted(keep)]


def _names_history(tx: Timex, dct: dt.date) -> bool:
    """A stated date more than five years before the article, which may name history."""
    return not tx.anchored and tx.date is not None and tx.date.end.year < dct.year - 5


def _dates_the_talk(topic_start: int, trig_end: int, anchor: Timex, closed: int | None) -> bool:
    """For a trigger that is the topic of speech ("talking about his phone call with X"):
    does ``anchor`` date the speaking rather than the event?  Yes when it comes before the
    speech verb, or after the trigger's phrase is closed by a comma or a clause break
    (``closed``: where the first such break after the trigger ends, see ``_phrase_closed``)."""
    if anchor.start < topic_start:
        return True
    return anchor.start >= trig_end and closed is not None and closed <= anchor.start


def _phrase_closed(
    text: str, trig_end: int, pairs: list[tuple[Timex | None, str | None]]
) -> int | None:
    """Where the first comma or clause break after a trigger ends, looked for up to the
    trigger's last date: found once per trigger, not once per date (a trigger reported
    with many dates and places would make it quadratic).  A break lies between the trigger
    and one of its dates exactly when this one ends before that date starts."""
    far = max((a.start for a, _ in pairs if a is not None), default=trig_end)
    m = _PHRASE_END.search(text, trig_end, far) if far > trig_end else None
    return m.end() if m is not None else None


_PHRASE_END = re.compile(r"[,;:()]|\s[―—–-]+\s")
_NAME_AFTER = re.compile(r"\s+((?:[A-Z][\w'’-]*[ ]?){2,5})(?![\w'’-])")
_NAME_BEFORE = re.compile(
    r"(?:[\"“‘]((?:[A-Z][\w'’-]*[ ]?){1,4})[\"”’]|\b((?:[A-Z][\w'’-]*[ ]){1,3}[A-Z][\w'’-]*))"
    r",?\s+(?:on|in)\s+$"
)
_DAY_NAMES = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
_HISTORY = TriggerDef("background", "history", 1)


_NOUN_BEFORE = re.compile(
    r"(?P<np>(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*['’]s|\b(?:the|its|their|his|her))"
    r"\s+(?:[a-z][\w-]*\s+){0,2}?(?P<head>[a-z][a-z-]+))\s+$"
)


# what the phrase before a head noun ends with, in every match of ``_NOUN_BEFORE``
_NP_ENDS = ("the", "its", "their", "his", "her", "'s", "’s")
_HEAD_WORD = re.compile(r"[a-z][a-z-]+")


def _noun_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    r"""``_NOUN_BEFORE.search(text, lo, hi)``, skipping the costly pattern where it cannot
    match: every match ends in a space, after a lower-case head word that follows, at most
    two words on, a possessive or one of the determiners (``\s``, ``isspace`` and
    ``str.split`` agree on every character)."""
    if not text[hi - 1 : hi].isspace():
        return None
    words = text[lo:hi].split()[-4:]
    if (
        len(words) < 2
        or _HEAD_WORD.fullmatch(words[-1]) is None
        or not any(w.endswith(_NP_ENDS) for w in words[:-1])
    ):
        return None
    return _NOUN_BEFORE.search(text, lo, hi)


_POSSESSED = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}?(?P<head>[a-z][a-z-]+)\b")
_DATED_NOUN_NEAR = re.compile(r"['’]s\s")
_COMPLEMENT = re.compile(r"\s+to\s+(?:[^\s,;:.]+\s+){0,7}[^\s,;:.]+")


def _dated_nouns(
    text: str,
    s0: int,
    anchors: list[Timex],
    triggers: list[tuple[Hit, TriggerDef]],
    named: list[tuple[Hit, TriggerDef, Timex]],
) -> tuple[list[tuple[Hit, TriggerDef, Timex]], dict[int, str]]:
    """A happening named by a noun with its own date and no event word: "Trump's decision
    last month to postpone a trip", "Tuesday's vote".  The noun becomes the trigger; its
    phrase (possessor, noun, what it is about) names the event."""
    if not anchors:
        return [], {}
    taken = [(h.start, h.end) for h, _ in triggers] + [(h.start, h.end) for h, _, _ in named]
    out: list[tuple[Hit, TriggerDef, Timex]] = []
    phrases: dict[int, str] = {}
    for a in anchors:
        if a.date is None:
            continue
        m = _noun_before(text, max(s0, a.start - 70), a.start)
        hit = None
        if m is not None and _strict_event_noun(m.group("head")):
            h0, h1 = m.start("head"), m.end("head")
            tail = _COMPLEMENT.match(text, a.end)
            phrase = text[m.start("np") : h1] + (
                " ".join(trim_dangling(tail.group().split(" "))) if tail else ""
            )
            hit = Hit(h0, h1, text[h0:h1])
        else:
            p = _POSSESSED.match(text, a.end)
            if p is not None and _strict_event_noun(p.group("head")):
                h0, h1 = p.start("head"), p.end("head")
                phrase = text[a.start : h1]
                hit = Hit(h0, h1, text[h0:h1])
        if hit is None or any(t0 < hit.end and hit.start < t1 for t0, t1 in taken):
            continue
        out.append((hit, TriggerDef(category_of(hit.key.lower()), hit.key.lower(), 1), a))
        phrases[hit.start] = " ".join(phrase.split())
        taken.append((hit.start, hit.end))
    return out, phrases


def _strict_event_noun(word: str) -> bool:
    """A noun listed as naming a happening (the suffix guess is too loose here)."""
    return word.lower() in open_words().event_nouns


def _history_names(
    text: str, anchors: list[Timex], triggers: list[tuple[Hit, TriggerDef]], dct: dt.date
) -> list[tuple[Hit, TriggerDef, Timex]]:
    """History in passing without an event word: "the 1988 Seoul Olympics" names an event
    more than five years old right after its stated date (or just before it: "since
    "Black Monday" on October 19th, 1987"); the name becomes the trigger (with its date)."""
    out: list[tuple[Hit, TriggerDef, Timex]] = []
    ends: list[int] | None = None
    for tx in anchors:
        if not _names_history(tx, dct):
            continue
        m = _NAME_AFTER.match(text, tx.end)
        if m is not None:
            start, end = m.start(1), m.start(1) + len(m.group(1).rstrip())
        else:
            # "its worst day since "Black Monday" on October 19th, 1987": a name coined
            # for a happening (quoted, or ending in a day's name or an event noun)
            b = _NAME_BEFORE.search(text, max(0, tx.start - 60), tx.start)
            if b is None:
                continue
            g = 1 if b.group(1) else 2
            name = b.group(g).rstrip()
            last = name.split()[-1].lower()
            if g == 2 and not (last in _DAY_NAMES or is_event_noun(last)):
                continue
            start, end = b.start(g), b.start(g) + len(name)
        if ends is None:
            ends = [h.end for h, _ in triggers]  # (in text order, not overlapping)
        k = bisect_right(ends, start)  # the first trigger ending after the name starts
        if k < len(triggers) and triggers[k][0].start < end:
            continue  # it overlaps the name
        out.append((Hit(start, end, text[start:end]), _HISTORY, tx))
    return out


_BASELINE = re.compile(
    r"(?:\b(?:compared\s+(?:with|to)|versus|vs\.|than(?:\s+(?:in|on|at|during))?)"
    r"|\b(?:worst|best|lowest|highest|biggest|largest|smallest|strongest|weakest|deadliest"
    r"|sharpest|steepest|fastest|slowest|most|least|fewest|first)\b[^.;:!?]{0,40}?\bsince)"
    r"\s+(?P<rest>[^.;:!?\d]{0,40}?\s)?$",
    re.IGNORECASE,
)
# every match of ``_BASELINE`` holds one of these words: where none is, it cannot match
_BASELINE_WORD = re.compile(r"compared|versus|vs\.|than|since", re.IGNORECASE)


def _baseline_search(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_BASELINE.search(text, lo, hi)``, skipping the costly pattern where no comparison
    word stands (most dates).  Every match ends in a space; in plain ASCII the words are
    looked for in the lower-cased window (ten times faster than a case-blind pattern)."""
    if not text[hi - 1 : hi].isspace():
        return None
    seg = text[lo:hi]
    if seg.isascii():
        seg = seg.lower()
        if not any(w in seg for w in _BASELINE_WORDS):
            return None
    elif _BASELINE_WORD.search(text, lo, hi) is None:
        return None
    return _BASELINE.search(text, lo, hi)


_BASELINE_WORDS = ("than", "since", "compared", "versus", "vs.")


_COMPARED = re.compile(
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?(?P<np>[^,;]*?[\w’'-]+)"
    r"\s+(?:on|in|of|at|during)\s+$",
    re.IGNORECASE,
)


def _baseline(text: str, s0: int, tx: Timex) -> int | None:
    """Where the compared thing starts when ``tx`` is what something is compared with
    ("compared with March of 2008", "its worst day since Black Monday on October 19,
    1987", "higher than in 2019"), else None."""
    m = _baseline_search(text, max(s0, tx.start - 90), tx.start)
    if m is None:
        return None
    return m.start("rest") if m.group("rest") is not None else m.end()


def _compared(text: str, s0: int, tx: Timex) -> Hit | None:
    """The happening a comparison names before its date ("than North Korea's fifth test
    in September 2016"), when its last word is an event noun."""
    m = _baseline_search(text, max(s0, tx.start - 90), tx.start)
    if m is None or m.group("rest") is None:
        return None
    c = _COMPARED.fullmatch(text, m.start("rest"), tx.start)
    if c is None or len(c.group("np").split()) > 5:
        return None
    np0, np1 = c.start("np"), c.end("np")
    if not is_event_noun(text[np0:np1].split()[-1].strip("’'")):
        return None
    return Hit(np0, np1, text[np0:np1])


def _leaders_near(lex: Lexicon, hits: list[Hit], t0: int, t1: int) -> bool:
    """Two leaders of different countries within reach of the trigger make it a summit.
    (``hits`` are in text order and do not overlap: their ends are in order too, so the
    ones within reach are found by bisection.)"""
    lo = bisect_left(hits, t0 - 90, key=_end)
    hi = bisect_right(hits, t1 + 60, key=_start)
    near = {lex.actors[h.key].country for h in hits[lo:hi] if lex.actors[h.key].role == "leader"}
    return len(near) >= 2


def _nearest_actor(hits: list[Hit], pos: int) -> str | None:
    """The person closest before the trigger (its subject or possessor), else after it."""
    k = bisect_right(hits, pos, key=_end)  # (in text order, not overlapping: ends in order)
    if k:
        return hits[k - 1].key
    return hits[0].key if hits else None


def _start(h: Hit) -> int:
    return h.start


def _end(h: Hit) -> int:
    return h.end


def _copresence(
    text: str,
    sent: Sentence,
    actor_hits: list[Hit],
    anchors: list[Timex],
    lex: Lexicon,
    countries: set[str],
) -> list[tuple[Hit, TriggerDef]]:
    """Two leaders of different countries at one place on a date make a meeting."""
    if len(countries) < 2 or not anchors or not lex.places(sent.text):  # rare: no trigger here
        return []
    first = actor_hits[0]
    return [
        (
            Hit(sent.start + first.start, sent.start + first.end, ""),
            TriggerDef("summit", "meeting", 2),
        )
    ]
