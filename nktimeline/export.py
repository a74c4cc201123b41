"""Exports: JSON, CSV and TimelineJS (pure Python), and the timeline as PNG, SVG or PDF
(QtGui only, through :func:`nktimeline.ui.render.render`).

The GUI's File menu and the ``nktimeline export`` CLI call the same functions.  Qt is
imported inside the image functions only, so JSON/CSV/TimelineJS export works without PySide6.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import html
import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nktimeline.model import Corpus, DateValue

if TYPE_CHECKING:
    from nktimeline.ui.render import RenderOptions

CSV_COLUMNS = (
    "id",
    "title",
    "category",
    "place",
    "start",
    "end",
    "granularity",
    "source",
    "confidence",
    "articles",
    "conflicts",
    "edited",  # fields the user set (";"-separated), empty for extracted events
)

PAGE_SIZES = ("A4", "Letter")  # PDF pages, landscape
SVG_DETAIL = 3  # SVG user units per logical pixel (see svg_bytes)
_APP: Any = None  # keeps a QGuiApplication we had to create alive


def write_json(corpus: Corpus, path: str | Path) -> None:
    """The whole corpus (articles, events with provenance, load errors) as JSON."""
    # errors="backslashreplace": a file name that was not UTF-8 keeps its \\udcXX escape
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as fh:
        json.dump(corpus.to_json(), fh, ensure_ascii=False, indent=2)
        fh.write("\n")


class ExportError(OSError):
    """An export that cannot be made (image too large, file not writable); the message
    is for people.  An OSError, as failing to write a file always was."""


# A spreadsheet runs a cell starting with one of these as a formula ("=1+2.txt" as a
# file name, "@SUM(...)" as a title): such cells get a leading apostrophe (OWASP CSV
# injection advice), which spreadsheets show as plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (see ``_FORMULA_START``)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_rows(corpus: Corpus) -> list[list[str]]:
    """One row per event, columns :data:`CSV_COLUMNS` (undated events have empty dates).
    Text from articles (ids from file names, titles, places) never starts a formula."""
    rows: list[list[str]] = []
    for ev in corpus.events:
        d = ev.date
        rows.append(
            [
                csv_cell(ev.id),
                csv_cell(ev.title),
                csv_cell(ev.category),
                csv_cell(ev.place or ""),
                d.iso_start() if d else "",
                d.iso_end() if d else "",
                d.granularity if d else "",
                d.source if d else "",
                f"{d.confidence:.2f}" if d else "",
                csv_cell(";".join(ev.articles)),
                csv_cell(";".join(f"{c.article}:{c.date}" for c in ev.conflicts)),
                csv_cell(";".join(e.field for e in ev.edited)),
            ]
        )
    return rows


def write_csv(corpus: Corpus, path: str | Path) -> None:
    with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        w.writerows(csv_rows(corpus))


def source_lines(corpus: Corpus) -> list[str]:
    """Footer citations: ``title — publisher, date (how the date was obtained)``."""
    out = []
    for a in corpus.articles:
        pub = a.published
        when = pub.value.isoformat() if pub.value else "undated"
        if pub.value is None and pub.earliest and pub.latest:
            when = f"{pub.earliest.isoformat()}–{pub.latest.isoformat()} (estimated)"
        elif pub.value and pub.source == "repost":
            when += " (re-post date)"
        parts = [a.title or Path(a.path).name]
        tail = ", ".join(x for x in (a.publisher, when) if x)
        out.append(f"{parts[0]} — {tail}")
    return out


def ensure_gui_app() -> None:
    """Headless rendering needs a QGuiApplication.  If this process also uses widgets
    (QtWidgets already imported, e.g. a test session), create a QApplication instead: a
    bare QGuiApplication would make any later QWidget abort the process."""
    global _APP
    import sys

    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Rendering never needs a window: use the offscreen platform unless the user chose
        # one, so export works on servers without a display.
        argv = ["nktimeline"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            argv += ["-platform", "offscreen"]
        if "PySide6.QtWidgets" in sys.modules:
            _APP = sys.modules["PySide6.QtWidgets"].QApplication(argv)
        else:
            _APP = QGuiApplication(argv)


def _write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path``; a failure is an :class:`ExportError` in plain words
    (``cannot write PATH: the disk is full``, never an errno), and leaves no partial file."""
    from nktimeline.output_path import write_error

    try:
        fh = open(path, "wb")  # noqa: SIM115 (closed below; unlinked when the write fails)
    except (OSError, ValueError) as exc:
        raise ExportError(write_error(path, exc)) from None
    try:
        with fh:
            fh.write(data)
    except OSError as exc:
        if os.path.isfile(path):
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise ExportError(write_error(path, exc)) from None


def _options(options: RenderOptions | None) -> RenderOptions:
    from nktimeline.ui.render import RenderOptions

    return options or RenderOptions()


def png_image(corpus: Corpus, options: RenderOptions | None = None):
    """The timeline as a QImage (``width * scale`` pixels wide)."""
    ensure_gui_app()
    from nktimeline.ui.render import RenderError, render

    try:
        return render(corpus, None, _options(options)).image
    except RenderError as exc:
        raise ExportError(str(exc)) from None


def write_png(
    corpus: Corpus, path: str | Path, options: RenderOptions | None = None
) -> tuple[int, int]:
    """Render to a PNG at ``path``; returns its pixel size."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    img = png_image(corpus, options)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):  # type: ignore[call-overload]
        raise ExportError("the PNG could not be encoded")
    buf.close()
    _write_bytes(path, bytes(data.data()))
    return img.width(), img.height()


def svg_bytes(corpus: Corpus, options: RenderOptions | None = None) -> bytes:
    """The timeline as an SVG document: vector marks, text as ``<text>``."""
    ensure_gui_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    from nktimeline.ui.render import Page, layout, paint_page

    lay = layout(corpus, _options(options))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    w, h = math.ceil(lay.width), math.ceil(lay.height)
    gen.setSize(QSize(w, h))
    gen.setResolution(96)  # the size in CSS pixels, as wide as the PNG at 1x
    # Marks are small images drawn at the painter's scale: draw in a 3x coordinate system
    # (shown at 1x) so they stay sharp when the drawing is zoomed or printed.
    gen.setViewBox(QRectF(0, 0, w * SVG_DETAIL, h * SVG_DETAIL))
    gen.setTitle(lay.title)
    gen.setDescription("Timeline made with nktimeline")
    p = QPainter(gen)
    p.scale(SVG_DETAIL, SVG_DETAIL)
    p.fillRect(QRectF(0, 0, w, h), lay.style.background)
    paint_page(p, lay, Page(first=True, k0=0, k1=len(lay.heights), n1=len(lay.notes)))
    p.end()
    buf.close()
    return bytes(data.data())


def write_svg(corpus: Corpus, path: str | Path, options: RenderOptions | None = None) -> int:
    """Render to an SVG file at ``path``; returns its size in bytes."""
    data = svg_bytes(corpus, options)
    _write_bytes(path, data)
    return len(data)


def pdf_bytes(
    corpus: Corpus, options: RenderOptions | None = None, page_size: str = "A4"
) -> tuple[bytes, int]:
    """The timeline as a PDF on landscape ``page_size`` pages (vector marks and text; long
    timelines split across pages, the axis repeated); returns (bytes, page count)."""
    ensure_gui_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from nktimeline.ui.render import RenderError, render

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buf, page_size)
    opts = _options(options)
    writer.setTitle(opts.title or "Timeline")
    try:
        pages = render(corpus, writer, opts).pages
    except RenderError as exc:
        raise ExportError(str(exc)) from None
    del writer  # flushes the document into the buffer
    buf.close()
    return bytes(data.data()), pages


def pdf_writer(device: Any, page_size: str = "A4") -> Any:
    """A QPdfWriter on ``device`` (a QIODevice or a file name) set up for a report: landscape
    ``page_size`` pages with the render's margins."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from nktimeline.ui.render import PAGE_MARGIN_MM

    writer = QPdfWriter(device)
    size = QPageSize.PageSizeId.Letter if page_size == "Letter" else QPageSize.PageSizeId.A4
    writer.setPageSize(QPageSize(size))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    m = PAGE_MARGIN_MM
    writer.setPageMargins(QMarginsF(m, m, m, m), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setCreator("nktimeline")
    return writer


def write_pdf(
    corpus: Corpus, path: str | Path, options: RenderOptions | None = None, page_size: str = "A4"
) -> int:
    """Render to a PDF file at ``path``; returns the number of pages."""
    data, pages = pdf_bytes(corpus, options, page_size)
    _write_bytes(path, data)
    return pages


def render_png(
    corpus: Corpus,
    out_path: str | Path,
    *,
    width: int = 1800,
    scale: float = 1.0,
    title: str | None = None,
    view_range: Sequence[float] | None = None,
    lanes: str = "category",
    legend: bool = True,
    sources: bool = True,
) -> tuple[int, int]:
    """Render the timeline (title, legend, axis, lanes, cited sources) to a PNG.

    ``width`` is in logical pixels; the image is ``width * scale`` pixels wide and drawn at
    that device-pixel ratio, so 2x/3x exports are crisp rather than upscaled.
    ``view_range`` (first, last day as ordinals) renders a window; by default the whole
    timeline.  Returns the image's pixel size.
    """
    from nktimeline.ui.render import RenderOptions

    vr = (float(view_range[0]), float(view_range[1])) if view_range is not None else None
    opts = RenderOptions(title, width, scale, vr, lanes, legend, sources)
    return write_png(corpus, out_path, opts)


# -- date ranges typed by people --------------------------------------------------------------


def parse_day(text: str, *, end: bool = False) -> dt.date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first day (or last, with ``end``), read
    as the user's dates are everywhere (:func:`nktimeline.edits.parse_user_date`).  Raises
    ValueError with a message for people."""
    from nktimeline.edits.records import EditError, parse_user_date

    t = text.strip()
    try:
        d = parse_user_date(t)
    except EditError:
        raise ValueError(f"{t!r} is not a date: type YYYY, YYYY-MM or YYYY-MM-DD") from None
    return d.end if end else d.start


def day_range(first: str, last: str) -> tuple[float, float]:
    """Days (ordinals, end exclusive) from ``first`` to ``last`` as typed (see
    :func:`parse_day`); raises ValueError when either is not a date or they are reversed."""
    d0 = parse_day(first)
    d1 = parse_day(last, end=True)
    if d1 < d0:
        raise ValueError(f"the range ends ({last.strip()}) before it starts ({first.strip()})")
    return float(d0.toordinal()), float(d1.toordinal() + 1)


# -- TimelineJS ------------------------------------------------------------------------------

# How much of a date TimelineJS is told, by granularity: a month-wide event is {year, month}.
_TL_PARTS = {"day": 3, "week": 3, "month": 2, "season": 2, "quarter": 2}


def _tl_date(day: dt.date, granularity: str) -> dict[str, int]:
    n = _TL_PARTS.get(granularity, 1)
    out = {"year": day.year}
    if n >= 2:
        out["month"] = day.month
    if n >= 3:
        out["day"] = day.day
    return out


def _tl_dates(d: DateValue) -> tuple[dict[str, int], dict[str, int] | None]:
    start = _tl_date(d.start, d.granularity)
    end = _tl_date(d.end, d.granularity)
    return start, (end if end != start else None)


def timelinejs(corpus: Corpus, title: str | None = None) -> dict[str, Any]:
    """The dated events as a TimelineJS3 document (``{"title", "events"}``): partial dates
    stay partial (a month is ``{"year", "month"}``), text is HTML-escaped, the group is the
    category.  Undated events have no place on a TimelineJS axis and are left out."""
    from nktimeline.ui.timeline_data import ui_config  # Qt-free

    labels = {k: v.get("label", k) for k, v in ui_config().get("categories", {}).items()}
    articles = {a.id: a for a in corpus.articles}
    events: list[dict[str, Any]] = []
    for ev in corpus.events:
        d = ev.date
        if d is None:
            continue
        start, end = _tl_dates(d)
        how = "set by you" if d.source == "user" else f"{d.source}, confidence {d.confidence:.2f}"
        lines = [f"Date: {d.label()} ({how})"]
        if ev.place:
            lines.append(f"Place: {ev.place}")
        if ev.conflicts:
            lines.append("Sources disagree: " + "; ".join(f"{c.date}" for c in ev.conflicts))
        cited = []
        for aid in ev.articles:
            a = articles.get(aid)
            if a is not None:
                cited.append(
                    " — ".join(x for x in (a.title or Path(a.path).name, a.publisher) if x)
                )
        if cited:
            lines.append("Sources: " + "; ".join(cited))
        if ev.edited:
            lines.append("Corrected by hand: " + ", ".join(e.field for e in ev.edited))
        item: dict[str, Any] = {
            "start_date": start,
            "text": {
                "headline": html.escape(ev.title),
                "text": "<br>".join(html.escape(x) for x in lines),
            },
            "group": labels.get(ev.category, ev.category.capitalize() or "Other"),
            "unique_id": ev.id,
        }
        if end is not None:
            item["end_date"] = end
        events.append(item)
    n_art = len(corpus.articles)
    return {
        "title": {
            "text": {
                "headline": html.escape(title or "Timeline"),
                "text": html.escape(
                    f"{len(events)} dated events from {n_art} article{'s' if n_art != 1 else ''}"
                ),
            }
        },
        "events": events,
    }


def write_timelinejs(corpus: Corpus, path: str | Path, title: str | None = None) -> int:
    """Write :func:`timelinejs` as JSON to ``path``; returns the number of events."""
    doc = timelinejs(corpus, title)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    _write_bytes(path, text.encode("utf-8", "backslashreplace"))
    return len(doc["events"])
