"""Sentence spans and short event labels."""

from __future__ import annotations

from timeline_app.labels import clause_label, phrase_label
from timeline_app.sentences import sentence_of, sentence_spans


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Gen. Franks arrived on Dec. 16 at 5 p.m. local time. The U.S.-based group left. Then it rained!"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Gen. Franks arrived on Dec. 16 at 5 p.m. local time.", "The U.S.-based group left.", "Then it rained!"]


def test_a_clock_time_ends_its_sentence_before_a_capitalised_word_that_is_no_day_or_zone() -> None:
    text = ("The tower fell around 2:15 a.m. Three guards were hurt on Monday. The vote is at 5 p.m. Friday. "
            "Doors open at 8:30 a.m. ET and close at 6 p.m. Eastern time. Polls shut at 9 p.m. Mr. Lee won.")
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The tower fell around 2:15 a.m.", "Three guards were hurt on Monday.", "The vote is at 5 p.m. Friday.",
        "Doors open at 8:30 a.m. ET and close at 6 p.m. Eastern time.", "Polls shut at 9 p.m.", "Mr. Lee won."]


def test_the_last_letter_of_a_word_is_no_initial() -> None:
    # "1970s.", "1980’s." and "émigrés." end their sentences; "J." and "U.S." do not
    text = "They met in the late 1970s. The band grew in the 1980’s. It won the émigrés. J. Smith left the U.S. Army."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "They met in the late 1970s.", "The band grew in the 1980’s.", "It won the émigrés.", "J. Smith left the U.S. Army."]


def test_paragraph_breaks_end_sentences_unless_the_next_word_is_lowercase() -> None:
    text = "Headline here\n\nJanuary 26, 2012\n\nPolice kept resorting to the\n\nuse of force. End."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Headline here", "January 26, 2012", "Police kept resorting to the\n\nuse of force.", "End."]


def test_sentence_of_finds_the_holding_sentence() -> None:
    spans = [(0, 10), (12, 30), (31, 40)]
    assert sentence_of(spans, 15) == (12, 30)
    assert sentence_of(spans, 0) == (0, 10)


def test_clause_label_drops_the_date_and_its_preposition() -> None:
    s = ("Officially, 16 people were killed on that day and another person died in clashes "
         "in a nearby village the following day.")
    assert clause_label(s, s.index("that day"), s.index("that day") + 8) == "16 people were killed"
    start = s.index("the following day")
    assert clause_label(s, start, start + 17) == "Another person died in clashes in a nearby village"


def test_clause_label_keeps_noun_phrases_joined_by_and() -> None:
    s = "A labor dispute between oilmen and their employers erupted on Dec. 16."
    start = s.index("Dec. 16")
    assert clause_label(s, start, start + 7) == "A labor dispute between oilmen and their employers erupted"


def test_phrase_label_names_what_a_duration_measures() -> None:
    s = "A seven-month labor dispute between fired oilmen erupted."
    assert phrase_label(s, 2, 13) == "Seven-month labor dispute"
