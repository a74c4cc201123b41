"""The single exception type of ingestion; ``str(exc)`` is a message a person understands."""

from __future__ import annotations

from nktimeline.guard import Refused


class IngestError(Refused):
    """A file could not be turned into an article (unreadable, empty, binary, too large, ...)."""
