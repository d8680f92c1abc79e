"""A second language is data plus tests: a tiny lexicon written for this test, loaded through the
same schema check, drives the same tagger and resolver (no Python edits)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline_app.grammar import load_grammar
from timeline_app.resolver import resolve
from timeline_app.tagger import tag

# A toy German lexicon: enough words for days, weekdays and full dates. The meanings are the
# same normalised ones English uses ([direction, anchoring, reach], day offsets, month numbers).
LEXICON = r"""
[examples]
dct = "2012-01-26"

[words.ordinal]
erste = 1
[words.anniversary]
[words.abbreviation]
[words.approx_before]
[words.decade_word]
[words.rel]
letzte = [-1, "deictic"]
[words.direction]
[words.weekday_rel]
"nächsten" = [1, "deictic", "week"]
letzten = [-1, "deictic", "strict"]
"am vergangenen" = [-1, "deictic", "strict"]
[words.day_word]
heute = 0
gestern = -1
morgen = 1
vorgestern = -2
"übermorgen" = 2
[words.month]
januar = 1
februar = 2
"märz" = 3
april = 4
[words.weekday]
montag = 0
dienstag = 1
mittwoch = 2
donnerstag = 3
freitag = 4
samstag = 5
sonntag = 6

[triggers.weekday]
case_sensitive = true
words = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
[triggers.month]
case_sensitive = true
words = ["Januar", "Februar", "März", "April"]
[triggers.deictic]
words = ["heute", "gestern", "morgen", "vorgestern", "übermorgen"]

[macros]
MONTH = '(?-i:Januar|Februar|März|April)'
WEEKDAY = '(?-i:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)'

[[rule]]
id = "tag_monat_jahr"
trigger = "month"
kind = "date"
type = "DATE"
pattern = '(?P<day>[0-9]{1,2})\.\s*(?P<month>{MONTH})\s+(?P<year>[0-9]{4})'

[[rule]]
id = "wochentag"
trigger = "weekday"
kind = "weekday"
type = "DATE"
pattern = '(?:(?P<rel>{W:weekday_rel})\s+)?(?P<weekday>{WEEKDAY})'

[[rule]]
id = "tageswort"
trigger = "deictic"
kind = "deictic"
type = "DATE"
pattern = '(?P<day_word>{W:day_word})'
"""


@pytest.fixture()
def german(tmp_path: Path) -> Path:
    path = tmp_path / "de.toml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


def run(text: str, path: Path, published: date = date(2012, 1, 26)) -> list[tuple[str, str]]:
    grammar = load_grammar(path)
    return [(t.text, t.value) for t in resolve(text, tag(text, grammar), published, grammar)]


def test_a_second_language_is_data(german: Path) -> None:
    text = "Gestern sagte der Minister, die Wahl sei am 3. März 2012; der Rat tagt nächsten Montag, nicht letzten Freitag."
    assert run(text, german) == [
        ("Gestern", "2012-01-25"),
        ("3. März 2012", "2012-03-03"),
        ("nächsten Montag", "2012-01-30"),  # the Monday of next week, as "next Monday"
        ("letzten Freitag", "2012-01-20"),
    ]


def test_the_english_data_does_not_read_it(german: Path) -> None:
    text = "Gestern sagte der Minister, die Wahl sei am 3. März 2012."
    english = [(t.text, t.value) for t in resolve(text, tag(text), date(2012, 1, 26))]
    assert english == [("2012", "2012")]


def test_a_lexicon_missing_a_meaning_table_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "xx.toml"
    broken.write_text(LEXICON.replace("[words.weekday_rel]", "[words.weekday_relx]"), encoding="utf-8")
    with pytest.raises(ValueError, match="words.weekday_rel"):
        load_grammar(broken)


def test_a_meaning_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "xx.toml"
    broken.write_text(LEXICON.replace('letzten = [-1, "deictic", "strict"]', 'letzten = [-1, "deictic", "far"]'),
                      encoding="utf-8")
    with pytest.raises(ValueError, match="words.weekday_rel"):
        load_grammar(broken)


def test_tense_cues_are_the_languages_own(german: Path, tmp_path: Path) -> None:
    """A language's [tense] table decides a bare weekday; without one, no English cue is borrowed."""
    from timeline_app.tense import TenseReader

    with_tense = tmp_path / "de_tense.toml"
    with_tense.write_text(LEXICON + '\n[tense]\nfuture = ["wird", "werden"]\npast = ["hat", "war"]\n', encoding="utf-8")
    assert run("Der Rat hat am Montag getagt.", with_tense) == [("Montag", "2012-01-23")]  # past: the last Monday
    assert run("Der Rat wird am Montag tagen.", with_tense) == [("Montag", "2012-01-30")]
    text = "Der Rat said Montag."  # an English cue in the text: not German's
    assert TenseReader(text, load_grammar(german)).tense_at(text.index("Montag"), len(text) - 1) is None
    assert TenseReader(text, load_grammar(with_tense)).tense_at(text.index("Montag"), len(text) - 1) is None
    assert TenseReader(text).tense_at(text.index("Montag"), len(text) - 1) == "past"  # English reads it
