"""Project files in the window: save, reopen in a new window, recover after a crash."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from nktimeline.edits import load_project

ACCEPT = QDialog.DialogCode.Accepted


def _load(qtbot, w, paths):
    with qtbot.waitSignal(w.corpusLoaded, timeout=120_000):
        w.open_paths([str(p) for p in paths], replace=True)
    qtbot.waitUntil(lambda: w._worker is None, timeout=10_000)


def _rename_first_multi_source(w, title):
    ev = next(e for e in w.corpus.events if len(e.articles) > 1 and e.date is not None)
    w.selection.select(ev.id)

    def fill(dlg):
        dlg.title.setText(title)
        return ACCEPT

    w.edit_actions.run_dialog = fill
    w.edit_actions.rename.trigger()
    return ev


def test_save_and_reopen_in_a_new_window(qtbot, open_window, seed_paths, tmp_path):
    w1 = open_window()
    _load(qtbot, w1, seed_paths)
    assert w1.windowTitle().startswith("Untitled")
    ev = _rename_first_multi_source(w1, "Renamed by the user")
    hidden = next(e for e in w1.corpus.events if e.id != ev.id)
    w1.selection.select(hidden.id)
    w1.edit_actions.hide.trigger()
    assert w1.isWindowModified()
    w1.project.choose_save_path = lambda: str(tmp_path / "story")
    assert w1.project.save.isEnabled()
    w1.project.save.trigger()
    path = tmp_path / "story.nktl"
    assert path.is_file() and not w1.isWindowModified()
    assert w1.windowTitle().startswith("story.nktl")
    assert len(load_project(path).edits) == 2

    w2 = open_window()
    with qtbot.waitSignal(w2.corpusLoaded, timeout=120_000):
        assert w2.project.open_project(str(path))
    qtbot.waitUntil(lambda: w2._worker is None, timeout=10_000)
    (again,) = [e for e in w2.corpus.events if e.title == "Renamed by the user"]
    assert again.edited_field("title").original == ev.title
    assert hidden.id not in {e.id for e in w2.corpus.events}
    assert not w2.isWindowModified() and w2.windowTitle().startswith("story.nktl")
    assert w2.project.recent()[0] == str(path.resolve())
    # undo in the reopened window starts from the saved state (no history to undo)
    assert not w2.edit_actions.undo.isEnabled()


def test_autosave_is_offered_back_after_a_crash(qtbot, open_window, seed_paths):
    w1 = open_window()
    _load(qtbot, w1, seed_paths)
    _rename_first_multi_source(w1, "Unsaved correction")
    copy = w1.project.autosave()
    assert copy is not None and copy.is_file()
    # the first window "crashes": a second one starts and finds the copy
    w2 = open_window()
    asked = []
    with qtbot.waitSignal(w2.corpusLoaded, timeout=120_000):
        assert w2.project.offer_recovery(ask=lambda p: asked.append(p) or True)
    qtbot.waitUntil(lambda: w2._worker is None, timeout=10_000)
    assert asked == [copy]
    assert any(e.title == "Unsaved correction" for e in w2.corpus.events)
    assert w2.isWindowModified()  # recovered work is unsaved until the user saves it


def test_a_clean_close_leaves_no_recovery_copy(qtbot, open_window, sample_corpus):
    w = open_window(corpus=sample_corpus)
    w.selection.select("e-party")
    w.edit_actions.hide.trigger()
    copy = w.project.autosave()
    assert copy is not None and copy.exists()
    w.close()  # the test fixture answers "Discard"
    assert not copy.exists()
    assert open_window().project.recoverable() == []


def test_a_damaged_project_is_a_message_and_keeps_what_is_open(
    qtbot, open_window, sample_corpus, tmp_path
):
    w = open_window(corpus=sample_corpus)
    bad = tmp_path / "bad.nktl"
    bad.write_bytes(b"\x00garbage" * 100)
    said = []
    w.project.warn = lambda title, text: said.append((title, text))
    assert not w.project.open_project(str(bad))
    assert said and "bad.nktl" in said[0][1] and "not an nktimeline project" in said[0][1]
    assert len(w.corpus.articles) == 4


def test_new_project_asks_then_clears(qtbot, open_window, sample_corpus):
    from PySide6.QtWidgets import QMessageBox

    w = open_window(corpus=sample_corpus)
    w.selection.select("e-party")
    w.edit_actions.hide.trigger()
    w.project.ask_unsaved = lambda: QMessageBox.StandardButton.Cancel
    assert not w.project.new_project()
    assert w.session.edits
    w.project.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
    assert w.project.new_project()
    assert not w.corpus.articles and not w.session.edits
    assert w.windowTitle().startswith("Untitled") and not w.isWindowModified()
