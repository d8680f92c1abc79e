"""The speed-ups of the core give exactly the answers of the plain computations they replace."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app import labels, tagger, tense
from timeline_app.grammar import _alternation, _first_char_filter, case_exact_alternatives, case_variants, load_grammar
from timeline_app.sentences import MatchIndex
from timeline_app.tagger import _URL, _blocked_spans

WORDS = ["is", "due", "to", "will", "I'll", "you’ll", "won’t", "didn't", "and", "while", ";", "—", "be", "held", "was", "set", "out", "before", "the", "end", "of", "May",
         "said", "announced", "going", "on", "3", "March", "by", "had", "been", "next", "week", "_x", "ed", "have", "He", "\"The", "badly", "gone", "tomorrow", "wanted"]
GLUE = [" ", " ", " ", ", ", ". ", ".\n\n", "-", "", "'", "\u201d ", "\n \n", "!  ", ".\n", "  "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), min_size=1, max_size=60))
    return "".join(w + g for w, g in parts)


CUE = tense.cues_of(None).cue
INDEXED = {"cue": (CUE, True), "sentence end": (tense._SENTENCE_END, False), "pluperfect": (tense._PLUPERFECT, True)}


@settings(max_examples=400, deadline=None)
@given(texts(), st.sampled_from(sorted(INDEXED)), st.data())
def test_the_match_index_answers_each_window_as_its_own_scan(text: str, name: str, data: st.DataObject) -> None:
    pattern, word_edge = INDEXED[name]
    index = MatchIndex(pattern, text, word_edge, direct_budget=data.draw(st.sampled_from([0, 0, 0.5])))
    places = [i for i in range(len(text) + 1) if i == 0 or text[i - 1] in " \n"]  # where a date may start
    for _ in range(data.draw(st.integers(1, 8))):  # several windows of one text share the index, in any order
        b = data.draw(st.sampled_from(places) | st.integers(0, len(text)))
        a = data.draw(st.integers(max(0, b - tense.SENTENCE_REACH), b))
        scanned = list(pattern.finditer(text, a, b))
        last = index.last(a, b)
        assert (last.span(), last.groupdict()) == (scanned[-1].span(), scanned[-1].groupdict()) if scanned else last is None
        first, searched = index.first(a, b), pattern.search(text, a, b)
        assert (first.span(), first.groupdict()) == (searched.span(), searched.groupdict()) if searched else first is None


def test_a_cue_across_the_date_is_read_as_the_window_shows_it() -> None:
    text = "The vote is due May 3."  # the text up to "due" shows "is", not "is due"
    assert MatchIndex(CUE, text, True, direct_budget=0).last(0, text.index("due"))[0] == "is"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("wW.:/@comCOMrgnetvduRU abc1-"), max_size=40))
def test_url_precheck_never_hides_a_url(text: str) -> None:
    assert _blocked_spans(text) == [m.span() for m in _URL.finditer(text)]


def _flat(keys: list[str]) -> str:
    """The plain alternation the trie replaces: every key, longest first."""
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True)) + ")"


TABLES = load_grammar().words
KEYS = sorted({k for table in TABLES.values() for k in table} | {"the", "the end", "the end of", "mid", "mid-"})


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(TABLES)), st.lists(st.sampled_from(KEYS) | st.sampled_from([" ", "  ", "-", "s", "X"]),
                                                 max_size=6), st.sampled_from([re.I, 0]))
def test_trie_alternation_matches_like_the_flat_one(table: str, parts: list[str], flags: int) -> None:
    """Followed by more pattern, so a shorter key must still be tried when the longer one fails."""
    text = "".join(parts)
    keys = list(TABLES[table])
    for tail in ("", r"\s+of\b", r"(?![\w-])"):
        trie = re.compile(_alternation(keys) + tail, flags)
        flat = re.compile(_flat(keys) + tail, flags)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trie_alternation_shares_prefixes_and_keeps_case_clashes_flat() -> None:
    assert _alternation(["the end of", "the", "the early", "mid-", "mid"]) == r"(?:(?:the(?:\s+e(?:nd\s+of|arly))?|mid(?:\-)?))"
    assert _alternation(["May", "may be"]) == r"(?:may\s+be|May)"  # 'M' and 'm' would both read "MAY"


RULES = load_grammar().rules
PIECES = sorted({e.text for r in RULES for e in r.examples} | {"the", "a", "in", "on", "was", "(", "'", "x9"})


def _unfiltered(rule_pattern: str) -> re.Pattern[str]:
    """The rule's regex without the first-character lookahead (the first '(?=' group after the lookbehind)."""
    filtered = re.match(r"(\(\?<!\[[^]]*\]\))?(\(\?=.*?\]\)*\))(\(\?:.*)", rule_pattern, re.S)
    assert filtered is not None
    return re.compile((filtered[1] or "") + filtered[3], re.I)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.sampled_from([" ", ", ", ". ", "-", "\n"]), max_size=12))
def test_first_character_filter_keeps_every_match(parts: list[str]) -> None:
    text = "".join(parts)
    for rule in RULES:
        if "(?=" not in rule.regex.pattern[:40]:
            continue
        plain = _unfiltered(rule.regex.pattern)
        assert [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)], rule.id


def test_first_character_filter_of_a_small_pattern() -> None:
    assert _first_char_filter(r"(?:the\s+)?(?P<m>(?-i:May|June))|[0-9]{4}") == "(?=[t0-9]|(?-i:[MJ]))"
    assert _first_char_filter(r"(?:x)?") == ""  # may match nothing: no filter
    assert _first_char_filter(r"[^a]b") == ""


def test_case_variants_are_every_character_ignorecase_matches() -> None:
    """Every code point against every ASCII letter (those matching none are found by one class first)."""
    near = [c for c in map(chr, range(0x110000)) if re.fullmatch("[a-z]", c, re.I)]
    assert len(near) > 52  # the two cases, and the engine's equivalents beyond them
    for letter in string.ascii_letters:
        assert sorted(case_variants(letter)) == sorted(c for c in near if re.fullmatch(letter, c, re.I)), letter


def _plain_cues() -> re.Pattern[str]:
    """The cue pattern with every cue as written in the language data."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tense, "case_exact_alternatives", lambda piece: piece)
        return tense._compile.__wrapped__(tuple(sorted((k, tuple(v)) for k, v in load_grammar().tense.items()))).cue


PLAIN_CUE = _plain_cues()
CASED = WORDS + ["WILL", "Said", "İs", "ıs", "ſet", "\u212aept", "SHALL", "Announced", "wIll", "KNEW", "kept"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CASED), st.sampled_from(GLUE)), min_size=1, max_size=40))
def test_cues_as_case_exact_alternatives_match_as_written(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + g for w, g in parts)
    assert [(m.span(), m.groups()) for m in CUE.finditer(text)] == [(m.span(), m.groups()) for m in PLAIN_CUE.finditer(text)]


def test_case_exact_alternatives_of_small_pieces() -> None:
    assert case_exact_alternatives("will") == "(?-i:w)ill|(?-i:W)ill"
    assert case_exact_alternatives("set out") == "(?-i:s)et out|(?-i:S)et out|(?-i:ſ)et out"
    for kept in ("ab|ac", "a?b", "\\w+ed", "(?:is|are) set", "['’]ll", "é"):  # alternation, quantifier, no letter
        assert case_exact_alternatives(kept) == kept
    assert CUE.pattern != PLAIN_CUE.pattern  # (the cues are rewritten: the test above compares two patterns)


def _plain_trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """The trigger pass as first written: every \\w+ token looked up, one by one."""
    grammar = load_grammar()
    hits: dict[str, list[tuple[int, int]]] = {t.name: [] for t in grammar.triggers}
    for m in re.finditer(r"\w+", text):
        tok = m[0]
        for t in grammar.triggers:
            if (t.case_sensitive and tok in t.words) or (not t.case_sensitive and tok.lower() in t.words):
                hits[t.name].append(m.span())
        if tok[0].isdigit():
            for t in grammar.triggers:
                if t.token is not None and t.token.fullmatch(tok) and (t.after is None or t.after.match(text, m.end())):
                    hits[t.name].append(m.span())
    return {name: tagger._merge(spans, len(text)) for name, spans in hits.items()}


TRIGGER_WORDS = sorted({w for t in load_grammar().triggers for w in t.words})
ODD = ["١٩٩٠", "İ", "Σ", "ſ", "Ｍay", "²", "K", "ß", "_", "1990s", "3:30", "12-5", "'s", "DAYS", "mAy", "Mayor"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRIGGER_WORDS) | st.sampled_from(ODD) | st.sampled_from([" ", "-", ".", "x"]),
                max_size=30))
def test_trigger_windows_equal_a_plain_token_pass(parts: list[str]) -> None:
    text = "".join(parts)
    assert tagger._trigger_windows(text, load_grammar()) == _plain_trigger_windows(text)


@given(st.text(st.sampled_from(" a\tb\n\xa0\u2003,"), max_size=14))
def test_three_words_counts_like_split(text: str) -> None:
    assert (labels._THREE_WORDS.match(text) is not None) == (len(text.split()) >= 3)


def _without_lookahead(pattern: re.Pattern[str], lookahead: str) -> re.Pattern[str]:
    assert lookahead in pattern.pattern
    return re.compile(pattern.pattern.replace(lookahead, "", 1), pattern.flags)


@settings(max_examples=300, deadline=None)
@given(texts())
def test_cue_and_clause_break_lookaheads_change_no_match(text: str) -> None:
    cues = tense.cues_of(None)
    assert cues.lookahead  # the cues' first characters are known
    for pattern, lookahead in ((cues.cue, cues.lookahead), (labels._clause_break(), r"(?=[\s;:—–,])")):
        plain = _without_lookahead(pattern, lookahead)
        assert [(m.span(), m.groupdict()) for m in pattern.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)]


LINE_PIECES = ["Copyright 2023 Reuters", "All rights reserved.", "\n", "  ", "\t", "Share this", "x" * 150, "Dec. 16",
               " \n ", "Advertisement", "said"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=12), st.data())
def test_footer_lines_read_like_their_cut_out_line(parts: list[str], data: st.DataObject) -> None:
    from timeline_app.chrome import is_footer, line_at
    from timeline_app.events import _Lines

    text = "".join(parts)
    lines = _Lines(text)
    for offset in data.draw(st.lists(st.integers(0, len(text) - 1), min_size=1, max_size=10)):
        assert lines.footer(offset) == is_footer(line_at(text, offset))
