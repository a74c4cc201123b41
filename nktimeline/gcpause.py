"""Pausing Python's cyclic garbage collector around bulk work.

Parsing, merging, unpickling and laying out build hundreds of thousands of small acyclic
records.  Reference counting frees those on its own; the cyclic collector would only rescan
them (and every long-lived rule table) again and again, at up to several times the cost of
the work itself.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring its previous state after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
