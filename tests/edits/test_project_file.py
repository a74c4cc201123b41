"""The .nktl project file: round trip, moved folders, damaged and newer files, atomic saves."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from nktimeline.edits import (
    Edit,
    MentionKey,
    Project,
    ProjectError,
    autosave_path,
    load_project,
    save_project,
)


def _edits(n: int) -> list[Edit]:
    return [
        Edit("set", (MentionKey("sha", "body", i, i + 5, "met"),), {"title": f"T{i}"}, f"e{i}")
        for i in range(n)
    ]


def test_round_trip_keeps_paths_edits_and_settings(tmp_path):
    arts = tmp_path / "articles"
    arts.mkdir()
    (arts / "a.txt").write_text("x")
    p = Project([str(arts / "a.txt")], _edits(3), settings={"lanes": "article"})
    save_project(p, tmp_path / "p.nktl")
    back = load_project(tmp_path / "p.nktl")
    assert back.paths == [str((arts / "a.txt").resolve())]
    assert back.edits == p.edits
    assert back.settings == {"lanes": "article"}
    assert back.created


def test_a_moved_project_folder_finds_its_articles_by_relative_path(tmp_path):
    old = tmp_path / "old"
    (old / "articles").mkdir(parents=True)
    (old / "articles" / "a.txt").write_text("x")
    save_project(Project([str(old / "articles" / "a.txt")]), old / "p.nktl")
    new = tmp_path / "new"
    shutil.move(str(old), str(new))
    assert load_project(new / "p.nktl").paths == [str((new / "articles" / "a.txt").resolve())]


def test_unreadable_edits_are_listed_and_written_back(tmp_path):
    path = tmp_path / "p.nktl"
    save_project(Project([], _edits(2)), path)
    db = sqlite3.connect(path)
    db.execute('INSERT INTO edit VALUES (99, \'{"kind": "teleport"}\')')
    db.commit()
    db.close()
    p = load_project(path)
    assert len(p.edits) == 2 and p.unreadable == ['{"kind": "teleport"}']
    save_project(p, path)
    assert load_project(path).unreadable == ['{"kind": "teleport"}']


@pytest.mark.parametrize("kind", ["missing", "text", "other_db", "newer"])
def test_files_that_are_not_our_projects_give_a_plain_message(tmp_path, kind):
    path = tmp_path / "p.nktl"
    if kind == "text":
        path.write_text("hello, not a database\n" * 100)
    elif kind == "other_db":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE x (y)")
        db.commit()
        db.close()
    elif kind == "newer":
        save_project(Project(), path)
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
    with pytest.raises(ProjectError) as err:
        load_project(path)
    msg = str(err.value)
    assert "p.nktl" in msg and "Traceback" not in msg and "Errno" not in msg
    if kind == "newer":
        assert "newer nktimeline" in msg


def test_saving_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(ProjectError, match="folder does not exist"):
        save_project(Project(), tmp_path / "nope" / "p.nktl")


def test_autosave_paths_differ_per_project(tmp_path):
    a = autosave_path(tmp_path, tmp_path / "one.nktl")
    b = autosave_path(tmp_path, tmp_path / "two.nktl")
    assert a != b and a.parent == tmp_path and a.suffix == ".nktl"
    assert autosave_path(tmp_path, None).name == "untitled.nktl"


def test_kill_during_save_leaves_the_previous_project_readable(tmp_path):
    """A writer killed with SIGKILL at random moments of saving: the file is always
    complete, either the previous version or the new one."""
    path = tmp_path / "p.nktl"
    save_project(Project([], _edits(1)), path)
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {os.getcwd()!r})
        from nktimeline.edits import Edit, MentionKey, Project, save_project
        edits = [Edit("set", (MentionKey("sha", "body", i, i + 5, "met"),), {{"title": "T" * 200}})
                 for i in range(4000)]
        print("ready", flush=True)
        n = 1
        while True:
            n = n % 3999 + 1
            save_project(Project([], edits[:n]), {str(path)!r})
        """
    )
    for delay in (0.05, 0.15, 0.3, 0.45):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        p = load_project(path)  # never half a file
        assert len(p.edits) >= 1 and not p.unreadable
        assert [e.values["title"] for e in p.edits][:1] in (["T0"], ["T" * 200])
