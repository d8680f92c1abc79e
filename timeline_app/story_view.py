"""The story workspace in the app: articles from a link, and the conflicts panel.

``link_documents`` reads links the journalist pastes (webpage.py: one clear message per bad
link). ``conflicts_panel`` merges the articles into one story (story.py) and lets the
journalist settle it: accept one of the dates sources disagree on, split a wrong merge, or
merge two events by hand. Those decisions are story operations (plain dicts, see story.py),
appended to the open project's operation log before they are shown as made (undo is one
more operation), and read back from it on every rerun, so another tab's decisions are seen;
on the read-only example they stay in this tab. Every sentence of every source stays listed.
Article text is escaped wherever it is shown (Markdown is off for it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from . import projects_view
from .figure import build_figure
from .model import Document, Extraction
from .store import StoreError
from .story import Source, Story, StoryEvent, build_story, chart_events
from .values import human
from .webpage import FetchError, read_url

LINKS, STORY_OPS, LINK_INPUT, STORE_NOTICE = "story_links", "story_ops", "story_link_input", "story_store_notice"
MERGE_A, MERGE_B = "story_merge_a", "story_merge_b"
CHART_WIDTH = 1100  # what the chart's labels are planned for, as in the app's own chart


def init_state() -> None:
    st.session_state.setdefault(LINKS, [])
    st.session_state.setdefault(STORY_OPS, [])


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
            st.sidebar.error(str(exc))
        st.sidebar.button(f"Remove {url}", key=f"remove_link:{url}", on_click=_on_remove_link, args=(url,),
                          icon=":material/close:", type="tertiary")
    return documents


# ---------------------------------------------------------------- the conflicts panel

@st.cache_data(show_spinner=False, max_entries=16)
def _story(extractions: tuple[Extraction, ...], ops: tuple[Mapping[str, Any], ...]) -> Story:
    """The merged story, built once per set of articles and decisions (reruns reuse it)."""
    return build_story(extractions, ops)


def _decisions() -> list[dict[str, Any]]:
    """The merge decisions in force: the project's log (so another tab's are seen), else this tab's."""
    project = projects_view.current()
    if project is None:
        return st.session_state[STORY_OPS]
    try:
        return [{"op": r.kind, **r.payload} for r in project.decisions()]
    except StoreError as exc:
        st.session_state[STORE_NOTICE] = str(exc)
        return st.session_state[STORY_OPS]


def _add_op(op: Mapping[str, Any], about: str | None = None) -> None:
    """Save a decision in the project's log before it is shown as made (on the example: in this tab)."""
    project = projects_view.current()
    if project is None:
        st.session_state[STORY_OPS] = [*st.session_state[STORY_OPS], dict(op)]
        return
    try:
        project.append(op["op"], {k: v for k, v in op.items() if k != "op"}, about)
    except StoreError as exc:
        st.session_state[STORE_NOTICE] = str(exc)


def _on_undo() -> None:
    project = projects_view.current()
    if project is None:
        st.session_state[STORY_OPS] = st.session_state[STORY_OPS][:-1]
        return
    try:
        if decisions := project.decisions():
            project.undo(decisions[-1].seq)  # undo is an operation too: nothing is erased
    except StoreError as exc:
        st.session_state[STORE_NOTICE] = str(exc)


def _on_merge(options: Mapping[str, StoryEvent]) -> None:
    a, b = options.get(st.session_state.get(MERGE_A) or ""), options.get(st.session_state.get(MERGE_B) or "")
    if a is not None and b is not None and a.id != b.id:
        _add_op({"op": "merge", "mentions": [a.sources[0].mention, b.sources[0].mention]},
                f"{a.label} = {b.label}")


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


def conflicts_panel(extractions: Sequence[Extraction]) -> Story | None:
    """The story of several articles: conflicts to settle, merges to check, events to merge by hand."""
    init_state()
    if len(extractions) < 2:
        return None
    decisions = _decisions()
    story = _story(tuple(extractions), tuple(decisions))
    names = _names(story.documents)
    st.subheader("One story from all articles", anchor=False)
    merged = [e for e in story.events if len(e.doc_ids) > 1]
    open_conflicts = [e for e in story.events if e.open_conflict]
    st.caption(f"{len(story.events)} events; {len(merged)} reported by several articles; "
               f"{len(open_conflicts)} with dates that disagree (⚠, drawn at each date).")
    st.plotly_chart(build_figure(chart_events(story), story.documents, width=CHART_WIDTH), key="story_chart",
                    theme=None, width="stretch", config={"displaylogo": False})
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
    if decisions:
        st.button(f"Undo last story decision ({len(decisions)} in force)", key="story_undo",
                  on_click=_on_undo, icon=":material/undo:")
    if notice := st.session_state.pop(STORE_NOTICE, None):
        st.error(notice)
    for op in story.stale:
        st.warning(f"A decision names an event no longer found and was not applied: {op}")
    return story
