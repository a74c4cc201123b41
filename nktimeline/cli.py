"""Command line: ``nktimeline`` (opens the app) and the ``extract``/``timex``/``export`` commands.

The output formats of ``extract`` and ``timex`` are a stable contract consumed by other tools.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from nktimeline import __version__
from nktimeline.model import Article, Corpus, LoadError

DESCRIPTION = (
    "nktimeline builds a trustworthy chronology from news articles: it finds the events they "
    "report, when each happened and where every date came from."
)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from exc


COMMANDS = ("open", "extract", "timex", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nktimeline",
        description=DESCRIPTION + " Without a command it opens the desktop app.",
        epilog="Run 'nktimeline COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"nktimeline {__version__}")
    parser.add_argument(
        "--no-reference",
        action="store_true",
        help="do not use the bundled reference chronology (dates come from the text alone)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    app = sub.add_parser(
        "open",
        help="open the desktop app (the default when no command is given)",
        description="Open the desktop app on the given articles (default: the bundled seeds).",
    )
    app.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders to open (default: the bundled seed articles)",
    )
    app.add_argument("--no-reference", action="store_true", help=argparse.SUPPRESS)

    ex = sub.add_parser(
        "extract",
        help="extract articles and dated events as JSON or CSV",
        description="Read articles (files or folders) and write articles, events and errors.",
    )
    ex.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    ex.add_argument(
        "--project",
        metavar="FILE.nktl",
        help="read the articles of a project file and apply its edits (with PATHs: added)",
    )
    ex.add_argument("--format", choices=("json", "csv"), default="json", help="output format")
    ex.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    ex.add_argument(
        "--no-reference",
        action="store_true",
        help="do not use the bundled reference chronology",
    )

    tx = sub.add_parser(
        "timex",
        help="tag time expressions in text (evaluation interface)",
        description=(
            "Print the time expressions of a text exactly as read (offsets into it) as "
            '[{"start","end","text","type","value"}]. With --jsonl, read JSON lines '
            '{"id","dct","text"} from stdin and write {"id","timexes"} per line.'
        ),
    )
    tx.add_argument("--dct", type=_parse_date, help="document creation time YYYY-MM-DD (anchor)")
    tx.add_argument("--jsonl", action="store_true", help="batch mode: JSON lines on stdin")
    tx.add_argument("file", nargs="?", default="-", help="text file, or - for stdin (default)")

    xp = sub.add_parser(
        "export",
        help="render the timeline to PNG, SVG, PDF or TimelineJS without opening a window",
        description=(
            "Render the timeline of the given articles (default: the seeds) to a PNG, SVG or "
            "PDF (several at once if asked), or write it as TimelineJS JSON."
        ),
    )
    xp.add_argument("--png", metavar="OUT.png", help="write a PNG image")
    xp.add_argument("--svg", metavar="OUT.svg", help="write an SVG drawing (text stays text)")
    xp.add_argument(
        "--pdf", metavar="OUT.pdf", help="write a PDF (landscape pages, the axis on each)"
    )
    xp.add_argument("--timelinejs", metavar="OUT.json", help="write the events as TimelineJS3 JSON")
    xp.add_argument(
        "--width", type=int, default=1800, help="image width in pixels at 1x (200..20000)"
    )
    xp.add_argument("--scale", type=float, default=1.0, help="pixel scale (1, 2, 3 ... up to 8)")
    xp.add_argument("--title", help="title printed above the timeline")
    xp.add_argument("--from", dest="first", metavar="DATE", help="first day shown (YYYY[-MM[-DD]])")
    xp.add_argument("--to", dest="last", metavar="DATE", help="last day shown (YYYY[-MM[-DD]])")
    xp.add_argument(
        "--lanes",
        choices=("category", "article"),
        default="category",
        help="one lane per category (default) or per article",
    )
    xp.add_argument("--no-legend", action="store_true", help="leave the legend out")
    xp.add_argument("--no-sources", action="store_true", help="leave the list of sources out")
    xp.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="PDF page size")
    xp.add_argument(
        "--no-reference", action="store_true", help="do not use the reference chronology"
    )
    xp.add_argument(
        "--project",
        metavar="FILE.nktl",
        help="draw the articles of a project file with its edits applied",
    )
    xp.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    return parser


class OutputError(Exception):
    """The result could not be written where the user asked; ``str(exc)`` says why."""


def _write_text(text: str, output: str | None) -> None:
    """Write ``text`` as UTF-8 to ``output`` (a path) or stdout.  A lone surrogate (a file
    name that was not UTF-8, carried with surrogateescape) is written as its ``\\udcXX``
    escape, which JSON reads back as the same character; nothing else is changed."""
    data = text.encode("utf-8", "backslashreplace")
    try:
        if output:
            with open(output, "wb") as fh:
                fh.write(data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    except OSError as exc:
        from nktimeline.output_path import reason

        where = output or "standard output"
        raise OutputError(f"cannot write {where}: {reason(exc, output)}") from None


def _report_errors(errors: Sequence[LoadError]) -> None:
    for err in errors:
        _say(f"nktimeline: {err.path}: {err.message}")


def _report_languages(articles: Sequence[Article]) -> None:
    """One line on stderr per article whose text is not read for events (not English); the
    JSON output says the same with each article's ``language``."""
    from nktimeline.ingest.language import extraction_note

    for a in articles:
        note = extraction_note(a.language)
        if note:
            _say(f"nktimeline: {a.path}: {note}")


def _say(message: str) -> None:
    """One line on stderr (surrogates escaped, never an encoding error)."""
    sys.stderr.write(message.encode("utf-8", "backslashreplace").decode("utf-8") + "\n")


class ProjectUnusable(Exception):
    """The ``--project`` file cannot be read; ``str(exc)`` says why."""


def _load(args: argparse.Namespace, paths: Sequence[str]) -> Corpus:
    """The corpus of ``paths`` (and of ``--project``, with its edits applied)."""
    from nktimeline.pipeline import load_corpus

    project = None
    if getattr(args, "project", None):
        from nktimeline.edits import ProjectError, load_project

        try:
            project = load_project(args.project)
        except ProjectError as exc:
            raise ProjectUnusable(str(exc)) from None
        paths = [*project.paths, *paths]
    corpus = load_corpus(paths, use_reference=not args.no_reference)
    if project is None or not (project.edits or project.unreadable):
        return corpus
    from nktimeline.edits import apply_edits

    applied = apply_edits(corpus, project.edits)
    for edit in applied.orphans:
        what = edit.label or edit.kind
        _say(f"nktimeline: {args.project}: edit not applied (its event is gone): {what}")
    if project.unreadable:
        n = len(project.unreadable)
        _say(f"nktimeline: {args.project}: {n} edit(s) could not be read and were skipped")
    return applied.corpus


def cmd_extract(args: argparse.Namespace) -> int:
    from nktimeline.export import CSV_COLUMNS, csv_rows

    if not args.paths and not args.project:
        _say("nktimeline extract: give article files or folders, or --project FILE.nktl")
        return 2
    corpus = _load(args, args.paths)
    _report_errors(corpus.errors)
    _report_languages(corpus.articles)
    if args.format == "json":
        text = json.dumps(corpus.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(corpus))
        text = buf.getvalue()
    _write_text(text, args.output)
    return 0 if corpus.articles else 1


def _timexes_json(text: str, dct: dt.date | None) -> list[dict]:
    from nktimeline.temporal import tag

    return [t.to_json() for t in tag(text, dct)]


def _jsonl_item(line: bytes) -> tuple[object, str, dt.date | None]:
    """(id, text, dct) of one ``--jsonl`` input line; Refused says what is wrong."""
    from nktimeline.guard import Refused

    try:
        item = json.loads(line.decode("utf-8", "replace"))
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise Refused(f"not valid JSON ({reason})") from None
    if not isinstance(item, dict):
        raise Refused(f'expected a JSON object {{"id", "dct", "text"}}, got {type(item).__name__}')
    text = item.get("text")
    if not isinstance(text, str):
        raise Refused('"text" must be a string')
    raw = item.get("dct")
    if raw in (None, ""):
        return item.get("id"), text, None
    if not isinstance(raw, str):
        raise Refused('"dct" must be a date as "YYYY-MM-DD"')
    try:
        return item.get("id"), text, _parse_date(raw)
    except argparse.ArgumentTypeError as exc:
        raise Refused(str(exc)) from None


def _jsonl_line(line: bytes, lineno: int) -> dict:
    """The output object for one input line: its timexes, or an error naming the line."""
    from nktimeline.guard import StageFailure, attempt

    got = attempt("read", _jsonl_item, line)
    if isinstance(got, StageFailure):
        return {"id": None, "timexes": [], "error": f"line {lineno}: {got.message}"}
    item_id, text, dct = got
    if not _json_safe(item_id):
        item_id = None
    tx = attempt("tag", _timexes_json, text, dct)
    if isinstance(tx, StageFailure):
        return {"id": item_id, "timexes": [], "error": f"line {lineno}: {tx.message}"}
    return {"id": item_id, "timexes": tx}


def _json_safe(value: object) -> bool:
    """Can ``value`` be written back as JSON (an id nested too deeply cannot)?"""
    try:
        json.dumps(value)
    except (ValueError, TypeError, RecursionError):
        return False
    return True


def cmd_timex(args: argparse.Namespace) -> int:
    from nktimeline.guard import StageFailure, attempt

    if args.jsonl:
        status = 0
        for lineno, line in enumerate(sys.stdin.buffer, 1):
            if not line.strip():
                continue
            out = _jsonl_line(line, lineno)
            status = status or int("error" in out)
            _write_text(json.dumps(out, ensure_ascii=False) + "\n", None)
        return status
    text = _read_input(args.file)
    if text is None:
        return 2
    tx = attempt("tag", _timexes_json, text, args.dct)
    if isinstance(tx, StageFailure):
        _say(f"nktimeline timex: {tx.message}")
        return 1
    _write_text(json.dumps(tx, ensure_ascii=False) + "\n", None)
    return 0


def _read_input(name: str) -> str | None:
    """The text of a regular file (or stdin for ``-``) up to the article size limit, decoded
    as UTF-8 with replacement; None after saying why not.  Offsets stay those of the text
    as written (line ends are not translated)."""
    from nktimeline.ingest import MAX_BYTES, IngestError
    from nktimeline.ingest.files import read_bytes

    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            _say(f"nktimeline timex: input is larger than {MAX_BYTES // 1048576} MB")
            return None
    else:
        try:
            data = read_bytes(Path(name))
        except IngestError as exc:
            _say(f"nktimeline timex: cannot read {name}: {exc}")
            return None
    return data.decode("utf-8", "replace")


MAX_WIDTH = 20_000  # logical pixels: beyond this a PNG is no longer an image anyone opens


def cmd_export(args: argparse.Namespace) -> int:
    from nktimeline import export
    from nktimeline.paths import seed_files

    outputs = [(k, getattr(args, k)) for k in ("png", "svg", "pdf", "timelinejs")]
    outputs = [(k, v) for k, v in outputs if v]
    if not outputs:
        _say("nktimeline export: give at least one output: --png, --svg, --pdf or --timelinejs")
        return 2
    if not 200 <= args.width <= MAX_WIDTH or not (0 < args.scale <= 8):  # NaN fails too
        _say(f"nktimeline export: --width must be in 200..{MAX_WIDTH} and --scale in (0, 8]")
        return 2
    view_range = None
    if args.first or args.last:
        try:
            view_range = export.day_range(args.first or "0001", args.last or "9999")
        except ValueError as exc:
            _say(f"nktimeline export: --from/--to: {exc}")
            return 2
    paths = args.paths or ([] if args.project else [str(p) for p in seed_files()])
    corpus = _load(args, paths)
    _report_errors(corpus.errors)
    if not corpus.articles:
        _say("nktimeline export: no article could be loaded")
        return 1
    if not corpus.events:
        n = len(corpus.articles)
        _say(f"nktimeline export: no events found in the {n} article(s) read; nothing written")
        return 1
    if view_range is not None:
        # an open end stops at the corpus's own dates, not at year 1 or 9999
        days = [d for e in corpus.events if e.date for d in (e.date.start, e.date.end)]
        if days:
            lo, hi = min(days).toordinal(), max(days).toordinal() + 1
            view_range = (
                view_range[0] if args.first else float(lo),
                view_range[1] if args.last else float(hi),
            )
    opts = None
    if any(kind != "timelinejs" for kind, _ in outputs):  # TimelineJS alone needs no Qt
        from nktimeline.ui.render import RenderOptions

        opts = RenderOptions(
            title=args.title,
            width=args.width,
            scale=args.scale,
            view_range=view_range,
            lanes=args.lanes,
            legend=not args.no_legend,
            sources=not args.no_sources,
        )
    n_events = len(corpus.events)
    for kind, out in outputs:
        try:
            if kind == "png":
                w, h = export.write_png(corpus, out, opts)
                note = f"{w}x{h} px, {n_events} events"
            elif kind == "svg":
                export.write_svg(corpus, out, opts)
                note = f"{n_events} events"
            elif kind == "pdf":
                pages = export.write_pdf(corpus, out, opts, args.page_size)
                note = f"{pages} page{'s' if pages != 1 else ''}, {n_events} events"
            else:
                n = export.write_timelinejs(corpus, out, args.title)
                note = f"{n} dated events"
        except export.ExportError as exc:
            _say(f"nktimeline export: {exc}")
            return 1
        _say(f"wrote {out} ({note})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # `nktimeline PATH...` means `nktimeline open PATH...`: argparse cannot mix a free
    # positional list with sub-commands, so insert the implicit command here.
    first = next((a for a in argv if not a.startswith("-")), None)
    wants_info = any(a in ("-h", "--help", "--version") for a in argv)
    if (first is None or first not in COMMANDS) and not wants_info:
        argv = ["open", *[a for a in argv if a != "--no-reference"]] + (
            ["--no-reference"] if "--no-reference" in argv else []
        )
    args = parser.parse_args(argv)
    commands = {"extract": cmd_extract, "timex": cmd_timex, "export": cmd_export}
    if args.command in commands:
        problem = _output_problem(args)
        if problem:
            _say(f"nktimeline {args.command}: {problem}")
            return 1
        try:
            return commands[args.command](args)
        except (OutputError, ProjectUnusable) as exc:
            _say(f"nktimeline {args.command}: {exc}")
            _silence_stdout()
            return 1
        except BrokenPipeError:  # the reader went away ("| head"): not an error to report
            _silence_stdout()
            return 1
        except KeyboardInterrupt:
            return 130
    # Qt aborts the process when it cannot open a window: say why first, and exit 1.
    from nktimeline.ui.preflight import display_problem, import_problem

    problem = display_problem()
    if problem is None:
        try:
            from nktimeline.ui.app import run_app
        except ImportError as exc:  # a system library of QtGui itself (libGL, libEGL)
            problem = import_problem(exc)
    if problem is not None:
        _say(f"nktimeline: {problem}")
        return 1
    return run_app(list(getattr(args, "paths", [])), use_reference=not args.no_reference)


def _output_problem(args: argparse.Namespace) -> str | None:
    """``cannot write OUT: the folder does not exist`` (say) for an output file that cannot
    be written, checked before any article is read; None when all look writable."""
    from nktimeline.output_path import output_problem

    for name in ("output", "png", "svg", "pdf", "timelinejs"):
        out = getattr(args, name, None)
        if isinstance(out, str) and out:
            why = output_problem(out)
            if why:
                return f"cannot write {out}: {why}"
    return None


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the interpreter's final flush
    cannot fail a second time (the recipe of Python's signal documentation)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
