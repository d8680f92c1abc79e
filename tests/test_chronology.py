"""The chronology list and the chart's text alternative: exact lines, date order, grouped by date."""

from __future__ import annotations

from datetime import date

from timeline_app.chronology import Day, Entry, chronology, list_markdown, summary
from timeline_app.model import Document, Event

DOC = Document("x", date(2012, 1, 26), "given", "mt", None, "The Moscow Times")
AP = Document("y", date(2012, 2, 1), "given", "ap", None, "AP")


def ev(key: str, start: date, end: date, label: str, doc: str = "mt", granularity: str = "day",
       certainty: str = "inferred", rule: str = "") -> Event:
    return Event(key, doc, start, end, granularity, label, 0, 0, 0, certainty, "", rule)  # type: ignore[arg-type]


EVENTS = [
    ev("mt:2", date(2011, 12, 17), date(2011, 12, 17), "Another death"),
    ev("mt:1", date(2011, 12, 16), date(2011, 12, 16), "Riots broke out"),
    ev("ap:1", date(2011, 12, 16), date(2011, 12, 16), "Curfew", doc="ap", certainty="explicit"),
    ev("mt:0", date(2011, 5, 16), date(2011, 12, 16), "Labour dispute", granularity="month", certainty="approximate"),
    ev("mt:9", date(2012, 1, 25), date(2012, 1, 25), "Release demanded", rule="manual-label"),
]


def test_one_line_per_event_in_date_order_grouped_by_date() -> None:
    assert chronology(EVENTS, [DOC, AP]) == [
        Day("≈ May–Dec 2011", (Entry("mt:0", "≈ May–Dec 2011", "Labour dispute", "The Moscow Times", "approximate"),)),
        Day("16 Dec 2011", (Entry("ap:1", "16 Dec 2011", "Curfew", "AP", "stated"),
                            Entry("mt:1", "16 Dec 2011", "Riots broke out", "The Moscow Times", "worked out"))),
        Day("17 Dec 2011", (Entry("mt:2", "17 Dec 2011", "Another death", "The Moscow Times", "worked out"),)),
        Day("25 Jan 2012", (Entry("mt:9", "25 Jan 2012", "Release demanded", "The Moscow Times", "edited by you"),)),
    ]


def test_markdown_escapes_what_markdown_would_read() -> None:
    hostile = [ev("mt:5", date(2011, 12, 16), date(2011, 12, 16), "*Bold* <script>x</script> [link](y)")]
    text = list_markdown(chronology(hostile, [DOC]), "A_title", "Sources: The Moscow Times")
    assert text == ("# A\\_title\n\n**16 Dec 2011**\n"
                    "- \\*Bold\\* \\<script\\>x\\</script\\> \\[link\\](y) (The Moscow Times; worked out)\n\n"
                    "_Sources: The Moscow Times_\n")


def test_summary_says_what_the_chart_shows() -> None:
    assert summary(EVENTS, [DOC, AP]) == (
        "Timeline of 5 events from 2 articles, from ≈ May–Dec 2011 to 25 Jan 2012. "
        "Most of them (4) fall between 16 Dec 2011 and 25 Jan 2012. Busiest date: 16 Dec 2011 (2 events). "
        "First: ≈ May–Dec 2011, Labour dispute. Last: 25 Jan 2012, Release demanded. "
        "Sources: The Moscow Times, published 26 Jan 2012; AP, published 1 Feb 2012.")
    assert summary([], []) == "The timeline has no dated events."
