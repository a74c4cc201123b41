"""The syntax tree of a regular expression, for the analyses that read patterns
(``regex_prefilter``, ``regex_starts``).

It comes from the ``re`` module's own parser: private, but stable in form since Python 3.0.
Where it is missing or refuses a pattern, ``parse`` returns None and the analyses promise
nothing (which is always safe).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:
    from re import _constants as ops  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    ops = _p = None


@lru_cache(maxsize=256)
def parse(pattern: str, flags: int = 0) -> Any | None:
    """The parsed ``pattern`` (a sequence of ``(op, argument)`` items whose ``state.flags``
    holds the flags in effect), or None.  Cached: several analyses read the same rules."""
    if _p is None:
        return None
    try:
        return _p.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
