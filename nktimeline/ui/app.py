"""Application entry point used by ``nktimeline`` (no arguments or paths)."""

from __future__ import annotations

import contextlib
import sys

from PySide6.QtWidgets import QApplication

from nktimeline.paths import resource, seed_files
from nktimeline.ui.main_window import APP, ORG, MainWindow
from nktimeline.ui.workers import wait_all


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
    when it still exists; else the bundled seeds."""
    if paths:
        return [str(p) for p in paths]
    import sqlite3
    from pathlib import Path

    from nktimeline.store import Workspace

    last: list[str] = []
    try:
        with Workspace() as ws:
            last = [p for p in ws.get_setting("last_paths", []) if Path(p).exists()]
    except (OSError, sqlite3.Error):
        pass
    return last or [str(p) for p in seed_files()]


def run_app(paths: list[str], use_reference: bool = True) -> int:
    """Open the main window on ``paths`` (else the previous corpus, else the seeds) and run."""
    app = make_app()
    win = MainWindow(use_reference=use_reference)
    win.show()
    win.open_paths(startup_paths(paths))
    code = app.exec()
    wait_all(5000)
    return code
