"""The journalist's app: bring articles, see their timeline, check every date, correct, export.

A thin UI on pure functions: dates come from the pipeline, the chart from figure.py,
the marked-up article from source_view.py, and the journalist's edits and filters
from corrections.py. This module only wires widgets to them and keeps what must
survive a rerun: the selected event and the list of corrections.

Run with ``streamlit run timeline_app/app.py``.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Literal, cast

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run` works without `pip install -e .`
    sys.path.insert(0, str(ROOT))

import pandas as pd
import streamlit as st

from timeline_app import extract_document, projects_view
from timeline_app.calendar_math import EARLIEST_SANE, LATEST_SANE
from timeline_app.chart_view import chart_panel, range_key, zoomed
from timeline_app.chronology import reported_by
from timeline_app.corrections import (
    CorrectionsError,
    Delete,
    Filters,
    Op,
    action_count,
    add_op,
    apply_corrections,
    corrections_from_json,
    corrections_to_json,
    day_of,
    describe_action,
    edit_ops,
    filter_events,
    grouped,
    last_action,
    removed_choices,
    restore_ops,
    stale_ops,
    undo,
)
from timeline_app.export import (
    ExportError,
    ImageFormat,
    events_csv,
    figure_bytes,
    keep_browser,
    page_html,
    slide_figure,
    timeline_json,
    timelinejs_json,
)
from timeline_app.export import (
    View as ExportView,
)
from timeline_app.figure import (
    CERTAINTY_ORDER,
    day_label,
    format_when,
    source_name,
)
from timeline_app.escape import for_markdown
from timeline_app.identity import is_implied
from timeline_app.ingest import MAX_BYTES, InputError, document_from_text, read_document, truncation_note
from timeline_app.model import Document, Event, Extraction, Timeline
from timeline_app.source_view import SOURCE_CSS, SOURCE_JS, render_source_html
from timeline_app.story_events import StoryTimeline, in_articles, story_timeline
from timeline_app.story_view import (
    conflicts_panel,
    decisions,
    link_documents,
    newest_decision_words,
    read_source,
    select_shown,
    source_of,
    sources_list,
    story_of,
    undo_decision,
)

log = logging.getLogger("timeline_app.app")
SEEDS = ROOT / "seeds"
UPLOAD_TYPES = ["txt", "md", "html", "htm", "docx", "pdf"]
MAX_UPLOAD_MB = MAX_BYTES // (1024 * 1024)
SOURCE_WINDOW = 60_000  # characters of a long article shown at once, around the selected event
ColorBy = Literal["certainty", "source"]
IMAGE_MIME: dict[ImageFormat, str] = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
# Streamlit's date inputs default to ten years either side of today; articles reach further, but a
# date typed by hand stays in the documented range (year 9999 froze the browser tab).
ANY_DATE: dict[str, Any] = {"min_value": EARLIEST_SANE, "max_value": LATEST_SANE, "format": "YYYY-MM-DD"}
CERTAINTY_SHORT = {"explicit": "Stated", "inferred": "Worked out", "approximate": "Approximate"}
APP_CSS = """
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2rem; padding-bottom: 0.25rem; }
"""

# Session state: the one selected event, the corrections, and counters that give
# widgets fresh keys when their contents must be reset.
PICK, OPS, REV, TABLE_GEN, ARTICLE = "pick", "ops", "rev", "table_gen", "article"
SAMPLES, SAMPLES_TOUCHED, NOTICE, IMAGE = "samples", "samples_touched", "notice", "image"
UPLOADS, UPLOAD_GEN = "uploads", "upload_gen"  # the upload box's key is UPLOADS:generation (a new one is empty)
UPLOAD_ERRORS = "upload_errors"  # files of the last upload that could not be read (their box was emptied)

source_bridge = st.components.v2.component("timeline_app.source_bridge", js=SOURCE_JS, isolate_styles=False)


# ---------------------------------------------------------------- pure helpers


def content_id(data: bytes) -> str:
    """A short digest for widget keys (documents are named by identity.document_id)."""
    return hashlib.sha256(data).hexdigest()[:12]


def published_note(doc: Document, chosen: date | None) -> str:
    """Where the publication date came from, in words: it anchors every "yesterday"."""
    if chosen is None:
        return "No publication date found: set one so “yesterday” or “on Wednesday” can be placed."
    if chosen != doc.published:
        return f"Set by you (detected: {day_label(doc.published)})." if doc.published else "Set by you."
    if doc.published_source == "given":
        return "As given."
    return f"Detected from the {doc.published_source}." if doc.published_source else "Detected."


def editable(day: date | None) -> date | None:
    """A date input's starting value: outside the range it accepts (an event in AD 14), empty;
    saving an empty date keeps the event's own."""
    return day if day is not None and EARLIEST_SANE <= day <= LATEST_SANE else None


def with_publication(doc: Document, chosen: date | None) -> Document:
    """The document as the journalist dated it; a changed date re-resolves every expression.

    An emptied date falls back to the detected one: the pipeline would detect it again.
    """
    if chosen is None or chosen == doc.published:
        return doc
    return replace(doc, published=chosen, published_source="set by you")


def events_frame(events: Sequence[Event], documents: Sequence[Document]) -> pd.DataFrame:
    """The event table; "#" is timeline order, so sorting by it restores the chronology."""
    docs = {d.id: d for d in documents}
    columns: dict[str, list[Any]] = {
        "#": list(range(1, len(events) + 1)),
        "When": [format_when(e) for e in events],
        "Event": [e.label for e in events],
        "Certainty": [CERTAINTY_SHORT[e.certainty] + (", guessed" if e.guessed else "")
                      + (", sources disagree" if e.disputed else "") for e in events],
    }
    if len(documents) > 1:
        columns["Source"] = [reported_by(e, docs) for e in events]  # a merged event's: every article
    columns["Why this date"] = [e.explanation for e in events]
    return pd.DataFrame(columns, index=[e.id for e in events])


def event_for_expression(events: Sequence[Event], doc_id: str, expression: int) -> Event | None:
    """The event a clicked date stands for: its own event first, else one derived from it."""
    matches = [e for e in events if e.doc_id == doc_id and e.expression == expression]
    return next((e for e in matches if not is_implied(e.id)), matches[0] if matches else None)


def beyond_calendar_note(extractions: Sequence[Extraction]) -> str | None:
    """Dates the text gives before year 1 ('2500 years ago', '490 BC'): no chart axis holds them,
    so they are listed under it rather than silently left out."""
    far = [f"{t.text} ({t.value})" for x in extractions for t in x.expressions
           if t.type == "DATE" and t.value.startswith("BC") and (t.resolution is None or t.resolution.start is None)]
    return f"Outside the drawable range: {'; '.join(dict.fromkeys(far))}." if far else None


def unplaced_note(extractions: Sequence[Extraction], doc_id: str, expression: int) -> str:
    """Why a clicked date has no event: "decades: a span of time" is not a point in time."""
    timexes = next((x.expressions for x in extractions if x.document.id == doc_id), ())
    why = timexes[expression].explanation if 0 <= expression < len(timexes) else "This expression"
    return f"{why} — no single place on the calendar, so it is not on the timeline."


def load_files(files: Sequence[tuple[str, bytes]]) -> tuple[list[Document], list[str]]:
    """Documents from uploaded files, and one message per file that could not be read."""
    documents: list[Document] = []
    errors: list[str] = []
    for name, data in files:
        try:
            documents.append(read_cached(data, name))
        except InputError as exc:
            errors.append(str(exc))
        except Exception:  # noqa: BLE001 - a reader bug costs this file, never the page
            log.exception("bug: reading %r failed", name)
            errors.append(f"{name} could not be read because of a bug; it has been logged.")
    return documents, errors


# ---------------------------------------------------------------- cached pipeline


@st.cache_data(show_spinner=False, max_entries=200)
def read_cached(data: bytes, filename: str) -> Document:
    """A file as a document named by its headline: legends and tables read better than file names."""
    doc = read_document(data, filename)
    return replace(doc, source=None) if doc.title and doc.source == filename else doc


@st.cache_resource(show_spinner=False, max_entries=200)
def run_pipeline(text: str, published: date | None, doc_id: str, title: str | None, source: str | None,
                 published_source: str | None, full_size: int | None = None) -> Extraction:
    """One document through the pipeline, cached per text and publication date.

    Cached as a resource (every rerun gets the same frozen object) rather than as data
    (a fresh unpickled copy each rerun: most of a rerun's time on a 1 MB article)."""
    return extract_document(Document(text, published, published_source, doc_id, title, source, full_size))


def extraction_of(doc: Document) -> Extraction:
    return run_pipeline(doc.text, doc.published, doc.id, doc.title, doc.source, doc.published_source,
                        doc.full_size)


# ---------------------------------------------------------------- state and callbacks


def init_state() -> None:
    defaults: dict[str, Any] = {PICK: None, OPS: (), REV: 0, TABLE_GEN: 0, ARTICLE: None,
                                SAMPLES: default_samples(), SAMPLES_TOUCHED: False, NOTICE: None, IMAGE: None,
                                UPLOAD_GEN: 0}
    for key, value in defaults.items():
        st.session_state.setdefault(key, value)


def select(event_id: str | None, doc_id: str | None = None, *, from_table: bool = False) -> None:
    """Make ``event_id`` the selected event everywhere: chart, table, picker and source panel."""
    st.session_state[PICK] = event_id
    if doc_id:
        st.session_state[ARTICLE] = doc_id
    if not from_table:  # a fresh table key drops its stale row highlight
        st.session_state[TABLE_GEN] += 1


def set_ops(ops: Sequence[Op]) -> None:
    """Corrections change only once saved in the project (on the example, in this tab only)."""
    st.session_state[OPS] = projects_view.record(st.session_state[OPS], ops)
    st.session_state[REV] += 1


def uploads_key() -> str:
    return f"{UPLOADS}:{st.session_state[UPLOAD_GEN]}"


def reset_session(example: bool) -> None:
    """Another project: nothing selected, no corrections carried over, the sample only on the example, and an
    empty upload box (files saved in the project left are not the next one's, nor the example's)."""
    st.session_state.update({OPS: (), SAMPLES: default_samples() if example else [], SAMPLES_TOUCHED: False,
                             UPLOAD_GEN: st.session_state[UPLOAD_GEN] + 1, UPLOAD_ERRORS: []})
    st.session_state[REV] += 1
    select(None)


def on_table_select(key: str, row_ids: list[str], docs_by_event: dict[str, str]) -> None:
    rows = ((st.session_state.get(key) or {}).get("selection") or {}).get("rows") or []
    if rows and rows[0] < len(row_ids):
        event_id = row_ids[rows[0]]
        select(event_id, docs_by_event.get(event_id), from_table=True)


def on_pick(docs_by_event: dict[str, str]) -> None:
    select(st.session_state[PICK], docs_by_event.get(st.session_state[PICK] or ""))


def on_article() -> None:
    select(None)


def on_date_click(events: list[Event], extractions: list[Extraction]) -> None:
    clicked = (st.session_state.get("source_bridge") or {}).get("clicked") or {}
    doc_id, expression = str(clicked.get("doc", "")), int(clicked.get("expression", -1))
    event = event_for_expression(events, doc_id, expression)
    if event is None:
        st.session_state[NOTICE] = unplaced_note(extractions, doc_id, expression)
    else:
        select(event.id, event.doc_id)
        read_source(event.id)  # of a merged happening, the source whose date was clicked


def on_own_article() -> None:
    """The journalist's own articles are saved in the current project (on the example, in a new one).
    On the example the sample makes way for them, unless they chose samples themselves (those join the
    new project); in a project the sample box is the project's own and is left as it is."""
    example = projects_view.current() is None
    if example and not st.session_state[SAMPLES_TOUCHED]:
        st.session_state[SAMPLES] = []
    uploads = st.session_state.get(uploads_key()) or []
    own, errors = own_documents(uploads, st.session_state.get("pasted") or "")
    files = {d.id: f.name for f in uploads for d in load_files([(f.name, f.getvalue())])[0]}  # cached reads
    chosen = st.session_state[SAMPLES] if example else []
    if projects_view.keep_articles(own + [sample_document(n) for n in chosen], reset_session,
                                   file_names=files | sample_files(chosen)):
        st.session_state["pasted"] = ""  # saved: the boxes are free for the next article
        st.session_state[UPLOAD_GEN] += 1
        st.session_state[UPLOAD_ERRORS] = errors  # still said, though the box that held them is empty


def on_samples() -> None:
    """On the example the box is this tab's choice; in a project, a sample chosen is saved in it and one
    cleared is taken out (the box shows what the project holds, see :func:`input_documents`)."""
    st.session_state[SAMPLES_TOUCHED] = True
    held = projects_view.saved_articles(samples_by_name(), projects_view.stored_documents())
    if held is None:
        return
    chosen = st.session_state[SAMPLES]
    added = [n for n in chosen if n not in held]
    projects_view.keep_articles([sample_document(n) for n in added], reset_session, start_project=False,
                                file_names=sample_files(added))
    projects_view.remove_articles([sample_document(n).id for n in held if n not in chosen])


def on_save_edit(event: Event, label_key: str, start_key: str, end_key: str) -> None:
    try:
        ops = edit_ops(event, st.session_state[label_key], st.session_state[start_key], st.session_state[end_key])
    except CorrectionsError as exc:
        st.session_state[NOTICE] = str(exc)
        return
    if ops:
        set_ops([*st.session_state[OPS], *grouped(ops)])  # one edit, one undo


def on_delete(event_id: str, *sources: str) -> None:
    """Remove an event; for a happening several articles report, every source of it (``sources``)."""
    set_ops([*st.session_state[OPS], *grouped([Delete(i) for i in dict.fromkeys((event_id, *sources))])])
    select(None)


def on_restore() -> None:
    event_id = st.session_state.get("restore_pick")
    if event_id:
        set_ops([*st.session_state[OPS], *restore_ops(event_id, st.session_state[OPS])])  # with its fellow sources
        select(event_id)


def on_undo() -> None:
    """One Undo for every action: the newest story decision if it is the newest change, else the newest
    correction (checked again at the click: another tab may have changed the project)."""
    if newest_decision_words() is not None:
        undo_decision()
    else:
        set_ops(undo(st.session_state[OPS]))


def on_add(default_doc: str, taken: Sequence[str] = ()) -> None:
    state = st.session_state
    doc_id = state.get("add_doc") or default_doc
    try:
        op = add_op(doc_id, state.get("add_label") or "", state.get("add_start"), state.get("add_end"), state[OPS],
                    taken)
    except CorrectionsError as exc:
        state[NOTICE] = str(exc)
        return
    set_ops([*state[OPS], op])
    select(op.event_id, doc_id)


def on_corrections_file() -> None:
    upload = st.session_state.get("corrections_file")
    if upload is None:
        return
    try:
        set_ops(corrections_from_json(upload.getvalue()))
    except CorrectionsError as exc:
        st.session_state[NOTICE] = str(exc)


# ---------------------------------------------------------------- input (sidebar)


def sample_names() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def default_samples() -> list[str]:
    return sample_names()[:1]


def sample_document(name: str) -> Document:
    return read_cached((SEEDS / name).read_bytes(), name)


def samples_by_name() -> dict[str, Document]:
    return {name: sample_document(name) for name in sample_names()}


def sample_files(names: Sequence[str]) -> dict[str, str]:
    """A sample saved in a project is listed by its file name (its document shows its headline)."""
    return {sample_document(name).id: name for name in names}


def pasted_document(text: str) -> Document | None:
    if not text.strip():
        return None
    return document_from_text(text)


def own_documents(uploads: Sequence[Any] | None, pasted: str) -> tuple[list[Document], list[str]]:
    """The uploaded and pasted articles, and one message per file that could not be read."""
    documents, errors = load_files([(f.name, f.getvalue()) for f in uploads or []])
    if (doc := pasted_document(pasted)) is not None:
        documents.append(doc)
    return documents, errors


def input_documents() -> list[Document]:
    """Every article the journalist brought: uploads, a paste, and the chosen samples (a saved
    project shows the articles saved in it)."""
    st.sidebar.header("Articles")
    uploads = st.sidebar.file_uploader(
        "Upload articles", type=UPLOAD_TYPES, accept_multiple_files=True, key=uploads_key(),
        on_change=on_own_article, max_upload_size=MAX_UPLOAD_MB,
        help=f"Text, Markdown, web pages (.html), Word (.docx) or PDF; up to {MAX_UPLOAD_MB} MB each.")
    pasted = st.sidebar.text_area("…or paste an article", key="pasted", height=140, on_change=on_own_article,
                                  max_chars=MAX_BYTES, placeholder="Headline, date line and text")
    documents, errors = own_documents(uploads, pasted)
    for message in [*st.session_state.get(UPLOAD_ERRORS, []), *errors]:
        st.sidebar.error(for_markdown(message))
    stored = projects_view.stored_documents()
    held = projects_view.saved_articles(samples_by_name(), stored)
    if held is not None:  # a project's box is what it holds (after a reload too), not the example's default
        st.session_state[SAMPLES] = held
    st.sidebar.multiselect("Sample articles", sample_names(), key=SAMPLES, on_change=on_samples,
                           format_func=lambda name: source_name(sample_document(name), name),
                           help="The sample makes way when you add your own article; pick it again here."
                           if held is None else "Pick a sample to add it to this project; clear it to take it out.")
    documents += [sample_document(name) for name in st.session_state[SAMPLES]]
    documents = list({d.id: d for d in documents}.values())  # the same article twice is one article
    return projects_view.shown_documents(documents, sample_files(st.session_state[SAMPLES]), stored)


def dated_documents(documents: Sequence[Document]) -> list[Document]:
    """Each article's publication date, shown with its origin and open to correction."""
    st.sidebar.subheader("Publication dates")
    out = []
    for doc in documents:
        name = source_name(doc, doc.id)
        chosen = st.sidebar.date_input(for_markdown(name if len(name) <= 60 else name[:59] + "…"),
                                       value=editable(projects_view.published_value(doc)), key=f"published:{doc.id}",
                                       on_change=projects_view.on_published, args=(doc.id, doc.published),
                                       **ANY_DATE) or doc.published
        st.sidebar.caption(published_note(doc, chosen))
        out.append(with_publication(doc, chosen))
    return out


def corrections_io(ops: Sequence[Op], events: Sequence[Event]) -> None:
    """Save and load corrections, so a day's checking survives closing the browser."""
    st.sidebar.subheader("Your corrections")
    stale = stale_ops(events, ops)
    story = len(decisions())
    actions = action_count(ops) + story  # one merge, accept or edit is one change, however many rows
    note = f"{actions} change{'s' * (actions != 1)}"
    if story:
        note += f" ({story} story decision{'s' * (story != 1)})"
    st.sidebar.caption(note + (f"; {len(stale)} refer to events not in these articles." if stale else "."))
    projects_view.saved_note(stale)
    st.sidebar.download_button("Save corrections", data=corrections_to_json(ops), file_name="corrections.json",
                               mime="application/json", on_click="ignore", key="save_corrections",
                               icon=":material/save:")
    st.sidebar.file_uploader("Load corrections", type=["json"], key="corrections_file",
                             on_change=on_corrections_file, max_upload_size=1)


# ---------------------------------------------------------------- explore


@dataclass(frozen=True)
class View:
    """What the explore controls chose."""

    filters: Filters
    color_by: ColorBy
    period: tuple[date, date] | None = None  # the zoom: None is the whole story
    whole: tuple[date, date] | None = None


def explore_controls(events: Sequence[Event], documents: Sequence[Document]) -> View:
    """Search, period, certainty and (with several articles) the sources, each at the width its
    content needs, in a row that wraps: beside the sidebar a 1,000 px window leaves the page about
    540 px, and fixed columns cut the period's second date and the last certainty chip there."""
    bar = st.container(horizontal=True, wrap=True, vertical_alignment="bottom", gap="medium", key="explore_bar")
    query = bar.text_input("Search", key="query", placeholder="word in event or sentence", width=200)
    days = [day_of(e.start) for e in events] + [day_of(e.end) for e in events]
    lo, hi = (min(days), max(days)) if days else (date.today(), date.today())
    span = bar.date_input("Between", value=(lo, hi), min_value=lo, max_value=hi, key=range_key(lo, hi),
                          format="YYYY-MM-DD", help="Zooms the chart to this period", width=250)
    start, end = (tuple(span) + (None, None))[:2] if isinstance(span, (tuple, list)) else (span, None)
    certainty = bar.pills("Certainty", CERTAINTY_ORDER, selection_mode="multi", default=list(CERTAINTY_ORDER),
                          format_func=CERTAINTY_SHORT.__getitem__, key="certainty", width="content")
    doc_ids: frozenset[str] | None = None
    color_by: ColorBy = "certainty"
    if len(documents) > 1:
        names = {d.id: source_name(d, d.id) for d in documents}
        chosen = bar.multiselect("Sources", list(names), default=list(names), format_func=names.__getitem__,
                                 key=f"sources:{content_id(' '.join(names).encode())}", width=360)
        by_source = bar.toggle("Colour by source", key="color_by_source", value=True, width="content")
        doc_ids = frozenset(chosen)
        color_by = "source" if by_source else "certainty"
    filters = Filters(start, end, frozenset(certainty), doc_ids, query)
    return View(filters, color_by, zoomed((start, end), (lo, hi)), (lo, hi))


# ---------------------------------------------------------------- main panels


def header(documents: Sequence[Document], events: Sequence[Event]) -> str:
    """Title and one line on what the timeline holds; returns the title for exports."""
    title = (documents[0].title or "Timeline") if len(documents) == 1 else f"Timeline of {len(documents)} articles"
    st.title(for_markdown(title), anchor=False)
    st.caption(f"{len(events)} dated event{'s' * (len(events) != 1)} from {len(documents)} "
               f"article{'s' * (len(documents) != 1)} · Click a point or a row to see where its date comes from.")
    return title


def event_table(visible: Sequence[Event], documents: Sequence[Document], selected: Event | None,
                docs_by_event: dict[str, str]) -> None:
    frame = events_frame(visible, documents)
    rows = [i for i, event_id in enumerate(frame.index) if selected and event_id == selected.id]
    key = f"table-{st.session_state[TABLE_GEN]}"  # a new key shows the current selection as its default
    st.dataframe(frame, key=key, on_select=partial(on_table_select, key, list(frame.index), docs_by_event),
                 selection_mode="single-row", selection_default={"selection": {"rows": rows}},
                 hide_index=True, height=420, width="stretch",
                 column_config={"#": st.column_config.NumberColumn(width=36),
                                "When": st.column_config.TextColumn(width=150),
                                "Event": st.column_config.TextColumn(width=260),
                                "Certainty": st.column_config.TextColumn(width=95),
                                "Why this date": st.column_config.TextColumn(width="large")})


def changes_bar(found: Sequence[Event], documents: Sequence[Document]) -> None:
    """Undo (the newest change, a correction or a story decision), restore and add."""
    ops: tuple[Op, ...] = st.session_state[OPS]
    undo_col, restore_col = st.columns([1, 2])
    newest = newest_decision_words() or (describe_action(last_action(ops)) if ops else None)
    undo_col.button(for_markdown("Undo" + (f": {newest}" if newest else "")),
                    disabled=newest is None, on_click=on_undo, key="undo", icon=":material/undo:")
    names = removed_choices(found, ops)  # one per removal: a happening's sources come back together
    if names:
        with restore_col:
            st.selectbox("Removed events", list(names), format_func=names.__getitem__, key="restore_pick")
            st.button("Restore", on_click=on_restore, key="restore", icon=":material/restore_from_trash:")
    with st.expander("Add an event by hand"):
        st.text_input("What happened", key="add_label")
        c1, c2 = st.columns(2)
        c1.date_input("Date", value=None, key="add_start", **ANY_DATE)
        c2.date_input("Until (for a period)", value=None, key="add_end", **ANY_DATE)
        if len(documents) > 1:
            names = {d.id: source_name(d, d.id) for d in documents}
            st.selectbox("Belongs to", list(names), format_func=names.__getitem__, key="add_doc")
        st.button("Add to timeline", on_click=on_add, args=(documents[0].id, [e.id for e in found]), key="add",
                  type="primary")


def event_picker(events: Sequence[Event], docs_by_event: dict[str, str]) -> None:
    """The keyboard way to choose an event; it also names the current selection."""
    names = {e.id: f"{format_when(e)} · {e.label}" for e in events}
    if st.session_state[PICK] not in names:
        st.session_state[PICK] = None
    st.selectbox("Event", list(names), format_func=names.__getitem__, key=PICK, index=None,
                 placeholder="Choose an event, or click one in the chart or table", on_change=on_pick,
                 args=(docs_by_event,))


def edit_form(event: Event, sources: Sequence[str] = ()) -> None:
    """Correct the selected event where its source is in view (``sources``: a merged happening's, removed with it)."""
    rev = st.session_state[REV]
    keys = (f"edit_label:{event.id}:{rev}", f"edit_start:{event.id}:{rev}", f"edit_end:{event.id}:{rev}")
    with st.expander("Correct this event", icon=":material/edit:"):
        with st.form(f"edit:{event.id}:{rev}", border=False):
            st.text_input("What happened", value=event.label, key=keys[0])
            c1, c2 = st.columns(2)
            start, end = day_of(event.start), day_of(event.end)
            c1.date_input("Date", value=editable(start), key=keys[1], **ANY_DATE)
            c2.date_input("Until (for a period)", value=editable(end) if end != start else None, key=keys[2],
                          **ANY_DATE)
            st.form_submit_button("Save correction", on_click=on_save_edit, args=(event, *keys), type="primary")
        st.button("Remove from timeline" + (f" (all {len(sources)} sources)" if sources else ""), on_click=on_delete,
                  args=(event.id, *sources), key=f"delete:{event.id}", icon=":material/delete:")


def source_panel(extractions: Sequence[Extraction], events: Sequence[Event], selected: Event | None,
                 docs_by_event: dict[str, str], timeline: StoryTimeline | None = None,
                 mentions: Sequence[Event] | None = None) -> None:
    """The selected event's sentence in its article; for a happening several articles report, the
    sentence of the source chosen in its list of sources (``timeline``: the story's events;
    ``mentions``: each article's own events, which a click on a date in the text names)."""
    st.subheader("Source", anchor=False)
    event_picker(events, docs_by_event)
    timeline = timeline or StoryTimeline(tuple(events))
    reading = source_of(selected, timeline)
    by_id = {x.document.id: x for x in extractions}
    if st.session_state[ARTICLE] not in by_id:
        st.session_state[ARTICLE] = extractions[0].document.id
    if reading is not None and reading.doc_id in by_id:
        st.session_state[ARTICLE] = reading.doc_id
    if len(extractions) > 1:
        st.selectbox("Article", list(by_id), key=ARTICLE, on_change=on_article,
                     format_func=lambda i: source_name(by_id[i].document, i))
    shown = by_id[st.session_state[ARTICLE]]
    if selected is not None:
        edit_form(selected, [e.id for e in timeline.members.get(selected.id, ())])
    sources_list(selected, timeline, [x.document for x in extractions])
    if not shown.expressions:
        st.info("No dates found in this article.")
    st.html(render_source_html(shown.document.text, shown.expressions, reading, doc_id=shown.document.id,
                               window=SOURCE_WINDOW))
    source_bridge(key="source_bridge", data={"selected": reading.id if reading else ""},
                  on_clicked_change=partial(on_date_click, list(mentions or events), list(extractions)), height=0)


@dataclass(frozen=True)
class Download:
    """One data export: made only when its button is clicked."""

    label: str
    make: Callable[[], str]
    file_name: str
    mime: str


def export_view(view: View, title: str) -> ExportView:
    return ExportView(title=title, color_by=view.color_by, period=view.period,
                      expanded=st.session_state.get("expanded", frozenset()))


def data_downloads(visible: Sequence[Event], documents: Sequence[Document], view: View,
                   title: str) -> list[Download]:
    """The exports that need no image renderer, each of exactly what is on screen."""
    return [
        Download("Interactive page (HTML)", lambda: page_html(visible, documents, export_view(view, title)),
                 "timeline.html", "text/html"),
        Download("Events (CSV)", lambda: events_csv(visible, documents), "timeline.csv", "text/csv"),
        Download("Timeline data (JSON)", lambda: timeline_json(visible, documents), "timeline.json",
                 "application/json"),
        Download("TimelineJS (JSON)", lambda: timelinejs_json(visible, documents, title),
                 "timeline.timelinejs.json", "application/json"),
    ]


def slide_image(visible: Sequence[Event], documents: Sequence[Document], view: View, title: str,
                fmt: ImageFormat) -> bytes:
    """A 1920x1080 slide of the timeline as on screen (PNG, SVG or PDF); raises ExportError.

    The browser stays open for the server's life: the next image takes well under a second.
    """
    keep_browser()
    fig = slide_figure(visible, documents, export_view(view, title))
    return figure_bytes(fig, fmt, width=int(fig.layout.width), height=int(fig.layout.height))


def export_menu(visible: Sequence[Event], documents: Sequence[Document], view: View, title: str) -> None:
    """Briefing exports of what is on screen; images are made on request (they take a second or two)."""
    with st.popover("Export", icon=":material/download:", width="content"):
        st.caption(f"Exports show the {len(visible)} events currently on the timeline.")
        heading = st.text_input("Title", value=title, key=f"export_title:{title}")
        fmt = cast(ImageFormat, st.segmented_control("Slide image (16:9)", list(IMAGE_MIME), default="png",
                                                     key="image_format", format_func=str.upper) or "png")
        signature = hashlib.sha256(repr((visible, documents, view, heading, fmt)).encode()).hexdigest()
        if st.button(f"Make {fmt.upper()}", key="make_image", icon=":material/image:"):
            try:
                with st.spinner("Drawing…"):
                    st.session_state[IMAGE] = (signature, slide_image(visible, documents, view, heading, fmt))
            except ExportError as exc:
                st.error(for_markdown(str(exc)))
        image = st.session_state[IMAGE]
        if image and image[0] == signature:
            st.download_button(f"Download {fmt.upper()}", data=image[1], file_name=f"timeline.{fmt}",
                               mime=IMAGE_MIME[fmt], on_click="ignore", key="download_image", type="primary")
        st.divider()
        for item in data_downloads(visible, documents, view, heading):
            st.download_button(item.label, data=item.make, file_name=item.file_name, mime=item.mime,
                               on_click="ignore", key=f"download:{item.file_name}")


def show_notice() -> None:
    notice = st.session_state[NOTICE]
    if notice:
        st.toast(for_markdown(notice), icon=":material/info:")
        st.session_state[NOTICE] = None


# ---------------------------------------------------------------- page


def main() -> None:
    st.set_page_config(page_title="Timeline", page_icon="🗓️", layout="wide")
    st.set_option("client.toolbarMode", "viewer")  # no developer menu for journalists
    init_state()
    st.html(f"<style>{SOURCE_CSS}{APP_CSS}</style>")
    projects_view.sidebar(reset_session)
    documents = dated_documents(projects_view.with_links(input_documents(), link_documents(on_own_article)))
    if not documents:
        st.title("Timeline", anchor=False)
        st.info("Upload or paste an article in the sidebar, or pick a sample, to see its timeline.")
        return
    extractions = [extraction_of(d) for d in documents]
    documents = [x.document for x in extractions]
    for x in extractions:  # a failed article costs its own dates only: one box, the rest still draws
        if x.error:
            st.error(for_markdown(f"{source_name(x.document, x.document.id)}: {x.error}"))
        if note := truncation_note(x.document):
            st.warning(for_markdown(f"{source_name(x.document, x.document.id)}: {note}"))
    found = Timeline(tuple(extractions)).events
    projects_view.remember_events(found)
    ops: tuple[Op, ...] = st.session_state[OPS]
    corrected = apply_corrections(found, ops)
    corrections_io(ops, found)
    try:  # several articles: one event per happening they report (story_events.py)
        story = story_of(extractions, corrected)
    except Exception:  # noqa: BLE001 - a merge bug costs the story, never the articles' own events
        log.exception("bug: the story of %d articles could not be built", len(extractions))
        st.error("These articles could not be merged into one story (a bug, now logged); each article's own "
                 "events are shown.")
        story = None
    timeline = story_timeline(story, corrected, documents)
    events = list(timeline.events)
    select_shown(timeline, PICK)
    docs_by_event = {e.id: e.doc_id for e in events}
    selected = next((e for e in events if e.id == st.session_state[PICK]), None)

    top = st.container(horizontal=True, vertical_alignment="bottom")  # the title takes what Export leaves
    title_col, export_col = top.container(), top.container(width="content")
    with title_col:
        title = header(documents, events)
    view = explore_controls(events, documents)
    texts = {d.id: d.text for d in documents}
    visible = in_articles(filter_events(events, replace(view.filters, doc_ids=None), texts), view.filters.doc_ids)
    with export_col:
        export_menu(visible, documents, view, title)
    try:
        chart_panel(visible, documents, selected, view.color_by, docs_by_event, view.period,
                    view.whole or (date.min, date.max), select, story=events)
    except Exception:  # noqa: BLE001 - a drawing bug costs the chart, never the table, the source or Undo
        log.exception("bug: the chart could not be drawn for %d events", len(visible))
        st.error("The chart could not be drawn (a bug, now logged); the events are listed below.")
    if note := beyond_calendar_note(extractions):
        st.caption(for_markdown(note))
    left, right = st.columns([11, 9], gap="large")
    with left:
        st.subheader("Events", anchor=False)
        event_table(visible, documents, selected, docs_by_event)
        changes_bar(found, documents)
    with right:
        source_panel(extractions, events, selected, docs_by_event, timeline, corrected)
    projects_view.save_view()
    try:
        conflicts_panel(story)
    except Exception:  # noqa: BLE001 - a drawing bug in the story costs the story panel, never the page
        log.exception("bug: the story panel could not be drawn")
        st.error("The story of these articles could not be drawn (a bug, now logged).")
    show_notice()


if __name__ == "__main__":  # `streamlit run` runs this file as __main__; tests import its helpers
    main()
