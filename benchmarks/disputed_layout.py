"""Disputed marks as Chromium draws them: random small charts with conflict crosses, measured on the page.

    python benchmarks/disputed_layout.py [--charts 120] [--seed 1]

Each chart has two to six events over eleven days of March 2021, with random labels of one to six
words; each event has a 40 % chance of a second date (one or two days either side), which the chart
marks with a conflict cross. Widths 600, 800 or 1100 px. Reported: the charts where a label runs off
the plot, a label overlaps another label or a cross, or a cross is cut (all from the drawn page's
boxes, as tests/test_browser_projects.py measures them). Needs Chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plotly.offline import get_plotlyjs
from playwright.sync_api import sync_playwright

from tests.test_browser_projects import DRAWN
from timeline_app.figure import build_figure
from timeline_app.model import Event

WORDS = "harbour master resigned storm council flood gates wall damage quay".split()
PLOT = "() => { const r = document.querySelector('.js-plotly-plot .nsewdrag').getBoundingClientRect();" \
       " return [r.left, r.right]; }"


def chart(rng: random.Random) -> tuple[list[Event], int]:
    events = []
    for k in range(rng.randint(2, 6)):
        day = date(2021, 3, 1) + timedelta(days=rng.randint(0, 10))
        label = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))).capitalize()
        other = day + timedelta(days=rng.choice([-2, -1, 1, 2])) if rng.random() < 0.4 else None
        events.append(Event(f"d{k}:0", f"d{k}", day, day, "day", label, 0, 0, 0, "explicit", "",
                            reported_by=(f"d{k}", "x") if other else (),
                            disputed=((other, other, "day"),) if other else ()))
    return events, rng.choice([600, 800, 1100])


def problems(drawn: dict, left: float, right: float) -> list[str]:
    def apart(a: dict, b: dict) -> bool:
        return a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
    texts, crosses = drawn["texts"], drawn["crosses"]
    out = [f"off the plot: {t['text'][:40]}" for t in texts if t["left"] < left - 0.5 or t["right"] > right + 0.5]
    out += [f"overlap: {t['text'][:40]}" for n, t in enumerate(texts) for o in texts[n + 1:] + crosses
            if not apart(t, o)]
    out += ["cross cut" for c in crosses if c["left"] < left or c["right"] > right]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--charts", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="disputed-"))
    (folder / "plotly.js").write_text(get_plotlyjs(), encoding="utf-8")
    bad = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for n in range(args.charts):
            events, width = chart(rng)
            html = build_figure(events, width=width).to_html(include_plotlyjs="plotly.js")
            (folder / "chart.html").write_text(html, encoding="utf-8")
            page.goto((folder / "chart.html").as_uri())
            page.wait_for_selector(".scatterlayer .textpoint text")
            found = problems(page.evaluate(DRAWN), *page.evaluate(PLOT))
            if found:
                bad += 1
                print(f"chart {n} ({width} px): {'; '.join(found[:3])}")
        browser.close()
    print(f"{bad} of {args.charts} charts with a label off the plot, an overlap or a cut cross")


if __name__ == "__main__":
    main()
