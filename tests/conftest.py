"""Suite-wide setup: headless Qt and the bundled seed paths."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
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


_QT_BLOCKER = """
import sys
class _BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("PySide6 blocked for this test")
        return None
sys.meta_path.insert(0, _BlockQt())
"""


@pytest.fixture
def run_without_qt():
    """Run a Python snippet in a subprocess in which importing PySide6 fails (GUIDE: the
    core never imports Qt); returns the CompletedProcess."""

    def run(body: str) -> subprocess.CompletedProcess:
        script = _QT_BLOCKER + textwrap.dedent(body)
        return subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
        )

    return run
