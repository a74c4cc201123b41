"""The whole core pipeline as one pure function: paths -> Corpus (no Qt).

The GUI worker, the CLI and the benchmarks all call :func:`load_corpus`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nktimeline.gcpause import gc_paused
from nktimeline.model import Article, Corpus, LoadError

if TYPE_CHECKING:
    from nktimeline.events.extract import FirstPass
    from nktimeline.store import Workspace

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised when the caller's ``cancelled()`` returned True."""


def _cache_write(write: Callable[..., None], *args: Any) -> None:
    """Store into the workspace; a cache that cannot be written (disk full, read-only
    folder, damaged file) costs the next start some time, never this load's results."""
    with contextlib.suppress(sqlite3.Error, OSError):
        write(*args)


def load_articles(
    paths: Iterable[str | Path],
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    workspace: Workspace | None = None,
) -> tuple[list[Article], list[LoadError]]:
    """Expand folders, read every file; one bad file becomes a LoadError, never an exception.

    With a workspace, files whose content hash is cached are not parsed again.
    """
    from nktimeline.ingest import expand_paths

    files, errors = expand_paths(paths)
    return _read_files(files, errors, progress, cancelled, workspace)


def _read_one(path: Path, workspace: Workspace | None, fresh: list[Article]) -> Article | LoadError:
    """One file -> Article, or a LoadError with a human message (never an exception)."""
    from nktimeline.ingest import IngestError, load_article

    try:
        return _load_one(path, workspace, fresh) if workspace is not None else load_article(path)
    except IngestError as exc:
        return LoadError(str(path), str(exc))
    except Exception as exc:  # a bug must not lose the other files
        return LoadError(str(path), f"could not read this file ({type(exc).__name__}: {exc})")


def _read_files(
    files: list[Path],
    errors: list[LoadError],
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
    workspace: Workspace | None,
) -> tuple[list[Article], list[LoadError]]:
    fresh: list[Article] = []
    articles: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    total = len(files)
    with gc_paused():
        for i, path in enumerate(files):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(i, total, str(path))
            got = _read_one(path, workspace, fresh)
            if isinstance(got, LoadError):
                errors.append(got)
            else:
                _admit(got, articles, errors, seen_ids, seen_hashes)
    if workspace is not None and fresh:
        _cache_write(workspace.put_articles, fresh)
    if progress is not None:
        progress(total, total, "")
    return articles, errors


def _admit(
    art: Article,
    articles: list[Article],
    errors: list[LoadError],
    seen_ids: set[str],
    seen_hashes: dict[str, str],
) -> Article | None:
    """Append ``art`` unless the same content is already loaded; keep ids unique.  Returns
    the article as admitted (perhaps with a new id), or None when it was a duplicate."""
    if art.sha256 and art.sha256 in seen_hashes:
        msg = f"skipped: same content as {seen_hashes[art.sha256]}, already loaded"
        errors.append(LoadError(art.path, msg))
        return None
    if art.id in seen_ids:  # same file name in two folders: keep both, ids stay unique
        n = 2
        while f"{art.id}~{n}" in seen_ids:
            n += 1
        art = dataclasses.replace(art, id=f"{art.id}~{n}")
    seen_ids.add(art.id)
    if art.sha256:
        seen_hashes[art.sha256] = art.path
    articles.append(art)
    return art


POOL_THRESHOLD = 400  # below this, starting worker processes costs more than it saves
_CHUNK = 48

_Entry = tuple["Article | LoadError", bool, "FirstPass | None"]


def _work_chunk(paths: list[str], ws_path: str | None, use_reference: bool) -> list[_Entry]:
    """Worker-process side of :func:`_load_extract_parallel` (a top-level function): read,
    parse and run the per-article extraction pass on a few files.  Each entry is
    (Article or LoadError, whether the article is new to the workspace, first pass)."""
    from nktimeline.events.extract import first_pass
    from nktimeline.store import Workspace

    ws = None
    if ws_path:
        try:
            ws = Workspace(ws_path, readonly=True)
        except (OSError, sqlite3.Error):  # no cache then: parse everything, lose nothing
            ws = None
    out: list[_Entry] = []
    try:
        with gc_paused():
            for p in paths:
                fresh: list[Article] = []
                got = _read_one(Path(p), ws, fresh)
                if isinstance(got, LoadError):
                    out.append((got, False, None))
                    continue
                try:
                    (fp,) = first_pass([got], use_reference)
                except Exception as exc:  # a bug must not lose the other files
                    msg = f"could not extract events ({type(exc).__name__}: {exc})"
                    out.append((LoadError(p, msg), False, None))
                    continue
                out.append((got, bool(fresh), fp))
    finally:
        if ws is not None:
            ws.close()
    return out


def _stop_now(pool: Any) -> None:
    """Cancel queued chunks and end the running ones at once, so Cancel takes effect in a
    fraction of a second rather than after the chunks in flight (workers hold no state
    worth keeping: their results are only ever read by this process)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # gone after shutdown
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.join(timeout=2)


def _load_extract_parallel(
    files: list[Path],
    errors: list[LoadError],
    workers: int,
    workspace: Workspace | None,
    use_reference: bool,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
) -> tuple[list[Article], list[LoadError], list[FirstPass]]:
    """Read files and run the per-article extraction pass in a process pool (both are pure
    functions per file), in one round trip per chunk of files, keeping input order."""
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    chunks = [[str(p) for p in files[i : i + _CHUNK]] for i in range(0, len(files), _CHUNK)]
    results: list[list[_Entry] | None] = [None] * len(chunks)
    ws_path = str(workspace.path) if workspace is not None and workspace.path.exists() else None
    done = 0
    # spawn, not fork: forking a process that runs Qt threads is unsafe
    with gc_paused(), ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        pending = {
            pool.submit(_work_chunk, c, ws_path, use_reference): i for i, c in enumerate(chunks)
        }
        waiting = set(pending)
        while waiting:
            finished, waiting = wait(waiting, timeout=0.2, return_when=FIRST_COMPLETED)
            if cancelled is not None and cancelled():
                _stop_now(pool)
                raise Cancelled()
            for fut in finished:
                i = pending[fut]
                results[i] = fut.result()
                done += len(chunks[i])
                if progress is not None:
                    progress(done, len(files), chunks[i][-1])
    articles: list[Article] = []
    first: list[FirstPass] = []
    fresh: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    for res in results:
        assert res is not None
        for got, is_new, fp in res:
            if isinstance(got, LoadError):
                errors.append(got)
                continue
            admitted = _admit(got, articles, errors, seen_ids, seen_hashes)
            if admitted is None:
                continue
            assert fp is not None
            if admitted.id != got.id:
                for c in fp[1]:
                    c.article = admitted.id
            first.append(fp)
            if is_new:
                fresh.append(got)
    if workspace is not None and fresh:
        _cache_write(workspace.put_articles, fresh)
    return articles, errors, first


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
    first: Sequence[FirstPass] | None = None,
) -> Corpus:
    """Extract, date and merge events across already-loaded articles."""
    from nktimeline.events import extract_events

    dated, events = extract_events(
        articles, use_reference=use_reference, workers=workers, first=first
    )
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
    from the cache instead of being parsed and extracted again.  ``workers`` > 1 reads and
    extracts large inputs in a process pool."""
    from nktimeline.ingest import expand_paths

    files, errors = expand_paths(paths)
    key = skey = None
    if workspace is not None:
        skey = _stat_key(files, errors, workspace, use_reference)
        key = workspace.key_for_stat(skey) if skey is not None else None
        cached = workspace.get_corpus(key) if key is not None else None
        if cached is None:
            key = _input_key(files, errors, workspace, use_reference, progress, cancelled)
            cached = workspace.get_corpus(key) if key is not None else None
            if cached is not None and skey is not None and key is not None:
                _cache_write(workspace.remember_stat, skey, key)
        if cached is not None:
            if progress is not None:
                progress(len(cached.articles), len(cached.articles), "")
            return cached
    first = None
    if workers > 1 and len(files) >= POOL_THRESHOLD:
        articles, errors, first = _load_extract_parallel(
            files, errors, workers, workspace, use_reference, progress, cancelled
        )
    else:
        articles, errors = _read_files(files, errors, progress, cancelled, workspace)
    if cancelled is not None and cancelled():
        raise Cancelled()
    if progress is not None:
        progress(0, 0, f"Merging events across {len(articles):,} articles…")
    corpus = build_corpus(
        articles, errors, use_reference=use_reference, workers=workers, first=first
    )
    if workspace is not None and key is not None:
        if progress is not None:
            progress(0, 0, "Saving to the workspace cache…")
        _cache_write(workspace.put_corpus, key, corpus)
        if skey is not None:
            _cache_write(workspace.remember_stat, skey, key)
    return corpus


RACY_SECONDS = 2.0  # a file modified this recently may change again within one mtime tick


def _stat_key(
    files: list[Path], errors: list[LoadError], workspace: Workspace, use_reference: bool
) -> str | None:
    """Quick key of an input from its files' paths, sizes, inodes and modification times
    (as build tools and git do): a corpus reopened unchanged is found without reading and
    hashing every file.  None when some file cannot be stat'ed or was modified so recently
    that a further edit might keep the same time stamp."""
    import time

    from nktimeline.ingest import MAX_BYTES

    if errors:
        return None
    now = time.time_ns()
    parts = []
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            return None
        if st.st_size > MAX_BYTES or now - st.st_mtime_ns < RACY_SECONDS * 1e9:
            return None
        parts.append(f"{path}\t{st.st_size}\t{st.st_mtime_ns}\t{st.st_ino}\t{st.st_dev}")
    return workspace.stat_key(parts, use_reference)


def _input_key(
    files: list[Path],
    errors: list[LoadError],
    workspace: Workspace,
    use_reference: bool,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
) -> str | None:
    """Cache key of a whole input: every file's path and content hash.  None when some
    file cannot be read quickly (missing, unreadable, too large): then nothing is cached."""
    from nktimeline.ingest import MAX_BYTES
    from nktimeline.store import file_sha256

    if errors:
        return None
    parts = []
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None and i % 256 == 0:
            progress(0, 0, f"Checking {len(files):,} files against the cache…")
        try:
            if path.stat().st_size > MAX_BYTES:
                return None
            parts.append(f"{path}\0{file_sha256(path.read_bytes())}")
        except OSError:
            return None
    return workspace.corpus_key(parts, use_reference)
