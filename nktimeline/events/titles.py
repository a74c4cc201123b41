"""Short human titles for events, built from category, parties, place and the best mention."""

from __future__ import annotations

import calendar
import re

from nktimeline.events.lexicon import Lexicon, lexicon
from nktimeline.events.mentions import Cand
from nktimeline.events.open import OPEN_RANK
from nktimeline.language import present_3sg


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _parties(best: Cand, participants: tuple[str, ...], lex: Lexicon) -> str:
    if best.modifier:
        return _cap(best.modifier.replace("-", "–"))
    leaders = [p for p in participants if p in lex.actors and lex.actors[p].role == "leader"]
    chosen = (leaders or list(participants))[:2]
    return "–".join(lex.actors[p].short if p in lex.actors else p for p in chosen)


def _best(cands: list[Cand], lex: Lexicon) -> Cand:
    return max(
        cands,
        key=lambda c: (
            lex.category_rank.get(c.category, 0),
            c.tdef.rank,
            bool(c.named),
            bool(c.modifier),
            len(c.participants),
            -c.sentence.start,
        ),
    )


def build_title(
    cands: list[Cand],
    category: str,
    place: str | None,
    participants: tuple[str, ...],
    lex: Lexicon,
    partial: tuple[int, int | None] | None = None,
) -> str:
    """``Trump–Kim summit in Hanoi``, ``Special envoys visit Pyongyang``, ``Korean War`` ..."""
    best = _best(cands, lex)
    where = f" in {place}" if place else ""
    clause = _clause_title(cands, best, place)
    if clause:
        return clause
    ordinal = next((c.ordinal for c in cands if c.ordinal and c.category == best.category), None)
    named = next(
        (c.named for c in sorted(cands, key=lambda c: -len(c.named or "")) if c.named), None
    )
    if named and category in ("background", "other", "talks", "military", "election", "statement"):
        title = named + (where if place and place not in named else "")
    elif category == "election":
        qual = next((str(c.extras["qualifier"]) for c in cands if c.extras.get("qualifier")), "")
        noun = next((c.trigger.lower() for c in cands if c.extras.get("qualifier")), best.tdef.noun)
        if qual:
            title = f"{qual} {noun}"
        else:
            country = next((lex.actors[p].country for p in participants if p in lex.actors), "")
            title = (
                f"{best.tdef.noun} in {place or country}" if (place or country) else best.tdef.noun
            )
    elif category == "visit":
        title = _visit_title(cands, best, place, participants, lex)
    else:
        parties = _parties(best, participants, lex) or next(
            (str(c.extras["subject"]) for c in cands if c.extras.get("subject")), ""
        )
        noun = (
            "summit"
            if category == "summit" and any(c.tdef.noun == "summit" for c in cands)
            else best.tdef.noun
        )
        if place and place in parties:
            where = ""
        adj = next((str(c.extras["adj"]) for c in cands if c.extras.get("adj")), "")
        title = " ".join(p for p in (ordinal or "", parties, adj, noun) if p) + where
    if _bare(title, place):
        # "Statement", "Tuesday declared": the clause the event word stands in says more
        told = _clause_title(cands, best, place, hosts=True) or _clause_words(cands)
        if told:
            title = told
    if partial is not None:
        month, day = partial
        when = calendar.month_name[month] + (f" {day}" if day else "")
        title += f" ({when}, year unknown)"
    return _cap(title)


_CALENDAR = frozenset(
    w.lower()
    for w in (*calendar.day_name, *calendar.month_name[1:], "today", "yesterday", "tomorrow")
)


def _bare(title: str, place: str | None) -> bool:
    """A title that names no one, nothing and no place: a lone noun ("Incident"), or a date
    word and a verb ("Monday claimed")."""
    words = title.split()
    placed = bool(place) and title.endswith(f" in {place}")  # "Protest in Seoul" says where
    if len(words) == 2 and words[0].lower() in _ORDINALS:
        return True  # "First introduce": an ordinal and an event word
    return (len(words) <= 1 and not placed) or words[0].lower() in _CALENDAR


_ORDINALS = frozenset((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "last", "final",
))  # fmt: skip

TITLE_WORDS = 12  # a compressed clause: subject, verb, object, place


def _clause_of(c: Cand, hosts: bool) -> object | None:
    return c.extras.get("clause") or (c.extras.get("host_clause") if hosts else None)


def _subject(info: object | None) -> str | None:
    """A clause's subject as a title may name it: words, not a number the chunker took for
    one ("Jobs, aged *55*, has taken leave")."""
    subject = getattr(info, "subject", None)
    if not subject or not any(ch.isalpha() for ch in subject):
        return None
    return str(subject)


def _clause_title(
    cands: list[Cand], best: Cand, place: str | None, hosts: bool = False
) -> str | None:
    """For an event found from its clause (no listed event word names it): "North Korea
    tests two ICBMs", "GM files for bankruptcy" - the subject, the verb in the present
    tense, the object, the place when known.  None when the clause gives no subject.
    With ``hosts``, the clause a listed event word stands in counts too."""
    if not hosts and any(c.tdef.rank != OPEN_RANK for c in cands):
        return None  # a listed event word names the event: the category title says more
    named = [c for c in cands if _subject(_clause_of(c, hosts))]
    if not named:
        return None
    best = min(named, key=lambda c: (c.field != "title", c.article, c.sentence.start))
    info = _clause_of(best, hosts)
    subject = _subject(info)
    if not subject:
        return None
    obj = getattr(info, "obj", None)
    if subject.lower() in _CALENDAR and obj:
        # "Tomorrow marks the third anniversary": the anniversary, not tomorrow
        title = _trim(obj)
        if place and place.lower() not in title.lower():
            title += f" in {place}"
        return _cap(title)
    lemma = getattr(info, "light", None) or getattr(info, "lemma", best.tdef.noun)
    if getattr(info, "passive", False):
        written = getattr(info, "participle", None) or best.trigger.strip()
        verb = f"{'are' if _plural(subject) else 'is'} {written}"
    else:
        verb = present_3sg(lemma) if not _plural(subject) else lemma
    parts = [_trim(subject), verb]
    if obj and not getattr(info, "passive", False):
        parts.append(_trim(obj))
    elif getattr(info, "said", None) and not getattr(info, "passive", False):
        parts.append(str(info.said))  # "KPA says it would close roads and railways"
    title = " ".join(p for p in parts if p)
    if place and place.lower() not in title.lower():
        title += f" in {place}"
    words = title.split()
    if len(words) > TITLE_WORDS:
        title = " ".join(words[:TITLE_WORDS])
    return _cap(title)


_LEADING = re.compile(r"^(?:and|but|or|so|then|while|when|as|that|which|who)\b[\s,]*", re.I)


def _clause_words(cands: list[Cand]) -> str | None:
    """The first words of the clause an event was read in, when nothing shorter names it
    ("Rubber cases have been found to alleviate the reception issues")."""
    for c in sorted(cands, key=lambda c: (c.field != "title", c.article, c.sentence.start)):
        info = c.extras.get("clause") or c.extras.get("host_clause")
        span = getattr(info, "clause", None)
        if not span:
            continue
        s0, s1 = span[0] - c.sentence.start, span[1] - c.sentence.start
        text = c.sentence.text[max(0, s0) : max(0, s1)]
        text = _LEADING.sub("", " ".join(text.split()).strip(" ,;:\"“”'‘’"))
        words = text.rstrip(".,;:!?").split()
        if len(words) >= 3:
            return _cap(_trim_words(words))
    return None


def _trim_words(words: list[str]) -> str:
    out = words[:TITLE_WORDS]
    if out and out[0].lower() in ("the", "a", "an"):
        out = out[1:]
    return " ".join(out).rstrip(",;:")


_DETERMINERS = ("the ", "a ", "an ")


def _trim(phrase: str) -> str:
    """A noun phrase for a title: without a leading article, at most six words."""
    p = " ".join(phrase.split())
    low = p.lower()
    for d in _DETERMINERS:
        if low.startswith(d) and len(p) > len(d) + 2:
            p = p[len(d) :]
            break
    words = p.split()
    return " ".join(words[:6])


def _plural(subject: str) -> bool:
    words = subject.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]  # "The Conservatives": a plural name, "the" is no first name
        if len(words) == 1 and lexicon().names_a_place(words[0]):
            return False  # "The Philippines": one country
    word = words[-1] if words else ""
    last = word.lower()
    if " and " in f" {subject.lower()} ":
        return True  # "Trump and Kim meet"
    return (
        last in ("they", "we", "both", "leaders", "officials", "police", "people")
        or (
            last.endswith("s")
            and not last.endswith(("ss", "us", "is"))
            # a capitalised last word after another is a name ("Steve Jobs"); a lone one may
            # only open the sentence ("Shares fell")
            and not (word[:1].isupper() and len(words) > 1)
        )
    )


def _visit_title(
    cands: list[Cand], best: Cand, place: str | None, participants: tuple[str, ...], lex: Lexicon
) -> str:
    agent_c = next((c for c in cands if c.tdef.agent), None)
    obj = next((c.obj for c in cands if c.obj), None)
    target = f"{obj} in {place}" if obj and place else (obj or place or "")
    if agent_c is not None and not any(
        c.tdef.noun == "visit" and not c.tdef.agent and c.participants for c in cands if c is best
    ):
        trig = agent_c.trigger.strip()
        agent = (
            _cap(trig.lower()) if trig.lower().startswith("special") else (agent_c.tdef.agent or "")
        )
        verb = "visit" if agent.endswith("s") else "visits"
        return f"{agent} {verb} {target}".strip() if target else f"{agent} visit"
    actor = next((c.actor for c in [best, *cands] if c.actor), None)
    if actor is None and participants:
        actor = participants[0]
    who = lex.actors[actor].short if actor in lex.actors else actor
    if who and target:
        return f"{who} visits {target}"
    if who:
        return f"{who} visit"
    return f"Visit to {target}" if target else "Visit"
