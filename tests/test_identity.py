"""Stable identity: documents named by their text, events by their expression, corrections that never jump."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app import extract
from timeline_app.app import pasted_document
from timeline_app.corrections import EditLabel, apply_corrections, stale_ops
from timeline_app.identity import document_id, event_id, is_implied
from timeline_app.ingest import read_path
from timeline_app.model import Event, Extraction

TEXT = ("Talks collapse\n\nJanuary 26, 2012\n\nThe union said on Wednesday that talks had failed. "
        "A seven-month dispute erupted on Dec. 16. Workers marched the following day, "
        "and the 20th anniversary of independence was marked on 16 December 2011.")

# Sentences of our own, each with dates of a different kind: absolute, relative, durations, ranges, anniversaries.
FRAGMENTS = [
    "Police detained him on Dec. 16.", "He was freed the following day.", "Talks resumed on Wednesday.",
    "A seven-month strike ended on Dec. 16.", "The vote is due next week.", "Two days later the mayor resigned.",
    "Parliament met on 22-25 April 2011.", "Crowds marked the 20th anniversary of independence on Friday.",
    "Nothing was decided.", "Prices rose last year.", "The court sat in March.", "Yesterday the strike ended.",
    "Elections were held on 4 March 2012.", "The plant opened in 1998.",
]


def anchor(x: Extraction, e: Event) -> tuple[int, int, str, bool]:
    """What an event is attached to: its expression's span and words, and whether it is the implied date."""
    t = x.expressions[e.expression]
    return t.start, t.end, t.text, is_implied(e.id)


def test_same_article_same_id_in_app_cli_and_api(tmp_path) -> None:
    path = tmp_path / "talks.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    from_cli = read_path(path)
    from_app = pasted_document(TEXT)
    from_api = extract(TEXT).document
    assert from_cli.id == from_app.id == from_api.id == document_id(TEXT)
    assert document_id(TEXT + "!") != document_id(TEXT)  # other words, another article


def test_batch_events_carry_the_content_id(tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "line-key", "text": TEXT, "published": "2012-01-26"}) + "\n")
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "timeline_app", "batch", str(source), "-o", str(out)], check=True)
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["id"] == "line-key"
    assert {e["doc_id"] for e in row["events"]} == {document_id(TEXT)}
    assert {e["id"] for e in row["events"]} == {e.id for e in extract(TEXT, "2012-01-26").events}


def test_event_ids_name_the_expression_not_its_position() -> None:
    x = extract(TEXT, "2012-01-26")
    wednesday = next(t for t in x.expressions if t.text == "Wednesday")
    doc = x.document.id
    assert event_id(doc, wednesday.start, wednesday.end, "Wednesday") in {e.id for e in x.events}
    implied = [e for e in x.events if is_implied(e.id)]
    implied_by = {x.expressions[e.expression].text for e in implied}
    assert implied_by >= {"seven-month", "the 20th anniversary of independence"}
    assert len({e.id for e in x.events}) == len(x.events)


def test_a_correction_keeps_its_event_when_an_earlier_date_stops_resolving() -> None:
    """Without a publication date "on Wednesday" has no event; the next events' ids must not shift onto it."""
    body = TEXT.replace("January 26, 2012\n\n", "")
    dated, undated = extract(body, "2012-01-26"), extract(body)
    assert len(undated.events) < len(dated.events)
    ops = [EditLabel(e.id, f"fixed {e.label}") for e in dated.events]
    after = {e.id: e for e in apply_corrections(undated.events, ops)}
    for e in undated.events:
        assert after[e.id].label == f"fixed {next(d.label for d in dated.events if d.id == e.id)}"
        assert anchor(undated, e) == anchor(dated, next(d for d in dated.events if d.id == e.id))
    stale = stale_ops(undated.events, ops)
    assert {op.event_id for op in stale} == {e.id for e in dated.events} - {e.id for e in undated.events}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8),
       st.dates(date(1990, 1, 1), date(2030, 12, 31)),
       st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_re_extracting_with_another_publication_date_never_moves_a_correction(
        sentences: list[str], first: date, second: date | None) -> None:
    text = " ".join(sentences)
    before, after = extract(text, first), extract(text, second)
    assert len({e.id for e in before.events}) == len(before.events)  # an id never names two events
    assert len({e.id for e in after.events}) == len(after.events)
    ops = [EditLabel(e.id, f"correction {n}") for n, e in enumerate(before.events)]
    corrected = apply_corrections(after.events, ops)
    was = {e.id: anchor(before, e) for e in before.events}
    label_of = {op.event_id: op.label for op in ops}
    for original, shown in zip(sorted(after.events, key=lambda e: e.id), sorted(corrected, key=lambda e: e.id)):
        if original.id in was:  # corrected: it must be the very expression the journalist corrected
            assert anchor(after, original) == was[original.id]
            assert shown.label == label_of[original.id]
        else:
            assert shown.label == original.label
    assert {op.event_id for op in stale_ops(after.events, ops)} == set(was) - {e.id for e in after.events}
