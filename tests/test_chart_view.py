"""The chart in the app: zooming to a period keeps through selections; the chronology list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "timeline_app" / "app.py"
VILLAGE = "Another person died in clashes in a nearby village"


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def drawn(at: AppTest) -> set[str]:
    return {i for t in spec(at)["data"] if t.get("meta") for members in t["meta"]["members"] for i in members}


def between(at: AppTest):
    return next(d for d in at.date_input if d.label == "Between")


def test_choosing_a_period_zooms_and_selecting_an_event_keeps_the_zoom(app: AppTest) -> None:
    whole = drawn(app)
    assert spec(app)["layout"]["uirevision"] == "timeline:None"
    between(app).set_value((date(2011, 12, 10), date(2012, 1, 29))).run()
    zoomed = drawn(app)
    assert zoomed < whole and len(zoomed) >= 5  # 1991 and 1992 are outside
    revision = spec(app)["layout"]["uirevision"]
    assert revision == "timeline:(datetime.date(2011, 12, 10), datetime.date(2012, 1, 29))"
    x_range = spec(app)["layout"]["xaxis"]["range"]
    frame = app.dataframe[0].value
    chosen = next(i for i in frame.index if VILLAGE in frame.loc[i, "Event"])
    app.selectbox(key="pick").set_value(chosen).run()
    assert spec(app)["layout"]["uirevision"] == revision  # the browser keeps its own zoom too
    assert spec(app)["layout"]["xaxis"]["range"] == x_range
    assert between(app).value == (date(2011, 12, 10), date(2012, 1, 29))
    next(b for b in app.button if b.label.startswith("Whole story")).click().run()
    assert drawn(app) == whole and not any(b.label.startswith("Whole story") for b in app.button)


def test_the_chronology_list_has_one_row_per_event_grouped_by_date(app: AppTest) -> None:
    table = next(h.proto.body for h in app.html if 'class="chronology"' in h.proto.body)
    assert table.count('<tr class="day">') == 8  # ten events on eight dates
    assert '<th colspan="4" scope="rowgroup">16 Dec 2011</th>' in table
    assert table.count("<td>16 Dec 2011</td>") == 3
    assert f"<td>{VILLAGE}</td>" in table
    labels = [b.label for b in app.get("download_button")]
    assert {"List (CSV)", "List (Markdown)", "List (HTML)"} <= set(labels)


def test_the_chart_has_a_text_alternative(app: AppTest) -> None:
    caption = next(c.value for c in app.caption if "Text description" in c.value)
    assert "Timeline of 10 events from 1 article, from 16 Dec 1991 to 23–29 Jan 2012." in caption
    assert "Busiest date: 16 Dec 2011 (3 events)." in caption
