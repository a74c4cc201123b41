"""Why a file cannot be written, in plain words (never a traceback or ``[Errno 2]``).

Shared by the command line and the window: :func:`output_problem` checks a path before any
work is done (a long render should not end in "the folder does not exist"), and
:func:`write_error` words a failure that happens anyway (a full disk).
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

_ERRNO_PREFIX = re.compile(r"^\s*\[Errno -?\d+\]\s*")

_REASONS = {
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EFBIG: "the file would be too large",
    errno.EIO: "the disk reported an error",
    errno.ETXTBSY: "the file is in use",
}


def _folder(path: str | os.PathLike[str]) -> Path:
    return Path(path).parent if str(Path(path).parent) else Path(".")


def output_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be written, or None when it looks writable."""
    if not str(path):
        return "no file name was given"
    try:
        target = Path(path)
        if target.is_dir():
            return "it is a folder"
        folder = _folder(target)
        if not folder.exists():
            return "the folder does not exist"
        if not folder.is_dir():
            return f"{folder} is not a folder"
        if target.exists() and not os.access(target, os.W_OK):
            return "the file is read-only"
        if not target.exists() and not os.access(folder, os.W_OK | os.X_OK):
            return "you do not have permission to write in that folder"
    except (OSError, ValueError) as exc:  # a name with a NUL byte, too long ...
        return reason(exc, path)
    return None


def reason(exc: BaseException, path: str | os.PathLike[str] | None = None) -> str:
    """A few plain words for why writing ``path`` failed with ``exc``."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOENT:
        if path is not None and not _folder(path).exists():
            return "the folder does not exist"
        return "the file cannot be created there"
    if code in _REASONS:
        return _REASONS[code]
    if isinstance(exc, ValueError):
        return "the name is not a valid file name"
    text = getattr(exc, "strerror", None) or str(exc) or "the file could not be written"
    return _ERRNO_PREFIX.sub("", text).rstrip(".")


def write_error(path: str | os.PathLike[str], exc: BaseException) -> str:
    """``cannot write PATH: REASON`` for a failed write of ``path``."""
    return f"cannot write {os.fsdecode(path)}: {reason(exc, path)}"
