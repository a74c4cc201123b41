"""Clauses from noun phrases and verb groups: who did what to whom, clause by clause.

The sentence is read left to right with a stack of open clauses.  A subordinator with a
clause after it ("because", "after the talks *collapsed*"), a relative pronoun ("which",
"who", "that" after a noun), a complementizer after a verb ("said *that*"), or a
coordinator between two clauses ("... and agreed") opens a clause.  A verb group becomes
the predicate of the open clause if it has none; otherwise it closes an embedded clause
whose parent still lacks its verb ("The missile, which flew 1,000 km, *landed* ..."),
starts a complement without "that" ("said the suspect *had fled*"), or starts a clause of
its own.  Infinitives and participles ("to resume", ", killing four") are clauses that
depend on the clause before them.  A reporting clause after the fact ("..., officials
said.") takes the clauses before it as what was said.
"""

from __future__ import annotations

from functools import cache

from nktimeline.language.chunker import VG, Words, words

_FINITE_CLAUSES = ("main", "coordinate", "complement", "relative", "adverbial")
_QUOTES = frozenset({",", '"', "''", "”", "’", "'"})


@cache
def _marker_words() -> frozenset[str]:
    """Every word that may open a clause (a quick first test)."""
    w = words()
    return w.coordinators | w.relatives | w.complementizers | w.subordinators | {";", ":"}


class C:
    """A clause while the sentence is being read (mutable; frozen later)."""

    __slots__ = ("kind", "marker", "parent", "pred", "shares", "start")

    def __init__(self, start: int, kind: str, parent: int | None, marker: int | None) -> None:
        self.start = start
        self.kind = kind
        self.parent = parent
        self.marker = marker
        self.pred: int | None = None  # index into the verb groups
        self.shares: int | None = None  # the clause whose subject this one may share


class Reader:
    """Segments one sentence into clauses (``run``); the attributes stay for
    :mod:`nktimeline.language.participants` and the assembly of the result."""

    def __init__(
        self,
        tags: list[str],
        lows: list[str],
        nps: list[tuple[int, int, int]],
        np_of: list[int],
        vgs: list[VG],
        lemmas: list[str],
    ) -> None:
        self.w: Words = words()
        self.tags = tags
        self.lows = lows
        self.nps = nps
        self.np_of = np_of  # noun phrase of each token (-1: none)
        self.vgs = vgs
        self.lemmas = lemmas  # lemma of each verb group's head
        n = len(tags)
        self.n = n
        self.vg_at = {vg.start: k for k, vg in enumerate(vgs)}
        vg_of = [-1] * n
        for k, vg in enumerate(vgs):
            vg_of[vg.start : vg.end] = [k] * (vg.end - vg.start)
        self.vg_of = vg_of
        self.clauses: list[C] = [C(0, "main", None, None)]
        self.owner = [0] * n
        self.stack = [0]
        self.markers: set[int] = set()
        # the preposition in front of each noun phrase, before clause markers are known
        preps: list[int | None] = []
        for s, _, _ in nps:
            p = s - 1
            if p < 0 or vg_of[p] >= 0:
                preps.append(None)
                continue
            t = tags[p]
            if t == "IN" or t == "TO" or (t == "RP" and lows[p] in ("in", "on", "at")):
                preps.append(p)
            else:
                preps.append(None)
        self._preps = preps

    @property
    def preps(self) -> list[int | None]:
        """Token index of the preposition in front of each noun phrase (None if none; a
        word that opened a clause, "after the talks collapsed", is no preposition)."""
        markers = self.markers
        if not markers:
            return self._preps[:]
        return [None if p in markers else p for p in self._preps]

    def prep_of(self, k: int) -> int | None:
        p = self._preps[k]
        return None if p in self.markers else p

    # -- helpers -----------------------------------------------------------------------------

    def _skip_adverbs(self, i: int) -> int:
        while i < self.n and self.tags[i].startswith("RB") and self.np_of[i] < 0:
            i += 1
        return i

    def _finite_vg_at(self, i: int) -> bool:
        k = self.vg_at.get(self._skip_adverbs(i))
        return k is not None and self.vgs[k].finite

    def _clause_follows(self, i: int) -> bool:
        """Does a clause begin at token ``i``: (a noun phrase, then) a finite verb group?
        After a subject, a bare participle counts ("after the talks collapsed/VBN"): the
        tagger often takes a past tense for one."""
        i = self._skip_adverbs(i)
        if (  # a fronted phrase first: "and in 1984 the first Mac was released"
            i + 1 < self.n
            and self.tags[i] == "IN"
            and self.np_of[i + 1] >= 0
            and self.nps[self.np_of[i + 1]][0] == i + 1
        ):
            j = self.nps[self.np_of[i + 1]][1]
            if j < self.n and self.lows[j] == ",":
                j += 1
            if self._subject_and_verb(j):
                return True
        return self._subject_and_verb(i)

    def _subject_and_verb(self, i: int) -> bool:
        if i < self.n and self.np_of[i] >= 0 and self.nps[self.np_of[i]][0] == i:
            i = self.nps[self.np_of[i]][1]
            if i < self.n and self.np_of[i] >= 0 and self.nps[self.np_of[i]][0] == i:
                i = self.nps[self.np_of[i]][1]  # a long subject chunked in two
            i = self._skip_adverbs(i)
            k = self.vg_at.get(i)
            return k is not None and (self.vgs[k].finite or self.vgs[k].form == "participle")
        return self._finite_vg_at(i)

    def np_ending_at(self, i: int) -> int:
        """Index of the noun phrase whose last token is ``i - 1`` (-1 if none)."""
        if i <= 0:
            return -1
        k = self.np_of[i - 1]
        return k if k >= 0 and self.nps[k][1] == i else -1

    def _after_verb(self, i: int) -> bool:
        """Is token ``i`` right after a verb group, or after a verb group and its object?"""
        if i > 0 and self.vg_of[i - 1] >= 0:
            return True
        k = self.np_ending_at(i)
        if k < 0 or self.nps[k][0] == 0:
            return False
        return self.vg_of[self.nps[k][0] - 1] >= 0

    def _top(self) -> C:
        return self.clauses[self.stack[-1]]

    def _open(self, start: int, kind: str, parent: int | None, marker: int | None) -> int:
        self.clauses.append(C(start, kind, parent, marker))
        return len(self.clauses) - 1

    def _move(self, start: int, end: int, clause: int) -> None:
        if start < end:
            self.owner[start:end] = [clause] * (end - start)

    # -- clause openers ------------------------------------------------------------------------

    def _marker(self, i: int) -> str | None:
        """The kind of clause that token ``i`` opens, if any."""
        low, tag, w = self.lows[i], self.tags[i], self.w
        top = self._top()
        if tag == "CC" and low in w.coordinators:
            return "coordinate" if top.pred is not None and self._clause_follows(i + 1) else None
        if low in (";", ":") and top.pred is not None and self._clause_follows(i + 1):
            return "coordinate"
        prev = i - 1
        if prev >= 0 and self.lows[prev] == ",":
            prev -= 1
        after_noun = prev >= 0 and self.np_ending_at(prev + 1) >= 0
        if low == "that" and tag in ("IN", "WDT", "DT"):
            if tag == "DT" and self.np_of[i] >= 0 and self.nps[self.np_of[i]][1] > i + 1:
                return None  # "that deal"
            if self._after_verb(i):
                return "complement"
            if after_noun:
                return "relative"
            return "complement" if tag == "IN" else None
        if tag in ("WDT", "WP", "WP$") and low in w.relatives:
            return "relative" if after_noun or (i > 0 and self.lows[i - 1] == ",") else None
        if tag == "WRB" and low in ("when", "where") and (after_noun or prev < i - 1):
            return "relative" if self._clause_follows(i + 1) else None
        if low in w.complementizers and low != "that" and self._after_verb(i):
            return "complement" if self._clause_follows(i + 1) else None
        if low in w.subordinators and tag in ("IN", "WRB", "RB"):
            return "adverbial" if self._clause_follows(i + 1) else None
        return None

    # -- reading -----------------------------------------------------------------------------

    def run(self) -> None:
        """Read the sentence: only words that may open a clause and verb groups change the
        open clauses; the tokens between them belong to the clause open at the time."""
        n = self.n
        lows, vg_of, vg_at, owner, stack = self.lows, self.vg_of, self.vg_at, self.owner, self.stack
        marker_words = _marker_words()
        if marker_words.isdisjoint(lows):
            events = []
        else:
            events = [i for i, w in enumerate(lows) if w in marker_words and vg_of[i] < 0]
        if vg_at:
            events += vg_at
            events.sort()
        pos = 0  # the first token not yet given to a clause
        for i in events:
            if i < pos:
                continue
            if pos < i:
                owner[pos:i] = [stack[-1]] * (i - pos)
                pos = i
            k = vg_at.get(i)
            if k is not None:
                self._verb_group(k)
                stack = self.stack
                vg = self.vgs[k]
                owner[vg.start : vg.end] = [stack[-1]] * (vg.end - vg.start)
                pos = vg.end
                continue
            kind = self._marker(i)
            if kind is None:
                continue
            if kind == "coordinate":
                self._pop_nonfinite()
                top_i = stack[-1]
                c = self._open(i, kind, self.clauses[top_i].parent, i)
                self.clauses[c].shares = top_i
                stack[-1] = c
            else:
                c = self._open(i, kind, stack[-1], i)
                stack.append(c)
            owner[i] = c
            self.markers.add(i)
            pos = i + 1
        if pos < n:
            owner[pos:n] = [stack[-1]] * (n - pos)
        self._fronted_report()

    def _pop_nonfinite(self) -> int | None:
        """Close the infinitive/participle clauses on top of the stack; the last closed."""
        popped = None
        while len(self.stack) > 1 and self._top().kind in ("infinitive", "participle"):
            popped = self.stack.pop()
        return popped

    def _reclaim(self, vg: VG, since: int, clause: int) -> None:
        """Give ``clause`` the tokens before ``vg`` that belong to it: those after the last
        comma since token ``since``, or else the noun phrase right before the verb."""
        for j in range(vg.start - 1, since - 1, -1):
            if self.lows[j] in (",", ";", "—", "--"):
                self._move(j + 1, vg.start, clause)
                return
        k = self.np_ending_at(vg.start)
        if k >= 0 and self.nps[k][0] >= since and self.prep_of(k) is None:
            self._move(self.nps[k][0], vg.start, clause)

    def _verb_group(self, k: int) -> None:
        vg = self.vgs[k]
        top_i = self.stack[-1]
        top = self.clauses[top_i]
        if not vg.finite and not (
            top.pred is not None and vg.form == "participle" and self._reported_past(top, k)
        ):
            if top.pred is None and vg.form == "participle" and self._promote(k):
                top.pred = k
                return
            kind = "infinitive" if vg.form == "infinitive" else "participle"
            c = self._open(vg.start, kind, top_i, None)
            self.clauses[c].pred = k
            self.clauses[c].shares = top_i
            self.stack.append(c)
            return
        popped = self._pop_nonfinite()
        top_i = self.stack[-1]
        top = self.clauses[top_i]
        if top.pred is None:
            top.pred = k
            if popped is not None:
                self._reclaim(vg, self.clauses[popped].start, top_i)
            return
        since = self.vgs[top.pred].end
        if self._reporting_after(k):
            c = self._open(vg.start, "main", None, None)
            self.clauses[c].pred = k
            self.stack[:] = [c]
            self._reclaim(vg, since, c)
            return
        for depth in range(len(self.stack) - 2, -1, -1):
            anc = self.clauses[self.stack[depth]]
            if anc.pred is None:
                del self.stack[depth + 1 :]
                anc.pred = k
                self._reclaim(vg, since, self.stack[-1])
                return
        j = vg.start
        while j > since and self.tags[j - 1].startswith("RB"):
            j -= 1
        np_k = self.np_ending_at(j)
        if np_k >= 0 and self.nps[np_k][0] >= since and self.prep_of(np_k) is None:
            s = self.nps[np_k][0]
            before = self.np_ending_at(s)
            if before >= 0 and self.prep_of(before) is None and s > since:
                kind = "relative"  # "the missile North Korea launched"
            elif self.lemmas[top.pred] in self.w.clause_verbs:
                kind = "complement"
            else:
                kind = "coordinate"
            parent = top_i if kind != "coordinate" else top.parent
            c = self._open(s, kind, parent, None)
            self.clauses[c].pred = k
            if kind == "coordinate":
                self.stack[-1] = c
            else:
                self.stack.append(c)
            self._move(s, vg.start, c)
            return
        if self._reduced_relative(top_i, k):
            return
        if self._modifies_phrase(k):
            c = self._open(vg.start, "participle", top_i, None)
            self.clauses[c].pred = k
            self.clauses[c].shares = top_i
            self.stack.append(c)
            return
        c = self._open(vg.start, "coordinate", top.parent, None)
        self.clauses[c].pred = k
        self.clauses[c].shares = top_i
        self.stack[-1] = c

    def _modifies_phrase(self, k: int) -> bool:
        """A bare -ed verb right after a phrase that follows a preposition, with no comma
        or conjunction between, modifies that phrase ("revenue for the first quarter
        *ended April 28*", "after the attack *carried out by* ..."); it is no clause of the
        sentence's subject.  Makes it a participle and says so."""
        vg = self.vgs[k]
        if len(vg.verbs) != 1 or vg.modal is not None or self.tags[vg.head] not in ("VBD", "VBN"):
            return False
        np_k = self.np_ending_at(vg.start)
        if np_k < 0 or self.prep_of(np_k) is None:
            return False
        by = vg.end < self.n and self.lows[vg.end] == "by"
        vg.finite, vg.form, vg.passive = False, "participle", by
        return True

    def _reduced_relative(self, top_i: int, k: int) -> bool:
        """A reduced relative, "The missile launched from Sinpo flew 600 km": a second verb
        with neither a subject nor a conjunction before it makes the first, a bare -ed verb
        right after the subject, a participle (passive) that modifies the subject."""
        top = self.clauses[top_i]
        first = self.vgs[top.pred]  # type: ignore[index]
        if (
            len(first.verbs) != 1
            or self.tags[first.head] not in ("VBD", "VBN")
            or first.modal is not None
            or self.np_ending_at(first.start) < 0
            or any(self.owner[j] != top_i for j in range(first.start, self.vgs[k].start))
            # a verb with an object of its own is no passive participle ("NVIDIA reported
            # revenue for the quarter ended April 28")
            or (
                first.end < self.n
                and self.np_of[first.end] >= 0
                and self.nps[self.np_of[first.end]][0] == first.end
            )
        ):
            return False
        first.finite, first.form, first.passive = False, "participle", True
        c = self._open(first.start, "participle", top_i, None)
        self.clauses[c].pred = top.pred
        self.clauses[c].shares = top_i
        self._move(first.start, self.vgs[k].start, c)
        top.pred = k
        return True

    def _promote(self, k: int) -> bool:
        """A bare participle right after the subject, with no finite verb to follow before
        the next comma, is a past tense the tagger missed ("Residents fled to ...")."""
        vg = self.vgs[k]
        if self.np_ending_at(vg.start) < 0 or self._top().kind not in _FINITE_CLAUSES:
            return False
        return self._past_unless_a_verb_follows(vg)

    def _reported_past(self, top: C, k: int) -> bool:
        """A bare -ed verb right after the noun phrase that follows a verb of saying or
        thinking, with no finite verb to follow before the next comma and no "by" after it,
        is the past tense of a reported clause the tagger took for a participle
        ("Officials said the bridge collapsed on Monday").  Promotes it and says so."""
        vg = self.vgs[k]
        said = self.vgs[top.pred]  # type: ignore[index]
        if (
            len(vg.verbs) != 1
            or self.tags[vg.head] not in ("VBN", "VBD")
            or self.lemmas[top.pred] not in self.w.clause_verbs
            or (vg.end < self.n and self.lows[vg.end] == "by")
        ):
            return False
        np_k = self.np_ending_at(vg.start)
        if np_k < 0 or self.prep_of(np_k) is not None:
            return False
        s = self.nps[np_k][0]
        if s != said.end:
            first = self.np_ending_at(s)  # "told reporters the bridge collapsed"
            if first < 0 or self.nps[first][0] != said.end:
                return False
        return self._past_unless_a_verb_follows(vg)

    def _past_unless_a_verb_follows(self, vg: VG) -> bool:
        """With no finite verb after ``vg`` before the next comma or clause marker, make
        the bare participle ``vg`` a finite past tense and say so."""
        for j in range(vg.end, self.n):
            if self.lows[j] in (",", ";", ":") or self._marker_word(j):
                break
            m = self.vg_at.get(j)
            if m is not None and self.vgs[m].finite:
                return False
        vg.finite, vg.form, vg.passive, vg.tense = True, "finite", False, "past"
        return True

    def _marker_word(self, j: int) -> bool:
        low = self.lows[j]
        w = self.w
        return (
            (self.tags[j] == "CC" and low in w.coordinators)
            or low in w.subordinators
            or self.tags[j] in ("WDT", "WP", "WP$")
        )

    def _reporting_after(self, k: int) -> bool:
        """``..., officials said.`` / ``..., said the minister.``: a reporting verb after a
        comma or closing quote, with at most its subject and the sentence's end after it."""
        if self.lemmas[k] not in self.w.attribution:
            return False
        vg = self.vgs[k]
        before = vg.start
        np_k = self.np_ending_at(before)
        if np_k >= 0:
            before = self.nps[np_k][0]
        if before == 0 or self.lows[before - 1] not in _QUOTES:
            return False
        j = vg.end
        np_after = self.np_of[j] if j < self.n else -1
        if np_after >= 0 and self.nps[np_after][0] == j:
            j = self.nps[np_after][1]
        return j >= self.n or self.tags[j] in (".", ",", ":") or self.lows[j] in _QUOTES

    def _fronted_report(self) -> None:
        """Clauses before a trailing reporting clause are what it reports."""
        last = len(self.clauses) - 1
        c = self.clauses[last]
        if last == 0 or c.kind != "main" or c.parent is not None or c.pred is None:
            return
        for idx in range(last):
            other = self.clauses[idx]
            if other.parent is None and other.kind in ("main", "coordinate"):
                other.parent = last
                other.kind = "complement" if other.kind == "main" else other.kind
