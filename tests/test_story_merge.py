"""The story merge's mechanisms, each on short articles written here: counts as spans, date blocking."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.story_articles import articles, extracted
from timeline_app.model import Extraction
from timeline_app.pipeline import extract
from timeline_app.story import Source, build_story, compatible
from timeline_app.story import _candidates, _clock_apart, _near, _when  # the blocking itself is the unit under test

# 28 October 2021 was a Thursday.
FREED = extract("Fisherman freed\n\nAfter 26 days in custody, the Innis fisherman Tom Rea was freed on bail.",
                "2021-10-28", doc_id="freed")
HOME = extract("Rea home\n\nTom Rea, the fisherman from Innis, walked free after 25 days in custody.",
               "2021-10-28", doc_id="home")
AHEAD = extract("Harbour works\n\nClearing the harbour of Portmere will take another 15 days, engineers warned.",
                "2021-03-05", doc_id="ahead")


def test_two_counts_of_one_span_are_one_event_with_a_count_conflict() -> None:
    story = build_story([FREED, HOME])
    [custody] = story.events
    assert [(s.doc_id, s.start, s.end, s.certainty) for s in custody.sources] == [
        ("freed", date(2021, 10, 2), date(2021, 10, 28), "approximate"),
        ("home", date(2021, 10, 3), date(2021, 10, 28), "approximate")]
    assert [FREED.document.text[s.expression_start:s.expression_end] for s in custody.sources[:1]] == ["26 days"]
    assert custody.open_conflict
    assert [(a.start, a.end, a.doc_ids) for a in custody.conflict.alternatives] == [
        (date(2021, 10, 3), date(2021, 10, 28), ("home",)), (date(2021, 10, 2), date(2021, 10, 28), ("freed",))]
    assert (custody.start, custody.end, custody.granularity) == (date(2021, 10, 3), date(2021, 10, 28), "day")


def test_a_count_that_looks_ahead_measures_from_the_publication_date() -> None:
    [works] = build_story([AHEAD]).events
    [source] = works.sources
    assert (source.start, source.end, source.granularity, source.certainty) == (
        date(2021, 3, 5), date(2021, 3, 20), "day", "approximate")
    assert AHEAD.document.text[source.expression_start:source.expression_end] == "another 15 days"
    assert source.mention.endswith(":measured")
    assert works.label == "Another 15 days"


def test_a_forecast_or_a_further_count_measures_ahead_and_how_long_something_took_measures_nothing() -> None:
    # Was: "could take up to 3 days" and "a further two weeks" were read back from publication, as
    # spans that had already run (words before the count: [guard_words].count_ahead_before, count_ahead).
    x = extract("Harbour works\n\nEngineers said clearing the harbour could take up to 3 days. Divers estimate it "
                "could take a further two weeks to reach the wreck. The first clearing took 6 days.", "2021-03-05",
                doc_id="works")
    spans = sorted((x.document.text[s.expression_start:s.expression_end], s.start, s.end)
                   for e in build_story([x]).events for s in e.sources)
    # how long the first clearing took is a stretch of some past: no span up to publication
    assert spans == [("two weeks", date(2021, 3, 5), date(2021, 3, 19)),
                     ("up to 3 days", date(2021, 3, 5), date(2021, 3, 8))]


def test_a_count_of_days_details_no_happening_dated_only_to_its_year() -> None:
    # Was: "the past several days" became a source of the 2021 voyage, at 2021. A year hosts no count of
    # days; and how long a stay took in the simple past ("spent the first two nights") measures nothing.
    x = extract("Sub search\n\nThe search has gripped the nation over the past several days, a passenger who dived "
                "in 2021 said. The pilot spent the first two nights in hospital after the dive on Monday.",
                "2023-06-22", doc_id="sub")
    told = sorted((x.document.text[s.expression_start:s.expression_end], s.start)
                  for e in build_story([x]).events for s in e.sources)
    assert told == [("2021", date(2021, 1, 1)), ("Monday", date(2023, 6, 19))]


def test_a_rate_is_a_frequency_and_a_sentence_runs_ahead() -> None:
    # Was: "a year" in "11 million vehicles a year" was a year-long span up to publication, and
    # "sentenced to 10 years" a span of the ten years before it.
    x = extract("Bridge\n\nThe bridge, opened in 1977, carried 11 million vehicles a year. The captain was "
                "sentenced to 10 years.", "2024-03-28", doc_id="bridge")
    assert [(t.text, t.type) for t in x.expressions] == [("1977", "DATE"), ("a year", "SET"), ("10 years", "DURATION")]
    told = sorted((x.document.text[s.expression_start:s.expression_end], s.start, s.end)
                  for e in build_story([x]).events for s in e.sources)
    assert told == [("10 years", date(2024, 3, 28), date(2034, 3, 28)), ("1977", date(1977, 1, 1), date(1977, 12, 31))]


def test_a_count_beside_a_date_details_its_happening_and_an_age_makes_no_source() -> None:
    # Was: the count made no source at all, so "15 days" was unreachable from the story. It is a
    # mention of the statement made on Tuesday: a source of that event, at that event's date.
    x = extract("Rescue\n\nThe rescue will take 15 days, officials said on Tuesday. The 23-year-old fisherman was "
                "freed in 2020.", "2021-03-05", doc_id="x")
    story = build_story([x])
    texts = sorted(x.document.text[s.expression_start:s.expression_end] for e in story.events for s in e.sources)
    assert texts == ["15 days", "2020", "Tuesday"]
    [statement] = [e for e in story.events if len(e.sources) == 2]
    count = next(s for s in statement.sources if s.mention.endswith(":detail"))
    assert (count.start, count.end, count.granularity, statement.start, statement.conflict) == (
        date(2021, 3, 2), date(2021, 3, 2), "day", date(2021, 3, 2), None)


def test_a_count_that_is_an_offset_measures_nothing_but_for_keeps_it_a_span() -> None:
    x = extract("Quay\n\nThe quay reopened 30 days after the storm. Boats were stuck for 12 days after the storm.",
                "2021-03-05", doc_id="x")
    [stuck] = build_story([x]).events
    assert x.document.text[stuck.sources[0].expression_start:stuck.sources[0].expression_end] == "12 days"
    assert (stuck.start, stuck.end) == (date(2021, 2, 21), date(2021, 3, 5))


def test_a_count_across_a_contrasting_clause_details_nothing() -> None:
    x = extract("Dig\n\nDivers expected the search to take weeks, but they found the wreck on Sunday.",
                "2021-03-05", doc_id="x")
    [found] = build_story([x]).events
    assert [s.mention.endswith(":detail") for s in found.sources] == [False]


def test_another_makes_a_count_look_ahead_and_two_counts_reaching_one_day_agree() -> None:
    # 12 days back from 23 January and two weeks back from 26 January both reach about 10 January;
    # the 3-day hearing told on 26 January reaches the 23rd: another span.
    trapped = extract("Pit\n\nThe Kelso pit divers have been trapped underground for 12 days.", "2021-01-23",
                      doc_id="a")
    again = extract("Kelso pit\n\nAfter two weeks trapped underground, the Kelso pit divers were freed. The "
                    "inquiry heard evidence for 3 days.", "2021-01-26", doc_id="b")
    later = extract("Pit\n\nThe Kelso pit may stay closed for another 15 days.", "2021-01-23", doc_id="c")
    story = build_story([trapped, again, later])
    spans = sorted(((e.start, e.end), sorted(s.doc_id for s in e.sources)) for e in story.events)
    assert spans == [((date(2021, 1, 11), date(2021, 1, 23)), ["a", "b"]),
                     ((date(2021, 1, 23), date(2021, 1, 26)), ["b"]),
                     ((date(2021, 1, 23), date(2021, 2, 7)), ["c"])]
    [pair] = [e for e in story.events if len(e.sources) == 2]
    assert pair.open_conflict  # 12 days and two weeks reach 11 and 12 January: told apart as a count conflict


def test_a_paraphrase_in_another_article_is_the_same_happening() -> None:
    council = extract("Budget passed\n\nThe council of Dunmore approved the new harbour budget on Monday.",
                      "2021-03-05", doc_id="council")
    vote = extract("Dunmore budget\n\nDunmore's councillors voted through the harbour budget on 1 March after a "
                   "long debate.", "2021-03-05", doc_id="vote")
    [budget] = build_story([council, vote]).events
    assert budget.doc_ids == ("council", "vote")
    assert (budget.start, budget.conflict) == (date(2021, 3, 1), None)


def test_two_happenings_of_one_day_in_one_article_stay_apart() -> None:
    x = extract("Storm day\n\nA storm flooded the harbour of Portmere on Tuesday. The harbour master of Portmere "
                "resigned on Tuesday.", "2021-03-05", doc_id="x")
    story = build_story([x])
    assert [len(e.sources) for e in story.events] == [1, 1]
    assert {e.start for e in story.events} == {date(2021, 3, 2)}


def _src(k: int, start: date | datetime, end: date | datetime, granularity: str) -> Source:
    return Source(f"m{k}", f"d{k}", 0, 1, 0, 1, "x", start, end, granularity, "explicit", "x", 0)  # type: ignore[arg-type]


def test_dates_far_apart_are_never_compared() -> None:
    days = [_src(k, date(2021, 1, 1) + timedelta(days=10 * k), date(2021, 1, 1) + timedelta(days=10 * k), "day")
            for k in range(150)]
    a, b = _candidates(days, set(), ["the harbour flooded"] * len(days))
    assert len(a) == 0
    same_day = [*days[:3], _src(300, date(2021, 1, 11), date(2021, 1, 11), "day")]
    a, b = _candidates(same_day, {0}, ["the harbour flooded"] * 4)  # a date line is never a candidate
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(1, 3)]


def test_reports_of_one_day_are_compared_only_when_they_share_a_rare_word() -> None:
    day = date(2021, 3, 2)
    sources = [_src(k, day, day, "day") for k in range(4)]
    texts = ["The harbour master was released.", "Police release the harbour master.",
             "A fire burnt the old mill.", "The mayor was in town."]
    a, b = _candidates(sources, set(), texts)
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1)]  # "harbo", "maste", "relea"
    common = [_src(k, day, day, "day") for k in range(400)]  # a word in every sentence blocks nothing
    a, b = _candidates(common, set(), ["the harbour flooded"] * 400)
    assert len(a) == 0


_GRANULARITY = st.sampled_from(["minute", "hour", "day", "week", "month", "year"])


@st.composite
def _sources(draw: st.DrawFn) -> list[Source]:
    out = []
    for k in range(draw(st.integers(2, 12))):
        granularity = draw(_GRANULARITY)
        first = date(2021, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
        last = first + timedelta(days=draw(st.sampled_from([0, 0, 0, 1, 3, 30])))
        if granularity in {"minute", "hour"}:
            hour = draw(st.integers(0, 23))
            start = datetime.combine(first, datetime.min.time()) + timedelta(hours=hour)
            out.append(_src(k, start, start + timedelta(hours=draw(st.sampled_from([0, 2, 5]))), granularity))
        else:
            out.append(_src(k, first, last, granularity))
    return out


@settings(max_examples=200, deadline=None)
@given(_sources())
def test_blocking_keeps_every_pair_that_could_merge_or_conflict(sources: list[Source]) -> None:
    a, b = _candidates(sources, set(), ["harbour"] * len(sources))
    found = set(zip(a.tolist(), b.tolist(), strict=True))
    coarse = {"year"}
    for i, j in combinations(range(len(sources)), 2):
        x, y = sources[i], sources[j]
        if (x.granularity in coarse) != (y.granularity in coarse) and "month" not in {x.granularity, y.granularity}:
            continue  # a year meets only months and years (see _candidates)
        if compatible(x, y) or _near(x, y) or _clock_apart(_when(x), _when(y)):  # the last: a clock conflict
            assert (i, j) in found


_SENTENCES = st.sampled_from([
    "A storm flooded the harbour of Portmere {d}.", "The harbour master resigned over the flooding {d}.",
    "The ferry stayed in port for 12 days.", "Repairs will take another 3 weeks.",
    "The 40-year-old harbour master resigned {d}.", "Photo: A storm flooded the harbour of Portmere {d}.",
])
_DATES = st.sampled_from(["on Monday", "on Tuesday", "the next day", "on 2 March", "in March", "yesterday"])


@settings(max_examples=30, deadline=None)
@given(articles(_SENTENCES, _DATES, per_article=4))
def test_merging_never_loses_a_source_sentence(made: list) -> None:
    extractions = extracted(made)
    story = build_story(extractions)
    text = {x.document.id: x.document.text for x in extractions}
    sources = [s for e in story.events for s in e.sources]
    assert sorted(s.mention for s in sources if not s.mention.endswith(":measured")) == sorted(
        e.id for x in extractions for e in x.events)
    counts = sorted((x.document.id, t.start) for x in extractions for t in x.expressions
                    if t.type == "DURATION" and t.rule != "age")
    assert sorted((s.doc_id, s.expression_start) for s in sources if s.mention.endswith(":measured")) == counts
    assert len({s.mention for s in sources}) == len(sources)
    for s in sources:
        assert s.sentence == text[s.doc_id][s.sentence_start:s.sentence_end]
        assert s.sentence_start <= s.expression_start < s.expression_end <= s.sentence_end


def test_two_dates_side_by_side_date_one_thing_and_apart_two() -> None:
    x = extract("Ferry news\n\nThe ferry left Portmere at 2 pm on Tuesday. The skipper stayed aboard on Tuesday "
                "afternoon after spending the night in the harbour office.", "2021-03-05", doc_id="x")
    story = build_story([x])
    grouped = sorted(sorted(x.document.text[s.expression_start:s.expression_end] for s in e.sources)
                     for e in story.events)
    assert grouped == [["2 pm", "Tuesday"], ["Tuesday afternoon"], ["the night"]]


def test_a_title_case_wire_date_line_dates_the_copy() -> None:
    wire = extract("Flood inquiry\n\nPortmere, March 2 (AFP) - A storm flooded the harbour of Portmere on March 2, "
                   "officials said.", "2021-03-05", doc_id="wire")
    story = build_story([wire])
    [line] = [e for e in story.events if any(s.expression_start == wire.document.text.index("March 2")
                                             for s in e.sources)]
    assert len(line.sources) == 1


def test_a_count_is_named_by_operations_like_any_source() -> None:
    [custody] = build_story([FREED, HOME]).events
    freed, home = (s.mention for s in custody.sources)
    split = build_story([FREED, HOME], [{"op": "split", "mentions": [home]}])
    assert sorted([s.mention for s in e.sources] for e in split.events) == sorted([[freed], [home]])
    assert all(e.conflict is None for e in split.events)
    accepted = build_story([FREED, HOME], [{"op": "accept_date", "mention": freed}])
    [event] = accepted.events
    assert (event.start, event.end, event.open_conflict) == (date(2021, 10, 2), date(2021, 10, 28), False)


def test_two_dates_joined_by_or_are_one_happenings_alternatives() -> None:
    # 5 March 2021 was a Friday: "tomorrow (Saturday) or the day after (Sunday)" is 6 or 7 March.
    x = extract("Ferry\n\nThe ferry to Innis will sail either tomorrow (Saturday) or the day after (Sunday). "
                "The harbour master resigned on Tuesday.", "2021-03-05", doc_id="x")
    story = build_story([x])
    [ferry] = [e for e in story.events if len(e.sources) > 1]
    assert sorted(x.document.text[s.expression_start:s.expression_end] for s in ferry.sources) == [
        "Saturday", "Sunday", "the day after", "tomorrow"]
    assert ferry.open_conflict
    assert [(a.start, len(a.mentions)) for a in ferry.conflict.alternatives] == [
        (date(2021, 3, 6), 2), (date(2021, 3, 7), 2)]
    assert len(story.events) == 2  # the resignation stays its own


def test_and_between_two_dates_keeps_them_apart() -> None:
    x = extract("Ferry\n\nThe ferry sailed on Monday and the harbour master resigned on Wednesday.",
                "2021-03-05", doc_id="x")
    assert sorted(len(e.sources) for e in build_story([x]).events) == [1, 1]


def test_a_forecast_a_day_off_joins_the_report_of_the_happening_as_a_conflict() -> None:
    # One article foresees the release "tomorrow" (5 March); the next days' article reports it on
    # Saturday (6 March): one happening, the forecast a conflicting date.
    forecast = extract("Rea to walk free\n\nThe Innis fisherman Tom Rea will be released from Portmere jail "
                       "tomorrow, his lawyer said.", "2021-03-04", doc_id="forecast")
    report = extract("Rea walks free\n\nThe harbour was calm on Sunday. The Innis fisherman was released from "
                     "Portmere jail on Saturday after his lawyer paid the bond.", "2021-03-07", doc_id="report")
    [release] = [e for e in build_story([forecast, report]).events if len(e.sources) > 1]
    assert sorted(s.doc_id for s in release.sources) == ["forecast", "report"]
    assert sorted((a.start, a.doc_ids) for a in release.conflict.alternatives) == [
        (date(2021, 3, 5), ("forecast",)), (date(2021, 3, 6), ("report",))]


def test_a_line_of_dates_under_the_headline_dates_the_copy_not_the_headline() -> None:
    x = extract("Rea Freed After 25 Days in Custody\nOct 28, 2021 05:08 PM IST\n\nThe Innis fisherman Tom Rea "
                "walked free on Thursday.", "2021-10-28", doc_id="x")
    story = build_story([x])
    count = [s for e in story.events for s in e.sources if s.mention.endswith(":measured")]
    assert [(x.document.text[s.expression_start:s.expression_end], s.start, s.end, s.reach) for s in count] == [
        ("25 Days", date(2021, 10, 3), date(2021, 10, 28), date(2021, 10, 3))]
    line = [e for e in story.events for s in e.sources if s.expression_start < x.document.text.index("\n\n")
            and s.expression_start > x.document.text.index("\n")]
    assert line and all(len(e.sources) == 1 for e in line)  # the date line's dates are merged with nothing


def test_an_anaphor_read_against_a_date_of_its_sentence_names_that_happening_again() -> None:
    x = extract("Divers\n\nThe missing divers were found on Sunday in a cave that rescuers had reached the same "
                "day after a long search.", "2021-03-05", doc_id="x")
    [found] = build_story([x]).events
    assert sorted(x.document.text[s.expression_start:s.expression_end] for s in found.sources) == [
        "Sunday", "the same day"]
    assert (found.start, found.conflict) == (date(2021, 2, 28), None)


def test_a_date_after_since_is_the_span_it_starts_and_meets_the_counts_of_it() -> None:
    # 5 March 2021 was a Friday; Tuesday is 2 March, three days back.
    blast = extract("Kelso blast\n\nA blast at the Kelso pit on Tuesday sealed the shaft.", "2021-03-05",
                    doc_id="blast")
    since = extract("Kelso pit\n\nSix divers have been trapped underground in the Kelso pit since Tuesday.",
                    "2021-03-05", doc_id="since")
    count = extract("Kelso divers\n\nThe six Kelso pit divers have spent three days trapped underground.",
                    "2021-03-05", doc_id="count")
    story = build_story([blast, since, count])
    events = sorted((e.start, e.end, sorted(e.doc_ids)) for e in story.events)
    assert events == [(date(2021, 3, 2), date(2021, 3, 2), ["blast"]),
                      (date(2021, 3, 2), date(2021, 3, 5), ["count", "since"])]
    [span] = [e for e in story.events if len(e.sources) == 2]
    assert span.conflict is None  # both reach 2 March


def test_since_in_a_pluperfect_and_a_past_count_beside_a_date_make_no_span_to_now() -> None:
    x = extract("Siege\n\nThe port had been blockaded since 3 May 1915 when the fleet arrived. The siege lasted "
                "64 days from 3 May 1915.", "2009-12-19", doc_id="x")
    story = build_story([x])
    assert all(not s.mention.endswith(":measured") and s.reach is None for e in story.events for s in e.sources)
    assert {(e.start, e.end) for e in story.events} == {(date(1915, 5, 3), date(1915, 5, 3))}


def test_an_anaphor_read_against_a_date_but_landing_elsewhere_is_another_happening() -> None:
    x = extract("Spring\n\nIn early April the army crossed the river, while in late April the navy took the port.",
                "2021-06-01", doc_id="x")
    assert sorted(len(e.sources) for e in build_story([x]).events) == [1, 1]


def test_more_than_is_no_count_ahead() -> None:
    x = extract("Siege\n\nThe residents fled after more than 40 days of fighting, officials said on Tuesday. The "
                "pit may stay closed for two weeks more, officials said on Monday.", "2021-03-05", doc_id="x")
    details = sorted(x.document.text[s.expression_start:s.expression_end] for e in build_story([x]).events
                     for s in e.sources if s.mention.endswith(":detail"))
    assert details == ["two weeks"]


def test_a_misdated_report_must_be_its_counterparts_best_match_both_ways() -> None:
    # 2 March 2021 was a Tuesday. The first article no longer reports the storm (its journalist
    # deleted it): the second's storm sentence, a day off the resignation and alike in words, is no
    # misdated report of it, because the resignation's best match there is the other resignation.
    harbour = extract("Storm floods Portmere\n\nThe storm was bad. On 2 March, the roads closed. The next day, "
                      "the harbour master resigned over the flooding.", "2021-03-05", doc_id="harbour")
    harbour = replace(harbour, events=tuple(e for e in harbour.events if "resigned" in
                                            harbour.document.text[e.sentence_start:e.sentence_end]))
    council = extract("Council statement\n\nCouncil officials said the harbour master resigned over the "
                      "flooding on Tuesday. A storm flooded the harbour of Portmere on 2 March.", "2021-03-05",
                      doc_id="council")
    story = build_story([harbour, council])
    storm = [e for e in story.events if any("storm flooded" in s.sentence for s in e.sources)]
    assert [len(e.sources) for e in storm] == [1]
    [resigned] = [e for e in story.events if len(e.sources) == 2]
    assert resigned.open_conflict and resigned.doc_ids == ("harbour", "council")


def test_a_misdated_report_is_alike_around_its_own_date_not_only_in_its_sentence() -> None:
    # 5 March 2021 was a Friday. The police sentence dates two happenings; the coastguards' seizure on
    # Tuesday is alike in words to the whole sentence for both of its dates, but around its own date
    # only to the seizure on Wednesday night (was: the conflict went to Monday's questioning, the
    # first date of the sentence).
    police = extract("Trawler seized\n\nPortmere police questioned the harbour master on Monday, and the Innis "
                     "trawler Aurora was seized off Kelso on Wednesday night.", "2021-03-05", doc_id="police")
    coast = extract("Aurora seized\n\nCoastguards seized the Innis trawler Aurora off Kelso on Tuesday.",
                    "2021-03-05", doc_id="coast")
    story = build_story([police, coast])
    assert [(e.start, e.doc_ids) for e in story.events] == [
        (date(2021, 3, 1), ("police",)), (datetime(2021, 3, 3, 21, 0), ("police", "coast"))]
    assert [(a.start, a.doc_ids) for a in story.events[1].conflict.alternatives] == [
        (datetime(2021, 3, 3, 21, 0), ("police",)), (date(2021, 3, 2), ("coast",))]


def test_a_count_ahead_that_restates_a_count_detailing_a_date_of_its_article_details_that_date() -> None:
    # 5 March 2021 was a Friday. The headline's "15 days" has no date in its sentence; it restates the
    # body's "at least another 15 days" that the engineers gave on Thursday, so it is a mention of that
    # statement (was: a span of its own, measured back from the publication date, since "could take"
    # is no cue that a count looks ahead). The divers' 12 days up to now restate nothing: a span.
    x = extract("Harbour works could take 15 days\n\nClearing the harbour of Portmere will take at least another "
                "15 days, engineers said on Thursday. The divers have already spent 12 days at sea.",
                "2021-03-05", doc_id="x")
    story = build_story([x])
    phrases = [sorted(x.document.text[s.expression_start:s.expression_end] for s in e.sources) for e in story.events]
    assert phrases == [["12 days"], ["15 days", "Thursday", "at least another 15 days"]]
    statement = story.events[1]
    assert (statement.start, statement.conflict) == (date(2021, 3, 4), None)
    assert sorted(s.mention.rsplit(":", 1)[-1] for s in statement.sources if s.expression_start < 40) == ["detail"]
    assert (story.events[0].start, story.events[0].end) == (date(2021, 2, 21), date(2021, 3, 5))


def test_one_articles_sentence_told_again_with_a_few_words_more_is_one_happening() -> None:
    # The two radio sentences are alike at a cosine of about 0.73: a repeat (was: only above 0.8).
    x = extract("Rea speaks\n\nTom Rea spoke to his family by radio on Wednesday night. Tom Rea, still weak, spoke to "
                "his family by radio on Wednesday night. The harbour reopened on Thursday.", "2021-03-05", doc_id="x")
    story = build_story([x])
    assert [(e.start, len(e.sources)) for e in story.events] == [
        (datetime(2021, 3, 3, 21, 0), 2), (date(2021, 3, 4), 1)]


def _own_parts_by_date(x: Extraction) -> dict[str, str]:
    """Each date's own part of its sentence (story._own_parts), by the date's text."""
    from timeline_app.story import _own_parts, _sources, article_sources

    sources, dateline, detail = _sources([article_sources(x)])
    return {x.document.text[s.expression_start:s.expression_end]: x.document.text[lo:hi]
            for s, (lo, hi) in zip(sources, _own_parts(sources, dateline, detail), strict=True)}


def test_each_instant_of_a_sentence_has_its_own_part_unless_or_joins_them() -> None:
    x = extract("Rea\n\nPolice questioned Rea on Monday, and the trawler was seized on Wednesday night. Rea will be "
                "released either tomorrow (Friday) or day after (Saturday).", "2021-03-04", doc_id="x")
    parts = _own_parts_by_date(x)
    assert parts == {"Monday": "Police questioned Rea on Monday, and the trawler",
                     "Wednesday night": " was seized on Wednesday night.",
                     "tomorrow": "Rea will be released either tomorrow (Friday) or day after (Saturday).",
                     "Friday": "Rea will be released either tomorrow (Friday) or day after (Saturday).",
                     "day after": "Rea will be released either tomorrow (Friday) or day after (Saturday).",
                     "Saturday": "Rea will be released either tomorrow (Friday) or day after (Saturday)."}


def test_each_articles_part_of_the_merge_keeps_its_place_among_the_others() -> None:
    # The second article's count details its own "on Tuesday", never the first article's event at
    # that index; its date line stays a date line once the articles' sources are one list.
    first = extract("Harbour\n\nThe harbour reopened on Monday. Boats left on Wednesday.", "2021-03-05", doc_id="a")
    second = extract("Rescue\n\nBEIJING, March 5 (AFP) - The rescue will take 15 days, officials said on Tuesday.",
                     "2021-03-05", doc_id="b")
    from timeline_app.story import _sources, article_sources

    sources, dateline, detail = _sources([article_sources(first), article_sources(second)])
    said = [second.document.text[s.expression_start:s.expression_end] if s.doc_id == "b"
            else first.document.text[s.expression_start:s.expression_end] for s in sources]
    assert said == ["Monday", "Wednesday", "Tuesday", "March 5", "15 days"]
    assert dateline == {3} and detail == {4: 2}


def test_an_articles_part_made_beforehand_is_used_only_for_that_very_extraction() -> None:
    from timeline_app.story import article_sources

    one = extract("Harbour\n\nThe harbour of Portmere reopened on Monday.", "2021-03-05", doc_id="a")
    two = extract("Port news\n\nPortmere's harbour reopened on Monday, its master said.", "2021-03-05", doc_id="b")
    undated = replace(one, events=())
    fresh = build_story([one, two])
    assert build_story([undated, two]) != fresh  # so a part made of the undated copy would show
    parts = {x.document.id: article_sources(x) for x in (one, two)}
    assert build_story([one, two], prepared=parts) == fresh
    assert build_story([one, two], prepared={**parts, "a": article_sources(undated)}) == fresh


def _bridge(first: str, both: str, crane: str, published: str) -> list:
    """Three reports of one crash: the middle one tells what each of the others does, in their words."""
    return [extract(f"Bridge\n\nA lorry smashed into the old bridge {first}.", published, doc_id="lorry"),
            extract(f"Crane\n\n{both} a lorry smashed into the bridge and toppled a crane, harbour officials said.",
                    published, doc_id="both"),
            extract(f"Harbour\n\nA crane toppled {crane}, harbour officials said.", published, doc_id="crane")]


def test_two_reports_that_share_no_word_join_through_a_third_when_their_dates_agree() -> None:
    # 2 March 2021 was a Tuesday. "lorry" and "crane" share no rare word, so they are never compared;
    # on average with "both" the three are alike enough, and their dates let them meet.
    story = build_story(_bridge("on Tuesday", "On Tuesday", "on Tuesday", "2021-03-03"))
    assert [(e.start, [s.doc_id for s in e.sources]) for e in story.events] == [
        (date(2021, 3, 2), ["lorry", "both", "crane"])]


def test_two_reports_never_compared_stay_apart_when_their_dates_clash() -> None:
    # 6 March 2021 was a Saturday: Monday the 1st and Friday the 5th are too far apart to be one misdated.
    story = build_story(_bridge("on Monday", "This week", "on Friday", "2021-03-06"))
    assert [(e.start, [s.doc_id for s in e.sources]) for e in story.events] == [
        (date(2021, 3, 1), ["lorry"]), (date(2021, 3, 5), ["both", "crane"])]


def test_a_state_told_as_of_writing_conflicts_with_no_report_of_it_a_day_away() -> None:
    # 3 January 2023 was a Tuesday: the state held on the 2nd ("currently") and on the 3rd.
    now = extract("Ward\n\nThe goalkeeper Sam Lowe is currently listed in critical condition.", "2023-01-02",
                  doc_id="now")
    later = extract("Update\n\nThe club said on Tuesday that Sam Lowe is still listed in critical condition.",
                    "2023-01-04", doc_id="later")
    story = build_story([now, later])
    assert [(e.start, [s.doc_id for s in e.sources], e.conflict) for e in story.events] == [
        (date(2023, 1, 2), ["now"], None), (date(2023, 1, 3), ["later"], None)]


def test_a_count_after_a_present_perfect_runs_up_to_now_whatever_verb_is_nearer() -> None:
    # 22 January 2021 was a Friday. Was: no source; "said" and "spent" made the clause past, so the
    # count beside "Friday" measured a stretch of the story's past ([guard_words].count_to_now_before).
    x = extract("Mine\n\nRescuers said Friday it could take another two weeks to free a group that has already "
                "spent 12 days entombed by an explosion.", "2021-01-23", doc_id="x")
    spans = sorted((x.document.text[s.expression_start:s.expression_end], s.start, s.end, s.mention.rsplit(":", 1)[-1])
                   for e in build_story([x]).events for s in e.sources if s.start != s.end)
    assert spans == [("12 days", date(2021, 1, 11), date(2021, 1, 23), "measured")]
    # a simple past, or a pluperfect, is no such perfect: a stretch of the story's past
    y = extract("Shop\n\nThe owner spent 12 days abroad, she said on Friday. Her partner had waited 3 days for "
                "her, she said on Friday.", "2021-01-23", doc_id="y")
    assert [s for e in build_story([y]).events for s in e.sources if s.start != s.end] == []


def test_a_date_in_another_happenings_clause_is_no_misdated_report_of_the_main_one() -> None:
    # 5 March 2021 was a Friday. "a Thursday auction" dates the auction, in the clause "after" opens; the
    # other article's Friday morning dates the report of a buyer sought. Alike in words, a day apart,
    # each the other's best match: was one event with a Thursday/Friday conflict.
    harbour = extract("Portmere trawler for sale\n\nThe harbour board said the owners sought a buyer for the trawler "
                      "Aurora after failing to sell it at a Thursday auction.", "2021-03-05", doc_id="harbour")
    coast = extract("Aurora owners seek buyer\n\nEarly Friday morning, it was reported the owners of the trawler "
                    "Aurora sought a buyer after the auction failed.", "2021-03-05", doc_id="coast")
    story = build_story([harbour, coast])
    assert [(e.start, e.doc_ids, e.conflict) for e in story.events] == [
        (date(2021, 3, 4), ("harbour",), None), (datetime(2021, 3, 5, 6, 0), ("coast",), None)]


def test_a_date_opening_a_clause_of_its_own_keeps_that_clause_as_its_part() -> None:
    x = extract("Rea\n\nRea sought a buyer after failing to sell the trawler at a Thursday auction. On Friday the "
                "owners resigned before the board met.", "2021-03-05", doc_id="x")
    parts = _own_parts_by_date(x)
    assert parts == {"Thursday": "after failing to sell the trawler at a Thursday auction.",
                     "Friday": "On Friday the owners resigned "}


def test_the_next_week_something_is_to_happen_in_measures_ahead_from_the_publication_date() -> None:
    # Was the week after the article's last date (8-14 March): the dividend is due in the seven days after
    # the publication date ("next" makes the span count ahead, though "uninsured" reads as a past verb).
    x = extract("Harbour dividend\n\nThe harbour reopens on 5 March. The board is expected to pay uninsured "
                "fishermen a dividend in the next week.", "2021-03-05", doc_id="x")
    story = build_story([x])
    assert [(e.start, e.end, [s.mention.rsplit(":", 1)[-1] for s in e.sources]) for e in story.events
            if e.start != e.end] == [(date(2021, 3, 5), date(2021, 3, 12), ["measured"])]


def test_a_date_of_the_article_that_agrees_with_one_of_two_or_dates_may_join_that_happening() -> None:
    # 4 March 2021 was a Thursday: "by today or tomorrow" is 4 or 5 March, "by Thursday" the 4th. Was:
    # "by Thursday" clashed with "tomorrow" in one article, so the release forecast stayed in two events.
    forecast = extract("Rea to walk free\n\nThe Innis fisherman Tom Rea will walk out of Portmere jail by today or "
                       "tomorrow. His lawyers will complete the bond papers for his release by Thursday.",
                       "2021-03-04", doc_id="forecast")
    report = extract("Rea walks free\n\nThe Innis fisherman Tom Rea was released from Portmere jail today once his "
                     "lawyers had completed the bond papers.", "2021-03-05", doc_id="report")
    texts = {"forecast": forecast.document.text, "report": report.document.text}
    [release] = build_story([forecast, report]).events
    assert [(s.doc_id, texts[s.doc_id][s.expression_start:s.expression_end]) for s in release.sources] == [
        ("forecast", "today"), ("forecast", "Thursday"), ("forecast", "tomorrow"), ("report", "today")]
    assert [(a.start, a.doc_ids) for a in release.conflict.alternatives] == [
        (date(2021, 3, 5), ("forecast", "report")), (date(2021, 3, 4), ("forecast",))]


def test_two_sentences_of_one_article_weigh_nothing_in_the_joins_average() -> None:
    # 2 March 2021 was a Tuesday. The article words the resignation twice, in words the two
    # sentences do not share; the other article's report is like both. Was: the unlike pair of one
    # article counted 0 in the average and kept "Rea stepped down" an event of its own.
    port = extract("Port\n\nThe harbour master of Portmere resigned on Tuesday. Rea stepped down on Tuesday after "
                   "twelve years in the job.", "2021-03-05", doc_id="port")
    rea = extract("Rea\n\nTom Rea, harbour master of Portmere for twelve years, resigned on Tuesday after the flood "
                  "inquiry.", "2021-03-03", doc_id="rea")
    [resigned] = build_story([port, rea]).events
    assert [(s.doc_id, s.sentence) for s in resigned.sources] == [
        ("port", "The harbour master of Portmere resigned on Tuesday."),
        ("port", "Rea stepped down on Tuesday after twelve years in the job."),
        ("rea", "Tom Rea, harbour master of Portmere for twelve years, resigned on Tuesday after the flood inquiry.")]
