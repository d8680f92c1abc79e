"""The TempEval-3 metric on hand-built gold/system lists with hand-computed scores."""

from __future__ import annotations

import pytest

from benchmarks.corpora import Gold
from benchmarks.errors import categorize, errors_of
from benchmarks.tempeval import PRF, evaluate, pair_document


def g(start: int, end: int, type_: str = "DATE", value: str = "2011") -> Gold:
    return Gold(start, end, f"t{start}-{end}", type_, value)


def test_identical_lists_score_perfectly() -> None:
    gold = [g(0, 5), g(10, 20, "DURATION", "P1D")]
    result = evaluate([("d", gold, list(gold))])
    assert (result.strict.f1, result.relaxed.f1, result.type_f1, result.value_f1) == (1.0, 1.0, 1.0, 1.0)


def test_mixed_document_hand_computed() -> None:
    gold = [g(0, 10, "DATE", "2011"), g(20, 25, "DURATION", "P1D"), g(40, 45, "DATE", "X")]
    system = [g(0, 10, "DATE", "2011"), g(22, 30, "DATE", "P1D"), g(50, 55)]
    result = evaluate([("d", gold, system)])
    assert (result.gold, result.system, len(result.pairs)) == (3, 3, 2)
    assert result.relaxed.precision == pytest.approx(2 / 3)
    assert result.relaxed.recall == pytest.approx(2 / 3)
    assert result.strict.f1 == pytest.approx(1 / 3)
    assert result.relaxed.f1 == pytest.approx(2 / 3)
    assert result.type_f1 == pytest.approx(2 / 3 * 1 / 2)   # one of two pairs has the gold type
    assert result.value_f1 == pytest.approx(2 / 3)          # both pairs have the gold value
    assert [u.span for u in result.missed] == [gold[2]]
    assert [u.span for u in result.spurious] == [system[2]]


def test_one_system_span_over_two_golds_pairs_only_the_first() -> None:
    pairs, missed, spurious = pair_document([g(0, 10), g(12, 20)], [g(5, 15)])
    assert pairs == [(g(0, 10), g(5, 15))]
    assert missed == [g(12, 20)]
    assert spurious == []


def test_two_system_spans_in_one_gold_leave_the_second_spurious() -> None:
    result = evaluate([("d", [g(0, 20)], [g(0, 5), g(8, 20)])])
    assert [(p.gold, p.system) for p in result.pairs] == [(g(0, 20), g(0, 5))]
    assert [u.span for u in result.spurious] == [g(8, 20)]
    assert result.strict.f1 == 0.0
    assert result.relaxed.precision == 0.5 and result.relaxed.recall == 1.0


def test_touching_spans_do_not_overlap() -> None:
    pairs, missed, spurious = pair_document([g(0, 5)], [g(5, 10)])
    assert (pairs, missed, spurious) == ([], [g(0, 5)], [g(5, 10)])
    pairs, missed, spurious = pair_document([g(5, 10)], [g(0, 5)])
    assert (pairs, missed, spurious) == ([], [g(5, 10)], [g(0, 5)])


def test_pairing_follows_text_order_not_input_order() -> None:
    gold = [g(30, 40), g(0, 10)]
    system = [g(35, 45), g(5, 10), g(0, 3)]
    pairs, missed, spurious = pair_document(gold, system)
    assert pairs == [(g(0, 10), g(0, 3)), (g(30, 40), g(35, 45))]
    assert spurious == [g(5, 10)]
    assert missed == []


def test_a_long_early_system_span_is_taken_by_the_first_gold() -> None:
    pairs, missed, spurious = pair_document([g(2, 4), g(50, 60)], [g(0, 100), g(3, 4)])
    assert pairs == [(g(2, 4), g(0, 100))]
    assert missed == [g(50, 60)]
    assert spurious == [g(3, 4)]


def test_scores_are_micro_averaged_over_documents() -> None:
    doc_a = ("a", [g(0, 5)], [g(0, 5)])
    doc_b = ("b", [g(0, 5), g(10, 15), g(20, 25)], [g(0, 5)])
    result = evaluate([doc_a, doc_b])
    assert result.relaxed.precision == 1.0
    assert result.relaxed.recall == 0.5
    assert result.relaxed.f1 == pytest.approx(2 / 3)  # a macro average would give 0.75


def test_documents_are_paired_separately() -> None:
    result = evaluate([("a", [g(0, 5)], []), ("b", [], [g(0, 5)])])
    assert result.pairs == []
    assert [(u.doc_id, u.span) for u in result.missed] == [("a", g(0, 5))]
    assert [(u.doc_id, u.span) for u in result.spurious] == [("b", g(0, 5))]


def test_value_equality_is_exact_string_equality() -> None:
    result = evaluate([("d", [g(0, 5, "DATE", "1998-01")], [g(0, 5, "DATE", "1998-01-XX")])])
    assert result.relaxed.f1 == 1.0
    assert result.value_f1 == 0.0


def test_empty_denominators_score_zero() -> None:
    result = evaluate([("d", [], [])])
    assert (result.strict.f1, result.relaxed.f1, result.type_f1, result.value_f1) == (0.0, 0.0, 0.0, 0.0)
    assert PRF(0, 0, 4).recall == 0.0 and PRF(0, 3, 0).precision == 0.0


def test_error_kinds_follow_the_pairing() -> None:
    gold = [g(0, 10, "DATE", "2011"), g(20, 25, "DURATION", "P1D"), g(40, 45)]
    system = [g(0, 10, "DATE", "2011"), g(22, 30, "DATE", "P2D"), g(50, 55)]
    kinds = [(e.kind, e.reference.start) for e in errors_of(evaluate([("d", gold, system)]))]
    assert kinds == [("extent", 20), ("type", 20), ("value", 20), ("missed", 40), ("spurious", 50)]


@pytest.mark.parametrize(("text", "type_", "category"), [
    ("January 8, 1998", "DATE", "explicit date"),
    ("January 1998", "DATE", "month/partial date"),
    ("Friday", "DATE", "weekday"),
    ("yesterday", "DATE", "deictic"),
    ("two years ago", "DATE", "relative offset"),
    ("the past three months", "DURATION", "duration"),
    ("every week", "SET", "set"),
    ("5 p.m.", "TIME", "time of day"),
    ("the 1990s", "DATE", "decade/century"),
    ("the third quarter", "DATE", "season/quarter"),
    ("the first half", "DATE", "season/quarter"),
    ("a minute and a half", "DURATION", "duration"),
    ("recently", "DATE", "vague ref"),
    ("that same day", "DATE", "anaphoric"),
    ("whenever", "DATE", "other"),
])
def test_error_categories(text: str, type_: str, category: str) -> None:
    assert categorize(text, type_) == category
