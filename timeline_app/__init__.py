"""timeline_app: find, resolve and explain every date in news articles.

The one entry point most callers need::

    from timeline_app import extract
    result = extract(text, published="2012-01-26")
    for event in result.events:
        print(event.start, event.label, event.explanation)
"""

from .model import Anchor, Document, Event, Extraction, Resolution, Timeline, Timex
from .pipeline import extract, extract_document

__all__ = [
    "Anchor", "Document", "Event", "Extraction", "Resolution", "Timeline", "Timex",
    "extract", "extract_document",
]
