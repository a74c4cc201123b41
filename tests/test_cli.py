"""The CLI contract, exercised in a subprocess as other tools use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "nktimeline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env=env,
    )


@pytest.fixture(scope="module")
def extracted() -> dict:
    proc = run("extract", "seeds/")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_version_and_help():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("nktimeline ")
    for cmd in ("extract", "timex", "export"):
        proc = run(cmd, "--help")
        assert proc.returncode == 0, proc.stderr
        assert "usage: nktimeline " + cmd in proc.stdout


def test_extract_seeds_schema(extracted):
    assert set(extracted) == {"articles", "events", "errors"}
    assert len(extracted["articles"]) == 4
    assert extracted["errors"] == []
    for art in extracted["articles"]:
        assert set(art) >= {
            "id",
            "path",
            "title",
            "byline",
            "publisher",
            "encoding",
            "body",
            "published",
        }
        assert {"value", "source", "confidence"} <= set(art["published"])
        if art["published"]["value"] is None and art["published"]["source"] == "inferred":
            window = art["published"]["window"]  # an estimate is a window, not a day
            assert window["earliest"] <= window["latest"]
    bodies = {a["id"]: a["body"] for a in extracted["articles"]}
    titles = {a["id"]: a["title"] for a in extracted["articles"]}
    for ev in extracted["events"]:
        assert set(ev) >= {"id", "title", "category", "place", "date", "mentions", "conflicts"}
        for m in ev["mentions"]:
            assert m["field"] in ("body", "title")  # a headline mention indexes the title
            body = titles[m["article"]] if m["field"] == "title" else bodies[m["article"]]
            assert body[m["start"] : m["end"]] == m["sentence"]
            if m["timex"] is not None:
                assert body[m["timex_start"] : m["timex_end"]] == m["timex"]


def test_extract_seed_headlines_and_dates(extracted):
    by = {a["id"][:3]: a for a in extracted["articles"]}
    assert by["000"]["title"] == "Delayed US-NK talks not helpful for Pyongyang"
    assert by["003"]["title"].startswith("Special envoys")
    assert by["004"]["title"] == "Denuke talks may gain impetus with Kim"
    assert "No breakthrough expected in NK-US dialogue" in by["002"]["title"]
    assert by["003"]["published"]["value"] == "2018-09-06"
    assert by["002"]["published"]["value"] == "2020-05-05"
    p000 = by["000"]["published"]
    assert p000["value"] is None or p000["source"] == "inferred"
    p004 = by["004"]["published"]
    assert not (p004["value"] == "2024-09-22" and p004["confidence"] >= 0.5)
    assert [by[k]["byline"] for k in ("000", "003", "004")] == [
        "Do Je-hae",
        "Jung Min-kyung",
        "Kim Bo-eun",
    ]


def test_extract_csv_and_output_file(tmp_path):
    out = tmp_path / "events.csv"
    proc = run("extract", "--format", "csv", "-o", str(out), "seeds/")
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and "title" in lines[0]


def test_extract_bad_files_become_errors(tmp_path):
    (tmp_path / "good.txt").write_text(
        "Leaders meet in Geneva\n\nBy Jane Roe\n\nThe two leaders met in Geneva on March 3, 2021, "
        "for talks on trade. They agreed to meet again next month.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    proc = run("extract", str(tmp_path), str(tmp_path / "missing.txt"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [a["title"] for a in data["articles"]] == ["Leaders meet in Geneva"]
    bad = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert set(bad) == {"empty.txt", "image.png", "missing.txt"}
    assert all(len(msg) > 5 for msg in bad.values())


def test_extract_nothing_loadable_exits_nonzero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("extract", str(tmp_path / "empty.txt"))
    assert proc.returncode != 0
    assert "empty.txt" in proc.stderr


def test_timex_file_offsets_index_raw_text(tmp_path):
    text = "Officials met on June 12, 2018.\r\nThey will meet again next month."
    f = tmp_path / "t.txt"
    f.write_bytes(text.encode("utf-8"))
    proc = run("timex", "--dct", "2018-06-14", str(f))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out and all(text[t["start"] : t["end"]] == t["text"] for t in out)
    assert {"text": "June 12, 2018", "value": "2018-06-12"}.items() <= next(
        t for t in out if t["text"].startswith("June")
    ).items()
    assert any(t["value"] == "2018-07" for t in out)


def test_timex_jsonl_batch():
    lines = [
        {"id": "a", "dct": "2019-10-10", "text": "The talks ended last week."},
        {"id": "b", "dct": None, "text": "The summit was held in February 2019."},
    ]
    proc = run("timex", "--jsonl", stdin="".join(json.dumps(x) + "\n" for x in lines))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert any(t["value"] == "2019-02" for t in out[1]["timexes"])
    assert out[0]["timexes"] and out[0]["timexes"][0]["value"].startswith("2019-W")


def test_timex_rejects_bad_dct():
    proc = run("timex", "--dct", "yesterday", stdin="nothing")
    assert proc.returncode == 2
    assert "YYYY-MM-DD" in proc.stderr


def test_export_png_of_seeds_is_wide_and_legible(tmp_path):
    import shutil

    from PySide6.QtGui import QImage

    out = tmp_path / "t.png"
    proc = run("export", "--png", str(out), "seeds/")
    assert proc.returncode == 0, proc.stderr
    img = QImage(str(out))
    assert img.width() >= 1600 and img.height() > 300
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract not installed: size checked, OCR skipped")
    ocr = subprocess.run(["tesseract", str(out), "-"], capture_output=True, text=True).stdout
    for place in ("Singapore", "Hanoi", "Stockholm"):
        assert place in ocr
    assert "Panmunjom" in ocr or "Panmunjeom" in ocr
