"""The whole core pipeline as one pure function: paths -> Corpus (no Qt).

The GUI worker, the CLI and the benchmarks all call :func:`load_corpus`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from nktimeline.model import Article, Corpus, LoadError

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised when the caller's ``cancelled()`` returned True."""


def load_articles(
    paths: Iterable[str | Path],
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> tuple[list[Article], list[LoadError]]:
    """Expand folders, read every file; one bad file becomes a LoadError, never an exception."""
    from nktimeline.ingest import IngestError, expand_paths, load_article

    files, errors = expand_paths(paths)
    articles: list[Article] = []
    seen_ids: set[str] = set()
    total = len(files)
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(i, total, str(path))
        try:
            art = load_article(path)
        except IngestError as exc:
            errors.append(LoadError(str(path), str(exc)))
            continue
        except Exception as exc:  # a bug must not lose the other files
            errors.append(LoadError(str(path), f"could not read this file ({type(exc).__name__}: {exc})"))
            continue
        if art.id in seen_ids:
            errors.append(LoadError(str(path), f"skipped: same file as article {art.id} already loaded"))
            continue
        seen_ids.add(art.id)
        articles.append(art)
    if progress is not None:
        progress(total, total, "")
    return articles, errors


def build_corpus(
    articles: Sequence[Article],
    errors: Sequence[LoadError] = (),
    *,
    use_reference: bool = True,
) -> Corpus:
    """Extract, date and merge events across already-loaded articles."""
    from nktimeline.events import extract_events

    dated, events = extract_events(articles, use_reference=use_reference)
    return Corpus(articles=tuple(dated), events=tuple(events), errors=tuple(errors))


def load_corpus(
    paths: Iterable[str | Path],
    *,
    use_reference: bool = True,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> Corpus:
    articles, errors = load_articles(paths, progress=progress, cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise Cancelled()
    return build_corpus(articles, errors, use_reference=use_reference)
