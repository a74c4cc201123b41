"""Short human titles for events, built from category, parties, place and the best mention."""

from __future__ import annotations

import calendar

from nktimeline.events.lexicon import Lexicon
from nktimeline.events.mentions import Cand


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
    if partial is not None:
        month, day = partial
        when = calendar.month_name[month] + (f" {day}" if day else "")
        title += f" ({when}, year unknown)"
    return _cap(title)


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
