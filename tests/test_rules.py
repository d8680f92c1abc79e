"""Every example written beside a rule in rules/en.toml is a test case."""

from __future__ import annotations

import pytest

from timeline_app import extract
from timeline_app.grammar import load_grammar
from timeline_app.resolver import RESOLVERS
from timeline_app.tagger import GUARDS, NAME_KIND

GRAMMAR = load_grammar()
EXAMPLES = [(rule.id, ex) for rule in GRAMMAR.rules for ex in rule.examples]


def test_every_rule_has_examples() -> None:
    assert [r.id for r in GRAMMAR.rules if not r.examples] == []


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in GRAMMAR.rules]
    assert len(ids) == len(set(ids))


def test_rules_name_only_known_guards_and_kinds() -> None:
    assert {r.guard for r in GRAMMAR.rules if r.guard} <= set(GUARDS)
    assert {r.kind for r in GRAMMAR.rules if r.value is None and not r.attach} <= set(RESOLVERS) | {NAME_KIND}


def test_range_rules_sit_beside_known_rules() -> None:
    ids = {r.id for r in GRAMMAR.rules}
    ranges = [r for r in GRAMMAR.rules if r.attach]
    assert ranges
    for r in ranges:
        assert (r.kind, r.attach in {"before", "after"}, "span" in r.regex.groupindex) == ("range", True, True)
        assert r.beside and set(r.beside) <= ids


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=[f"{r}:{e.text}" for r, e in EXAMPLES])
def test_rule_example(rule_id: str, example) -> None:
    found = extract(example.text, published=example.dct).expressions
    if example.expect == "":  # a counter-example: nothing may be tagged
        assert [(t.text, t.value) for t in found] == []
        return
    matching = [t for t in found if t.text == example.expect]
    assert matching, f"{example.expect!r} not found; got {[(t.text, t.rule) for t in found]}"
    t = matching[0]
    assert (t.value, t.rule) == (example.value, rule_id)
    if example.type:
        assert t.type == example.type
    if example.mod:
        assert t.mod == example.mod


def test_a_name_claims_only_its_own_words() -> None:
    """'Monday Night Football' and a game's quarter are no dates; the dates around them still are."""
    found = extract("On Monday night, during Monday Night Football, he fell with two minutes left to play "
                    "in the third quarter. Profit rose in the fourth quarter.", published="2012-01-26").expressions
    assert [(t.text, t.value) for t in found] == [
        ("Monday night", "2012-01-23TNI"), ("two minutes", "PT2M"), ("the fourth quarter", "2011-Q4")]


def test_a_half_of_a_century_is_no_half_of_this_year() -> None:
    """'the last half of the 20th century': the half is of the century, not of the publication's year;
    the century is still a date, and a half of a year is still one."""
    found = extract("He was the finest novelist of the last half of the 20th century. She scored in "
                    "the second half of the match. Sales rose in the first half of the year.",
                    published="2010-01-01").expressions
    assert [(t.text, t.value) for t in found] == [
        ("the 20th century", "19"), ("the first half of the year", "2010-H1")]


def test_the_decade_to_a_year_is_not_the_decade_of_publication() -> None:
    """'fell in the decade to 2020' is the ten years before 2020 ([guard_words].period_end_after), not
    the 2020s; the year stays a date, and 'the decade' alone is still the page's."""
    found = extract("Emissions fell in the decade to 2020. Growth returned later in the decade.",
                    published="2026-11-15").expressions
    assert [(t.text, t.value) for t in found] == [("2020", "2020"), ("later in the decade", "202")]


def test_a_weekday_of_a_month_is_no_day_of_this_week() -> None:
    """'the first Tuesday in November' names a day of November, not the Tuesday of the page's week:
    the month alone is tagged, as for 'the last Monday of May'."""
    for text in ("Elections are held on the first Tuesday in November.", "The count ends on the second Monday of November."):
        found = extract(text, published="2019-06-05").expressions
        assert [(t.text, t.value) for t in found] == [("November", "2019-11")]
