"""Open event detection: any clause whose predicate reports a happening, whatever the topic.

The language layer (:mod:`nktimeline.language`) gives each sentence its clauses: a verb
group (head verb, tense, voice, negation, modal) with its subject and object noun phrases.
A clause is an event when its head verb is not a state, an attribution or an auxiliary-like
verb (word lists in ``resources/events/open_events.json``); a light verb ("held a summit",
"gave a speech") hands the event to its object noun.  A reporting verb is an event only when
its act is news of its own ("announced"); "said" only tells who speaks, and a time
expression of the saying clause never dates the reported clause.  Nouns that name a
happening ("the launch", "the March 12 vote") are events when they carry their own date.

Category words (``categories``) only choose a colour and lane.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nktimeline.casefold import compile_lowered, lowered
from nktimeline.events.lexicon import Hit, TriggerDef
from nktimeline.model import Sentence
from nktimeline.paths import load_json
from nktimeline.quick_init import quick_init

OPEN_RANK = 2  # below every listed trigger word: a listed word names the event better
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@dataclass(frozen=True)
class _Words:
    states: frozenset[str]
    light: frozenset[str]
    attribution: frozenset[str]
    announcement: frozenset[str]
    event_nouns: frozenset[str]
    not_event_nouns: frozenset[str]
    categories: dict[str, str]
    audiences: frozenset[str]
    plan_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    particles: dict[str, frozenset[str]]
    deverbal_light: frozenset[str]


@lru_cache(maxsize=1)
def words() -> _Words:
    d = load_json("events/open_events.json")
    return _Words(
        frozenset(d["states"]),
        frozenset(d["light"]),
        frozenset(d["attribution"]),
        frozenset(d["announcement"]),
        frozenset(d["event_nouns"]),
        frozenset(d["not_event_nouns"]),
        dict(d["categories"]),
        frozenset(d["audiences"]),
        frozenset(d["plan_verbs"]),
        frozenset(d["directive_verbs"]),
        {k: frozenset(v) for k, v in d["particles"].items()},
        frozenset(d["deverbal_light"]),
    )


@quick_init
@dataclass(frozen=True)
class OpenInfo:
    """What the clause says around an open trigger (for titles, merging and dating)."""

    lemma: str
    subject: str | None
    obj: str | None
    tense: str  # past | present | perfect | future
    passive: bool
    negated: bool
    modal: bool
    reported: bool  # inside the complement of an attribution verb ("said that ...")
    # the attribution clause's own words, the reported clause cut out (its dates are not ours)
    saying: tuple[tuple[int, int], ...] | None
    clause: tuple[int, int] = (0, 0)  # the clause's span (with the clauses inside it)
    own: tuple[tuple[int, int], ...] = ()  # its words without the clauses inside it
    saying_only: bool = False  # a bare saying: an event only when dated in its own words
    said: str | None = None  # the gist of what was said (for a saying's title)
    participle: str | None = None  # the verb as written, for a passive clause's title
    light: str | None = None  # the light verb that hands its event to the object ("hold")
    # tied to another happening's time ("while the CEO underwent surgery", "When Jobs
    # introduced it, he praised ..."), or ongoing ("has been fighting"): no story time
    relative_time: bool = False
    # asked for or planned by the clause above ("ordered mosques to hold prayers on
    # Sunday"): a happening to come, dated only by a time in its own words
    directed: bool = False
    finite: bool = True  # a clause of its own, not a participle ("the largest ever built")
    # planned by a verb in the past tense ("was scheduled for the end of August"): the
    # plan's time may be past or to come
    planned_past: bool = False


def _own_part(saying: tuple[int, int], cl: Any) -> tuple[tuple[int, int], ...]:
    """The span of a saying clause without the reported clause inside it: "launched it on
    Tuesday, the company said" - Tuesday is the launch's, not the saying's."""
    s0, s1 = saying
    return tuple((a, b) for a, b in ((s0, cl.start), (cl.end, s1)) if b > a)


def _without_inner(text: str, cl: Any, clauses: list[Any]) -> tuple[tuple[int, int], ...]:
    """A clause's span with the spans of the clauses nested in it cut out: "He started
    Apple in 1976, and in 1984 the Mac was released" - 1984 is not in the starting's part.
    A gerund adjunct of time stays in: it tells the time of its clause's event ("found
    guilty after deliberating on Thursday", "crashed following a failure on Friday"); an
    appositive does not ("Jobs, born in 1955, has built ...")."""
    parts = [(cl.start, cl.end)]
    c0, c1 = cl.start, cl.end
    for o in clauses:
        if o is cl or not (c0 <= o.start and o.end <= c1) or (o.start == c0 and o.end == c1):
            continue  # not nested in it
        p = o.predicate
        if (
            p is not None
            and not p.finite
            and p.form != "infinitive"
            and (
                _TIME_ADJUNCT.search(text, max(0, o.start - 12), o.start)
                or _TIME_PARTICIPLE.match(text, o.start)
            )
        ):
            continue
        nxt = []
        for a, b in parts:
            if o.end <= a or b <= o.start:
                nxt.append((a, b))
                continue
            if a < o.start:
                nxt.append((a, o.start))
            if o.end < b:
                nxt.append((o.end, b))
        parts = nxt
    return tuple(parts)


_QUOTE_MARKS = "\"“”‘’'«»"


def _quoted(text: str, told: Any, cl: Any) -> bool:
    """Is what the saying tells a direct quotation ('Shin said: "The opening ..."', '"...,"
    she said')?"""
    if told is not None:
        head = text[told.start : told.start + 8].lstrip(" :,")
        if head[:1] in _QUOTE_MARKS or head.lower().startswith(('that "', "that “")):
            return True
    before = text[max(0, cl.start - 4) : cl.start]
    return any(ch in _QUOTE_MARKS for ch in before)


_TIME_ADJUNCT = re.compile(
    r"\b(?:after|before|while|when|upon|since|on|by|following|during)\s+$", re.IGNORECASE
)
# participles that work as prepositions of time: "crashed ... following anomalies"
_TIME_PARTICIPLE = re.compile(r"(?:following|preceding)\b", re.IGNORECASE)
_TEMPORAL_MARKERS = frozenset(
    {"when", "while", "after", "before", "as", "since", "until", "till", "once", "whenever"}
)


def _relative_time(cl: Any, index: int, vg: Any, timed: frozenset[int]) -> bool:
    """Is the clause's time told relative to another happening (a temporal adverbial
    clause, or the main clause of one: its ``index`` is among the parents of those,
    ``timed``) or an ongoing state ("has been fighting")?"""
    if vg.perfect and vg.head_text.lower().endswith("ing"):
        return True
    return _temporal_adverbial(cl) or index in timed


def _temporal_adverbial(cl: Any) -> bool:
    return (
        cl.kind == "adverbial"
        and isinstance(cl.marker, str)
        and cl.marker.lower() in _TEMPORAL_MARKERS
    )


GIST_WORDS = 8


def _gist(text: str, cl: Any) -> str | None:
    """The first words of a reported clause, without "that" and the closing punctuation."""
    if cl is None:
        return None
    words = text[cl.start : cl.end].strip().rstrip(".,;:").split()
    if words and words[0].lower() == "that":
        words = words[1:]
    if not words:
        return None
    return " ".join(trim_dangling(words[:GIST_WORDS], keep=2)).rstrip(",;:")


def trim_dangling(words: list[str], keep: int = 0) -> list[str]:
    """``words`` without the function words a cut left hanging at the end ("... a second
    summit will" -> "... a second summit"), keeping at least ``keep`` words."""
    end = len(words)
    while end > keep and words[end - 1].lower().strip(",;:") in _DANGLING:
        end -= 1
    return words[:end]


_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "as",
        "than",
    ]
)


def _opens_with_quote(text: str, s0: int, verb: int) -> bool:
    """Does the sentence open with a quotation closed before the saying verb ('"North Korea
    is asking ...," Kim said')?"""
    head = text[s0:verb].lstrip()
    if not head or head[0] not in _QUOTE_MARKS:
        return False
    return any(q in head[1:] for q in _QUOTE_MARKS)


def category_of(lemma: str) -> str:
    return words().categories.get(lemma, "other")


def is_event_noun(word: str) -> bool:
    w = word.lower()
    ws = words()
    if w in ws.not_event_nouns:
        return False
    if w in ws.event_nouns:
        return True
    if w.endswith("s") and w[:-1] in ws.event_nouns and w not in ws.not_event_nouns:
        return True  # "held prayers", "staged strikes"
    return w.endswith(("ing", "tion", "sion", "ment")) and len(w) > 6


# The event clauses of a text: their triggers, and what each clause says
Opened = tuple[list[tuple[Hit, TriggerDef]], dict[int, OpenInfo]]


def open_triggers(text: str, sentences: list[Sentence]) -> Opened:
    """Event predicates of every sentence, as triggers (offsets into ``text``), with what
    their clause says, keyed by trigger start."""
    try:
        from nktimeline.language import analyse_many
    except ImportError:  # the language layer is a separate package: without it, none
        return [], {}
    ws = words()
    out: list[tuple[Hit, TriggerDef]] = []
    info: dict[int, OpenInfo] = {}
    read = [sent for sent in sentences if not sent.caption]
    # past the first sentence a simple present states what is (see the tense test below):
    # a sentence with no other verb holds no event and is not chunked (None, as is one
    # that could not be analysed)
    analyses = analyse_many(text, [(sent.start, sent.end, sent.start > 0) for sent in read])
    for sent, an in zip(read, analyses, strict=True):
        if an is None:
            continue
        speakers = {
            (cl.start, cl.end): cl.subject
            for cl in an.clauses
            if cl.predicate is not None and cl.predicate.lemma in ws.attribution
        }
        sayings = list(speakers)
        timed: frozenset[int] | None = None  # parents of temporal adverbial clauses
        tree: _ClauseTree | None = None  # (made for a sentence's first bare saying)
        for index, cl in enumerate(an.clauses):
            vg = cl.predicate
            if vg is None:
                continue
            if not vg.finite and _EVER.search(text, max(0, vg.head_start - 8), vg.head_start):
                continue  # "the largest tanker ever built": a measure, not a happening
            if _attributive(text, vg):
                continue  # "the amount of dropped calls": an adjective, not a clause
            directed = _directed(an.clauses, cl, ws)
            # "will meet Putin on Wednesday, then hold talks on Saturday": a bare infinitive
            # sharing a future auxiliary is a clause of its own, to come
            shared = (
                vg.form == "infinitive"
                and vg.tense == "future"
                and not text[vg.start : vg.start + 3].lower().startswith("to ")
            )
            if not vg.finite and vg.form in ("infinitive", "gerund") and not (directed or shared):
                continue  # "to discuss", "seeking to hold": a purpose or plan, not a happening
            lemma = vg.lemma
            head_start, head_end = vg.head_start, vg.head_end
            key = text[head_start:head_end]
            # who said it (to whom): what was said is the event - unless the saying is
            # dated in its own words ("said on October 9 that it would close the roads"):
            # then the statement itself is news (kept only with that date of its own)
            bare_saying = lemma in ws.attribution and (
                cl.object is None or cl.object.head_text.lower() in ws.audiences
            )
            if bare_saying and (vg.negated or vg.modal or vg.tense == "future"):
                continue
            tense = "future" if directed else vg.tense
            planned_past = False
            particle: str | None = None
            light = None
            subj = cl.subject
            if (
                lemma in ws.plan_verbs
                and vg.passive
                and not vg.negated
                and subj is not None
                and is_event_noun(subj.head_text)
            ):
                # "His sentencing is scheduled for March 28": the sentencing, to come
                head_start, head_end = subj.head_start, subj.head_end
                key = text[head_start:head_end]
                lemma = subj.head_text.lower()
                tense = "future"
                planned_past = vg.tense == "past"
            elif (
                lemma in ws.plan_verbs
                and not vg.passive
                and not vg.negated
                and cl.object is not None
                and is_event_noun(cl.object.head_text)
            ):
                # "The judge set a sentencing hearing for March 28": the hearing, to come
                light = lemma
                obj = cl.object
                head_start, head_end = obj.head_start, obj.head_end
                key = text[head_start:head_end]
                lemma = obj.head_text.lower()
                tense = "future"
                planned_past = vg.tense == "past"
            elif lemma in ws.states:
                # "showed off the phone", "set off a bomb": the phrasal verb is a happening
                particle = _with_particle(text, vg.head_end, lemma, ws)
                if not particle:
                    continue
                lemma = f"{lemma} {particle}"
            if lemma in ws.light:
                obj = cl.object
                if (
                    vg.passive
                    and subj is not None
                    and is_event_noun(subj.head_text)
                    and not _NO_DET.match(subj.text)
                ):
                    # "The funeral was held on Friday", "a poll conducted by ...": the
                    # subject is the happening
                    light = lemma
                    head_start, head_end = subj.head_start, subj.head_end
                    key = text[head_start:head_end]
                    lemma = subj.head_text.lower()
                elif (
                    obj is not None
                    and not _NO_DET.match(obj.text)
                    and (
                        is_event_noun(obj.head_text)
                        or (not vg.passive and _deverbal(obj.head_text, lemma, ws))
                    )
                ):
                    # "held a summit", "took a break", "took control of the city"
                    light = lemma
                    head_start, head_end = obj.head_start, obj.head_end
                    key = text[head_start:head_end]
                    lemma = obj.head_text.lower()
                elif particle := _with_particle(text, vg.head_end, lemma, ws):
                    # "took over the company", "carried out the plan": the phrasal verb
                    # reports the happening, whatever its object
                    lemma = f"{lemma} {particle}"
                else:
                    continue
            if vg.tense == "present" and not vg.passive and sent.start > 0 and not directed:
                # a simple present in the story's body states what is (headlines and
                # scheduled events keep it: they are read elsewhere)
                continue
            around = [
                (s0, s1)
                for s0, s1 in sayings
                if s0 <= cl.start and cl.end <= s1 and (s0, s1) != (cl.start, cl.end)
            ]
            reported = bool(around) or bool(cl.complement_of_attribution)
            inner = min(around, key=lambda r: r[1] - r[0]) if around else None  # its saying
            saying = _own_part(inner, cl) if inner is not None else None
            what = None
            if bare_saying:
                if tree is None:
                    tree = _ClauseTree(an.clauses)
                told = next(
                    (
                        o
                        for o in tree.children.get(index, ())
                        if o.complement_of_attribution or o.start > vg.head_end
                    ),
                    None,
                )
                if told is None:  # "They met in June, officials said": what precedes
                    told = tree.last_ending_by(cl.start)
                tp = told.predicate if told is not None else None
                if (
                    tp is not None
                    and tp.tense in ("past", "perfect")
                    and not tp.modal
                    and not (tp.progressive and not tp.perfect)
                    and tp.lemma not in ws.states
                ):
                    # "said on Monday that they met in June": what is news is the meeting
                    # (not so "said on Monday that the North was preparing to ...", nor
                    # "said that it was ready": an ongoing act or a state is no happening)
                    continue
                if tp is not None and tp.modal and (tp.modal_verb or "").lower() in _MAYBE:
                    continue  # "could meet next month, a spokesman said": speculation
                if _quoted(text, told, cl) or _opens_with_quote(text, sent.start, head_start):
                    continue  # a quotation is the speaker's view, not a statement of news
                what = _gist(text, told)
            if timed is None:
                timed = frozenset(o.parent for o in an.clauses if _temporal_adverbial(o))
            hit = Hit(head_start, head_end, key)
            tdef = TriggerDef(
                "statement" if bare_saying else category_of(lemma), lemma, OPEN_RANK, None, True
            )
            out.append((hit, tdef))
            info[head_start] = OpenInfo(
                lemma,
                _subject_text(cl, inner, speakers),
                _object_text(cl, particle),
                tense,
                vg.passive,
                vg.negated,
                vg.modal,
                reported,
                saying if reported else None,
                (cl.start, cl.end),
                _without_inner(text, cl, an.clauses),
                bare_saying,
                what,
                text[vg.head_start : vg.head_end] if vg.passive else None,
                light,
                _relative_time(cl, index, vg, timed),
                directed,
                vg.finite,
                planned_past,
            )
    return out, info


class _ClauseTree:
    """A sentence's clauses by parent, and by where they end: what a saying reports, found
    in time linear in the sentence however many sayings it holds."""

    def __init__(self, clauses: Any) -> None:
        self.clauses = clauses
        self.children: dict[int, list[Any]] = {}
        for o in clauses:
            if o.parent is not None:
                self.children.setdefault(o.parent, []).append(o)
        # clauses with a predicate by end, with the latest index among those ending so far
        ends = sorted((o.end, k) for k, o in enumerate(clauses) if o.predicate is not None)
        self.ends = [e for e, _ in ends]
        self.latest: list[int] = []
        for _, k in ends:
            self.latest.append(max(k, self.latest[-1]) if self.latest else k)

    def last_ending_by(self, pos: int) -> Any:
        """The last clause (in clause order) with a predicate that ends by ``pos``."""
        n = bisect_right(self.ends, pos)
        return self.clauses[self.latest[n - 1]] if n else None


_MAYBE = frozenset({"could", "might", "may"})
# "No summit was held", "held no talks", "made little progress": nothing happened
_NO_DET = re.compile(r"(?:no|little|few|any)\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+(\w+)")


# "took over two hours", "gave back 5%": the word after is an amount, not a particle's object
_AMOUNT_AFTER = re.compile(
    r"\s+(?:\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|"
    r"nearly|almost|about|more|less)\s+(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?|decades?|percent|per\s+cent)\b)",
    re.IGNORECASE,
)


def _with_particle(text: str, end: int, lemma: str, ws: _Words) -> str | None:
    """The particle that makes a state or light verb a happening of its own ("showed
    off", "took over the company"), if one follows the verb."""
    parts = ws.particles.get(lemma)
    if not parts:
        return None
    m = _NEXT_WORD.match(text, end)
    if m is None or m.group(1).lower() not in parts:
        return None
    if _AMOUNT_AFTER.match(text, m.end()):
        return None
    return m.group(1).lower()


_PRONOUNS = frozenset(["it", "they", "he", "she", "we"])


def _subject_text(cl: Any, saying: tuple[int, int] | None, speakers: dict[Any, Any]) -> str | None:
    """The clause's subject, as a title shows it; a pronoun in what someone said is the
    speaker ("North Korea said *it* set off a bomb": North Korea)."""
    subj = cl.subject
    if subj is None:
        return None
    if saying is not None and subj.text.lower() in _PRONOUNS:
        speaker = speakers.get(saying)
        if speaker is not None and speaker.text.lower() not in _PRONOUNS:
            return str(speaker.text)
    return str(subj.text)


def _object_text(cl: Any, particle: str | None) -> str | None:
    """The clause's object, as a title shows it; after a particle read as a preposition
    ("took over *the company*"), the phrase it introduces."""
    if cl.object is not None:
        return str(cl.object.text)
    if particle:
        for np in cl.obliques:
            if np.prep is not None and np.prep.lower() == particle:
                return str(np.text)
    return None


def _deverbal(noun: str, verb: str, ws: _Words) -> bool:
    """Does a light verb's object name a happening by being a verb too ("took a break",
    "made a bid", "took control")?  Not a name, a state or a saying ("made sense")."""
    if verb not in ws.deverbal_light or not noun.islower():
        return False
    from nktimeline.language import known_verbs

    verbs = known_verbs()
    base = noun if noun in verbs else noun[:-1] if noun.endswith("s") else ""
    return (
        base in verbs
        and base not in ws.states
        and base not in ws.attribution
        and noun not in ws.not_event_nouns
        and base not in ws.not_event_nouns
    )


_EVER = re.compile(r"\bever\s+$", re.IGNORECASE)


# (for the lower-cased text: see ``casefold``)
_ATTRIBUTIVE_BEFORE = compile_lowered(
    r"(?:\b(?:of|the|a|an|its|their|his|her|our|with|for|from|any|some|no|more|fewer|many"
    r"|per|each|every)|\w['’]s)\s+$"
)
_NOUN_AFTER = re.compile(r"\s+(?!(?:by|in|on|at|to|for|from|with|as|after|before|and|or)\b)[a-z]")


def _attributive(text: str, vg: Any) -> bool:
    """Is a lone participle an adjective before its noun ("of dropped calls", "the
    announced plan")?"""
    # (the tagger may read it as a past tense: no finite verb follows "of" or "the")
    return (
        vg.head_start == vg.start
        and vg.head_end == vg.end
        and text[vg.head_start : vg.head_end].lower().endswith(("ed", "en"))
        and _NOUN_AFTER.match(text, vg.head_end) is not None
        and _ATTRIBUTIVE_BEFORE.search(lowered(text), max(0, vg.head_start - 8), vg.head_start)
        is not None
    )


def _directed(clauses: list[Any], cl: Any, ws: _Words) -> bool:
    """Is ``cl`` the infinitive complement of a verb that asks for or plans a happening
    ("ordered mosques *to hold prayers on Sunday*", "plans *to launch it in May*")?"""
    vg = cl.predicate
    if vg.finite or vg.form != "infinitive" or cl.parent is None:
        return False
    up = clauses[cl.parent].predicate
    return up is not None and up.lemma in ws.directive_verbs and not up.negated
