"""Command line: a thin shell over the same pipeline the app runs.

    python -m timeline_app extract FILE [--published YYYY-MM-DD] [--format json|csv|table]
    python -m timeline_app batch IN.jsonl|IN.jsonl.gz|FOLDER|'GLOB' -o OUT.jsonl [--workers N] [--dask ADDRESS|local]
    python -m timeline_app render FILE -o timeline.png|svg|pdf|html

Bad input never ends in a traceback: one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from .ingest import InputError, read_path
from .model import Document, Event, Extraction
from .pipeline import extract_document
from .serialize import event_to_dict, extraction_to_dict
from .values import human

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C


class CliError(Exception):
    """A problem the user can fix; its message is printed as is."""


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"--published must be a date like 2012-01-26, not {value!r}") from None


def _load(path: str, published: date | None) -> Document:
    if not Path(path).is_file():
        raise CliError(f"{path}: no such file")
    doc = read_path(path)
    if published is not None:
        doc = replace(doc, published=published, published_source="given")
    return doc


def _events_csv(events: Sequence[Event]) -> str:
    out = io.StringIO()
    rows = [event_to_dict(e) for e in events]
    fields = list(rows[0]) if rows else ["id", "start", "end", "granularity", "label", "certainty", "explanation"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _table(x: Extraction) -> str:
    doc = x.document
    lines = [f"published: {doc.published.isoformat() if doc.published else 'unknown'}"
             + (f" ({doc.published_source})" if doc.published_source else "")]
    lines += [f"warning: {w}" for w in x.warnings]
    for e in x.events:
        when = human(e.start, e.granularity)
        if e.end != e.start:
            when += " – " + human(e.end, e.granularity)
        lines.append(f"{when:<28} {e.certainty:<11} {e.label}")
        lines.append(f"{'':<28} {'':<11} ↳ {e.explanation}")
    if not x.events:
        lines.append("no dated events found")
    return "\n".join(lines) + "\n"


def cmd_extract(args: argparse.Namespace) -> int:
    x = extract_document(_load(args.file, _published(args.published)))
    if args.format == "json":
        sys.stdout.write(json.dumps(extraction_to_dict(x), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_events_csv(x.events))
    else:
        sys.stdout.write(_table(x))
    return 0


def _workers(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        workers = 0
    if workers < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of processes, 1 or more, not {value!r}")
    return workers


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import BatchError, default_workers, run_batch

    workers = args.workers or default_workers()
    how = f"dask {args.dask}" if args.dask else f"{workers} worker{'s' if workers > 1 else ''}"
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            summary = run_batch(args.input, out, workers=workers, dask=args.dask)
    except BatchError as exc:
        raise CliError(str(exc)) from None
    for line in summary.lines(how):
        print(line, file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_BAD_INPUT if summary.errors else 0


def cmd_render(args: argparse.Namespace) -> int:
    from .export import ExportError, write_export  # plotly and kaleido load only when rendering

    x = extract_document(_load(args.file, _published(args.published)))
    try:
        write_export(list(x.events), [x.document], Path(args.output), title=args.title or x.document.title)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {args.output} ({len(x.events)} events)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline_app", description="Find and resolve dates in news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="dates and events of one article")
    p.add_argument("file")
    p.add_argument("--published", help="publication date YYYY-MM-DD (default: detected from the article)")
    p.add_argument("--format", choices=["json", "csv", "table"], default="json")
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("batch", help="many articles: JSON Lines, a folder or a glob, in parallel")
    p.add_argument("input", help='JSON Lines (.jsonl, .jsonl.gz) of {"id": ..., "text": ..., "published": '
                                 '"YYYY-MM-DD" or null}, or a folder or quoted glob of article files')
    p.add_argument("-o", "--output", required=True, help="JSON Lines, one line per article, in input order")
    p.add_argument("--workers", type=_workers, default=None, help="processes (default: the cores available)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler (tcp://host:8786) or 'local'")
    p.set_defaults(run=cmd_batch)
    p = sub.add_parser("render", help="draw an article's timeline to an image or HTML file")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="timeline.png, .svg, .pdf, .html, .csv, .json")
    p.add_argument("--published")
    p.add_argument("--title")
    p.set_defaults(run=cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (CliError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        print(f"error: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
