"""PNG/JSON/CSV export."""

from __future__ import annotations

import csv
import json

from PySide6.QtGui import QImage

from nktimeline.export import CSV_COLUMNS, render_png, write_csv, write_json


def _colours(img: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            seen.add(img.pixel(x, y))
    return len(seen)


def test_png_has_requested_size_and_content(tmp_path, sample_corpus):
    out = tmp_path / "t.png"
    w, h = render_png(sample_corpus, out, width=1600)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (w, h) and w == 1600 and h > 300
    assert _colours(img) > 30  # text, marks, lanes: not a blank canvas


def test_png_scale_multiplies_pixels(tmp_path, sample_corpus):
    w1, h1 = render_png(sample_corpus, tmp_path / "a.png", width=1000, scale=1.0)
    w2, h2 = render_png(sample_corpus, tmp_path / "b.png", width=1000, scale=2.0)
    assert w2 == 2 * w1 and abs(h2 - 2 * h1) <= 2


def test_png_current_view_and_empty_corpus(tmp_path, sample_corpus):
    from nktimeline.model import Corpus

    d0 = sample_corpus.events[0].date.start.toordinal() - 30
    w, h = render_png(sample_corpus, tmp_path / "v.png", width=900, view_range=(d0, d0 + 90))
    assert w == 900
    w, h = render_png(Corpus(), tmp_path / "e.png", width=800)
    assert w == 800 and h > 100


def test_json_and_csv(tmp_path, sample_corpus):
    write_json(sample_corpus, tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert len(data["events"]) == len(sample_corpus.events)
    write_csv(sample_corpus, tmp_path / "c.csv")
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    st = next(r for r in rows if r["id"] == "e-stockholm")
    assert st["articles"] == "a1;a2" and st["conflicts"] == "a2:2019-11"
    assert next(r for r in rows if r["id"] == "e-statement")["start"] == ""


def test_export_from_window(tmp_path, open_window, sample_corpus):
    w = open_window(1200, 800, sample_corpus)
    size = w.export_png(str(tmp_path / "cur.png"), whole=False, scale=2.0, width=700)
    assert size[0] == 1400
