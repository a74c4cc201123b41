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
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
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
        help="render the timeline to a PNG without opening a window",
        description="Render the timeline of the given articles (default: the seeds) to a PNG.",
    )
    xp.add_argument("--png", required=True, metavar="OUT.png", help="output PNG path")
    xp.add_argument("--width", type=int, default=1800, help="image width in pixels at 1x")
    xp.add_argument("--scale", type=float, default=1.0, help="pixel scale (1, 2, 3...)")
    xp.add_argument("--title", help="title printed above the timeline")
    xp.add_argument(
        "--no-reference", action="store_true", help="do not use the reference chronology"
    )
    xp.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    return parser


def _write_text(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)


def cmd_extract(args: argparse.Namespace) -> int:
    from nktimeline.export import CSV_COLUMNS, csv_rows
    from nktimeline.pipeline import load_corpus

    corpus = load_corpus(args.paths, use_reference=not args.no_reference)
    for err in corpus.errors:
        print(f"nktimeline: {err.path}: {err.message}", file=sys.stderr)
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


def cmd_timex(args: argparse.Namespace) -> int:
    if args.jsonl:
        status = 0
        for lineno, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                dct = _parse_date(item["dct"]) if item.get("dct") else None
                out = {"id": item.get("id"), "timexes": _timexes_json(item["text"], dct)}
            except (ValueError, KeyError, TypeError, argparse.ArgumentTypeError) as exc:
                out = {"id": None, "timexes": [], "error": f"line {lineno}: {exc}"}
                status = 1
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return status
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            # newline="" keeps offsets identical to the bytes as written
            with open(args.file, encoding="utf-8", errors="replace", newline="") as fh:
                text = fh.read()
        except OSError as exc:
            print(f"nktimeline timex: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
    json.dump(_timexes_json(text, args.dct), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from nktimeline.export import render_png
    from nktimeline.paths import seed_files
    from nktimeline.pipeline import load_corpus

    paths = args.paths or [str(p) for p in seed_files()]
    corpus = load_corpus(paths, use_reference=not args.no_reference)
    for err in corpus.errors:
        print(f"nktimeline: {err.path}: {err.message}", file=sys.stderr)
    if not corpus.articles:
        print("nktimeline export: no article could be loaded", file=sys.stderr)
        return 1
    if args.width < 200 or args.scale <= 0 or args.scale > 8:
        print("nktimeline export: --width must be >= 200 and --scale in (0, 8]", file=sys.stderr)
        return 2
    w, h = render_png(corpus, args.png, width=args.width, scale=args.scale, title=args.title)
    print(f"wrote {args.png} ({w}x{h} px, {len(corpus.events)} events)", file=sys.stderr)
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
    if args.command == "extract":
        return cmd_extract(args)
    if args.command == "timex":
        return cmd_timex(args)
    if args.command == "export":
        return cmd_export(args)
    from nktimeline.ui.app import run_app

    return run_app(list(getattr(args, "paths", [])), use_reference=not args.no_reference)


if __name__ == "__main__":
    sys.exit(main())
