"""Main window: timeline + legend (top left), tables (bottom left), reader (right).

Panes share one :class:`QtSelection`; the window only wires them up, loads corpora in the
background and runs the menus.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from nktimeline.filters import filter_corpus, time_order
from nktimeline.model import Corpus
from nktimeline.ui.actions import make_action
from nktimeline.ui.article_list import ArticleListPane
from nktimeline.ui.dialogs import LoadErrorsDialog
from nktimeline.ui.edit_actions import EditActions
from nktimeline.ui.editing import EditSession
from nktimeline.ui.event_table import EventTablePane
from nktimeline.ui.export_dialog import ExportDialog
from nktimeline.ui.filter_model import FilterModel
from nktimeline.ui.legend import LegendBar
from nktimeline.ui.plain import plain_label, warning_box
from nktimeline.ui.project_actions import ProjectActions
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.reader import ReaderPane
from nktimeline.ui.settings import APP, ORG, default_settings, read_bytes, read_choice, read_dir
from nktimeline.ui.timeline_view import TimelineView
from nktimeline.ui.workers import LoadJob, take_cache_notice

__all__ = ["APP", "ORG", "LegendBar", "MainWindow", "default_settings"]


class MainWindow(QMainWindow):
    corpusLoaded = Signal(object)

    def __init__(self, settings: QSettings | None = None, use_reference: bool = True) -> None:
        super().__init__()
        self.settings = settings or default_settings()
        self.use_reference = use_reference
        self.corpus = Corpus()
        self.paths: list[str] = []
        self._worker: LoadJob | None = None
        # What reads the files (None: the pipeline through the workspace cache); tests and
        # benchmarks put their own loader here, with the signature of LoadJob's ``loader``.
        self.loader: Callable[..., Corpus] | None = None
        self.close_wait_ms = 5000  # how long closing waits for a cancelled load to end
        self.setWindowTitle("Untitled[*]")
        self.setAccessibleName("nktimeline main window")
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AlwaysShowToolTips, True)

        self.selection = QtSelection(parent=self)
        self.timeline = TimelineView(self.selection)
        self.timeline.setAcceptDrops(False)
        self.legend = LegendBar(self.timeline)
        self.reader = ReaderPane(self.selection)
        self.reader.browser.setAcceptDrops(False)
        self.filter = FilterModel(self)  # the one filter: table, timeline and exports
        self.filter.changed.connect(self._filter_changed)
        self.table = EventTablePane(self.selection, filter_model=self.filter)
        self.articles = ArticleListPane(self.selection)
        self.errors_dialog = LoadErrorsDialog(self)
        self.session = EditSession(self)
        self.session.changed.connect(self._show_corpus)
        self.edit_actions = EditActions(
            self.session, self.selection, self, selected_text=self.reader.selected_text
        )
        self.edit_actions.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.edit_actions.reextractRequested.connect(self.reextract_article)
        self.project = ProjectActions(self, self.session, self.settings)
        self.timeline.eventDragged.connect(self.edit_actions.set_date)
        self.timeline.contextMenuRequested.connect(self._event_menu)
        self.table.contextMenuRequested.connect(self._event_menu)
        self.reader.extend_menu = self._extend_reader_menu
        # how a context menu is shown (tests look at the menu instead of running it)
        self.show_menu: Callable[[QMenu, QPoint], object] = lambda menu, pos: menu.exec(pos)
        self.reader.show_menu = lambda menu, pos: self.show_menu(menu, pos)
        self.articles.contextMenuRequested.connect(self._article_menu)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(0)
        tl.addWidget(self.legend)
        tl.addWidget(self.timeline, 1)
        self.bottom_split = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_split.setObjectName("bottomSplit")
        self.bottom_split.addWidget(self.table)
        self.bottom_split.addWidget(self.articles)
        self.bottom_split.setSizes([700, 420])
        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.setObjectName("leftSplit")
        self.left_split.addWidget(top)
        self.left_split.addWidget(self.bottom_split)
        self.left_split.setSizes([560, 260])
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.left_split)
        self.main_split.addWidget(self.reader)
        self.main_split.setSizes([1100, 480])
        self.setCentralWidget(self.main_split)

        self._build_status()
        self._build_menus()
        self._restore_settings()
        self.timeline.setFocus()  # Left/Right step through events right away

    # -- construction ----------------------------------------------------------------------
    def _build_status(self) -> None:
        sb = self.statusBar()
        self.counts = plain_label("No articles loaded")  # shows file names while loading
        self.counts.setAccessibleName("Corpus summary")
        self.errors_btn = QPushButton("")
        self.errors_btn.setFlat(True)
        self.errors_btn.setAccessibleName("Show files that failed to load")
        self.errors_btn.clicked.connect(self.errors_dialog.show)
        self.errors_btn.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Loading progress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_btn = QPushButton("Cancel")
        self.cancel_btn.setAccessibleName("Cancel loading")
        self.cancel_btn.clicked.connect(self.cancel_loading)
        self.cancel_btn.hide()
        sb.addWidget(self.counts, 1)
        sb.addPermanentWidget(self.errors_btn)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_btn)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        act = make_action(self, text, slot, shortcut)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu("&File")
        p = self.project
        f.addActions([p.new, p.open])
        f.addMenu(p.recent_menu)
        f.addActions([p.save, p.save_as])
        f.addSeparator()
        self._action(f, "&Open files…", self.open_files_dialog, QKeySequence.StandardKey.Open)
        self._action(f, "Open &folder…", self.open_folder_dialog, "Ctrl+Shift+O")
        f.addAction(p.remove_failed)
        self.errors_dialog.set_remove_action(p.remove_failed)  # its "Remove from corpus"
        f.addSeparator()
        self._action(f, "&Export timeline…", self.export_timeline_dialog, "Ctrl+E")
        self._action(f, "Export events as &JSON…", lambda: self._export_text("json"), "Ctrl+J")
        self._action(f, "Export events as &CSV…", lambda: self._export_text("csv"))
        self._action(f, "Export for &TimelineJS…", lambda: self._export_text("timelinejs"))
        f.addSeparator()
        self._action(f, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.edit_menu = self.edit_actions.build_menu(mb)
        v = mb.addMenu("&View")
        self._action(
            v, "Zoom &in", lambda: self.timeline.zoom_by(1.5), QKeySequence.StandardKey.ZoomIn
        )
        self._action(
            v, "Zoom &out", lambda: self.timeline.zoom_by(1 / 1.5), QKeySequence.StandardKey.ZoomOut
        )
        self._action(v, "&Fit all", self.timeline.fit_all, "Ctrl+0")
        presets = v.addMenu("Zoom to")
        for name, key in (
            ("day", "Ctrl+Alt+1"),
            ("month", "Ctrl+Alt+2"),
            ("year", "Ctrl+Alt+3"),
            ("decade", "Ctrl+Alt+4"),
        ):
            self._action(
                presets, f"&{name.capitalize()}s", lambda n=name: self.timeline.zoom_preset(n), key
            )
        v.addSeparator()
        group = QActionGroup(self)
        self.lane_actions = {}
        for mode, text, key in (
            ("category", "Lanes by &category", "Ctrl+1"),
            ("article", "Lanes by &article", "Ctrl+2"),
        ):
            act = self._action(v, text, lambda m=mode: self.set_lane_mode(m), key)
            act.setCheckable(True)
            group.addAction(act)
            self.lane_actions[mode] = act
        self.lane_actions["category"].setChecked(True)
        g = mb.addMenu("&Go")
        self._action(g, "&Next event", lambda: self.selection.step(1), "Alt+Right")
        self._action(g, "&Previous event", lambda: self.selection.step(-1), "Alt+Left")
        self._action(g, "Next &source", lambda: self.selection.step_mention(1), "Alt+Down")
        self._action(g, "Previous s&ource", lambda: self.selection.step_mention(-1), "Alt+Up")
        self._action(g, "&Timeline", self.timeline.setFocus, "Ctrl+T")
        self._action(g, "&Filter events", self.table.search.setFocus, QKeySequence.StandardKey.Find)
        h = mb.addMenu("&Help")
        from nktimeline.ui.help_dialogs import show_dates_guide, show_shortcuts

        self._action(h, "&Keyboard shortcuts", lambda: show_shortcuts(self), "F1")
        self._action(h, "How &dates are found", lambda: show_dates_guide(self))
        h.addSeparator()
        self._action(h, "&About", self._about)

    # -- settings ----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        """Every stored value is checked (see :mod:`nktimeline.ui.settings`): anything of the
        wrong type or that Qt rejects leaves the default in place."""
        s = self.settings
        geo = read_bytes(s, "window/geometry")
        if geo is None or not self.restoreGeometry(geo):
            self.resize(1500, 920)
        state = read_bytes(s, "window/state")
        if state is not None:
            self.restoreState(state)
        for split in (self.main_split, self.left_split, self.bottom_split):
            val = read_bytes(s, f"splitters/{split.objectName()}")
            if val is not None:
                split.restoreState(val)
        self._lane_mode = read_choice(s, "timeline/lanes", tuple(self.lane_actions), "category")
        self.lane_actions[self._lane_mode].setChecked(True)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for split in (self.main_split, self.left_split, self.bottom_split):
            s.setValue(f"splitters/{split.objectName()}", split.saveState())
        s.setValue("timeline/lanes", self._lane_mode)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.project.closing():
            event.ignore()
            return
        self.stop_loading(self.close_wait_ms)
        self.save_settings()
        self.errors_dialog.close()
        super().closeEvent(event)

    # -- corpus ------------------------------------------------------------------------------
    @property
    def lane_mode(self) -> str:
        return self._lane_mode

    def set_corpus(self, corpus: Corpus) -> None:
        """Show a newly extracted corpus, with the project's edits applied."""
        self.session.set_base(corpus)

    def close_corpus(self) -> None:
        """Nothing open (a new project)."""
        self.stop_loading(self.close_wait_ms)
        self.paths = []
        self.session.set_base(Corpus())

    def drop_failed_files(self) -> None:
        """Forget the files that could not be loaded: the project lists the loaded files."""
        base = self.session.base
        failed = {e.path for e in base.errors}
        self.paths = [a.path for a in base.articles if a.path not in failed]
        self.session.set_base(dataclasses.replace(base, errors=()))

    def _show_corpus(self, corpus: Corpus) -> None:
        same = {a.id for a in corpus.articles} == {a.id for a in self.corpus.articles}
        keep_view = same and bool(corpus.articles)
        self.corpus = corpus
        self.timeline.set_corpus(self.shown_corpus(), lanes=self._lane_mode, keep_view=keep_view)
        # Next/Previous walk every event, whatever the filter shows
        order = time_order(corpus.events)
        self.selection.model.set_events(
            order, {e.id: [m.article for m in e.mentions] for e in corpus.events}
        )
        self.reader.set_corpus(corpus)
        self.table.set_corpus(corpus)
        self.articles.set_corpus(corpus)
        # A big corpus is millions of long-lived objects; move them out of the cyclic
        # collector's reach so a full collection never stalls interaction for a second.
        # (They are acyclic, so reference counting still frees them when replaced.)
        gc.freeze()
        self.legend.update()
        self._update_counts()
        self.project.update_title()
        self.corpusLoaded.emit(corpus)

    def shown_corpus(self) -> Corpus:
        """The corpus as the filter shows it (what the timeline draws and exports hold)."""
        return filter_corpus(self.corpus, self.filter.spec)

    def _filter_changed(self, _spec) -> None:
        self.timeline.set_corpus(self.shown_corpus(), lanes=self._lane_mode, keep_view=True)
        data = self.timeline.data
        if data is not None and data.dated:
            d0, d1 = self.timeline.visible_range()
            if not any(d0 <= data.start[i] <= d1 for i in data.dated):
                self.timeline.fit_all()  # nothing that matches is in view: show where it is
        self._update_counts()

    def _update_counts(self) -> None:
        c = self.corpus
        undated = sum(1 for e in c.events if e.date is None)
        conflicts = sum(1 for e in c.events if e.conflicts)
        parts = [f"{len(c.articles)} articles", f"{len(c.events)} events"]
        if undated:
            parts[-1] += f" ({undated} undated)"
        parts.append(f"{conflicts} with conflicting dates" if conflicts else "no conflicts")
        applied = self.session.applied
        if self.session.edits:
            n = len(self.session.edits)
            parts.append(f"{n} edit{'s' if n != 1 else ''}")
        if applied.hidden:
            parts.append(f"{len(applied.hidden)} hidden")
        if applied.orphans:
            parts.append(f"{len(applied.orphans)} edits not applied")
        spec = self.filter.spec
        if spec.active:
            shown = sum(1 for e in c.events if spec.matches(e))
            parts.append(f"showing {shown} of {len(c.events)} ({spec.describe()}; Esc clears)")
        self.counts.setText(" · ".join(parts))
        if c.errors:
            n = len(c.errors)
            self.errors_btn.setText(f"⚠ {n} file{'s' if n != 1 else ''} failed")
            self.errors_btn.show()
        else:
            self.errors_btn.hide()
        self.errors_dialog.set_errors(c.errors)

    def set_lane_mode(self, mode: str) -> None:
        self._lane_mode = mode
        self.lane_actions[mode].setChecked(True)
        self.timeline.set_lane_mode(mode)

    # -- loading -----------------------------------------------------------------------------
    def open_paths(self, paths: list[str], replace: bool = False) -> bool:
        """Load ``paths`` (added to what is open unless ``replace``) in the background."""
        if self._worker is not None:
            self.statusBar().showMessage("Still loading — cancel first to open more.", 4000)
            return False
        new = [str(p) for p in paths]
        all_paths = new if replace else list(dict.fromkeys([*self.paths, *new]))
        worker = LoadJob(
            all_paths, use_reference=self.use_reference, loader=self.loader, parent=self
        )
        worker.progress.connect(self._on_progress)
        worker.loaded.connect(lambda corpus, p=all_paths: self._on_loaded(corpus, p))
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_btn.show()
        self.cancel_btn.setEnabled(True)
        self.counts.setText(f"Loading {len(all_paths)} path(s)…")
        self.timeline.set_message("Loading articles…")
        worker.start()
        return True

    def cancel_loading(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_btn.setEnabled(False)

    def stop_loading(self, timeout_ms: int) -> bool:
        """Cancel the running load and wait up to ``timeout_ms`` for its thread to end; True
        when no load runs any more.  A thread that outlives the wait stays referenced by
        :mod:`nktimeline.ui.workers` (and is waited for again on exit), never destroyed."""
        job = self._worker
        if job is None:
            return True
        self.cancel_loading()
        return job.wait(timeout_ms)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        """``total`` 0 announces a stage without a count (``text`` says which); otherwise
        ``done`` of ``total`` files are read and ``text`` is the latest file."""
        if total <= 0:
            self.progress.setRange(0, 0)  # busy indicator
            if text:
                self.counts.setText(text)
                self.timeline.set_message(text)
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat("%p%")
        name = f" — {Path(text).name}" if text else ""
        self.counts.setText(f"Reading {done:,} of {total:,} files{name}")
        self.timeline.set_message(f"Reading {done:,} of {total:,} files…")

    def _on_loaded(self, corpus: Corpus, paths: list[str]) -> None:
        self.paths = paths
        self.set_corpus(corpus)
        notice = take_cache_notice()
        if notice:
            self.statusBar().showMessage(notice, 15000)
        if corpus.errors:  # once per distinct set of failures; then the status-bar button
            self.errors_dialog.show_once(self.settings, corpus.errors)

    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Loading failed: {message}", 10000)
        self._update_counts()

    def _on_cancelled(self) -> None:
        self.statusBar().showMessage("Loading cancelled; the previous articles stay open.", 6000)
        self._update_counts()

    def _on_finished(self) -> None:
        self.timeline.set_message("")
        if self._worker is not None:
            self._worker.deleteLater()
        self._worker = None
        self.progress.hide()
        self.cancel_btn.hide()

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Open articles",
            self._last_dir(),
            "Articles (*.txt *.text *.html *.htm *.xhtml);;All files (*)",
        )
        if files:
            self._remember_dir(files[0])
            self.open_paths(files)

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Open a folder of articles", self._last_dir()
        )
        if folder:
            self._remember_dir(folder + "/x")
            self.open_paths([folder])

    def _last_dir(self) -> str:
        return read_dir(self.settings, "paths/last_dir", str(Path.home()))

    def _remember_dir(self, path: str) -> None:
        self.settings.setValue("paths/last_dir", str(Path(path).parent))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # -- context menus and corpus management ------------------------------------------------
    def _event_menu(self, global_pos: QPoint) -> None:
        """The Edit actions for the event just right-clicked (already selected)."""
        self.edit_actions.update_enabled()
        self.show_menu(self.edit_actions.event_menu(self), global_pos)

    def _extend_reader_menu(self, menu: QMenu) -> None:
        self.edit_actions.update_enabled()
        menu.addSeparator()
        ours = self.edit_actions.event_menu(menu, with_add=True)
        menu.addActions(ours.actions())

    def _article_menu(self, global_pos: QPoint) -> None:
        self.edit_actions.update_enabled()
        menu = QMenu(self)
        menu.addActions([self.edit_actions.remove_article, self.edit_actions.reextract])
        if self.corpus.errors:
            menu.addSeparator()
            menu.addAction(self.project.remove_failed)
        self.show_menu(menu, global_pos)

    def reextract_article(self, article_id: str) -> bool:
        """Read one article again, bypassing the workspace cache, and rebuild the corpus
        (the edits are applied to the new extraction)."""
        art = next((a for a in self.session.base.articles if a.id == article_id), None)
        if art is None or self._worker is not None:
            return False
        from nktimeline.store import Workspace

        try:
            with Workspace() as ws:
                ws.forget_article(art.sha256)
        except OSError:
            pass  # no cache to forget: the load below reads the file anyway
        self.statusBar().showMessage(f"Re-extracting {art.title or art.path}…", 4000)
        return self.open_paths(self.paths, replace=True)

    # -- export ------------------------------------------------------------------------------
    def export_png(
        self, path: str, *, whole: bool = True, scale: float = 1.0, width: int = 1800
    ) -> tuple[int, int]:
        from nktimeline.export import render_png

        view_range = None if whole else self.timeline.visible_range()
        return render_png(
            self.shown_corpus(),
            path,
            width=width,
            scale=scale,
            view_range=view_range,
            lanes=self._lane_mode,
        )

    def export_timeline_dialog(self) -> ExportDialog | None:
        """File → Export timeline…: the export dialog (window-modal; returns it open), or a
        message when there is nothing to export."""
        corpus = self.shown_corpus()  # edits applied, hidden and filtered-out events gone
        if not corpus.events:
            QMessageBox.information(
                self, "Export timeline", "Nothing to export: the timeline has no events."
            )
            return None
        dlg = ExportDialog(
            corpus,
            lanes=self._lane_mode,
            view_range=self.timeline.visible_range(),
            view_width=self.timeline.viewport().width(),
            start_dir=self._last_dir(),
            parent=self,
        )
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._exported(dlg.written))
        self.export_dialog = dlg
        dlg.open()
        return dlg

    def _exported(self, written: tuple[str, str] | None) -> None:
        if written is not None:
            self._remember_dir(written[0])
            self.statusBar().showMessage(f"Wrote {written[0]} {written[1]}", 6000)

    def _export_text(self, kind: str) -> None:
        from nktimeline.export import write_csv, write_json, write_timelinejs

        if kind == "timelinejs":
            shown = self.shown_corpus()
            if not any(e.date for e in shown.events):
                QMessageBox.information(
                    self, "Export for TimelineJS", "Nothing to export: no event has a date."
                )
                return
            path = self._save_path(
                "Export for TimelineJS", "timeline.json", "TimelineJS JSON (*.json)"
            )
            if path:
                self._write(path, lambda: f"({write_timelinejs(shown, path)} events)")
            return
        up = kind.upper()
        path = self._save_path(f"Export events as {up}", f"events.{kind}", f"{up} files (*.{kind})")
        write = write_json if kind == "json" else write_csv
        if path:
            self._write(path, lambda: write(self.corpus, path))

    def _save_path(self, title: str, name: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(Path(self._last_dir()) / name), filters
        )
        return path

    def _write(self, path: str, write: Callable[[], str | None]) -> None:
        """Run ``write`` (returns a note for the status bar); a failure is shown, as plain
        text in plain words ("cannot write /x/y.json: the folder does not exist")."""
        from nktimeline.output_path import output_problem, write_error

        problem = output_problem(path)
        if problem is not None:
            warning_box(self, "Export failed", f"cannot write {path}: {problem}").exec()
            return
        try:
            note = write()
        except OSError as exc:  # with an errno: worded here; without: already for people
            text = write_error(path, exc) if exc.errno is not None else str(exc)
            warning_box(self, "Export failed", text).exec()
            return
        self.statusBar().showMessage(f"Wrote {path} {note or ''}".rstrip(), 6000)

    def _about(self) -> None:
        from nktimeline import __version__

        QMessageBox.about(
            self,
            "About nktimeline",
            f"nktimeline {__version__}\nChronologies with provenance from news "
            "articles: every date shows where it came from.",
        )
