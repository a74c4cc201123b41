"""Finding and reading files safely: folder walking, size limit, binary sniffing.

Nothing here decodes text; it only decides whether a file is worth decoding and says why
not in words a person understands.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from nktimeline.ingest.errors import IngestError
from nktimeline.model import LoadError

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused before reading
NOT_REGULAR = "not a regular file (device, pipe or socket); skipped"

# (magic prefix, offset, human description)
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"BM", 0, ""),  # checked with NUL bytes below (too short a prefix on its own)
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"\x00\x00\x01\x00", 0, "icon image"),
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive or Office document"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, ""),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "Microsoft Office (legacy) document"),
    (b"\x7fELF", 0, "program (ELF executable)"),
    (b"\xca\xfe\xba\xbe", 0, "Java class or Mach-O program"),
    (b"\xcf\xfa\xed\xfe", 0, "Mach-O program"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"OggS", 0, "Ogg audio/video"),
    (b"ID3", 0, "MP3 audio"),
    (b"fLaC", 0, "FLAC audio"),
    (b"ftyp", 4, "MP4/QuickTime video"),
    (b"\x1aE\xdf\xa3", 0, "Matroska/WebM video"),
    (b"wOFF", 0, "web font"),
    (b"wOF2", 0, "web font"),
    (b"\x00asm", 0, "WebAssembly module"),
)


def _magic_kind(head: bytes) -> str | None:
    for magic, offset, kind in _MAGIC:
        if head[offset : offset + len(magic)] == magic and kind:
            return kind
    if head.startswith(b"RIFF") and len(head) >= 12:
        sub = head[8:12]
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}.get(
            sub, "RIFF media file"
        )
    if head.startswith(b"MZ") and b"\x00" in head[:512]:
        return "Windows program"
    if head.startswith((b"BM", b"BZh")) and b"\x00" in head[:512]:
        return "bitmap image" if head.startswith(b"BM") else "bzip2 archive"
    return None


def _has_text_bom(head: bytes) -> bool:
    return head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


_CONTROL_BYTES = bytes((*range(0, 8), *range(14, 27), *range(28, 32)))


def sniff_binary(data: bytes) -> str | None:
    """Describe ``data`` when it is not text ("PNG image", "binary data"), else ``None``."""
    head = data[:8192]
    kind = _magic_kind(head)
    if kind:
        return kind
    if _has_text_bom(head):
        return None
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if len(head) >= 8 and max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.4:
            return None  # UTF-16 without BOM: the decoder handles it
        if head.count(b"\x00") > 2 or len(head) < 64:
            return "binary data"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > 0.05:
        return "binary data"
    return None


def _os_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: this file cannot be read"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a file"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop: the link points back to itself"
    return f"could not read the file ({exc.strerror or exc})"


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes or raise IngestError saying why not.

    The file is opened without blocking and checked on the open descriptor, so a pipe, a
    device or a file swapped for one after a check is refused before a byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise IngestError(_os_message(exc)) from None
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise IngestError(_os_message(exc)) from None
    why = _refusal(st, limit)
    if why:
        os.close(fd)
        raise IngestError(why)
    with os.fdopen(fd, "rb", buffering=0) as fh:
        try:
            # Asking for the limit itself would allocate a buffer of that size for every
            # file; ask for what stat saw, then for the rest of a file that grew since.
            data = fh.read(min(st.st_size, limit) + 1)
            while len(data) <= limit:
                more = fh.read(limit + 1 - len(data))
                if not more:
                    break
                data += more
        except OSError as exc:
            raise IngestError(_os_message(exc)) from None
    if len(data) > limit:
        raise IngestError(_too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"file is too large ({_size_text(size)}); the limit for one article is {_size_text(limit)}"
    )


def _refusal(st: os.stat_result, limit: int) -> str:
    """Why a file with this status is not read ("" when it is)."""
    if stat.S_ISDIR(st.st_mode):
        return "this is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return NOT_REGULAR
    if st.st_size > limit:
        return _too_large(st.st_size, limit)
    return ""


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[LoadError]]:
    """Files named directly plus every regular file under named folders (sorted, recursive).

    Hidden files and folders inside a folder are skipped; symlink loops and folders seen
    twice are visited once; a path that does not exist becomes a LoadError.
    """
    files: list[Path] = []
    errors: list[LoadError] = []
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()

    def add_file(p: Path, key: str | None = None) -> None:
        if key is None:
            try:
                key = str(p.resolve(strict=True))
            except (OSError, RuntimeError):
                errors.append(LoadError(str(p), "broken or looping symbolic link"))
                return
        if key not in seen_files:
            seen_files.add(key)
            files.append(p)

    for raw in paths:
        root = Path(raw)
        try:
            st = os.stat(root)
        except OSError as exc:
            errors.append(LoadError(str(root), _os_message(exc)))
            continue
        if not stat.S_ISDIR(st.st_mode):
            if stat.S_ISREG(st.st_mode):
                add_file(root)
            else:  # a pipe would block a reader forever, a device never ends
                errors.append(LoadError(str(root), NOT_REGULAR))
            continue
        # (parts relative to root, path, real path or None when it must be resolved)
        found: list[tuple[tuple[str, ...], str, str | None]] = []
        stack: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
        while stack:
            folder, rel = stack.pop()
            try:
                real = os.path.realpath(folder, strict=True)
            except (OSError, RuntimeError, ValueError):
                errors.append(LoadError(folder, "broken or looping symbolic link"))
                continue
            if real in seen_dirs:
                continue
            seen_dirs.add(real)
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                errors.append(LoadError(folder, _os_message(exc)))
                continue
            subdirs: list[tuple[str, tuple[str, ...]]] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = False
                try:
                    is_dir = entry.is_dir()  # follows symlinks
                    is_file = entry.is_file()
                except OSError:
                    is_dir = is_file = False
                if is_dir:
                    subdirs.append((entry.path, (*rel, entry.name)))
                elif is_file:
                    # a plain file's real path is its real folder's plus its name
                    key = None if link else os.path.join(real, entry.name)
                    found.append(((*rel, entry.name), entry.path, key))
                elif link and not os.path.exists(entry.path):
                    errors.append(LoadError(entry.path, "broken or looping symbolic link"))
                else:
                    errors.append(LoadError(entry.path, NOT_REGULAR))
            stack.extend(reversed(subdirs))
        found.sort(key=lambda f: f[0])
        for _rel, path, key in found:
            add_file(Path(path), key)
    return files, errors
