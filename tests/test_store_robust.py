"""The workspace is only a cache: damaged files heal, locks never cost a result, tampered
objects are misses, bad settings fall back to defaults (issue 11, deliverable 5)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import random
import sqlite3
from pathlib import Path

import pytest
from test_store import _corpus

from nktimeline import model
from nktimeline.store import SCHEMA_VERSION, Workspace, decode, encode
from nktimeline.store_codec import _TYPES, CHUNK, ENVELOPE
from nktimeline.store_validate import Invalid, _checker

PAGE = 4096


def _article(i: int) -> model.Article:
    body = f"Article {i}: leaders met in Hanoi on Feb. 27, 2019. " * 8
    return model.Article(
        id=f"a{i}",
        path=f"/x/a{i}.txt",
        title=f"T{i}",
        body=body,
        sha256=f"{i:064x}",
        paragraphs=(model.Span(0, len(body)),),
    )


def _fill(path: Path, n: int = 400) -> list[model.Article]:
    arts = [_article(i) for i in range(n)]
    with Workspace(path) as ws:
        ws.put_articles(arts)
        ws.put_corpus("k", _corpus())
        ws.remember_stat("s", "k")
        ws.set_setting("last_paths", ["/x"])
    assert not Path(f"{path}-wal").exists()  # closed: everything is in the main file
    return arts


def _garble(path: Path, pages: range) -> None:
    """Overwrite whole pages with random bytes (page 1, the header and schema, is kept)."""
    rng = random.Random(11)
    with open(path, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * PAGE)
            f.write(rng.randbytes(PAGE))


def _pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def _damaged_copies(path: Path) -> list[Path]:
    return sorted(
        p
        for p in path.parent.glob(f"{path.name}.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    )


def _healthy(path: Path) -> bool:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


# -- defect 8: damaged files heal ------------------------------------------------------------

CALLS = {
    "get_articles": lambda ws: ws.get_articles([f"{i:064x}" for i in range(400)]),
    "put_articles": lambda ws: ws.put_articles([_article(1000)]),
    "key_for_stat": lambda ws: ws.key_for_stat("s"),
    "remember_stat": lambda ws: ws.remember_stat("s2", "k"),
    "get_corpus": lambda ws: ws.get_corpus("k"),
    "put_corpus": lambda ws: ws.put_corpus("k2", _corpus()),
    "get_setting": lambda ws: ws.get_setting("last_paths", []),
    "set_setting": lambda ws: ws.set_setting("last_paths", ["/y"]),
}


@pytest.mark.parametrize("first", sorted(CALLS))
def test_damaged_pages_heal_at_the_first_use_of_any_method(tmp_path, first):
    path = tmp_path / "w.sqlite3"
    arts = _fill(path)
    _garble(path, range(2, _pages(path) + 1))
    with Workspace(path) as ws:  # page 1 is intact: the damage shows at first use
        CALLS[first](ws)  # no exception
        assert ws.notice and "damaged" in ws.notice and "rebuilt" in ws.notice
        for call in CALLS.values():  # everything else works on the rebuilt, empty file
            call(ws)
        assert ws.get_articles([arts[0].sha256]) == {}
        assert ws.get_corpus("k") is None
        ws.put_articles(arts[:2])
        assert ws.get_articles([a.sha256 for a in arts[:2]]) == {a.sha256: a for a in arts[:2]}
        ws.set_setting("last_paths", ["/z"])
        assert ws.get_setting("last_paths") == ["/z"]
    (copy,) = _damaged_copies(path)
    assert str(copy) in (ws.notice or "")
    assert _healthy(path)


def test_a_few_damaged_middle_pages_heal(tmp_path):
    path = tmp_path / "w.sqlite3"
    arts = _fill(path)
    n = _pages(path)
    _garble(path, range(n // 2 - 1, n // 2 + 2))
    with Workspace(path) as ws:
        got = ws.get_articles([a.sha256 for a in arts])  # reads every page of the table
        assert got == {}
        assert ws.get_corpus("k") is None
        assert ws.notice is not None
        ws.put_corpus("k", _corpus())
        assert ws.get_corpus("k") == _corpus()
    assert len(_damaged_copies(path)) == 1
    assert _healthy(path)


@pytest.mark.parametrize(
    "table",
    [
        "CREATE TABLE article (junk)",
        "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, extra TEXT)",
        "CREATE TABLE corpus (key TEXT PRIMARY KEY, blob BLOB, created TEXT)",
    ],
)
def test_same_version_with_other_columns_is_rebuilt(tmp_path, table):
    path = tmp_path / "w.sqlite3"
    db = sqlite3.connect(path)
    db.execute(table)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    db.commit()
    db.close()
    c = _corpus()
    with Workspace(path) as ws:
        assert ws.notice is not None
        ws.put_articles(c.articles)
        ws.put_corpus("k", c)
        ws.set_setting("x", [1])
        assert ws.get_articles([c.articles[0].sha256]) == {c.articles[0].sha256: c.articles[0]}
        assert ws.get_corpus("k") == c
        assert ws.get_setting("x") == [1]
    assert len(_damaged_copies(path)) == 1
    assert _healthy(path)


def test_a_file_that_is_not_sqlite_is_moved_aside(tmp_path):
    path = tmp_path / "w.sqlite3"
    path.write_text("garbage\n" * 2000)
    with Workspace(path) as ws:
        assert ws.get_corpus("k") is None
        ws.put_corpus("k", _corpus())
        assert ws.get_corpus("k") == _corpus()
        assert ws.notice is not None and "rebuilt" in ws.notice
    (copy,) = _damaged_copies(path)
    assert copy.read_text() == "garbage\n" * 2000
    assert _healthy(path)


def test_the_journal_goes_with_the_damaged_file(tmp_path):
    path = tmp_path / "w.sqlite3"
    arts = _fill(path, 50)
    writer = sqlite3.connect(path)  # an open writer keeps its WAL journal next to the file
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO setting VALUES ('pending', '1')")
    writer.commit()
    assert Path(f"{path}-wal").stat().st_size > 0
    _garble(path, range(2, _pages(path) + 1))
    try:
        with Workspace(path) as ws:
            assert ws.get_articles([a.sha256 for a in arts]) == {}
            assert ws.notice is not None
            ws.set_setting("x", 1)
            assert ws.get_setting("x") == 1
            assert ws.get_setting("pending") is None  # the old journal is not replayed
        (copy,) = _damaged_copies(path)
        assert Path(f"{copy}-wal").stat().st_size > 0
    finally:
        writer.close()
    assert _healthy(path)


def test_at_most_two_damaged_copies_are_kept(tmp_path):
    path = tmp_path / "w.sqlite3"
    for i in range(4):
        path.write_text(f"garbage {i}\n" * 100)
        Workspace(path).close()
    copies = _damaged_copies(path)
    assert len(copies) == 2
    assert copies[-1].read_text() == "garbage 3\n" * 100


def test_the_notice_waits_until_it_is_taken(tmp_path):
    path = tmp_path / "w.sqlite3"
    path.write_text("garbage")
    with Workspace(path):
        pass  # healed here, e.g. by startup_paths ...
    with Workspace(path) as ws:  # ... and shown by whoever opens it next
        notice = ws.take_notice()
        assert notice is not None and "rebuilt" in notice
        assert ws.take_notice() is None
    with Workspace(path) as ws:
        assert ws.notice is None


def test_a_read_only_view_of_a_damaged_file_only_misses(tmp_path):
    path = tmp_path / "w.sqlite3"
    path.write_text("garbage")
    ws = Workspace(path, readonly=True)  # a worker process: never moves the owner's file
    assert ws.get_articles(["ab" * 32]) == {}
    ws.put_articles(_corpus().articles)
    ws.close()
    assert path.read_text() == "garbage"
    assert not _damaged_copies(path)


def test_when_the_file_cannot_be_rebuilt(tmp_path, monkeypatch):
    path = tmp_path / "w.sqlite3"
    _fill(path, 50)

    def refuse(*args, **kwargs):
        raise PermissionError("read-only folder")

    monkeypatch.setattr("nktimeline.store.os.replace", refuse)
    garbage = tmp_path / "g.sqlite3"
    garbage.write_text("garbage")
    with pytest.raises(OSError):  # at open: callers already work without a cache
        Workspace(garbage)
    _garble(path, range(2, _pages(path) + 1))
    with Workspace(path) as ws:  # found later: misses and no-ops from then on
        assert ws.get_corpus("k") is None
        ws.put_corpus("k", _corpus())
        assert ws.get_corpus("k") is None
        assert ws.notice and "could not be rebuilt" in ws.notice


def test_an_article_with_a_non_utf8_file_name_is_cached(tmp_path):
    art = dataclasses.replace(_article(1), path="/x/caf\udce9.txt")  # os.fsdecode(b"caf\xe9")
    with Workspace(tmp_path / "w.sqlite3") as ws:
        ws.put_articles([art])  # SQLite refuses lone surrogates in text
        assert ws.get_articles([art.sha256]) == {art.sha256: art}


# -- defect 11: a busy lock never costs a result ----------------------------------------------


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting VALUES ('other', '1')")
    return other


def test_writes_meeting_a_held_lock_are_skipped_quickly(tmp_path):
    path = tmp_path / "w.sqlite3"
    arts = _fill(path, 20)
    with Workspace(path) as ws:
        other = _hold_write_lock(path)
        try:
            for name in ("set_setting", "put_corpus", "put_articles", "remember_stat"):
                CALLS[name](ws)  # no exception
            assert ws.get_articles([arts[0].sha256]) == {arts[0].sha256: arts[0]}  # reads work
            assert ws.get_setting("last_paths") == ["/x"]  # the skipped write left it
        finally:
            other.rollback()
            other.close()
        ws.set_setting("last_paths", ["/y"])  # the lock is gone: writes work again
        assert ws.get_setting("last_paths") == ["/y"]
        assert ws.notice is None  # a busy lock is not damage
    assert not _damaged_copies(path)


def test_opening_while_another_instance_writes(tmp_path):
    path = tmp_path / "w.sqlite3"
    _fill(path, 5)
    other = _hold_write_lock(path)
    try:
        with Workspace(path) as ws:  # the layout is current: opening writes nothing
            assert ws.get_corpus("k") == _corpus()
    finally:
        other.rollback()
        other.close()


def test_the_default_loader_returns_the_corpus_while_another_instance_writes(
    tmp_path, monkeypatch, seed_paths
):
    from nktimeline.store import default_path
    from nktimeline.ui.workers import _default_loader

    monkeypatch.setenv("NKTIMELINE_HOME", str(tmp_path))
    Workspace().close()
    held: list[sqlite3.Connection] = []

    def progress(*args):
        if not held:  # the loader has opened the workspace: another instance starts writing
            held.append(_hold_write_lock(default_path()))

    try:
        corpus = _default_loader(
            [str(p) for p in seed_paths[:2]],
            use_reference=True,
            progress=progress,
            cancelled=lambda: False,
        )
    finally:
        for other in held:
            other.rollback()
            other.close()
    assert held
    assert len(corpus.articles) == 2 and corpus.events


# -- defect 14: tampered objects are misses and are evicted -----------------------------------


def _tampered(obj, **fields):
    """A copy of ``obj`` with raw ``__dict__`` entries set (or removed, for ``...``)."""
    new = object.__new__(type(obj))
    d = dict(obj.__dict__)
    for k, v in fields.items():
        if v is ...:
            del d[k]
        else:
            d[k] = v
    new.__dict__.update(d)
    return new


def _article_cases():
    a = _corpus().articles[0]
    return {
        "body is an int": _tampered(a, body=42),
        "captions is a str": _tampered(a, captions="0-5"),
        "a paragraph is a date": _tampered(a, paragraphs=(dt.date(2019, 1, 1),)),
        "paragraphs is a list": _tampered(a, paragraphs=[model.Span(0, 5)]),
        "published is a DateValue": _tampered(
            a, published=model.DateValue(dt.date(2019, 1, 1), dt.date(2019, 1, 1))
        ),
        "missing title": _tampered(a, title=...),
        "an extra field": _tampered(a, extra="x"),
        "span beyond the body": _tampered(a, captions=(model.Span(0, 10**9),)),
        "span start is a str": _tampered(a, captions=(_tampered(model.Span(0, 1), start="0"),)),
        "published date is a str": _tampered(
            a, published=_tampered(a.published, value="2019-03-01")
        ),
        "another file's content": _tampered(a, sha256="cd" * 32),
        "not an article": model.Span(0, 1),
    }


@pytest.mark.parametrize("case", sorted(_article_cases()))
def test_a_tampered_article_is_a_miss_and_is_evicted(tmp_path, case):
    blob = pickle.dumps(_article_cases()[case], protocol=5)
    sha = "ab" * 32
    with Workspace(tmp_path / "w.sqlite3") as ws:
        with ws._db:
            ws._db.execute("INSERT INTO article VALUES (?,?,?,?)", (sha, ws.version, "/p", blob))
        served = bool(ws.get_articles([sha]))
        assert not served
        rows = ws._db.execute("SELECT count(*) FROM article").fetchone()[0]
        assert rows == 0


def _deep_tuple_blob(depth: int) -> bytes:
    """A Corpus whose ``events`` is a tuple nested ``depth`` deep (built from opcodes: the
    pickler itself would hit its recursion limit)."""
    marker = "EVENTS-MARKER"
    blob = pickle.dumps(_tampered(model.Corpus(), events=marker), protocol=5)
    op = b"\x8c" + bytes([len(marker)]) + marker.encode()
    assert blob.count(op) == 1
    return blob.replace(op, b")" + b"\x85" * depth)  # EMPTY_TUPLE, then TUPLE1 depth times


def _corpus_cases():
    c = _corpus()
    ev, m = c.events[0], c.events[0].mentions[0]
    d = ev.date
    tx = m.timex
    assert d is not None and tx is not None
    nested_fanout = model.Event(ev.id, ev.title, ev.category, d, (m,) * 10_000)
    return {
        "events are dates": _tampered(c, events=(dt.date(2019, 1, 1), dt.date(2019, 2, 1))),
        "events is a list": _tampered(c, events=list(c.events)),
        "a mention is a date value": _tampered(c, events=(_tampered(ev, mentions=(d,)),)),
        "date start is a str": _tampered(c, events=(_tampered(ev, date=_tampered(d, start="x")),)),
        "a participant is None": _tampered(
            c, events=(_tampered(ev, mentions=(_tampered(m, participants=("Kim", None)),)),)
        ),
        "timex start is a float": _tampered(
            c,
            events=(_tampered(ev, mentions=(_tampered(m, timex=_tampered(m.timex, start=1.5)),)),),
        ),
        "an error without its message": _tampered(c, errors=(_tampered(c.errors[0], message=...),)),
        "ten million references to one event": _tampered(c, events=(ev,) * 10_000_000),
        "ten million mentions from a small blob": _tampered(c, events=(nested_fanout,) * 1000),
        "an article, not a corpus": c.articles[0],
    }


@pytest.mark.parametrize("case", sorted([*_corpus_cases(), "deeply nested events"]))
def test_a_tampered_corpus_is_a_miss_and_is_evicted(tmp_path, case):
    if case == "deeply nested events":
        blob = _deep_tuple_blob(200_000)
    else:
        blob = pickle.dumps(_corpus_cases()[case], protocol=5)
    with Workspace(tmp_path / "w.sqlite3") as ws:
        with ws._db:
            ws._db.execute("INSERT INTO corpus VALUES ('k', ?, 'now')", (blob,))
            ws._db.execute("INSERT INTO corpus_stat VALUES ('s', 'k')")
        served = ws.get_corpus("k") is not None  # (no repr of a huge object on failure)
        assert not served
        assert ws._db.execute("SELECT count(*) FROM corpus").fetchone()[0] == 0
        assert ws.key_for_stat("s") is None


def _envelope(*parts, name="Corpus") -> bytes:
    return pickle.dumps((ENVELOPE, name, tuple(parts)), protocol=5)


def _piece(obj) -> bytes:
    return pickle.dumps(obj, protocol=5)


def _envelope_cases():
    c = _corpus()
    arts, evs, errs = (_piece(c.articles),), (_piece(c.events),), (_piece(c.errors),)
    return {
        "one piece a hundred thousand times": _envelope(
            ("articles", True, arts), ("events", True, evs * 100_000), ("errors", True, errs)
        ),
        "an article's envelope": _envelope(("id", False, (_piece("x"),)), name="Article"),
        "events are dates": _envelope(
            ("articles", True, arts),
            ("events", True, (_piece((dt.date(2019, 1, 1),)),)),
            ("errors", True, errs),
        ),
        "a field missing": _envelope(("articles", True, arts), ("events", True, evs)),
        "fields out of order": _envelope(
            ("events", True, evs), ("articles", True, arts), ("errors", True, errs)
        ),
        "a piece that is not bytes": _envelope(
            ("articles", True, arts), ("events", True, ("x",)), ("errors", True, errs)
        ),
        "one value in two pieces": _envelope(
            ("articles", True, arts), ("events", False, evs * 2), ("errors", True, errs)
        ),
        "a piece that is one event": _envelope(
            ("articles", True, arts),
            ("events", True, (_piece(c.events[0]),)),
            ("errors", True, errs),
        ),
    }


@pytest.mark.parametrize("case", sorted(_envelope_cases()))
def test_a_tampered_chunked_corpus_is_a_miss_and_is_evicted(tmp_path, case):
    blob = _envelope_cases()[case]
    with Workspace(tmp_path / "w.sqlite3") as ws:
        with ws._db:
            ws._db.execute("INSERT INTO corpus VALUES ('k', ?, 'now')", (blob,))
        served = ws.get_corpus("k") is not None
        assert not served
        assert ws._db.execute("SELECT count(*) FROM corpus").fetchone()[0] == 0


def test_a_large_corpus_is_stored_in_checked_pieces(tmp_path):
    c = _corpus()
    arts = tuple(_article(i) for i in range(3 * CHUNK + 5))
    big = model.Corpus(arts, c.events * (2 * CHUNK + 1), c.errors)
    blob = encode(big, chunked=True)
    assert decode(blob, model.Corpus) == big
    assert decode(blob) == big
    with Workspace(tmp_path / "w.sqlite3") as ws:
        ws.put_corpus("k", big)
        assert ws.get_corpus("k") == big


def test_a_blob_of_the_wrong_sqlite_type_is_a_miss(tmp_path):
    with Workspace(tmp_path / "w.sqlite3") as ws:
        with ws._db:
            ws._db.execute("INSERT INTO corpus VALUES ('k', 12345, 'now')")
            ws._db.execute("INSERT INTO corpus_stat VALUES ('s', 'k')")
        assert ws.get_corpus("k") is None
        assert ws.key_for_stat("s") is None


def test_honest_objects_validate_including_shared_ones():
    c = _corpus()  # its date value is shared by the timex, the mention and the event
    assert decode(encode(c), model.Corpus) == c
    assert decode(encode(c.articles[0]), model.Article) == c.articles[0]
    empty = model.Corpus()
    assert decode(encode(empty), model.Corpus) == empty
    with pytest.raises(Invalid):
        decode(encode(c), model.Article)


def test_every_cached_class_has_a_checker():
    """The checker is derived from the dataclass annotations: a field of a kind it cannot
    check fails here, not at a user's first load."""
    for cls in _TYPES.values():
        _checker(cls)
    assert {f.name for f in dataclasses.fields(model.Corpus)} == {"articles", "events", "errors"}


def test_a_real_corpus_validates(seed_paths):
    from nktimeline.pipeline import load_corpus

    corpus = load_corpus(seed_paths)
    assert corpus.events
    assert decode(encode(corpus), model.Corpus) == corpus
    for art in corpus.articles:
        assert decode(encode(art), model.Article) == art


# -- defect 9 (store part): bad settings read as the default -----------------------------------


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("{not json", [], []),
        ("42", [], []),
        ('{"a": 1}', [], []),
        ('[1, null, {"a":1}]', [], [1, None, {"a": 1}]),  # a list: the caller checks items
        ("[" * 100_000 + "]" * 100_000, [], []),
        ("", None, None),
        ('"text"', None, "text"),
    ],
    ids=["not json", "an int", "an object", "a mixed list", "deep", "empty", "a string"],
)
def test_bad_settings_read_as_the_default(tmp_path, raw, default, expected):
    with Workspace(tmp_path / "w.sqlite3") as ws:
        with ws._db:
            ws._db.execute("INSERT INTO setting VALUES ('last_paths', ?)", (raw,))
        assert ws.get_setting("last_paths", default) == expected


def test_a_setting_of_another_sqlite_type_reads_as_the_default(tmp_path):
    with Workspace(tmp_path / "w.sqlite3") as ws:
        with ws._db:
            ws._db.execute("INSERT INTO setting VALUES ('last_paths', ?)", (b"[1]",))
        assert ws.get_setting("last_paths", []) == []


def _startup_with(monkeypatch, tmp_path, raw: str) -> list[str]:
    from nktimeline.ui.app import startup_paths

    monkeypatch.setenv("NKTIMELINE_HOME", str(tmp_path / "home"))
    with Workspace() as ws, ws._db:
        ws._db.execute("INSERT OR REPLACE INTO setting VALUES ('last_paths', ?)", (raw,))
    return startup_paths([])


@pytest.mark.parametrize(
    "raw",
    ["{not json", "42", '[1, null, {"a":1}]', '"/tmp"', "null", '{"/tmp": 1}', '["here.txt"]'],
)
def test_startup_falls_back_to_the_seeds_on_a_bad_setting(monkeypatch, tmp_path, raw):
    from nktimeline.paths import seed_files

    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text("a relative path is never written by the app")
    assert _startup_with(monkeypatch, tmp_path, raw) == [str(p) for p in seed_files()]


def test_startup_keeps_only_existing_files_and_folders(monkeypatch, tmp_path):
    import os

    f = tmp_path / "a.txt"
    f.write_text("x")
    d = tmp_path / "folder"
    d.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    saved = [str(f), str(d), str(fifo), "/dev/null", str(tmp_path / "gone"), "/a\0b", str(f)]
    saved.append("/" + "x" * 5000)
    assert _startup_with(monkeypatch, tmp_path, json.dumps(saved)) == [str(f), str(d)]


def test_startup_ignores_a_huge_list_quickly(monkeypatch, tmp_path):
    from nktimeline.paths import seed_files

    raw = json.dumps([str(tmp_path)] * 1_000_000)
    assert _startup_with(monkeypatch, tmp_path, raw) == [str(p) for p in seed_files()]
