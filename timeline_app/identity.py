"""Content-derived identity: the same article, and the same date in it, get the same id everywhere.

Why: a journalist's corrections are stored against event ids. If the app named a
document by its upload bytes and the CLI by its file name, or if an event were
"the third expression", a correction saved in one place would not find its event in
another, or would silently land on a different event once a publication date change
or an engine upgrade shifted the list. So:

* a document's id is a digest of its text as shown (Unicode NFC, runs of white space
  folded), so a paste, an upload and a CLI file of the same article agree;
* an event's id is its document id plus the expression that yields it: the span,
  a digest of the words at that span, and which of the expression's events it is
  (``PART_DATE`` for the date itself, ``PART_IMPLIED`` for the date a duration,
  anniversary or range implies). Nothing in it depends on list positions or on the
  resolved date, so it survives re-resolution; if the expression itself changes the
  id changes, and the correction is reported stale instead of being misapplied.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

DOC_ID_CHARS = 12
_TEXT_DIGEST_CHARS = 6
PART_DATE = "date"
PART_IMPLIED = "implied"


def _digest(text: str) -> str:
    """Lone surrogates (from a broken paste or a mangled file) still name the text, never raise."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=4096)
def _words_digest(text: str) -> str:
    """The digest part of an event id (memoised: fixture lists and live blogs repeat their dates' words)."""
    return _digest(text)[:_TEXT_DIGEST_CHARS]


def document_id(text: str) -> str:
    """The id of an article's text: equal for equal wording, whatever the file or line endings."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return _digest(folded)[:DOC_ID_CHARS]


def event_id(doc_id: str, start: int, end: int, text: str, part: str = PART_DATE) -> str:
    """``doc:start-end:digest`` for an expression's own date, with ``:implied`` for the date it implies."""
    base = f"{doc_id}:{start}-{end}:{_words_digest(text)}"
    return base if part == PART_DATE else f"{base}:{part}"


def is_implied(event_id_: str) -> bool:
    """True for an event implied by its expression (a duration's start, an anniversary's origin, a range)."""
    return event_id_.endswith(f":{PART_IMPLIED}")
