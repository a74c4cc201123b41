"""The one selection model every pane follows (plain Python, no Qt).

Clicking an event on the timeline, a row in the table or a sentence in the reader all call
:meth:`SelectionModel.select`; the panes only *listen* to :attr:`SelectionModel.changed` and
never call each other.  The GUI wraps this in a tiny Qt adapter that re-emits as a Qt signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


class Signal:
    """Minimal synchronous signal: ``connect(fn)``, ``disconnect(fn)``, ``emit(*args)``."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        if slot not in self._slots:
            self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)


class SelectionModel:
    """Current event (by id), which of its mentions is shown, and the article in focus.

    ``order`` is the time-ordered list of event ids used for Next/Previous stepping.
    ``mention_articles`` maps event id -> the article id of each of its mentions, so the
    model always knows which article the shown mention belongs to.
    ``changed`` is emitted with ``(event_id | None, mention_index, article_id | None)`` only
    when something actually changed, so panes echoing a selection back cause no loops.
    """

    def __init__(self) -> None:
        self.changed = Signal()
        self.event_id: str | None = None
        self.mention: int = 0
        self.article_id: str | None = None
        self._order: list[str] = []
        self._pos: dict[str, int] = {}
        self._mentions: dict[str, list[str]] = {}

    # -- configuration -------------------------------------------------------------------
    def set_events(self, order: Sequence[str], mention_articles: dict[str, Sequence[str]]) -> None:
        """Install a new corpus' events; clears a selection that no longer exists."""
        self._order = list(order)
        self._pos = {eid: i for i, eid in enumerate(self._order)}
        self._mentions = {k: list(v) for k, v in mention_articles.items()}
        if self.event_id is not None and self.event_id not in self._mentions:
            self.clear()

    @property
    def order(self) -> list[str]:
        return list(self._order)

    def mention_count(self, event_id: str | None = None) -> int:
        eid = self.event_id if event_id is None else event_id
        return len(self._mentions.get(eid, ())) if eid is not None else 0

    # -- changing the selection ----------------------------------------------------------
    def select(self, event_id: str | None, mention: int = 0) -> None:
        """Select an event (and one of its mentions); ``None`` clears the selection.

        Unknown ids are ignored; the mention index is clamped to the event's mentions.
        """
        if event_id is None:
            self.clear()
            return
        arts = self._mentions.get(event_id)
        if arts is None:
            return
        mention = max(0, min(mention, len(arts) - 1)) if arts else 0
        self._set(event_id, mention, arts[mention] if arts else None)

    def select_article(self, article_id: str | None) -> None:
        """Focus an article without an event (e.g. from the article list)."""
        self._set(None, 0, article_id)

    def clear(self) -> None:
        self._set(None, 0, None)

    def step(self, delta: int) -> str | None:
        """Select the next (+1) / previous (-1) event in time order; returns the new id."""
        if not self._order:
            return None
        if self.event_id is None or self.event_id not in self._pos:
            i = 0 if delta > 0 else len(self._order) - 1
        else:
            i = max(0, min(len(self._order) - 1, self._pos[self.event_id] + delta))
        self.select(self._order[i])
        return self.event_id

    def step_mention(self, delta: int) -> int:
        """Show the next/previous source of the current event (wraps around)."""
        n = self.mention_count()
        if self.event_id is None or n <= 1:
            return self.mention
        self.select(self.event_id, (self.mention + delta) % n)
        return self.mention

    def _set(self, event_id: str | None, mention: int, article_id: str | None) -> None:
        if (event_id, mention, article_id) == (self.event_id, self.mention, self.article_id):
            return
        self.event_id, self.mention, self.article_id = event_id, mention, article_id
        self.changed.emit(event_id, mention, article_id)
