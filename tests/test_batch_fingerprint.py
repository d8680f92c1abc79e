"""The batch output over every shared corpus is the recorded one: speed work changed no answer.

A deliberate change of behaviour (an accuracy fix) changes the fingerprint: record the new
one with ``python benchmarks/fingerprint.py --write`` in the same commit.
"""

from __future__ import annotations

import pytest

from benchmarks.corpora import corpora_root
from benchmarks.fingerprint import fingerprints, recorded


@pytest.mark.skipif(not corpora_root().is_dir(), reason="needs ../shared/corpora")
def test_batch_output_over_the_corpora_is_unchanged() -> None:
    assert fingerprints(corpora_root()) == recorded()
