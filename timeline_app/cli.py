"""Command line: a thin shell over the same pipeline the app runs.

    python -m timeline_app extract FILE [--published YYYY-MM-DD] [--format json|csv|table]
    python -m timeline_app batch IN.jsonl -o OUT.jsonl
    python -m timeline_app render FILE [FILE...] -o out.png|svg|pdf|html|csv|json|md [--width PX] [--height PX]
        [--view chart|list] [--from YYYY-MM-DD --to YYYY-MM-DD]

Bad input never ends in a traceback: one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from .ingest import InputError, read_path
from .model import Document, Event, Extraction
from .pipeline import extract_document
from .serialize import event_to_dict, extraction_to_dict
from .values import human

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class CliError(Exception):
    """A problem the user can fix; its message is printed as is."""


def _published(value: str | None) -> date | None:
    return _day_arg(value, "--published")


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


def _batch_lines(handle: IO[str]) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Parsed input lines, or the reason a line is unusable."""
    for n, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"line {n}: not JSON ({exc.msg})"
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield n, None, f"line {n}: expected an object with a \"text\" string"
            continue
        yield n, item, None


def _batch_document(n: int, item: dict[str, Any]) -> Document:
    published = item.get("published")
    if published is not None and not isinstance(published, str):
        raise CliError(f"line {n}: \"published\" must be YYYY-MM-DD or null")
    try:
        pub = date.fromisoformat(published) if published else None
    except ValueError:
        raise CliError(f"line {n}: \"published\" must be YYYY-MM-DD or null, not {published!r}") from None
    doc_id = str(item.get("id", n))
    return Document(item["text"], pub, "given" if pub else None, id=doc_id)


class _Progress:
    """A one-line progress counter on stderr, only when a person is watching."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty()
        self.started = time.perf_counter()

    def update(self, done: int) -> None:
        if self.enabled:
            rate = done / max(time.perf_counter() - self.started, 1e-9)
            sys.stderr.write(f"\r{done}/{self.total} documents ({rate:.0f}/s)")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def cmd_batch(args: argparse.Namespace) -> int:
    source = Path(args.input)
    if not source.is_file():
        raise CliError(f"{args.input}: no such file")
    try:
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        raise CliError(f"{args.input}: not UTF-8 text (JSON Lines must be UTF-8)") from None
    problems: list[str] = []
    progress = _Progress(sum(1 for line in lines if line.strip()))
    with open(args.output, "w", encoding="utf-8") as out:
        for done, (n, item, problem) in enumerate(_batch_lines(io.StringIO("".join(lines))), start=1):
            if problem or item is None:
                problems.append(problem or f"line {n}: unusable")
            else:
                try:
                    doc = _batch_document(n, item)
                except CliError as exc:
                    problems.append(str(exc))
                else:
                    x = extract_document(doc)
                    out.write(json.dumps(extraction_to_dict(x, doc_id=doc.id), ensure_ascii=False) + "\n")
            progress.update(done)
    progress.close()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return EXIT_BAD_INPUT if problems else 0


def _day_arg(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{flag} must be a date like 2012-01-26, not {value!r}") from None


def cmd_render(args: argparse.Namespace) -> int:
    from .export import ExportError, View, write_export  # plotly and kaleido load only when rendering
    from .model import Timeline

    published = _published(args.published)
    extractions = [extract_document(_named(_load(path, published), path)) for path in args.files]
    timeline = Timeline(tuple(extractions))
    first, last = _day_arg(args.date_from, "--from"), _day_arg(args.date_to, "--to")
    days = [d for e in timeline.events for d in (e.start, e.end)]
    if (first or last) and days:
        first = first or min(_as_date(d) for d in days)
        last = last or max(_as_date(d) for d in days)
    if first and last and first > last:
        raise CliError("--from must not be after --to")
    for flag, value in (("--width", args.width), ("--height", args.height)):
        if value is not None and not 200 <= value <= 8000:
            raise CliError(f"{flag} must be between 200 and 8000 pixels")
    docs = timeline.documents
    title = args.title or (docs[0].title if len(docs) == 1 else None) or f"Timeline of {len(docs)} articles"
    view = View(title=title, color_by="source" if len(docs) > 1 else "certainty",
                period=(first, last) if first and last else None, width=args.width, height=args.height,
                kind=args.view)
    try:
        write_export(list(timeline.events), list(docs), Path(args.output), view=view)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {args.output} ({len(timeline.events)} events from {len(docs)} article"
          f"{'s' * (len(docs) != 1)})", file=sys.stderr)
    return 0


def _named(doc: Document, path: str) -> Document:
    """A document is called by its headline rather than its file name, as in the app."""
    return replace(doc, source=None) if doc.title and doc.source == Path(path).name else doc


def _as_date(point: date) -> date:
    return point.date() if isinstance(point, datetime) else point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline_app", description="Find and resolve dates in news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="dates and events of one article")
    p.add_argument("file")
    p.add_argument("--published", help="publication date YYYY-MM-DD (default: detected from the article)")
    p.add_argument("--format", choices=["json", "csv", "table"], default="json")
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("batch", help="many articles as JSON Lines")
    p.add_argument("input", help='JSON Lines: {"id": ..., "text": ..., "published": "YYYY-MM-DD" or null}')
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(run=cmd_batch)
    p = sub.add_parser("render", help="draw the articles' chronology to an image, a page or a data file")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", required=True,
                   help="timeline.png, .svg, .pdf, .html, .csv, .json, .timelinejs.json, .md")
    p.add_argument("--published", help="publication date YYYY-MM-DD for every file (default: detected)")
    p.add_argument("--title")
    p.add_argument("--width", type=int, help="image width in pixels (default 1920)")
    p.add_argument("--height", type=int, help="image height in pixels (default 16:9 of the width)")
    p.add_argument("--view", choices=["chart", "list"], default="chart",
                   help="list: .html/.csv/.md files are the chronology list")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="zoom to a period starting here")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="zoom to a period ending here")
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
