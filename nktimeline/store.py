"""SQLite workspace: a content-addressed cache of ingested articles and extracted corpora.

The only module that speaks SQL.  Keys are SHA-256 hashes of file *contents*, so a renamed or
moved file is still a cache hit and an edited one is not.  Values are pickles
(``store_codec``) read back by an unpickler that only admits model classes (the cache cannot
be made to run code) and then checked against the model's field types (``store_validate``).
WAL mode plus one transaction per write means a process killed mid-write leaves the previous
consistent state.

The cache is only a cache: no method raises for an SQLite error.  A damaged file (corrupt
pages, not a database, tables of another layout) is moved aside and rebuilt empty, once,
with one message in :attr:`Workspace.notice`; a stored object that does not decode or
validate is a miss and its row is deleted; a write that meets another process's lock waits
briefly, then is skipped (the next start recomputes what was not saved).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from nktimeline import __version__, model
from nktimeline.store_codec import decode, encode

__all__ = ["SCHEMA_VERSION", "Workspace", "decode", "default_path", "encode", "file_sha256"]

SCHEMA_VERSION = 3

_COLUMNS: dict[str, tuple[str, ...]] = {
    "article": ("sha256", "version", "path", "data"),
    "corpus": ("key", "data", "created"),
    "corpus_stat": ("stat_key", "key"),
    "setting": ("key", "value"),
}
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS article (
        sha256 TEXT NOT NULL, version TEXT NOT NULL, path TEXT NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (sha256, version))""",
    "CREATE TABLE IF NOT EXISTS corpus (key TEXT PRIMARY KEY, data BLOB NOT NULL, "
    "created TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS corpus_stat (stat_key TEXT PRIMARY KEY, key TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

READ_WAIT_S = 10.0  # WAL readers are almost never blocked; when they are, a hit is worth it
WRITE_WAIT_MS = 1000  # a writer that holds the lock longer: skip, the cache is best-effort
KEEP_DAMAGED = 2  # moved-aside damaged copies kept (newest first) for a bug report
MAX_SETTING_CHARS = 16 << 20
NOTICE_KEY = "notice"  # a rebuild's message, kept until someone shows it (take_notice)

T = TypeVar("T")


def _load(data: Any, expected: type[T]) -> T | None:
    """A stored blob as an ``expected``, or None for anything wrong with it."""
    try:
        return decode(data, expected)  # type: ignore[no-any-return]
    except Exception:  # whatever a damaged or tampered blob raises, it is only a miss
        return None


_SHAPING_LIBRARIES = ("trafilatura", "htmldate")


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
            *pkg.glob("language/*.py"),
            *resources_dir().rglob("*.json"),
            *resources_dir().rglob("*.json.gz"),  # the tagger model
        ]
    )
    h = hashlib.sha256(__version__.encode())
    for dist in _SHAPING_LIBRARIES:  # the HTML readers shape cached articles too
        with contextlib.suppress(Exception):
            h.update(f"{dist}={importlib.metadata.version(dist)}".encode())
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


class _OtherLayout(sqlite3.DatabaseError):
    """Tables whose columns are not this version's (a damaged or foreign file)."""


def _is_damage(exc: sqlite3.Error) -> bool:
    """Whether an error means the file itself is unusable (corrupt pages, not a database,
    other tables), as opposed to a busy lock, a full disk or a read-only folder."""
    if isinstance(exc, _OtherLayout):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:  # SQLITE_ERROR (no such table/column), SQLITE_CORRUPT, SQLITE_NOTADB
        return code & 0xFF in (1, 11, 26)
    return type(exc) is sqlite3.DatabaseError


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class Workspace:
    """A small, thread-safe wrapper over one SQLite file (see the module docstring)."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        version: str | None = None,
        readonly: bool = False,
    ):
        self.path = Path(path) if path is not None else default_path()
        self.version = version if version is not None else code_fingerprint()
        self.readonly = readonly
        self.notice: str | None = None  # one human line when the file had to be rebuilt
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None
        self._healed = False
        try:
            self._db = self._connect()
        except sqlite3.Error as exc:
            if not _is_damage(exc):
                raise  # e.g. an unwritable folder: callers work without a cache
            if not readonly:  # a worker's read-only view just misses; the owner heals
                self._heal(exc, strict=True)
        if self._db is not None and not readonly:
            pending = self.get_setting(NOTICE_KEY)
            self.notice = self.notice or (pending if isinstance(pending, str) else None)

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:  # a worker process's view: it only looks articles up
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=READ_WAIT_S)
        else:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=READ_WAIT_S)
        try:
            self._file = _file_id(self.path)
            if self.readonly:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            else:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Create what is missing; writes nothing when the layout is already current (so
        opening never waits for another process's write lock)."""
        (current,) = db.execute("PRAGMA user_version").fetchone()
        found = {
            t: tuple(row[1] for row in db.execute(f"PRAGMA table_info({t})")) for t in _COLUMNS
        }
        if current == SCHEMA_VERSION and found == _COLUMNS:
            return
        ours = current in (0, SCHEMA_VERSION)
        if ours and any(cols and cols != _COLUMNS[t] for t, cols in found.items()):
            raise _OtherLayout(f"workspace tables differ from schema {SCHEMA_VERSION}")
        db.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
        db.execute("BEGIN IMMEDIATE")
        try:
            if not ours:  # another version's layout: it is only a cache, start it afresh
                for table in _COLUMNS:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.commit()
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.rollback()
            raise
        finally:
            db.execute(f"PRAGMA busy_timeout={int(READ_WAIT_S * 1000)}")

    def _heal(self, exc: sqlite3.Error, *, strict: bool = False) -> bool:
        """Move a damaged file (with its -wal/-shm) aside and start an empty one; True when
        a usable connection is in place.  ``strict`` re-raises when that is impossible."""
        self._healed = True
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        try:
            moved = self._move_aside()
            self._db = self._connect()
        except (OSError, sqlite3.Error) as err:
            self.notice = f"The workspace cache is damaged ({exc}) and could not be rebuilt: {err}"
            if strict:
                raise
            return False
        if moved is not None:
            self.notice = (
                f"The workspace cache was damaged ({exc}) and has been rebuilt (old copy: {moved})."
            )
            with contextlib.suppress(sqlite3.Error), self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO setting VALUES (?,?)",
                    (NOTICE_KEY, json.dumps(self.notice)),
                )
        return True

    def _move_aside(self) -> Path | None:
        """Rename the damaged file and its journals; None when there is nothing to move (in
        memory, already gone, or already replaced by another process's rebuild)."""
        now = _file_id(self.path)
        if str(self.path) == ":memory:" or now is None or (self._file not in (None, now)):
            return None
        dest = self.path
        while dest.exists():  # names sort by time: the oldest copies go first
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            dest = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        os.replace(self.path, dest)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{dest}{suffix}")
        old = sorted(
            p
            for p in self.path.parent.glob(f"{self.path.name}.damaged-*")
            if not p.name.endswith(("-wal", "-shm"))
        )
        for stale in old[:-KEEP_DAMAGED]:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.remove(f"{stale}{suffix}")
        return dest

    def _run(self, op: Callable[[sqlite3.Connection], T], default: T, write: bool = False) -> T:
        """``op(connection)`` under the lock (in one transaction if ``write``); any SQLite
        error gives ``default``, after rebuilding a damaged file once (a write is then tried
        again on the new file)."""
        if write and self.readonly:
            return default
        with self._lock:
            for attempt in (0, 1):
                db = self._db
                if db is None:
                    return default
                try:
                    if not write:
                        return op(db)
                    db.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
                    try:
                        with db:
                            return op(db)
                    finally:
                        db.execute(f"PRAGMA busy_timeout={int(READ_WAIT_S * 1000)}")
                except sqlite3.Error as exc:
                    if attempt or self.readonly or self._healed or not _is_damage(exc):
                        return default
                    if not self._heal(exc):
                        return default
        return default

    def take_notice(self) -> str | None:
        """The rebuild message, once: it is forgotten here and in the file."""
        notice, self.notice = self.notice, None
        if notice is not None:
            self._run(
                lambda db: db.execute("DELETE FROM setting WHERE key=?", (NOTICE_KEY,)),
                None,
                write=True,
            )
        return notice

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -----------------------------------------------------------------------
    def get_articles(self, hashes: Sequence[str]) -> dict[str, model.Article]:
        def select(db: sqlite3.Connection) -> list[tuple[Any, Any]]:
            rows: list[tuple[Any, Any]] = []
            for i in range(0, len(hashes), 500):
                chunk = list(hashes[i : i + 500])
                marks = ",".join("?" * len(chunk))
                rows += db.execute(
                    f"SELECT sha256, data FROM article WHERE version=? AND sha256 IN ({marks})",
                    [self.version, *chunk],
                ).fetchall()
            return rows

        out: dict[str, model.Article] = {}
        bad: list[tuple[Any, str]] = []
        for sha, data in self._run(select, list[tuple[Any, Any]]()):
            art = _load(data, model.Article)
            if art is not None and art.sha256 == sha:
                out[sha] = art
            else:
                bad.append((sha, self.version))
        if bad:  # never serve it again
            self._run(
                lambda db: db.executemany("DELETE FROM article WHERE sha256=? AND version=?", bad),
                None,
                write=True,
            )
        return out

    def put_articles(self, articles: Iterable[model.Article]) -> None:
        # The path column is informational; a non-UTF-8 file name (surrogate escapes) would
        # make SQLite refuse the row, so it is stored escaped (the pickle keeps it exact).
        rows = [
            (a.sha256, self.version, a.path.encode("utf-8", "backslashreplace").decode(), encode(a))
            for a in articles
            if a.sha256
        ]
        self._run(
            lambda db: db.executemany("INSERT OR REPLACE INTO article VALUES (?,?,?,?)", rows),
            None,
            write=True,
        )

    # -- whole corpora ------------------------------------------------------------------
    def corpus_key(self, hashes: Iterable[str], use_reference: bool) -> str:
        """Key of an input by its files' paths and content hashes (a path that was not
        UTF-8 is hashed as its original bytes, via surrogateescape)."""
        h = hashlib.sha256(f"{self.version}|{use_reference}|".encode())
        for sha in sorted(hashes):
            h.update(sha.encode("utf-8", "surrogateescape"))
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
        row = self._run(
            lambda db: db.execute(
                "SELECT key FROM corpus_stat WHERE stat_key=?", (stat_key,)
            ).fetchone(),
            None,
        )
        return row[0] if row and isinstance(row[0], str) else None

    def remember_stat(self, stat_key: str, key: str) -> None:
        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO corpus_stat VALUES (?,?)", (stat_key, key))
            db.execute("DELETE FROM corpus_stat WHERE key NOT IN (SELECT key FROM corpus)")

        self._run(write, None, write=True)

    def forget_article(self, sha256: str) -> None:
        """Drop one article and every cached corpus (a corpus key does not say which
        articles it holds), so that the next load reads and extracts it again."""

        def write(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM article WHERE sha256=?", (sha256,))
            db.execute("DELETE FROM corpus")
            db.execute("DELETE FROM corpus_stat")

        self._run(write, None, write=True)

    def get_corpus(self, key: str) -> model.Corpus | None:
        row = self._run(
            lambda db: db.execute("SELECT data FROM corpus WHERE key=?", (key,)).fetchone(), None
        )
        if row is None:
            return None
        corpus = _load(row[0], model.Corpus)
        if corpus is None:  # never serve it again

            def evict(db: sqlite3.Connection) -> None:
                db.execute("DELETE FROM corpus WHERE key=?", (key,))
                db.execute("DELETE FROM corpus_stat WHERE key=?", (key,))

            self._run(evict, None, write=True)
        return corpus

    def put_corpus(self, key: str, corpus: model.Corpus) -> None:
        data = encode(corpus, chunked=True)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO corpus VALUES (?,?,?)", (key, data, now))
            # keep the cache bounded: the most recent few corpora are enough to reopen quickly
            db.execute(
                "DELETE FROM corpus WHERE key NOT IN "
                "(SELECT key FROM corpus ORDER BY created DESC LIMIT 8)"
            )

        self._run(write, None, write=True)

    # -- settings (e.g. the last opened paths) -------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        """The stored JSON value, or ``default`` when it is missing, is not valid JSON, is
        absurdly large, or (given a non-None ``default``) is of another JSON type."""
        row = self._run(
            lambda db: db.execute("SELECT value FROM setting WHERE key=?", (key,)).fetchone(),
            None,
        )
        if row is None or not isinstance(row[0], str) or len(row[0]) > MAX_SETTING_CHARS:
            return default
        try:
            value = json.loads(row[0])
        except (ValueError, RecursionError):
            return default
        if default is not None and not isinstance(value, type(default)):
            return default
        return value

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value)
        self._run(
            lambda db: db.execute("INSERT OR REPLACE INTO setting VALUES (?,?)", (key, text)),
            None,
            write=True,
        )
