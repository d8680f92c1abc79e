"""TimeML out: what we write, the benchmark's own TimeML reader reads back unchanged."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpora import TIMEML, parse_document
from timeline_app import extract
from timeline_app.cli import main
from timeline_app.timeml import to_timeml, xml_attr

TEXT = ("Officials said on Monday, Jan. 23, that the strike began seven months ago, in June 2011.\n"
        "The talks resume next week.")


def _expressions(x):
    return [(t.start, t.end, t.text, t.type, t.value, t.mod) for t in x.expressions]


def _read_back(xml: str, doc_id: str = "doc"):
    doc = parse_document(xml.encode("utf-8"), doc_id, TIMEML)
    return doc, [(g.start, g.end, g.text, g.type, g.value, g.mod) for g in doc.gold]


def test_round_trip_gives_the_same_text_and_expressions():
    x = extract(TEXT, published="2012-01-26")
    assert len(x.expressions) >= 4  # Monday, Jan. 23, seven months ago / June 2011, next week
    doc, gold = _read_back(to_timeml(x))
    assert doc.text == TEXT
    assert doc.published == date(2012, 1, 26)
    assert gold == _expressions(x)


def test_dct_is_the_creation_time_and_tids_are_unique():
    root = ET.fromstring(to_timeml(extract(TEXT, published="2012-01-26")))
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("functionInDocument") == "CREATION_TIME" and dct.get("tid") == "t0"
    assert dct.get("value") == "2012-01-26"
    tids = [t.get("tid") for t in root.iter("TIMEX3")]
    assert len(tids) == len(set(tids))
    relative = [t for t in root.find("TEXT").iter("TIMEX3") if t.text == "next week"]
    assert relative and relative[0].get("temporalFunction") == "true" and relative[0].get("anchorTimeID") == "t0"


def test_mod_is_written():
    x = extract("The strike lasted more than six weeks.", published="2012-01-26")
    assert any(t.mod for t in x.expressions)
    _, gold = _read_back(to_timeml(x))
    assert gold == _expressions(x)


def test_no_publication_date_means_no_dct():
    x = extract("It rained on 5 May 2001, for two days.")
    assert x.document.published is None
    doc, gold = _read_back(to_timeml(x))
    assert doc.published is None and gold == _expressions(x) and len(gold) == 2


HOSTILE = ('<script>alert("x")</script> & &amp; ]]> <![CDATA[ "q" \'a\'\r\n'
           "On 5 May 2001 <b>it</b> rained\x00\x07 for two days.\r\nThe end\u2028\ufffe.")


def test_hostile_text_is_escaped_and_offsets_hold():
    x = extract(HOSTILE, published="2001-05-08", doc_id='a"<b>&c')
    xml = to_timeml(x)
    assert "<script>" not in xml and "<b>" not in xml
    doc, gold = _read_back(xml)
    expected_text = HOSTILE.replace("\x00", "\ufffd").replace("\x07", "\ufffd").replace("\ufffe", "\ufffd")
    assert doc.text == expected_text  # \r kept as &#13;, unrepresentable characters one for one
    assert [g[:2] for g in gold] == [e[:2] for e in _expressions(x)]
    assert any(g[2] == "5 May 2001" for g in gold)
    assert ET.fromstring(xml).findtext("DOCID") == 'a"<b>&c'


def test_attribute_escaping_round_trips():
    value = 'a"b<c>&d\ne\tf\rg'
    element = ET.fromstring(f"<x v={xml_attr(value)}/>")
    assert element.get("v") == value


def _xml_char(c: str) -> bool:
    """XML 1.0's Char production."""
    n = ord(c)
    return c in "\t\n\r" or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or n >= 0x10000


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120).map(lambda s: s + " on 3 March 2010, two days later"))
def test_any_text_round_trips(text):
    x = extract(text, published="2010-03-05")
    doc, gold = _read_back(to_timeml(x))
    assert doc.text == "".join(c if _xml_char(c) else "\ufffd" for c in text)
    assert [g[:2] + g[3:] for g in gold] == [e[:2] + e[3:] for e in _expressions(x)]


def test_cli_extract_format_timeml(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(path), "--published", "2012-01-26", "--format", "timeml"]) == 0
    out = capsys.readouterr().out
    doc, gold = _read_back(out)
    assert doc.published == date(2012, 1, 26)
    assert [g[2] for g in gold] == [t.text for t in extract(doc.text, published="2012-01-26").expressions]


@pytest.mark.parametrize("bad", ["\ud800", "\udfff"])
def test_lone_surrogates_become_replacement_characters(bad):
    x = extract(f"On 5 May 2001{bad} it rained.", published="2001-05-08")
    doc, _ = _read_back(to_timeml(x))
    assert doc.text == "On 5 May 2001\ufffd it rained."
