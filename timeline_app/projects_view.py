"""The app's projects: pick, create, rename, duplicate and delete stories, and save every change as it is made.

app.py stays the page; this module is what ties it to the project database (store.py):

* the sidebar's project picker opens on the last project used (in any tab or the CLI);
  with none, the sample article is shown as a read-only example;
* an article the journalist uploads or pastes is stored in the current project (on the
  example it starts a new project named after the article);
* corrections are appended to the project's operation log before the app shows them
  (:func:`record`), and each rerun reads the log again, so two tabs on one project see
  each other's work and never overwrite it;
* publication dates the journalist sets and the view settings are stored per project;
* articles read from a link are saved in the project too; the story panel's merge
  decisions are saved by story_decisions.py, the one path for them (this module only
  carries the example's decisions into a project made from it).

A database that cannot be opened (damaged, another program's, newer, locked) gives one
message in the sidebar; the app then works as before, unsaved, and says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from timeline_app.corrections import Add, Op, new_event_id, op_from_dict
from timeline_app.escape import for_markdown
from timeline_app.figure import format_when
from timeline_app.model import Document, Event
from timeline_app.story_decisions import LINKS, carry_over, forget_tab, in_force
from timeline_app.store import (
    CORRECTION_KINDS,
    ENV_DATA_DIR,
    OpRecord,
    Project,
    Store,
    StoreError,
    StoreUnreadable,
    StoredDocument,
    correction_entry,
    data_dir,
    open_store,
    set_aside,
)

EXAMPLE = 0  # the picker's value for the read-only example (real projects have ids from 1)
# app.py's session keys this module reads or resets
OPS_KEY, NOTICE_KEY = "ops", "notice"
# this module's own
CURRENT, RECORDS, ABOUT, OPENED = "project", "project_records", "project_about", "project_opened"
DATES, PENDING = "project_dates", "project_pending"
EXAMPLE_DOCS, EXAMPLE_FILES = "example_documents", "example_files"
STORE_ERROR = "store_error"
NAME_LIMIT = 80  # characters of a headline a new project is named after
VIEW_KEYS = ("query", "certainty", "color_by_source", "image_format")  # widgets whose values a project keeps


# ---------------------------------------------------------------- the store


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    return open_store(path)


def store() -> Store | None:
    """The project database of $TIMELINE_APP_DATA_DIR (or the per-user default); None while it cannot be used
    (the error stays in the session until the next run's :func:`sidebar` tries again)."""
    if st.session_state.get(STORE_ERROR) is not None:
        return None
    try:
        return _open(str(data_dir(os.environ.get(ENV_DATA_DIR))))
    except StoreError as exc:
        st.session_state[STORE_ERROR] = exc
        return None


def current() -> Project | None:
    """The project this tab is on, or None for the example (or when projects are unavailable)."""
    project_id = st.session_state.get(CURRENT, EXAMPLE)
    db = store()
    if db is None or project_id == EXAMPLE:
        return None
    try:
        found = db.find(int(project_id))
    except StoreError as exc:
        st.session_state[STORE_ERROR] = exc
        return None
    if found is None:  # deleted in another tab
        st.session_state[CURRENT] = EXAMPLE
        st.session_state[NOTICE_KEY] = "This project was deleted (in another tab or window); showing the example."
    return found


# ---------------------------------------------------------------- sidebar


def sidebar(reset: Callable[[bool], None]) -> Project | None:
    """The project picker and its actions; loads the project's corrections into the session.

    ``reset(example)`` clears what the page keeps of the previous project (selection, corrections).
    """
    st.session_state.pop(STORE_ERROR, None)  # try again on every run: the lock may be gone, the file moved
    st.sidebar.header("Project")
    try:
        return _sidebar(reset)
    except StoreError as exc:  # found damaged (or locked) while in use
        st.session_state[STORE_ERROR] = exc
    error = st.session_state[STORE_ERROR]
    st.sidebar.error(for_markdown(f"Projects are not available: {error} Changes made now are not saved."))
    if isinstance(error, StoreUnreadable):
        st.sidebar.button("Move that file aside and start a new project database", key="store_set_aside",
                          on_click=_on_set_aside)
    return None


def _sidebar(reset: Callable[[bool], None]) -> Project | None:
    db = store()
    if db is None:
        raise st.session_state[STORE_ERROR]
    if (pending := st.session_state.pop(PENDING, None)) is not None:  # started during the last run
        _switch(db.find(pending), reset)
    if CURRENT not in st.session_state:  # a new tab opens on the last project
        last = db.last_project()
        st.session_state[CURRENT] = last.id if last else EXAMPLE
    project = current()
    if STORE_ERROR in st.session_state:
        raise st.session_state[STORE_ERROR]
    if project is not None and st.session_state.get(OPENED) != project.id:
        _open_view(project)
    _picker(db, project, reset)
    _actions(db, project, reset)
    if project is not None:
        _articles(project)
        _sync_ops(project)
    return project


def _picker(db: Store, project: Project | None, reset: Callable[[bool], None]) -> None:
    infos = db.projects()
    names = {EXAMPLE: "Example (read-only)"}
    names |= {p.id: f"{p.name} · {p.documents} article{'s' * (p.documents != 1)}" for p in infos}
    st.session_state["project_pick"] = project.id if project else EXAMPLE
    st.sidebar.selectbox("Story", list(names), format_func=names.__getitem__, key="project_pick",
                         on_change=_on_pick, args=(reset,), label_visibility="collapsed")


def _actions(db: Store, project: Project | None, reset: Callable[[bool], None]) -> None:
    with st.sidebar.expander("New, rename, duplicate, delete"):
        st.text_input("Name", key="project_name", placeholder="e.g. Zhanaozen strike")
        st.button("New project", key="project_new", on_click=_on_new, args=(reset,), icon=":material/add:")
        st.button("Rename", key="project_rename", on_click=_on_rename, disabled=project is None,
                  icon=":material/edit:")
        st.button("Duplicate" if project else "Save the example as a project", key="project_duplicate",
                  on_click=_on_duplicate, args=(reset,), icon=":material/content_copy:")
        if project is not None:
            st.checkbox(for_markdown(f"Yes, delete “{project.name}” and its corrections"), key="project_confirm_delete")
            st.button("Delete project", key="project_delete", on_click=_on_delete, args=(reset,),
                      disabled=not st.session_state.get("project_confirm_delete"), icon=":material/delete:")


def _articles(project: Project) -> None:
    stored = project.documents()
    if not stored:
        return
    with st.sidebar.expander(for_markdown(f"Articles in “{project.name}” ({len(stored)})")):
        for item in stored:
            doc = item.document
            where = {"paste": "pasted", "file": f"file {item.origin}", "url": item.origin}[item.origin_kind]
            name = doc.title or doc.id
            st.caption(f"**{for_markdown(name)}** · {for_markdown(where)}")
            st.button("Remove", key=f"project_remove:{doc.id}", on_click=remove_articles, args=([doc.id],),
                      help=for_markdown(f"Take “{name}” out of this project (its corrections stay in the log)"))


# ---------------------------------------------------------------- callbacks


def _switch(project: Project | None, reset: Callable[[bool], None]) -> None:
    st.session_state[CURRENT] = project.id if project else EXAMPLE
    for key in [k for k in st.session_state if str(k).startswith("published:")]:
        del st.session_state[key]  # the same article in another project may carry another date
    forget_tab()
    reset(project is None)
    if project is not None:
        project.store.remember(project)
        _open_view(project)


def _guard(action: Callable[[], Any]) -> Any:
    """Run a store action; its one-sentence error becomes the page's notice, and nothing is shown as done."""
    try:
        return action()
    except StoreError as exc:
        st.session_state[NOTICE_KEY] = str(exc)
        return None


def _on_pick(reset: Callable[[bool], None]) -> None:
    db = store()
    chosen = st.session_state["project_pick"]
    if db is not None:
        _switch(None if chosen == EXAMPLE else _guard(lambda: db.project(int(chosen))), reset)


def _on_new(reset: Callable[[bool], None]) -> None:
    db = store()
    if db is not None and (project := _guard(lambda: db.create(st.session_state.get("project_name") or
                                                                db.unique_name("Untitled story")))):
        st.session_state["project_name"] = ""
        _switch(project, reset)


def _on_rename() -> None:
    project = current()
    if project is not None and _guard(lambda: project.store.rename(project.id, st.session_state.get("project_name")
                                                                   or "")):
        st.session_state["project_name"] = ""


def _on_duplicate(reset: Callable[[bool], None]) -> None:
    db, project = store(), current()
    if db is None:
        return
    if project is not None:
        copy = _guard(lambda: db.duplicate(project.id, db.unique_name(f"{project.name} (copy)")))
        if copy is not None:
            _switch(copy, reset)
        return
    ops, decisions = st.session_state.get(OPS_KEY, ()), in_force(None)
    docs = st.session_state.get(EXAMPLE_DOCS, [])
    copy = _guard(lambda: _new_project(db, docs, "Example", st.session_state.get(EXAMPLE_FILES)))
    if copy is not None:
        _switch(copy, reset)
        st.session_state[OPS_KEY] = _save(copy, (), ops)
        _guard(lambda: carry_over(copy, decisions))


def _on_delete(reset: Callable[[bool], None]) -> None:
    project = current()
    if project is not None and _guard(lambda: project.store.delete(project.id) or True):
        st.session_state["project_confirm_delete"] = False
        _switch(None, reset)


def _on_set_aside() -> None:
    path = data_dir(os.environ.get(ENV_DATA_DIR))
    try:
        moved = set_aside(path)
    except StoreError as exc:
        st.session_state[NOTICE_KEY] = str(exc)
        return
    _open.clear()  # the cached store held the old file open; it is closed when collected
    st.session_state[NOTICE_KEY] = f"The old file is kept as {moved}; a new project database was started."


def _new_project(db: Store, docs: Sequence[Document], fallback: str,
                 file_names: Mapping[str, str] | None = None) -> Project:
    title = " ".join((next((d.title for d in docs if d.title), None) or fallback).split())
    return db.create(db.unique_name(_shortened(title)), docs, file_names)


def _shortened(title: str, limit: int = NAME_LIMIT) -> str:
    """A headline as a project name: cut at a word, with an ellipsis ("…During Monday Nigh" read as a typo)."""
    if len(title) <= limit:
        return title
    cut = title[:limit - 1].rsplit(" ", 1)[0] if " " in title[:limit - 1] else title[:limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


# ---------------------------------------------------------------- articles and dates


def keep_articles(docs: Sequence[Document], reset: Callable[[bool], None], *, start_project: bool = True,
                  file_names: Mapping[str, str] | None = None) -> bool:
    """Store the journalist's new articles in the current project; on the example, start a project with them.

    ``file_names`` maps an uploaded article's id to its file name. True once they are
    saved (False on the example without ``start_project``, or when saving failed).
    """
    project, db = current(), store()
    if not docs or db is None:
        return False
    if project is None:
        created = _guard(lambda: _new_project(db, docs, "Untitled story", file_names)) if start_project else None
        if created is None:
            return False
        _switch(created, reset)
        st.session_state[NOTICE_KEY] = f"Saved as a new project, “{created.name}”."
        return True
    added = _guard(lambda: project.add_documents(docs, file_names))
    if added:
        st.session_state[NOTICE_KEY] = f"{len(added)} article{'s' * (len(added) != 1)} saved in “{project.name}”."
    return added is not None


def stored_documents() -> list[StoredDocument] | None:
    """The open project's saved articles, read once a run and shared by the sample box and the page; None on
    the example, or when the store could not be read (the error is shown once)."""
    project = current()
    return None if project is None else _guard(project.documents)


def saved_articles(candidates: Mapping[str, Document], stored: Sequence[StoredDocument] | None) -> list[str] | None:
    """The names of ``candidates`` (name -> article) among ``stored`` (see :func:`stored_documents`), in their
    order; None on the example, whose sample box keeps this tab's own choice. A reload or another tab then shows
    what is saved, never the example's default sample."""
    if stored is None:
        return None
    held = {item.document.id for item in stored}
    return [name for name, doc in candidates.items() if doc.id in held]


def remove_articles(doc_ids: Sequence[str]) -> None:
    """Take articles out of the open project (their operations stay in the log and come back with them)."""
    project = current()
    if project is not None:
        for doc_id in doc_ids:
            if _guard(lambda doc_id=doc_id: project.remove_document(doc_id) or True) is None:
                return


def shown_documents(from_widgets: Sequence[Document], file_names: Mapping[str, str],
                    stored: Sequence[StoredDocument] | None) -> list[Document]:
    """What the page shows: a project's saved articles (``stored``, see :func:`stored_documents`), or (on the
    example) what the widgets hold (``file_names``: the files they were read from, kept if the example is saved
    as a project)."""
    if current() is None:
        st.session_state[EXAMPLE_DOCS] = list(from_widgets)
        st.session_state[EXAMPLE_FILES] = dict(file_names or {})
        st.session_state[DATES] = {}
        return list(from_widgets)
    stored = stored or []
    st.session_state[DATES] = {item.document.id: item.published_set for item in stored}
    return [item.document for item in stored]


def with_links(shown: Sequence[Document], linked: Sequence[Document]) -> list[Document]:
    """Articles read from links join the project like uploads (on the example, a new project starts
    with them on the next run: this one has drawn its widgets already)."""
    known = {d.id for d in shown}
    new = [d for d in linked if d.id not in known]
    project, db = current(), store()
    if not new or db is None:
        return [*shown, *new]
    if project is None:
        created = _guard(lambda: _new_project(db, [*shown, *new], "Untitled story"))
        if created is not None:
            st.session_state[PENDING] = created.id
            st.session_state[NOTICE_KEY] = f"Saved as a new project, “{created.name}”."
            st.rerun()
        return [*shown, *new]
    if _guard(lambda: project.add_documents(new)) is not None:
        st.session_state[LINKS] = []  # saved: the project lists them from now on
    return [*shown, *new]


def published_value(doc: Document) -> date | None:
    """The date the publication-date field opens with: the journalist's saved one, else the detected one."""
    return st.session_state.get(DATES, {}).get(doc.id) or doc.published


def on_published(doc_id: str, detected: date | None) -> None:
    project = current()
    if project is not None:
        chosen = st.session_state.get(f"published:{doc_id}")
        _guard(lambda: project.set_published(doc_id, chosen if chosen != detected else None))


# ---------------------------------------------------------------- corrections


def remember_events(events: Sequence[Event]) -> None:
    """What each event says now, stored with an operation made on it (for a stale correction's listing)."""
    st.session_state[ABOUT] = {e.id: f"{format_when(e)} · {e.label}" for e in events}


def record(old: Sequence[Op], new: Sequence[Op]) -> tuple[Op, ...]:
    """Save the change from ``old`` to ``new`` corrections; returns what is now saved (``old`` if saving failed).

    The change is written as operations: dropped ones are undone, new ones appended,
    in one transaction. On the example nothing is saved.
    """
    project = current()
    if project is None:
        return tuple(new)
    return _save(project, old, new)


def _save(project: Project, old: Sequence[Op], new: Sequence[Op]) -> tuple[Op, ...]:
    records: list[OpRecord] = st.session_state.get(RECORDS, [])
    keep = 0
    while keep < min(len(old), len(new), len(records)) and old[keep] == new[keep]:
        keep += 1
    about: dict[str, str] = st.session_state.get(ABOUT, {})
    entries = [("undo", {"seq": r.seq}, None) for r in reversed(records[keep:len(old)])]
    added = _unique_adds(project, new[keep:])
    if added is None:
        return tuple(old)
    entries += [correction_entry(op, op.label if isinstance(op, Add) else about.get(op.event_id)) for op in added]
    if entries and _guard(lambda: project.append_many(entries)) is None:
        return tuple(old)
    return _sync_ops(project)


def _unique_adds(project: Project, ops: Sequence[Op]) -> list[Op] | None:
    """A hand-added event takes an id no operation of the project ever used: another tab may have
    added one under the id this tab proposed, and the second add must not replace the first."""
    log = _guard(project.log)
    if log is None:
        return None
    known = [op_from_dict({"op": r.kind, **r.payload}) for r in log if r.kind in CORRECTION_KINDS]
    out: list[Op] = []
    for op in ops:
        if isinstance(op, Add) and op.event_id in {o.event_id for o in known}:
            op = replace(op, event_id=new_event_id(op.doc_id, [*known, *out]))
        out.append(op)
        known.append(op)
    return out


def _sync_ops(project: Project) -> tuple[Op, ...]:
    """The project's corrections in force, read from the log (another tab may have added some)."""
    saved = _guard(project.corrections)
    if saved is None:
        return tuple(st.session_state.get(OPS_KEY, ()))
    st.session_state[RECORDS] = [record for record, _ in saved]
    st.session_state[OPS_KEY] = tuple(op for _, op in saved)
    return st.session_state[OPS_KEY]


def last_correction_seq() -> int | None:
    """The log number of the newest correction in force in this tab's project (read each run), None
    with none: the one Undo compares it with the newest story decision's."""
    records: list[OpRecord] = st.session_state.get(RECORDS, [])
    return records[-1].seq if records else None


def saved_note(stale: Sequence[Op]) -> None:
    """Where the corrections are kept, and each stale one with what it said (it is never applied elsewhere)."""
    project = current()
    if project is None:
        st.sidebar.caption("On the example nothing is saved: add your own article, or save the example as a project.")
    else:
        st.sidebar.caption(for_markdown(f"Saved in “{project.name}” as you make them."))
    if not stale:
        return
    records = dict(zip(st.session_state.get(OPS_KEY, ()), st.session_state.get(RECORDS, []), strict=False))
    with st.sidebar.expander(f"{len(stale)} correction{'s' * (len(stale) != 1)} no longer match an event"):
        st.caption("Their date expression is no longer in the articles (changed text or a removed article); "
                   "they are kept, and applied to no other event.")
        for op in stale:
            record_ = records.get(op)
            was = record_.about if record_ is not None and record_.about else op.event_id
            st.text(f"• {op.describe()} — was: {was}")  # text, never markup: labels are the journalist's words


# ---------------------------------------------------------------- view settings


def _open_view(project: Project) -> None:
    """Put the project's saved view settings into the widgets before they are drawn."""
    settings = _guard(project.settings) or {}
    for key in VIEW_KEYS:
        if key in settings:
            st.session_state[key] = settings[key]
        else:
            st.session_state.pop(key, None)
    st.session_state[OPENED] = project.id
    st.session_state["project_view"] = {k: settings.get(k) for k in VIEW_KEYS}


def save_view() -> None:
    """Store the view settings that changed in this run."""
    project = current()
    if project is None:
        return
    now = {key: _jsonable(st.session_state.get(key)) for key in VIEW_KEYS if key in st.session_state}
    before = st.session_state.get("project_view", {})
    changed = {k: v for k, v in now.items() if before.get(k) != v}
    if changed and _guard(lambda: project.update_settings(changed) or True):
        st.session_state["project_view"] = {**before, **changed}


def _jsonable(value: Any) -> Any:
    return sorted(value) if isinstance(value, (set, frozenset, tuple)) else value
