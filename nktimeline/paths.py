"""The one place that knows where ``resources/`` and ``seeds/`` live.

In a checkout (or an editable install) they sit next to the package; in a wheel they are
shipped inside it as ``nktimeline/_data/``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"nktimeline data folder {name!r} not found next to {_PKG}")


def resources_dir() -> Path:
    return _find("resources")


def seeds_dir() -> Path:
    return _find("seeds")


def resource(name: str) -> Path:
    return resources_dir() / name


@cache
def load_json(name: str) -> Any:
    """Load a JSON resource once per process (rules are data, read once)."""
    with open(resource(name), encoding="utf-8") as fh:
        return json.load(fh)


def seed_files() -> list[Path]:
    return sorted(p for p in seeds_dir().iterdir() if p.is_file() and not p.name.startswith("."))
