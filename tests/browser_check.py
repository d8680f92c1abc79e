"""The one skip marker for tests that need the browser image export drives."""

from __future__ import annotations

import pytest

from timeline_app.export import ExportError, browser_path


def _browser_reason() -> str | None:
    try:
        browser_path()
    except ExportError as exc:
        return str(exc)
    return None


needs_browser = pytest.mark.skipif(_browser_reason() is not None, reason=f"no browser: {_browser_reason()}")
