"""Background rarity: telling words are rarer than common ones; the table is reproducible."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from nktimeline.language.rarity import key, keys, rarity
from nktimeline.paths import resource

EWT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ud-english-ewt"


def test_key_meets_inflections_and_possessives():
    assert key("Shelled") == key("shells") == key("shelling") == "shell"
    assert key("Korea's") == "korea"
    assert keys("The quake’s toll rose.") == ["the", "quake", "toll", "rose"]


def test_story_words_are_rarer_than_common_words():
    for rare in ("earthquake", "bankruptcy", "jury", "outbreak"):
        for common in ("said", "people", "the", "year"):
            assert rarity(key(rare)) > rarity(key(common)) + 2, (rare, common)
    # a word never seen in the treebank is the rarest of all
    assert rarity(key("Varden")) >= rarity(key("earthquake"))


@pytest.mark.skipif(not EWT.is_dir(), reason="UD EWT treebank not present")
def test_training_reproduces_the_shipped_table(tmp_path):
    from nktimeline.language.train_rarity import main

    out = tmp_path / "rarity.json.gz"
    assert main(["--data", str(EWT), "--out", str(out)]) == 0
    with gzip.open(out) as a, gzip.open(resource("language/rarity.json.gz")) as b:
        assert a.read() == b.read()
