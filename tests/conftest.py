"""Shared test setup: the repository importable, the ``browser`` marker, the sample article."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4d8628aadc5fef2d.txt"

if str(ROOT) not in sys.path:  # tests run from any directory, installed or not
    sys.path.insert(0, str(ROOT))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives a real Chromium (Playwright or kaleido); deselect with -m 'not browser'")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never touch the user's projects: servers started for a module save into a temporary folder."""
    os.environ["TIMELINE_APP_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's app and CLI start with no saved projects."""
    monkeypatch.setenv("TIMELINE_APP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture(autouse=True)
def _main_module() -> Iterator[None]:
    """Streamlit's AppTest makes each script it runs ``sys.modules["__main__"]`` and leaves it there;
    a later process pool started by fork server would then run that script in every worker."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main
