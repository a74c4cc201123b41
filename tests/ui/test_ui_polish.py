"""Polish (issue 15): reader colours legible in light and dark palettes, settings under
NKTIMELINE_HOME, the load-errors dialog once per set of failures with "Remove from corpus",
plain-language export errors, Help menu, and a filter box that stays legible at 1000x650."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from nktimeline.model import LoadError
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.reader import ReaderPane
from nktimeline.ui.settings import settings_path as real_settings_path


# -- WCAG contrast, computed here independently of the code under test -----------------------
def _luminance(color: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(color.redF()) + 0.7152 * lin(color.greenF()) + 0.0722 * lin(color.blueF())


def ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(**colors: str) -> QPalette:
    pal = QPalette()
    for role, value in colors.items():
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(value))
    return pal


DARK = palette(
    Window="#2b2b2b",
    WindowText="#e8e8e8",
    Base="#1e1e1e",
    AlternateBase="#262626",
    Text="#e8e8e8",
    Button="#353535",
    ButtonText="#e8e8e8",
    Link="#1a56c4",  # a light-theme link blue left in a dark palette: must not be used as is
)
# A dark theme whose text is only light grey: the configured dark tints are too bright for it.
DIM_DARK = palette(
    Window="#303030", WindowText="#c8c8c8", Base="#262626", Text="#c0c0c0", Link="#6fa0ff"
)
LIGHT = palette(
    Window="#efefef", WindowText="#000000", Base="#ffffff", Text="#1a1a1a", Link="#0b57d0"
)


def make_reader(qtbot, corpus, pal: QPalette | None = None) -> tuple[ReaderPane, QtSelection]:
    sel = QtSelection()
    sel.model.set_events(
        [e.id for e in corpus.events],
        {e.id: [m.article for m in e.mentions] for e in corpus.events},
    )
    pane = ReaderPane(sel)
    qtbot.addWidget(pane)
    if pal is not None:
        pane.setPalette(pal)
    pane.resize(600, 700)
    pane.set_corpus(corpus)
    return pane, sel


def fragments(pane: ReaderPane) -> list[tuple[str, QColor, QColor]]:
    """(text, ink, background) of every run of text in the reader's document, as drawn: a
    run without its own colour takes the palette's text colour and background."""
    pal = pane.browser.palette()
    out = []
    block = pane.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            fg = fmt.foreground()
            bg = fmt.background()
            none = Qt.BrushStyle.NoBrush
            ink = fg.color() if fg.style() != none else pal.color(QPalette.ColorRole.Text)
            under = bg.color() if bg.style() != none else pal.color(QPalette.ColorRole.Base)
            if frag.text().strip():
                out.append((frag.text(), ink, under))
            it += 1
        block = block.next()
    return out


def assert_legible(pane: ReaderPane) -> None:
    hl, tint = (QColor(c) for c in pane._colors())
    runs = fragments(pane)
    backgrounds = {under.name() for _t, _i, under in runs}
    assert hl.name() in backgrounds and tint.name() in backgrounds  # both kinds were drawn
    for text, ink, under in runs:
        assert ratio(ink, under) >= 4.5, (text, ink.name(), under.name(), ratio(ink, under))
    # the event box above the article: every colour it names reads on the window colour
    window = pane.palette().color(QPalette.ColorRole.Window)
    colours = re.findall(r"color:\s*(#[0-9a-fA-F]{6})", pane.info.text())
    assert colours, pane.info.text()
    for c in colours:
        assert ratio(QColor(c), window) >= 4.5, (c, window.name())


@pytest.mark.parametrize(
    "pal", [DARK, DIM_DARK, LIGHT, None], ids=["dark", "dim-dark", "light", "default"]
)
def test_reader_text_is_legible_on_every_palette(qtbot, sample_corpus, pal):
    pane, sel = make_reader(qtbot, sample_corpus, pal)
    sel.select("e-stockholm")  # several sources, a conflict, a highlighted timex
    assert pane.highlighted_sentence
    assert_legible(pane)
    base = pane.browser.palette().color(QPalette.ColorRole.Base)
    hl = QColor(pane._colors()[0])
    assert hl != base  # still a highlight, not the plain background


def test_reader_follows_a_palette_change_after_drawing(qtbot, sample_corpus):
    """A desktop that turns dark while the app runs: the article is drawn again."""
    pane, sel = make_reader(qtbot, sample_corpus, LIGHT)
    sel.select("e-panmunjom")
    light_hl = pane._colors()[0]
    pane.setPalette(DARK)
    assert pane._colors()[0] != light_hl
    assert_legible(pane)


# -- settings under NKTIMELINE_HOME ----------------------------------------------------------
def test_settings_live_under_nktimeline_home(tmp_path):
    """In a fresh process (no test fixture in the way): with NKTIMELINE_HOME set, the window
    saves its settings there and nothing under the user's config folders."""
    home, xdg, user = tmp_path / "home", tmp_path / "xdg", tmp_path / "user"
    script = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from nktimeline.ui.main_window import MainWindow
        w = MainWindow()
        w.set_lane_mode("article")
        w.save_settings()
        print(w.settings.fileName())
        w2 = MainWindow()
        print(w2.lane_mode)
        """
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        NKTIMELINE_HOME=str(home),
        XDG_CONFIG_HOME=str(xdg),
        HOME=str(user),
    )
    r = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr[-2000:]
    name, lanes = r.stdout.split()[-2:]
    assert name == str(home / "settings.ini")
    assert "lanes=article" in (home / "settings.ini").read_text(encoding="utf-8")
    assert lanes == "article"  # read back from there
    strays = [p for root in (xdg, user) if root.exists() for p in root.rglob("*.ini")]
    assert strays == []


def test_without_nktimeline_home_settings_use_the_user_scope(monkeypatch):
    from nktimeline.ui import settings

    # the real function, not the isolated_settings fixture's stand-in
    monkeypatch.setattr(settings, "settings_path", real_settings_path)
    monkeypatch.delenv("NKTIMELINE_HOME", raising=False)
    assert settings.settings_path() is None
    monkeypatch.setenv("NKTIMELINE_HOME", "/some/where")
    assert settings.settings_path() == Path("/some/where") / "settings.ini"


# -- the load-errors dialog ------------------------------------------------------------------
def _with_errors(corpus, *errors):
    import dataclasses

    return dataclasses.replace(corpus, errors=tuple(errors))


def test_errors_dialog_shows_once_per_distinct_set_of_failures(open_window, sample_corpus):
    bad = LoadError("/tmp/bad.bin", "binary file")
    w = open_window()
    corpus = _with_errors(sample_corpus, bad)
    w._on_loaded(corpus, ["/tmp/a.txt"])
    assert w.errors_dialog.isVisible()
    w.errors_dialog.hide()
    w._on_loaded(corpus, ["/tmp/a.txt"])  # the same failures again (the next start)
    assert not w.errors_dialog.isVisible()
    assert w.errors_btn.isVisible() and "1 file failed" in w.errors_btn.text()
    w.errors_btn.click()  # still one click away
    assert w.errors_dialog.isVisible()
    w.errors_dialog.hide()
    other = _with_errors(sample_corpus, bad, LoadError("/tmp/empty.txt", "empty file"))
    w._on_loaded(other, ["/tmp/a.txt"])  # a new set of failures: shown again
    assert w.errors_dialog.isVisible()
    w.errors_dialog.hide()
    # remembered in the settings: a new window (the next start) does not pop it up
    w.save_settings()
    w2 = open_window()
    w2._on_loaded(other, ["/tmp/a.txt"])
    assert not w2.errors_dialog.isVisible()


def test_errors_dialog_removes_the_failed_files(open_window, sample_corpus):
    w = open_window()
    w._on_loaded(_with_errors(sample_corpus, LoadError("/tmp/bad.bin", "binary file")), [])
    dlg = w.errors_dialog
    btn = dlg.remove_btn
    assert btn.text() == "Remove from corpus" and btn.isEnabled()
    assert btn.accessibleName()
    triggered = []
    w.project.remove_failed.triggered.connect(lambda *_: triggered.append(True))
    btn.click()
    assert triggered == [True]
    assert w.corpus.errors == ()
    assert not dlg.isVisible() and not w.errors_btn.isVisible()
    assert dlg.list.count() == 0 and not btn.isEnabled()
    assert len(w.corpus.articles) == len(sample_corpus.articles)


# -- plain-language export errors ------------------------------------------------------------
def test_gui_export_to_a_missing_folder_is_a_plain_sentence(
    open_window, sample_corpus, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    w = open_window(corpus=sample_corpus)
    shown: list[str] = []
    path = str(tmp_path / "no-such-folder" / "events.json")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (path, "")))
    w._export_text("json")
    assert shown == [f"cannot write {path}: the folder does not exist"]


def test_gui_export_failure_with_an_errno_is_worded(
    open_window, sample_corpus, tmp_path, monkeypatch
):
    import errno

    w = open_window(corpus=sample_corpus)
    shown: list[str] = []

    def full_disk():
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    w._write(str(tmp_path / "t.json"), full_disk)
    assert shown == [f"cannot write {tmp_path / 't.json'}: the disk is full"]
    assert "Errno" not in shown[0]


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "-o", "{bad}/x.json", "seeds"],
        ["export", "--png", "{bad}/x.png"],
    ],
)
def test_cli_bad_output_path_is_plain(tmp_path, args):
    bad = str(tmp_path / "missing")
    argv = [a.replace("{bad}", bad) for a in args]
    r = subprocess.run(
        [sys.executable, "-m", "nktimeline", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    )
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    out = argv[argv.index("-o") + 1] if "-o" in argv else argv[argv.index("--png") + 1]
    assert lines[0] == f"nktimeline {argv[0]}: cannot write {out}: the folder does not exist"
    assert "Errno" not in r.stderr and "Traceback" not in r.stderr


# -- Help menu -------------------------------------------------------------------------------
def _help_action(w, text):
    help_menu = next(
        a.menu() for a in w.menuBar().actions() if a.menu() and "Help" in a.menu().title()
    )
    return next(a for a in help_menu.actions() if a.text().replace("&", "") == text)


def test_help_lists_every_shortcut_from_the_actions(open_window, qtbot):
    from PySide6.QtGui import QAction, QKeySequence

    from nktimeline.ui.help_dialogs import ShortcutsDialog

    w = open_window()
    act = _help_action(w, "Keyboard shortcuts")
    act.trigger()
    dlg = next(d for d in w.findChildren(ShortcutsDialog) if d.isVisible())
    table = dlg.table
    rows = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    expected = {
        (a.text().replace("&", "").rstrip("…").strip(), a.shortcut().toString(native))
        for a in w.findChildren(QAction)
        if not a.shortcut().isEmpty() and a.text()
    }
    assert expected, "the window has actions with shortcuts"
    assert {name for name, _ in expected} <= {name for name, _ in rows}
    for name, keys in expected:
        assert any(n == name and keys in k for n, k in rows), (name, keys)
    assert ("Next event", "Alt+Right") in rows
    # read from the actions: a new shortcut shows up without touching the dialog
    extra = QAction("Frobnicate", w)
    extra.setShortcut(QKeySequence("Ctrl+Alt+F"))
    w.addAction(extra)
    dlg.close()
    act.trigger()
    dlg2 = [d for d in w.findChildren(ShortcutsDialog) if d.isVisible()][-1]
    names = [dlg2.table.item(r, 1).text() for r in range(dlg2.table.rowCount())]
    assert "Frobnicate" in names
    assert dlg2.table.accessibleName()


def test_help_explains_every_date_source(open_window):
    from nktimeline.ui.help_dialogs import DatesGuideDialog

    w = open_window()
    _help_action(w, "How dates are found").trigger()
    dlg = next(d for d in w.findChildren(DatesGuideDialog) if d.isVisible())
    text = dlg.text.toPlainText()
    for source in ("stated", "relative", "reference", "inferred", "publication", "user"):
        assert re.search(rf"\b{source}\b", text), source
    assert dlg.text.accessibleName()


# -- responsive layout -----------------------------------------------------------------------
def test_filter_box_stays_legible_at_1000x650(open_window, sample_corpus, qtbot):
    w = open_window(1000, 650, sample_corpus)
    qtbot.wait(50)
    QApplication.processEvents()
    search = w.table.search
    assert search.isVisible()
    fm = search.fontMetrics()
    # the placeholder ("Filter events…") fits, with the clear button and the margins
    needed = fm.horizontalAdvance(search.placeholderText() or "Filter events…") + 24
    assert search.width() >= needed, (search.width(), needed)
    assert search.minimumWidth() >= 120 or search.minimumSizeHint().width() >= 120


def test_controls_added_here_have_accessible_names(open_window):
    w = open_window()
    dlg = w.errors_dialog
    for b in dlg.findChildren(QPushButton):
        assert b.accessibleName(), b.text()
    assert dlg.list.accessibleName() and dlg.label.accessibleName()
