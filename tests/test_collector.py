"""The collector is paused for an extraction and resumed after it; extraction makes no cycles."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from timeline_app.collector import collector_paused
from timeline_app.pipeline import extract

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_4d8628aadc5fef2d.txt"
TEXTS = [
    "Dec. 16 " * 200,
    "On Dec. 16, 2011, police said they will meet on Friday. The following day it rained.\n\n" * 20,
    "| 2001-02-03 | 1,234 | Moscow |\n" * 50,
    "22-25 April 1951, a seven-month dispute ended 2500 years ago at 7 p.m. and at noon. " * 20,
    "Emperor Augustus died in AD 14. The 20th anniversary of independence was on Monday. " * 10,
]


def test_extraction_pauses_and_resumes_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    import timeline_app.pipeline as pipeline

    original = pipeline._extract
    monkeypatch.setattr(pipeline, "_extract", lambda doc: (seen.append(gc.isenabled()), original(doc))[1])
    assert gc.isenabled()
    extract("On Dec. 16, 2011, it rained.", published="2012-01-26")
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_resumed_after_an_error_and_after_nesting() -> None:
    with pytest.raises(RuntimeError):
        with collector_paused():
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the outer extraction still runs
            raise RuntimeError("engine bug")
    assert gc.isenabled()


def test_threads_share_the_pause() -> None:
    inside, release = threading.Barrier(2), threading.Event()

    def slow() -> None:
        with collector_paused():
            inside.wait()
            release.wait()

    worker = threading.Thread(target=slow)
    worker.start()
    with collector_paused():
        inside.wait()
    assert not gc.isenabled()  # the other thread's extraction still runs
    release.set()
    worker.join()
    assert gc.isenabled()


def test_extraction_makes_no_cyclic_garbage() -> None:
    """What makes the pause safe: with the collector off, nothing an extraction leaves is a cycle."""
    texts = TEXTS + ([SEED.read_text(encoding="utf-8")] if SEED.exists() else [])
    extract(texts[0], published="2012-01-26")  # caches and lazy compilation first
    gc.collect()
    gc.disable()
    try:
        for text in texts:
            for published in ("2012-01-26", None):
                extract(text, published=published)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_worker_forked_during_an_extraction_starts_unpaused() -> None:
    import os

    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    with collector_paused():
        pid = os.fork()
        if pid == 0:  # the child: the pause was the parent's
            os._exit(0 if gc.isenabled() else 1)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert gc.isenabled()
