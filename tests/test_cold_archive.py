"""A cold story or chart of many articles: work done once is reused, never changing an answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from timeline_app.pipeline import extract
from timeline_app.sentences import sentence_spans
from timeline_app.serialize import story_to_dict
from timeline_app.story import build_story

# Short articles written for these tests: one happening told twice, a count, a date line.
DOCKS = ("Dock strike ends\n\nPORTMERE, 12 May 2022 - The dock workers ended their strike on Tuesday. "
         "The strike had lasted 26 days. Talks resume on 20 May.\n")
HARBOUR = ("Harbour reopens\n\nThe harbour reopened on Wednesday, a day after the dock workers ended their "
           "strike. Ships queued for two days. Dr. Alva said the port will be busy until June.\n")
EMPTY = "   \n"


@pytest.fixture(scope="module")
def extractions():  # type: ignore[no-untyped-def]
    return [extract(DOCKS, "2022-05-12", doc_id="docks"), extract(HARBOUR, date(2022, 5, 12), doc_id="harbour"),
            extract(EMPTY, "2022-05-12", doc_id="empty")]


def test_an_extraction_carries_the_sentences_the_engine_cut(extractions) -> None:  # type: ignore[no-untyped-def]
    for x in extractions:
        assert list(x.sentences) == sentence_spans(x.document.text)
    assert extractions[0].sentences and extractions[1].sentences


def test_a_story_from_the_engines_sentences_is_the_story_that_cuts_them_again(extractions) -> None:  # type: ignore[no-untyped-def]
    bare = [replace(x, sentences=()) for x in extractions]  # as an extraction made by hand comes
    assert story_to_dict(build_story(extractions)) == story_to_dict(build_story(bare))
    assert build_story(extractions).events == build_story(bare).events
    assert len(build_story(extractions).events) >= 3
