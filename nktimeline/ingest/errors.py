"""The single exception type of ingestion; ``str(exc)`` is a message a person understands."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into an article (unreadable, empty, binary, too large, ...)."""
