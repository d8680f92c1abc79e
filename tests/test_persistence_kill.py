"""kill -9 while saving: after each kill the database is sound and holds every write the writer confirmed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.persistence import kill_loop

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_ten_kills_lose_no_confirmed_write(tmp_path: Path) -> None:
    report = kill_loop(tmp_path, kills=10, seed=7, max_delay_s=0.3)
    assert report.integrity == [] and report.missing == []
    assert report.confirmed_ops > 10 and report.confirmed_docs >= 1  # the writer really wrote between kills
