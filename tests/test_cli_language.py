"""``nktimeline extract`` on a non-English article: one line says so; the JSON contract holds.

The Korean article was written for this test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

KOREAN = (
    "남북 정상 판문점서 다시 만나\n"
    "입력 2019.06.30 17:20\n"
    "남북 정상은 30일 판문점에서 다시 만나 한반도 비핵화 협상을 이어가기로 합의했다.\n"
    "양측은 실무 협상을 몇 주 안에 재개하기로 했으며 구체적인 일정은 추후 발표할 예정이다.\n"
    "이번 만남은 하노이 회담이 합의 없이 끝난 지 넉 달 만에 이뤄졌다.\n"
)
ENGLISH = (
    "Envoys agree to resume talks\n\n"
    "Published : July 1, 2019 - 09:00\n\n"
    "Envoys of the two countries met at Panmunjom on Sunday and agreed to resume working-level "
    "talks within weeks, officials said on Monday.\n"
)
NOTE = "Events are only extracted from English text; this article is in Korean."


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "nktimeline", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
    )


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    ko, en = tmp_path / "ko.txt", tmp_path / "en.txt"
    ko.write_text(KOREAN, encoding="utf-8")
    en.write_text(ENGLISH, encoding="utf-8")
    return ko, en


def test_extract_says_which_articles_are_not_read_for_events(files):
    ko, en = files
    proc = run("extract", str(ko), str(en))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines == [f"nktimeline: {ko}: {NOTE}"]  # one line, for the Korean article only
    out = json.loads(proc.stdout)
    assert set(out) == {"articles", "events", "errors"}
    arts = {Path(a["path"]).name: a for a in out["articles"]}
    assert arts["ko.txt"]["language"] == "ko" and arts["en.txt"]["language"] == "en"
    assert "note" not in arts["ko.txt"]  # the JSON says it with "language" alone
    assert arts["ko.txt"]["title"] == "남북 정상 판문점서 다시 만나"
    assert arts["ko.txt"]["published"]["value"] == "2019-06-30"
    ko_id = arts["ko.txt"]["id"]
    assert out["events"], "the English article still yields events"
    assert all(m["article"] != ko_id for ev in out["events"] for m in ev["mentions"])


def test_csv_output_is_unchanged_and_the_note_goes_to_stderr(files):
    from nktimeline.export import CSV_COLUMNS

    ko, _en = files
    proc = run("extract", "--format", "csv", str(ko))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [f"nktimeline: {ko}: {NOTE}"]
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1:] == []  # no events from Korean text


def test_english_only_input_prints_no_language_line(files):
    _ko, en = files
    proc = run("extract", str(en))
    assert proc.returncode == 0, proc.stderr
    assert "English text" not in proc.stderr
