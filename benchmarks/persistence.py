"""Persistence: how fast the project store saves, and that a ``kill -9`` never loses a confirmed save.

    python benchmarks/persistence.py [--ops 1000] [--kills 50] [--data-dir DIR] [--seed 1]
                                     [--synchronous FULL|NORMAL]

1. Operations per second: ``--ops`` corrections appended one per transaction, as the
   app saves them (each committed with ``synchronous=FULL`` before the call returns),
   then the time to read the project's log back and settle its undos. Wall clock and
   CPU time both, because other processes share the machine. ``--synchronous NORMAL``
   measures the setting the store does not use (it skips the fsync on commit: still safe
   against a killed process, not against a power cut) to show what FULL costs.
2. The kill loop: a writer subprocess appends operations (and now and then a long
   article, so some kills land inside a big transaction) and prints each one's number
   only after its commit returned. It is killed with SIGKILL at a random moment,
   ``--kills`` times. After each kill the database must pass ``PRAGMA integrity_check``
   and hold every operation the writer had confirmed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_app.model import Document
from timeline_app.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "kill loop"
ARTICLE_EVERY = 7  # every 7th write is a ~200 KB article: a longer transaction to be killed in
MAX_DELAY_S = 0.6


def ops_per_second(data: Path, n: int) -> dict[str, float]:
    """Append ``n`` corrections one per transaction, then read them back."""
    from timeline_app.corrections import EditLabel

    project = open_store(data).open_or_create("speed")
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        project.append_correction(EditLabel(f"doc:{i}-{i + 4}:abcdef", f"label {i}"), about=f"event {i}")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    read_wall = time.perf_counter()
    assert len(project.corrections()) == n
    read_wall = time.perf_counter() - read_wall
    return {"ops": n, "ops_per_s": n / wall, "ops_per_cpu_s": n / max(cpu, 1e-9), "read_s": read_wall}


def writer(data: Path) -> None:
    """Append forever; print each operation's number after its commit returned."""
    project = open_store(data).open_or_create(PROJECT)
    n = 0
    while True:
        n += 1
        if n % ARTICLE_EVERY == 0:
            text = f"Article {n} {os.getpid()}\n\n" + "The strike began on Monday. " * 7000
            project.add_documents([Document(text, id=f"doc{os.getpid()}-{n}")])
            print(f"doc doc{os.getpid()}-{n}", flush=True)
        else:
            record = project.append("merge", {"mentions": [f"a:{n}", f"b:{n}"]}, about=f"write {n}")
            print(f"op {record.seq}", flush=True)


@dataclass
class KillReport:
    kills: int
    confirmed_ops: int
    confirmed_docs: int
    integrity: list[str]
    missing: list[str]
    seconds: float


def _read_lines(stream, into: list[str]) -> None:
    for line in stream:
        if line.endswith("\n"):  # a line cut by the kill was never confirmed
            into.append(line.strip())


def kill_loop(data: Path, kills: int, seed: int = 1, max_delay_s: float = MAX_DELAY_S) -> KillReport:
    """Start, kill -9 and check the writer ``kills`` times; every confirmed write must be there."""
    rng = random.Random(seed)
    confirmed: list[str] = []
    integrity: list[str] = []
    missing: list[str] = []
    started = time.perf_counter()
    for _ in range(kills):
        lines: list[str] = []
        process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--writer", str(data)],
                                   stdout=subprocess.PIPE, text=True, cwd=ROOT)
        reader = threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True)
        reader.start()
        deadline = time.monotonic() + 60
        while not lines and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # the writer is up once it confirmed its first write
        if process.poll() is not None:
            raise RuntimeError(f"writer exited with code {process.returncode}")
        time.sleep(rng.uniform(0, max_delay_s))
        process.send_signal(signal.SIGKILL)
        process.wait()
        reader.join(timeout=10)
        confirmed += lines
        result = _check(data, confirmed)
        integrity += result[0]
        missing += result[1]
    return KillReport(kills, sum(c.startswith("op ") for c in confirmed), sum(c.startswith("doc ") for c in confirmed),
                      integrity, missing, time.perf_counter() - started)


def _check(data: Path, confirmed: list[str]) -> tuple[list[str], list[str]]:
    """Integrity problems, and confirmed writes the database does not hold."""
    project = open_store(data).project(PROJECT)  # opening recovers from the write-ahead log
    con = sqlite3.connect(project.store.path)
    try:
        problems = [row[0] for row in con.execute("PRAGMA integrity_check") if row[0] != "ok"]
    finally:
        con.close()
    seqs = {f"op {r.seq}" for r in project.log()}
    docs = {f"doc {d.document.id}" for d in project.documents()}
    return problems, [c for c in confirmed if c not in seqs and c not in docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", help="where to build the test databases (default: a temporary folder)")
    parser.add_argument("--synchronous", choices=["FULL", "NORMAL"], default="FULL")
    parser.add_argument("--writer", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    Store.pragmas = tuple(p for p in Store.pragmas if not p.startswith("synchronous")) + (
        f"synchronous = {args.synchronous}",)
    if args.writer:
        writer(Path(args.writer))
        return 0
    with tempfile.TemporaryDirectory(dir=args.data_dir) as tmp:
        speed = ops_per_second(Path(tmp) / "speed", args.ops)
        print(f"append, one committed transaction each (synchronous={args.synchronous}): {speed['ops']:.0f} ops, "
              f"{speed['ops_per_s']:,.0f} ops/s wall, {speed['ops_per_cpu_s']:,.0f} ops per CPU-second; "
              f"reading them back and settling undos: {speed['read_s'] * 1000:.1f} ms")
        if not args.kills:
            return 0
        report = kill_loop(Path(tmp) / "kill", args.kills, args.seed)
    print(f"kill -9 loop: {report.kills} kills in {report.seconds:.1f} s; {report.confirmed_ops} confirmed "
          f"operations and {report.confirmed_docs} confirmed articles; integrity_check problems: "
          f"{len(report.integrity)}; confirmed writes missing: {len(report.missing)}")
    return 0 if not report.integrity and not report.missing else 1


if __name__ == "__main__":
    sys.exit(main())
