"""The engine's work grows like the text, whatever its shape: counted, not timed.

A dense text (a date every few characters, no sentence break) is extracted at 1x and 8x its
length; the work done must grow about 8 times, where a quadratic step would grow it 64 times.
Work is counted three ways: Python and C function calls (sys.setprofile: a loop over every
earlier date calls something per date), characters the tense and label windows scan
directly (sentences.MatchIndex.scanned: a window scan per date), and clause breaks a label
reads (labels.Labeller: a walk over the sentence per date).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from benchmarks.adversarial import SHAPES
from timeline_app import labels, sentences
from timeline_app.pipeline import extract

BASE = 5_000  # characters at 1x (at 2,500 the label shortcuts skip a fixed part of the small run: 12.7x at 8x the text)
# 8x the text may cost at most this many times the work (a quadratic step: 64). Calls are the
# steadiest count (a loop over a sentence's earlier clock times gave 11.3); window scans vary more
# with where the windows' ends fall in the repeated text.
LINEAR = {"calls": 8 * 1.2, "scanned": 8 * 1.5, "breaks": 8 * 1.5}


@contextmanager
def counted() -> Iterator[dict[str, int]]:
    """Count calls, directly scanned window characters and clause breaks read inside the block."""
    work = {"calls": 0, "scanned": 0, "breaks": 0}
    indexes: list[sentences.MatchIndex] = []
    made, reads = sentences.MatchIndex.__init__, labels.Labeller._cuts_at

    def made_one(self: sentences.MatchIndex, *args: object, **kwargs: object) -> None:
        made(self, *args, **kwargs)  # type: ignore[arg-type]
        indexes.append(self)

    def read_one(self: labels.Labeller, *args: object) -> bool:
        work["breaks"] += 1
        return reads(self, *args)  # type: ignore[arg-type]

    def call(frame: object, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            work["calls"] += 1

    sentences.MatchIndex.__init__ = made_one  # type: ignore[method-assign]
    labels.Labeller._cuts_at = read_one  # type: ignore[method-assign]
    sys.setprofile(call)
    try:
        yield work
    finally:
        sys.setprofile(None)
        sentences.MatchIndex.__init__ = made  # type: ignore[method-assign]
        labels.Labeller._cuts_at = reads  # type: ignore[method-assign]
        work["scanned"] = sum(index.scanned for index in indexes)


def work_for(text: str) -> dict[str, int]:
    with counted() as work:
        extract(text, published="2012-01-26")
    return work


@pytest.mark.parametrize("shape", ["dec16", "ranges", "clocks", "spans"])
def test_work_grows_like_the_text(shape: str) -> None:
    extract(SHAPES[shape](BASE // 10), published="2012-01-26")  # compile what compiles once
    small, large = work_for(SHAPES[shape](BASE)), work_for(SHAPES[shape](8 * BASE))
    assert small["calls"] > 1000  # the text is dense: there is work to count
    for kind in small:
        assert large[kind] <= LINEAR[kind] * max(small[kind], 100), (kind, small, large)


def test_the_counts_see_a_quadratic_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """A label that re-reads every break of its sentence from the start (what the index avoids)."""
    clauses = labels.Labeller._clauses

    def from_the_start(self: labels.Labeller, lo: int, hi: int, keep: tuple[int, int]) -> list[tuple[int, int]]:
        return clauses(self, 0, hi, keep) and clauses(self, lo, hi, keep)

    monkeypatch.setattr(labels.Labeller, "_clauses", from_the_start)
    monkeypatch.setattr(labels.Labeller, "_jump", lambda self, k, stop, state, *rest: (k, state))
    small, large = work_for(SHAPES["ranges"](BASE // 3)), work_for(SHAPES["ranges"](8 * BASE // 3))
    assert large["breaks"] > LINEAR["breaks"] * small["breaks"]
