"""The previous run's corpus reopens on start, through the workspace cache."""

from __future__ import annotations

import shutil

from nktimeline.paths import seed_files
from nktimeline.ui.app import startup_paths
from nktimeline.ui.workers import _default_loader

TEXT = (
    "Envoys meet in Oslo\n\nBy Kari Nord\n\nPublished : June 3, 2022 - 09:00\n\n"
    "Envoys met in Oslo on Thursday for talks on a ceasefire, officials said.\n"
)


def test_last_corpus_reopens_then_falls_back_to_seeds(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    assert startup_paths(["x.txt"]) == ["x.txt"]
    corpus = _default_loader(
        [str(folder)], use_reference=True, progress=None, cancelled=lambda: False
    )
    assert len(corpus.articles) == 1
    assert startup_paths([]) == [str(folder.resolve())]
    again = _default_loader(
        [str(folder)], use_reference=True, progress=None, cancelled=lambda: False
    )
    assert again.events == corpus.events
    shutil.rmtree(folder)
    assert startup_paths([]) == [str(p) for p in seed_files()]
