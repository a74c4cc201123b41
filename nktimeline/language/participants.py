"""Who does what to whom: the subject, object and shared subjects of clauses.

Works on a :class:`~nktimeline.language.clauses.Reader` that has read its sentence; noun
phrases and clauses are indices into its lists.
"""

from __future__ import annotations

from nktimeline.language.chunker import VG, words
from nktimeline.language.clauses import Reader


def subject(r: Reader, ci: int, vg: VG, own: list[int]) -> int | None:
    """Nearest noun phrase of the clause before its verb group, not after a preposition
    (an apposition gives way to the name before it: "Kim, North Korea's leader, met";
    "Jobs, aged 55, took")."""
    nps, lows = r.nps, r.lows
    for m in reversed(own):
        s, e, _ = nps[m]
        if e > vg.start or r.prep_of(m) is not None:
            continue
        if e < r.n and lows[e] == ",":
            # a comma at most two words before the phrase opens the apposition
            for k in range(s - 1, max(0, s - 3) - 1, -1):
                if lows[k] != ",":
                    continue
                before = r.np_ending_at(k) if k >= 1 else -1
                if before >= 0 and r.owner[nps[before][0]] == ci and r.prep_of(before) is None:
                    return before
                break
        return m
    return None


def shared_subject(
    r: Reader, ci: int, vg: VG, subjects: list[int | None], objects: list[int | None]
) -> int | None:
    """The subject of a clause that has none of its own: a relative clause's noun ("the
    ferry, which sank"), the noun a participle follows, an infinitive's object-controller
    ("asked him to leave"), or the subject of the clause it shares (coordination)."""
    c = r.clauses[ci]
    lows = r.lows
    if c.kind == "relative" and c.marker is not None:
        j = c.marker
        if j > 0 and lows[j - 1] == ",":
            j -= 1
        k = r.np_ending_at(j)
        return k if k >= 0 else None
    if c.kind == "participle":
        k = r.np_ending_at(vg.start)  # "missiles launched from ...": what was launched
        if k >= 0:
            return k
    if c.kind == "infinitive" and c.shares is not None:
        obj = objects[c.shares]
        if obj is not None and r.nps[obj][1] == vg.start:
            return obj  # "asked him to leave"
    if c.shares is not None:
        return subjects[c.shares]
    return None


def is_time(lows: list[str], tags: list[str], np: tuple[int, int, int]) -> bool:
    """Is the phrase a time ("last month", "Tuesday", "2019"), not an object?"""
    s, e, h = np
    if lows[h] in words().time_nouns:
        return True
    return e - s == 1 and tags[s] == "CD" and len(lows[s]) == 4 and lows[s].isdigit()


def is_reported(r: Reader, ci: int) -> bool:
    """Is clause ``ci`` what someone said (the complement of a reporting verb, or a clause
    coordinated with one)?"""
    seen = 0
    while seen < len(r.clauses):
        c = r.clauses[ci]
        if c.kind == "coordinate" and c.shares is not None:
            ci = c.shares
            seen += 1
            continue
        if c.kind != "complement" or c.parent is None:
            return False
        pred = r.clauses[c.parent].pred
        return pred is not None and r.lemmas[pred] in words().attribution
    return False
