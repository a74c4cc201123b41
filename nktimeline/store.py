"""SQLite workspace: a content-addressed cache of ingested articles and extracted corpora.

The only module that speaks SQL.  Keys are SHA-256 hashes of file *contents*, so a renamed or
moved file is still a cache hit and an edited one is not.  Values are pickles read back by
an unpickler that only admits model classes (the cache cannot be made to run code).  WAL
mode plus one transaction per write means a process killed mid-write leaves the previous
consistent state.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import io
import json
import os
import pickle
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from nktimeline import __version__, model
from nktimeline.gcpause import gc_paused

SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS article (
    sha256   TEXT NOT NULL,
    version  TEXT NOT NULL,
    path     TEXT NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (sha256, version)
);
CREATE TABLE IF NOT EXISTS corpus (
    key      TEXT PRIMARY KEY,
    data     BLOB NOT NULL,
    created  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_stat (
    stat_key TEXT PRIMARY KEY,
    key      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS setting (
    key      TEXT PRIMARY KEY,
    value    TEXT NOT NULL
);
"""

_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.DateValue,
        model.Published,
        model.Span,
        model.Article,
        model.Sentence,
        model.Timex,
        model.Mention,
        model.Conflict,
        model.Event,
        model.LoadError,
        model.Corpus,
    )
}


class _ModelUnpickler(pickle.Unpickler):
    """Unpickler that can only build nktimeline's model records and dates.

    Pickle is used for speed (a 10,000-article corpus reopens in seconds), but a plain
    unpickler can be made to call any function; this one refuses every global that is not
    a model class or ``datetime.date`` (Python docs, "Restricting Globals"), so a tampered
    cache file raises instead of running code.
    """

    def find_class(self, module: str, name: str) -> Any:
        if module == "nktimeline.model" and name in _TYPES:
            return _TYPES[name]
        if module == "datetime" and name == "date":
            return dt.date
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the cache")


def encode(obj: Any) -> bytes:
    """Model objects -> bytes for the cache."""
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> Any:
    """Inverse of :func:`encode`; raises ``pickle.UnpicklingError`` for anything else.

    The cyclic garbage collector is paused meanwhile: building millions of small acyclic
    records otherwise triggers collections that cost four times the unpickling itself.
    """
    with gc_paused():
        obj = _ModelUnpickler(io.BytesIO(data)).load()
        # The records are acyclic: reference counting frees them, so the cyclic collector
        # need never scan them (a later full collection would cost as much as the load).
        gc.freeze()
        return obj


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version of everything that shapes cached results: the package version plus a hash of
    the core code and the rule resources, so a cache never serves results of older rules."""
    from nktimeline.paths import resources_dir

    pkg = Path(__file__).resolve().parent
    files = sorted(
        [
            *pkg.glob("*.py"),
            *pkg.glob("ingest/*.py"),
            *pkg.glob("temporal/*.py"),
            *pkg.glob("events/*.py"),
            *resources_dir().rglob("*.json"),
        ]
    )
    h = hashlib.sha256(__version__.encode())
    for f in files:
        with contextlib.suppress(OSError):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


_BAD_BLOB = (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError)


def default_path() -> Path:
    base = os.environ.get("NKTIMELINE_HOME") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("NKTIMELINE_HOME"):
        root = root / "nktimeline"
    return root / "workspace.sqlite3"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Workspace:
    """A small, thread-safe wrapper over one SQLite file."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        version: str | None = None,
        readonly: bool = False,
    ):
        self.path = Path(path) if path is not None else default_path()
        self.version = version if version is not None else code_fingerprint()
        self._lock = threading.Lock()
        if readonly:
            # A worker process's view: it only looks articles up, never migrates or writes.
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=10)
            try:  # fail now, not at the first lookup, if this is no database
                self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error:
                self._db.close()
                raise
            return
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    def _migrate(self) -> None:
        (current,) = self._db.execute("PRAGMA user_version").fetchone()
        if current not in (0, SCHEMA_VERSION):
            # Unknown (newer or older) layout: it is only a cache, start it afresh.
            with self._db:
                for table in ("article", "corpus", "corpus_stat", "setting"):
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
        with self._db:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -----------------------------------------------------------------------
    def get_articles(self, hashes: Sequence[str]) -> dict[str, model.Article]:
        out: dict[str, model.Article] = {}
        with self._lock, contextlib.suppress(sqlite3.Error):  # a broken cache is only a miss
            for i in range(0, len(hashes), 500):
                chunk = list(hashes[i : i + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT sha256, data FROM article WHERE version=? AND sha256 IN ({marks})",
                    [self.version, *chunk],
                ).fetchall()
                for sha, data in rows:
                    with contextlib.suppress(*_BAD_BLOB):
                        out[sha] = decode(data)
        return out

    def put_articles(self, articles: Iterable[model.Article]) -> None:
        rows = [(a.sha256, self.version, a.path, encode(a)) for a in articles if a.sha256]
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO article VALUES (?,?,?,?)", rows)

    # -- whole corpora ------------------------------------------------------------------
    def corpus_key(self, hashes: Iterable[str], use_reference: bool) -> str:
        h = hashlib.sha256(f"{self.version}|{use_reference}|".encode())
        for sha in sorted(hashes):
            h.update(sha.encode())
        return h.hexdigest()

    def stat_key(self, stats: Iterable[str], use_reference: bool) -> str:
        """Key of an input by its files' paths, sizes, inodes and modification times."""
        h = hashlib.sha256(f"stat|{self.version}|{use_reference}|".encode())
        for s in stats:
            h.update(s.encode("utf-8", "surrogateescape"))
            h.update(b"\0")
        return h.hexdigest()

    def key_for_stat(self, stat_key: str) -> str | None:
        """The content key last seen for these exact file stats (see ``remember_stat``)."""
        with self._lock:
            row = self._db.execute(
                "SELECT key FROM corpus_stat WHERE stat_key=?", (stat_key,)
            ).fetchone()
        return row[0] if row else None

    def remember_stat(self, stat_key: str, key: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO corpus_stat VALUES (?,?)", (stat_key, key))
            self._db.execute("DELETE FROM corpus_stat WHERE key NOT IN (SELECT key FROM corpus)")

    def get_corpus(self, key: str) -> model.Corpus | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM corpus WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        try:
            corpus = decode(row[0])
        except _BAD_BLOB:
            return None
        return corpus if isinstance(corpus, model.Corpus) else None

    def put_corpus(self, key: str, corpus: model.Corpus) -> None:
        data = encode(corpus)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO corpus VALUES (?,?,?)", (key, data, now))
            # keep the cache bounded: the most recent few corpora are enough to reopen quickly
            self._db.execute(
                "DELETE FROM corpus WHERE key NOT IN "
                "(SELECT key FROM corpus ORDER BY created DESC LIMIT 8)"
            )

    # -- settings (e.g. the last opened paths) -------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._lock:
            row = self._db.execute("SELECT value FROM setting WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO setting VALUES (?,?)", (key, json.dumps(value))
            )
