"""Abbreviations and ordinals come from the language data (rules/en.toml), checked at load."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from timeline_app import extract
from timeline_app.calendar_words import day_number, ordinal_number
from timeline_app.grammar import RULES_PATH, check_language_data, load_grammar
from timeline_app.sentences import sentence_spans

WORDS = load_grammar().words


# (a clock's "a.m."/"p.m." end a sentence before a capitalised word that is no day or zone:
# tests/test_sentences_labels.py)
@pytest.mark.parametrize("abbreviation", sorted(k for k, kind in WORDS["abbreviation"].items() if kind != "time"))
def test_every_listed_abbreviation_keeps_its_sentence_whole(abbreviation: str) -> None:
    text = f"They met the {abbreviation.capitalize()}. Smith group today. Nothing else happened."
    assert len(sentence_spans(text)) == 2


def test_an_unlisted_word_before_a_period_ends_the_sentence() -> None:
    assert "zork" not in WORDS["abbreviation"]
    assert len(sentence_spans("They met the Zork. Smith group today.")) == 2


@pytest.mark.parametrize(("word", "n"), [
    ("first", 1), ("twelfth", 12), ("twenty-first", 21), ("thirty-first", 31), ("thirtieth", 30),
    ("3rd", 3), ("0th", None), ("Fortieth", 40), ("last", None), ("final", None), ("latest", None), ("former", None),
])
def test_ordinal_numbers(word: str, n: int | None) -> None:
    assert ordinal_number(word) == n


def test_day_words_and_quarters_read_the_same_ordinals() -> None:
    assert day_number("thirty-first") == 31 and day_number("16th") == 16
    values = [t.value for t in extract("Sales rose in the third quarter and fell in the 4th quarter.",
                                       published="2012-01-26").expressions]
    assert values == ["2011-Q3", "2011-Q4"]


@pytest.mark.parametrize(("ordinal", "year"), [("20th", 1991), ("fifteenth", 1996), ("fortieth", 1971)])
def test_an_ordinal_anniversary_links_to_its_origin(ordinal: str, year: int) -> None:
    result = extract(f"The riots broke out on Dec. 16, on the {ordinal} anniversary of Kazakh independence.",
                     published="2011-12-17")
    origins = [(e.start.year, e.label) for e in result.events if e.rule == "anniversary_origin"]
    assert origins == [(year, "Kazakh independence")]


def _data() -> dict:
    return tomllib.loads(RULES_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("table", "key", "value", "message"), [
    ("ordinal", "first", "one", "values must be int"),
    ("ordinal", "second", True, "values must be int"),
    ("abbreviation", "gen", "general", "kinds must be one of"),
    ("abbreviation", "Gen", "title", "keys must be lower case"),
])
def test_the_schema_check_names_the_table_at_fault(table: str, key: str, value: object, message: str) -> None:
    data = _data()
    data["words"][table][key] = value
    with pytest.raises(ValueError, match=rf"words\.{table}.*{message}"):
        check_language_data(data, Path("xx.toml"))


def test_the_schema_check_wants_every_section_and_table() -> None:
    data = _data()
    del data["words"]["abbreviation"]
    with pytest.raises(ValueError, match="missing table words.abbreviation"):
        check_language_data(data, Path("xx.toml"))
    del data["macros"]
    with pytest.raises(ValueError, match="missing section"):
        check_language_data(data, Path("xx.toml"))


def test_the_shipped_language_file_passes_and_a_broken_one_is_refused_at_load(tmp_path: Path) -> None:
    check_language_data(_data(), RULES_PATH)
    broken = tmp_path / "xx.toml"
    broken.write_text(RULES_PATH.read_text(encoding="utf-8").replace('mr = "title"', 'mr = 7'), encoding="utf-8")
    with pytest.raises(ValueError, match="words.abbreviation"):
        load_grammar(broken)


def test_tense_cues_come_from_the_language_data() -> None:
    from timeline_app.tense import tense_at

    cues = load_grammar().tense
    assert "slated" in cues["future"] and "said" in cues["past"]
    text = "The vote is slated for Monday."
    assert tense_at(text, text.index("Monday"), len(text) - 1) == "future"


def test_a_tense_table_of_the_wrong_kind_is_refused() -> None:
    data = _data()
    data["tense"]["someday"] = ["maybe"]
    with pytest.raises(ValueError, match="tense.someday"):
        check_language_data(data, Path("xx.toml"))


@pytest.mark.parametrize(("table", "key", "value", "message"), [
    ("weekday_rel", "next", [1, "deictic", "soon"], "values must be"),
    ("rel", "last", [-1, "yesterday"], "values must be"),
    ("word_before", "payable", ["soon"], "values must be lists"),
    ("month", "june", 13, "numbers must be 1-12"),
    ("weekday", "monday", 7, "numbers must be 0"),
])
def test_the_meaning_tables_are_checked(table: str, key: str, value: object, message: str) -> None:
    data = _data()
    data["words"][table][key] = value
    with pytest.raises(ValueError, match=rf"words\.{table}.*{message}"):
        check_language_data(data, Path("xx.toml"))


def test_the_duration_links_read_their_words_from_the_language_data(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """[guard_words].start_words and ongoing_after drive links.py: with other words listed, the
    English ones stop counting and the new ones start."""
    from timeline_app import links

    def rules(text: str) -> list[str]:
        return [e.rule for e in extract(text, published="2012-01-26").events if e.rule.startswith("duration")]

    began, erupted = "A seven-month strike began on Dec. 16, 2011.", "A seven-month strike erupted on Dec. 16, 2011."
    ruled, saddled = "He spent 20 years in power.", "He spent 20 years in the saddle."
    assert (rules(began), rules(erupted)) == (["duration_starting_at"], ["duration_ending_at"])
    assert (rules(ruled), rules(saddled)) == (["duration_until_publication"], [])
    data = RULES_PATH.read_text(encoding="utf-8")
    start = data.index("start_words = [")
    ongoing = data.index("ongoing_after = [")
    changed = data[:start] + 'start_words = ["erupted"]\n' + data[data.index("\n", start) + 1:ongoing] + \
        'ongoing_after = ["in the saddle"]\n' + data[data.index("\n", ongoing) + 1:]
    other = tmp_path / "xx.toml"
    other.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(links, "load_grammar", lambda: load_grammar(other))
    assert (rules(began), rules(erupted)) == (["duration_ending_at"], ["duration_starting_at"])
    assert (rules(ruled), rules(saddled)) == ([], ["duration_until_publication"])


def test_the_offset_links_read_their_words_from_the_language_data(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """[guard_words].offset_now_verbs and happening_openers drive links.py's offsets: with other words
    listed, the English ones stop counting and the new ones start."""
    from timeline_app import links

    def rules(text: str) -> list[str]:
        return [e.rule for e in extract(text, published="2012-01-26").events if e.rule.startswith("offset")]

    comes, lands = "The ruling comes two weeks after his arrest.", "The ruling lands two weeks after his arrest."
    the, yon = ("The blast hit on Jan. 10. It was reported 30 hours after the blast.",
                "The blast hit on Jan. 10. It was reported 30 hours after yon blast.")
    assert (rules(comes), rules(lands), rules(the), rules(yon)) == (["offset_now"], [], ["offset_from_happening"], [])
    data = RULES_PATH.read_text(encoding="utf-8")
    now = data.index("offset_now_verbs = [")
    openers = data.index("happening_openers = [")
    first, second = sorted([(now, 'offset_now_verbs = ["lands"]\n'), (openers, 'happening_openers = ["yon"]\n')])
    changed = (data[:first[0]] + first[1] + data[data.index("\n", first[0]) + 1:second[0]] + second[1]
               + data[data.index("\n", second[0]) + 1:])
    other = tmp_path / "xx.toml"
    other.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(links, "load_grammar", lambda: load_grammar(other))
    assert (rules(comes), rules(lands), rules(the), rules(yon)) == ([], ["offset_now"], [], ["offset_from_happening"])


def test_ordinal_endings_come_from_the_language_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[guard_words].ordinal_endings: with "te" listed instead, "3te" is third and "3rd" nothing."""
    from timeline_app import calendar_words

    assert (ordinal_number("3rd"), ordinal_number("3te")) == (3, None)
    data = RULES_PATH.read_text(encoding="utf-8")
    assert data.count('ordinal_endings = ["st", "nd", "rd", "th"]') == 1
    other = tmp_path / "xx.toml"
    other.write_text(data.replace('ordinal_endings = ["st", "nd", "rd", "th"]', 'ordinal_endings = ["te"]'),
                     encoding="utf-8")
    monkeypatch.setattr(calendar_words, "load_grammar", lambda: load_grammar(other))
    assert (ordinal_number("3rd"), ordinal_number("3te")) == (None, 3)
