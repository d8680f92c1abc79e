"""Web-page chrome: footers never become events, section labels never become headlines."""

from __future__ import annotations

import pytest

from timeline_app.chrome import is_footer, is_chrome
from timeline_app.ingest import document_from_text, read_document
from timeline_app.pipeline import extract


@pytest.mark.parametrize("line, footer", [
    ("Copyright 2023 Example News. All rights reserved.", True),
    ("© 2021 Harbour Media Ltd", True),
    ("Advertisement", True),
    ("Share this on Facebook", True),
    ("Share | Tweet | Email", True),
    ("The copyright lawsuit was filed on 3 May 2021.", False),
    ("Shares rose 5% on Monday.", False),
    ("Photo: A storm flooded the harbour of Portmere on 2 March.", False),
])
def test_footer_lines(line: str, footer: bool) -> None:
    assert is_footer(line) is footer


def test_a_copyright_line_is_no_event() -> None:
    x = extract("Blast traps miners\n\nAn explosion on Sunday trapped 22 miners.\n\n"
                "Copyright 2023 Example News. All rights reserved.", "2023-01-12")
    assert [(e.label, e.start.isoformat()) for e in x.events] == [("An explosion trapped 22 miners", "2023-01-08")]


@pytest.mark.parametrize("title", ["Advertisement", "World", "Sports news", "Skip to main content"])
def test_section_labels_are_not_headlines(title: str) -> None:
    assert is_chrome(title)
    assert document_from_text(f"{title}\n\nBlast traps miners\n\nAn explosion on Sunday.").title == "Blast traps miners"


def test_an_html_title_that_is_chrome_gives_way_to_the_headline() -> None:
    page = b"<html><head><title>Advertisement</title></head><body><h1>Blast traps 22 miners</h1><p>x</p></body></html>"
    assert read_document(page, "page.html").title == "Blast traps 22 miners"
