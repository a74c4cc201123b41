"""Report-grade export: SVG/PDF/print through the one render, the CLI's formats, TimelineJS."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from nktimeline import export
from nktimeline.cli import main
from nktimeline.model import Corpus, DateValue, Event, Mention
from nktimeline.ui.render import RenderOptions, layout, paginate, render

pypdf = pytest.importorskip("pypdf")  # the [test] extra installs it

SEED_PLACES = ("Singapore", "Hanoi", ("Panmunjom", "Panmunjeom"), "Stockholm")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def svg_text(data: bytes) -> str:
    """All text of an SVG's ``<text>`` elements, as the document (not the markup) holds it."""
    root = ET.fromstring(data)
    return _words(" ".join("".join(t.itertext()) for t in root.iter() if t.tag.endswith("}text")))


def pdf_pages(path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    return [_words(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def seed_corpus() -> Corpus:
    from nktimeline.paths import seed_files
    from nktimeline.pipeline import load_corpus

    return load_corpus([str(p) for p in seed_files()])


def seed_titles(corpus: Corpus) -> list[str]:
    """The title of the seed event of each of the four meetings (a summit or talks)."""
    titles = []
    for place in SEED_PLACES:
        names = place if isinstance(place, tuple) else (place,)
        hits = [
            e.title
            for e in corpus.events
            if e.category in ("summit", "talks") and any(n in e.title for n in names)
        ]
        assert hits, place
        titles.append(hits[0])
    return titles


# -- the CLI -------------------------------------------------------------------------------


def test_cli_writes_svg_and_pdf_with_the_seed_events_as_text(tmp_path, seed_corpus, capsys):
    svg, pdf = tmp_path / "t.svg", tmp_path / "t.pdf"
    assert main(["export", "--svg", str(svg), "--pdf", str(pdf), "seeds/"]) == 0
    err = capsys.readouterr().err
    assert f"wrote {svg}" in err and f"wrote {pdf}" in err
    titles = seed_titles(seed_corpus)
    text = svg_text(svg.read_bytes())
    for title in titles:
        assert title in text, title
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    whole = " ".join(pages)
    for title in titles:
        assert title in whole, title
    box = pypdf.PdfReader(str(pdf)).pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert abs(float(box.width) - 842) < 2  # A4 by default


def test_cli_several_formats_at_once_and_timelinejs(tmp_path, capsys):
    png, tl = tmp_path / "t.png", tmp_path / "t.json"
    args = ["export", "--png", str(png), "--timelinejs", str(tl), "--title", "NK talks"]
    assert main([*args, "--page-size", "Letter", "seeds/"]) == 0
    assert QImage(str(png)).width() == 1800
    doc = json.loads(tl.read_text(encoding="utf-8"))
    assert doc["title"]["text"]["headline"] == "NK talks"
    assert any("Hanoi" in e["text"]["headline"] for e in doc["events"])


def test_timelinejs_export_needs_no_qt(tmp_path, run_without_qt):
    out = tmp_path / "tl.json"
    proc = run_without_qt(
        f"""
        from nktimeline.cli import main
        assert main(["export", "--timelinejs", {str(out)!r}, "seeds/"]) == 0
        assert not any(m.startswith("PySide6") for m in sys.modules)
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["events"]


def test_cli_needs_an_output(capsys):
    assert main(["export", "seeds/"]) == 2
    assert "--png, --svg, --pdf" in capsys.readouterr().err


def test_cli_empty_corpus_is_one_line_and_no_file(tmp_path, capsys):
    art = tmp_path / "calm.txt"
    art.write_text("Nothing happened.\n", encoding="utf-8")
    out = tmp_path / "t.svg"
    assert main(["export", "--svg", str(out), "--pdf", str(tmp_path / "t.pdf"), str(art)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "nktimeline export: no events found in the 1 article(s) read; nothing written"
    assert not out.exists() and not (tmp_path / "t.pdf").exists()


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "timelinejs"])
def test_cli_bad_output_path_is_one_plain_line(tmp_path, capsys, fmt):
    bad = tmp_path / "no-such-folder" / f"t.{fmt}"
    assert main(["export", f"--{fmt}", str(bad), "seeds/000_039cbda387a68463.txt"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"nktimeline export: cannot write {bad}: the folder does not exist"
    assert not bad.parent.exists()


def test_cli_failed_write_is_one_plain_line(capsys):
    # /dev/full opens, then every write fails: the render is done, the write is not
    assert main(["export", "--svg", "/dev/full", "seeds/000_039cbda387a68463.txt"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "nktimeline export: cannot write /dev/full: the disk is full"


def test_cli_date_range(tmp_path, capsys):
    svg = tmp_path / "r.svg"
    assert main(["export", "--svg", str(svg), "--from", "2019", "--to", "2019-06", "seeds/"]) == 0
    text = svg_text(svg.read_bytes())
    assert "Trump–Kim summit in Hanoi" in text
    assert "Trump–Kim summit in Singapore" not in text  # 2018: outside, only counted
    assert "lie outside the range shown" in text
    assert main(["export", "--svg", str(svg), "--from", "2019-13", "seeds/"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err


# -- the render ------------------------------------------------------------------------------


def test_options_turn_legend_and_sources_off(sample_corpus):
    full = svg_text(export.svg_bytes(sample_corpus, RenderOptions()))
    bare = svg_text(export.svg_bytes(sample_corpus, RenderOptions(legend=False, sources=False)))
    assert "estimated date" in full and "Sources:" in full
    assert "estimated date" not in bare and "Sources:" not in bare
    assert "Trump–Kim summit in Singapore" in bare
    assert "Korean War" in bare  # far-off events are still named as outside the range


def test_article_lanes(sample_corpus):
    lane = "Daily Herald · Talks stall after Stockholm meeting"  # publisher · headline
    assert lane in svg_text(export.svg_bytes(sample_corpus, RenderOptions(lanes="article")))
    assert lane not in svg_text(export.svg_bytes(sample_corpus, RenderOptions()))


def test_render_onto_an_existing_image_scales_to_its_width(sample_corpus):
    from PySide6.QtCore import Qt

    img = QImage(900, 700, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    done = render(sample_corpus, img, RenderOptions(width=1800))
    assert done.image is None and done.width == 1800
    marks = {img.pixel(x, y) for x in range(0, 900, 5) for y in range(0, 350, 5)}
    assert len(marks) > 10


def _many_lanes(n_lanes: int = 40) -> Corpus:
    events = []
    for k in range(n_lanes):
        d = dt.date(2019, 1 + k % 12, 1 + k % 27)
        dv = DateValue(d, d, "day")
        m = Mention("a", 0, 1, "x", f"cat{k:02d}", "met", date=dv)
        events.append(Event(f"e{k}", f"Event number {k}", f"cat{k:02d}", dv, (m,)))
    return Corpus((), tuple(events))


def test_long_timelines_split_across_pages_with_the_axis_on_each(tmp_path):
    corpus = _many_lanes()
    pdf = tmp_path / "long.pdf"
    n = export.write_pdf(corpus, pdf, RenderOptions(legend=False))
    pages = pdf_pages(pdf)
    assert n == len(pages) > 1
    for k, text in enumerate(pages, 1):
        assert f"page {k} of {n}" in text
        assert "2019" in text  # the axis is repeated
    for k in range(40):  # every event on exactly one page
        assert sum(f"Event number {k} " in t + " " for t in pages) == 1, k


def test_paginate_keeps_lanes_whole():
    lay = layout(_many_lanes(), RenderOptions(), width=1200, margin=0, paged=True)
    pages = paginate(lay, 700)
    assert pages[0].first and not any(p.first for p in pages[1:])
    assert [p.k0 for p in pages[1:]] == [p.k1 for p in pages[:-1]]
    assert pages[-1].k1 == len(lay.heights)
    for p in pages:
        assert p.axis == (p.k1 > p.k0)


def test_print_to_a_pdf_file(qtbot, tmp_path, sample_corpus):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert render(sample_corpus, printer, RenderOptions()).pages >= 1
    assert "Trump–Kim summit in Singapore" in " ".join(pdf_pages(out))


# -- TimelineJS ------------------------------------------------------------------------------


def test_timelinejs_dates_are_as_precise_as_the_event(tmp_path, sample_corpus):
    edited = dataclasses.replace(sample_corpus.events[0], title="<b>Hanoi</b> & co")
    corpus = dataclasses.replace(sample_corpus, events=(edited, *sample_corpus.events[1:]))
    out = tmp_path / "tl.json"
    n = export.write_timelinejs(corpus, out, "Talks")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["title"]["text"]["headline"] == "Talks"
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert n == len(doc["events"]) == sum(1 for e in corpus.events if e.date)
    assert "e-statement" not in by_id  # undated: no place on the axis
    assert by_id["e-singapore"]["start_date"] == {"year": 2018, "month": 6, "day": 12}
    assert "end_date" not in by_id["e-singapore"]
    assert by_id["e-hanoi"]["start_date"] == {"year": 2019, "month": 2}  # a month, no day
    assert by_id["e-interkorean"]["end_date"] == {"year": 2018, "month": 9, "day": 20}
    assert by_id["e-war"]["start_date"] == {"year": 1950}
    assert by_id["e-war"]["end_date"] == {"year": 1953}
    assert by_id["e-singapore"]["group"] == "Summit"
    assert by_id[edited.id]["text"]["headline"] == "&lt;b&gt;Hanoi&lt;/b&gt; &amp; co"


def test_parse_day_and_range():
    assert export.parse_day("2019") == dt.date(2019, 1, 1)
    assert export.parse_day("2019", end=True) == dt.date(2019, 12, 31)
    assert export.parse_day("2020-02", end=True) == dt.date(2020, 2, 29)
    assert export.parse_day("2019-12", end=True) == dt.date(2019, 12, 31)
    assert export.parse_day(" 2019-06-30 ") == dt.date(2019, 6, 30)
    d0, d1 = export.day_range("2019-02", "2019-02")
    assert d1 - d0 == 28
    for bad in ("19", "2019-13", "2019-02-30", "June", "2019/02"):
        with pytest.raises(ValueError, match="YYYY"):
            export.parse_day(bad)
    with pytest.raises(ValueError, match="before it starts"):
        export.day_range("2020", "2019")
