"""Fault isolation and cancellation at the pipeline's stage boundaries (no Qt).

One bad article must never take the corpus down.  Every per-article stage (read: decode
and clean; tag; find event mentions; estimate the date) runs inside :func:`stage`, which
labels an exception with the stage it escaped from, and the pipeline runs each article's
stages behind the one guard :func:`attempt`, which turns any exception into a
:class:`StageFailure` (the stage and a plain reason) so the other articles go on.

Cancellation works the same way at any depth: the caller installs its ``cancelled()``
callback with :func:`cancellable` and long loops call :func:`checkpoint`, which raises
:class:`Cancelled` when the callback says so, even in the middle of one large article.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# Stage names, as shown to users in error messages ("tag" -> "finding dates").
STAGES = {
    "read": "reading the file",
    "decode": "decoding the text",
    "clean": "separating the article from the page around it",
    "sentences": "splitting the text into sentences",
    "tag": "finding dates and times",
    "mentions": "finding events",
    "date": "estimating the publication date",
    "extract": "finding events",
}


class Cancelled(Exception):
    """Raised when the caller's ``cancelled()`` returned True."""


class Refused(Exception):
    """An input refused on purpose (empty, binary, too large ...): ``str(exc)`` is the
    whole message for people, with no stage or internal detail added."""


@dataclass(frozen=True)
class StageFailure:
    """What :func:`attempt` returns instead of raising: where it failed and why."""

    stage: str
    reason: str
    refused: bool = False  # a deliberate refusal, not a fault

    @property
    def message(self) -> str:
        if self.refused:
            return self.reason
        return f"failed while {STAGES.get(self.stage, self.stage)}: {self.reason}"


_CANCEL: ContextVar[Callable[[], bool] | None] = ContextVar("nktimeline_cancel", default=None)


@contextlib.contextmanager
def cancellable(cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Make :func:`checkpoint` in this thread consult ``cancelled`` until the block ends."""
    token = _CANCEL.set(cancelled)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def checkpoint() -> None:
    """Raise :class:`Cancelled` if the current load was cancelled (cheap: call it freely
    in loops whose single steps are short, every few hundred steps in tight ones)."""
    fn = _CANCEL.get()
    if fn is not None and fn():
        raise Cancelled()


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Label an exception escaping this block with the stage ``name`` (the innermost
    label wins), for :func:`attempt` to report."""
    try:
        yield
    except Cancelled:
        raise
    except Exception as exc:  # labelled and re-raised, never swallowed
        if not hasattr(exc, "nktimeline_stage"):
            with contextlib.suppress(AttributeError, TypeError):
                exc.nktimeline_stage = name  # type: ignore[attr-defined]
        raise


def plain_reason(exc: BaseException) -> str:
    """A short human reason for an exception (the type name only where nothing better)."""
    if isinstance(exc, MemoryError):
        return "not enough memory for this article"
    if isinstance(exc, RecursionError):
        return "the text is nested too deeply"
    if isinstance(exc, UnicodeError):
        return "the text holds characters that cannot be processed"
    text = str(exc).strip().replace("\n", " ")
    if len(text) > 200:
        text = text[:197] + "…"
    detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return f"internal error ({detail}); the other articles are not affected"


def attempt(default_stage: str, fn: Callable[..., T], *args: object) -> T | StageFailure:
    """``fn(*args)``, or a :class:`StageFailure` naming the stage that failed.

    The one place where the pipeline catches every exception: a bug or a hostile input
    costs one article, never the corpus.  Cancellation passes through."""
    try:
        return fn(*args)
    except Cancelled:
        raise
    except Refused as exc:
        return StageFailure(getattr(exc, "nktimeline_stage", default_stage), str(exc), True)
    except Exception as exc:  # MemoryError and RecursionError included
        return StageFailure(getattr(exc, "nktimeline_stage", default_stage), plain_reason(exc))
