"""Issue 11: one bad article, file name or input line never takes the rest down (CLI side).

Each test reproduces one defect of the adversarial review through the command line, as
users and other tools run it (a subprocess), and checks that the good input is intact and
the bad one gets one clear message: never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def run(*args: str, stdin: bytes | None = None, timeout: float = 120, cwd: Path = REPO):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "nktimeline", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
    )


def timex(text: str, dct: str) -> list[dict]:
    proc = run("timex", "--dct", dct, "-", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def no_traceback(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return err


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in sorted(SEEDS.iterdir()):
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    proc = run("extract", str(SEEDS))
    assert proc.returncode == 0
    return json.loads(proc.stdout)["events"]


def event_keys(events: list[dict]) -> set[tuple]:
    return {(e["title"], json.dumps(e["date"], sort_keys=True)) for e in events}


# -- defect 1: "half a year later" and a year-less Feb. 29 -------------------------------


def test_half_a_year_is_six_months():
    later = timex("Half a year later, they met.", "2023-11-05")
    ago = timex("Half a year ago, they met.", "2023-11-05")
    assert [t["value"] for t in later] == ["2024-05"]
    assert [t["value"] for t in ago] == ["2023-05"]


@pytest.mark.parametrize("dct", ["1900-03-05", "2100-06-01", "1899-12-31", "2101-01-15"])
def test_yearless_leap_day_far_from_a_leap_year_stays_unresolved(dct):
    (t,) = timex("They met on Feb. 29.", dct)
    assert t["text"] == "Feb. 29" and t["value"] == "XXXX-02-29"


def test_a_folder_with_a_bad_sentence_keeps_every_seed_event(tmp_path, seed_events):
    folder = seed_folder(tmp_path)
    (folder / "half.txt").write_text(
        "Talks resume\n\nPublished: Nov. 5, 2023\n\nHalf a year later, they met in Geneva. "
        "The leaders met on Feb. 29 in Vienna.\n",
        encoding="utf-8",
    )
    (folder / "leap.txt").write_text(
        "Old story\n\nPublished: March 5, 1900\n\nThe council met on Feb. 29 in Paris.\n",
        encoding="utf-8",
    )
    proc = run("extract", str(folder))
    no_traceback(proc)
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["errors"] == []
    assert len(data["articles"]) == 6
    # every seed event is still there, with its date
    assert event_keys(seed_events) <= event_keys(data["events"])


# -- defect 2: dates at the edges of the calendar -------------------------------------------


@pytest.mark.parametrize(
    ("text", "dct"),
    [
        ("They will meet tomorrow.", "9999-12-31"),
        ("They met yesterday.", "0001-01-01"),
        ("It ends on 9999-12-31, next year and next month.", "9999-12-31"),
        ("A century ago and two decades ago, last winter, at Christmas.", "0001-01-01"),
        ("Next week, the following Monday, at Easter, a decade later.", "9999-12-31"),
    ],
)
def test_dates_at_the_calendar_edges_never_fail_nor_leave_it(text, dct):
    for t in timex(text, dct):
        value = t["value"]
        assert not value.startswith(("0000", "-")), value
        assert not value[:5].isdigit(), value  # no fifth year digit: 10000


def test_articles_dated_at_the_calendar_edges_load_and_merge(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"Edge talks {name}\n\nPublished: June 3, 2019\n\nThe leaders met in Paris on "
            "9999-12-31 and will meet again the next day. Talks were held in Rome on "
            "0001-01-01, a day after the talks the day before.\n",
            encoding="utf-8",
        )
    proc = run("extract", str(tmp_path))
    no_traceback(proc)
    data = json.loads(proc.stdout)
    assert data["errors"] == [] and len(data["articles"]) == 2
    dated = {e["date"]["start"]: e for e in data["events"] if e["date"]}
    assert "9999-12-31" in dated and "0001-01-01" in dated
    assert len(dated["9999-12-31"]["mentions"]) == 2  # merged across the two articles


# -- defect 4: a file name that is not UTF-8 -------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_non_utf8_file_name_loads_and_is_written_safely(tmp_path):
    folder = seed_folder(tmp_path)
    raw = os.fsencode(folder) + b"/" + "한국".encode("cp949") + b".txt"
    with open(raw, "wb") as fh:
        fh.write(b"Talks in Seoul\n\nPublished: June 30, 2019\n\nThe leaders met on Sunday.\n")
    out = tmp_path / "out.json"
    proc = run("extract", str(folder), "-o", str(out))
    no_traceback(proc)
    assert proc.returncode == 0
    data = json.loads(out.read_bytes().decode("utf-8"))  # valid UTF-8 JSON
    assert data["errors"] == []
    paths = [a["path"] for a in data["articles"]]
    assert len(paths) == 5
    odd = [p for p in paths if not p.isascii()]
    assert len(odd) == 1
    # the path read back is the file's real name: it can be opened again
    assert os.fsencode(odd[0]) == raw
    csv_proc = run("extract", "--format", "csv", str(folder))
    assert csv_proc.returncode == 0, no_traceback(csv_proc)


# -- defect 5: runs of spelled-out numbers ----------------------------------------------------


def test_a_spelled_number_is_read_a_bounded_number_of_words_at_a_time():
    """A page of number words used to be scanned to its end from every word (quadratic:
    a 98 KB article took 329 s): the number pattern now stops after a bounded run."""
    import re

    from nktimeline.temporal.patterns import MAX_NUMBER_WORDS, _pieces

    run_of_words = "one two three four five six seven eight nine ten " * 80
    m = re.compile(_pieces()["NUM"]).match(run_of_words)
    assert m is not None
    assert len(m.group().split()) <= MAX_NUMBER_WORDS
    # and numbers as long as English writes them are still read whole
    (t,) = timex("It took two hundred and fifty-three days.", "2020-01-01")
    assert t["text"] == "two hundred and fifty-three days" and t["value"] == "P253D"


# -- defect 7 / 15: pipes and devices are never read -----------------------------------------


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_timex_refuses_devices_and_pipes(fifo):
    for target in ("/dev/zero", str(fifo)):
        proc = run("timex", "--dct", "2019-01-01", target, timeout=60)
        err = no_traceback(proc)
        assert proc.returncode == 2
        assert "not a regular file" in err


def test_extract_names_a_pipe_and_a_device_link_as_errors(tmp_path, fifo):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    good = tmp_path / "good.txt"
    shutil.copy(next(iter(sorted(SEEDS.iterdir()))), good)
    proc = run("extract", str(tmp_path), str(fifo), timeout=60)
    no_traceback(proc)
    data = json.loads(proc.stdout)
    assert len(data["articles"]) == 1
    bad = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert set(bad) == {"pipe.txt", "zero.txt"}
    assert all("not a regular file" in m for m in bad.values())


# -- defect 12: one bad line of `timex --jsonl` ------------------------------------------------


def test_timex_jsonl_answers_every_line_and_names_the_bad_ones():
    lines = [
        b'{"id": 1, "dct": "2020-01-01", "text": "yesterday"}',
        b"[1]",
        b'{"id": "\\ud800", "dct": "2020-01-01", "text": "tomorrow"}',
        b'{"id": 4, "text": 5}',
        b'{"id": 5, "text": "x", "dct": 7}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": 7, "dct": "9999-12-31", "text": "tomorrow and next year"}',
        b'{"id": 8, "dct": "0001-01-01", "text": "yesterday"}',
        b"\xff\xfe not json",
        b'{"id": 10, "dct": "2020-01-01", "text": "last week"}',
    ]
    proc = run("timex", "--jsonl", stdin=b"\n".join(lines) + b"\n")
    no_traceback(proc)
    assert proc.returncode == 1  # some lines were bad
    out = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    errors = [i + 1 for i, o in enumerate(out) if "error" in o]
    assert errors == [2, 4, 5, 6, 9]
    for i in errors:
        assert out[i - 1]["error"].startswith(f"line {i}: ")
    assert out[0]["timexes"][0]["value"] == "2019-12-31"
    assert out[2]["id"] == "\ud800"  # written back as its JSON escape
    assert out[9]["timexes"][0]["value"] == "2019-W52"


# -- defect 13: a charset that makes lone surrogates ----------------------------------------


def test_unicode_escape_charset_and_deep_nesting_give_valid_text(tmp_path):
    # a byte that is not UTF-8 (so the declared charset is consulted) and an escape that
    # unicode_escape would turn into a lone surrogate
    body = "<div>" * 5000 + "<p>The talks began on Monday in Malm\xf6, said \\ud800 here.</p>"
    page = (
        '<html><head><meta charset="unicode_escape"><title>Talks</title></head><body>'
        + body
        + "</div>" * 5000
        + "</body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="latin-1")
    out = tmp_path / "out.json"
    proc = run("extract", str(tmp_path), "-o", str(out))
    no_traceback(proc)
    text = out.read_bytes().decode("utf-8")  # strict: no lone surrogates were written
    data = json.loads(text)
    for art in data["articles"]:
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in art["body"] + art["title"])


# -- defect 16: CSV cells that a spreadsheet would run ----------------------------------------


def test_csv_neutralises_formula_cells(tmp_path):
    (tmp_path / "=1+2.txt").write_text(
        "@SUM(A1) talks\n\nPublished: June 30, 2019\n\nThe leaders met in Panmunjeom on "
        "Sunday, June 30, 2019, officials said.\n",
        encoding="utf-8",
    )
    proc = run("extract", "--format", "csv", str(tmp_path))
    assert proc.returncode == 0, no_traceback(proc)
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert len(rows) >= 2
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row
    assert any(cell == "'=1+2" for row in rows[1:] for cell in row)


def test_csv_cell_rule():
    from nktimeline.export import csv_cell

    assert csv_cell("=HYPERLINK(x)") == "'=HYPERLINK(x)"
    assert csv_cell("-2+3") == "'-2+3"
    assert csv_cell("@cmd") == "'@cmd"
    assert csv_cell("\tx") == "'\tx"
    assert csv_cell("Hanoi summit") == "Hanoi summit"
    assert csv_cell("") == ""


# -- defect 17: output errors end in a message, not a traceback ------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "seeds/", "-o", "/nonexistent-folder/out.json"),
        ("extract", "seeds/", "-o", "/dev/full"),
        ("export", "--png", "/nonexistent-folder/x.png", "seeds/000_039cbda387a68463.txt"),
        ("export", "--png", "OUT.png", "--scale", "nan"),
        ("export", "--png", "OUT.png", "--scale", "inf"),
        ("export", "--png", "OUT.png", "--width", "100000000"),
        ("export", "--png", "OUT.png", "--width", "20000", "--scale", "8", "seeds/"),
    ],
)
def test_output_errors_are_messages(args, tmp_path):
    args = tuple(str(tmp_path / a) if a == "OUT.png" else a for a in args)
    proc = run(*args)
    err = no_traceback(proc)
    assert proc.returncode != 0
    assert err.strip().splitlines()[-1].startswith("nktimeline "), err
    assert not (tmp_path / "OUT.png").exists()


def test_stdout_to_a_full_device_is_a_message():
    with open("/dev/full", "wb") as full:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        proc = subprocess.run(
            [sys.executable, "-m", "nktimeline", "extract", "seeds/"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=REPO,
            env=env,
            timeout=120,
        )
    err = no_traceback(proc)
    assert proc.returncode == 1
    assert "cannot write standard output" in err
