"""Background loading: the pure :func:`nktimeline.pipeline.load_corpus` on a QThread.

Progress, the result and failures arrive on the GUI thread as queued signals; Cancel sets a
flag the pipeline polls between files (and inside one article's extraction).

Qt aborts the whole process (``QThread: Destroyed while thread is still running``) when a
running QThread object is destroyed, so every loader thread stays referenced here until it
has finished: waits are bounded, and a thread that outlives one is simply kept.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from nktimeline.model import Corpus


def _default_loader(paths, *, use_reference, progress, cancelled) -> Corpus:
    """Load through the workspace cache (files seen before are not parsed again) and
    remember the paths so the next start reopens them; without a usable cache, load plainly.

    The cache is best-effort: once the corpus is loaded it is returned, whatever happens to
    remembering the paths (another instance holding the lock, a full disk, a bad path)."""
    import contextlib
    import os
    import sqlite3
    from pathlib import Path

    from nktimeline.pipeline import load_corpus
    from nktimeline.store import Workspace

    try:
        ws: Workspace | None = Workspace()
    except (OSError, sqlite3.Error):
        ws = None
    try:
        corpus = load_corpus(
            paths,
            use_reference=use_reference,
            progress=progress,
            cancelled=cancelled,
            workspace=ws,
            workers=os.cpu_count() or 1,  # large inputs are read and extracted on every core
        )
        if ws is not None and corpus.articles:
            with contextlib.suppress(OSError, RuntimeError, ValueError, sqlite3.Error):
                ws.set_setting("last_paths", [str(Path(p).resolve()) for p in paths])
        return corpus
    finally:
        if ws is not None:
            ws.close()


def take_cache_notice() -> str | None:
    """The workspace cache's one-time message, if it had to be rebuilt (damaged file):
    the store keeps it until someone shows it, whichever instance did the rebuild."""
    import sqlite3

    from nktimeline.store import Workspace

    try:
        with Workspace() as ws:
            return ws.take_notice()
    except (OSError, sqlite3.Error):
        return None


class LoadWorker(QObject):
    """Lives on a worker thread; call :meth:`run` through ``QThread.started``."""

    progress = Signal(int, int, str)  # done, total, current path
    loaded = Signal(object)  # Corpus
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        paths: Sequence[str],
        use_reference: bool = True,
        loader: Callable[..., Corpus] | None = None,
    ) -> None:
        super().__init__()
        self.paths = [str(p) for p in paths]
        self.use_reference = use_reference
        self.loader = loader or _default_loader
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        from nktimeline.pipeline import Cancelled

        try:
            corpus = self.loader(
                self.paths,
                use_reference=self.use_reference,
                progress=lambda d, t, p: self.progress.emit(d, t, p),
                cancelled=self._stop.is_set,
            )
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # report, never crash the GUI
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self._stop.is_set():
                self.cancelled.emit()
            else:
                self.loaded.emit(corpus)
        self.finished.emit()


# Threads (and their workers) stay referenced until they finish, so Python's garbage
# collector can never destroy a running QThread.
_RUNNING: dict[QThread, LoadWorker] = {}


def start_load(worker: LoadWorker, parent: QObject | None = None) -> QThread:
    """Move ``worker`` to a new thread, start it, and tear both down when it finishes."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # quit() is thread-safe; calling it directly from the worker thread means the thread
    # stops even while the GUI thread is blocked waiting for it.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    for old in [t for t in _RUNNING if t.isFinished()]:
        _RUNNING.pop(old, None)
    _RUNNING[thread] = worker
    thread.start()
    return thread


class LoadJob(QObject):
    """GUI-thread handle for one background load: its signals always fire on the thread
    that created the job (the worker's cross-thread signals are re-emitted through queued
    connections), so slots and tests never run on the worker thread."""

    progress = Signal(int, int, str)
    loaded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        paths: Sequence[str],
        use_reference: bool = True,
        loader: Callable[..., Corpus] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = LoadWorker(paths, use_reference=use_reference, loader=loader)
        self.paths = self.worker.paths
        w = self.worker
        w.progress.connect(self._on_progress)
        w.loaded.connect(self._on_loaded)
        w.failed.connect(self._on_failed)
        w.cancelled.connect(self._on_cancelled)
        w.finished.connect(self._on_finished)
        self.running = False
        self._qthread: QThread | None = None

    def start(self) -> None:
        self.running = True
        self._qthread = start_load(self.worker)

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self, timeout_ms: int) -> bool:
        """Block up to ``timeout_ms`` for the worker thread to end; True once it has (or
        when it never started).  A thread still running stays referenced by this module."""
        thread = self._qthread
        return thread is None or thread.wait(max(0, int(timeout_ms)))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, path: str) -> None:
        self.progress.emit(done, total, path)

    @Slot(object)
    def _on_loaded(self, corpus: object) -> None:
        self.loaded.emit(corpus)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.cancelled.emit()

    @Slot()
    def _on_finished(self) -> None:
        self.running = False
        self.finished.emit()


def cancel_all() -> None:
    """Ask every running loader to stop (they end at their next poll of ``cancelled``)."""
    for worker in list(_RUNNING.values()):
        worker.cancel()


def wait_all(timeout_ms: int = 5000) -> bool:
    """Block until every loader thread has stopped, ``timeout_ms`` at most in all; True if
    they all have (used on exit and by tests).  Threads still running stay referenced: only
    finished ones are forgotten, so Python never destroys a running QThread."""
    deadline = time.monotonic() + max(0, timeout_ms) / 1000
    ok = True
    for thread in list(_RUNNING):
        left = max(0, int((deadline - time.monotonic()) * 1000))
        if thread.wait(left):
            _RUNNING.pop(thread, None)
        else:
            ok = False
    return ok
