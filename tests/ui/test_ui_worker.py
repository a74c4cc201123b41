"""Background loading reports progress, results, errors and cancellation on the GUI thread."""

from __future__ import annotations

import time

import pytest

from nktimeline.model import Corpus, LoadError
from nktimeline.ui.workers import LoadJob


def _fake_loader(paths, *, use_reference, progress, cancelled):
    for i, p in enumerate(paths):
        progress(i, len(paths), p)
    progress(len(paths), len(paths), "")
    return Corpus(errors=(LoadError(paths[-1], "empty file"),))


def test_worker_reports_progress_and_result(qtbot):
    w = LoadJob(["a.txt", "b.txt"], loader=_fake_loader)
    seen = []
    w.progress.connect(lambda d, t, p: seen.append((d, t)))
    with qtbot.waitSignal(w.loaded, timeout=5000) as blocker:
        w.start()
    corpus = blocker.args[0]
    assert corpus.errors[0].message == "empty file"
    qtbot.waitUntil(lambda: (2, 2) in seen)
    assert seen[0] == (0, 2)


def test_worker_cancel(qtbot):
    from nktimeline.pipeline import Cancelled

    def slow(paths, *, use_reference, progress, cancelled):
        for _ in range(500):
            if cancelled():
                raise Cancelled()
            time.sleep(0.01)
        return Corpus()

    w = LoadJob(["x"], loader=slow)
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        w.start()
        w.cancel()


def test_worker_reports_failure(qtbot):
    def boom(paths, **_kw):
        raise RuntimeError("disk on fire")

    w = LoadJob(["x"], loader=boom)
    with qtbot.waitSignal(w.failed, timeout=5000) as blocker:
        w.start()
    assert "disk on fire" in blocker.args[0]


def test_real_load_good_empty_and_binary_files(qtbot, tmp_path):
    pytest.importorskip("nktimeline.ingest")
    events = pytest.importorskip("nktimeline.events")
    if not hasattr(events, "extract_events"):
        pytest.skip("event extraction not available yet")
    good = tmp_path / "good.txt"
    good.write_text(
        "Leaders meet in Hanoi\n\nBy A. Reporter\n\nPublished: 2019-02-26\n\n"
        "The two leaders will hold a summit in Hanoi on Feb. 27-28, 2019, officials said "
        "on Tuesday. The talks follow their first meeting in Singapore on June 12, 2018.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    w = LoadJob([str(tmp_path)])
    progress = []
    w.progress.connect(lambda d, t, p: progress.append((d, t, p)))
    with qtbot.waitSignal(w.loaded, timeout=30000) as blocker:
        w.start()
    corpus = blocker.args[0]
    assert len(corpus.articles) == 1
    bad = {e.path.rsplit("/", 1)[-1] for e in corpus.errors}
    assert {"empty.txt", "binary.txt"} <= bad
    assert all(e.message for e in corpus.errors)
    qtbot.waitUntil(lambda: any(d == t > 0 for d, t, _ in progress))
    assert any(t == 0 and "Merging events" in p for _d, t, p in progress)


def test_main_window_loads_in_background(qtbot, tmp_path):
    from nktimeline.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    import nktimeline.ui.workers as workers

    orig = workers._default_loader
    workers._default_loader = _fake_loader
    try:
        with qtbot.waitSignal(w.corpusLoaded, timeout=5000):
            assert w.open_paths(["a.txt", "b.txt"])
    finally:
        workers._default_loader = orig
    qtbot.waitUntil(lambda: w._worker is None)
    assert w.paths == ["a.txt", "b.txt"]
    assert w.errors_dialog.list.count() == 1
    assert not w.errors_dialog.isModal()


def test_main_window_cancel_keeps_previous_corpus(qtbot, sample_corpus):
    from nktimeline.pipeline import Cancelled
    from nktimeline.ui.main_window import MainWindow

    def slow(paths, *, use_reference, progress, cancelled):
        for _ in range(500):
            progress(0, 1, paths[0])
            if cancelled():
                raise Cancelled()
            time.sleep(0.01)
        return Corpus()

    w = MainWindow()
    qtbot.addWidget(w)
    w.set_corpus(sample_corpus)
    import nktimeline.ui.workers as workers

    orig = workers._default_loader
    workers._default_loader = slow
    try:
        assert w.open_paths(["x.txt"])
        assert not w.open_paths(["y.txt"])  # one load at a time
        assert w.cancel_btn.isVisibleTo(w) and w.progress.isVisibleTo(w)
        w.cancel_btn.click()
        qtbot.waitUntil(lambda: w._worker is None, timeout=5000)
    finally:
        workers._default_loader = orig
    assert w.corpus is sample_corpus
    assert not w.progress.isVisibleTo(w)
