"""batch --dask: a real scheduler and two workers on the loopback address give the bytes of --workers 1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
DASK = Path(sys.executable).with_name("dask")
START_SECONDS = 90
TEXTS = ["The council met on Monday and will vote again on March 3.",
         "The strike, which began on Dec. 16, lasted seven months.",
         "Two days later the bridge reopened; it had been shut since 14 February 2020."]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}


def _start(*args: str, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen([str(DASK), *args], cwd=ROOT, env=_env(), stdout=handle, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _address(info: Path) -> str | None:
    """The scheduler's address from its file, once the scheduler has written it whole."""
    try:
        return str(json.loads(info.read_text())["address"])
    except (OSError, ValueError, KeyError):
        return None


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A `dask scheduler` on 127.0.0.1 (a free port chosen by the OS) with two `dask worker`s."""
    from distributed import Client

    base = tmp_path_factory.mktemp("dask")
    info = base / "scheduler.json"
    processes = [_start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", str(info), "--idle-timeout", "300", log=base / "scheduler.log")]
    try:
        deadline = time.monotonic() + START_SECONDS
        while _address(info) is None and time.monotonic() < deadline and processes[0].poll() is None:
            time.sleep(0.2)  # (the file is made before it is written: an empty one is not ready)
        address = _address(info)
        assert address is not None, (base / "scheduler.log").read_text(errors="replace")
        assert address.startswith("tcp://127.0.0.1:")
        for n in range(2):
            processes.append(_start("worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard",
                                    "--death-timeout", "60", "--local-directory", str(base / f"w{n}"),
                                    log=base / f"worker{n}.log"))
        with Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)


def _batch(tmp_path: Path, source: Path, name: str, *options: str) -> bytes:
    target = tmp_path / name
    done = subprocess.run([sys.executable, "-m", "timeline_app", "batch", str(source), "-o", str(target), *options],
                          cwd=ROOT, env=_env(), capture_output=True, timeout=240)
    assert done.returncode == 2, done.stderr.decode(errors="replace")  # 2: the input has one bad line
    return target.read_bytes()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """900 articles and a broken line: past the first window of chunks of 128 (two per worker), so
    the larger chunks Dask is given after it (DASK_CHUNK_GROWTH) are compared too."""
    source = tmp_path_factory.mktemp("in") / "in.jsonl"
    lines = [json.dumps({"id": f"a{i}", "text": TEXTS[i % 3], "published": "2012-01-26" if i % 2 else None})
             for i in range(900)]
    lines.insert(450, "{broken")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def test_dask_cluster_gives_the_bytes_of_one_process(scheduler: str, articles: Path, tmp_path: Path) -> None:
    one = _batch(tmp_path, articles, "one.jsonl", "--workers", "1")
    assert one.count(b"\n") == 901 and b'"error"' in one
    assert _batch(tmp_path, articles, "dask.jsonl", "--dask", scheduler) == one


def test_dask_local_cluster_gives_the_same_bytes(articles: Path, tmp_path: Path) -> None:
    one = _batch(tmp_path, articles, "one.jsonl", "--workers", "1")
    assert _batch(tmp_path, articles, "local.jsonl", "--dask", "local", "--workers", "2") == one


def test_an_unreachable_scheduler_is_a_clear_error(articles: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "timeline_app", "batch", str(articles), "-o", str(tmp_path / "x"),
                           "--dask", "tcp://127.0.0.1:9"], cwd=ROOT, capture_output=True, timeout=120,
                          env={**_env(), "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: --dask tcp://127.0.0.1:9: cannot reach the scheduler")
