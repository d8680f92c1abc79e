"""The regression gate: no accuracy figure may fall more than 0.5 points below benchmarks/recorded.json.

It runs the accuracy benchmark over ../shared/corpora (or $TIMELINE_CORPORA) when the
corpora are there, as in CI, and skips otherwise. After a change that is accepted on
purpose, write the new figures with ``python benchmarks/accuracy.py --record``.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.accuracy import RECORDED, TOLERANCE, measure, regressions
from benchmarks.corpora import corpora_root

SETS = ("te3-platinum", "wikiwars-dev", "tbaq", "webnews-dev", "chrono", "ctparse")
NEEDED = ("te3-platinum", "wikiwars-dev", "TBAQ-cleaned", "webnews-dev", "peer-suites")


def _recorded() -> dict[str, dict[str, float]]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def test_recorded_figures_cover_every_set():
    recorded = _recorded()
    assert set(SETS) <= set(recorded)
    for name in ("te3-platinum", "wikiwars-dev", "tbaq"):
        assert set(recorded[name]) == {"strict F1", "relaxed F1", "type F1", "value F1"}
    assert {"right % (publication date found)", "right % (publication date given)"} <= set(recorded["webnews-dev"])
    assert all(0 < v <= 100 for metrics in recorded.values() for v in metrics.values())


def test_regressions_flags_a_drop_beyond_the_tolerance_only():
    recorded = {"te3": {"value F1": 85.4}, "chrono": {"right %": 40.0}}
    assert regressions({"te3": {"value F1": 84.9}, "chrono": {"right %": 41.0}}, recorded) == []
    problems = regressions({"te3": {"value F1": 84.89}, "chrono": {"right %": 40.0}}, recorded)
    assert len(problems) == 1 and problems[0].startswith("te3 value F1")
    assert regressions({"te3": {"value F1": 90.0}}, recorded) == ["chrono right %: recorded 40.0, not measured"]


@pytest.mark.skipif(not all((corpora_root() / name).is_dir() for name in NEEDED),
                    reason="gold corpora not present (../shared/corpora or $TIMELINE_CORPORA)")
def test_no_figure_falls_below_the_recorded_one():
    problems = regressions(measure(), _recorded())
    assert not problems, (f"accuracy fell more than {TOLERANCE} points below benchmarks/recorded.json "
                          "(rerun `python benchmarks/accuracy.py --record` only if the change is accepted):\n  "
                          + "\n  ".join(problems))
