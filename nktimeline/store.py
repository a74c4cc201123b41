"""SQLite workspace: a content-addressed cache of ingested articles and extracted corpora.

The only module that speaks SQL.  Keys are SHA-256 hashes of file *contents*, so a renamed or
moved file is still a cache hit and an edited one is not.  Values are JSON (never pickle: the
cache must not be able to run code).  WAL mode plus one transaction per write means a process
killed mid-write leaves the previous consistent state.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from nktimeline import __version__, model

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS article (
    sha256   TEXT NOT NULL,
    version  TEXT NOT NULL,
    path     TEXT NOT NULL,
    data     TEXT NOT NULL,
    PRIMARY KEY (sha256, version)
);
CREATE TABLE IF NOT EXISTS corpus (
    key      TEXT PRIMARY KEY,
    data     TEXT NOT NULL,
    created  TEXT NOT NULL
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


def encode(obj: Any) -> Any:
    """Model objects -> JSON-able structures (dataclasses tagged with their type name)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {"__t": type(obj).__name__}
        for f in dataclasses.fields(obj):
            out[f.name] = encode(getattr(obj, f.name))
        return out
    if isinstance(obj, dt.date):
        return {"__d": obj.isoformat()}
    if isinstance(obj, (list, tuple)):
        return [encode(x) for x in obj]
    return obj


def decode(data: Any) -> Any:
    """Inverse of :func:`encode`; sequences come back as tuples (model fields are tuples)."""
    if isinstance(data, dict):
        if "__d" in data:
            return dt.date.fromisoformat(data["__d"])
        cls = _TYPES.get(data.get("__t", ""))
        if cls is None:
            raise ValueError(f"unknown record type {data.get('__t')!r}")
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: decode(v) for k, v in data.items() if k in names})
    if isinstance(data, list):
        return tuple(decode(x) for x in data)
    return data


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version of everything that shapes cached results: the package version plus a hash of
    the core code and the rule resources, so a cache never serves results of older rules."""
    from nktimeline.paths import resources_dir

    pkg = Path(__file__).resolve().parent
    files = sorted(
        [*pkg.glob("*.py"), *pkg.glob("ingest/*.py"), *pkg.glob("temporal/*.py"),
         *pkg.glob("events/*.py"), *resources_dir().rglob("*.json")]
    )
    h = hashlib.sha256(__version__.encode())
    for f in files:
        with contextlib.suppress(OSError):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


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

    def __init__(self, path: str | Path | None = None, *, version: str | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.version = version if version is not None else code_fingerprint()
        self._lock = threading.Lock()
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
                for table in ("article", "corpus", "setting"):
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
        with self._lock:
            for i in range(0, len(hashes), 500):
                chunk = list(hashes[i : i + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT sha256, data FROM article WHERE version=? AND sha256 IN ({marks})",
                    [self.version, *chunk],
                ).fetchall()
                for sha, data in rows:
                    out[sha] = decode(json.loads(data))
        return out

    def put_articles(self, articles: Iterable[model.Article]) -> None:
        rows = [
            (a.sha256, self.version, a.path, json.dumps(encode(a), ensure_ascii=False))
            for a in articles
            if a.sha256
        ]
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO article VALUES (?,?,?,?)", rows)

    # -- whole corpora ------------------------------------------------------------------
    def corpus_key(self, hashes: Iterable[str], use_reference: bool) -> str:
        h = hashlib.sha256(f"{self.version}|{use_reference}|".encode())
        for sha in sorted(hashes):
            h.update(sha.encode())
        return h.hexdigest()

    def get_corpus(self, key: str) -> model.Corpus | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM corpus WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        try:
            corpus = decode(json.loads(row[0]))
        except (ValueError, TypeError, KeyError):
            return None
        return corpus if isinstance(corpus, model.Corpus) else None

    def put_corpus(self, key: str, corpus: model.Corpus) -> None:
        data = json.dumps(encode(corpus), ensure_ascii=False)
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
