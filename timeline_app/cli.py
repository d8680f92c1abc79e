"""Command line: a thin shell over the same pipeline the app runs.

    python -m timeline_app extract FILE_OR_URL [--published YYYY-MM-DD] [--format json|csv|table]
    python -m timeline_app story FILE_OR_URL... [--format json|csv|table]
    python -m timeline_app batch IN.jsonl -o OUT.jsonl
    python -m timeline_app render FILE -o timeline.png|svg|pdf|html

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
from datetime import date
from pathlib import Path
from typing import IO, Any

from .ingest import InputError, read_path
from .model import Document, Event, Extraction
from .pipeline import extract_document
from .serialize import event_to_dict, extraction_to_dict, story_to_dict
from .story import Story, build_story
from .values import human

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


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
    if path.lower().startswith(("http://", "https://")):
        from .webpage import read_url  # trafilatura and htmldate load only for links

        return read_url(path, published=published)
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


def _story_csv(story: Story) -> str:
    """One row per source: the merged event's date and label beside each article's sentence and date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["event_id", "start", "end", "granularity", "label", "certainty", "conflict", "doc_id",
                     "source_start", "source_end", "sentence"])
    for e in story.events:
        conflict = " | ".join(f"{a.start.isoformat()}/{a.end.isoformat()}" for a in e.conflict.alternatives) \
            if e.open_conflict and e.conflict else ""
        for s in e.sources:
            writer.writerow([e.id, e.start.isoformat(), e.end.isoformat(), e.granularity, e.label, e.certainty,
                             conflict, s.doc_id, s.start.isoformat(), s.end.isoformat(), " ".join(s.sentence.split())])
    return out.getvalue()


def _story_table(story: Story) -> str:
    lines = [f"{d.id}: {d.title or d.source or ''} (published {d.published.isoformat() if d.published else 'unknown'})"
             for d in story.documents]
    for e in story.events:
        when = human(e.start, e.granularity) + (" – " + human(e.end, e.granularity) if e.end != e.start else "")
        mark = " CONFLICT: " + " or ".join(f"{human(a.start, a.granularity)} ({', '.join(a.doc_ids)})"
                                           for a in e.conflict.alternatives) if e.open_conflict and e.conflict else ""
        lines.append(f"{when:<28} {e.certainty:<11} {e.label} [{len(e.doc_ids)} source(s)]{mark}")
        lines += [f"{'':<28} ↳ {s.doc_id}, {human(s.start, s.granularity)}: {' '.join(s.sentence.split())[:120]}"
                  for s in e.sources]
    if not story.events:
        lines.append("no dated events found")
    return "\n".join(lines) + "\n"


def cmd_story(args: argparse.Namespace) -> int:
    story = build_story([extract_document(_load(item, None)) for item in args.inputs])
    if args.format == "json":
        sys.stdout.write(json.dumps(story_to_dict(story), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_story_csv(story))
    else:
        sys.stdout.write(_story_table(story))
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
    p = sub.add_parser("extract", help="dates and events of one article (a file or a link)")
    p.add_argument("file", metavar="FILE_OR_URL")
    p.add_argument("--published", help="publication date YYYY-MM-DD (default: detected from the article)")
    p.add_argument("--format", choices=["json", "csv", "table"], default="json")
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("story", help="merge several articles (files or links) into one chronology")
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_URL")
    p.add_argument("--format", choices=["json", "csv", "table"], default="json")
    p.set_defaults(run=cmd_story)
    p = sub.add_parser("batch", help="many articles as JSON Lines")
    p.add_argument("input", help='JSON Lines: {"id": ..., "text": ..., "published": "YYYY-MM-DD" or null}')
    p.add_argument("-o", "--output", required=True)
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
