"""A reading no cue in the text chose is a guess, and every view says so."""

from __future__ import annotations

from timeline_app import extract
from timeline_app.chronology import certainty_words
from timeline_app.figure import build_figure
from timeline_app.serialize import event_to_dict

# A heading with a bare weekday: no tense decides which Tuesday (the resolver's default).
GUESS = "Harbour notice\n\nTuesday: ferry times change."
CUE = "The ferry sailed on Tuesday."


def test_a_default_reading_makes_a_guessed_event() -> None:
    x = extract(GUESS, published="2012-01-26")
    [tuesday] = [t for t in x.expressions if t.text == "Tuesday"]
    assert tuesday.confidence == "default"
    [event] = [e for e in x.events if e.expression == x.expressions.index(tuesday)]
    assert event.guessed and event_to_dict(event)["guessed"] is True
    assert certainty_words(event).endswith(", guessed")


def test_a_cue_reading_is_no_guess() -> None:
    x = extract(CUE, published="2012-01-26")
    [tuesday] = [t for t in x.expressions if t.text == "Tuesday"]
    assert tuesday.confidence == "cue"
    assert not any(e.guessed for e in x.events)


def test_the_chart_draws_a_guess_hollow_and_says_so() -> None:
    x = extract(GUESS, published="2012-01-26")
    fig = build_figure(list(x.events), [x.document])
    hovers = " ".join(str(h) for trace in fig.data for h in (trace.hovertext or ()) if h)
    hovers += " ".join(str(t.hovertemplate or "") for t in fig.data)
    symbols = " ".join(str(getattr(t.marker, "symbol", "")) for t in fig.data if getattr(t, "marker", None))
    assert "a guess" in hovers
    assert "open" in symbols
