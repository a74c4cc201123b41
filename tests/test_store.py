"""SQLite workspace: round trips, schema versioning, crash safety."""

from __future__ import annotations

import datetime as dt
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from nktimeline import model
from nktimeline.store import SCHEMA_VERSION, Workspace, decode, encode


def _corpus() -> model.Corpus:
    body = "Leaders met in Hanoi on Feb. 27, 2019. Talks failed."
    art = model.Article(
        id="a1",
        path="/x/a1.txt",
        title="T",
        body=body,
        sha256="ab" * 32,
        published=model.Published(dt.date(2019, 3, 1), "stamp", 0.95, "Posted : 2019-03-01"),
        captions=(model.Span(0, 5),),
        paragraphs=(model.Span(0, len(body)),),
    )
    d = model.DateValue(dt.date(2019, 2, 27), dt.date(2019, 2, 28), "day", "stated", 0.9)
    tx = model.Timex(25, 37, body[25:37], "DATE", "2019-02-27", d, False)
    m = model.Mention("a1", 0, 38, body[:38], "summit", "met", "Hanoi", ("Trump",), tx, d)
    ev = model.Event(
        "ev-1",
        "Summit in Hanoi",
        "summit",
        d,
        (m,),
        "Hanoi",
        ("Trump",),
        (model.Conflict("a2", "2019-03", "differs"),),
    )
    return model.Corpus((art,), (ev,), (model.LoadError("/bad", "empty file"),))


def test_encode_decode_round_trip_is_exact():
    c = _corpus()
    assert decode(encode(c)) == c


def test_a_tampered_cache_cannot_run_code(tmp_path):
    import os
    import pickle

    import pytest

    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    with pytest.raises(pickle.UnpicklingError):
        decode(pickle.dumps(Evil()))
    assert not marker.exists()
    with Workspace(tmp_path / "w.sqlite3") as ws:
        ws._db.execute("INSERT INTO corpus VALUES ('k', ?, 'now')", (pickle.dumps(Evil()),))
        assert ws.get_corpus("k") is None
    assert not marker.exists()


def test_workspace_caches_articles_and_corpora(tmp_path):
    c = _corpus()
    with Workspace(tmp_path / "w.sqlite3") as ws:
        ws.put_articles(c.articles)
        key = ws.corpus_key([a.sha256 for a in c.articles], True)
        assert key != ws.corpus_key([a.sha256 for a in c.articles], False)
        ws.put_corpus(key, c)
        ws.set_setting("last_paths", ["/x"])
    with Workspace(tmp_path / "w.sqlite3") as ws:
        assert ws.get_articles(["ab" * 32, "cd" * 32]) == {"ab" * 32: c.articles[0]}
        assert ws.get_corpus(key) == c
        assert ws.get_setting("last_paths") == ["/x"]
        assert ws.get_setting("missing", 3) == 3


def test_other_code_version_misses(tmp_path):
    c = _corpus()
    with Workspace(tmp_path / "w.sqlite3", version="1") as ws:
        ws.put_articles(c.articles)
    with Workspace(tmp_path / "w.sqlite3", version="2") as ws:
        assert ws.get_articles(["ab" * 32]) == {}


def test_unknown_schema_version_is_rebuilt(tmp_path):
    path = tmp_path / "w.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE article (junk)")
    db.execute("PRAGMA user_version=999")
    db.commit()
    db.close()
    with Workspace(path) as ws:
        ws.put_articles(_corpus().articles)
        assert ws.get_articles(["ab" * 32])
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_killed_writer_leaves_a_consistent_store(tmp_path):
    path = tmp_path / "w.sqlite3"
    script = textwrap.dedent(
        f"""
        import dataclasses, sys
        sys.path.insert(0, {str(__import__("pathlib").Path(__file__).parent)!r})
        from test_store import _corpus
        from nktimeline.store import Workspace
        ws = Workspace({str(path)!r})
        art = _corpus().articles[0]
        i = 0
        print("ready", flush=True)
        while True:
            batch = [dataclasses.replace(art, sha256=f"{{i}}-{{j}}", body=art.body * 50)
                     for j in range(200)]
            ws.put_articles(batch)
            i += 1
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (n,) = db.execute("SELECT COUNT(*) FROM article").fetchone()
    assert n > 0 and n % 200 == 0  # whole transactions only
    db.close()
    with Workspace(path) as ws:
        assert len(ws.get_articles(["0-0", "0-199"])) == 2
