"""Articles made by hypothesis for the story's property tests: sentences with a date phrase, one story."""

from __future__ import annotations

from hypothesis import strategies as st

from timeline_app.model import Extraction
from timeline_app.pipeline import extract

Article = list[tuple[str, str]]  # (a sentence with "{d}" where its date goes, the date phrase)


def articles(sentences: st.SearchStrategy[str], dates: st.SearchStrategy[str],
             per_article: int) -> st.SearchStrategy[list[Article]]:
    """One to four articles of one to ``per_article`` dated sentences each."""
    return st.lists(st.lists(st.tuples(sentences, dates), min_size=1, max_size=per_article), min_size=1, max_size=4)


def extracted(made: list[Article]) -> list[Extraction]:
    """Each article extracted as published on 5 March 2021, under its own id."""
    return [extract("Report\n\n" + " ".join(s.format(d=d) for s, d in sentences), "2021-03-05", doc_id=f"d{n}")
            for n, sentences in enumerate(made)]
