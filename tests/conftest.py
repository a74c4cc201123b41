"""Suite-wide setup: headless Qt and the bundled seed paths."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The workspace cache (last corpus, parsed articles) must never touch the user's own.
os.environ["NKTIMELINE_HOME"] = tempfile.mkdtemp(prefix="nktimeline-test-home-")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if p.is_file())


@pytest.fixture(scope="session")
def seed_by_prefix(seed_paths):
    """Map '000' -> Path for readable tests (tests may name seeds; code never does)."""
    return {p.name[:3]: p for p in seed_paths}
