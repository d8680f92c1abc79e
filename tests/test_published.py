"""Publication date detection: the anchor for every relative date."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from timeline_app.published import (
    JSONLD_KEY,
    TIME_KEY,
    detect_published,
    first_jsonld_date,
    parse_date,
)

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4d8628aadc5fef2d.txt"
JAN26 = date(2012, 1, 26)


def test_seed_dateline_beats_its_url() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert "/2012/01/26/" in text
    assert detect_published(text) == (JAN26, "dateline")


@pytest.mark.parametrize(("key", "value", "source"), [
    ("article:published_time", "2012-01-26T23:30:00-05:00", "meta article:published_time"),
    ("og:published_time", "2012-01-26", "meta og:published_time"),
    (JSONLD_KEY, "2012-01-26T10:00:00Z", "JSON-LD datePublished"),
    ("datePublished", "2012-01-26", "meta itemprop datePublished"),
    (TIME_KEY, "2012-01-26T09:15", "<time> datetime"),
    ("date", "Thu, 26 Jan 2012 10:00:00 GMT", "meta date"),
    ("DC.date.issued", "26 January 2012", "meta DC.date.issued"),
    ("sailthru.date", "2012-01-26 10:00:00", "meta sailthru.date"),
    ("parsely-pub-date", "2012-01-26T10:00:00Z", "meta parsely-pub-date"),
])
def test_each_meta_source(key: str, value: str, source: str) -> None:
    assert detect_published("", html_meta={key: value}) == (JAN26, source)


def test_meta_priority_and_fallthrough() -> None:
    meta = {"date": "2012-01-20", "article:published_time": "2012-01-26",
            "og:published_time": "yesterday"}
    assert detect_published("Published March 3, 2011", html_meta=meta) == (
        JAN26, "meta article:published_time")
    bad = {"article:published_time": "0001-01-01T00:00:00Z", "date": "tomorrow"}
    assert detect_published("Posted March 3, 2011", html_meta=bad) == (
        date(2011, 3, 3), "'Posted' line")


@pytest.mark.parametrize(("text", "expected"), [
    ("Riot trial\nPublished: Thursday, January 26, 2012 10:42 AM", (JAN26, "'Published' line")),
    ("Posted on 26th of January, 2012 by staff", (JAN26, "'Posted' line")),
    ("**First published** Jan 26 2012", (JAN26, "'Published' line")),
    ("Updated: 2012-01-26", (JAN26, "'Updated' line")),
    ("January 26, 2012\n\nUpdated 27 January 2012", (JAN26, "dateline")),
    ("Updated 27 January 2012\nText\nPublished 26 January 2012",
     (JAN26, "'Published' line")),
    (("Headline\nJan. 26, 2012\nPosted on Facebook on January 3, 2012, the video showed police "
      "shooting at protesters fleeing across a square."), (JAN26, "dateline")),
    ("Published: Thursday, January 26, 2012 10:42 AM EST | Updated: 11:30 AM EST",
     (JAN26, "'Published' line")),
])
def test_published_lines(text: str, expected: tuple[date, str]) -> None:
    assert detect_published(text) == expected


@pytest.mark.parametrize("line", [
    "January 26, 2012", "26 January 2012", "Jan. 26, 2012", "Jan 26, 2012 10:42 AM",
    "2012-01-26", "Thursday, January 26, 2012", "Thu 26 Jan 2012", "JANUARY 26, 2012",
    "ALMATY, Jan. 26, 2012 /PRNewswire/ -- Kazakhstan", "## January 26th, 2012",
])
def test_dateline_variants(line: str) -> None:
    assert detect_published(f"Four officers prosecuted\n\n{line}\n\nALMATY - Text.") == (
        JAN26, "dateline")


def test_dateline_must_be_near_the_top() -> None:
    text = "Headline\n\n" + "Filler words. " * 60 + "\nJanuary 26, 2012 was a Thursday."
    assert detect_published(text) is None


def test_date_inside_a_sentence_is_not_a_dateline() -> None:
    assert detect_published("Police said on January 26, 2012 that four men died.") is None


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.themoscowtimes.com/2012/01/26/four-officers-a12", JAN26),
    ("http://www.theguardian.com/world/2012/jan/26/kazakhstan-riots", JAN26),
    ("www.example.com/news/2012/1/26", JAN26),
    ("https://example.com/2012/02/31/impossible", None),
])
def test_url_dates(url: str, expected: date | None) -> None:
    found = detect_published(f"Story text.\n\nOriginal url: {url}\n")
    assert found == ((expected, "URL") if expected else None)


@pytest.mark.parametrize("text", [
    "", "No date in this article at all.", "yesterday", "Published yesterday",
    "February 31, 2012", "Published: February 30, 2012", "Jan 2012", "0001-01-01",
    "Posted 3 days ago",
])
def test_nothing_reliable_gives_none(text: str) -> None:
    assert detect_published(text) is None


@pytest.mark.parametrize(("value", "expected"), [
    ("2012-01-26", JAN26), ("20120126", JAN26), ("2012-01-26T23:30:00-05:00", JAN26),
    ("Thu, 26 Jan 2012 10:00:00 GMT", JAN26), ("Thursday, January 26, 2012 4:15 PM EST", JAN26),
    ("yesterday", None), ("today", None), ("1327572000", None), ("January 2012", None),
    ("February 31, 2012", None), ("", None), ("x" * 500, None),
])
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_first_jsonld_date() -> None:
    assert first_jsonld_date('[{"@graph": [{"a": {"datePublished": "2012-01-26"}}]}]') == (
        "2012-01-26")
    assert first_jsonld_date('{"dateModified": "2012-01-27"}') is None
    assert first_jsonld_date("{not json") is None
    assert first_jsonld_date("[" * 100_000 + "]" * 100_000) is None


def test_dateparser_is_imported_lazily() -> None:
    """Importing the package and parsing ISO dates must not pay for dateparser."""
    code = ("import sys, timeline_app.ingest as i; "
            "d = i.document_from_text('2012-01-26\\nText'); "
            "print(d.published, sorted({'dateparser', 'lxml', 'docx', 'pypdf'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent, check=True)
    assert run.stdout.strip() == "2012-01-26 []"


@pytest.mark.parametrize(("line", "expected", "source"), [
    ("Submit by City Wire on 20.05.2003", date(2003, 5, 20), "'Submit' line"),
    ("Created: Jan 26, 2012 09:27 AM (Updated: Jan 26, 2012 08:57 PM)", JAN26, "'Created' line"),
    ("Wire Agency, January 26, 2012", JAN26, "date line"),
    ("January 26, 2012 / 8:22 AM / Updated 21 hours ago", JAN26, "dateline"),
    ("01/26/12", JAN26, "dateline"),
    ("26/01/2012", JAN26, "dateline"),
    ("26.01.2012 14:35", JAN26, "dateline"),
    ("2012/01/26", JAN26, "dateline"),
    ("26-01-2012 18:01 IST", JAN26, "dateline"),
    ("01-26-2012", JAN26, "dateline"),
])
def test_web_date_stamps(line: str, expected: date, source: str) -> None:
    assert detect_published(f"Ferry service resumes\n{line}\n\nThe ferry ran on Monday.") == (expected, source)


def test_a_long_line_with_a_date_is_a_sentence_not_a_stamp() -> None:
    text = "Ferry news\n\nThe ferry that first sailed on January 26, 2012 to the islands is for sale again this week."
    assert detect_published(text) is None


def test_yearless_dateline_takes_the_year_from_the_page() -> None:
    body = "Headline\n\nHARBOUR CITY, Jan 26 (Wire) - The firm said on Thursday it expects a 2012 close."
    assert detect_published(body) == (JAN26, "dateline (year from the page)")
    assert detect_published(body + "\n\n© 2011 Wire") == (date(2011, 1, 26), "dateline (year from the page)")
    assert detect_published("Headline\n\nHARBOUR CITY, Jan 26 (Wire) - No year anywhere.") is None


def test_a_short_sentence_with_a_date_is_not_a_date_stamp() -> None:
    assert detect_published("It rained on 5 May 2001, for two days.") is None


def test_the_metadata_words_and_month_names_are_language_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """published.py builds its patterns from rules/chrome_en.toml and the language file's words.month:
    with German words there, a "Veröffentlicht am 3 März 2012" line is read and the English one is not."""
    import importlib

    from timeline_app import chrome, grammar, published

    page = dict(chrome._data(), published_line=["veröffentlicht"])
    language = grammar.language_data()
    german = {**language, "words": {**language["words"], "month": {"märz": 3}}}
    text = "By Staff Writers\n{} 3 {} 2012 by Hans Meier and friends from the city\n\nThe text."
    english, deutsch = text.format("Published on", "March"), text.format("Veröffentlicht am", "März")
    assert (published.detect_published(english), published.detect_published(deutsch)) == (
        (date(2012, 3, 3), "'Published' line"), None)
    monkeypatch.setattr(chrome, "_data", lambda: page)
    monkeypatch.setattr(grammar, "language_data", lambda: german)
    try:
        importlib.reload(published)
        assert (published.detect_published(english), published.detect_published(deutsch)) == (
            None, (date(2012, 3, 3), "'Veröffentlicht' line"))
    finally:
        monkeypatch.undo()
        importlib.reload(published)
    assert published.detect_published(english) == (date(2012, 3, 3), "'Published' line")


def test_a_dashed_date_that_reads_both_ways_is_no_stamp() -> None:
    assert detect_published("Ferry service resumes\n05-06-2012\n\nThe ferry ran on Monday.") is None


@pytest.mark.parametrize(("body", "expected"), [
    # a page that names its months after their days stamps itself day first (a British page)
    ("Nominations close at 5pm on 10 June.", date(2019, 6, 7)),
    # one that names a month before its day, or none at all, month first as before
    ("Nominations close on 10 June; the result comes on July 22.", date(2019, 7, 6)),
    ("Nominations close on Monday.", date(2019, 7, 6)),
])
def test_a_slash_stamp_either_way_round_is_read_as_the_page_writes_its_dates(body: str, expected: date) -> None:
    assert detect_published(f"Leader resigns\nWritten on 07/06/2019\n\n{body}") == (expected, "date line")
