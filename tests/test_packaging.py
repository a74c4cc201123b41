"""Seeds are shipped byte for byte and resources are found from the package."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from nktimeline import __version__, paths

SHARED_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def test_paths_find_resources_and_seeds():
    assert paths.resources_dir().is_dir()
    names = [p.name for p in paths.seed_files()]
    assert len(names) == 4
    assert all(n.endswith(".txt") for n in names)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared seeds not beside the checkout")
def test_seeds_are_byte_identical_to_shared():
    ours = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.seed_files()}
    theirs = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in SHARED_SEEDS.iterdir()
        if p.is_file()
    }
    assert ours == theirs


def test_version_is_semver():
    parts = __version__.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)
