"""The story workspace in the app: articles from a link, the merged story, and the conflicts panel.

``link_documents`` reads links the journalist pastes (webpage.py: one clear message per bad
link). ``story_of`` merges two or more articles into one story (story.py), once per run: the
main chart, table, list and exports draw its happenings (story_events.py), and
``conflicts_panel`` lets the journalist settle it: accept one of the dates sources disagree
on, split a wrong merge, or merge two events by hand. Those decisions are saved through
story_decisions.py, the one path for them (the project's operation log, committed before
they are shown; undo is one more operation). Selecting a merged happening lists every source
(``sources_list``), and each opens its own sentence in the source text (``source_of``).
Article text is escaped wherever it is shown (Markdown is off for it).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from . import projects_view
from .escape import for_markdown
from .figure import format_when, source_name
from .model import Document, Event, Extraction
from .store import StoreError
from .story import Source, Story, StoryEvent, StoryOpError, build_story
from .story_decisions import LINKS, STORY_MADE, STORY_OPS, decide, in_force, newest_decision, undo_last
from .story_events import StoryTimeline, story_input
from .values import human
from .webpage import FetchError, read_url

log = logging.getLogger("timeline_app.story_view")
LINK_INPUT, STORE_NOTICE = "story_link_input", "story_store_notice"
MERGE_A, MERGE_B = "story_merge_a", "story_merge_b"
FOCUS = "story_focus"  # which source of the selected merged happening the source text shows
FOCUS_FOR = "story_focus_for"  # the selection FOCUS was last set for (a new selection reads its own source)
DECISION_WORDS = {"accept_date": "accept a date", "split": "split off", "merge": "merge two events by hand"}


def init_state() -> None:
    st.session_state.setdefault(LINKS, [])
    st.session_state.setdefault(STORY_OPS, [])
    st.session_state.setdefault(STORY_MADE, [])


# ---------------------------------------------------------------- articles from a link

@st.cache_data(show_spinner="Reading the page…", max_entries=64)
def _read_link(url: str) -> Document:
    return read_url(url)


def _on_add_link(then: Callable[[], None] | None) -> None:
    url = (st.session_state.get(LINK_INPUT) or "").strip()
    if url and url not in st.session_state[LINKS]:
        st.session_state[LINKS] = [*st.session_state[LINKS], url]
        if then is not None:
            then()
    st.session_state[LINK_INPUT] = ""


def _on_remove_link(url: str) -> None:
    st.session_state[LINKS] = [u for u in st.session_state[LINKS] if u != url]


def link_documents(on_add: Callable[[], None] | None = None) -> list[Document]:
    """Articles read from the links the journalist gave (sidebar); a bad link shows its message.

    ``on_add`` runs when a new link is added (the app lets its sample make way).
    """
    init_state()
    st.sidebar.text_input("…or an article's link", key=LINK_INPUT, on_change=_on_add_link, args=(on_add,),
                          placeholder="https://…", help="The page is fetched and its article text read.")
    documents = []
    for url in st.session_state[LINKS]:
        try:
            documents.append(_read_link(url))
        except FetchError as exc:
            st.sidebar.error(for_markdown(str(exc)))
        st.sidebar.button(for_markdown(f"Remove {url}"), key=f"remove_link:{url}", on_click=_on_remove_link, args=(url,),
                          icon=":material/close:", type="tertiary")
    return documents


# ---------------------------------------------------------------- the story and its decisions

@st.cache_data(show_spinner=False, max_entries=16)
def _story(extractions: tuple[Extraction, ...], ops: tuple[Mapping[str, Any], ...]) -> Story:
    """The merged story, built once per set of articles and decisions (reruns reuse it)."""
    return build_story(extractions, ops)


def decisions() -> list[dict[str, Any]]:
    """The decisions in force: the project's log (so another tab's are seen), else this tab's."""
    try:
        return in_force(projects_view.current())
    except StoreError as exc:
        st.session_state[STORE_NOTICE] = str(exc)
        return in_force(None)


def story_of(extractions: Sequence[Extraction], corrected: Sequence[Event]) -> Story | None:
    """The story of two or more articles, as corrected, with the decisions in force; None for one article."""
    init_state()
    if len({x.document.id for x in extractions}) < 2:
        return None
    return _story(story_input(extractions, corrected), tuple(decisions()))


@st.cache_resource(show_spinner=False)
def _warm_up() -> threading.Thread:
    """A server process's first story pays for importing numpy and scipy (about 0.5 CPU-s): it is made in
    the background once one article is on screen, so adding the second does not hold up its chart."""
    thread = threading.Thread(target=_tiny_story, name="story-warm-up", daemon=True)
    thread.start()
    return thread


def _tiny_story() -> None:
    from .pipeline import extract

    try:
        build_story([extract(f"A storm flooded the harbour {n}on 2 March.", "2021-03-05", doc_id=f"warm-up{n}")
                     for n in ("", "of Portmere ")])
    except Exception:  # noqa: BLE001 - a warm-up that fails costs nothing but the head start
        log.exception("bug: the story warm-up failed")


def _add_op(op: Mapping[str, Any], about: str | None = None) -> None:
    """Save a decision (story_decisions.decide) before it is shown as made; a failure is the panel's notice."""
    try:
        decide(projects_view.current(), op, about, len(st.session_state.get(projects_view.OPS_KEY, ())))
    except (StoreError, StoryOpError) as exc:
        st.session_state[STORE_NOTICE] = str(exc)


def newest_decision_words() -> str | None:
    """The story decision the one Undo takes back next, in words ("accept a date (2 Mar 2021 · …)");
    None when the newest action is a correction, or there is no decision in force."""
    try:
        newest = newest_decision(projects_view.current(), len(st.session_state.get(projects_view.OPS_KEY, ())),
                                 projects_view.last_correction_seq())
    except StoreError as exc:
        st.session_state[STORE_NOTICE] = str(exc)
        return None
    if newest is None:
        return None
    op, about = newest
    return decision_line(op, {_decision_key(op): about} if about else {})


def undo_decision() -> None:
    """Take back the newest story decision (the one Undo calls it when that is the newest action)."""
    try:
        undo_last(projects_view.current())  # undo is an operation too: nothing is erased
    except StoreError as exc:
        st.session_state[STORE_NOTICE] = str(exc)


def _on_merge(options: Mapping[str, StoryEvent]) -> None:
    a, b = options.get(st.session_state.get(MERGE_A) or ""), options.get(st.session_state.get(MERGE_B) or "")
    if a is not None and b is not None and a.id != b.id:
        _add_op({"op": "merge", "mentions": [a.sources[0].mention, b.sources[0].mention]},
                f"{a.label} = {b.label}")


# ---------------------------------------------------------------- the selected happening's sources

def select_shown(timeline: StoryTimeline, pick_key: str) -> None:
    """A selection naming an article's event merged into a happening (a click on its date in the
    text) selects the happening, and the source text keeps showing that article's sentence; any
    new selection shows its own source first."""
    pick = st.session_state.get(pick_key)
    shown = timeline.shown(pick)
    if pick != st.session_state.get(FOCUS_FOR):
        st.session_state[FOCUS] = pick
        st.session_state[FOCUS_FOR] = shown
    if shown != pick:
        st.session_state[pick_key] = shown


def source_of(selected: Event | None, timeline: StoryTimeline) -> Event | None:
    """The event whose sentence the source text shows: the source of the selected happening chosen
    to read (its own date and explanation), else the selected event itself."""
    members = timeline.members.get(selected.id, ()) if selected is not None else ()
    own = next((e for e in members if e.id == st.session_state.get(FOCUS)), None)
    return own or next((e for e in members if selected is not None and e.id == selected.id), selected)


def read_source(event_id: str) -> None:
    """Show this article event's sentence (a source of the selected happening) in the source text."""
    st.session_state[FOCUS] = event_id


def sources_list(selected: Event | None, timeline: StoryTimeline, documents: Sequence[Document]) -> None:
    """Every source of the selected happening, each with its date and sentence, and a button that
    shows it in its article: merging never hides a source."""
    members = timeline.members.get(selected.id, ()) if selected is not None else ()
    if not members:
        return
    names = {d.id: source_name(d, d.id) for d in documents}
    reading = source_of(selected, timeline)
    with st.container(border=True):
        st.caption(f"Reported by {len(members)} sources" + (" · ⚠ they disagree on the date" if selected.disputed
                                                            else ""))
        for e in members:
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            sentence = " ".join(_sentence(e, documents).split())
            c1.text(f"{names.get(e.doc_id, e.doc_id)}, {format_when(e)}: {sentence}")
            c2.button("Shown" if reading is not None and reading.id == e.id else "Read", key=f"story_read:{e.id}",
                      on_click=read_source, args=(e.id,), disabled=reading is not None and reading.id == e.id,
                      help="Show this sentence in its article")


def _sentence(event: Event, documents: Sequence[Document]) -> str:
    doc = next((d for d in documents if d.id == event.doc_id), None)
    return doc.text[event.sentence_start:event.sentence_end] if doc is not None else ""


# ---------------------------------------------------------------- the conflicts panel

def _when(start: Any, end: Any, granularity: str) -> str:
    return human(start, granularity) + (f" – {human(end, granularity)}" if end != start else "")


def _names(documents: Sequence[Document]) -> dict[str, str]:
    return {d.id: d.title or d.source or d.id for d in documents}


def _source_line(s: Source, names: Mapping[str, str]) -> str:
    return f"{names.get(s.doc_id, s.doc_id)}, {_when(s.start, s.end, s.granularity)}: {' '.join(s.sentence.split())}"


def _conflict(event: StoryEvent, names: Mapping[str, str]) -> None:
    assert event.conflict is not None
    settled = event.conflict.accepted is not None
    with st.container(border=True):
        st.text(("Settled: " if settled else "Sources disagree: ") + event.label)
        for k, alt in enumerate(event.conflict.alternatives):
            chosen = settled and k == event.conflict.accepted
            when = _when(alt.start, alt.end, alt.granularity)
            st.text(f"{'✔ ' if chosen else ''}{when} — {', '.join(names.get(d, d) for d in alt.doc_ids)}")
            for s in event.sources:
                if s.mention in alt.mentions:
                    st.text("↳ " + _source_line(s, names))
            if not chosen:
                st.button(f"Accept {when}", key=f"accept:{event.id}:{k}", on_click=_add_op,
                          args=({"op": "accept_date", "mention": alt.mentions[0]}, f"{when} · {event.label}"))


def _merged(event: StoryEvent, names: Mapping[str, str]) -> None:
    # Article text never goes into a label that renders Markdown: the label is shown with st.text.
    with st.expander(f"{_when(event.start, event.end, event.granularity)}, reported by {len(event.doc_ids)} articles"):
        st.text(event.label)
        for s in event.sources:
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.text(_source_line(s, names))
            c2.button("Split off", key=f"split:{event.id}:{s.mention}", on_click=_add_op,
                      args=({"op": "split", "mentions": [s.mention]}, f"split from · {event.label}"),
                      help="Not the same happening: its own event")


def _decision_key(op: Mapping[str, Any]) -> str:
    return json.dumps(op, sort_keys=True, default=str)


def _abouts() -> dict[str, str]:
    """What each saved decision was about when it was made ("2 Mar 2021 · The harbour master resigned"),
    by decision: a stale one is listed in those words, not as its ids."""
    project = projects_view.current()
    try:
        records = project.decisions() if project is not None else []
    except StoreError:
        return {}
    return {_decision_key({"op": r.kind, **r.payload}): r.about for r in records if r.about}


def decision_line(op: Mapping[str, Any], abouts: Mapping[str, str]) -> str:
    """A decision in words, what it did and what it was about when made: a stale one is listed so, and
    Undo names the decision it takes back so."""
    verb = DECISION_WORDS.get(str(op.get("op")), str(op.get("op")))
    about = abouts.get(_decision_key(op))
    return f"{verb} ({about})" if about else verb


def conflicts_panel(story: Story | None) -> None:
    """The story's decisions: conflicts to settle, merges to check, events to merge by hand (the
    main chart above draws the story itself)."""
    init_state()
    if story is None:
        _warm_up()  # at the end of the run: the page is already drawn
        return
    in_force_now = decisions()
    names = _names(story.documents)
    st.subheader("One story from all articles", anchor=False)
    merged = [e for e in story.events if len(e.doc_ids) > 1]
    open_conflicts = [e for e in story.events if e.open_conflict]
    st.caption(f"{len(story.events)} events; {len(merged)} reported by several articles; "
               f"{len(open_conflicts)} with dates that disagree (⚠ on the chart, a red cross at the other date).")
    for event in story.conflicts:
        _conflict(event, names)
    if not story.conflicts:
        st.info("No conflicts: where articles report the same happening, they agree on its date.")
    for event in merged:
        if event.conflict is None:
            _merged(event, names)
    options = {f"{_when(e.start, e.end, e.granularity)} — {e.label} [{e.id[-6:]}]": e for e in story.events}
    with st.expander("Merge two events by hand"):
        st.selectbox("This event", list(options), key=MERGE_A, index=None)
        st.selectbox("…is the same happening as", list(options), key=MERGE_B, index=None)
        st.button("Merge", key="story_merge", on_click=_on_merge, args=(options,), icon=":material/merge:")
    if in_force_now:
        st.caption(f"{len(in_force_now)} decision{'s' * (len(in_force_now) != 1)} in force; Undo, under the "
                   "events, takes back the newest change, a decision or a correction.")
    if notice := st.session_state.pop(STORE_NOTICE, None):
        st.error(for_markdown(notice))
    abouts = _abouts() if story.stale else {}
    for op in story.stale:
        st.warning(for_markdown("A decision names an event no longer in these articles (removed, or its article "
                                f"taken out); it is kept and applied to nothing: {decision_line(op, abouts)}"))
