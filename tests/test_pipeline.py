"""End-to-end core pipeline: hostile folders, the workspace cache, parallel loading."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from nktimeline.pipeline import Cancelled, load_articles, load_corpus
from nktimeline.store import Workspace

GOOD = (
    "Ministers meet in Vienna\n\nBy Ann Lee\n\nPublished : March 4, 2021 - 10:00\n\n"
    "Foreign ministers met in Vienna on Tuesday for talks on the nuclear deal. "
    "They agreed to meet again next month, officials said.\n\n"
    "The talks followed a summit in Geneva on Feb. 24, 2021, where the leaders signed a "
    "statement on arms control.\n"
)


def _hostile_folder(root):
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "good copy with spaces ü.txt").write_text(GOOD.replace("Vienna", "Oslo"), "utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.bin").write_bytes(bytes(range(256)) * 64)
    with open(root / "huge.txt", "wb") as fh:  # sparse: 100 MB without writing 100 MB
        fh.seek(100 * 1024 * 1024)
        fh.write(b"x")
    (root / "line.txt").write_text(("word " * 210_000).strip(), encoding="utf-8")
    (root / "nested.html").write_text("<html><body>" + "<div>" * 50_000 + "x", "utf-8")
    (root / "script.html").write_text(
        "<html><head><title>Rally in Seoul</title><script>fetch('http://evil')</script></head>"
        "<body><iframe src='http://evil/'></iframe><img src='http://evil/x.png'>"
        "<p>Thousands rallied in Seoul on Saturday, May 2, 2020, organisers said.</p>"
        "<p>Police said the protest ended peacefully in the evening.</p></body></html>",
        "utf-8",
    )
    (root / "truncated.txt").write_bytes(GOOD.encode("utf-8") + "한국".encode()[:-1])
    sub = root / "sub"
    sub.mkdir()
    os.symlink(root, sub / "loop")


def test_hostile_folder_loads_good_files_and_reports_bad(tmp_path):
    _hostile_folder(tmp_path)
    t0 = time.perf_counter()
    corpus = load_corpus([tmp_path])
    elapsed = time.perf_counter() - t0
    names = {os.path.basename(a.path) for a in corpus.articles}
    assert {"good.txt", "good copy with spaces ü.txt", "script.html", "truncated.txt"} <= names
    bad = {os.path.basename(e.path): e.message for e in corpus.errors}
    assert {"empty.txt", "binary.bin", "huge.txt"} <= set(bad)
    assert "large" in bad["huge.txt"]
    script = next(a for a in corpus.articles if a.path.endswith("script.html"))
    assert "evil" not in script.body and "fetch(" not in script.body
    assert elapsed < 60  # generous: the point is "no hang", not a speed check
    assert any(e.place == "Vienna" for e in corpus.events)


def test_cancel_stops_loading(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(GOOD, encoding="utf-8")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        load_corpus([tmp_path], cancelled=cancelled)


def test_progress_reports_every_file(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(GOOD.replace("Vienna", f"City{i}"), encoding="utf-8")
    seen = []
    load_articles([tmp_path], progress=lambda done, total, path: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_files_taken_stage_by_stage_give_what_one_at_a_time_gives(tmp_path, monkeypatch):
    # files are read, then dated, then read for mentions a few at a time: a bad file in the
    # middle of a batch costs only itself, and the order and progress stay the files'
    from nktimeline import pipeline

    for i in range(7):
        (tmp_path / f"a{i}.txt").write_text(GOOD.replace("Vienna", f"City{i}"), "utf-8")
    (tmp_path / "a3.txt").write_bytes(b"")
    (tmp_path / "a5.txt").write_bytes(bytes(range(256)) * 64)

    from nktimeline.events import extract

    batches = []
    real_many = extract.first_pass_many

    def many(articles, *args):
        batches.append(len(articles))
        return real_many(articles, *args)

    monkeypatch.setattr(extract, "first_pass_many", many)

    def load(ahead, chars=100_000):
        monkeypatch.setattr(pipeline, "READ_AHEAD", ahead)
        monkeypatch.setattr(pipeline, "READ_AHEAD_CHARS", chars)
        seen = []
        batches.clear()
        c = load_corpus([tmp_path], progress=lambda done, total, path: seen.append((done, path)))
        return c, seen

    one, seen_one = load(1)
    staged, seen = load(3)
    assert batches == [3, 1, 1]  # (a0-a2; a3 and a5 are not read, so a4 alone, a6 alone)
    assert seen == seen_one
    # a batch also ends once it holds enough text (here: every file alone)
    by_size, seen_by_size = load(3, chars=10)
    assert batches == [1] * 5
    assert seen_by_size == seen_one
    assert [a.id for a in by_size.articles] == [a.id for a in one.articles]
    # each file as its mentions are read, then the end of reading, then the merge's message
    assert [d for d, _ in seen] == [*range(7), 7, 0]
    assert [p.rsplit("/", 1)[-1] for _, p in seen[:7]] == [f"a{i}.txt" for i in range(7)]
    assert [a.id for a in staged.articles] == [a.id for a in one.articles]
    assert [a.id for a in staged.articles] == ["a0", "a1", "a2", "a4", "a6"]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in staged.errors) == ["a3.txt", "a5.txt"]
    assert [(e.title, e.date, len(e.mentions)) for e in staged.events] == [
        (e.title, e.date, len(e.mentions)) for e in one.events
    ]


def test_workspace_reopens_same_corpus_and_follows_moves_and_edits(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD, encoding="utf-8")
    with Workspace(tmp_path / "ws.sqlite3") as ws:
        first = load_corpus([docs], workspace=ws)
        again = load_corpus([docs], workspace=ws)
        assert again.events == first.events and again.articles == first.articles
        moved = tmp_path / "moved"
        shutil.move(str(docs), str(moved))
        after_move = load_corpus([moved], workspace=ws)
        assert after_move.articles[0].path == str(moved / "a.txt")
        (moved / "a.txt").write_text(GOOD.replace("Vienna", "Helsinki"), encoding="utf-8")
        edited = load_corpus([moved], workspace=ws)
        assert "Helsinki" in edited.articles[0].body
        assert any(e.place == "Helsinki" for e in edited.events)


def test_same_file_name_in_two_folders_keeps_both(tmp_path):
    for sub, city in (("x", "Vienna"), ("y", "Oslo")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(GOOD.replace("Vienna", city), "utf-8")
    corpus = load_corpus([tmp_path])
    ids = [a.id for a in corpus.articles]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_process_pool_gives_the_same_corpus_as_one_process(tmp_path, monkeypatch):
    import nktimeline.pipeline as pipeline

    for i, city in enumerate(["Vienna", "Oslo", "Geneva", "Hanoi", "Seoul", "Lima"]):
        (tmp_path / f"a{i}.txt").write_text(GOOD.replace("Vienna", city), encoding="utf-8")
    serial = load_corpus([tmp_path])
    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(pipeline, "_CHUNK", 2)
    parallel = load_corpus([tmp_path], workers=2)
    assert parallel == serial


def _pooled(monkeypatch):
    import nktimeline.pipeline as pipeline

    monkeypatch.setattr(pipeline, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(pipeline, "_CHUNK", 2)


def test_pooled_reading_uses_and_fills_the_workspace(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    for i, city in enumerate(["Vienna", "Oslo", "Geneva", "Hanoi", "Seoul"]):
        (src / f"a{i}.txt").write_text(GOOD.replace("Vienna", city), encoding="utf-8")
    serial = load_corpus([src])
    _pooled(monkeypatch)
    with Workspace(tmp_path / "ws.sqlite3") as ws:
        first = load_corpus([src], workspace=ws, workers=2)
        cached = ws.get_articles([a.sha256 for a in first.articles])
        assert len(cached) == 5  # the parent stored what the workers parsed
        # A new file makes a new input: the workers now read the other five from the cache.
        (src / "a5.txt").write_text(GOOD.replace("Vienna", "Lima"), encoding="utf-8")
        second = load_corpus([src], workspace=ws, workers=2)
    assert first == serial
    assert len(second.articles) == 6
    assert {a.path for a in second.articles} >= {a.path for a in serial.articles}


def test_pooled_reading_keeps_mentions_pointing_at_renamed_articles(tmp_path, monkeypatch):
    for sub, city in (("x", "Vienna"), ("y", "Oslo"), ("z", "Geneva")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(GOOD.replace("Vienna", city), "utf-8")
    serial = load_corpus([tmp_path])
    _pooled(monkeypatch)
    pooled = load_corpus([tmp_path], workers=2)
    ids = {a.id for a in pooled.articles}
    assert len(ids) == 3
    assert {m.article for e in pooled.events for m in e.mentions} <= ids
    assert pooled == serial


def test_pooled_reading_reports_bad_files_and_keeps_the_rest(tmp_path, monkeypatch):
    _hostile_folder(tmp_path)
    _pooled(monkeypatch)
    corpus = load_corpus([tmp_path], workers=2)
    assert {os.path.basename(a.path) for a in corpus.articles} >= {"good.txt", "script.html"}
    bad = {os.path.basename(e.path) for e in corpus.errors}
    assert {"empty.txt", "binary.bin", "huge.txt"} <= bad


def _age(folder, seconds=60):
    past = time.time() - seconds
    for p in folder.rglob("*"):
        os.utime(p, (past, past))


def test_unchanged_input_reopens_without_hashing_files(tmp_path, monkeypatch):
    import nktimeline.store as store

    src = tmp_path / "src"
    src.mkdir()
    for i, city in enumerate(["Vienna", "Oslo"]):
        (src / f"a{i}.txt").write_text(GOOD.replace("Vienna", city), encoding="utf-8")
    _age(src)
    with Workspace(tmp_path / "ws.sqlite3") as ws:
        first = load_corpus([src], workspace=ws)

        def no_hashing(data):
            raise AssertionError("an unchanged input must not be re-hashed")

        monkeypatch.setattr(store, "file_sha256", no_hashing)
        again = load_corpus([src], workspace=ws)
        assert again == first
        # Same size, new content, new time stamp: the quick key misses and hashing decides.
        monkeypatch.undo()
        (src / "a1.txt").write_text(GOOD.replace("Vienna", "Lima"), encoding="utf-8")
        _age(src, 30)
        changed = load_corpus([src], workspace=ws)
    assert "Lima" in " ".join(a.body for a in changed.articles)


def test_just_modified_files_are_always_hashed(tmp_path, monkeypatch):
    import nktimeline.store as store

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")  # modified now: within the racy window
    with Workspace(tmp_path / "ws.sqlite3") as ws:
        load_corpus([src], workspace=ws)
        calls = []
        real = store.file_sha256
        monkeypatch.setattr(store, "file_sha256", lambda data: calls.append(1) or real(data))
        load_corpus([src], workspace=ws)
    assert calls  # no quick key was trusted for a file that may still change unnoticed


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie awaiting its parent's wait has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads process states from /proc")
def test_cancel_during_pooled_reading_stops_the_workers(tmp_path, monkeypatch):
    import multiprocessing as mp

    for i in range(12):
        (tmp_path / f"a{i}.txt").write_text(GOOD.replace("Vienna", f"City{i}"), "utf-8")
    _pooled(monkeypatch)
    seen, workers = [], set()

    def progress(done, total, text):
        seen.append(done)
        workers.update(c.pid for c in mp.active_children())

    with pytest.raises(Cancelled):
        load_corpus([tmp_path], workers=2, progress=progress, cancelled=lambda: bool(seen))
    assert workers and seen and max(seen) < 12  # it stopped before reading everything
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)]


def test_workers_that_cannot_open_the_cache_still_read_everything(tmp_path, monkeypatch):
    from nktimeline.pipeline import _work_chunk

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    bad_cache = tmp_path / "not-a-database.sqlite3"
    bad_cache.write_bytes(b"this is not sqlite" * 100)
    out = _work_chunk([str(tmp_path / "a.txt")], str(bad_cache), True)
    ((art, _is_new, first),) = out
    assert art.title and first is not None and first[1]


def test_a_cache_that_cannot_be_written_loses_nothing(tmp_path, monkeypatch):
    import sqlite3

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with Workspace(tmp_path / "ws.sqlite3") as ws:

        def full(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(ws, "put_articles", full)
        monkeypatch.setattr(ws, "put_corpus", full)
        corpus = load_corpus([tmp_path / "a.txt"], workspace=ws)
    assert len(corpus.articles) == 1 and corpus.events
