"""Event mentions, merging and publication-date inference (no Qt).

Public API: :func:`split_sentences` and :func:`extract_events`.  Imported lazily so that
``nktimeline.chronology`` can use the small date helpers here without an import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nktimeline.events.extract import extract_events
    from nktimeline.events.sentences import split_sentences

__all__ = ["extract_events", "split_sentences"]


def __getattr__(name: str) -> Any:
    if name == "extract_events":
        from nktimeline.events.extract import extract_events

        return extract_events
    if name == "split_sentences":
        from nktimeline.events.sentences import split_sentences

        return split_sentences
    raise AttributeError(name)
