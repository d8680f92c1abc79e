"""Command line: a thin shell over the same pipeline the app runs.

    python -m timeline_app extract FILE_OR_URL [--published YYYY-MM-DD] [--format json|csv|table|timeml]
                                        [--project NAME [--data-dir DIR]]
    python -m timeline_app story FILE_OR_URL... [--format json|csv|table] [--workers N] [--project NAME]
                                        [--data-dir DIR] [--no-cache]
    python -m timeline_app batch IN.jsonl|IN.jsonl.gz|FOLDER|'GLOB' -o OUT.jsonl [--workers N] [--dask ADDRESS|local]
                                        [--cache [--data-dir DIR]]
    python -m timeline_app batch IN.jsonl ... -o FOLDER --format timeml
    python -m timeline_app render FILE [FILE...] -o out.png|svg|pdf|html|csv|json|md [--width PX] [--height PX]
        [--view chart|list] [--from YYYY-MM-DD --to YYYY-MM-DD] [--workers N] [--data-dir DIR] [--no-cache]

Bad input never ends in a traceback: one clear line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from itertools import chain
from typing import TYPE_CHECKING, TypeVar

from .calendar_math import insane_date_message
from .ingest import InputError, read_path
from .model import Document, Event, Extraction
from .pipeline import extract_document
from .serialize import dumps_by_line, event_to_dict, extraction_to_dict, story_to_dict
from .store import StoreError, add_documents, open_store
from .story import ArticleSources, Story, StoryEvent, article_sources, build_story
from .timeml import to_timeml
from .values import human
from .when import format_when

if TYPE_CHECKING:
    from .extraction_cache import ExtractionCache

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70
BUG_LOG_ENV = "TIMELINE_APP_BUG_LOG"  # where engine bug reports (with tracebacks) go; default: the temp dir
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C


class CliError(Exception):
    """A problem the user can fix; its message is printed as is."""


def _published(value: str | None) -> date | None:
    return _day_arg(value, "--published")


def _is_link(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _load(path: str, published: date | None) -> Document:
    if _is_link(path):
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


_Row = TypeVar("_Row", Event, StoryEvent)


def _printed_table(head: list[str], events: Sequence[_Row], label: Callable[[_Row], str],
                   below: Callable[[_Row], list[str]]) -> str:
    """The terminal table of ``extract`` and ``story``: per event its dates, certainty and ``label``,
    then the ``below`` lines (where it came from) indented under it."""
    lines = list(head)
    for e in events:
        lines.append(f"{format_when(e):<28} {e.certainty:<11} {label(e)}")
        lines += [f"{'':<28} {line}" for line in below(e)]
    if not events:
        lines.append("no dated events found")
    return "\n".join(lines) + "\n"


def _table(x: Extraction) -> str:
    doc = x.document
    head = [f"published: {doc.published.isoformat() if doc.published else 'unknown'}"
            + (f" ({doc.published_source})" if doc.published_source else "")]
    head += [f"warning: {w}" for w in x.warnings]
    return _printed_table(head, x.events, lambda e: e.label, lambda e: [f"{'':<11} ↳ {e.explanation}"])


def _extracted(doc: Document, path: str) -> Extraction:
    """One article through the pipeline; an engine bug (already logged) is this article's error line."""
    x = extract_document(doc)
    if x.error:
        raise CliError(f"{path}: {x.error} (details in {_bug_log()})")
    return x


def _bug_log() -> Path:
    """The file engine bug reports go to: the terminal keeps its one-line promise."""
    path = Path(os.environ.get(BUG_LOG_ENV) or Path(tempfile.gettempdir()) / "timeline_app-bugs.log").resolve()
    logger = logging.getLogger("timeline_app.pipeline")
    if not any(getattr(h, "baseFilename", None) == str(path) for h in logger.handlers):
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    return path


def _save_to_project(docs: Sequence[Document], name: str, data_dir: str | None) -> None:
    """Add the articles to a saved project (created if new), as the app would; says so on stderr."""
    store = open_store(data_dir)
    project = store.open_or_create(name)
    added = add_documents(project, docs)
    store.remember(project)
    print(f"project “{project.name}”: {len(added)} article(s) added, {len(docs) - len(added)} already there "
          f"({store.path})", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    x = _extracted(_load(args.file, _published(args.published)), args.file)
    if args.project:
        _save_to_project([x.document], args.project, args.data_dir)
    if args.format == "json":
        sys.stdout.write(json.dumps(extraction_to_dict(x), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_events_csv(x.events))
    elif args.format == "timeml":
        sys.stdout.write(to_timeml(x))
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
    name = {d.id: d.title or d.source or d.id for d in story.documents}
    head = [f"{d.id}: {name[d.id]} (published {d.published.isoformat() if d.published else 'unknown'})"
            for d in story.documents]

    def label(e: StoryEvent) -> str:
        mark = " CONFLICT: " + " or ".join(f"{human(a.start, a.granularity)} ({', '.join(name[d] for d in a.doc_ids)})"
                                           for a in e.conflict.alternatives) if e.open_conflict and e.conflict else ""
        return f"{e.label} [{len(e.doc_ids)} source(s)]{mark}"

    def sources(e: StoryEvent) -> list[str]:
        return [f"↳ {name[s.doc_id]}, {human(s.start, s.granularity)}: {' '.join(s.sentence.split())[:120]}"
                for s in e.sources]

    return _printed_table(head, story.events, label, sources)


def _story_document(item: str) -> Document:
    return _load(item, None)


def _render_document(path: str, published: date | None) -> Document:
    return _named(_load(path, published), path)


T = TypeVar("T")


def _worked(kind: str, load: Callable[[str], Document], items: Sequence[str], args: argparse.Namespace,
            work: Callable[[list[Extraction], Mapping[str, ArticleSources]], T], expect: type,
            meanwhile: Callable[[], None] = lambda: None,
            prepare: Callable[[Extraction], ArticleSources] = article_sources) -> T:
    """``work`` (the merge, the chart's events) on the articles' extractions, done once: kept in
    the data directory (extraction_cache.py) unless ``--no-cache``. A warm run (its first article
    cached) reads every article, and when the answer for them is kept, loads no extraction at all.
    Each article's own part of the merge (``prepare``: story.article_sources) is made as soon as
    its extraction is there, while the workers extract the others, and handed to ``work`` by
    document id.

    ``meanwhile`` runs while the workers extract, once they are forked (a thread started
    before would make the pool start them afresh, importing everything again), or, in a warm
    run, while the articles are read."""
    from .extraction_cache import ExtractionCache, StoryCache

    missing = next((item for item in items if not _is_link(item) and not Path(item).is_file()), None)
    if missing is not None:  # before any process or browser starts
        raise CliError(f"{missing}: no such file")
    waited = [meanwhile]  # run once

    def now() -> None:
        if waited:
            waited.pop()()

    prepared: dict[str, ArticleSources] = {}

    def ready(x: Extraction) -> None:
        prepared[x.document.id] = prepare(x)

    if args.no_cache:
        return work(_extract_all((load(item) for item in items), items, args, None, now, ready), prepared)
    store = ExtractionCache.in_data_dir(args.data_dir)
    answers = StoryCache.in_data_dir(args.data_dir, kind)
    reading = (load(item) for item in items)
    docs: list[Document] = [next(reading)] if items else []
    if docs and store.has(docs[0]):  # warm: the answer itself may be kept
        now()
        docs += reading
        found = answers.get(docs, expect)
        if found is not None:
            return found  # type: ignore[no-any-return]
        todo: Iterable[Document] = docs
    else:  # cold: read the others while the first ones are extracted (and keep them for the answer's key)
        todo = chain(docs[:1], (docs.append(doc) or doc for doc in reading))
    extractions = _extract_all(todo, items, args, store, now, ready)
    answer = work(extractions, prepared)
    answers.put(docs, extractions, answer)
    return answer


def _extract_all(documents: Iterable[Document], items: Sequence[str], args: argparse.Namespace,
                 store: ExtractionCache | None, now: Callable[[], None],
                 ready: Callable[[Extraction], None]) -> list[Extraction]:
    """Each article extracted, in order: from ``store`` when it has it, the others on every core
    (batch's pool), since extraction is most of the time of a story or a chart of thousands of
    articles. ``now`` is called once the workers are forked (or at once without a pool), ``ready``
    with each extraction as it is there."""
    from .batch import CHUNK_ARTICLES, map_many, workers_for
    from .extraction_cache import extract_all, extract_entry

    def extract(docs: Iterable[Document], count: int) -> Iterator[tuple[bytes | None, Extraction | None]]:
        processes = workers_for(count, args.workers)
        chunk = max(1, min(CHUNK_ARTICLES, -(-count // (4 * processes))))  # a few chunks per process, at least
        if processes == 1:
            now()
        merging = processes > 1 and len(set(items)) > 1
        for result in map_many(extract_entry, docs, processes, chunk=chunk, weight=lambda doc: len(doc.text)):
            if merging:
                merging = False
                _load_merge()  # the merge will need it: imported while the workers extract, not after
            now()
            yield result

    done = extract_all(documents, len(items), store, extract, ready)
    now()
    return done


def _load_merge() -> None:
    """Import what the merge needs (the TF-IDF of similarity.py: scipy's sparse matrices, about
    0.4 CPU-s) on a thread while the workers extract, instead of after."""
    def load() -> None:
        try:
            import scipy.sparse  # noqa: F401 - only to have it imported
        except ImportError:  # the merge says so itself
            pass

    threading.Thread(target=load, name="load-merge", daemon=True).start()


def cmd_story(args: argparse.Namespace) -> int:
    story = _worked("story", _story_document, args.inputs, args,
                    lambda xs, prepared: build_story(xs, prepared=prepared), Story)
    if args.project:
        _save_to_project(story.documents, args.project, args.data_dir)
    if args.format == "json":
        sys.stdout.write(dumps_by_line(story_to_dict(story)) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_story_csv(story))
    else:
        sys.stdout.write(_story_table(story))
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
    timeml_dir = Path(args.output) if args.format == "timeml" else None
    if timeml_dir is not None:  # a folder of .tml files; the error lines go to errors.jsonl in it
        timeml_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open(timeml_dir / "errors.jsonl" if timeml_dir else args.output, "w", encoding="utf-8",
                  newline="\n") as out:
            summary = run_batch(args.input, out, workers=workers, dask=args.dask, timeml_dir=timeml_dir,
                                cache=_batch_cache(args))
    except BatchError as exc:
        raise CliError(str(exc)) from None
    for line in summary.lines(how):
        print(line, file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_BAD_INPUT if summary.errors else 0


def _batch_cache(args: argparse.Namespace) -> ExtractionCache | None:
    """With ``--cache``, the data directory's extraction cache, filled as the articles are done."""
    if not args.cache:
        return None
    from .extraction_cache import ExtractionCache

    return ExtractionCache.in_data_dir(args.data_dir)


def _day_arg(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{flag} must be a date like 2012-01-26, not {value!r}") from None
    if problem := insane_date_message(day, flag):
        raise CliError(problem)
    return day


def cmd_render(args: argparse.Namespace) -> int:
    with ExitStack() as session:
        def prepare() -> None:  # while the articles are extracted: load plotly, start the browser for an image
            from .export import IMAGE_FORMATS, browser_session, export_kind

            if export_kind(Path(args.output)).lstrip(".") in IMAGE_FORMATS:
                session.enter_context(browser_session(in_background=True))

        return _render(args, prepare)


def _chart_events(paths: Sequence[str], extractions: list[Extraction], prepared: Mapping[str, ArticleSources]
                  ) -> tuple[tuple[Document, ...], tuple[Event, ...]]:
    """The documents and the events the chart draws: one per happening, as the app draws several
    articles; ``prepared`` holds the articles' parts of the merge (made by :func:`_chart_sources`)."""
    from .model import Timeline

    for path, x in zip(paths, extractions):
        if x.error:
            raise CliError(f"{path}: {x.error} (details in {_bug_log()})")
    timeline = Timeline(tuple(extractions))
    events = timeline.events
    if len({d.id for d in timeline.documents}) > 1:
        from .story_events import story_input, story_timeline

        merged = build_story(story_input(extractions, events), prepared=prepared)
        events = story_timeline(merged, events, timeline.documents).events
    return timeline.documents, events


def _chart_sources(x: Extraction) -> ArticleSources:
    """An article's part of the chart's merge: of the article as :func:`_chart_events` gives it to
    the story (its events in the chronology's order), so the merge can use it."""
    from .model import Timeline
    from .story_events import story_input

    return article_sources(story_input([x], Timeline((x,)).events)[0])


def _render(args: argparse.Namespace, prepare: Callable[[], None]) -> int:
    published = _published(args.published)
    docs, events = _worked("chart", partial(_render_document, published=published), args.files, args,
                           partial(_chart_events, args.files), tuple, prepare, _chart_sources)
    from .export import ExportError, View, write_export  # plotly and kaleido load only when rendering

    first, last = _day_arg(args.date_from, "--from"), _day_arg(args.date_to, "--to")
    days = [d for e in events for d in (e.start, e.end)]
    if (first or last) and days:
        first = first or min(_as_date(d) for d in days)
        last = last or max(_as_date(d) for d in days)
    if first and last and first > last:
        raise CliError("--from must not be after --to")
    for flag, value in (("--width", args.width), ("--height", args.height)):
        if value is not None and not 200 <= value <= 8000:
            raise CliError(f"{flag} must be between 200 and 8000 pixels")
    title = args.title or (docs[0].title if len(docs) == 1 else None) or f"Timeline of {len(docs)} articles"
    view = View(title=title, color_by="source" if len(docs) > 1 else "certainty",
                period=(first, last) if first and last else None, width=args.width, height=args.height,
                kind=args.view)
    try:
        write_export(list(events), list(docs), Path(args.output), view=view)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except Exception:  # noqa: BLE001 - a drawing bug is one error line, its traceback logged
        logging.getLogger("timeline_app.pipeline").exception("bug: rendering %s failed", args.output)
        raise CliError(f"{args.output}: the timeline could not be drawn because of a bug; it has been logged "
                       f"(details in {_bug_log()})") from None
    print(f"wrote {args.output} ({len(events)} events from {len(docs)} article"
          f"{'s' * (len(docs) != 1)})", file=sys.stderr)
    return 0


def add_project_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--project", metavar="NAME", help="also add the article(s) to this saved project")
    add_data_dir_argument(p)


def add_data_dir_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR",
                   help="where projects and the cache of extractions and stories are kept "
                        "(default: $TIMELINE_APP_DATA_DIR, else ~/.local/share/timeline_app)")


def add_cache_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-cache", action="store_true",
                   help="extract and merge afresh: neither read nor write the data directory's cache of "
                        "extractions and stories (keyed by each article's text and date and the engine's version)")


def _named(doc: Document, path: str) -> Document:
    """A document is called by its headline rather than its file name, as in the app."""
    return replace(doc, source=None) if doc.title and doc.source == Path(path).name else doc


def _as_date(point: date) -> date:
    return point.date() if isinstance(point, datetime) else point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline_app", description="Find and resolve dates in news articles.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="dates and events of one article (a file or a link)")
    p.add_argument("file", metavar="FILE_OR_URL")
    p.add_argument("--published", help="publication date YYYY-MM-DD (default: detected from the article)")
    p.add_argument("--format", choices=["json", "csv", "table", "timeml"], default="json",
                   help="timeml: the article with inline TIMEX3 tags (TempEval-3)")
    add_project_arguments(p)
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("story", help="merge several articles (files or links) into one chronology")
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_URL")
    p.add_argument("--format", choices=["json", "csv", "table"], default="json")
    p.add_argument("--workers", type=_workers, default=None, help="processes for many articles (default: the cores)")
    add_project_arguments(p)
    add_cache_argument(p)
    p.set_defaults(run=cmd_story)
    p = sub.add_parser("batch", help="many articles: JSON Lines, a folder or a glob, in parallel")
    p.add_argument("input", help='JSON Lines (.jsonl, .jsonl.gz) of {"id": ..., "text": ..., "published": '
                                 '"YYYY-MM-DD" or null}, or a folder or quoted glob of article files')
    p.add_argument("-o", "--output", required=True, help="JSON Lines, one line per article, in input order "
                                                         "(with --format timeml: a folder)")
    p.add_argument("--format", choices=["jsonl", "timeml"], default="jsonl",
                   help="timeml: one NNNNNN-<id>.tml per article in the -o folder, errors in its errors.jsonl")
    p.add_argument("--workers", type=_workers, default=None, help="processes (default: the cores available)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler (tcp://host:8786) or 'local'")
    p.add_argument("--cache", action="store_true",
                   help="also keep each extraction in the data directory's cache (about 4 KB an article), so "
                        "story and render over the same article files extract nothing; the output is the same")
    add_data_dir_argument(p)
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
    p.add_argument("--workers", type=_workers, default=None, help="processes for many articles (default: the cores)")
    add_data_dir_argument(p)
    add_cache_argument(p)
    p.set_defaults(run=cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _bug_log()
    try:
        return int(args.run(args))
    except (CliError, InputError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        print(f"error: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
