"""The project file (``.nktl``): the articles of a chronology and the user's edits.

One SQLite file with a versioned schema (``PRAGMA user_version``).  Articles are stored by
path, relative to the project's folder where possible (a project folder moved with its
articles still opens); edits are stored as JSON records, in the order they were made, and
replayed on top of extraction (:mod:`nktimeline.edits.apply`), so a better engine keeps the
user's corrections.

Writes are atomic: the whole project goes to a temporary file in the same folder, is
flushed to disk, and replaces the old file in one rename.  A process killed during a save
leaves the previous project as it was.  (The workspace cache, :mod:`nktimeline.store`, is
the other SQLite file; each module owns its own format.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from nktimeline import __version__
from nktimeline.edits.records import Edit, EditError, now_iso
from nktimeline.output_path import output_problem, reason

SUFFIX = ".nktl"
FORMAT = "nktimeline-project"
SCHEMA_VERSION = 1
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE article (pos INTEGER PRIMARY KEY, path TEXT NOT NULL, relpath TEXT)",
    "CREATE TABLE edit (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)",
)


class ProjectError(Exception):
    """A project file that cannot be read or written; the message is for the user."""


@dataclass
class Project:
    """Articles (absolute paths as given) and edits, in order."""

    paths: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    created: str = ""
    # edits that could not be read back (a damaged record, or one of a newer version):
    # listed for the user, and written back unchanged on the next save
    unreadable: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)  # e.g. the lane mode


def save_project(project: Project, path: str | Path) -> None:
    """Write ``project`` to ``path`` atomically; raises :class:`ProjectError`."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    problem = output_problem(target)
    if problem is not None:
        raise ProjectError(f"Could not save the project to {target}: {problem}")
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        db = sqlite3.connect(tmp)
        try:
            _write(db, project, folder)
            db.commit()
        finally:
            db.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        _sync_folder(folder)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        why = reason(exc, target) if isinstance(exc, OSError) else str(exc)
        raise ProjectError(f"Could not save the project to {target}: {why}") from exc


def _write(db: sqlite3.Connection, project: Project, folder: Path) -> None:
    db.execute("PRAGMA journal_mode=OFF")  # a fresh temporary file: the rename is the commit
    for stmt in _SCHEMA:
        db.execute(stmt)
    meta = {
        "format": FORMAT,
        "app_version": __version__,
        "created": project.created or now_iso(),
        "saved": now_iso(),
        "settings": json.dumps(project.settings, sort_keys=True),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    rows = [(i, str(Path(p).resolve()), _relative(p, folder)) for i, p in enumerate(project.paths)]
    db.executemany("INSERT INTO article VALUES (?, ?, ?)", rows)
    data = [e.dumps() for e in project.edits] + list(project.unreadable)
    db.executemany("INSERT INTO edit VALUES (?, ?)", list(enumerate(data)))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _relative(path: str, folder: Path) -> str | None:
    try:
        return os.path.relpath(Path(path).resolve(), folder.resolve())
    except ValueError:  # another drive
        return None


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def load_project(path: str | Path) -> Project:
    """Read a project file; raises :class:`ProjectError` with a plain message."""
    source = Path(path)
    if not source.is_file():
        raise ProjectError(f"There is no project file at {source}.")
    try:
        db = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"Could not open {source.name}: {exc}") from exc
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{source.name} was saved by a newer nktimeline (project format {version}); "
                "update nktimeline to open it."
            )
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT:
            raise ProjectError(f"{source.name} is not an nktimeline project.")
        rows = db.execute("SELECT path, relpath FROM article ORDER BY pos").fetchall()
        edit_rows = db.execute("SELECT data FROM edit ORDER BY seq").fetchall()
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{source.name} is not an nktimeline project ({exc}).") from exc
    finally:
        db.close()
    folder = source.resolve().parent
    project = Project(created=meta.get("created", ""))
    with contextlib.suppress(ValueError, TypeError):
        settings = json.loads(meta.get("settings") or "{}")
        if isinstance(settings, dict):
            project.settings = {str(k): str(v) for k, v in settings.items()}
    for abs_path, rel in rows:
        project.paths.append(_locate(str(abs_path), rel, folder))
    for (data,) in edit_rows:
        try:
            project.edits.append(Edit.from_json(json.loads(data)))
        except (ValueError, TypeError, EditError):
            project.unreadable.append(str(data))
    return project


def _locate(abs_path: str, rel: str | None, folder: Path) -> str:
    """The article where it is now: beside the project as it was (a moved project folder),
    else where it was."""
    if rel:
        here = folder / rel
        if here.exists():
            return str(here.resolve())
    return abs_path


def autosave_path(recovery_dir: str | Path, project_path: str | Path | None) -> Path:
    """Where the autosave of a project (or of an unsaved one) goes."""
    name = "untitled"
    if project_path is not None:
        resolved = str(Path(project_path).resolve())
        name = Path(project_path).stem + "-" + hashlib.sha1(resolved.encode()).hexdigest()[:10]
    return Path(recovery_dir) / f"{name}{SUFFIX}"
