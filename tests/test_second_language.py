"""A second language is data plus tests: a tiny lexicon written for this test, loaded through the
same schema check, drives the same tagger and resolver (no Python edits)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline_app.grammar import load_grammar
from timeline_app.resolver import resolve
from timeline_app.tagger import tag

# A toy German lexicon: enough words for days, weekdays and full dates, and one phrase for each word
# table the resolver reads (spans, nights, halves, holidays, clock words). The meanings are the same
# normalised ones English uses ([direction, anchoring, reach], day offsets, month numbers).
LEXICON = r"""
[examples]
dct = "2012-01-26"

[words.ordinal]
erste = 1
[words.anniversary]
[words.abbreviation]
[words.approx_before]
etwa = "APPROX"
"knapp über" = "MORE_THAN"
[words.decade_word]
[words.rel]
letzte = [-1, "deictic"]
letzten = [-1, "deictic"]
"nächste" = [1, "deictic"]
"nächsten" = [1, "deictic"]
diese = [0, "deictic"]
dieser = [0, "deictic"]
"das kommende" = [1, "deictic"]
das = [0, "anaphoric"]
[words.direction]
[words.word_before]
"über" = ["span"]
seit = ["aside"]
[words.unit]
jahr = ["Y", "year"]
jahren = ["Y", "year"]
quartal = ["Q", "quarter"]
woche = ["W", "week"]
wochenende = ["WE", "week"]
[words.number]
zwei = 2
[words.vague_number]
[words.season]
[words.holiday]
weihnachten = "12-25"
[words.pod]
nacht = "NI"
abend = "EV"
# the resolver's tables (words.span_rel ... words.every in rules/en.toml)
[words.span_rel]
"das kommende" = ["span"]
[words.pointing]
das = ["Q", "WE"]
[words.rel_unit]
"in der woche danach" = [1, "week"]
[words.pod_word]
"heute nacht" = ["heute", "NI"]
[words.pod_rel]
letzte = "gestern"
jene = "narrative"
die = "named"
[words.half]
erste = 1
zweite = 2
[words.every]
zweite = 2
dritte = 3
[words.clock_word]
mittag = 12
mitternacht = 24
[words.half_day]
vorm = 0
nachm = 12
[words.pod_half]
morgens = 0
abends = 12
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
[triggers.unit]
words = ["jahr", "jahren", "quartal", "woche", "wochenende"]
[triggers.day_part]
words = ["nacht", "abend"]
[triggers.holiday]
words = ["weihnachten"]
[triggers.half]
words = ["hälfte"]
[triggers.clock]
words = ["mittag", "mitternacht", "vorm", "nachm"]

[guard_words]
span_before_ahead = ["\\w+ste in"]
determiners = ["das", "die", "der"]
clock_after = ["Uhr"]
word_before_prefix = ["knapp"]

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
pattern = '(?:(?P<rel>{W:weekday_rel})\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?P<week_rel>dieser)\s+Woche)?'

[[rule]]
id = "tageswort"
trigger = "deictic"
kind = "deictic"
type = "DATE"
pattern = '(?P<day_word>{W:day_word})(?!\s+Nacht)'

[[rule]]
id = "relativ"
trigger = "unit"
kind = "relative"
type = "DATE"
pattern = '(?P<rel>das kommende|letzten|das)\s+(?P<unit>Jahr|Quartal|Wochenende)'

[[rule]]
id = "danach"
trigger = "unit"
kind = "anaphor"
type = "DATE"
pattern = '(?P<rel>in der Woche danach)'

[[rule]]
id = "in_jahren"
trigger = "unit"
kind = "offset"
type = "DATE"
pattern = '(?<=\bin\s)(?P<ahead>)(?P<num>[0-9]+|zwei)\s+(?P<unit>Jahren)'

[[rule]]
id = "tageszeit"
trigger = "day_part"
kind = "time"
type = "TIME"
pattern = '(?P<day_word>heute\s+Nacht)|(?P<rel>letzte|jene|die)\s+(?P<pod>Nacht|Abend)'

[[rule]]
id = "feiertag"
trigger = "holiday"
kind = "holiday"
type = "DATE"
pattern = '(?:(?P<rel>letzte|nächste|diese)\s+)?(?P<holiday>Weihnachten)'

[[rule]]
id = "halbjahr"
trigger = "half"
kind = "half"
type = "DATE"
pattern = '(?:die\s+)?(?P<half>erste|zweite)\s+Hälfte\s+(?:(?P<year>[0-9]{4})|(?P<rel_year>nächsten|letzten)\s+Jahres)'

[[rule]]
id = "uhrwort"
trigger = "clock"
kind = "time"
type = "TIME"
pattern = '(?P<clockword>Mittag|Mitternacht)|(?P<hour>[0-9]{1,2})\s+(?P<ampm>vorm\.|nachm\.)'

[[rule]]
id = "wiederholung"
trigger = "unit"
kind = "set"
type = "SET"
pattern = '(?:jede|jeden)\s+(?:(?P<num>zweite|dritte)\s+)?(?P<unit>Woche)'

# Its own tense cues: a bare weekday looks back or ahead by the German verb, not by English words.
[tense]
future = ["wird", "werden"]
past = ["kam", "war", "hat"]
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


# Each case below reads a table the resolver once held in English (docs/language-data.md): with the
# English words hard-coded, the German phrase would get the English default instead.
@pytest.mark.parametrize(("text", "expected"), [
    # words.span_rel: "über das kommende Jahr" is a span, "das kommende Jahr" a date
    ("Über das kommende Jahr wächst es. Das kommende Jahr wird gut.",
     [("das kommende Jahr", "DURATION", "P1Y"), ("Das kommende Jahr", "DATE", "2013")]),
    # words.pointing: "das Quartal" is the last full quarter, "das Wochenende" (on a Thursday) the one gone
    ("Das Quartal war gut.", [("Das Quartal", "DATE", "2011-Q4")]),
    ("Das Wochenende war kalt.", [("Das Wochenende", "DATE", "2012-W03-WE")]),
    # words.rel_unit: a phrase that names its unit and direction
    ("Am 3. März 2012 begann es; in der Woche danach endete es.",
     [("3. März 2012", "DATE", "2012-03-03"), ("in der Woche danach", "DATE", "2012-W10")]),
    # words.word_before "aside": a date after "seit" does not move the story
    ("Am 3. März 2012 begann es, seit 1. Januar 2012 gilt es; in der Woche danach endete es.",
     [("3. März 2012", "DATE", "2012-03-03"), ("1. Januar 2012", "DATE", "2012-01-01"),
      ("in der Woche danach", "DATE", "2012-W10")]),
    # [guard_words].span_before_ahead: "das Höchste in zwei Jahren" is a span, "in zwei Jahren" ahead
    ("Die Preise steigen in zwei Jahren. Das war das Höchste in zwei Jahren.",
     [("zwei Jahren", "DATE", "2014"), ("zwei Jahren", "DURATION", "P2Y")]),
    # words.pod_word and words.pod_rel: which day a night is
    ("Heute Nacht schneit es. Letzte Nacht schlief er.",
     [("Heute Nacht", "TIME", "2012-01-26TNI"), ("Letzte Nacht", "TIME", "2012-01-25TNI")]),
    ("Am 3. März 2012 kam er; jene Nacht war kalt.",
     [("3. März 2012", "DATE", "2012-03-03"), ("jene Nacht", "TIME", "2012-03-03TNI")]),
    ("Am Freitag kam er; die Nacht war kalt.",
     [("Freitag", "DATE", "2012-01-20"), ("die Nacht", "TIME", "2012-01-20TNI")]),
    # words.rel offsets for holidays and halves; words.half
    ("Letzte Weihnachten und nächste Weihnachten.",
     [("Letzte Weihnachten", "DATE", "2011-12-25"), ("nächste Weihnachten", "DATE", "2012-12-25")]),
    ("Die erste Hälfte 2012 und die zweite Hälfte nächsten Jahres.",
     [("Die erste Hälfte 2012", "DATE", "2012-H1"), ("die zweite Hälfte nächsten Jahres", "DATE", "2013-H2")]),
    # words.every
    ("Es kommt jede zweite Woche und jede dritte Woche.",
     [("jede zweite Woche", "SET", "P2W"), ("jede dritte Woche", "SET", "P3W")]),
    # the unit a phrase names by implication is the language's word for it ("Mittwoch dieser Woche")
    ("Es geschah am Mittwoch dieser Woche.", [("Mittwoch dieser Woche", "DATE", "2012-01-25")]),
    # words.clock_word
    ("Es endet um Mitternacht, nicht zu Mittag.",
     [("Mitternacht", "TIME", "2012-01-26T24:00"), ("Mittag", "TIME", "2012-01-26T12:00")]),
    # words.half_day
    ("Es beginnt um 3 nachm. und endet um 12 vorm.",
     [("3 nachm.", "TIME", "2012-01-26T15:00"), ("12 vorm.", "TIME", "2012-01-26T00:00")]),
    # [guard_words].clock_after: "1100 Uhr" after a date is a time, not the year 1100
    ("Abfahrt am 27. März 1100 Uhr.", [("27. März 1100", "TIME", "2012-03-27T11:00")]),
])
def test_the_resolver_reads_its_words_from_the_language(german: Path, text: str, expected: list) -> None:
    grammar = load_grammar(german)
    got = [(t.text, t.type, t.value) for t in resolve(text, tag(text, grammar), date(2012, 1, 26), grammar)]
    assert got == expected


def test_determiners_and_prefixes_of_the_word_before(german: Path) -> None:
    """[guard_words].determiners: "etwa" before "das Quartal" does not make it approximate;
    word_before_prefix: "knapp über" is read as one word before the date."""
    grammar = load_grammar(german)
    text = "Es dauert etwa das Quartal, etwa letzten Freitag, knapp über letzten Montag."
    got = [(t.text, t.mod) for t in resolve(text, tag(text, grammar), date(2012, 1, 26), grammar)]
    assert got == [("das Quartal", None), ("letzten Freitag", "APPROX"), ("letzten Montag", "MORE_THAN")]


@pytest.mark.parametrize(("old", "new", "table"), [
    ('"das kommende" = ["span"]', '"das kommende" = ["soon"]', "words.span_rel"),
    ('das = ["Q", "WE"]', 'das = ["X"]', "words.pointing"),
    ('"in der woche danach" = [1, "week"]', '"in der woche danach" = [1, "fortnight"]', "words.rel_unit"),
    ('"heute nacht" = ["heute", "NI"]', '"heute nacht" = ["heute", "XX"]', "words.pod_word"),
    ('letzte = "gestern"', 'letzte = "vorhin"', "words.pod_rel"),
    ("erste = 1\nzweite = 2\n[words.every]", "erste = 1\nzweite = 3\n[words.every]", "words.half"),
    ("zweite = 2\ndritte = 3", "zweite = 0\ndritte = 3", "words.every"),
    ("mitternacht = 24", "mitternacht = 25", "words.clock_word"),
    ("nachm = 12", "nachm = 11", "words.half_day"),
    ("abends = 12", "abends = 18", "words.pod_half"),
    ("[words.pod_rel]", "[words.pod_relx]", "words.pod_rel"),
    ("heute = 0\n", "", "words.day_word"),
])
def test_a_resolver_table_of_the_wrong_shape_is_refused(tmp_path: Path, old: str, new: str, table: str) -> None:
    assert LEXICON.count(old) == 1
    broken = tmp_path / "xx.toml"
    broken.write_text(LEXICON.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError, match=table.replace(".", r"\.")):
        load_grammar(broken)


def test_tense_cues_are_the_languages_own(german: Path, tmp_path: Path) -> None:
    """A language's [tense] table decides a bare weekday; without one, no English cue is borrowed."""
    from timeline_app.tense import TenseReader

    assert run("Der Rat hat am Montag getagt.", german) == [("Montag", "2012-01-23")]  # past: the last Monday
    assert run("Der Rat wird am Montag tagen.", german) == [("Montag", "2012-01-30")]
    without = tmp_path / "de_no_tense.toml"
    without.write_text(LEXICON[:LEXICON.index("[tense]")], encoding="utf-8")
    assert run("Der Rat hat am Montag getagt.", without) == [("Montag", "2012-01-30")]  # no cue: the coming one
    text = "Der Rat said Montag."  # an English cue in the text: not German's
    assert TenseReader(text, load_grammar(without)).tense_at(text.index("Montag"), len(text) - 1) is None
    assert TenseReader(text, load_grammar(german)).tense_at(text.index("Montag"), len(text) - 1) is None
    assert TenseReader(text).tense_at(text.index("Montag"), len(text) - 1) == "past"  # English reads it
