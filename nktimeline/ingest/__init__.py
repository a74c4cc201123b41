"""Ingestion: a file becomes an :class:`~nktimeline.model.Article` (no Qt here).

Public API::

    IngestError                     the only exception; str(exc) is a human message
    expand_paths(paths)             -> (files, LoadErrors)  folders walked recursively
    load_article(path)              -> Article
    article_from_bytes(data, path)  -> Article
"""

from nktimeline.ingest.article import article_from_bytes, load_article, looks_like_html
from nktimeline.ingest.errors import IngestError
from nktimeline.ingest.files import MAX_BYTES, expand_paths

__all__ = [
    "MAX_BYTES",
    "IngestError",
    "article_from_bytes",
    "expand_paths",
    "load_article",
    "looks_like_html",
]
