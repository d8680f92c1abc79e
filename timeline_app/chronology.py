"""The chronology as a list: one line per event, in date order, grouped by date.

For long timelines and text-heavy briefings a list reads better than a chart, and
it is the chart's text alternative too (:func:`summary`). Pure functions; the app,
the CLI and the exports all print the same list.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .axis import core
from .escape import for_html, no_autolinks
from .figure import disputed_dates, format_when, is_edited, naive, source_name, sources_line
from .model import Document, Event
from .reports import conflict_dates, dated_when, plain, report_when

CERTAINTY_WORDS = {"explicit": "stated", "inferred": "worked out", "approximate": "approximate"}
EDITED_WORDS = "edited by you"
LIST_COLUMNS = ("date", "event", "source", "certainty", "sources", "conflict_dates")


@dataclass(frozen=True)
class Said:
    """One source of a merged event: its article's title, the date it gives, its sentence (on one line)."""

    title: str
    when: str
    sentence: str


@dataclass(frozen=True)
class Dated:
    """One of the dates a disputed event's sources give, with the titles of the articles that give it."""

    when: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One line of the list; a merged event also lists each source, and while they disagree each date."""

    event_id: str
    when: str
    label: str
    source: str
    certainty: str
    sources: tuple[Said, ...] = ()
    conflict: tuple[Dated, ...] = ()


@dataclass(frozen=True)
class Day:
    """The events of one date as the text gives it ("16 Dec 2011", "Dec 2011", "≈ May–Dec 2011")."""

    when: str
    entries: tuple[Entry, ...]


def certainty_words(event: Event) -> str:
    """How sure the date is; for a happening whose sources disagree, the other dates too."""
    disputed = f"; sources disagree, also {' / '.join(disputed_dates(event))}" if event.disputed else ""
    if is_edited(event):
        return EDITED_WORDS + disputed
    return CERTAINTY_WORDS[event.certainty] + (", guessed" if event.guessed else "") + disputed


def reported_by(event: Event, docs: dict[str, Document]) -> str:
    """The article an event comes from, or every article that reports a merged happening."""
    return "; ".join(source_name(docs.get(d), d) for d in event.reported_by or (event.doc_id,))


def title_of(doc: Document | None, doc_id: str) -> str:
    """What the list calls a source's article: its title, else its outlet, else its id (on one line)."""
    return plain(doc.title if doc is not None and doc.title else source_name(doc, doc_id))


def _sources(event: Event, docs: Mapping[str, Document]) -> tuple[Said, ...]:
    return tuple(Said(title_of(docs.get(r.doc_id), r.doc_id), report_when(event, r), plain(r.sentence))
                 for r in event.reports)


def _conflict(event: Event, docs: Mapping[str, Document]) -> tuple[Dated, ...]:
    return tuple(Dated(dated_when(event, d), tuple(title_of(docs.get(i), i) for i in d.doc_ids))
                 for d in conflict_dates(event))


def chronology(events: Sequence[Event], documents: Sequence[Document] = ()) -> list[Day]:
    """The events in date order (start, then end), grouped by their printed date; a merged event
    carries each of its sources and, while they disagree, each date they give."""
    docs = {d.id: d for d in documents}
    ordered = sorted(events, key=lambda e: (naive(e.start), naive(e.end), e.doc_id, e.sentence_start, e.id))
    days: list[Day] = []
    for e in ordered:
        entry = Entry(e.id, format_when(e), e.label, reported_by(e, docs), certainty_words(e), _sources(e, docs),
                      _conflict(e, docs))
        if days and days[-1].when == entry.when:
            days[-1] = Day(entry.when, (*days[-1].entries, entry))
        else:
            days.append(Day(entry.when, (entry,)))
    return days


def summary(events: Sequence[Event], documents: Sequence[Document] = ()) -> str:
    """A few sentences that say what the chart shows: the text alternative for readers who cannot see it."""
    if not events:
        return "The timeline has no dated events."
    docs = {d.id: d for d in documents}
    ordered = sorted(events, key=lambda e: (naive(e.start), e.id))
    articles = len({d for e in events for d in e.reported_by or (e.doc_id,)})  # a merged event has several
    first, last = ordered[0], max(events, key=lambda e: (naive(e.end), e.id))
    opening = (f"Timeline of {_count(len(events), 'event')} from {_count(articles, 'article')}, "
               f"from {format_when(first)} to {format_when(last)}.")
    parts = [opening]
    lo, hi = core(naive(e.start) for e in events)
    inside = [e for e in events if lo <= naive(e.start) <= hi]
    if 2 < len(events) and len(inside) < len(events):
        parts.append(f"Most of them ({len(inside)}) fall between {format_when(_first(inside))} "
                     f"and {format_when(_last(inside))}.")
    busiest, n = Counter(format_when(e) for e in events).most_common(1)[0]
    if n > 1:
        parts.append(f"Busiest date: {busiest} ({n} events).")
    parts.append(f"First: {format_when(first)}, {first.label}. Last: {format_when(last)}, {last.label}.")
    if len(docs) > 1 or articles > 1:
        parts.append(sources_line(events, documents) + ".")
    return " ".join(parts)


def _first(events: Sequence[Event]) -> Event:
    return min(events, key=lambda e: (naive(e.start), e.id))


def _last(events: Sequence[Event]) -> Event:
    return max(events, key=lambda e: (naive(e.start), e.id))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def said_text(said: Said) -> str:
    """A source on one line: "Title, 2 Mar 2021: “sentence”"."""
    return f"{said.title}, {said.when}" + (f": “{said.sentence}”" if said.sentence else "")


def disagree_text(dates: Sequence[Dated]) -> str:
    """ "Sources disagree on the date: 3 Mar 2021 (Title) or 2 Mar 2021 (Other title)"."""
    return "Sources disagree on the date: " + " or ".join(f"{d.when} ({'; '.join(d.titles)})" for d in dates)


def list_csv(days: Sequence[Day]) -> str:
    """The list as CSV: date, event, source, certainty, then a merged event's sources (one a line) and,
    while they disagree, each date with its articles (one a line); formula-leading cells defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LIST_COLUMNS)
    for day in days:
        for e in day.entries:
            writer.writerow([safe_cell(e.when), safe_cell(e.label), safe_cell(e.source), e.certainty,
                             safe_cell("\n".join(said_text(s) for s in e.sources)),
                             safe_cell("\n".join(f"{d.when}: {'; '.join(d.titles)}" for d in e.conflict))])
    return out.getvalue()


def list_markdown(days: Sequence[Day], title: str, sources: str) -> str:
    """The list as Markdown, for a briefing document: a heading per date, a bullet per event, under a
    merged event a bullet per source and one for the dates its sources disagree on."""
    lines = [f"# {md_inline(title)}", ""]
    for day in days:
        lines.append(f"**{md_inline(day.when)}**")
        for e in day.entries:
            lines.append(f"- {md_inline(e.label)} ({md_inline(e.source)}; {md_inline(e.certainty)})")
            lines += [f"  - {md_inline(said_text(s))}" for s in e.sources]
            if e.conflict:
                lines.append(f"  - ⚠ {md_inline(disagree_text(e.conflict))}")
        lines.append("")
    if sources:
        lines.append(f"_{md_inline(sources)}_")
    return "\n".join(lines).rstrip() + "\n"


def _event_cell_html(e: Entry) -> str:
    """The event's label, then (a merged event) each source and the dates they disagree on."""
    cell = for_html(e.label)
    if e.sources:
        cell += ('<ul class="sources">' + "".join(f"<li>{for_html(said_text(s))}</li>" for s in e.sources)
                 + "</ul>")
    if e.conflict:
        cell += f'<p class="conflict">⚠ {for_html(disagree_text(e.conflict))}</p>'
    return cell


def list_table_html(days: Sequence[Day]) -> str:
    """The list as an HTML table: a header row per date, a row per event, every text escaped."""
    rows = []
    for day in days:
        rows.append(f'<tr class="day"><th colspan="4" scope="rowgroup">{for_html(day.when)}</th></tr>')
        rows += [f"<tr><td>{for_html(e.when)}</td><td>{_event_cell_html(e)}</td><td>{for_html(e.source)}</td>"
                 f"<td>{for_html(e.certainty)}</td></tr>" for e in day.entries]
    return ('<table class="chronology"><thead><tr><th>Date</th><th>Event</th><th>Source</th><th>Certainty</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def list_html(days: Sequence[Day], title: str, sources: str) -> str:
    """The list as a standalone HTML page with its title and sources line."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{for_html(title)}</title>'
            "<style>body{font-family:Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
            "td,th{padding:.2em .8em;text-align:left;vertical-align:top}tr.day th{padding-top:.8em}"
            "p.sources,ul.sources{color:#666}ul.sources{margin:.2em 0;padding-left:1.2em}"
            "p.conflict{color:#b00;margin:.2em 0}</style></head><body>"
            f"<h1>{for_html(title)}</h1>{list_table_html(days)}"
            f'<p class="sources">{for_html(sources)}</p></body></html>\n')


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|&"})


def md_inline(text: str) -> str:
    """Markdown-inert inline text for a Markdown file: emphasis, code, links (bare addresses too), tables,
    inline HTML and entities are escaped (every line we write starts with our own marker, so line-start
    syntax cannot arise); fewer escapes than escape.for_markdown, so the file reads well as plain text."""
    return no_autolinks(" ".join(text.split())).translate(_MD_SPECIAL)


# Spreadsheet apps run cells starting with these as formulas; article text is untrusted.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Defuse formula injection: a leading quote keeps the text as text in Excel/Sheets."""
    return "'" + value if value.startswith(_FORMULA_START) else value
