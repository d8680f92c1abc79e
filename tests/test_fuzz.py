"""A short run of benchmarks/fuzz.py on every submission, and proof that its checks can fail."""

from __future__ import annotations

from dataclasses import replace

from benchmarks.fuzz import fuzz, make_input, violations
from timeline_app.pipeline import extract

BUDGET_S = 4.0


def test_a_short_fuzz_run_keeps_every_invariant() -> None:
    report = fuzz(seed=20261201, inputs=10**9, seconds=BUDGET_S)
    assert report.inputs > 300, report.inputs
    assert (report.exceptions, report.violations) == (0, 0), report.examples


def test_inputs_are_reproducible_from_seed_and_index() -> None:
    assert make_input(3, 17) == make_input(3, 17) and make_input(3, 17) != make_input(3, 18)


def test_the_invariant_checks_catch_what_they_promise_to() -> None:
    x = extract("Police detained him on Dec. 16. He was freed the following day.", published="2012-01-26")
    assert violations(x) == []
    first, second = x.expressions[0], x.expressions[1]
    across = replace(first, end=second.end, text=x.document.text[first.start:second.end])
    assert any("sentence end" in v for v in violations(replace(x, expressions=(across, second))))
    assert any("malformed DATE" in v for v in violations(replace(x, expressions=(replace(first, value="10000-Q1"),))))
    assert any("empty label" in v for v in violations(replace(x, events=(replace(x.events[0], label=" "),))))
    assert any("index the text" in v for v in violations(replace(x, expressions=(replace(first, text="x"),))))
    assert violations(replace(x, error="boom")) == ["exception"]
