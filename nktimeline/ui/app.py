"""Application entry point used by ``nktimeline`` (no arguments or paths)."""

from __future__ import annotations

import contextlib
import os
import sys

from PySide6.QtWidgets import QApplication

from nktimeline.paths import resource, seed_files
from nktimeline.ui.main_window import APP, ORG, MainWindow
from nktimeline.ui.workers import cancel_all, wait_all

EXIT_WAIT_MS = 5000  # how long quitting waits for cancelled background loads


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationDisplayName("nktimeline")
    with contextlib.suppress(OSError):
        app.setStyleSheet(resource("ui/style.qss").read_text(encoding="utf-8"))
    return app


def startup_paths(paths: list[str]) -> list[str]:
    """What to open: the given paths; else the previous run's corpus (from the workspace)
    when it still exists; else the bundled seeds.

    The stored setting is only trusted as far as it checks out: a list of at most 100,000
    strings, of which the absolute paths of existing regular files and folders are kept (a
    FIFO or a device would block or never end); anything else falls back to the seeds."""
    if paths:
        return [str(p) for p in paths]
    import os
    import sqlite3
    import stat

    from nktimeline.store import Workspace

    max_remembered = 100_000  # far above any real selection; bounds the stat calls below
    saved: object = []
    try:
        with Workspace() as ws:
            saved = ws.get_setting("last_paths", [])
    except (OSError, sqlite3.Error):
        pass
    last: list[str] = []
    if (
        isinstance(saved, list)
        and len(saved) <= max_remembered
        and all(isinstance(p, str) for p in saved)
    ):
        for p in dict.fromkeys(saved):
            try:
                mode = os.stat(p).st_mode if os.path.isabs(p) else 0
            except (OSError, ValueError):  # gone, unreadable, too long, NUL byte
                continue
            if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
                last.append(p)
    return last or [str(p) for p in seed_files()]


def run_app(paths: list[str], use_reference: bool = True) -> int:
    """Open the main window on ``paths`` (a ``.nktl`` project, else article files and folders;
    else unsaved work left by a crash, if the user wants it back; else the previous corpus,
    else the seeds) and run."""
    from nktimeline.edits import SUFFIX

    app = make_app()
    win = MainWindow(use_reference=use_reference)
    win.show()
    projects = [p for p in paths if str(p).lower().endswith(SUFFIX)]
    if projects:
        if not win.project.open_project(projects[0], ask=False):
            win.open_paths(startup_paths([p for p in paths if p not in projects]))
    elif not win.project.offer_recovery():
        win.open_paths(startup_paths(paths))
    return shutdown_loaders(app.exec())


def shutdown_loaders(code: int, timeout_ms: int = EXIT_WAIT_MS) -> int:
    """After the event loop: cancel the background loads and wait for them; returns ``code``.

    If one still runs after ``timeout_ms`` (a loader that does not poll its cancel flag),
    the process ends right here with ``code``: returning would let the interpreter tear
    down, destroying the running QThread (Qt aborts) under a thread still running Python.
    Settings were saved when the window closed, and the SQLite workspace cache survives an
    abrupt exit.
    """
    cancel_all()
    if wait_all(timeout_ms):
        return code
    print("nktimeline: a background load did not stop; exiting without waiting", file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
