"""File → New / Open / Save / Save As / Recent projects, the unsaved-changes mark, the
question on closing, and autosave with recovery after a crash.

A project is the window's article paths plus the session's edits
(:mod:`nktimeline.edits.project`).  It has unsaved changes when the undo stack is not at
the step last saved, or when the articles changed.  Every minute with unsaved changes, a
copy goes to the recovery folder (beside the workspace cache); a clean close removes it, so
a copy found at start-up means the previous session ended abnormally.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from nktimeline.edits import (
    SUFFIX,
    Project,
    ProjectError,
    autosave_path,
    load_project,
    now_iso,
    save_project,
)
from nktimeline.ui.actions import make_action
from nktimeline.ui.editing import EditSession
from nktimeline.ui.plain import warning_box
from nktimeline.ui.settings import read_dir

if TYPE_CHECKING:
    from nktimeline.ui.main_window import MainWindow

AUTOSAVE_MS = 60_000
MAX_RECENT = 8
_FILTER = f"nktimeline projects (*{SUFFIX});;All files (*)"
_Button = QMessageBox.StandardButton


def recovery_dir() -> Path:
    from nktimeline.store import default_path

    return default_path().parent / "recovery"


class ProjectActions(QObject):
    """The project side of one window."""

    titleChanged = Signal()

    def __init__(self, window: MainWindow, session: EditSession, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.path: str | None = None
        self.created = ""
        self.saved_paths: list[str] = []
        self.unreadable: list[str] = []
        self.recovery = recovery_dir()
        # replaced by tests: a question answered Save / Discard / Cancel, and file choosers
        self.ask_unsaved: Callable[[], _Button] = self._ask_unsaved
        self.choose_save_path: Callable[[], str] = self._choose_save_path
        self.choose_open_path: Callable[[], str] = self._choose_open_path
        self.warn: Callable[[str, str], object] = lambda title, text: warning_box(
            self.window, title, text
        ).exec()
        self.new = self._action("&New project", self.new_project, QKeySequence.StandardKey.New)
        self.open = self._action("Open &project…", self.open_dialog, "Ctrl+Shift+P")
        self.save = self._action("&Save project", self.save_project, QKeySequence.StandardKey.Save)
        self.save_as = self._action("Save project &as…", self.save_as_dialog, "Ctrl+Shift+S")
        self.remove_failed = self._action(
            "Remove files that could not be loaded", self.remove_failed_files
        )
        self.recent_menu = QMenu("&Recent projects")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        session.stack.cleanChanged.connect(lambda _c: self.update_title())
        session.editsChanged.connect(self.update_title)

    def _action(self, text: str, slot: Callable[[], object], shortcut=None) -> QAction:
        return make_action(self, text, slot, shortcut)

    # -- state -----------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return not self.session.stack.isClean() or self.window.paths != self.saved_paths

    def name(self) -> str:
        return Path(self.path).name if self.path else "Untitled"

    def update_title(self) -> None:
        if not shiboken6.isValid(self.window):
            return  # the window is being destroyed (its undo stack clears on the way out)
        n = len(self.session.corpus.articles)
        count = f"{n} article{'s' if n != 1 else ''}"
        self.window.setWindowTitle(f"{self.name()}[*] — {count}")
        self.window.setWindowModified(self.dirty)
        self.titleChanged.emit()

    def project(self) -> Project:
        return Project(
            paths=list(self.window.paths),
            edits=list(self.session.edits),
            created=self.created or now_iso(),
            unreadable=list(self.unreadable),
            settings={"lanes": self.window.lane_mode},
        )

    # -- saving ----------------------------------------------------------------------------
    def save_project(self) -> bool:
        if self.path is None:
            return self.save_as_dialog()
        return self.save_to(self.path)

    def save_as_dialog(self) -> bool:
        path = self.choose_save_path()
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        old_autosave = autosave_path(self.recovery, self.path)
        project = self.project()
        try:
            save_project(project, path)
        except ProjectError as exc:
            self.warn("Save failed", str(exc))
            return False
        self.path = str(Path(path).resolve())
        self.created = project.created
        self.saved_paths = list(self.window.paths)
        self.session.stack.setClean()
        self._forget_autosave(old_autosave)
        self._add_recent(self.path)
        self.update_title()
        self.window.statusBar().showMessage(f"Saved {self.path}", 5000)
        return True

    def autosave(self) -> Path | None:
        """A recovery copy of unsaved work (nothing when there is none)."""
        if not self.dirty:
            return None
        target = autosave_path(self.recovery, self.path)
        project = self.project()
        project.settings["autosave_of"] = self.path or ""
        try:
            self.recovery.mkdir(parents=True, exist_ok=True)
            save_project(project, target)
        except (OSError, ProjectError):
            return None  # best effort: the next tick tries again
        return target

    def _forget_autosave(self, path: Path | None = None) -> None:
        with contextlib.suppress(OSError):
            (path or autosave_path(self.recovery, self.path)).unlink()

    def closing(self) -> bool:
        """Ask about unsaved changes; False when the user cancels closing."""
        if not self.maybe_save():
            return False
        self.timer.stop()
        self._forget_autosave()
        return True

    def maybe_save(self) -> bool:
        """Before the project is replaced or closed: True to go on."""
        if not self.dirty or not (self.session.edits or self.path):
            return True  # nothing the user made would be lost
        answer = self.ask_unsaved()
        if answer == _Button.Save:
            return self.save_project()
        return answer == _Button.Discard

    def _ask_unsaved(self) -> _Button:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to {self.name()}?")
        box.setInformativeText("Your corrections are lost if you don't save them.")
        box.setStandardButtons(_Button.Save | _Button.Discard | _Button.Cancel)
        box.setDefaultButton(_Button.Save)
        return _Button(box.exec())

    # -- opening ---------------------------------------------------------------------------
    def new_project(self) -> bool:
        if not self.maybe_save():
            return False
        self._forget_autosave()
        self.path = None
        self.created = ""
        self.unreadable = []
        self.window.close_corpus()
        self.saved_paths = []
        self.session.reset([])
        self.update_title()
        return True

    def open_dialog(self) -> bool:
        path = self.choose_open_path()
        return bool(path) and self.open_project(path)

    def open_project(self, path: str, *, ask: bool = True) -> bool:
        """Open the project at ``path``: its articles load in the background and its edits
        are applied to them."""
        if ask and not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except ProjectError as exc:
            self.warn("Could not open the project", str(exc))
            return False
        self._forget_autosave()
        self._install(project, str(Path(path).resolve()), clean=True)
        return True

    def _install(self, project: Project, path: str | None, clean: bool) -> None:
        self.path = path
        self.created = project.created
        self.unreadable = list(project.unreadable)
        self.session.reset(project.edits)
        lanes = project.settings.get("lanes")
        if lanes in ("category", "article"):
            self.window.set_lane_mode(lanes)
        self.saved_paths = list(project.paths) if clean else []
        self.window.open_paths(project.paths, replace=True)
        if not clean:
            self.session.stack.resetClean()
        if path:
            self._add_recent(path)
        self.update_title()
        if project.unreadable:
            n = len(project.unreadable)
            self.window.statusBar().showMessage(
                f"{n} edit(s) in the project could not be read; they are kept as they are.",
                10000,
            )

    def recoverable(self) -> list[Path]:
        """Autosaved copies left by a session that did not close normally."""
        try:
            return sorted(self.recovery.glob(f"*{SUFFIX}"))
        except OSError:
            return []

    def recover(self, copy: Path) -> bool:
        """Reopen an autosaved copy as unsaved work of the project it belongs to."""
        try:
            project = load_project(copy)
        except ProjectError:
            return False
        of = project.settings.pop("autosave_of", "") or None
        self._install(project, of, clean=False)
        with contextlib.suppress(OSError):
            copy.unlink()
        self.update_title()
        return True

    def offer_recovery(self, ask: Callable[[Path], bool] | None = None) -> bool:
        """At start-up: offer the newest autosaved copy; True when one was reopened."""
        copies = self.recoverable()
        if not copies:
            return False
        newest = max(copies, key=lambda p: p.stat().st_mtime)
        ok = (ask or self._ask_recover)(newest)
        if ok:
            return self.recover(newest)
        for c in copies:
            with contextlib.suppress(OSError):
                c.unlink()
        return False

    def _ask_recover(self, copy: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Recover unsaved work?",
            "nktimeline did not close normally last time. Reopen the corrections that were "
            "not saved?",
        )
        return answer == _Button.Yes

    # -- corpus management -----------------------------------------------------------------
    def remove_failed_files(self) -> None:
        failed = {e.path for e in self.window.corpus.errors}
        if not failed:
            return
        self.window.drop_failed_files()
        self.update_title()

    # -- file choosers and recent projects -------------------------------------------------
    def _start_dir(self) -> str:
        return read_dir(self.settings, "paths/last_project_dir", str(Path.home()))

    def _choose_save_path(self) -> str:
        start = str(
            Path(self._start_dir()) / (Path(self.path).name if self.path else f"timeline{SUFFIX}")
        )
        path, _ = QFileDialog.getSaveFileName(self.window, "Save project", start, _FILTER)
        if path:
            self.settings.setValue("paths/last_project_dir", str(Path(path).parent))
        return path

    def _choose_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open project", self._start_dir(), _FILTER
        )
        if path:
            self.settings.setValue("paths/last_project_dir", str(Path(path).parent))
        return path

    def recent(self) -> list[str]:
        value = self.settings.value("projects/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [p for p in value if isinstance(p, str)][:MAX_RECENT]

    def _add_recent(self, path: str) -> None:
        items = [path, *[p for p in self.recent() if p != path]][:MAX_RECENT]
        self.settings.setValue("projects/recent", items)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for p in items:
            act = self.recent_menu.addAction(Path(p).name)
            act.setToolTip(p)
            act.triggered.connect(lambda _=False, p=p: self.open_project(p))
        if not items:
            none = self.recent_menu.addAction("No recent projects")
            none.setEnabled(False)
