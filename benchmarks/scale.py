"""Batch at archive scale: wall time, CPU time and peak memory, per runner and input size, in one table.

    python benchmarks/scale.py                          # 512, 2,048 and 8,192 articles
    python benchmarks/scale.py --sizes 512 --gigabyte   # and a 1 GB JSON Lines file (slow: run it once)
    python benchmarks/scale.py --sizes --story 5000     # only the archive's timeline: batch, render, story

The articles are the TBAQ texts repeated with new ids (and their creation dates), written
as JSON Lines to a temporary folder that is deleted afterwards. Each run is the real command,
``python -m timeline_app batch IN -o OUT``, in a child process, with ``--workers 1``,
``--workers 2`` and ``--dask local --workers 2`` (skipped when dask is not installed).

- CPU time is the child's and its descendants' user + system time (pool workers and Dask
  workers are waited for, so their time is counted): on a shared machine it is the robust
  number; wall time and the rate depend on what else runs.
- Peak memory: the largest single process (``ru_maxrss``) and the largest sum over the
  whole process tree, sampled every 0.2 s from /proc.
- Every runner's output is compared byte for byte with the ``--workers 1`` output.

The closing lines check the targets of the archive issue and estimate what a 10-million-article
archive needs from the measured CPU time per article.

``--story N`` writes N article files made as the batch articles are (the TBAQ texts, each
with a line of its own and a dateline) and times, through the real CLI, the extraction alone
(``batch FOLDER``), ``render FILES -o t.png`` (overview chart and PNG), ``render FILES -o
t.json`` (no browser) and ``story FILES --format json`` (the merge): the differences are the
chart's, the PNG's and the merge's shares. ``render`` and ``story`` run with an empty
extraction cache (cold) and again with the one that run filled (warm); ``--story-cache off``
adds ``--no-cache`` runs, ``--story-cache batch`` runs after ``batch FOLDER --cache``. Target: each under 10 s at 5,000 articles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import Doc, load_corpus
from benchmarks.harness import markdown_table

REPO = Path(__file__).resolve().parents[1]
SIZES = (512, 2048, 8192)
GIGABYTE = 1024 ** 3
RUNNERS = {"--workers 1": ["--workers", "1"], "--workers 2": ["--workers", "2"],
           "--dask local (2 workers)": ["--dask", "local", "--workers", "2"]}
ARCHIVE = 10_000_000  # articles, for the estimate
PAGE = os.sysconf("SC_PAGE_SIZE")


def write_articles(docs: Sequence[Doc], path: Path, count: int | None = None, min_bytes: int = 0) -> int:
    """The corpus texts repeated with new ids until ``count`` articles or ``min_bytes``; returns the count."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        size = 0
        while (count is not None and n < count) or (count is None and size < min_bytes):
            doc = docs[n % len(docs)]
            line = json.dumps({"id": f"{doc.id}#{n}", "text": doc.text,
                               "published": doc.published.isoformat() if doc.published else None},
                              ensure_ascii=False) + "\n"
            size += out.write(line)
            n += 1
    return n


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total


@dataclass
class Run:
    runner: str
    articles: int
    input_bytes: int
    wall: float
    cpu: float
    max_rss: int  # bytes, the largest single process
    tree_rss: int  # bytes, the largest sum over the process tree
    digest: str
    exit_code: int

    @property
    def rate(self) -> float:
        return self.articles / self.wall

    @property
    def cpu_ms_per_article(self) -> float:
        return 1000 * self.cpu / self.articles


# Runs a command and prints its descendants' rusage: ru_maxrss of RUSAGE_CHILDREN only ever grows
# in one process, so each measured run gets a fresh parent.
_MEASURE = ("import json, os, resource, subprocess, sys; to = os.environ.get('MEASURED_STDOUT'); "
            "code = subprocess.call(sys.argv[1:], stdout=open(to, 'wb') if to else None); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(json.dumps([u.ru_utime + u.ru_stime, u.ru_maxrss * 1024, code]))")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(piece.count(b"\n") for piece in iter(lambda: handle.read(1 << 20), b""))


@dataclass
class Measured:
    wall: float
    cpu: float
    max_rss: int
    tree_rss: int
    exit_code: int
    stopped: bool
    stderr: str


def measure(command: list[str], nice: int = 0, limit: float | None = None, stdout: Path | None = None) -> Measured:
    """One command in a child process, measured from outside: wall, CPU of the whole process tree,
    peak memory; after ``limit`` seconds it is interrupted (Ctrl-C). Its stdout goes to ``stdout``."""
    if nice:
        command = ["nice", "-n", str(nice), *command]
    began = time.perf_counter()
    env = {**os.environ, **({"MEASURED_STDOUT": str(stdout)} if stdout else {})}
    child = subprocess.Popen([sys.executable, "-c", _MEASURE, *command], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    peak = 0
    stop = threading.Event()
    stopped = False

    def sample() -> None:
        nonlocal peak, stopped
        while not stop.wait(0.2):
            peak = max(peak, _tree_rss(child.pid))
            if limit is not None and not stopped and time.perf_counter() - began > limit:
                for pid in _children(child.pid):  # the batch process, under the measuring parent
                    os.kill(pid, signal.SIGINT)
                stopped = True

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    wall = time.perf_counter() - began
    stop.set()
    sampler.join()
    cpu, max_rss, code = json.loads(out.decode().strip().splitlines()[-1])
    return Measured(wall, cpu, max_rss, peak, code, stopped, err.decode(errors="replace"))


def run_batch(source: Path, runner: str, articles: int, nice: int, limit: float | None = None) -> Run:
    """One batch command, measured; after ``limit`` seconds it is interrupted and the articles it
    finished are counted."""
    target = source.with_suffix(".out.jsonl")
    command = [sys.executable, "-m", "timeline_app", "batch", str(source), "-o", str(target), *RUNNERS[runner]]
    m = measure(command, nice, limit)
    wall, cpu, max_rss, peak, code, stopped, err = m.wall, m.cpu, m.max_rss, m.tree_rss, m.exit_code, m.stopped, m.stderr
    if stopped:
        articles = _count_lines(target) if target.exists() else 0
        runner, code = f"{runner}, stopped after {limit:,.0f} s", 0
    elif code != 0:
        print(f"{runner}: exit {code}: {err[-500:]}", file=sys.stderr)
    digest = _digest(target) if target.exists() else "-"
    target.unlink(missing_ok=True)
    return Run(runner, articles, source.stat().st_size, wall, cpu, max_rss, peak, digest, code)


def _digest(path: Path) -> str:
    """sha256 of a file, read in pieces (the output of the 1 GB run is larger still)."""
    h = hashlib.sha256()
    with path.open("rb") as handle:
        while piece := handle.read(1 << 20):
            h.update(piece)
    return h.hexdigest()


# ---------------------------------------------------------------- a story of an archive (part 4)

STORY_TARGET_S = 10.0
STORY_COMMANDS = ("batch FOLDER (extraction alone)", "render FILES -o out.png", "render FILES -o out.json",
                  "story FILES --format json")


def _letters(n: int) -> str:
    """n in letters only ("baa"), so the name of a copy is never read as a number or a year."""
    out, n = "", n + 26 * 26
    while n:
        n, r = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
    return out


def write_article_files(docs: Sequence[Doc], folder: Path, count: int) -> list[Path]:
    """``count`` article files made as the batch articles are (the corpus texts repeated), each
    with a first line of its own (documents are named by their text, so repeats would be one
    article) and a wire dateline that carries the publication date batch is given."""
    paths = []
    for n in range(count):
        doc = docs[n % len(docs)]
        day = f"{doc.published:%B} {doc.published.day}, {doc.published.year} - " if doc.published else ""
        path = folder / f"{n:05d}.txt"
        path.write_text(f"Archive copy {_letters(n)}\n\nWASHINGTON, {day}{doc.text.strip()}\n", encoding="utf-8")
        paths.append(path)
    return paths


STORY_CACHE = {"cold": "cache empty (first run: extracts, fills it)",
               "warm": "cache warm (the same command again)",
               "off": "--no-cache",
               "batch": "after batch --cache (extractions kept, the merge not)"}


def run_story(docs: Sequence[Doc], count: int, folder: Path, nice: int, limit: float,
              caches: Sequence[str] = ("cold", "warm")) -> list[list[str]]:
    """Each archive command over ``count`` article files, through the real CLI; rows of the story table.

    ``render`` and ``story`` keep their extractions in the data directory's cache: each is run
    with an empty cache of its own ("cold"), then again with what that run left ("warm"), and/or
    with ``--no-cache`` ("off"), and/or in a data directory that ``batch FOLDER --cache`` filled
    ("batch"; that batch run is not timed). ``batch`` itself runs without ``--cache``."""
    articles = folder / f"story-{count}"
    articles.mkdir()
    files = [str(p) for p in write_article_files(docs, articles, count)]
    out = folder / "story-out"
    out.mkdir()
    commands = {STORY_COMMANDS[0]: ["batch", str(articles), "-o", str(out / "x.jsonl")],
                STORY_COMMANDS[1]: ["render", *files, "-o", str(out / "t.png")],
                STORY_COMMANDS[2]: ["render", *files, "-o", str(out / "t.json")],
                STORY_COMMANDS[3]: ["story", *files, "--format", "json"]}
    rows = []
    for n, (name, argv) in enumerate(commands.items()):
        data = folder / f"data-{n}"  # each command's own cache, so "cold" is cold
        for cache in (("-",) if argv[0] == "batch" else caches):
            where = data
            if cache == "batch":  # the extractions kept by a batch run, in a data directory of their own
                where = folder / f"data-{n}-batch"
                subprocess.run([sys.executable, "-m", "timeline_app", "batch", str(articles), "-o", str(out / "y.jsonl"),
                                "--cache", "--data-dir", str(where)], cwd=REPO, check=True, capture_output=True)
            command = argv if cache == "-" else [*argv, "--data-dir", str(where), *(["--no-cache"] * (cache == "off"))]
            m = measure([sys.executable, "-m", "timeline_app", *command], nice, limit, stdout=out / "stdout")
            if m.exit_code != 0 and not m.stopped:
                print(f"{name}: exit {m.exit_code}: {m.stderr[-500:]}", file=sys.stderr)
            said = m.stderr.strip().splitlines()[-1].replace(f"{out}/", "") if m.stderr.strip() and not m.stopped else ""
            verdict = (f"stopped after {limit:,.0f} s" if m.stopped else f"exit {m.exit_code}" if m.exit_code
                       else "yes" if m.wall < STORY_TARGET_S else "no")
            rows.append([f"{count:,}", name, STORY_CACHE.get(cache, "-"), f"{m.wall:,.1f}", f"{m.cpu:,.1f}",
                         _mib(m.max_rss), _mib(m.tree_rss), verdict, said[:90]])
            print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def story_table(rows: Sequence[Sequence[str]]) -> str:
    return markdown_table(["articles", "command", "extraction cache", "wall s", "CPU s", "peak MiB (largest process)",
                           "peak MiB (all processes)", f"under {STORY_TARGET_S:.0f} s", "the command said"], rows)


def _dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _mib(n: int) -> str:
    return f"{n / 1024 ** 2:,.1f}"


def table(runs: Sequence[Run]) -> str:
    rows = []
    for r in runs:
        first = next(x for x in runs if x.articles == r.articles)
        same = "reference" if first is r else "yes" if r.digest == first.digest else "NO"
        rows.append([f"{r.articles:,}", _mib(r.input_bytes), r.runner, f"{r.wall:,.1f}", f"{r.rate:,.0f}",
                     f"{r.cpu:,.1f}", f"{r.cpu_ms_per_article:.2f}", _mib(r.max_rss), _mib(r.tree_rss), same])
    return markdown_table(["articles", "input MiB", "runner", "wall s", "articles/s", "CPU s", "CPU ms/article",
                           "peak MiB (largest process)", "peak MiB (all processes)", "same bytes"], rows)


def verdicts(runs: Sequence[Run], docs_chars: float) -> list[str]:
    """The issue's targets, and the estimate for a 10-million-article archive."""
    by = {(r.articles, r.runner): r for r in runs}
    sizes = sorted({r.articles for r in runs if r.input_bytes < GIGABYTE})
    lines = []
    one = "--workers 1"
    if len(sizes) > 1 and (sizes[0], one) in by and (sizes[-1], one) in by:
        small, large = by[sizes[0], one], by[sizes[-1], one]
        lines.append(f"memory, {one}: {sizes[-1]:,} articles {_mib(large.max_rss)} MiB vs {sizes[0]:,} "
                     f"{_mib(small.max_rss)} MiB = {large.max_rss / small.max_rss:.2f}x (target <= 1.3x)")
    for r in runs:
        if r.input_bytes >= GIGABYTE:
            lines.append(f"memory, 1 GB file, {r.runner}: {_mib(r.max_rss)} MiB largest process, "
                         f"{_mib(r.tree_rss)} MiB all processes (target < 200 MiB)")
    big = sizes[-1] if sizes else None
    w1, w2, dask = (by.get((big, k)) for k in RUNNERS)
    if w1 and w2:
        lines.append(f"--workers 2 vs 1 at {big:,} articles: rate {w2.rate / w1.rate:.2f}x (target >= 1.7x on an idle "
                     f"2-core machine); CPU per article {w2.cpu_ms_per_article / w1.cpu_ms_per_article:.2f}x")
    if w2 and dask:
        lines.append(f"--dask local vs --workers 2 at {big:,} articles: rate {dask.rate / w2.rate:.2f}x "
                     f"(target >= 0.85x); CPU per article {dask.cpu_ms_per_article / w2.cpu_ms_per_article:.2f}x")
    if w1:
        per_article = w1.cpu / w1.articles
        hours = ARCHIVE * per_article / 3600
        lines.append(f"10 million articles like these ({docs_chars:,.0f} chars each) at {1000 * per_article:.2f} CPU ms "
                     f"each: {hours:,.1f} CPU-hours; {hours / 2:,.1f} h on 2 workers, {hours / 16:,.1f} h on 16, "
                     f"{hours / 64:,.2f} h on 64 (one Dask worker per core, ~100% efficient: chunks of 128)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", metavar="DIR", help="corpora root (default: $TIMELINE_CORPORA or ../shared/corpora)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="article counts")
    parser.add_argument("--runners", nargs="*", choices=list(RUNNERS), default=list(RUNNERS))
    parser.add_argument("--gigabyte", action="store_true", help="also a 1 GB file (one run, with --gigabyte-runner)")
    parser.add_argument("--gigabyte-runner", choices=list(RUNNERS), default="--workers 2")
    parser.add_argument("--gigabyte-seconds", type=float, help="interrupt the 1 GB run after this long "
                                                                "(a shared machine); its finished articles count")
    parser.add_argument("--nice", type=int, default=0, help="run the batch commands under nice -n N")
    parser.add_argument("--tmp", default=None, help="folder for the generated inputs (default: the system's)")
    parser.add_argument("--story", type=int, metavar="N", help="also N article files through batch, render "
                                                                "and story (the archive's timeline; target < 10 s)")
    parser.add_argument("--story-seconds", type=float, default=120.0, help="interrupt a story command after this long")
    parser.add_argument("--story-cache", nargs="+", choices=list(STORY_CACHE), default=["cold", "warm"],
                        help="render and story with an empty cache, then warm, and/or with --no-cache")
    args = parser.parse_args(argv)
    docs = load_corpus("tbaq", args.corpora)
    mean_chars = sum(len(d.text) for d in docs) / len(docs)
    runners = [r for r in args.runners if "dask" not in r or _dask_available()]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="timeline-scale-", dir=args.tmp) as folder:
        for size in args.sizes:
            source = Path(folder) / f"articles-{size}.jsonl"
            write_articles(docs, source, count=size)
            for runner in runners:
                runs.append(run_batch(source, runner, size, args.nice))
                print(table(runs).splitlines()[-1], file=sys.stderr, flush=True)
            source.unlink()
        if args.gigabyte:
            source = Path(folder) / "articles-1GB.jsonl"
            count = write_articles(docs, source, min_bytes=GIGABYTE)
            runs.append(run_batch(source, args.gigabyte_runner, count, args.nice, args.gigabyte_seconds))
            source.unlink()
        story = run_story(docs, args.story, Path(folder), args.nice, args.story_seconds, args.story_cache) if args.story else []
    if runs:
        print(table(runs))
        print()
        for line in verdicts(runs, mean_chars):
            print(f"- {line}")
    if story:
        print()
        print(story_table(story))
    return 0 if all(r.exit_code == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
