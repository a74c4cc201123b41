"""Test support: a ``cancelled()`` callback for ``nktimeline.guard.cancellable``."""

from __future__ import annotations


class CancelAfter:
    """Says yes from its ``k``-th call on and counts how often it was asked, so a test can
    check that cancellation was honoured at the very poll that said yes."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.calls = 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls >= self.k

    @property
    def said_yes(self) -> bool:
        return self.calls >= self.k
