"""Can Qt open a window here?  A cheap check run before Qt is imported.

Qt's xcb platform plugin aborts the process (a core dump) when the display is missing or one
of its system libraries is not installed, and its own message names the wrong package
(``xcb-cursor0`` for any missing ``libxcb-*``).  This module finds both cases first and
returns one plain message naming the Debian/Ubuntu packages to install, so the app can exit
with status 1 instead.  It imports no Qt (only locates the PySide6 package) and runs
``ldd`` only when the xcb plugin is the one Qt would load.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from nktimeline.paths import load_json

NO_DISPLAY = (
    "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). On a server, use "
    "`nktimeline export` or `nktimeline extract`, or run the app under Xvfb "
    "(`xvfb-run nktimeline`)."
)
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_MISSING_SO = re.compile(r"(lib[\w.+-]+\.so(?:\.\d+)*)")


def runtime_table() -> dict:
    """resources/ui/qt_runtime.json: library -> package, and the packages of a base system."""
    return load_json("ui/qt_runtime.json")


def display_problem(env: Mapping[str, str] | None = None) -> str | None:
    """Why Qt could not open a window with ``env`` (default: this process's), or None.

    Only the xcb platform is checked (Linux, ``QT_QPA_PLATFORM`` unset or naming xcb);
    other platforms (offscreen, wayland, macOS, Windows) are left to Qt."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").strip()
    names = [p.split(":")[0].strip() for p in platform.split(";") if p.strip()]
    if names and "xcb" not in names:
        return None  # offscreen, wayland, vnc ...: not ours to judge
    display = env.get("DISPLAY", "")
    wayland = env.get("WAYLAND_DISPLAY", "")
    if not display:
        if wayland and names != ["xcb"]:
            return None  # Qt picks its Wayland plugin
        return NO_DISPLAY
    if not names and wayland and env.get("XDG_SESSION_TYPE", "") == "wayland":
        return None  # a Wayland session: Qt tries wayland first
    missing = missing_libraries(xcb_plugin())
    if missing:
        return missing_message(missing)
    if not x_server_reachable(display):
        return (
            f"cannot connect to the X display {display!r} (no X server is running there). "
            "Start one, or use `nktimeline export` / `nktimeline extract` without a display."
        )
    return None


def xcb_plugin() -> Path | None:
    """PySide6's ``libqxcb.so``, found without importing PySide6; None if absent."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def ldd_output(path: Path) -> str | None:
    """What ``ldd`` says about ``path``; None when ldd is missing or fails to run."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        done = subprocess.run(
            [ldd, str(path)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def not_found(ldd_text: str) -> list[str]:
    """The libraries ``ldd`` could not resolve, in its order, each once."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_text)))


def missing_libraries(plugin: Path | None) -> list[str]:
    """Libraries the xcb plugin (and the Qt libraries it loads) need but cannot find."""
    if plugin is None:
        return []
    text = ldd_output(plugin)
    return not_found(text) if text else []


def packages_for(libraries: Iterable[str]) -> tuple[list[str], list[str]]:
    """(Debian packages providing ``libraries``, libraries no known package provides)."""
    table = runtime_table()["libraries"]
    packages: dict[str, None] = {}
    unknown: list[str] = []
    for lib in libraries:
        pkg = table.get(lib)
        if pkg:
            packages[pkg] = None
        else:
            unknown.append(lib)
    return list(packages), unknown


def missing_message(libraries: list[str]) -> str:
    """One message naming the missing ``libraries`` and the packages that provide them."""
    qt_own = [lib for lib in libraries if lib.startswith(("libQt6", "libicu", "libpyside"))]
    system = [lib for lib in libraries if lib not in qt_own]
    packages, unknown = packages_for(system)
    parts = [f"Qt cannot open a window: missing system libraries {', '.join(libraries)}."]
    if packages:
        parts.append(f"Install them with: sudo apt-get install {' '.join(packages)}")
    if unknown:
        parts.append(f"(install the packages that provide {', '.join(unknown)})")
    if qt_own:
        parts.append(
            "PySide6 is incomplete: reinstall it (pip install --force-reinstall PySide6-Essentials)"
        )
    return " ".join(parts)


def import_problem(exc: BaseException) -> str:
    """The message for Qt failing to import (``libGL.so.1: cannot open shared object``)."""
    text = str(exc)
    libs = _MISSING_SO.findall(text) if "cannot open shared object" in text else []
    if libs:
        return missing_message(list(dict.fromkeys(libs)))
    return f"Qt (PySide6) cannot be loaded: {text}. Reinstall it: pip install PySide6-Essentials"


def x_server_reachable(display: str) -> bool:
    """False only when ``display`` is a local X display (``:N``) nobody listens on."""
    m = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display.strip())
    if m is None:
        return True  # a remote or unusual display: left to Qt
    name = f"/tmp/.X11-unix/X{m.group(1)}"
    for address in ("\0" + name, name):  # abstract socket first (Linux), then the file
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(2)
        try:
            sock.connect(address)
        except OSError:
            continue
        finally:
            sock.close()
        return True
    return False
