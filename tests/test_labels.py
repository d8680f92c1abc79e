"""Event labels say what happened, in a few words, with no other date's words, no page chrome
and no broken edge. Golden cases, one per defect kind that benchmarks/labels.py counts, and a
hypothesis property over generated sentences."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app import extract
from timeline_app.ingest import read_path
from timeline_app.labels import MAX_CHARS, Labeller, clause_label
from timeline_app.model import Extraction
from timeline_app.pipeline import extract_document
from timeline_app.sentences import sentence_spans

WORDS = tomllib.loads((Path(__file__).parents[1] / "timeline_app" / "rules" / "labels_en.toml").read_text("utf-8"))


def labels(x: Extraction) -> dict[str, str]:
    """Each expression's text -> the label of its (first) event."""
    out: dict[str, str] = {}
    for e in sorted(x.events, key=lambda e: e.expression):
        out.setdefault(x.expressions[e.expression].text, e.label)
    return out


def span(sentence: str, phrase: str) -> tuple[int, int]:
    start = sentence.index(phrase)
    return start, start + len(phrase)


# ---- another date's words ------------------------------------------------------------------------

def test_a_later_date_reported_on_an_earlier_one_is_labelled_by_what_happened() -> None:
    s = "Officials said on Monday, Jan. 9, 2012 that the plant closed the following day."
    got = labels(extract(s, published="2012-01-10"))
    assert got == {"Monday, Jan. 9, 2012": "Officials said that the plant closed", "the following day": "The plant closed"}


def test_a_time_and_the_day_joined_after_it_share_the_words_after_them() -> None:
    s = "Candidates have until 5pm on Monday to send their papers."
    got = labels(extract(s, published="2019-06-07"))
    assert got == {"5pm": "Candidates have to send their papers", "Monday": "Candidates have to send their papers"}


def test_a_short_clause_keeps_its_own_words_when_the_next_says_no_more() -> None:
    s = "Nominations close at 5pm on Monday, and voting opens on Tuesday."
    got = labels(extract(s, published="2019-06-07"))
    assert got == {"5pm": "Nominations close", "Monday": "Nominations close", "Tuesday": "Voting opens"}
    s = "Tarragona fell on 14 January, followed by Barcelona on 26 January."
    assert labels(extract(s, published="1939-03-01"))["14 January"] == "Tarragona fell"


def test_a_relative_cut_off_on_its_own_takes_the_subject_before_it() -> None:
    s = "The prime minister, who took office in July, faces a vote on Wednesday."
    got = labels(extract(s, published="2019-10-30"))
    assert got == {"July": "The prime minister took office", "Wednesday": "The prime minister faces a vote"}
    # not a clause before it, nor a relative whose verb has a subject of its own
    s = "He succeeds James Taylor, who stepped down as chairman in March for health reasons."
    assert not labels(extract(s, published="2019-10-30"))["March"].startswith("He succeeds")
    s = "Before the arrival of Keep, which Google launched this week, there was no such app."
    assert labels(extract(s, published="2013-03-22"))["this week"] == "Google launched"


def test_a_clause_label_leaves_out_every_other_date_of_its_clause() -> None:
    s = "RCMP said Sunday a 17-year-old girl went missing on Nov. 29 but did not confirm her name."
    dates = [span(s, "Sunday"), span(s, "Nov. 29")]
    assert clause_label(s, *dates[1], dates) == "A 17-year-old girl went missing"
    assert clause_label(s, *dates[0], dates) == "RCMP said a 17-year-old girl went missing"


def test_a_range_is_labelled_without_either_end() -> None:
    s = 'The "Second Shot" clinic will run from Monday, March 1 to Friday, March 5 at the following hours:'
    got = set(labels(extract(s, published="2021-02-25")).values())
    assert got <= {'The "Second Shot" clinic will run', 'The "Second Shot" clinic will run at the following hours'}


def test_a_vague_date_is_removed_but_does_not_end_the_label() -> None:
    s = "Fresenius now expects its takeover of Akorn to be completed in early 2018."
    dates = [span(s, "now"), span(s, "early 2018")]
    assert clause_label(s, *dates[1], dates) == "Fresenius expects its takeover of Akorn to be completed"


# ---- dangling edges ------------------------------------------------------------------------------

def test_a_possessive_date_leaves_the_noun_it_owned() -> None:
    s = "A faulty valve scrubbed Tuesday's launch."
    assert clause_label(s, *span(s, "Tuesday"), [span(s, "Tuesday")]) == "A faulty valve scrubbed the launch"
    s = "Up to Friday's close, the shares had fallen about 25 percent since Nov. 14."
    dates = [span(s, "Friday"), span(s, "Nov. 14")]
    assert clause_label(s, *dates[0], dates) == "The shares had fallen about 25 percent"  # not "Up to 's close"


def test_no_label_starts_with_the_comma_its_date_left() -> None:
    s = "On Saturday, China reported 28 new cases."
    assert clause_label(s, *span(s, "Saturday"), [span(s, "Saturday")]) == "China reported 28 new cases"


def test_no_label_ends_on_the_words_that_led_into_its_date() -> None:
    s = "Bad weather forced a postponement to just after midnight Wednesday."
    assert clause_label(s, *span(s, "midnight Wednesday"), [span(s, "midnight Wednesday")]) == \
        "Bad weather forced a postponement"
    s = "Highs will be in the 50s Friday."
    assert clause_label(s, *span(s, "Friday"), [span(s, "Friday")]) == "Highs will be in the 50s"


def test_the_hours_a_date_is_told_with_go_with_it() -> None:
    # "In the early hours" was the label of the fire
    s = "In the early hours of Sunday, a fire broke out."
    assert clause_label(s, *span(s, "Sunday"), [span(s, "Sunday")]) == "A fire broke out"
    s = "Police were called in the small hours of Saturday."
    assert clause_label(s, *span(s, "Saturday"), [span(s, "Saturday")]) == "Police were called"


def test_a_copula_before_a_date_and_a_comma_goes_with_the_date() -> None:
    # "The vote is, officials said" was the label; a copula with no mark after its date stays
    s = "The vote is Thursday, officials said."
    assert clause_label(s, *span(s, "Thursday"), [span(s, "Thursday")]) == "The vote, officials said"
    s = "The day of the vote is Thursday at last."
    assert clause_label(s, *span(s, "Thursday"), [span(s, "Thursday")]) == "The day of the vote is at last"


def test_a_range_of_hours_loses_its_first_number_with_its_date() -> None:
    s = "This clinic will be from 1-7 p.m. at the health department."
    assert clause_label(s, *span(s, "7 p.m."), [span(s, "7 p.m.")]) == "This clinic will be at the health department"


def test_a_cut_bracket_or_quote_is_not_left_open() -> None:
    s = 'The spokesman tweeted "Gunman captured tonight by police" and left.'
    got = clause_label(s, *span(s, "tonight"), [span(s, "tonight")])
    assert got.count('"') % 2 == 0 and got.startswith("The spokesman tweeted")


# ---- page chrome ---------------------------------------------------------------------------------

def test_a_date_stamp_line_is_labelled_with_the_headline_not_its_chrome() -> None:
    text = ("Ferry service resumes after repairs\n"
            "Created: Nov 20, 2024 09:27 AM (Updated: Nov 20, 2024 08:57 PM)\n\n"
            "The ferry restarted this morning after a halt yesterday.")
    x = extract(text)
    assert x.document.published is not None
    x = extract(text, published=x.document.published)
    stamp = {e.label for e in x.events if e.sentence_start < text.index("\n\n")}
    assert stamp == {"Article published", "Article updated"}  # (a pasted text has no headline of its own)


def test_a_stamp_line_read_from_a_file_names_the_headline_without_its_dates_or_desk_tag(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("REFILE-Plant closes in early 2018\nDecember 19, 2017 / 8:22 AM / Updated 21 hours ago\n\n"
                    "The plant closed on Tuesday, officials said.", encoding="utf-8")
    doc = read_path(path)
    x = extract_document(doc)
    line_two = doc.text.index("\n") + 1
    stamp = {e.label for e in x.events if x.expressions[e.expression].start >= line_two
             and x.expressions[e.expression].start < doc.text.index("\n\n")}
    assert stamp and stamp <= {"Published: Plant closes", "Updated: Plant closes"}
    assert not any("21 hours" in e.label or "/" in e.label or "REFILE" in e.label for e in x.events)


def test_a_live_pages_update_line_is_an_update_with_its_whole_date(tmp_path: Path) -> None:
    # "Update:" as well as "Updated": its time, weekday and date are one expression, labelled as an update.
    path = tmp_path / "live.txt"
    path.write_text("Ferry search: wreck found near the reef\n\nUpdate: 3:30 p.m. Thursday, June 22\n\n"
                    "The coastguard said Thursday that the wreck was found.", encoding="utf-8")
    x = extract_document(read_path(path, published=date(2023, 6, 22)))
    [stamp] = [e for e in x.events if x.expressions[e.expression].text == "3:30 p.m. Thursday, June 22"]
    assert (stamp.label, stamp.start) == ("Updated: Ferry search: wreck found near the reef", datetime(2023, 6, 22, 15, 30))


def test_a_byline_before_the_publication_date_makes_its_line_a_stamp(tmp_path: Path) -> None:
    path = tmp_path / "match.txt"
    path.write_text("Late goals sink the visitors\n\nBy Sports Desk September 07, 2022\n\n"
                    "The home side won on Wednesday.", encoding="utf-8")
    x = extract_document(read_path(path))
    assert x.document.published == date(2022, 9, 7)
    assert {e.label for e in x.events} == {"Published: Late goals sink the visitors", "The home side won"}
    # a byline's line that holds a sentence is no stamp
    path.write_text("Late goals\n\nBy Mr Jones the deal was signed on September 07, 2022.\n", encoding="utf-8")
    [signed] = extract_document(read_path(path, published=date(2022, 9, 7))).events
    assert not signed.label.startswith("Published")


def test_a_ranges_dash_and_brackets_go_with_its_dates() -> None:
    # "The budget - was approved", "Operation Killer ()" were labels
    for text, label in (("The budget for 2023-24 was approved on Tuesday.", "The budget was approved"),
                        ("Operation Killer (21 February - 6 March 1951) pushed the front north.",
                         "Operation Killer pushed the front north"),
                        ("Their 2019/20 campaign ended on Tuesday.", "Their campaign ended")):
        assert {e.label for e in extract(text, published="2023-03-15").events} == {label}


def test_a_relative_clause_set_off_gives_way_to_its_subject() -> None:
    s = "The minister, who took office in 2019, resigned last week."
    assert labels(extract(s, published="2024-01-10")) == {"2019": "The minister, who took office",
                                                          "last week": "The minister resigned"}
    s = "The fire, which started on Tuesday night, was put out on Wednesday morning."
    assert labels(extract(s, published="2024-06-05"))["Wednesday morning"] == "The fire was put out"
    # a relative clause of one item of a list lends no subject
    s = "Operators in Kenya and Tanzania, which boast fine beaches, say bookings held up on Monday."
    assert not labels(extract(s, published="2024-06-05"))["Monday"].startswith("Tanzania")


def test_a_wire_dateline_is_not_the_label() -> None:
    s = "SPRINGFIELD, Ill., March 3 (Wire) -- The council approved the budget on Tuesday."
    got = labels(extract(s, published="2021-03-03"))
    assert got == {"March 3": "The council approved the budget", "Tuesday": "The council approved the budget"}
    # a comma before the agency's tag, and a tag with digits in it
    s = "SPRINGFIELD, March 3, (K9X) - The council approved the budget on Tuesday."
    assert labels(extract(s, published="2021-03-03")) == {"March 3": "The council approved the budget",
                                                          "Tuesday": "The council approved the budget"}


# ---- empty ---------------------------------------------------------------------------------------

def test_a_line_of_dates_only_takes_the_words_of_the_sentence_before() -> None:
    text = "The clinic will run at these hours:\n\nMonday, March 1; 9:00 a.m. - 5:00 p.m."
    x = extract(text, published="2021-02-25")
    assert x.events and {e.label for e in x.events} == {"The clinic will run at these hours"}


def test_a_clause_that_says_little_yields_to_its_neighbour() -> None:
    s = "Margins rose to 16.2%, up from 13.4% in the year-ago quarter."
    assert clause_label(s, *span(s, "the year-ago quarter"), [span(s, "the year-ago quarter")]) == "Margins rose to 16.2%"


# ---- too long ------------------------------------------------------------------------------------

def test_an_aside_set_off_by_dashes_gives_way_to_the_clause_after_it() -> None:
    x = extract("On March 3 — a day earlier than planned, and quietly — the studio shipped the patch. "
                "It broke saves.", published="2023-03-10")
    assert labels(x) == {"March 3": "The studio shipped the patch"}
    x = extract("On March 3, the studio shipped the patch.", published="2023-03-10")
    assert labels(x) == {"March 3": "The studio shipped the patch"}


def test_long_words_make_a_shorter_label() -> None:
    s = ("Construction of the Chinese section of the Sino-Russian Tongjiang-Nizhneleninskoye railway "
         "bridge was completed on Saturday.")
    got = clause_label(s, *span(s, "Saturday"), [span(s, "Saturday")])
    assert got == "Construction of the Chinese section of the Sino-Russian…" and len(got) <= MAX_CHARS + 1


# ---- the property --------------------------------------------------------------------------------

# Dates the tagger finds wherever they stand (an anaphoric "the following day" may go untagged at a
# text's start, and then its words are plain words another sentence can lend a label).
DATES = ["on Monday", "on Jan. 9, 2012", "in March 2015", "last week", "at 5 p.m.", "on Friday's",
         "since Nov. 14", "until 2018", "yesterday", "in May 2014", "Tuesday's", "on 3 June 2013"]
# (No word that makes a year a count: "2018 shares" is no date, and its words are plain words.)
PLAIN = ("the council plant police officials ferry court vote storm bridge company clinic "
         "closed approved said reported rose fell opened resumed announced confirmed new budget "
         "and but that of to with a, an; then").split()
DANGLING_START = set(WORDS["dangling_start"])
DANGLING_END = set(WORDS["dangling_end"])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """Plain words with dates among them, never two dates side by side ("until 2018 until 2018"
    leaves the second untagged, and then its words are plain words), nor a date after "that"
    (the tagger leaves "that Tuesday's" alone: it may be the day the text just spoke of)."""
    parts = draw(st.lists(st.one_of(st.sampled_from(PLAIN), st.sampled_from(DATES)), min_size=3, max_size=24))
    parts = [p for i, p in enumerate(parts) if not (p in DATES and i and (parts[i - 1] in DATES or parts[i - 1] == "that"))]
    if not any(p in DATES for p in parts):
        parts += ["then", draw(st.sampled_from(DATES))]
    text = " ".join(parts).replace(" ,", ",")
    return text[0].upper() + text[1:] + "."


def _holds(label: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", label) is not None


@settings(max_examples=150, deadline=None)
@given(st.lists(sentences(), min_size=1, max_size=3))
def test_a_label_never_holds_another_date_never_is_empty_never_dangles(parts: list[str]) -> None:
    x = extract(" ".join(parts), published="2015-07-10")
    for e in x.events:
        own = x.expressions[e.expression]
        label = e.label.removesuffix("…")
        assert label.strip(), e
        others = [t.text for t in x.expressions if t.type in ("DATE", "TIME") and t is not own
                  and e.sentence_start <= t.start < e.sentence_end and not (t.start < own.end and own.start < t.end)]
        if label.lower() != " ".join(own.text.split()).lower():  # (the last resort: the date's own words)
            assert not any(_holds(label, o) for o in others if o not in own.text), (label, others)
        words = label.split()
        assert words[-1].lower().strip(",.;:") not in DANGLING_END, label
        assert words[0] not in DANGLING_START and not re.match(r"[,;:.)\]–—/'’]", label), label


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PLAIN, "'s", "\n", "Monday", "(UPI) --", "Updated:", "\n\n"]), min_size=1, max_size=30),
       st.lists(st.tuples(st.integers(0, 200), st.integers(0, 12)), max_size=8), st.data())
def test_any_spans_even_nested_ones_give_a_label_and_no_exception(words: list[str], spans: list[tuple[int, int]],
                                                                   data: st.DataObject) -> None:
    """The tagger's spans may nest or repeat (a fuzzed input once did): labels still come."""
    text = " ".join(words)
    dates = [(min(a, len(text)), min(a + n, len(text))) for a, n in spans]
    labeller = Labeller(text, dates, dates[:1], sentence_spans(text))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for label in (labeller.clause(0, len(text), start, end), labeller.phrase(0, len(text), start, end),
                  labeller.plain(0, len(text)), labeller.nearby(start)):
        assert isinstance(label, str) and label == label.strip()


# ---- a place or a name set off by commas ---------------------------------------------------------

def test_a_place_between_commas_is_not_a_clause_of_its_own() -> None:
    # Cut at those commas, the label was "Calif., and Longview", "N.Y., area say ..." or "Louisiana, USA".
    for sentence, date, label in (
            ("Ball will cease production at its plant as well as factories in Chatsworth, Calif., and Longview, "
             "Texas, in 2018.", "in 2018", "Ball will cease production at its plant as well…"),
            ("The authorities in the Buffalo, N.Y., area say they have gathered evidence since March 3.",
             "since March 3", "The authorities in the Buffalo, N.Y., area say they…"),
            ("Libbey plans to close its Shreveport plant, Louisiana, USA by the end of the year.",
             "by the end of the year", "Libbey plans to close its Shreveport plant, Louisiana, USA"),
            # an age set off likewise: the label was "Appeared in court"
            ("The suspect, 23, appeared in court on Monday.", "on Monday", "The suspect, 23, appeared in court")):
        assert clause_label(sentence, *span(sentence, date)) == label


def test_a_clause_after_a_comma_is_still_cut_off() -> None:
    # A capitalised word after one comma, with no second comma, is a clause's start as before.
    s = "The harbour master resigned on Monday, Ferries stopped running across the bay for a week."
    assert clause_label(s, *span(s, "on Monday")) == "The harbour master resigned"
    s = "The strike ended in March, and Dockers at the north quay went back to work."
    assert clause_label(s, *span(s, "in March")) == "The strike ended"


_PIECES = ["Buffalo,", "N.Y.,", "Jan Kavan,", "the", "minister", "said", "area", "and", "who", "on Monday", "2018", ","]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=3, max_size=40), st.data())
def test_a_labels_whole_text_cuts_are_its_windows_own(words: list[str], data: st.DataObject) -> None:
    # Each window joins the cuts read once over the whole text (Labeller._jump): the same labels
    # as reading every window's breaks afresh, whatever the commas and capitals around the date.
    text = " ".join(words)
    dates = [(m.start(), m.end()) for m in re.finditer(r"on Monday|2018", text)]
    if not dates:
        return
    start, end = data.draw(st.sampled_from(dates))
    fresh = Labeller(text, dates, (), sentence_spans(text))
    fresh._jump = lambda k, stop, state, *rest: (k, state)  # type: ignore[method-assign]
    assert Labeller(text, dates, (), sentence_spans(text)).clause(0, len(text), start, end) == \
        fresh.clause(0, len(text), start, end)


def _labels_by_date(text: str, published: str, dates: dict[str, str]) -> dict[str, str | None]:
    """The label of the event of each date text in ``dates`` (None for one with no event)."""
    x = extract(text, published=published)
    got = {x.expressions[e.expression].text: e.label for e in x.events}
    return {k: got.get(k) for k in dates}


@pytest.mark.parametrize(("text", "labels"), [
    # a subordinate clause with a date of its own is that date's happening
    ("Prices fell sharply in March after the central bank raised rates in February.",
     {"March": "Prices fell sharply", "February": "The central bank raised rates"}),
    ("The team was still reeling from a defeat on Tuesday when the coach resigned on Friday.",
     {"Tuesday": "The team was still reeling from a defeat", "Friday": "The coach resigned"}),
    # not the only date's clause, nor a conjunction that leads into the date
    ("The mayor resigned on Tuesday after the council voted against her.",
     {"Tuesday": "The mayor resigned after the council voted against her"}),
    ("The firm warned in November that the deal might not close until 2018 as the review could take longer.",
     {"2018": "The deal might not close as the review could…"}),
])
def test_a_subordinate_clause_labels_its_own_date(text: str, labels: dict[str, str]) -> None:
    assert _labels_by_date(text, "2017-12-20", labels) == labels


@pytest.mark.parametrize(("text", "labels"), [
    # two verbs of one subject, each with its date: each its own label, the second with the subject
    ("He left office in 2019 and died in 2023.", {"2019": "He left office", "2023": "He died"}),
    ("The company was founded in 1998 and went public in 2000.",
     {"1998": "The company was founded", "2000": "The company went public"}),
    # a second participle shares the auxiliary: "The King was arrested", never "The King arrested"
    ("The King was recognised on Monday and arrested at Varennes on 21 June.",
     {"Monday": "The King was recognised", "21 June": "The King was arrested at Varennes"}),
    ("The man was arrested on March 3 and charged two days later.",
     {"March 3": "The man was arrested", "two days later": "The man was charged"}),
    # a hyphenated participle too ("He re-elected" was a label)
    ("He was elected in 2016 and re-elected four years later.",
     {"2016": "He was elected", "four years later": "He was re-elected"}),
    # a verb that takes no passive takes the subject alone ("He was died" is no label)
    ("He was injured in 2019 and died in 2023.", {"2019": "He was injured", "2023": "He died"}),
    # nor one with an object after it
    ("He was elected in 2016 and introduced a bill in 2017.", {"2016": "He was elected", "2017": "He introduced a bill"}),
    # a clause of several verbs: the second verb may be any one's
    ("Officials said on Friday the plan started in May and expected approval in June.",
     {"June": "Officials said the plan started and expected approval"}),
])
def test_a_second_verb_after_and_takes_the_first_ones_subject(text: str, labels: dict[str, str]) -> None:
    assert _labels_by_date(text, "2024-08-16", labels) == labels


def test_a_label_does_not_open_on_a_reporting_verb_whose_subject_was_cut_off() -> None:
    x = extract("Ana Ruiz, the harbour board's chair, said inspectors on Friday were hoping to question the crew.",
                date(2024, 5, 8))
    assert labels(x) == {"Friday": "Inspectors were hoping to question the crew"}


def test_back_before_a_cut_date_does_not_open_the_label() -> None:
    x = extract("Back in late 2019 we heard reports of a new disease. He came back in 2020.", published="2021-03-23")
    assert labels(x) == {"late 2019": "We heard reports of a new disease", "2020": "He came back"}


def test_a_cleft_around_a_date_leaves_its_clause_as_the_label() -> None:
    x = extract("Not until 1926 did Congress pass a resolution. It wasn’t until 1938 that the day became a holiday.",
                published="2019-11-08")
    assert labels(x) == {"1926": "Congress pass a resolution", "1938": "The day became a holiday"}


@pytest.mark.parametrize(("text", "labels"), [
    # a name after "and" with no verb of its own is a second noun of the clause, not a new subject:
    # the verb after "as" is another clause's
    ("Flood alerts were issued in Kent and Essex on Friday as two rivers burst their banks.",
     {"Friday": "Flood alerts were issued in Kent and Essex as two…"}),
    ("Alerts were issued in Kent and Essex on Friday.", {"Friday": "Alerts were issued in Kent and Essex"}),
    # a name with a verb of its own is one
    ("He left office in 2019 and Smith died in 2023.", {"2019": "He left office", "2023": "Smith died"}),
])
def test_a_name_after_and_is_a_subject_only_with_a_verb_of_its_own(text: str, labels: dict[str, str]) -> None:
    assert _labels_by_date(text, "2024-08-16", labels) == labels
