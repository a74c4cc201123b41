"""Headless use of a project: extract and export apply its edits."""

from __future__ import annotations

import datetime as dt
import json

from nktimeline.cli import main
from nktimeline.edits import Edit, Keys, MentionKey, Project, save_project, user_date
from nktimeline.pipeline import load_corpus


def test_extract_with_a_project_shows_the_users_title_and_date(tmp_path, seed_paths, capsys):
    corpus = load_corpus([str(p) for p in seed_paths])
    keys = Keys.of(corpus)
    target = next(e for e in corpus.events if e.date is not None and len(e.mentions) > 1)
    new_date = user_date(dt.date(2019, 3, 1), dt.date(2019, 3, 1), "day")
    edits = [
        Edit("set", keys.event(target), {"title": "Corrected title", "date": new_date}, "fix"),
        Edit("set", (MentionKey("gone", "body", 0, 3, "x"),), {"title": "Lost"}, "orphan edit"),
    ]
    project = tmp_path / "story.nktl"
    save_project(Project([str(p) for p in seed_paths], edits), project)
    out = tmp_path / "out.json"
    assert main(["extract", "--project", str(project), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["articles"]) == len(seed_paths)
    (ev,) = [e for e in data["events"] if e["title"] == "Corrected title"]
    assert ev["date"]["source"] == "user" and ev["date"]["start"] == "2019-03-01"
    assert ev["edited"]["title"] == {"by": "user", "original": target.title}
    assert ev["edited"]["date"]["by"] == "user"
    err = capsys.readouterr().err
    assert "edit not applied" in err and "orphan edit" in err
    # CSV marks the edited fields
    csv_out = tmp_path / "out.csv"
    assert main(["extract", "--project", str(project), "--format", "csv", "-o", str(csv_out)]) == 0
    header, *rows = csv_out.read_text(encoding="utf-8").splitlines()
    assert header.endswith(",edited")
    (row,) = [r for r in rows if "Corrected title" in r]
    assert set(row.rsplit(",", 1)[1].split(";")) == {"title", "date"}


def test_export_with_a_project_draws_the_corrected_chronology(tmp_path, seed_paths, capsys):
    corpus = load_corpus([str(p) for p in seed_paths])
    keys = Keys.of(corpus)
    hidden = corpus.events[:3]
    edits = [Edit("hide", keys.event(e)) for e in hidden]
    project = tmp_path / "story.nktl"
    save_project(Project([str(p) for p in seed_paths], edits), project)
    png = tmp_path / "t.png"
    assert main(["export", "--png", str(png), "--project", str(project)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"{len(corpus.events) - 3} events" in capsys.readouterr().err


def test_a_bad_project_file_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.nktl"
    bad.write_text("nope")
    assert main(["extract", "--project", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("nktimeline extract:") and "not an nktimeline project" in err
    assert "Traceback" not in err
    assert main(["extract"]) == 2
