"""Corrections as replayable operations, their JSON form, and the explore filters."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app import extract
from timeline_app.corrections import (
    Add,
    CorrectionsError,
    Delete,
    EditDate,
    EditLabel,
    Filters,
    Restore,
    action_count,
    add_op,
    apply_corrections,
    chronological,
    corrections_from_json,
    corrections_to_json,
    deleted_events,
    describe_action,
    edit_ops,
    filter_events,
    grouped,
    last_action,
    new_event_id,
    op_from_dict,
    op_to_dict,
    removed_choices,
    restore_ops,
    stale_ops,
    undo,
)
from timeline_app.model import Event


def ev(key: str, day: date, label: str = "x", doc: str = "a", certainty: str = "explicit",
       end: date | None = None, sentence: tuple[int, int] = (0, 0)) -> Event:
    return Event(f"{doc}:{key}", doc, day, end or day, "day", label, sentence[0], sentence[1], int(key),
                 certainty, f"why {key}")


EVENTS = [ev("0", date(2011, 12, 16), "Clashes erupt"), ev("1", date(2011, 12, 17), "Another death",
                                                             certainty="inferred"),
          ev("2", date(2012, 1, 26), "Officers prosecuted", doc="b")]


def ids(events: list[Event]) -> list[str]:
    return [e.id for e in events]


def test_no_operations_gives_the_events_in_timeline_order() -> None:
    assert ids(apply_corrections(reversed(EVENTS), ())) == ["a:0", "a:1", "b:2"]


def test_edit_label_changes_only_that_event() -> None:
    out = apply_corrections(EVENTS, [EditLabel("a:1", "Villager dies")])
    assert [e.label for e in out] == ["Clashes erupt", "Villager dies", "Officers prosecuted"]


def test_edit_date_moves_the_event_and_explains_the_change() -> None:
    out = apply_corrections(EVENTS, [EditDate("a:0", date(2012, 2, 1), date(2012, 2, 3))])
    moved = out[-1]
    assert moved.id == "a:0" and (moved.start, moved.end) == (date(2012, 2, 1), date(2012, 2, 3))
    assert moved.certainty == "explicit" and moved.granularity == "day" and moved.rule == "manual"
    assert "Date set by hand" in moved.explanation and "16 Dec 2011" in moved.explanation
    assert "why 0" in moved.explanation


def test_a_second_date_edit_still_names_what_the_article_said() -> None:
    ops = [EditDate("a:0", date(2012, 2, 1), date(2012, 2, 1)), EditDate("a:0", date(2012, 3, 1), date(2012, 3, 1))]
    moved = apply_corrections(EVENTS, ops)[-1]
    assert moved.start == date(2012, 3, 1) and "the article gave 16 Dec 2011 (why 0)" in moved.explanation
    added = Add("a:hand1", "a", date(2012, 1, 1), date(2012, 1, 1), "Curfew")
    (redated,) = apply_corrections([], [added, EditDate("a:hand1", date(2012, 1, 2), date(2012, 1, 2))])
    assert redated.explanation == "Added by hand."


def test_edit_date_replaces_a_time_of_day() -> None:
    timed = replace(EVENTS[0], start=datetime(2011, 12, 16, 9), end=datetime(2011, 12, 16, 9), granularity="hour")
    (moved,) = apply_corrections([timed], [EditDate("a:0", date(2011, 12, 15), date(2011, 12, 15))])
    assert moved.start == date(2011, 12, 15) and not isinstance(moved.start, datetime)


def test_delete_restore_and_undo() -> None:
    ops = (Delete("a:1"),)
    assert ids(apply_corrections(EVENTS, ops)) == ["a:0", "b:2"]
    assert ids(deleted_events(EVENTS, ops)) == ["a:1"]
    restored = ops + (Restore("a:1"),)
    assert ids(apply_corrections(EVENTS, restored)) == ["a:0", "a:1", "b:2"]
    assert deleted_events(EVENTS, restored) == []
    assert undo(restored) == ops and undo(()) == ()


def test_one_action_of_several_operations_is_undone_at_once() -> None:
    before = (EditLabel("b:2", "Prosecuted"),)
    removal = grouped([Delete("a:0"), Delete("a:1")])  # a happening two sources report, removed with one click
    ops = (*before, *removal)
    assert ids(apply_corrections(EVENTS, ops)) == ["b:2"]
    assert len({op.group for op in removal}) == 1 and removal[0].group
    assert last_action(ops) == tuple(removal)
    assert describe_action(last_action(ops)) == "remove an event (2 sources)"
    assert undo(ops) == before  # both sources back in one step, the earlier edit kept
    assert ids(apply_corrections(EVENTS, undo(ops))) == ["a:0", "a:1", "b:2"]
    # A second removal of the same kind is another action: undo takes back only the newest.
    again = grouped([Delete("a:0"), Delete("a:1")])
    assert again[0].group != removal[0].group
    restored = (*ops, *restore_ops("a:1", ops))
    assert undo((*restored, *again)) == restored and undo(restored) == ops
    # Lone operations (and every one saved before groups existed) are each an action of their own.
    assert grouped([Delete("a:0")]) == [Delete("a:0")]
    assert undo((Delete("a:0"), Delete("a:1"))) == (Delete("a:0"),)


def test_actions_are_counted_as_undo_takes_them_not_as_operations() -> None:
    removal = grouped([Delete("a:0"), Delete("a:1")])
    again = grouped([Delete("a:0"), Delete("a:1")])  # the same kind again, right after: another action
    edit = grouped([EditLabel("b:2", "Prosecuted"), EditDate("b:2", date(2012, 1, 25), date(2012, 1, 25))])
    ops = (Delete("b:2"), *removal, *again, *edit, Delete("a:0"), Delete("a:1"))
    assert action_count(ops) == 6  # lone operations, as saved before groups existed, are one each
    assert action_count(undo(ops)) == 5 and action_count(undo(undo(undo(ops)))) == 3
    assert action_count(()) == 0


def test_restoring_one_source_of_a_removed_happening_restores_every_source_removed_with_it() -> None:
    ops = (Delete("b:2"), *grouped([Delete("a:0"), Delete("a:1")]))
    back = restore_ops("a:1", ops)
    assert [op.event_id for op in back] == ["a:1", "a:0"] and len({op.group for op in back}) == 1
    assert ids(apply_corrections(EVENTS, (*ops, *back))) == ["a:0", "a:1"]  # b:2 was removed on its own
    assert describe_action(back) == "restore an event (2 sources)"
    assert restore_ops("b:2", ops) == [Restore("b:2")]
    # A source already put back by hand is not restored twice.
    partly = (*ops, Restore("a:0"))
    assert restore_ops("a:1", partly) == [Restore("a:1")]


def test_removed_events_are_offered_back_one_choice_per_removal() -> None:
    ops = (Delete("b:2"), *grouped([Delete("a:0"), Delete("a:1")]))
    assert removed_choices(EVENTS, ops) == {"a:0": "16 Dec 2011 · Clashes erupt (2 sources)",
                                            "b:2": "26 Jan 2012 · Officers prosecuted"}
    assert removed_choices(EVENTS, (*ops, Restore("a:0"))) == {"a:1": "17 Dec 2011 · Another death",
                                                               "b:2": "26 Jan 2012 · Officers prosecuted"}
    assert removed_choices(EVENTS, ()) == {}


def test_a_group_is_saved_only_when_there_is_one_and_old_operations_read_as_lone_ones() -> None:
    [first, _] = grouped([EditLabel("a:0", "Clashes"), EditDate("a:0", date(2011, 12, 15), date(2011, 12, 15))])
    assert op_to_dict(first) == {"op": "edit_label", "event_id": "a:0", "label": "Clashes", "group": first.group}
    assert op_from_dict(op_to_dict(first)) == first
    assert op_to_dict(Delete("a:0")) == {"op": "delete", "event_id": "a:0"}  # as before groups existed
    assert op_from_dict({"op": "delete", "event_id": "a:0"}) == Delete("a:0")
    with pytest.raises(CorrectionsError, match="should be text"):
        op_from_dict({"op": "delete", "event_id": "a:0", "group": 7})


def test_edits_to_a_deleted_event_show_once_it_is_restored() -> None:
    ops = [Delete("a:0"), EditLabel("a:0", "Renamed"), Restore("a:0")]
    assert apply_corrections(EVENTS, ops)[0].label == "Renamed"


def test_add_puts_a_hand_made_event_on_the_timeline() -> None:
    new_id = new_event_id("a", ())
    out = apply_corrections(EVENTS, [Add(new_id, "a", date(2011, 12, 20), date(2011, 12, 20), "Curfew")])
    added = out[2]
    assert (added.id, added.label, added.start, added.rule, added.expression) == (
        "a:hand1", "Curfew", date(2011, 12, 20), "manual", -1)
    assert added.sentence_start == added.sentence_end  # no sentence in the article


def test_new_ids_never_collide() -> None:
    ops = [Add("a:hand2", "a", date(2000, 1, 1), date(2000, 1, 1), "x")]
    assert new_event_id("a", ops) == "a:hand3"


def test_add_op_checks_what_the_journalist_typed() -> None:
    op = add_op("a", "  Curfew   imposed ", date(2011, 12, 18), None, ())
    assert op == Add("a:hand1", "a", date(2011, 12, 18), date(2011, 12, 18), "Curfew imposed")
    with pytest.raises(CorrectionsError, match="needs a description and a date"):
        add_op("a", " ", date(2011, 12, 18), None, ())
    with pytest.raises(CorrectionsError, match="needs a description and a date"):
        add_op("a", "Curfew", None, None, ())
    with pytest.raises(CorrectionsError, match="is before the start date"):
        add_op("a", "Curfew", date(2011, 12, 18), date(2011, 12, 1), ())


def test_edit_ops_record_only_what_changed() -> None:
    event = EVENTS[0]
    assert edit_ops(event, "Clashes erupt", date(2011, 12, 16), None) == []
    assert edit_ops(event, " Clashes  begin ", date(2011, 12, 16), None) == [EditLabel("a:0", "Clashes begin")]
    assert edit_ops(event, "", date(2011, 12, 17), date(2011, 12, 18)) == [
        EditDate("a:0", date(2011, 12, 17), date(2011, 12, 18))]
    with pytest.raises(CorrectionsError, match="is before the start date"):
        edit_ops(event, "x", date(2011, 12, 17), date(2011, 12, 1))


def test_untouched_date_keeps_a_time_of_day() -> None:
    timed = replace(EVENTS[0], start=datetime(2011, 12, 16, 9), end=datetime(2011, 12, 16, 9), granularity="hour")
    assert edit_ops(timed, "New words", date(2011, 12, 16), None) == [EditLabel("a:0", "New words")]


def test_corrections_follow_the_event_id_across_re_resolution() -> None:
    """Changing the publication date re-resolves everything; the journalist's work stays."""
    text = "On Wednesday, police arrested him. He was released the following day."
    before = extract(text, published="2012-01-26", doc_id="doc").events
    after = extract(text, published="2012-02-09", doc_id="doc").events
    first = before[0].id
    assert first == after[0].id and before[0].start != after[0].start
    ops = [EditLabel(first, "Arrest")]
    assert apply_corrections(after, ops)[0].label == "Arrest"


def test_stale_operations_are_skipped_and_reported() -> None:
    ops = [EditLabel("gone:7", "x"), Delete("a:0")]
    assert ids(apply_corrections(EVENTS, ops)) == ["a:1", "b:2"]
    assert stale_ops(EVENTS, ops) == [ops[0]]


every_op = st.one_of(
    st.builds(EditLabel, st.sampled_from(["a:0", "b:2"]), st.text(max_size=20)),
    st.builds(EditDate, st.just("a:1"), st.just(date(2011, 1, 1)), st.just(date(2011, 1, 2))),
    st.builds(Delete, st.sampled_from(["a:0", "a:1"])),
    st.builds(Restore, st.sampled_from(["a:0", "a:1"])),
    st.builds(Add, st.just("a:hand1"), st.just("a"), st.just(date(2020, 5, 1)), st.just(date(2020, 5, 1)),
              st.text(max_size=20)),
)


@given(st.lists(st.tuples(every_op, st.sampled_from(["", "g1", "g2"])).map(lambda p: replace(p[0], group=p[1])),
                max_size=8))
def test_json_round_trip_keeps_every_operation(ops) -> None:
    text = corrections_to_json(ops)
    assert corrections_from_json(text) == tuple(ops)
    assert corrections_from_json(text.encode()) == tuple(ops)
    assert apply_corrections(EVENTS, corrections_from_json(text)) == apply_corrections(EVENTS, ops)


def test_json_is_readable() -> None:
    data = json.loads(corrections_to_json([EditDate("a:0", date(2011, 12, 15), date(2011, 12, 15))]))
    assert data["version"] == 1
    assert data["corrections"] == [{"op": "edit_date", "event_id": "a:0", "start": "2011-12-15",
                                    "end": "2011-12-15"}]


@pytest.mark.parametrize("text, message", [
    ("not json", "not valid JSON"),
    ("[]", "no “corrections” list"),
    ('{"corrections": [{"op": "explode", "event_id": "a:0"}]}', "Unknown correction type"),
    ('{"corrections": [{"op": "delete"}]}', "missing “event_id”"),
    ('{"corrections": [{"op": "edit_date", "event_id": "a", "start": "16 Dec", "end": "2011-12-16"}]}',
     "not a date"),
    ('{"corrections": [{"op": "edit_date", "event_id": "a", "start": "2011-12-16", "end": "2011-12-01"}]}',
     "is before the start date"),
    ('{"corrections": [{"op": "edit_label", "event_id": "a", "label": 5}]}', "should be text"),
    ('{"version": 9, "corrections": []}', "version 9"),
    ('{"corrections": [1]}', "must be an object"),
])
def test_bad_files_raise_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(CorrectionsError, match=message):
        corrections_from_json(text)


# ---------------------------------------------------------------- filters

TEXTS = {"a": "Clashes erupted in Zhanaozen.", "b": "Four officers face trial."}
WITH_SENTENCES = [replace(EVENTS[0], sentence_start=0, sentence_end=29), EVENTS[1],
                  replace(EVENTS[2], sentence_start=0, sentence_end=25)]


@pytest.mark.parametrize("filters, expected", [
    (Filters(), ["a:0", "a:1", "b:2"]),
    (Filters(start=date(2011, 12, 17)), ["a:1", "b:2"]),
    (Filters(end=date(2011, 12, 16)), ["a:0"]),
    (Filters(start=date(2011, 12, 17), end=date(2011, 12, 31)), ["a:1"]),
    (Filters(certainties=frozenset({"inferred"})), ["a:1"]),
    (Filters(doc_ids=frozenset({"b"})), ["b:2"]),
    (Filters(query="zhanaozen"), ["a:0"]),  # found in the sentence, not the label
    (Filters(query="TRIAL four"), ["b:2"]),  # every word, any case
    (Filters(query="why 1"), ["a:1"]),  # the explanation
    (Filters(query="erupt trial"), []),
    (Filters(certainties=frozenset()), []),
])
def test_filters(filters: Filters, expected: list[str]) -> None:
    assert ids(filter_events(WITH_SENTENCES, filters, TEXTS)) == expected


def test_a_period_overlapping_the_window_is_kept() -> None:
    dispute = ev("3", date(2011, 5, 1), end=date(2011, 12, 16))
    assert ids(filter_events([dispute], Filters(start=date(2011, 12, 1), end=date(2011, 12, 31)))) == ["a:3"]
    assert filter_events([dispute], Filters(start=date(2011, 12, 17))) == []


def test_datetimes_sort_and_filter_with_dates() -> None:
    timed = replace(EVENTS[1], start=datetime(2011, 12, 16, 8), end=datetime(2011, 12, 16, 9))
    assert ids(chronological([timed, EVENTS[0]])) == ["a:0", "a:1"]
    assert ids(filter_events([timed], Filters(end=date(2011, 12, 16)))) == ["a:1"]
