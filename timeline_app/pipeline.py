"""The pipeline every interface runs: document -> expressions -> events.

TEMPORARY STUB: finds only "Month D, YYYY" dates so that other stages can be
built against the real types. Replaced by the tagger/resolver.
"""

from __future__ import annotations

import re
from datetime import date

from .model import Anchor, Document, Event, Extraction, Resolution, Timex

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_RX = re.compile(r"\b(" + "|".join(m.capitalize() for m in _MONTHS) + r") (\d{1,2}), (\d{4})\b")


def _coerce(published: date | str | None) -> date | None:
    if published is None or isinstance(published, date):
        return published
    return date.fromisoformat(published)


def extract(text: str, published: date | str | None = None, *, doc_id: str = "doc",
            source: str | None = None, title: str | None = None) -> Extraction:
    """Run the whole pipeline on one text; ``published`` anchors relative dates."""
    pub = _coerce(published)
    doc = Document(text=text, published=pub, published_source="given" if pub else None,
                   id=doc_id, source=source, title=title)
    return extract_document(doc)


def extract_document(doc: Document) -> Extraction:
    timexes: list[Timex] = []
    events: list[Event] = []
    for m in _RX.finditer(doc.text):
        d = date(int(m[3]), _MONTHS.index(m[1].lower()) + 1, int(m[2]))
        res = Resolution(d, d, "day", "explicit", "stub", Anchor("none"), f"{m[0]}: explicit date")
        timexes.append(Timex(m.start(), m.end(), m[0], "DATE", d.isoformat(), None, "stub", res))
        s = doc.text.rfind(".", 0, m.start()) + 1
        e = doc.text.find(".", m.end())
        e = len(doc.text) if e < 0 else e + 1
        events.append(Event(f"{doc.id}:{len(timexes) - 1}", doc.id, d, d, "day",
                            doc.text[s:e].strip()[:60], s, e, len(timexes) - 1, "explicit",
                            res.explanation, "stub"))
    return Extraction(doc, tuple(timexes), tuple(events))
