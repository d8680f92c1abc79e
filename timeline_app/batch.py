"""Many articles at once: streamed in, extracted in parallel chunks, streamed out in order.

Why chunks: one task per article pays the process (or Dask) round trip per article,
about 2.4 ms on a cluster; 64-128 articles per task make it negligible. Why a bounded
window of chunks in flight: memory stays flat whatever the input size, because the
reader never gets more than a few chunks ahead of the writer.

Inputs are JSON Lines (``.jsonl``, ``.jsonl.gz``: ``{"id", "text", "published"}`` per
line) or a folder or glob of article files read as the app reads them. Every input line
or file gives exactly one output line, in input order: the extraction, or
``{"id", "error"}`` when the article cannot be read or extraction fails. The same chunk
function runs in this process (``workers=1``), in a process pool or on Dask, so the
output is byte-identical whichever runs it.
"""

from __future__ import annotations

import glob
import gzip
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar

from .extraction_cache import ExtractionCache, document_key, entry_bytes
from .identity import document_id
from .ingest import _EXTENSIONS as FILE_KINDS
from .ingest import MAX_BYTES, InputError, read_path
from .model import Document, Extraction
from .pipeline import extract_document
from .serialize import extraction_to_dict
from .timeml import to_timeml

CHUNK_ARTICLES = 128  # per task: hides the ~2.4 ms round trip per task, still small enough to keep workers busy
CHUNK_BYTES = 2 * 1024 * 1024  # ... and a cap, so a chunk of long articles stays small in memory
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: one running, one waiting
# A Dask task costs about 20 ms of CPU in the client (which also runs a LocalCluster's scheduler)
# and the worker, whatever its size, against about 1 ms for the pool's (measured with chunks that
# do nothing: 64 chunks of 128 articles 1.8-2.0 CPU-s in the client and 1.25-1.4 in the workers,
# 16 of 512 1.1-1.3 and 0.9-1.0). So after the first chunks, which get every worker going at
# once, Dask's chunks are this many times larger.
DASK_CHUNK_GROWTH = 4
ARTICLE_SUFFIXES = frozenset(FILE_KINDS)  # what a folder's files may be: what the app reads
DASK_WORKERS_SECONDS = 60  # a scheduler with no worker after this long is an error, not a hang
ERRORS_SHOWN = 20  # on stderr; every error is in the output anyway

T = TypeVar("T")
R = TypeVar("R")


class BatchError(Exception):
    """The input as a whole cannot be used (missing, empty glob, corrupt archive)."""


class Task(NamedTuple):
    """One article to do: a raw JSON Lines line (bytes, or None when too long) or a file path."""

    number: int  # line number or file position, 1-based: names the article in error messages
    kind: str  # "line" or "file"
    payload: bytes | str | None
    doc_id: str | None = None


class Result(NamedTuple):
    """One output line (with its newline) and, for an error line, the error; with ``--format
    timeml``, the article's TimeML file instead of the line: (file name, document); with
    ``--cache``, the extraction's cache entry: (document key, entry)."""

    line: str
    error: str | None = None
    timeml: tuple[str, str] | None = None
    entry: tuple[str, bytes | None] | None = None


def default_workers() -> int:
    """The cores this process may run on (fewer than os.cpu_count() in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # macOS and Windows have no affinity call


# ---------------------------------------------------------------- reading

def result_line(line_id: str, x: Extraction) -> str:
    """One extraction as a batch output line: compact JSON, UTF-8 as is, newline-terminated.

    ``line_id`` is the caller's key (the line's "id" or the file's name); the document and its
    events are named by the text (identity.document_id), as in the app and the CLI."""
    return json.dumps(extraction_to_dict(x, doc_id=line_id), ensure_ascii=False) + "\n"


def error_line(doc_id: str, error: str) -> Result:
    return Result(json.dumps({"id": doc_id, "error": error}, ensure_ascii=False) + "\n", error)


class _WithId(InputError):
    """An unusable line whose id could still be read."""

    def __init__(self, doc_id: str, message: str) -> None:
        super().__init__(message)
        self.doc_id = doc_id


def _document(number: int, raw: bytes) -> tuple[str, Document]:
    """A JSON Lines line as its id and a Document; InputError says why it is unusable."""
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"line {number}: not UTF-8 text (JSON Lines must be UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(item, dict):
        raise InputError(f"line {number}: expected an object with a \"text\" string")
    doc_id = str(item.get("id", number))
    if not isinstance(item.get("text"), str):
        raise _WithId(doc_id, f"line {number}: expected an object with a \"text\" string")
    published = item.get("published")
    try:
        if published is not None and not isinstance(published, str):
            raise ValueError
        pub = date.fromisoformat(published) if published else None
    except ValueError:
        shown = f", not {published!r}" if isinstance(published, str) else ""
        raise _WithId(doc_id, f"line {number}: \"published\" must be YYYY-MM-DD or null{shown}") from None
    return doc_id, Document(item["text"], pub, "given" if pub else None, id=document_id(item["text"]))


def timeml_name(number: int, line_id: str) -> str:
    """A safe, unique file name for an article's TimeML: its position, then its id's plain characters."""
    plain = re.sub(r"[^A-Za-z0-9._-]+", "_", line_id).strip("._")[:80]
    return f"{number:06d}-{plain or 'article'}.tml"


def run_task(task: Task, timeml: bool = False, keep: bool = False) -> Result:
    """One article, start to finish; never raises for a bad article. With ``keep``, the result
    carries the extraction's cache entry too (made where the article was extracted, so the
    writer only stores it)."""
    line_id = task.doc_id or str(task.number)
    try:
        if task.kind == "file":
            doc = read_path(str(task.payload))
        elif task.payload is None:
            raise InputError(f"line {task.number}: longer than {MAX_BYTES // (1024 * 1024)} MB")
        else:
            line_id, doc = _document(task.number, task.payload)  # type: ignore[arg-type]
    except _WithId as exc:
        return error_line(exc.doc_id, str(exc))
    except InputError as exc:
        return error_line(line_id, str(exc))
    try:
        x = extract_document(doc)
        entry = (document_key(doc), entry_bytes(x)) if keep else None
        if timeml:
            return Result("", timeml=(timeml_name(task.number, line_id), to_timeml(x)), entry=entry)
        return Result(result_line(line_id, x), entry=entry)
    except Exception as exc:  # noqa: BLE001 - one bad article never stops the batch
        return error_line(line_id, f"extraction failed ({type(exc).__name__}: {exc})")


def run_chunk(tasks: list[Task], timeml: bool = False, keep: bool = False) -> list[Result]:
    """The unit of parallel work: the same function in-process, in a pool and on Dask."""
    return [run_task(task, timeml, keep) for task in tasks]


def _lines(handle: IO[bytes], limit: int = MAX_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """Numbered non-blank lines; a line longer than ``limit`` is skipped in pieces and given as None."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        elif raw.strip():
            yield number, raw


def _open_lines(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115 - caller closes


def _article_files(source: str) -> list[tuple[Path, str]] | None:
    """(path, id) of every article of a folder or glob, sorted; None when ``source`` is one file."""
    path = Path(source)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        if not found:
            raise BatchError(f"{source}: no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in this folder")
        return [(p, p.relative_to(path).as_posix()) for p in found]
    if path.is_file():
        return None
    if glob.has_magic(source):
        matched = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not matched:
            raise BatchError(f"{source}: no file matches this pattern")
        return [(p, p.as_posix()) for p in matched]
    raise BatchError(f"{source}: no such file or folder")


@dataclass
class Source:
    """The input's tasks, read lazily, and how to count them (for the progress bar)."""

    tasks: Iterator[Task]
    count: Callable[[], int]


def open_source(source: str) -> Source:
    """Tasks of a JSON Lines file (``.gz`` too), a folder or a glob; BatchError if unusable."""
    files = _article_files(source)
    if files is not None:
        return Source((Task(n, "file", str(p), doc_id) for n, (p, doc_id) in enumerate(files, start=1)),
                      lambda: len(files))
    path = Path(source)

    def tasks() -> Iterator[Task]:
        with _open_lines(path) as handle:
            try:
                for number, raw in _lines(handle):
                    yield Task(number, "line", raw)
            except (EOFError, gzip.BadGzipFile, OSError) as exc:
                raise BatchError(f"{source}: cannot read on ({exc})") from None

    def count() -> int:
        with _open_lines(path) as handle:
            return sum(1 for _ in _lines(handle))

    return Source(tasks(), count)


def chunked(items: Iterable[T], size: int = CHUNK_ARTICLES, max_bytes: int = CHUNK_BYTES,
            weight: Callable[[T], int] = lambda _: 0, first: int | None = None, growth: int = 1) -> Iterator[list[T]]:
    """Consecutive chunks of at most ``size`` items and (after the first item) ``max_bytes``; with
    ``first``, the chunks after the first ``first`` ones ``growth`` times larger (both bounds)."""
    chunk: list[T] = []
    held = made = 0
    for item in items:
        chunk.append(item)
        held += weight(item)
        scale = growth if first is not None and made >= first else 1
        if len(chunk) >= size * scale or held >= max_bytes * scale:
            yield chunk
            chunk, held, made = [], 0, made + 1
    if chunk:
        yield chunk


def _task_bytes(task: Task) -> int:
    return len(task.payload) if isinstance(task.payload, bytes) else 0


# ---------------------------------------------------------------- running

class _Done:
    """A finished 'future' for the in-process runner, so every runner shares one loop."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


Submit = Callable[[Callable[[list[Any]], list[Any]], list[Any]], Any]


class Runner(NamedTuple):
    """How to start a chunk, how many chunks may be in flight at once, and how much larger than
    the first ``window`` chunks the later ones should be (``DASK_CHUNK_GROWTH`` for Dask)."""

    submit: Submit
    window: int
    growth: int = 1

    def chunks(self, items: Iterable[T], size: int, weight: Callable[[T], int] = lambda _: 0) -> Iterator[list[T]]:
        return chunked(items, size, CHUNK_BYTES, weight, first=self.window, growth=self.growth)


def _warm_up() -> None:
    """Compile the rules once before forking, so pool workers inherit them instead of each compiling."""
    extract_document(Document("On Monday, May 5, 2001, it rained for two days.", date(2001, 5, 8), "given"))


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork (the workers inherit the compiled rules) unless this process runs threads (the app
    does): forking those can deadlock, so then a fork server starts clean workers."""
    if threading.active_count() > 1 and "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context()


def _ignore_interrupts() -> None:
    """Ctrl-C is for the main process, which stops reading and lets running chunks finish."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def runner(workers: int = 1, dask: str | None = None) -> Iterator[Runner]:
    """How to run chunks here, in a process pool or on Dask."""
    if dask is not None:
        with _dask_runner(dask, workers) as ran:
            yield ran
        return
    if workers <= 1:
        yield Runner(lambda fn, chunk: _Done(fn(chunk)), 1)
        return
    _warm_up()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_ignore_interrupts)
    try:
        yield Runner(pool.submit, workers * IN_FLIGHT_PER_WORKER)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# A local cluster's processes tick, sample and profile in the background (the profiler every
# 10 ms): CPU that a batch run pays for its whole length (the longer, the busier the machine) and
# has no use for. With these, an idle local cluster of two workers burns 0.17 CPU-s per 10 s
# (0.26 with a 200 ms tick, 1 s memory checks and 5 s system samples). The memory checks stay,
# every 5 s: what a worker holds is a chunk or two (CHUNK_BYTES each, DASK_CHUNK_GROWTH times that
# later), far below its limit.
_QUIET_LOCAL_CLUSTER = {"distributed.worker.profile.enabled": False,
                        "distributed.admin.system-monitor.interval": "30s",
                        "distributed.worker.memory.monitor-interval": "5s",
                        "distributed.admin.tick.interval": "2s"}
_START_METHOD = "distributed.worker.multiprocessing-method"


def _local_start_method(configured: str, threads: int = 1) -> str:
    """How a LocalCluster starts its workers. Dask's default, spawn, makes every worker import
    distributed and the engine afresh and compile the rules on its first chunk (measured: about
    1 CPU-s and 1.5 s before the first result, per worker); forked from this process after
    ``_warm_up`` they start with all of it in memory, as the pool's workers do. A method the
    user chose in Dask's config (anything but the default) is kept, and a program that already
    runs threads of its own (the app) keeps spawn, as the pool then does: forking those can deadlock."""
    if configured == "spawn" and threads == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return configured


@contextmanager
def _dask_runner(address: str, workers: int) -> Iterator[Runner]:
    """Chunks as Dask futures on a running scheduler (``tcp://host:port``) or a LocalCluster ("local")."""
    try:
        from dask.distributed import Client, LocalCluster  # optional: pip install timeline_app[dask]
    except ImportError:
        raise BatchError("--dask needs dask.distributed: pip install 'timeline_app[dask]'") from None
    cluster = None
    if address == "local":
        import dask

        method = _local_start_method(dask.config.get(_START_METHOD), threading.active_count())
        if method == "fork":
            _warm_up()
        with dask.config.set({**_QUIET_LOCAL_CLUSTER, _START_METHOD: method}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
    try:
        try:  # the connect timeout is dask's own setting (distributed.comm.timeouts.connect)
            client = Client(cluster if cluster is not None else address)
        except OSError as exc:
            raise BatchError(f"--dask {address}: cannot reach the scheduler ({exc})") from None
        with client:
            try:
                client.wait_for_workers(1, timeout=DASK_WORKERS_SECONDS)
            except TimeoutError:
                raise BatchError(f"--dask {address}: no worker joined in {DASK_WORKERS_SECONDS} s") from None
            threads = sum(client.nthreads().values()) or 1
            yield Runner(lambda fn, chunk: client.submit(fn, chunk, pure=False), threads * IN_FLIGHT_PER_WORKER,
                         DASK_CHUNK_GROWTH)
    finally:
        if cluster is not None:
            cluster.close()


def ordered_map(fn: Callable[[list[T]], list[R]], chunks: Iterable[list[T]], submit: Submit,
                window: int) -> Iterator[list[R]]:
    """fn over each chunk, at most ``window`` chunks in flight, results in input order."""
    pending: deque[Future[list[R]]] = deque()
    for chunk in chunks:
        pending.append(submit(fn, chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _each(fn: Callable[[T], R], items: list[T]) -> list[R]:
    return [fn(item) for item in items]


def map_many(fn: Callable[[T], R], items: Iterable[T], workers: int | None = None, dask: str | None = None,
             chunk: int = CHUNK_ARTICLES, weight: Callable[[T], int] = lambda _: 0) -> Iterator[R]:
    """``fn`` over each item, in order, on ``workers`` processes (default: every core) or Dask, in chunks.

    ``fn`` must be picklable (a module-level function or a partial of one). An exception in
    ``fn`` propagates to the caller, as it would from a loop."""
    with runner(workers or default_workers(), dask) as ran:
        for done in ordered_map(partial(_each, fn), ran.chunks(items, chunk, weight), ran.submit, ran.window):
            yield from done


def extract_many(documents: Iterable[Document], workers: int | None = None, dask: str | None = None,
                 chunk: int = CHUNK_ARTICLES) -> Iterator[Extraction]:
    """Extractions of many documents, in order, on ``workers`` processes (default: every core) or Dask.

    The Python API of batch mode, for callers that hold Documents (a story of thousands of
    articles): the same answers as ``extract_document`` on each, lazily, with bounded memory.
    Unlike ``batch`` an extraction error propagates.
    """
    return map_many(extract_document, documents, workers, dask, chunk, weight=lambda doc: len(doc.text))


def workers_for(items: int, workers: int | None = None, per_worker: int = 16) -> int:
    """Processes worth starting for ``items`` articles: a pool costs a fork per worker, so a
    handful of articles stays in this process; ``workers`` (default: every core) is the most."""
    return max(1, min(workers or default_workers(), items // per_worker))


# ---------------------------------------------------------------- the command

@dataclass
class Summary:
    """What a run did, for the closing line on stderr."""

    articles: int = 0
    errors: int = 0
    seconds: float = 0.0
    shown: list[str] = field(default_factory=list)
    interrupted: bool = False  # Ctrl-C: the output holds the articles before it, in order

    def lines(self, how: str) -> list[str]:
        rate = self.articles / self.seconds if self.seconds else 0.0
        out = [f"error: {e}" for e in self.shown]
        if self.errors > len(self.shown):
            out.append(f"error: ... and {self.errors - len(self.shown)} more (each is an error line in the output)")
        out.append(f"batch: {'interrupted after ' if self.interrupted else ''}{self.articles} articles, "
                   f"{self.articles - self.errors} extracted, {self.errors} errors "
                   f"in {self.seconds:.1f} s ({rate:.1f} articles/s, {how})")
        return out


def _progress(source: Source, show: bool) -> Any:
    """A tqdm bar with rate and time left, on stderr, only when a person is watching it."""
    if not show:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: pool workers are forked after this
    return tqdm(total=source.count(), unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def run_batch(source: str, output: IO[str], workers: int = 1, dask: str | None = None,
              progress: bool | None = None, chunk: int = CHUNK_ARTICLES, timeml_dir: Path | None = None,
              cache: ExtractionCache | None = None) -> Summary:
    """Stream ``source`` through the pipeline into ``output``; one line per article, in order.

    With ``timeml_dir``, each article is written there as TimeML instead, and ``output`` gets the error lines only.
    With ``cache``, each extraction is kept there too (a chunk a transaction), so a later ``story``
    or ``render`` of the same articles extracts nothing; the output is the same."""
    began = time.perf_counter()
    src = open_source(source)
    bar = _progress(src, sys.stderr.isatty() if progress is None else progress)
    summary = Summary()
    try:
        with runner(workers, dask) as ran:
            work = partial(run_chunk, timeml=timeml_dir is not None, keep=cache is not None)
            for results in ordered_map(work, ran.chunks(src.tasks, chunk, _task_bytes), ran.submit, ran.window):
                for result in results:
                    output.write(result.line)
                    if result.timeml is not None and timeml_dir is not None:
                        (timeml_dir / result.timeml[0]).write_text(result.timeml[1], encoding="utf-8")
                    if result.error is not None:
                        summary.errors += 1
                        if len(summary.shown) < ERRORS_SHOWN:
                            summary.shown.append(result.error)
                if cache is not None:
                    cache.put_many([result.entry for result in results if result.entry is not None])
                summary.articles += len(results)
                if bar is not None:
                    bar.update(len(results))
    except KeyboardInterrupt:
        summary.interrupted = True
    except BrokenProcessPool:
        raise BatchError(f"a worker process died (out of memory?) after {summary.articles} articles; "
                         "the output holds those") from None
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - began
    return summary
