"""The journalist's story decisions (accept a date, split, merge): the one path that saves and reads them.

A decision is one of story.py's operations (a plain dict). In a project it is appended to
the project's operation log (store.py: append-only, committed before the call returns), so
the app shows a decision only once it is saved, and every run reads the log again: another
tab's decisions are seen, and nothing is overwritten. Undo is one more operation. On the
read-only example (no project) decisions stay in this tab's session; when the example is
saved as a project they are carried into its log (:func:`carry_over`).

Undo is one button for both kinds of action, corrections and decisions: it takes back the newest
(:func:`newest_decision` says whether that is a decision). In a project the log's order says so;
on the example this tab remembers how many corrections were in force when each decision was made.

The story panel (story_view.py) and the project picker (projects_view.py) both use this
module and are handed the project, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from .store import OpRecord, Project
from .story import check_op

# Session keys: the links this tab read (not yet in a project), the example's decisions, and for each
# of those what it was about and how many corrections were in force when it was made.
LINKS, STORY_OPS, STORY_MADE = "story_links", "story_ops", "story_ops_made"


def in_force(project: Project | None) -> list[dict[str, Any]]:
    """The decisions in force, oldest first: the project's log, or (on the example) this tab's.

    Raises StoreError when the project's log cannot be read.
    """
    if project is None:
        return [dict(op) for op in st.session_state.get(STORY_OPS, [])]
    return project.decision_ops()


def decide(project: Project | None, op: Mapping[str, Any], about: str | None = None, corrections: int = 0) -> None:
    """Save one decision before it is shown as made (``about``: what it was about, for the log;
    ``corrections``: how many correction operations are in force, for the example's Undo).

    Raises StoryOpError for a malformed operation and StoreError when it could not be saved
    (then it is not made).
    """
    check_op(op)
    if project is None:
        st.session_state[STORY_OPS] = [*st.session_state.get(STORY_OPS, []), dict(op)]
        made = {"about": about, "corrections": corrections}
        st.session_state[STORY_MADE] = [*st.session_state.get(STORY_MADE, []), made]
    else:
        project.append_decision(op, about)


def newest_decision(project: Project | None, corrections: int, last_correction: int | None
                    ) -> tuple[dict[str, Any], str | None] | None:
    """The decision Undo takes back next, with what it was about (None if unknown); None when the
    newest action in force is a correction, or there is no decision.

    ``corrections`` is the number of correction operations in force and ``last_correction`` the
    log number (seq) of the newest of them, if any. Raises StoreError when the log cannot be read.
    """
    if project is None:
        ops, made = st.session_state.get(STORY_OPS, []), st.session_state.get(STORY_MADE, [])
        if not ops:
            return None
        last = made[-1] if len(made) == len(ops) else {"about": None, "corrections": corrections}
        return None if last["corrections"] < corrections else (dict(ops[-1]), last["about"])
    decisions: list[OpRecord] = project.decisions()
    if not decisions or (last_correction is not None and last_correction > decisions[-1].seq):
        return None
    return {"op": decisions[-1].kind, **decisions[-1].payload}, decisions[-1].about


def undo_last(project: Project | None) -> None:
    """Cancel the latest decision in force; in a project that is an ``undo`` operation (nothing is erased)."""
    if project is None:
        st.session_state[STORY_OPS] = list(st.session_state.get(STORY_OPS, []))[:-1]
        st.session_state[STORY_MADE] = list(st.session_state.get(STORY_MADE, []))[:-1]
    elif decisions := project.decisions():
        project.undo(decisions[-1].seq)


def carry_over(project: Project, ops: Sequence[Mapping[str, Any]]) -> None:
    """Append decisions made on the example to a project made from it, in one transaction."""
    for op in ops:
        check_op(op)
    if ops:
        project.append_many([(str(op["op"]), {k: v for k, v in op.items() if k != "op"}, None) for op in ops])


def forget_tab() -> None:
    """Another project is open: the links and example decisions of this tab belong to the one left."""
    st.session_state.update({LINKS: [], STORY_OPS: [], STORY_MADE: []})
