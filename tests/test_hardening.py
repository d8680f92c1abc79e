"""Never crash, never blow up, never inject: dates beyond the calendar, engine bugs, sane bounds,
hostile corrections files and escaping, each on short texts written here."""

from __future__ import annotations

import json
import logging
import time
from datetime import date
from pathlib import Path

import pytest

from timeline_app import pipeline
from timeline_app.calendar_math import (
    clamped_date, insane_date_message, make_date, plus_days, plus_months, same_day_years_before, shifted, week_start,
)
from timeline_app.cli import main
from timeline_app.corrections import (
    Add, CorrectionsError, EditDate, add_op, apply_corrections, corrections_from_json, corrections_to_json,
    edit_ops, stale_ops,
)
from timeline_app.escape import WORD_JOINER, for_html, for_markdown, for_plotly
from timeline_app.model import Event
from timeline_app.pipeline import EXTRACTION_FAILED, extract
from timeline_app.values import in_year, interval_of, year_value

PUB = "2012-01-26"


def values(text: str, published: str | date | None = PUB) -> list[tuple[str, str]]:
    x = extract(text, published=published)
    assert x.error is None
    return [(t.text, t.value) for t in x.expressions]


# ---------------------------------------------------------------- the guarded calendar

def test_calendar_math_answers_none_beyond_the_calendar() -> None:
    assert plus_days(date(9999, 12, 31), 1) is None and plus_days(date(1, 1, 1), -1) is None
    assert plus_days(date(2012, 1, 26), float("inf")) is None and plus_days(date(2012, 1, 26), 10**30) is None
    assert plus_months(date(2012, 1, 31), 1) == date(2012, 2, 29) and plus_months(date(1, 1, 1), -1) is None
    assert shifted(date(2012, 1, 26), -2500, "year") is None and shifted(date(2012, 1, 26), float("nan"), "week") is None
    assert shifted(date(2012, 1, 26), -1.5, "week") == date(2012, 1, 15)  # as timedelta(weeks=-1.5) counts days
    assert make_date(10000, 1, 1) is None and make_date(2011, 4, 31) is None
    # "the last day of March" in a year the fuzzer reaches (9999's December page: 10000 was a crash)
    assert clamped_date(10000, 3, 31) is None and clamped_date(2024, 2, 31) == date(2024, 2, 29)
    assert week_start(2015, 53) == date(2015, 12, 28) and week_start(2014, 53) is None
    assert same_day_years_before(date(2012, 2, 29), 1) == date(2011, 2, 28)
    assert same_day_years_before(date(2012, 1, 26), 2012) is None


def test_values_beyond_four_digits_are_coarse_and_intervals_never_overflow() -> None:
    assert (year_value(-488), year_value(10000), year_value(-10**6)) == ("BC0489", "FUTURE_REF", "PAST_REF")
    assert (in_year(2012, "-Q1"), in_year(10000, "-Q1"), in_year(0, "-SU")) == ("2012-Q1", "FUTURE_REF", "BC0001-SU")
    assert interval_of("9999-W52") is None and interval_of("9999-12-31T23")[1].minute == 59
    assert interval_of("999") is not None and interval_of("9999-13") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("The city was founded 2500 years ago.", ("2500 years ago", "BC0489")),
    ("It was built 25 centuries ago.", ("25 centuries ago", "BC0489")),
    ("It happened 99999999999999999999 years ago.", ("99999999999999999999 years ago", "PAST_REF")),
    ("Emperor Augustus died in AD 14.", ("AD 14", "0014")),
    ("The temple was built in AD 1.", ("AD 1", "0001")),
    ("It dates from the first century AD.", ("the first century AD", "00")),
])
def test_dates_beyond_the_calendar_get_timex3_values(text: str, expected: tuple[str, str]) -> None:
    assert expected in values(text)


def test_years_earlier_than_an_old_date_count_back_in_bc() -> None:
    assert ("2000 years earlier", "BC0501") in values("In 1500 it fell. 2000 years earlier it was built.")
    x = extract("The city was founded 2500 years ago.", published=PUB)
    assert x.events == () and "beyond the calendar" in x.expressions[0].explanation


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31), date(9999, 12, 27), None, PUB])
@pytest.mark.parametrize("text", [
    "Saturday 960727-day", "688130814-decade Tuesday", "tomorrow, yesterday, next week, the following year",
    "On Dec. 31 the next quarter began; this summer and last winter, the weekend before Christmas.",
    "In 9999 it rained. Two days later, the following month and a year later it stopped.",
    "Thanksgiving last Christmas next Easter, 10000 quarters later, 3 weeks ago on Sunday night.",
])
def test_no_date_at_the_calendars_edge_raises(text: str, published: date | str | None) -> None:
    x = extract(text, published=published)
    assert x.error is None


# ---------------------------------------------------------------- one bad article

def test_an_engine_bug_is_a_logged_report_not_a_crash(monkeypatch: pytest.MonkeyPatch,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(pipeline, "resolve", broken)
    with caplog.at_level(logging.ERROR, logger="timeline_app.pipeline"):
        x = extract("Police detained him on Dec. 16.", published=PUB, doc_id="d1")
    assert (x.error, x.events) == (EXTRACTION_FAILED, ())
    assert "'d1'" in caplog.text and "ZeroDivisionError: planted" in caplog.text


def test_cli_exits_2_with_one_line_on_an_article_the_engine_fails_on(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(pipeline, "resolve", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("TIMELINE_APP_BUG_LOG", str(tmp_path / "bugs.log"))
    article = tmp_path / "a.txt"
    article.write_text("Police detained him on Dec. 16.", encoding="utf-8")
    code = main(["extract", str(article), "--published", PUB])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "bug in the date engine" in err and "bugs.log" in err
    assert "ZeroDivisionError" in (tmp_path / "bugs.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("published", ["0999-12-31", "3000-01-01", "9999-12-31"])
def test_cli_refuses_publication_dates_outside_the_sane_range(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               published: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Police detained him on Dec. 16.", encoding="utf-8")
    assert main(["extract", str(article), "--published", published]) == 2
    err = capsys.readouterr().err
    assert err == f"error: --published {published} is outside 1000-01-01 to 2999-12-31.\n"


# ---------------------------------------------------------------- tagging respects the page

def test_no_date_across_a_paragraph_break() -> None:
    found = values("The vote is set for July\n\n2 people were killed")
    assert all("\n" not in text and not value.endswith("-07-02") for text, value in found)


def test_no_range_across_a_sentence_end() -> None:
    found = values("It ended on 22. 25 April 1951 was quiet.")
    assert all("." not in text for text, _ in found)


@pytest.mark.parametrize("clock", ["7 p.\nm.", "7 p. m."])
def test_a_clock_time_broken_over_a_line_still_reads_its_half_of_the_day(clock: str) -> None:
    """The fuzzer's "(7 p.\nm.)" raised a TypeError: the half-day word kept its line break."""
    assert values(f"The match is on Dec. 16 ({clock})") == [("Dec. 16", "2011-12-16"), (clock, "2011-12-16T19:00")]


# ---------------------------------------------------------------- corrections

EVENT = Event("a:0", "a", date(2011, 12, 16), date(2011, 12, 16), "day", "Riots", 0, 5, 0, "explicit", "")


def test_deeply_nested_corrections_file_is_refused_quickly() -> None:
    started = time.perf_counter()
    for hostile in ("[" * 100_000, '{"corrections": ' + "[" * 100_000 + "]" * 100_000 + "}"):
        with pytest.raises(CorrectionsError, match="nested too deeply"):
            corrections_from_json(hostile)
    assert time.perf_counter() - started < 2
    text = corrections_to_json([EditDate("a:0", date(2011, 12, 15), date(2011, 12, 15))])
    assert len(corrections_from_json(text)) == 1
    assert corrections_from_json(json.dumps({"corrections": [], "x": "[" * 1000})) == ()  # brackets in strings


def test_add_never_reuses_an_id() -> None:
    assert add_op("a", "Talks", date(2012, 1, 1), None, (), taken=["a:hand1"]).event_id == "a:hand2"
    hijack = Add("a:0", "a", date(2020, 1, 1), date(2020, 1, 1), "Forged")
    assert [e.label for e in apply_corrections([EVENT], [hijack])] == ["Riots"]
    assert stale_ops([EVENT], [hijack]) == [hijack]


@pytest.mark.parametrize("day", [date(9999, 1, 1), date(1, 1, 1), date(999, 12, 31)])
def test_hand_dates_outside_the_sane_range_are_refused(day: date) -> None:
    with pytest.raises(CorrectionsError, match="outside 1000-01-01 to 2999-12-31"):
        edit_ops(EVENT, "Riots", day, None)
    with pytest.raises(CorrectionsError, match="outside"):
        add_op("a", "Talks", day, None, ())
    with pytest.raises(CorrectionsError, match="outside"):
        corrections_from_json(corrections_to_json([EditDate("a:0", day, day)]))


def test_an_old_event_can_still_be_relabelled() -> None:
    old = Event("a:1", "a", date(14, 1, 1), date(14, 12, 31), "year", "Augustus died", 0, 5, 0, "explicit", "")
    assert [op.kind for op in edit_ops(old, "Death of Augustus", None, None)] == ["edit_label"]
    assert insane_date_message(date(2012, 1, 26), "x") is None


# ---------------------------------------------------------------- escaping

@pytest.mark.parametrize(("raw", "shown"), [
    ("![t](http://host/x.png)", "\\!\\[t\\](http" + WORD_JOINER + "\\://host/x.png)"),
    ("<a href='x'>y</a> **b** :red[c] $d$", "\\<a href='x'\\>y\\</a\\> \\*\\*b\\*\\* \\:red\\[c\\] \\$d\\$"),
    ("# Not a heading\n\n- nor a list", "\\# Not a heading - nor a list"),
    ("1. first", "1\\. first"),
    ("www.example.com or me@example.com", f"www{WORD_JOINER}.example.com or me{WORD_JOINER}@example.com"),
    ("Riots in Zhanaozen (Dec. 16)", "Riots in Zhanaozen (Dec. 16)"),
])
def test_for_markdown_leaves_nothing_to_interpret(raw: str, shown: str) -> None:
    assert for_markdown(raw) == shown


def test_for_html_and_for_plotly() -> None:
    assert for_html('<img src="x">&') == "&lt;img src=&quot;x&quot;&gt;&amp;"
    assert for_plotly('<a href="x">"q"</a>&') == '&lt;a href="x"&gt;"q"&lt;/a&gt;&amp;'


def test_the_app_survives_an_article_dated_ad_1_and_a_failing_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart may fail to draw year 1 (figure.py is another branch's), the page must not."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "timeline_app" / "app.py"),
                           default_timeout=60).run()
    at.text_area(key="pasted").set_value("Temple\n\nThe temple was built in AD 1. It was rebuilt on 16 Dec 2011.").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(b.label.startswith("Undo") for b in at.button) and len(at.dataframe[0].value) == 2
    monkeypatch.setattr(pipeline, "resolve", lambda *a, **k: 1 / 0)
    at.text_area(key="pasted").set_value("Broken\n\nPolice detained him on Dec. 16, 2011.").run()
    assert not at.exception and any(EXTRACTION_FAILED in e.value for e in at.error)


def test_dates_before_year_1_are_listed_under_the_chart() -> None:
    from timeline_app.app import beyond_calendar_note

    x = extract("The city was founded 2500 years ago. Sparta won in 404 BC. Talks resumed on Dec. 16.",
                published=PUB)
    assert beyond_calendar_note([x]) == "Outside the drawable range: 2500 years ago (BC0489); 404 BC (BC0404)."
    assert beyond_calendar_note([extract("Talks resumed on Dec. 16.", published=PUB)]) is None


def test_cli_render_exits_2_with_one_line_when_drawing_fails(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from timeline_app import export

    monkeypatch.setattr(export, "write_export", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("TIMELINE_APP_BUG_LOG", str(tmp_path / "bugs.log"))
    article = tmp_path / "a.txt"
    article.write_text("The temple was built in AD 1.", encoding="utf-8")
    assert main(["render", str(article), "-o", str(tmp_path / "t.html")]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "could not be drawn because of a bug" in err


def test_a_reader_bug_costs_one_file_not_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline_app import app

    monkeypatch.setattr(app, "read_cached", lambda data, name: 1 / 0 if name == "bad.txt" else
                        app.document_from_text(data.decode(), doc_id=name))
    documents, errors = app.load_files([("bad.txt", b"x"), ("good.txt", b"Talks resumed on Dec. 16.")])
    assert [d.id for d in documents] == ["good.txt"] and errors == ["bad.txt could not be read because of a bug; "
                                                                     "it has been logged."]


def test_a_clock_offset_beyond_the_calendar_is_no_crash() -> None:
    # Was: OverflowError in the resolver (fuzzer, seed 2030, index 863672): a count of minutes after a
    # clock time was added to it as a timedelta, outside calendar_math.
    x = extract("It began at noon. 99999999999999999999 minutes later it ended.", published="2023-01-03")
    assert x.error is None
    assert [(t.text, t.value) for t in x.expressions] == [
        ("noon", "2023-01-03T12:00"), ("99999999999999999999 minutes later", "FUTURE_REF")]
