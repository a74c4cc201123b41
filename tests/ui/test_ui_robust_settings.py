"""Stored settings are never trusted (issue 11, defect 9): garbage means defaults, no crash."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

# A serialized QVariantList claiming ~1.8 billion items: QDataStream throws std::bad_alloc.
LIST_BOMB = r"@Variant(\0\0\0\x9\x6e\x92\xc5\x3b\xc5\xe9\x9bb\0)"
# A serialized qfloat16, which PySide6 has no converter for (RuntimeError on read).
FLOAT16 = r"@Variant(\0\0\0\x3f\0\x3c\0)"  # type 63 (Float16), not null, 1.0


def ini_path(tmp_path: Path) -> Path:
    """The INI file ``default_settings()`` uses under the isolated_settings fixture."""
    return tmp_path / "cfg" / "nktimeline" / "nktimeline.ini"


def write_ini(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def make_window(qtbot, settings: QSettings | None = None):
    from nktimeline.ui.main_window import MainWindow

    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    return w


def assert_defaults(w) -> None:
    assert w._lane_mode == "category"
    assert w.lane_actions["category"].isChecked()
    assert w._last_dir() == str(Path.home())
    assert (w.width(), w.height()) == (1500, 920)


@pytest.mark.parametrize(
    ("lanes", "last_dir"),
    [
        ("a, b", "42"),  # a list where a string is expected; a number where a path is
        ("42", "relative/dir"),
        ("@Rect(1 2 3 4)", "@Size(3 4)"),  # Qt value types
        ('"{not json"', r"\0"),  # an embedded NUL
        ("", "a, b"),
        ("@Point(1 2)", "/nonexistent/dir"),
        ("article, category", '"/tmp, @x"'),
    ],
)
def test_garbage_settings_fall_back_to_defaults(qtbot, tmp_path, lanes, last_dir):
    path = ini_path(tmp_path)
    write_ini(
        path,
        f"""
        [window]
        geometry=not bytes
        state="{{not json"
        [splitters]
        mainSplit=123
        leftSplit=@ByteArray(garbage)
        bottomSplit=@Rect(1 2 3 4)
        [timeline]
        lanes={lanes}
        [paths]
        last_dir={last_dir}
        """,
    )
    w = make_window(qtbot)
    assert w.settings.fileName() == str(path)
    assert_defaults(w)


def test_unconvertible_values_fall_back_to_defaults(qtbot, tmp_path):
    """A settings object given to the window (no clean-up) holding types PySide6 cannot
    convert: every read falls back instead of raising RuntimeError."""
    path = tmp_path / "given.ini"
    write_ini(
        path,
        f"""
        [window]
        geometry={FLOAT16}
        state={FLOAT16}
        [splitters]
        mainSplit={FLOAT16}
        [timeline]
        lanes={FLOAT16}
        [paths]
        last_dir={FLOAT16}
        """,
    )
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    with pytest.raises(RuntimeError):
        settings.value("timeline/lanes")  # what the window must survive
    assert_defaults(make_window(qtbot, settings))


def test_valid_settings_are_kept_by_the_clean_up(qtbot, tmp_path):
    from nktimeline.ui.settings import drop_serialized_variants

    w = make_window(qtbot)
    w.set_lane_mode("article")
    w.settings.setValue("paths/last_dir", str(tmp_path))
    w.save_settings()
    path = Path(w.settings.fileName())
    before = path.read_bytes()
    assert b"@ByteArray(" in before
    assert not drop_serialized_variants(path)
    assert path.read_bytes() == before
    w2 = make_window(qtbot)
    assert w2._lane_mode == "article"
    assert w2._last_dir() == str(tmp_path)


@pytest.mark.parametrize(
    "line",
    [
        f"lanes={LIST_BOMB}",
        f"lanes=category, {LIST_BOMB}",
        f'lanes="{LIST_BOMB}"',
        "lanes=\\\n" + LIST_BOMB,  # a continuation line
        "lanes=" + LIST_BOMB.replace("@", "\\x40"),  # an escaped "@"
        "lanes=@ByteArray(x)," + LIST_BOMB,
    ],
)
def test_clean_up_drops_serialized_variants(tmp_path, line):
    from nktimeline.ui.settings import drop_serialized_variants

    path = tmp_path / "s.ini"
    write_ini(path, "[timeline]\nother=1\n")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n[paths]\nlast_dir=/tmp/a@b\n")
    assert drop_serialized_variants(path)
    text = path.read_text(encoding="utf-8")
    assert "Variant" not in text
    assert "other=1" in text and "last_dir=/tmp/a@b" in text


@pytest.mark.parametrize("with_home", [False, True])
def test_corrupt_serialized_value_does_not_abort_the_app(tmp_path, with_home):
    """Qt aborts (std::bad_alloc) while *reading* such a file, before Python can catch
    anything; so this runs in a child process and checks it exits normally.  The file is
    Qt's user-scope one, or ``$NKTIMELINE_HOME/settings.ini`` when that is set."""
    cfg = tmp_path / "cfg"
    home = tmp_path / "home"
    write_ini(
        home / "settings.ini" if with_home else cfg / "nktimeline" / "nktimeline.ini",
        f"""
        [timeline]
        lanes={LIST_BOMB}
        [paths]
        last_dir={LIST_BOMB}
        """,
    )
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(cfg)!r})
        from nktimeline.ui.main_window import MainWindow
        w = MainWindow()
        print("lanes", w._lane_mode, sorted(w.settings.allKeys()))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.pop("NKTIMELINE_HOME", None)
    if with_home:
        env["NKTIMELINE_HOME"] = str(home)
    r = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "lanes category" in r.stdout
