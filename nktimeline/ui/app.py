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


def run_app(paths: list[str], use_reference: bool = True) -> int:
    """Open the main window on ``paths`` (the bundled seeds when empty) and run."""
    app = make_app()
    win = MainWindow(use_reference=use_reference)
    win.show()
    win.open_paths([str(p) for p in paths] if paths else [str(p) for p in seed_files()])
    code = app.exec()
    wait_all(5000)
    return code
