"""Corpus loaders on small inline TimeML and WikiWars snippets (no ../shared needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from benchmarks.corpora import ENV_VAR, TIMEML, WIKIWARS, Gold, corpora_root, load_corpus, parse_document, timex2_type

TIMEML_DOC = (
    '<?xml version="1.0" ?>\r\n<TimeML>\r\n<DOCID>X1</DOCID>\r\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">'
    '19980108</TIMEX3></DCT>\r\n'
    '<TEXT>\r\nAT&amp;T <EVENT eid="e1">said</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> it &lt;will&gt; '
    '<EVENT eid="e2">grow</EVENT> for\r\n<TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than '
    'three years</TIMEX3>.\r\n</TEXT>\r\n</TimeML>\r\n'
)

WIKIWARS_DOC = (
    "<DOC>\n<DOCID>99_Test</DOCID>\n"
    '<DATETIME> <TIMEX2 val="2009-12-19T17:00:00">2009-12-19T17:00:00</TIMEX2> </DATETIME>\n'
    "<TEXT>\nOn <TIMEX2 VAL=\"1939-09-01\">September 1, 1939</TIMEX2> war began; "
    '<TIMEX2 val="P6Y">six years <TIMEX2 val="1945">after 1945</TIMEX2></TIMEX2>, '
    '<TIMEX2 val="1939-09-01T05" mod="START">dawn</TIMEX2> and <TIMEX2 comment="x">then</TIMEX2>.\n'
    "</TEXT>\n</DOC>\n"
)


def test_timeml_text_is_unescaped_untagged_with_lf_line_ends() -> None:
    doc = parse_document(TIMEML_DOC.encode(), "X1", TIMEML)
    assert doc.text == "\nAT&T said Wednesday it <will> grow for\nmore than three years.\n"
    assert doc.published == date(1998, 1, 8)


def test_timeml_gold_offsets_and_attributes() -> None:
    doc = parse_document(TIMEML_DOC.encode(), "X1", TIMEML)
    assert doc.gold == [
        Gold(11, 20, "Wednesday", "DATE", "1998-01-07", None),
        Gold(40, 61, "more than three years", "DURATION", "P3Y", "MORE_THAN"),
    ]
    assert all(doc.text[x.start:x.end] == x.text for x in doc.gold)


def test_wikiwars_scores_outermost_timex2_with_derived_types() -> None:
    doc = parse_document(WIKIWARS_DOC.encode(), "99_Test", WIKIWARS)
    assert doc.published == date(2009, 12, 19)
    assert [(x.text, x.type, x.value, x.mod) for x in doc.gold] == [
        ("September 1, 1939", "DATE", "1939-09-01", None),
        ("six years after 1945", "DURATION", "P6Y", None),
        ("dawn", "TIME", "1939-09-01T05", "START"),
        ("then", "DATE", "", None),
    ]
    assert all(doc.text[x.start:x.end] == x.text for x in doc.gold)
    assert doc.gold[0].start == doc.text.index("September")


@pytest.mark.parametrize(("value", "expected"), [
    ("P3Y", "DURATION"), ("PT2H", "DURATION"), ("1998-01-08T10:00", "TIME"), ("1998-W02", "DATE"),
    ("PRESENT_REF", "DATE"), ("", "DATE"),
])
def test_timex2_type_from_value(value: str, expected: str) -> None:
    assert timex2_type(value) == expected


def test_missing_text_element_is_an_error() -> None:
    with pytest.raises(ValueError, match="no <TEXT>"):
        parse_document(b"<TimeML><DOCID>x</DOCID></TimeML>", "x", TIMEML)


def test_corpora_root_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert corpora_root().parts[-2:] == ("shared", "corpora")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env"))
    assert corpora_root() == tmp_path / "env"
    assert corpora_root(tmp_path / "flag") == tmp_path / "flag"


def test_load_corpus_reads_folders_and_names_docs_by_file(tmp_path: Path) -> None:
    for folder, name in (("TimeBank", "b.tml"), ("TimeBank", "a.tml"), ("AQUAINT", "c.tml")):
        (tmp_path / "TBAQ-cleaned" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "TBAQ-cleaned" / folder / name).write_text(TIMEML_DOC, newline="")
    (tmp_path / "wikiwars-dev").mkdir()
    (tmp_path / "wikiwars-dev" / "99_Test.key.xml").write_text(WIKIWARS_DOC)
    assert [d.id for d in load_corpus("tbaq", tmp_path)] == ["a", "b", "c"]
    assert [d.id for d in load_corpus("aquaint", tmp_path)] == ["c"]
    wikiwars = load_corpus("wikiwars-dev", tmp_path)
    assert [(d.id, len(d.gold)) for d in wikiwars] == [("99_Test", 4)]


def test_load_corpus_rejects_unknown_names_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown corpus"):
        load_corpus("timebankk", tmp_path)
    with pytest.raises(FileNotFoundError, match="te3-platinum"):
        load_corpus("te3-platinum", tmp_path)
