"""The window's QSettings: where they live, and reads that never trust what is stored.

They live under ``$NKTIMELINE_HOME`` when it is set (with the workspace cache), else where
Qt keeps a user's INI settings.

A settings file is edited by hand, synced between machines with other Qt versions, or simply
corrupted; whatever it holds, the window must open with defaults instead of raising.  Each
read states the type it expects and falls back to a default for anything else.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORG = APP = "nktimeline"


SETTINGS_FILE = "settings.ini"  # under $NKTIMELINE_HOME, beside the workspace cache


def settings_path() -> Path | None:
    """The INI file under ``$NKTIMELINE_HOME`` when it is set (every file of the app then
    lives there); None for Qt's user location (``~/.config/nktimeline/nktimeline.ini``)."""
    home = os.environ.get("NKTIMELINE_HOME")
    return Path(home) / SETTINGS_FILE if home else None


def default_settings() -> QSettings:
    """The user's settings (INI), cleaned of values this app never writes: in
    :func:`settings_path` when ``NKTIMELINE_HOME`` is set, else in Qt's user scope."""
    path = settings_path()
    if path is not None:
        with contextlib.suppress(OSError):  # unwritable: Qt keeps the values in memory
            path.parent.mkdir(parents=True, exist_ok=True)
        drop_serialized_variants(path)
        return QSettings(str(path), QSettings.Format.IniFormat)
    # A settings object for another name in the same folder tells where our file is
    # without reading it: our own file is only read once it is safe to parse.
    probe = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, "probe")
    drop_serialized_variants(Path(probe.fileName()).with_name(f"{APP}.ini"))
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def drop_serialized_variants(path: Path) -> bool:
    """Remove from the INI file at ``path`` every value Qt would deserialize with
    QDataStream (``@Variant(...)``, ``@DateTime(...)``); True if the file changed.

    Qt decodes such values when the file is first read, and a corrupt one (a list claiming
    billions of items) aborts the process with ``std::bad_alloc`` before any Python code
    could catch anything.  This app stores only strings and byte arrays, so a line is dropped
    (and read back as its default) when any comma-separated element of its value, across
    continuation lines, starts with an ``@`` (raw or escaped) other than ``@ByteArray(``.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return False  # no file yet (or unreadable: Qt cannot read it either)
    if b"@" not in data and not _ESCAPED_AT.search(data):
        return False  # the common case: nothing to look at
    kept: list[bytes] = []
    group: list[bytes] = []
    for line in data.splitlines(keepends=True):
        group.append(line)
        if line.rstrip(b"\r\n").endswith(b"\\"):
            continue  # continues on the next line
        if _safe_line(b"".join(group)):
            kept.extend(group)
        group = []
    if group and _safe_line(b"".join(group)):
        kept.extend(group)
    cleaned = b"".join(kept)
    if cleaned == data:
        return False
    try:
        path.write_bytes(cleaned)
    except OSError:
        return False
    return True


_ESCAPED_AT = re.compile(rb"\\(?:x0*40(?![0-9a-f])|0*100(?![0-7]))", re.IGNORECASE)


def _safe_line(line: bytes) -> bool:
    """False when an element of the line's value starts with ``@`` (raw or escaped) and is
    not a byte array or an escaped literal ``@@``: Qt would decode it as a typed value."""
    _key, eq, value = line.partition(b"=")
    if not eq:
        return True  # a section header or a line without a value
    value = re.sub(rb"\\\r?\n", b"", value)
    for start in _element_starts(value):
        head = value[start:].lstrip(b' \t"')
        if head.startswith(b"@") and not head.startswith((b"@@", b"@ByteArray(")):
            return False
        if _ESCAPED_AT.match(head):
            return False
    return True


def _element_starts(value: bytes) -> list[int]:
    """Where each comma-separated element of an INI value begins (commas inside quotes and
    escaped characters do not separate)."""
    starts = [0]
    quoted = False
    i = 0
    while i < len(value):
        c = value[i]
        if c == 0x5C:  # backslash: the next character is escaped
            i += 2
            continue
        if c == 0x22:  # "
            quoted = not quoted
        elif c == 0x2C and not quoted:  # ,
            starts.append(i + 1)
        i += 1
    return starts


def read(settings: QSettings, key: str, kind: type | tuple[type, ...], default):
    """The value stored under ``key`` when it is a ``kind``, else ``default``; never raises."""
    try:
        value = settings.value(key)
    except RuntimeError:  # a stored type PySide6 cannot convert ("no converter for qfloat16")
        return default
    return value if isinstance(value, kind) else default


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """A stored byte array (window geometry, splitter state), or None."""
    value = read(settings, key, (QByteArray, bytes), None)
    return QByteArray(value) if value is not None else None


def read_choice(settings: QSettings, key: str, choices: Sequence[str], default: str) -> str:
    """A stored string that is one of ``choices``, else ``default``."""
    value = read(settings, key, str, default)
    return value if value in choices else default


def read_dir(settings: QSettings, key: str, default: str) -> str:
    """A stored absolute path of an existing folder, else ``default``."""
    value = read(settings, key, str, "")
    try:
        ok = bool(value) and Path(value).is_absolute() and Path(value).is_dir()
    except (OSError, ValueError):  # e.g. an embedded NUL, a name too long
        ok = False
    return value if ok else default
