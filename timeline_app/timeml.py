"""TimeML out: the article with inline TIMEX3 tags, as TempEval-3 tools read it.

The publication date is the document creation time (``<DCT>``, ``functionInDocument=
"CREATION_TIME"``, tid ``t0``); every expression becomes ``<TIMEX3 tid type value [mod]>``
around its exact characters inside ``<TEXT>``. ``temporalFunction``/``anchorTimeID`` say
whether a value was computed from the DCT or from another expression.

The text content of ``<TEXT>``, as an XML parser returns it, is the article text, so
TempEval offsets into our output are our offsets. Two things make that hold for any text:
markup characters are escaped, and a carriage return is written ``&#13;`` (a parser would
turn a literal one into a newline). Characters that XML 1.0 cannot carry at all (NUL and
other control characters, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, one for one, so
offsets still agree. Expressions that overlap an earlier one cannot be inline tags and are
left out (the tagger does not produce them).
"""

from __future__ import annotations

import re

from .model import Extraction, Timex

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>\r"\n\t]')

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n')


def xml_text(text: str) -> str:
    """Character data that an XML parser reads back as ``text`` (U+FFFD for what XML cannot hold)."""
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m[0]], _NOT_XML.sub("\ufffd", text))


def xml_attr(value: str) -> str:
    """A double-quoted attribute value, read back unchanged (no whitespace normalisation)."""
    return '"' + _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m[0]], _NOT_XML.sub("\ufffd", value)) + '"'


def _attributes(pairs: list[tuple[str, str | None]]) -> str:
    return "".join(f" {name}={xml_attr(value)}" for name, value in pairs if value is not None)


def _inline(x: Extraction) -> list[tuple[int, Timex]]:
    """(index, expression) in text order, leaving out empty spans and overlaps."""
    kept: list[tuple[int, Timex]] = []
    end = 0
    ordered = sorted(enumerate(x.expressions), key=lambda item: (item[1].start, -item[1].end))
    for index, t in ordered:
        if t.start >= end and t.end > t.start and t.end <= len(x.document.text):
            kept.append((index, t))
            end = t.end
    return kept


def _timex_tag(tid: str, t: Timex, tids: dict[int, str]) -> str:
    anchor = t.resolution.anchor if t.resolution else None
    anchor_tid = None
    if anchor is not None and anchor.kind == "publication" and t.type != "DURATION":
        anchor_tid = "t0"
    elif anchor is not None and anchor.kind == "expression" and anchor.expression is not None:
        anchor_tid = tids.get(anchor.expression)
    return "<TIMEX3" + _attributes([
        ("tid", tid), ("type", t.type), ("value", t.value), ("mod", t.mod),
        ("temporalFunction", "true" if anchor_tid else "false"), ("anchorTimeID", anchor_tid),
    ]) + ">"


def to_timeml(x: Extraction) -> str:
    """The extraction as one TimeML document (a str; write it as UTF-8)."""
    doc = x.document
    inline = _inline(x)
    tids = {index: f"t{n}" for n, (index, _) in enumerate(inline, start=1)}
    parts = [HEADER, f"<DOCID>{xml_text(doc.id)}</DOCID>\n"]
    if doc.published is not None:
        day = doc.published.isoformat()
        parts.append("<DCT><TIMEX3" + _attributes([
            ("tid", "t0"), ("type", "DATE"), ("value", day), ("temporalFunction", "false"),
            ("functionInDocument", "CREATION_TIME")]) + f">{day}</TIMEX3></DCT>\n")
    parts.append("<TEXT>")
    at = 0
    for index, t in inline:
        parts.append(xml_text(doc.text[at:t.start]))
        parts.append(_timex_tag(tids[index], t, tids) + xml_text(doc.text[t.start:t.end]) + "</TIMEX3>")
        at = t.end
    parts.append(xml_text(doc.text[at:]) + "</TEXT>\n</TimeML>\n")
    return "".join(parts)
