"""The engine's per-date shortcuts (memos, prefilters, bisects) give the answers of the plain code they replace."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st
import pytest

from timeline_app import labels, published, resolver, tagger, tense
from timeline_app.grammar import load_grammar
from timeline_app.pipeline import extract
from timeline_app.marks import Marks
from timeline_app.needles import needle_search, needles
from timeline_app.resolver import _Context, _word_before, _word_before_text
from timeline_app.sentences import _BOUNDARY, Sentences, sentence_of, sentence_spans
from timeline_app.tagger import _TRAILING_DIGIT, _groups
from timeline_app.tense import TenseReader
from timeline_app.values import human, interval_of
from timeline_app.window_search import WindowSearch, reach_before

PIECES = ["Dec. 16", "just", "over", "about", "on", "since", " ", "  ", "\n", ",", "(", "2011", "Monday", "x"]
soup = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def plain_groups(m: re.Match[str]) -> dict[str, str]:
    """The definition: named groups that matched, 'weekday2' read as 'weekday', first one kept."""
    out: dict[str, str] = {}
    for name, value in m.groupdict().items():
        if value is not None:
            out.setdefault(_TRAILING_DIGIT.sub("", name), value)
    return out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab12 ", max_size=12))
def test_groups_match_groupdict(text: str) -> None:
    pattern = re.compile(r"(?P<day2>\d)?(?P<word>[ab]+)?(?P<day>\d)?(?P<word1>\s)?")
    for m in pattern.finditer(text):
        assert _groups(m) == plain_groups(m)
        assert list(_groups(m)) == list(plain_groups(m))  # the same order, as Mention.groups is serialised


def test_every_rule_reads_its_groups_as_groupdict() -> None:
    text = "on Monday, Dec. 16, 2011, two days later, at 7 p.m. 22-25 April 1951 the 1990s last year"
    seen = 0
    for rule in load_grammar().rules:
        for m in rule.regex.finditer(text):
            assert _groups(m) == plain_groups(m)
            seen += 1
    assert seen > 10


@settings(max_examples=200, deadline=None)
@given(soup, st.integers(min_value=0, max_value=400))
@example("x just over     Dec. 16 bust over     Dec. 16", 16)  # the windows differ in their first character only
def test_word_before_memo_gives_the_scan(text: str, start: int) -> None:
    grammar = load_grammar()
    start = min(start, len(text))
    ctx = _Context(text, date(2012, 1, 26), grammar, False)
    first = _word_before(ctx, start)
    assert first == _word_before(ctx, start) == _word_before_text(text, start, grammar)
    for at in range(len(text), -1, -1):  # one context: windows with the same characters share an answer
        assert _word_before(ctx, at) == _word_before_text(text, at, grammar), at


def test_the_word_before_reads_only_its_window() -> None:
    """What lets _word_before remember a window by its characters: nothing before it is read."""
    assert reach_before(resolver._word_before_pattern(load_grammar())) == 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-WXTQHSUFAPRE:", max_size=16))
def test_cached_interval_is_the_computed_one(value: str) -> None:
    assert interval_of(value) == interval_of.__wrapped__(value)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.dates(), st.datetimes()), st.sampled_from(["day", "week", "month", "hour", "minute", "year",
                                                               "decade", "century", "season", None]))
def test_cached_human_is_the_computed_one(point: date | datetime, granularity: str | None) -> None:
    assert human(point, granularity) == human.__wrapped__(point, granularity)
    # a date and the datetime of its midnight are different keys (they print differently as hours)
    if isinstance(point, datetime):
        assert human(point.date(), granularity) == human.__wrapped__(point.date(), granularity)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["month", "mod", "approx", "word_before", "rel", "weekday"]),
       st.sampled_from(["Dec", "dec", "DEC", " dec ", "early", "Early", "about", "just  over", "last", "Monday",
                        "nope", "", "the  next"]))
def test_word_memo_gives_the_table_entry(table: str, key: str) -> None:
    grammar = load_grammar()
    plain = grammar.words[table].get(" ".join(key.lower().split()))
    assert grammar.word(table, key) == plain
    assert grammar.word(table, key) == plain  # answered from the memo the second time
    assert grammar.word(table, None) is None


def test_word_memo_starts_afresh_when_full(monkeypatch) -> None:
    import timeline_app.grammar as grammar_module

    grammar = load_grammar()
    monkeypatch.setattr(grammar_module, "_LOOKED_UP_MAX", 3)
    for i in range(20):
        assert grammar.word("month", f"x{i}") is None
    assert len(grammar._looked_up) <= 4
    assert grammar.word("month", "Sept") == grammar.words["month"]["sept"]


def plain_merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The definition: each span's window, clamped to the text, joined to the one before when they touch."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - tagger.WINDOW_BEFORE), min(size, end + tagger.WINDOW_AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 800), st.lists(st.tuples(st.floats(0, 1), st.integers(1, 30)), max_size=20), st.booleans())
def test_trigger_windows_joined_in_place_are_the_plain_ones(size: int, picks: list[tuple[float, int]], ordered: bool) -> None:
    spans = [(start, min(size, start + width)) for at, width in picks if (start := min(size - 1, int(at * size))) >= 0]
    spans = sorted(spans) if ordered else spans
    assert tagger._merge(spans, size) == plain_merge(spans, size)


PREV_WORD = re.compile(r"([\w'’$£€#.,%-]+)\s*$")  # the definition: searched forwards in the 40 characters before


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["about", "İs", "x1", "$5", "’", "-", ".", ",", " ", "  ", "\n", "\t", "\u2003", "(", ";", "é",
                                 "a" * 30]), max_size=14).map("".join))
def test_word_before_read_backwards_is_the_search(text: str) -> None:
    for start in range(len(text) + 1):
        m = PREV_WORD.search(text, max(0, start - 40), start)
        assert tagger._prev_word(text, start) == (m[1].lower() if m else ""), start


# ------------------------------------------------------------------ year choices

DATE_PIECES = ["Dec. 16", "March 3", "in May", "May 1", "April 25", "on April 25", "Feb. 29", "Saturday, April 25", "on Monday", "will", "said", "was",
               "due", "effective", "next", "had been", " ", ", ", ". ", "\n\n", "in 1998", "Thanksgiving", "Easter week",
               "the following day"]
dated_soup = st.lists(st.sampled_from(DATE_PIECES), min_size=1, max_size=25).map(" ".join)


publication_dates = st.dates(min_value=date(1005, 1, 1), max_value=date(2990, 12, 31))


@settings(max_examples=150, deadline=None)
@given(dated_soup, publication_dates, publication_dates)
def test_year_choices_memo_gives_the_unmemoised_answers(text: str, dct: date, other: date) -> None:
    extract(text, published=other)  # the memo is the process's: another article's choices are in it
    with_memo = extract(text, published=dct)
    original = resolver._pick_year

    def without_key(ctx, on, unit="day", weekday=None, key=None):  # type: ignore[no-untyped-def]
        return original(ctx, on, unit, weekday)

    resolver._pick_year = without_key
    try:
        plain = extract(text, published=dct)
    finally:
        resolver._pick_year = original
    assert with_memo == plain


@settings(max_examples=100, deadline=None)
@given(dated_soup)
def test_indexes_built_when_first_asked_give_the_eager_answers(text: str) -> None:
    lazy = extract(text, published="2012-01-26")
    original = resolver._Context.__init__

    def eager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        assert self.breaks is not None and self.marks is not None

    resolver._Context.__init__ = eager  # type: ignore[method-assign]
    try:
        assert extract(text, published="2012-01-26") == lazy
    finally:
        resolver._Context.__init__ = original  # type: ignore[method-assign]


def test_an_article_that_never_asks_builds_no_break_index(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(*args: object) -> None:
        raise AssertionError("built")

    monkeypatch.setattr(resolver, "BreakIndex", refuse)
    monkeypatch.setattr(resolver, "Marks", refuse)
    monkeypatch.setattr(resolver, "_LINE_OR_SENTENCE", None)  # no clock time: its sentences are not found
    x = extract("Talks began in 1998. They ended on Dec. 16, 2011.", published="2012-01-26")
    assert x.error is None and len(x.expressions) == 2


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES + ["at 9 a.m.", "in the morning", "at noon", "Friday"]),
                min_size=1, max_size=25).map(" ".join))
def test_clock_owners_are_bare_clock_times(text: str) -> None:
    grammar = load_grammar()
    mentions = tagger.tag(text, grammar)
    owners = resolver._clock_owners(text, mentions, grammar)
    for i, j in owners.items():  # only a bare clock time has an owner: a day, or a time that found its own
        assert resolver._bare_clock(mentions[i], grammar) and (resolver._names_day(mentions[j]) or j in owners)


def test_year_choices_memo_starts_afresh_when_full(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(resolver, "_YEAR_CHOICES_MAX", 2)
    resolver._YEAR_CHOICES.clear()
    for day in range(1, 6):
        extract(f"It rained on Dec. {day}.", published="2012-01-26")
        assert 1 <= len(resolver._YEAR_CHOICES) <= 2


# ------------------------------------------------------------------ sentences


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Dec. 16", " it rained.", " ", "\n\n", "On Monday.", "x"]), max_size=20).map("".join),
       st.integers(-2, 200))
def test_sentence_by_bisect_is_sentence_of(text: str, offset: int) -> None:
    spans = sentence_spans(text)
    assert Sentences(spans).of(offset) == sentence_of(spans, offset)


OLD_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n[ \t]*\n+(?=\s*\S)|\n(?=[ \t]*[#*•✘-])")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "\t", "\u2003", "\x0b", "x", "A", ".", "!", "- item", "•", "\"", "(", "9"]),
                max_size=30).map("".join))
def test_paragraph_breaks_scanned_to_the_last_character_are_the_lookahead_ones(text: str) -> None:
    assert [m.span() for m in _BOUNDARY.finditer(text, 0, len(text.rstrip()))] == \
        [m.span() for m in OLD_BOUNDARY.finditer(text)]


# ------------------------------------------------------------------ labels


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "\t", "\u2003", "x", "A", "a", "."]), max_size=30).map("".join))
def test_line_breaks_scanned_to_the_last_character_are_the_whole_scans(text: str) -> None:
    assert [m.span() for m in labels._HARD_LINE.finditer(text, 0, len(text.rstrip()))] == \
        [m.span() for m in labels._HARD_LINE.finditer(text)]


DATED = ["Dec. 16", "2 years ago", "the following day", "on Monday", "Sunday's", "1-3 April 1990", " at 7 p.m.", " ", ", ",
         "; ", "\n", "(", ")", "\"", "-", ".", "&", "and", "And", "the", "a", "nd", "and.and", "LONDON (Reuters) - ",
         "it rained", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATED + ["(", "“", "”", "…", "the", "said", "In", "x" * 40]), max_size=16).map("".join),
       st.booleans())
def test_memoised_label_tidying_is_the_computed_one(text: str, flag: bool) -> None:
    assert labels._tidied_label(text, flag) == labels._tidied_label.__wrapped__(text, flag)
    assert labels._tidied(text, flag) == labels._tidied.__wrapped__(text, flag)


def labeller_for(text: str) -> tuple[labels.Labeller, list[tuple[int, int]]]:
    """A text's Labeller, as build_events makes it, and its DATE/TIME spans."""
    x = extract(text, published="2012-01-26")
    dates = [t for t in x.expressions if t.type in ("DATE", "TIME")]
    spans = [(t.start, t.end) for t in dates]
    vague = [(t.start, t.end) for t in dates if t.resolution is None or t.resolution.start is None]
    return labels.Labeller(text, spans, vague, sentence_spans(text)), spans


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(DATED + [". ", ".\n\nThe storm hit the town", "The clinic will run at these hours:"]),
                max_size=25).map("".join), st.randoms())
def test_nearby_remembered_per_sentence_is_the_fresh_answer(text: str, rng) -> None:  # type: ignore[no-untyped-def]
    """One labeller asked about every sentence, twice, in any order, answers as a new one asked once."""
    starts = [s for s, _ in sentence_spans(text)] * 2
    rng.shuffle(starts)
    labeller, _ = labeller_for(text)
    for start in starts:
        assert labeller.nearby(start) == labeller_for(text)[0].nearby(start), start


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DATED), max_size=25).map("".join), st.integers(0, 30))
@example("x Dec. 16", 5)
@example("Dec. 16 at 7 p.m. and.and Dec. 16 nd", 30)
def test_clause_of_a_window_that_says_nothing_is_the_full_reading(text: str, reach: int) -> None:
    labeller, spans = labeller_for(text)
    plain, _ = labeller_for(text)
    plain._says_nothing = lambda lo, hi: False  # type: ignore[method-assign]
    for start, end in spans:
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        assert labeller.clause(lo, hi, start, end) == plain.clause(lo, hi, start, end)


# ------------------------------------------------------------------ tense


TENSE_PIECES = ["Dec. 16", " on Monday", " will", " said", " would", " be held", " had been", " was", " is", " next",
                "Will", ". ", ".\n\nThe ", "\n", " ", "x", "(", " the day"]


def tense_answers(reader: TenseReader, spans: list[tuple[int, int]]) -> list[object]:
    return [(reader.window(s, e), reader.tense_at(s, e), reader.governing(s, e), reader.speaks_ahead(s, e),
             reader.looks_back(s, e)) for s, e in spans]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TENSE_PIECES), min_size=1, max_size=14).map("".join), st.integers(1, 4),
       st.sampled_from([tense.SENTENCE_REACH, 12, 30]))
@example("x will Dec. 16", 3, 12)  # the same window after different text, and at the text's start
@example("Dec. 16 had been Dec. 16", 4, 30)
@example("x be held xxxxxx Dec. 16 yyyyyyyyyyyyy; me held xxxxxx Dec. 16 yyyyyyyyyyyyy", 1, 12)  # the lookbehind's reach
def test_tense_readings_remembered_by_their_characters_are_the_scans(text: str, times: int, reach: int) -> None:
    """A text that repeats itself asks about the same characters again and again: the remembered
    Reading of a window gives what its own scans give (the reader with no known reach remembers none)."""
    text *= times
    spans = [(m.start(), m.end()) for m in re.finditer(r"Dec\. 16|Monday", text)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tense, "SENTENCE_REACH", reach)
        patch.setattr(tense, "AFTER_REACH", reach)
        remembered, plain = TenseReader(text), TenseReader(text)
        plain._reach = None
        assert tense_answers(remembered, spans) == tense_answers(plain, spans)


def test_a_text_that_repeats_itself_is_read_once_per_window() -> None:
    text = "Dec. 16 " * 500
    reader = TenseReader(text)
    assert {reader.tense_at(i, i + 7) for i in range(0, len(text), 8)} == {None}
    assert len(reader._readings) <= 2 * tense.SENTENCE_REACH // 8 + 2  # the windows near the ends, and one


# ------------------------------------------------------------------ window searches

WINDOW_PATTERNS = [re.compile(p) for p in (
    r"(?<![\w$])(?:\d+)\s*(?:-|to)\s*$", r"^a", r"\Ab+", r"(?<=ab)c", r"(?<=a(?<!b))c", r"\bab\b", r"b\B",
    r"(?m)^b", r"a$", r"(?<!a)(?:b|c)+(?=a)", r"(?:(?<=b)a|c)")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "1", "-", " ", "ab", "1-", "c1-"]), max_size=12).map("".join),
       st.integers(0, 5), st.booleans())
@example("c1-1-", 2, False)  # "1-" after "c" finds nothing, after "-" it finds itself
def test_window_search_is_the_pattern_search(text: str, width: int, backwards: bool) -> None:
    """Every window of one width, read in either order: the same few characters recur after different ones.
    The last match too (MatchIndex's direct scans), and with the memo bounded to two windows."""
    def same(got: re.Match[str] | None, want: re.Match[str] | None) -> bool:
        return (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))

    for pattern in WINDOW_PATTERNS:
        for limit in (None, 2):
            searches, lasts = WindowSearch(pattern, limit), WindowSearch(pattern, limit)
            for lo in (reversed if backwards else iter)(range(len(text) + 1)):
                hi = min(len(text), lo + width)
                assert same(searches.search(text, lo, hi), pattern.search(text, lo, hi)), (pattern, lo, hi)
                every = list(pattern.finditer(text, lo, hi))
                assert same(lasts.last(text, lo, hi), every[-1] if every else None), (pattern, lo, hi)
            assert limit is None or len(searches._empty) <= limit


def test_every_attached_rule_has_a_known_reach() -> None:
    """Each rule searched in a window before a date is remembered (a piece reach_before does not
    know would turn the memo off without a word)."""
    before = [rule for rule in load_grammar().rules if rule.attach == "before"]
    assert before and all(reach_before(rule.regex) is not None for rule in before)
    assert [reach_before(re.compile(p)) for p in (r"x", r"\bx", r"(?<=ab)x", r"(?<=a(?<!bc))x", r"(a)?(?(1)a|b)")] == \
        [0, 1, 2, 3, None]


def test_junk_characters_for_strip_are_the_pattern_ones() -> None:
    every = map(chr, range(0x110000))
    assert set(labels._JUNK_CHARS) == {c for c in every if labels._TRAILING_JUNK.match(c)}


def plain_quote_opening(text: str, at: int) -> int | None:
    """The definition: searched back from ``at`` to its paragraph's start."""
    para = text.rfind("\n", 0, at) + 1
    curly = text.rfind("“", para, at)
    if curly >= 0 and text.rfind("”", curly, at) < 0:
        return curly
    if text.count('"', para, at) % 2:
        return text.rfind('"', para, at)
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", '"', "\n", "x", " ", "Dec. 16"]), max_size=30).map("".join))
@example('x "a “b\n" c” "d')
def test_marks_give_the_searches_back(text: str) -> None:
    marks = Marks(text)
    for at in range(len(text) + 1):
        assert marks.quote_opening(at) == plain_quote_opening(text, at), at
        assert marks.breaks_before(at) == text.count("\n", 0, at)
        for end in range(at, len(text) + 1):
            assert marks.line(at, end) == (text.rfind("\n", 0, at) + 1, text.find("\n", end))


# ------------------------------------------------------------------ needles

def test_needles_are_the_characters_every_match_consumes() -> None:
    def found(pattern: str, flags: int = 0) -> list[tuple[str, bool]] | None:
        return needles(re.compile(pattern, flags))

    assert found(r"\d+ years old") == [(" years old", False)]
    assert found(r"(?:about\s+)?\d+\s+(?:more|extra)\s+days?") == [("more", False), ("extra", False)]
    assert found(r"(?<=\bin\s)\d+(?=\s+weeks)") is None  # lookarounds consume nothing
    assert found(r"\d+(?:\s+later)?") is None  # nor does an optional part
    assert found(r"(?:ago|\d+)") is None  # a branch without a needle
    assert found(r"x(?:later)+", re.I) == [("later", True)]
    assert found(r"(?-i:Monday) at", re.I) == [("Monday", False)]  # the longest shortest needle, its case kept


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["two", "10", "more", "MORE", "ſeveral", "days", "old", "years", "after", "Monday",
                                 "AFTER", "mOre", "K", "week", "\u212aa", "the", "year", " ", "-", ", "]),
                max_size=20).map(" ".join), st.integers(0, 40), st.integers(0, 200))
def test_a_window_without_a_rules_needle_holds_no_match(text: str, lo: int, width: int) -> None:
    grammar = load_grammar()
    searches = {rule.id: tagger._needle_search(grammar, rule) for rule in grammar.rules}
    assert sum(search is not None for search in searches.values()) >= 5
    hi = min(len(text), lo + width)
    for rule in grammar.rules:
        search = searches[rule.id]
        if search is not None and search.search(text, lo, hi) is None:
            assert rule.regex.search(text, lo, hi) is None, rule.id


def test_needle_searches_are_worked_out_once_per_rule() -> None:
    grammar = load_grammar()
    rule = next(r for r in grammar.rules if r.id == "age")
    assert tagger._needle_search(grammar, rule) is tagger._needle_search(grammar, rule) is not None
    assert tagger._needle_search(grammar, next(r for r in grammar.rules if r.trigger == "numeric_date")) is None


def test_needle_search_finds_a_needle_as_its_rule_would_match_it() -> None:
    search = needle_search([("more", True), ("Monday", False)])
    for text in ("MORE", "mOre", "\u017fomething more", "Monday"):
        assert search.search(text) is not None, text
    assert search.search("monday") is None  # a case-exact needle keeps its case
    assert search.search("mo re") is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["two", "more", "days", "old", "after", "Monday", "the", "week", "of", "March", "2011",
                                 "now", "currently", "morning", "recently", " ", ". ", ", ", "\n\n"]),
                max_size=40).map(" ".join))
def test_tagging_with_needles_is_tagging_without(text: str) -> None:
    grammar = load_grammar()
    with_needles = tagger.tag(text, grammar)
    original = tagger._needle_search
    tagger._needle_search = lambda grammar, rule: None  # every window scanned
    try:
        plain = tagger.tag(text, grammar)
    finally:
        tagger._needle_search = original
    assert with_needles == plain


# ------------------------------------------------------------------ published

@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["www.", "WwW.", "http", "HTTPS", "://", ":/", "/2012/01/26/", "w", "W", "ẘ", "Ｗ", ".",
                                 " ", "x", "\n"]), max_size=12).map("".join))
def test_the_url_hint_turns_away_only_texts_without_a_url(text: str) -> None:
    if published._URL_RX.search(text) is not None:
        assert published._may_hold_url(text)
