"""The whole core pipeline as one pure function: paths -> Corpus (no Qt).

The GUI worker, the CLI and the benchmarks all call :func:`load_corpus`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nktimeline.gcpause import gc_paused
from nktimeline.guard import Cancelled, StageFailure, attempt, cancellable, checkpoint
from nktimeline.model import Article, Corpus, LoadError

if TYPE_CHECKING:
    from nktimeline.events.extract import FirstPass
    from nktimeline.store import Workspace

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]

__all__ = ["Cancelled", "build_corpus", "load_articles", "load_corpus"]


def _cache_write(write: Callable[..., None], *args: Any) -> None:
    """Store into the workspace; a cache that cannot be written (disk full, read-only
    folder, damaged file) costs the next start some time, never this load's results."""
    with contextlib.suppress(sqlite3.Error, OSError):
        write(*args)


def _failed(path: str, failure: StageFailure) -> LoadError:
    return LoadError(path, failure.message, "" if failure.refused else failure.stage)


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

    with cancellable(cancelled):
        files, errors = expand_paths(paths)
        articles, errors, _first = _read_files(files, errors, progress, workspace, None)
    return articles, errors


# (Article or LoadError, whether the article is new to the workspace, its first pass)
_Entry = tuple["Article | LoadError", bool, "FirstPass | None"]


_Read = tuple["Article | StageFailure", bool]  # what was read, whether it is new


def _read_one(path: Path, workspace: Workspace | None) -> _Read:
    fresh: list[Article] = []
    if workspace is not None:
        got = attempt("read", _load_cached, path, workspace, fresh)
    else:
        got = attempt("read", _load_plain, path)
    return got, bool(fresh)


# Files are read a few at a time, then their articles extracted stage by stage (see
# ``extract.first_pass_many``): each stage's code and tables stay in the processor's caches
# while it runs over them.  A batch holds at most READ_AHEAD files and, past its first
# file, READ_AHEAD_CHARS characters of text, so that progress is heard every fraction of a
# second even on long articles.
READ_AHEAD = 16
READ_AHEAD_CHARS = 100_000


def _read_files(
    files: list[Path],
    errors: list[LoadError],
    progress: ProgressFn | None,
    workspace: Workspace | None,
    use_reference: bool | None,
) -> tuple[list[Article], list[LoadError], list[FirstPass]]:
    """Every file through the per-article stages (see :func:`_staged`) in this process."""
    with gc_paused():
        entries = _staged(files, workspace, use_reference, progress)
    if progress is not None:
        progress(len(files), len(files), "")
    return _collect(entries, errors, workspace)


def _staged(
    files: Sequence[Path],
    workspace: Workspace | None,
    use_reference: bool | None,
    progress: ProgressFn | None = None,
) -> list[_Entry]:
    """Every file through the per-article stages, each behind the one guard: read (decode,
    clean), then, unless ``use_reference`` is None, the first extraction pass.  A failure
    at any stage is this file's LoadError.  In order, a few files at a time (see
    ``READ_AHEAD``); ``progress`` hears of each file as it is done."""
    entries: list[_Entry] = []
    total = len(files)
    lo = 0
    while lo < total:
        read: list[_Read] = []
        chars = 0
        while lo + len(read) < total and len(read) < READ_AHEAD and chars < READ_AHEAD_CHARS:
            checkpoint()
            got = _read_one(files[lo + len(read)], workspace)
            read.append(got)
            if not isinstance(got[0], StageFailure):
                chars += len(got[0].body)
        first, lo = lo, lo + len(read)
        batch = files[first:lo]
        articles = [got for got, _ in read if not isinstance(got, StageFailure)]
        passes: Iterator[FirstPass | StageFailure | None] = iter(())
        if use_reference is not None and articles:
            from nktimeline.events.extract import first_pass_many

            passes = iter(first_pass_many(articles, use_reference))
        for i, (path, (got, is_new)) in enumerate(zip(batch, read, strict=True), first):
            if progress is not None:
                progress(i, total, str(path))
            if isinstance(got, StageFailure):
                entries.append((_failed(str(path), got), False, None))
                continue
            fp = next(passes, None)
            if isinstance(fp, StageFailure):
                entries.append((_failed(str(path), fp), False, None))
            else:
                entries.append((got, is_new, fp))
    return entries


def _collect(
    entries: Iterable[_Entry], errors: list[LoadError], workspace: Workspace | None
) -> tuple[list[Article], list[LoadError], list[FirstPass]]:
    """Admit the processed files in input order: failures become errors, the same content
    twice is loaded once, ids stay unique; new articles go to the workspace cache."""
    articles: list[Article] = []
    first: list[FirstPass] = []
    fresh: list[Article] = []
    seen_ids: set[str] = set()
    seen_hashes: dict[str, str] = {}
    for got, is_new, fp in entries:
        if isinstance(got, LoadError):
            errors.append(got)
            continue
        admitted = _admit(got, articles, errors, seen_ids, seen_hashes)
        if admitted is None:
            continue
        if fp is not None:
            if admitted.id != got.id:
                for c in fp[1]:
                    c.article = admitted.id
            first.append(fp)
        if is_new:
            fresh.append(got)
    if workspace is not None and fresh:
        _cache_write(workspace.put_articles, fresh)
    return articles, errors, first


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


def _work_chunk(paths: list[str], ws_path: str | None, use_reference: bool) -> list[_Entry]:
    """Worker-process side of :func:`_load_extract_parallel` (a top-level function): read,
    parse and run the per-article extraction pass on a few files."""
    from nktimeline.store import Workspace

    ws = None
    if ws_path:
        try:
            ws = Workspace(ws_path, readonly=True)
        except (OSError, sqlite3.Error):  # no cache then: parse everything, lose nothing
            ws = None
    try:
        with gc_paused():
            return _staged([Path(p) for p in paths], ws, use_reference)
    finally:
        if ws is not None:
            ws.close()


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
) -> tuple[list[Article], list[LoadError], list[FirstPass]]:
    """Read files and run the per-article extraction pass in a process pool (both are pure
    functions per file), in one round trip per chunk of files, keeping input order."""
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    chunks = [[str(p) for p in files[i : i + _CHUNK]] for i in range(0, len(files), _CHUNK)]
    results: list[list[_Entry]] = [[] for _ in chunks]
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
            try:
                checkpoint()
            except Cancelled:
                _stop_now(pool)
                raise
            for fut in finished:
                i = pending[fut]
                results[i] = _chunk_result(fut, chunks[i])
                done += len(chunks[i])
                if progress is not None:
                    progress(done, len(files), chunks[i][-1])
    return _collect((e for res in results for e in res), errors, workspace)


def _chunk_result(fut: Any, paths: list[str]) -> list[_Entry]:
    """A finished chunk's entries; a worker that died (killed, out of memory) costs only
    its own files, each reported."""
    got = attempt("read", fut.result)
    if not isinstance(got, StageFailure):
        return got
    why = f"the worker process reading it stopped ({got.reason})"
    return [(LoadError(p, why, "read"), False, None) for p in paths]


def _load_plain(path: Path) -> Article:
    from nktimeline.ingest import article_from_bytes
    from nktimeline.ingest.files import read_bytes

    return article_from_bytes(read_bytes(path), str(path))


def _load_cached(path: Path, workspace: Workspace, fresh: list[Article]) -> Article:
    """Read one file through the content-addressed cache (regular files only: a pipe or a
    device is refused before a byte is read)."""
    from nktimeline.ingest import article_from_bytes
    from nktimeline.ingest.files import read_bytes
    from nktimeline.store import file_sha256

    data = read_bytes(path)
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
    first: Sequence[FirstPass] | None = None,
) -> Corpus:
    """Extract, date and merge events across already-loaded articles.  An article whose
    extraction fails is left out with an error naming it and the stage; the rest go on."""
    from nktimeline.events.extract import extract_events, first_pass_many

    errs = list(errors)
    if first is None:
        first, kept = [], []
        for lo in range(0, len(articles), READ_AHEAD):
            checkpoint()
            batch = articles[lo : lo + READ_AHEAD]
            for a, fp in zip(batch, first_pass_many(batch, use_reference), strict=True):
                if isinstance(fp, StageFailure):
                    errs.append(_failed(a.path, fp))
                else:
                    first.append(fp)
                    kept.append(a)
        articles = kept

    def failed(article: Article, failure: StageFailure) -> None:
        errs.append(_failed(article.path, failure))

    dated, events = extract_events(
        articles, use_reference=use_reference, first=first, on_failure=failed
    )
    return Corpus(articles=tuple(dated), events=tuple(events), errors=tuple(errs))


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
    extracts large inputs in a process pool.  ``cancelled()`` is polled throughout, inside
    a large article too (:class:`Cancelled` is raised)."""
    with cancellable(cancelled):
        return _load_corpus(paths, use_reference, progress, workspace, workers)


def _load_corpus(
    paths: Iterable[str | Path],
    use_reference: bool,
    progress: ProgressFn | None,
    workspace: Workspace | None,
    workers: int,
) -> Corpus:
    from nktimeline.ingest import expand_paths

    files, errors = expand_paths(paths)
    key = skey = None
    if workspace is not None:
        skey = _stat_key(files, errors, workspace, use_reference)
        key = workspace.key_for_stat(skey) if skey is not None else None
        cached = workspace.get_corpus(key) if key is not None else None
        if cached is None:
            key = _input_key(files, errors, workspace, use_reference, progress)
            cached = workspace.get_corpus(key) if key is not None else None
            if cached is not None and skey is not None and key is not None:
                _cache_write(workspace.remember_stat, skey, key)
        if cached is not None:
            if progress is not None:
                progress(len(cached.articles), len(cached.articles), "")
            return cached
    # One pause for reading and merging: the first pass's records (sentences, mentions under
    # construction) die in the merge, and a collection between the two would scan them all.
    with gc_paused():
        if workers > 1 and len(files) >= POOL_THRESHOLD:
            articles, errors, first = _load_extract_parallel(
                files, errors, workers, workspace, use_reference, progress
            )
        else:
            articles, errors, first = _read_files(files, errors, progress, workspace, use_reference)
        checkpoint()
        if progress is not None:
            progress(0, 0, f"Merging events across {len(articles):,} articles…")
        corpus = build_corpus(articles, errors, use_reference=use_reference, first=first)
        del first
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
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return None
        if now - st.st_mtime_ns < RACY_SECONDS * 1e9:
            return None
        parts.append(f"{path}\t{st.st_size}\t{st.st_mtime_ns}\t{st.st_ino}\t{st.st_dev}")
    return workspace.stat_key(parts, use_reference)


def _input_key(
    files: list[Path],
    errors: list[LoadError],
    workspace: Workspace,
    use_reference: bool,
    progress: ProgressFn | None,
) -> str | None:
    """Cache key of a whole input: every file's path and content hash.  None when some
    file cannot be read quickly (missing, unreadable, too large, not a regular file):
    then nothing is cached."""
    from nktimeline.ingest import IngestError
    from nktimeline.ingest.files import read_bytes
    from nktimeline.store import file_sha256

    if errors:
        return None
    parts = []
    for i, path in enumerate(files):
        checkpoint()
        if progress is not None and i % 256 == 0:
            progress(0, 0, f"Checking {len(files):,} files against the cache…")
        try:
            parts.append(f"{path}\0{file_sha256(read_bytes(path))}")
        except IngestError:
            return None
    return workspace.corpus_key(parts, use_reference)
