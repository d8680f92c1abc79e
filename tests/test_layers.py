"""Layers: the engine imports no UI library, so the CLI, batch jobs and the API start light."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

# The engine and what sits beside it without a screen: tagging, resolution, events,
# corrections, the CLI's formats. The UI modules (app, figure, export) are left out.
ENGINE = ("timeline_app", "timeline_app.pipeline", "timeline_app.tagger", "timeline_app.resolver",
          "timeline_app.tense", "timeline_app.links", "timeline_app.events", "timeline_app.labels",
          "timeline_app.sentences", "timeline_app.values", "timeline_app.when", "timeline_app.corrections",
          "timeline_app.serialize", "timeline_app.timeml", "timeline_app.published", "timeline_app.ingest",
          "timeline_app.cli")
UI_LIBRARIES = ("plotly", "streamlit", "kaleido")

_PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _top_level_modules_after_importing(*names: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *names], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    return set(json.loads(done.stdout))


def test_importing_the_engine_imports_no_ui_library():
    loaded = _top_level_modules_after_importing(*ENGINE)
    assert {"timeline_app"} <= loaded
    assert not loaded & set(UI_LIBRARIES), f"engine imports {sorted(loaded & set(UI_LIBRARIES))}"


def test_the_probe_sees_a_ui_library_when_one_is_imported():
    assert "plotly" in _top_level_modules_after_importing("timeline_app.figure")
