"""The whole core pipeline as one pure function: paths -> Corpus (no Qt).

The GUI worker, the CLI and the benchmarks all call :func:`load_corpus`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nktimeline.model import Article, Corpus, LoadError

if TYPE_CHECKING:
    from nktimeline.store import Workspace

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised when the caller's ``cancelled()`` returned True."""


def load_articles(
    paths: Iterable[str | Path],
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    workspace: Workspace | None = None,
    workers: int = 1,
) -> tuple[list[Article], list[LoadError]]:
    """Expand folders, read every file; one bad file becomes a LoadError, never an exception.

    With a workspace, files whose content hash is cached are not parsed again.
    """
    from nktimeline.ingest import IngestError, expand_paths, load_article

    files, errors = expand_paths(paths)
    if workers > 1 and workspace is None and len(files) >= POOL_THRESHOLD:
        return _load_parallel(files, errors, workers, progress, cancelled)
    fresh: list[Article] = []
    articles: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    total = len(files)
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(i, total, str(path))
        try:
            art = _load_one(path, workspace, fresh) if workspace is not None else load_article(path)
        except IngestError as exc:
            errors.append(LoadError(str(path), str(exc)))
            continue
        except Exception as exc:  # a bug must not lose the other files
            msg = f"could not read this file ({type(exc).__name__}: {exc})"
            errors.append(LoadError(str(path), msg))
            continue
        _admit(art, articles, errors, seen_ids, seen_hashes)
    if workspace is not None and fresh:
        workspace.put_articles(fresh)
    if progress is not None:
        progress(total, total, "")
    return articles, errors


def _admit(
    art: Article,
    articles: list[Article],
    errors: list[LoadError],
    seen_ids: set[str],
    seen_hashes: dict[str, str],
) -> None:
    """Append ``art`` unless the same content is already loaded; keep ids unique."""
    if art.sha256 and art.sha256 in seen_hashes:
        msg = f"skipped: same content as {seen_hashes[art.sha256]}, already loaded"
        errors.append(LoadError(art.path, msg))
        return
    if art.id in seen_ids:  # same file name in two folders: keep both, ids stay unique
        n = 2
        while f"{art.id}~{n}" in seen_ids:
            n += 1
        art = dataclasses.replace(art, id=f"{art.id}~{n}")
    seen_ids.add(art.id)
    if art.sha256:
        seen_hashes[art.sha256] = art.path
    articles.append(art)


POOL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
_CHUNK = 64


def _load_chunk(paths: list[str]) -> tuple[list[Article], list[LoadError]]:
    """Worker-process side of :func:`_load_parallel` (must be a top-level function)."""
    return load_articles(paths)


def _load_parallel(
    files: list[Path],
    errors: list[LoadError],
    workers: int,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
) -> tuple[list[Article], list[LoadError]]:
    """Parse files in a process pool (parsing is a pure function per file), keeping order."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    chunks = [[str(p) for p in files[i : i + _CHUNK]] for i in range(0, len(files), _CHUNK)]
    results: list[tuple[list[Article], list[LoadError]] | None] = [None] * len(chunks)
    done = 0
    # spawn, not fork: forking a process that runs Qt threads is unsafe
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(_load_chunk, c): i for i, c in enumerate(chunks)}
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            if cancelled is not None and cancelled():
                for f in futures:
                    f.cancel()
                raise Cancelled()
            results[futures[fut]] = fut.result()
            done += len(chunks[futures[fut]])
            if progress is not None:
                progress(done, len(files), chunks[futures[fut]][-1])
    articles: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    for res in results:
        assert res is not None
        for art in res[0]:
            _admit(art, articles, errors, seen_ids, seen_hashes)
        errors.extend(res[1])
    return articles, errors


def _load_one(path: Path, workspace: Workspace, fresh: list[Article]) -> Article:
    """Read one file through the content-addressed cache."""
    from nktimeline.ingest import MAX_BYTES, article_from_bytes, load_article
    from nktimeline.store import file_sha256

    try:
        size = path.stat().st_size
    except OSError:
        return load_article(path)  # produces the right human message
    if size == 0 or size > MAX_BYTES:
        return load_article(path)
    try:
        data = path.read_bytes()
    except OSError:
        return load_article(path)
    sha = file_sha256(data)
    cached = workspace.get_articles([sha]).get(sha)
    if cached is not None:
        if cached.path != str(path):
            cached = dataclasses.replace(cached, path=str(path), id=path.stem)
        return cached
    art = article_from_bytes(data, str(path))
    fresh.append(art)
    return art


def build_corpus(
    articles: Sequence[Article],
    errors: Sequence[LoadError] = (),
    *,
    use_reference: bool = True,
    workers: int = 1,
) -> Corpus:
    """Extract, date and merge events across already-loaded articles."""
    from nktimeline.events import extract_events

    dated, events = extract_events(articles, use_reference=use_reference, workers=workers)
    return Corpus(articles=tuple(dated), events=tuple(events), errors=tuple(errors))


def load_corpus(
    paths: Iterable[str | Path],
    *,
    use_reference: bool = True,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    workspace: Workspace | None = None,
    workers: int = 1,
) -> Corpus:
    """Load files and extract events; with a workspace, a corpus seen before is reopened
    from the cache instead of being parsed and extracted again."""
    if workspace is not None:
        key = _input_key(paths, workspace, use_reference, progress, cancelled)
        cached = workspace.get_corpus(key) if key is not None else None
        if cached is not None:
            if progress is not None:
                progress(len(cached.articles), len(cached.articles), "")
            return cached
    articles, errors = load_articles(
        paths, progress=progress, cancelled=cancelled, workspace=workspace, workers=workers
    )
    if cancelled is not None and cancelled():
        raise Cancelled()
    corpus = build_corpus(articles, errors, use_reference=use_reference, workers=workers)
    if workspace is not None and key is not None:
        workspace.put_corpus(key, corpus)
    return corpus


def _input_key(
    paths: Iterable[str | Path],
    workspace: Workspace,
    use_reference: bool,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
) -> str | None:
    """Cache key of a whole input: every file's path and content hash.  None when some
    file cannot be read quickly (missing, unreadable, too large): then nothing is cached."""
    from nktimeline.ingest import MAX_BYTES, expand_paths
    from nktimeline.store import file_sha256

    files, errors = expand_paths(paths)
    if errors:
        return None
    parts = []
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None and i % 256 == 0:
            progress(0, len(files), f"checking {path}")
        try:
            if path.stat().st_size > MAX_BYTES:
                return None
            parts.append(f"{path}\0{file_sha256(path.read_bytes())}")
        except OSError:
            return None
    return workspace.corpus_key(parts, use_reference)
