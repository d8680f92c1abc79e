"""The sample article, resolved exactly as a journalist reading it would (golden test)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline_app import extract
from timeline_app.ingest import read_path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_4d8628aadc5fef2d.txt"

EXPECTED_EXPRESSIONS = [
    ("January 26, 2012", "DATE", "2012-01-26", None),
    ("decades", "DURATION", "PXY", None),
    ("seven-month", "DURATION", "P7M", None),
    ("Dec. 16", "DATE", "2011-12-16", None),
    ("that day", "DATE", "2011-12-16", None),
    ("the following day", "DATE", "2011-12-17", None),
    ("the 20th anniversary of Kazakh independence", "DATE", "2011-12-16", None),
    ("more than two decades", "DURATION", "P20Y", "MORE_THAN"),
    ("Wednesday", "DATE", "2012-01-25", None),
    ("this week", "DATE", "2012-W04", None),
    ("71-year-old", "DURATION", "P71Y", None),
]

EXPECTED_EVENTS = [
    (date(1991, 12, 16), date(1991, 12, 16), "day", "inferred", "Kazakh independence"),
    (date(1992, 1, 26), date(2012, 1, 26), "year", "approximate",
     "President Nursultan Nazarbayev's more than two decades in power"),
    (date(2011, 5, 16), date(2011, 12, 16), "month", "approximate", "Seven-month labor dispute"),
    (date(2011, 12, 16), date(2011, 12, 16), "day", "inferred",
     "A seven-month labor dispute between fired oilmen and their employers…"),
    (date(2011, 12, 16), date(2011, 12, 16), "day", "inferred", "16 people were killed"),
    (date(2011, 12, 16), date(2011, 12, 16), "day", "inferred", "The riots broke out"),
    (date(2011, 12, 17), date(2011, 12, 17), "day", "inferred", "Another person died in clashes in a nearby village"),
    (date(2012, 1, 23), date(2012, 1, 29), "week", "inferred", "A newspaper editor detained"),
    (date(2012, 1, 25), date(2012, 1, 25), "day", "inferred",
     "U.S.-based and local human rights groups called for the release…"),
    (date(2012, 1, 26), date(2012, 1, 26), "day", "explicit",
     "Published: Four Officers Prosecuted for Kazakh Riot Shootings"),
]


@pytest.fixture(scope="module")
def result():
    doc = read_path(SEED)
    from timeline_app import extract_document

    return extract_document(doc)


def test_publication_date_is_detected_from_the_dateline(result) -> None:
    assert (result.document.published, result.document.published_source) == (date(2012, 1, 26), "dateline")


def test_expressions(result) -> None:
    got = [(t.text, t.type, t.value, t.mod) for t in result.expressions]
    assert got == EXPECTED_EXPRESSIONS


def test_spans_index_into_the_text(result) -> None:
    for t in result.expressions:
        assert result.document.text[t.start:t.end] == t.text


def test_events(result) -> None:
    got = [(e.start, e.end, e.granularity, e.certainty, e.label) for e in result.events]
    assert got == EXPECTED_EVENTS


def test_no_wrong_readings(result) -> None:
    values = [t.value for t in result.expressions]
    assert not [v for v in values if v.startswith(("2012-12", "2032"))]
    assert not any("20th" in t.text and t.rule.startswith(("day_", "month_")) for t in result.expressions)


def test_explanations_name_their_anchor(result) -> None:
    by_text = {t.text: t for t in result.expressions}
    assert by_text["the following day"].explanation == (
        "the following day: 17 Dec 2011, 1 day after 'Dec. 16' (16 Dec 2011)")
    following = by_text["the following day"].resolution
    assert following is not None and following.anchor is not None
    assert (following.anchor.kind, following.anchor.text, following.rule) == ("expression", "Dec. 16", "following_unit")
    wednesday = by_text["Wednesday"].resolution
    assert wednesday is not None and wednesday.anchor is not None
    assert (wednesday.anchor.kind, wednesday.anchor.value) == ("publication", "2012-01-26")


def test_event_sentences_point_back_to_the_source(result) -> None:
    text = result.document.text
    following = next(e for e in result.events if e.start == date(2011, 12, 17))
    assert text[following.sentence_start:following.sentence_end].startswith("Officially, 16 people were killed")
    assert text[following.sentence_start:following.sentence_end].endswith("the following day.")


def test_the_api_matches_the_file_reader() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert [t.value for t in extract(text).expressions] == [v for _, _, v, _ in EXPECTED_EXPRESSIONS]
