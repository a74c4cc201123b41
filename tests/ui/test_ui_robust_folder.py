"""Issue 11, "done when": a folder holding the seeds plus one hostile item of each kind
(a file name that is markup, a file name that is not UTF-8, a sentence that used to crash
the tagger, a FIFO) and a damaged workspace cache opens in the GUI and in ``extract``
with every seed event intact and one clear message per bad item."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from nktimeline.model import Corpus

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
MARKUP_NAME = '<img src="&#47;dev&#47;zero"> report.txt'
CP949_NAME = "한국".encode("cp949") + b".txt"
PAGE = 4096


def _article(title: str, body: str) -> str:
    return f"{title}\n\nPublished: Nov. 5, 2023\n\n{body}\n"


@pytest.fixture
def hostile_folder(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in sorted(SEEDS.iterdir()):
        shutil.copy(p, folder / p.name)
    (folder / MARKUP_NAME).write_text(
        _article("Markup name", "The council met in Lisbon on Tuesday, officials said."),
        encoding="utf-8",
    )
    with open(os.fsencode(folder) + b"/" + CP949_NAME, "wb") as fh:
        fh.write(_article("Seoul talks", "The envoys met in Seoul on Monday.").encode())
    (folder / "half.txt").write_text(
        _article(
            "Half a year",
            "Half a year later, they met in Geneva. They also met on Feb. 29 in Oslo.",
        ),
        encoding="utf-8",
    )
    os.mkfifo(folder / "pipe.txt")
    return folder


def _seed_events() -> set[tuple]:
    from nktimeline.pipeline import load_corpus

    return _keys(load_corpus(sorted(SEEDS.iterdir())))


def _keys(corpus: Corpus) -> set[tuple]:
    return {(e.title, e.date) for e in corpus.events}


def _damaged_workspace(home: Path) -> Path:
    """A real workspace (the seeds cached) with every page after the first overwritten."""
    from nktimeline.pipeline import load_corpus
    from nktimeline.store import Workspace

    path = home / "workspace.sqlite3"
    with Workspace(path) as ws:
        load_corpus(sorted(SEEDS.iterdir()), workspace=ws)
        ws.set_setting("last_paths", [str(SEEDS)])
    size = path.stat().st_size
    assert size > 3 * PAGE
    with open(path, "r+b") as fh:
        for page in range(1, size // PAGE):
            fh.seek(page * PAGE)
            fh.write(bytes((page * 37 + i) % 251 for i in range(PAGE)))
    return path


def test_hostile_folder_in_the_gui(qtbot, tmp_path, hostile_folder, monkeypatch):
    from nktimeline.ui.main_window import MainWindow

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("NKTIMELINE_HOME", str(home))
    _damaged_workspace(home)
    seed_events = _seed_events()

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.corpusLoaded, timeout=120_000):
        assert w.open_paths([str(hostile_folder)])
    qtbot.waitUntil(lambda: w._worker is None, timeout=30_000)
    corpus = w.corpus
    names = sorted(Path(a.path).name for a in corpus.articles)
    assert len(names) == 7, names  # 4 seeds + the markup name, the cp949 name, half.txt
    assert MARKUP_NAME in names
    assert os.fsdecode(CP949_NAME) in names
    (err,) = corpus.errors  # the FIFO, and nothing else
    assert Path(err.path).name == "pipe.txt" and "not a regular file" in err.message
    assert seed_events <= _keys(corpus)
    # the damaged cache was moved aside and rebuilt, and the user is told once
    assert "workspace cache" in w.statusBar().currentMessage().lower()
    assert any(p.name.startswith("workspace.sqlite3.damaged") for p in home.iterdir())
    w.close()


def test_hostile_folder_in_extract(tmp_path, hostile_folder):
    seed_events = _seed_events()
    out = tmp_path / "out.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "nktimeline", "extract", str(hostile_folder), "-o", str(out)],
        capture_output=True,
        timeout=300,
        cwd=REPO,
        env=env,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0 and "Traceback" not in err, err
    data = json.loads(out.read_bytes().decode("utf-8"))
    assert len(data["articles"]) == 7
    (bad,) = data["errors"]
    assert Path(bad["path"]).name == "pipe.txt"
    assert err.count("nktimeline: ") == 1 and "pipe.txt: not a regular file" in err
    got = {(e["title"], e["date"]["start"] if e["date"] else None) for e in data["events"]}
    assert {(t, d.iso_start() if d else None) for t, d in seed_events} <= got
