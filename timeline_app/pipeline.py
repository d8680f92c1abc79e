"""The one pipeline every interface runs: document -> expressions -> events.

The app, the CLI, batch mode and the Python API all call ``extract_document``, so a
date resolved in the terminal is the date drawn in the browser.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from .collector import collector_paused
from .events import build_events
from .identity import document_id
from .ingest import truncation_note
from .links import link
from .model import Document, Extraction
from .published import detect_published
from .resolver import resolve
from .sentences import sentence_spans
from .tagger import tag

log = logging.getLogger(__name__)
EXTRACTION_FAILED = ("Dates could not be extracted from this article because of a bug in the date engine; "
                     "it has been logged for the developers.")
NO_DATE_WARNING = ("No publication date was given or found: expressions such as 'yesterday' "
                   "or 'on Wednesday' are left unresolved.")


def _coerce(published: date | str | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    return date.fromisoformat(published)


def extract(text: str, published: date | str | None = None, *, doc_id: str | None = None,
            source: str | None = None, title: str | None = None) -> Extraction:
    """Find, resolve and explain every date in ``text``.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative expressions; when it is
    None the publication date is detected from the text (dateline, "Published ..."),
    and if none is found, relative expressions stay unresolved — never today's date.
    Without ``doc_id`` the document is named by its text, as the app and the CLI name it.
    """
    pub = _coerce(published)
    doc = Document(text=text, published=pub, published_source="given" if pub else None,
                   id=doc_id or document_id(text), source=source, title=title)
    return extract_document(doc)


def with_detected_date(doc: Document) -> Document:
    """Fill the publication date from the article itself when the caller gave none."""
    if doc.published is not None:
        return doc
    found = detect_published(doc.text)
    if found is None:
        return doc
    return replace(doc, published=found[0], published_source=found[1])


def extract_document(doc: Document) -> Extraction:
    """Run tagging, resolution, linking and event building on one document.

    A bug anywhere in the engine costs this article its dates, never the page, the batch
    or the other articles: it is logged with its traceback and the Extraction says so.
    """
    try:
        with collector_paused():  # the engine makes no cycles; the collector's scans cost a fifth of a large article
            return _extract(doc)
    except Exception:  # noqa: BLE001 - the one place an engine bug becomes a report, not a crash
        log.exception("bug: date extraction failed for document %r (%d characters); please report it",
                      doc.id, len(doc.text))
        return Extraction(doc, error=EXTRACTION_FAILED)


def _extract(doc: Document) -> Extraction:
    if not doc.text.strip():
        return Extraction(doc)
    doc = with_detected_date(doc)
    sentences = sentence_spans(doc.text)
    mentions = tag(doc.text, sentences=sentences)
    timexes = resolve(doc.text, mentions, doc.published)
    derived = link(doc.text, timexes, sentences, doc.published)
    events = build_events(doc, timexes, derived, sentences)
    warnings = tuple(w for w in (None if doc.published else NO_DATE_WARNING, truncation_note(doc)) if w)
    return Extraction(doc, tuple(timexes), tuple(events), warnings, sentences=tuple(sentences))
