"""A story of several articles as the timeline's events: one per happening, for every view.

The chart, the table, the chronology list and the exports all draw ``Event``\\s. With two
or more articles they are given the story's merged happenings (story.py) instead of every
article's mentions, so the same death toll reported by four outlets is one mark:

* a merged happening is one ``Event`` standing in for its sources. It takes the id, the
  sentence and the honest marks (edited by you, stated, worked out, guessed) of the source
  whose date it is drawn at, so selecting it, correcting it and reading its sentence work as
  for any event; ``reported_by`` names its articles, ``reports`` holds each source (its
  article, sentence and own date) for the exports, and its explanation lists them as text;
* while its sources disagree on the date, ``disputed`` holds the other dates, and the chart
  draws a conflict mark at each (figure.py);
* a happening reported once is its article's event, unchanged; so is an event added by hand.

The story is built from the events as corrected (:func:`story_input`): a date the journalist
fixed is the date the merge compares. Pure functions; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .corrections import chronological
from .figure import is_edited, source_name
from .model import DatePoint, Document, Event, Extraction, Granularity, Report
from .reports import THIS_DATE
from .story import Source, Story, StoryEvent
from .when import format_when

SOURCES_LISTED = 8  # sources quoted in an event's explanation (the hover card); the rest are counted
QUOTE_CHARS = 160  # of each source's sentence there


@dataclass(frozen=True)
class StoryTimeline:
    """What the views draw, and how it relates to the articles' own events."""

    events: tuple[Event, ...]
    # a drawn event's id -> each source's own (corrected) event, in story order; only merged ones
    members: Mapping[str, tuple[Event, ...]] = field(default_factory=dict)
    # an article event's id -> the id of the drawn event that holds it (itself when not merged)
    owner: Mapping[str, str] = field(default_factory=dict)

    def shown(self, event_id: str | None) -> str | None:
        """The drawn event that stands for ``event_id`` (an article's mention, or a drawn event)."""
        return self.owner.get(event_id, event_id) if event_id else None


def story_input(extractions: Sequence[Extraction], corrected: Sequence[Event]) -> tuple[Extraction, ...]:
    """The articles with the journalist's corrections applied (deleted events gone, edits made).

    Events added by hand have no expression in the text and stay out of the merge.
    """
    sizes = {x.document.id: len(x.expressions) for x in extractions}
    by_doc: dict[str, list[Event]] = {}
    for e in corrected:
        if 0 <= e.expression < sizes.get(e.doc_id, 0):
            by_doc.setdefault(e.doc_id, []).append(e)
    return tuple(replace(x, events=tuple(by_doc.get(x.document.id, ()))) for x in extractions)


def story_timeline(story: Story | None, corrected: Sequence[Event],
                   documents: Sequence[Document] = ()) -> StoryTimeline:
    """The events to draw: the story's happenings (``story`` built from :func:`story_input`), or,
    without a story (one article), the corrected events as they are."""
    if story is None:
        return StoryTimeline(tuple(corrected))
    by_id = {e.id: e for e in corrected}
    names = {d.id: source_name(d, d.id) for d in [*story.documents, *documents]}
    drawn: list[Event] = []
    members: dict[str, tuple[Event, ...]] = {}
    owner: dict[str, str] = {}
    for happening in story.events:
        own = tuple(by_id[s.mention] for s in happening.sources if s.mention in by_id)
        if not own:
            continue
        event = own[0] if len(own) == 1 else merged_event(happening, by_id, names)
        drawn.append(event)
        owner.update({e.id: event.id for e in own})
        if len(own) > 1:
            members[event.id] = own
    drawn += [e for e in corrected if e.id not in owner]  # added by hand
    return StoryTimeline(tuple(chronological(drawn)), members, owner)


def in_articles(events: Sequence[Event], doc_ids: Collection[str] | None) -> list[Event]:
    """The events of the chosen articles (None: all); a merged happening stays while any of its sources is chosen."""
    if doc_ids is None:
        return list(events)
    return [e for e in events if any(d in doc_ids for d in e.reported_by or (e.doc_id,))]


def merged_event(happening: StoryEvent, events: Mapping[str, Event], names: Mapping[str, str]) -> Event:
    """One event for a happening several sources report, dated and marked by the source it is drawn at."""
    chosen = _drawn_sources(happening)
    base = events[_representative(happening, chosen).mention]
    disputed = ()
    if happening.open_conflict and happening.conflict is not None:
        disputed = tuple((a.start, a.end, a.granularity) for a in happening.conflict.alternatives
                         if (a.start, a.end, a.granularity) != (happening.start, happening.end, happening.granularity))
    label = base.label if is_edited(base) else happening.label  # the journalist's words win
    guessed = all(events[s.mention].guessed for s in chosen if s.mention in events)
    return replace(base, start=happening.start, end=happening.end, granularity=happening.granularity, label=label,
                   certainty=happening.certainty, guessed=guessed, reported_by=happening.doc_ids,
                   disputed=disputed, explanation=_explanation(happening, base, events, names),
                   reports=tuple(_report(s, events.get(s.mention)) for s in happening.sources))


def _report(source: Source, own: Event | None) -> Report:
    """A source as the exports list it, at its own date as corrected (the story's date for a measured span)."""
    dated: Source | Event = own if own is not None else source
    return Report(source.doc_id, source.mention, source.sentence_start, source.sentence_end, source.sentence,
                  dated.start, dated.end, dated.granularity, dated.certainty)


def _drawn_sources(happening: StoryEvent) -> list[Source]:
    """The sources that give the date the happening is drawn at (all of them when they agree)."""
    conflict = happening.conflict
    if conflict is None:
        return list(happening.sources)
    alternative = conflict.alternatives[conflict.accepted if conflict.accepted is not None else 0]
    return [s for s in happening.sources if s.mention in alternative.mentions]


def _representative(happening: StoryEvent, chosen: Sequence[Source]) -> Source:
    """The source whose date the happening takes (its id, sentence and marks are the drawn event's)."""
    when = (happening.start, happening.end, happening.granularity)
    return next((s for s in chosen if (s.start, s.end, s.granularity) == when), chosen[0] if chosen else
                happening.sources[0])


def _explanation(happening: StoryEvent, base: Event, events: Mapping[str, Event], names: Mapping[str, str]) -> str:
    """How the date was found, who reports the happening, where they disagree, and each source's words.

    One line per item: the hover card and the table show them as lines.
    """
    articles = len(happening.doc_ids)
    count = len(happening.sources)
    lines = [f"Reported by {count} sources" + (f" in {articles} article{'s' * (articles != 1)}."
                                               if articles != count else ".")]
    conflict = happening.conflict
    if conflict is not None:
        dates = "; ".join(f"{format_when(_dated(base, a.start, a.end, a.granularity))} "
                          f"({', '.join(names.get(d, d) for d in a.doc_ids)})" for a in conflict.alternatives)
        lines.append(f"⚠ Sources disagree on the date: {dates}." if conflict.accepted is None
                     else f"Date accepted by you; sources gave {dates}.")
    for s in happening.sources[:SOURCES_LISTED]:
        own = events.get(s.mention)
        when = format_when(own) if own is not None else format_when(_dated(base, s.start, s.end, s.granularity))
        lines.append(f"• {names.get(s.doc_id, s.doc_id)}, {when}: “{_quote(s.sentence)}”")
    if count > SOURCES_LISTED:
        lines.append(f"… and {count - SOURCES_LISTED} more sources")
    if base.explanation:
        lines.append(f"{THIS_DATE}{base.explanation}")
    return "\n".join(lines)


def _dated(event: Event, start: DatePoint, end: DatePoint, granularity: Granularity) -> Event:
    return replace(event, start=start, end=end, granularity=granularity)


def _quote(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + "…"
