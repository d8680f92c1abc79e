"""The web-news and peer-suite scorers on tiny hand-made cases (no corpora needed)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from benchmarks.outcomes import as_days, confidence_of, day_period, period, same_duration
from benchmarks.peer_suites import SuiteCase, judge_case, score_answers
from benchmarks.webnews import Article, GoldDate, find_occurrence, judge, score_webnews
from timeline_app.model import Timex


def sys_(text: str, start: int, value: str, type_: str = "DATE") -> Timex:
    return Timex(start, start + len(text), text, type_, value)  # type: ignore[arg-type]


def test_occurrences_are_raw_case_sensitive_and_non_overlapping():
    text = "Tuesday's vote; on Tuesday, aaa; tuesday"
    assert find_occurrence(text, "Tuesday", 1) == text.index("on Tuesday") + 3
    assert find_occurrence("aaaa", "aa", 1) == 2
    with pytest.raises(ValueError):
        find_occurrence(text, "Tuesday", 2)


def test_periods():
    assert period("2013-W08") == (datetime(2013, 2, 18), datetime(2013, 2, 25))
    assert period("2013-02-20T13:05") == (datetime(2013, 2, 20, 13, 5), datetime(2013, 2, 20, 13, 6))
    assert as_days(period("2013-02-20T24")) == day_period(date(2013, 2, 20), date(2013, 2, 20))
    assert period("P3D") is None and period("XXXX-04-30") is None and period("PAST_REF") is None
    assert same_duration("PT36H", "P1DT12H") and same_duration("P1W", "P7D")
    assert not same_duration("P1M", "P30D") and not same_duration("PXD", "P3D")


GOLD = GoldDate(10, 17, "Tuesday", "DATE", "2013-02-19")


@pytest.mark.parametrize(("answers", "outcome"), [
    ([sys_("Tuesday", 10, "2013-02-19")], "right"),
    ([sys_("Tuesday", 10, "2013-W08")], "imprecise"),  # the week holds the day
    ([sys_("Tuesday", 10, "2013-02-12")], "wrong"),
    ([sys_("Tuesday", 10, "XXXX-WXX-2")], "missed"),  # undated: not a wrong date
    ([], "missed"),
    ([sys_("Tues", 10, "2013-02-12"), sys_("day", 14, "2013-02-19")], "right"),  # the best overlapping one
])
def test_webnews_judge(answers, outcome):
    assert judge(GOLD, answers)[1] == outcome


def test_webnews_alt_reading_and_equal_durations_are_right():
    alt = GoldDate(0, 5, "a day", "DURATION", "P1D")
    gold = GoldDate(0, 11, "a day after", "DATE", "2021-07-18", alt=alt)
    assert judge(gold, [sys_("a day", 0, "P1D", "DURATION")])[1] == "right"
    assert judge(gold, [sys_("a day", 0, "P2D", "DURATION")])[1] == "missed"  # no date, for the main reading
    assert judge(alt, [sys_("a day", 0, "P2D", "DURATION")])[1] == "wrong"
    span = GoldDate(0, 16, "a day and a half", "DURATION", "PT36H")
    assert judge(span, [sys_("a day and a half", 0, "P1DT12H", "DURATION")])[1] == "right"


def test_score_webnews_skips_dct_and_ages_counts_spurious_and_publication_dates():
    text = "Headline\nFeb. 20, 2013\n\nOn Tuesday Smith, 17, left. Daily news."
    dates = (
        GoldDate(9, 22, "Feb. 20, 2013", "DATE", "2013-02-20", kind="dct"),
        GoldDate(27, 34, "Tuesday", "DATE", "2013-02-19"),
        GoldDate(42, 44, "17", "DURATION", "P17Y", kind="age"),
    )
    article = Article("a", text, date(2013, 2, 20), dates)
    answers = [sys_("Feb. 20, 2013", 9, "2013-02-20"), sys_("Tuesday", 27, "2013-02-12"),
               sys_("17", 42, "P17Y", "DURATION"), sys_("Daily", 51, "P1D", "SET")]

    class Found:
        def __init__(self, published):
            self.expressions = answers
            self.document = type("D", (), {"published": published})()

    seen = []

    def extract_fn(t, published):
        seen.append(published)
        return Found(date(2013, 2, 20))

    score = score_webnews(extract_fn, mode="found", articles=[article])
    assert seen == [None]  # found: the system gets no publication date
    assert [(c.gold.text, c.outcome) for c in score.cases] == [("Tuesday", "wrong")]
    assert [s.text for _, s in score.spurious] == ["Daily"]
    assert score.published_right == 1
    given = score_webnews(lambda t, published: answers, mode="given", articles=[article])
    assert given.published_right == 0 and given.count("wrong") == 1


def case(kind: str, first: date, last: date, text: str = "x" * 30) -> SuiteCase:
    return SuiteCase("c1", "t", text, 0, len(text), datetime(2013, 2, 20, 9, 0), day_period(first, last),
                     kind, "day", "weekday")


@pytest.mark.parametrize(("kind", "first", "last", "values", "outcome"), [
    ("point", date(2013, 2, 19), date(2013, 2, 19), ["2013-02-19T15:00"], "right"),  # judged by its day
    ("point", date(2013, 2, 1), date(2013, 2, 28), ["2013-02-19"], "right"),  # finer inside coarser
    ("point", date(2013, 2, 19), date(2013, 2, 19), ["2013-W08"], "imprecise"),
    ("point", date(2013, 2, 19), date(2013, 2, 19), ["2013-02-12"], "wrong"),
    ("point", date(2013, 2, 19), date(2013, 2, 19), ["P3D"], "missed"),
    ("interval", date(2013, 2, 18), date(2013, 2, 22), ["2013-02-18", "2013-02-22"], "right"),
    ("interval", date(2013, 2, 18), date(2013, 2, 22), ["2013-02-18"], "imprecise"),
    ("open-after", date(2013, 2, 19), date(2013, 2, 19), ["2013-02-19"], "right"),
])
def test_suite_judge(kind, first, last, values, outcome):
    answers = [sys_("x" * 3, 5 * n, v) for n, v in enumerate(values)]
    assert judge_case(case(kind, first, last), answers)[0] == outcome


def test_suite_ignores_answers_outside_the_phrase():
    c = SuiteCase("c1", "t", "see you Tuesday, Bob, 5 May", 8, 15, datetime(2013, 2, 20),
                  day_period(date(2013, 2, 19), date(2013, 2, 19)), "point", "day", "weekday")
    far = sys_("5 May", 22, "2013-05-05")
    assert judge_case(c, [far])[0] == "missed"
    score = score_answers("t", [c], {"c1": [far, sys_("Tuesday", 8, "2013-02-19")]})
    assert (score.count("right"), score.percent()) == (1, 100.0)


def test_confidence_of_the_answers_judged():
    class Guess:
        confidence = "default"

    class Cue:
        confidence = "cue"

    assert confidence_of([sys_("Tuesday", 0, "2013-02-19")]) is None  # a system that reports none
    assert confidence_of([Cue()]) == "cue" and confidence_of([Cue(), Guess()]) == "default"
