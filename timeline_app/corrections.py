"""A journalist's corrections, kept as a list of small operations over the extracted events.

Why operations and not an edited copy of the events: the extraction is recomputed
whenever a publication date changes, and a copy would silently lose the journalist's
work. Operations name events by their stable id (the document's content and the
expression's span and words, see identity.py), so they re-apply to the freshly resolved
events and an operation whose event is gone is stale, never moved to another event;
undo is "drop the last action's operations" (in a saved project, new operations: store.py); and
the list is a few lines of JSON the journalist can save and load again tomorrow.

One action of the journalist can make several operations (removing a happening several
articles report removes each source; one edit can relabel and move). They share a
``group`` (:func:`grouped`), and undo takes back the whole group at once. An operation
without a group (every one saved before groups existed) is an action of its own.

The explore filters live here too: like corrections, they are a pure function from
the extracted events to the events shown.
"""

from __future__ import annotations

import json
import re
import secrets
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, ClassVar

from .calendar_math import insane_date_message
from .model import DatePoint, Event
from .when import format_when

FORMAT_VERSION = 1
HAND_RULE = "manual"  # rules starting so are the journalist's (figure.is_edited)
LABEL_RULE = "manual-label"
MAX_NESTING = 16  # a corrections file is three levels deep; 100,000 nested "[" is an attack on the parser


class CorrectionsError(ValueError):
    """A corrections file that cannot be read; the message is shown to the user as is."""


@dataclass(frozen=True)
class _Grouped:
    """What every operation has: the action it was made by (``""``: an action of its own)."""

    group: str = field(default="", kw_only=True)


@dataclass(frozen=True)
class EditLabel(_Grouped):
    """Say in the journalist's words what happened."""

    kind: ClassVar[str] = "edit_label"
    event_id: str
    label: str

    def describe(self) -> str:
        return f"relabel as “{self.label}”"


@dataclass(frozen=True)
class EditDate(_Grouped):
    """Put an event on the right day(s) when the engine got it wrong."""

    kind: ClassVar[str] = "edit_date"
    event_id: str
    start: date
    end: date

    def describe(self) -> str:
        return f"move to {_day_range(self.start, self.end)}"


@dataclass(frozen=True)
class Delete(_Grouped):
    """Take an event off the timeline (it can be restored)."""

    kind: ClassVar[str] = "delete"
    event_id: str

    def describe(self) -> str:
        return "remove an event"


@dataclass(frozen=True)
class Restore(_Grouped):
    """Put a removed event back."""

    kind: ClassVar[str] = "restore"
    event_id: str

    def describe(self) -> str:
        return "restore an event"


@dataclass(frozen=True)
class Add(_Grouped):
    """An event the article implies but the engine did not find, or one from elsewhere."""

    kind: ClassVar[str] = "add"
    event_id: str
    doc_id: str
    start: date
    end: date
    label: str

    def describe(self) -> str:
        return f"add “{self.label}”"


Op = EditLabel | EditDate | Delete | Restore | Add
_KINDS: dict[str, type[Op]] = {cls.kind: cls for cls in (EditLabel, EditDate, Delete, Restore, Add)}
_DATE_FIELDS = frozenset({"start", "end"})


# ---------------------------------------------------------------- applying


@dataclass(frozen=True)
class _State:
    events: dict[str, Event]  # every event, added ones included, in insertion order
    deleted: frozenset[str]


def _replay(events: Iterable[Event], ops: Iterable[Op]) -> _State:
    """Apply ``ops`` in order; operations on events that no longer exist are skipped."""
    current = {e.id: e for e in events}
    deleted: set[str] = set()
    for op in ops:
        if isinstance(op, Add):
            if op.event_id not in current:  # an id already in use never replaces that event
                current[op.event_id] = _added_event(op)
        elif op.event_id not in current:
            continue
        elif isinstance(op, EditLabel):
            relabelled = current[op.event_id]  # marked, so the chart and exports say "edited by you"
            rule = relabelled.rule if relabelled.rule.startswith(HAND_RULE) else LABEL_RULE
            current[op.event_id] = replace(relabelled, label=op.label, rule=rule)
        elif isinstance(op, EditDate):
            current[op.event_id] = _redated(current[op.event_id], op)
        elif isinstance(op, Delete):
            deleted.add(op.event_id)
        elif isinstance(op, Restore):
            deleted.discard(op.event_id)
    return _State(current, frozenset(deleted))


def _added_event(op: Add) -> Event:
    return Event(op.event_id, op.doc_id, op.start, op.end, "day", op.label, 0, 0, -1,
                 "explicit", "Added by hand.", HAND_RULE)


def _redated(event: Event, op: EditDate) -> Event:
    """The journalist's date wins, but the explanation keeps what the text said."""
    if event.rule == HAND_RULE:  # dated by hand before: the explanation already says what the text gave
        why = event.explanation
    else:
        was = f"Date set by hand; the article gave {format_when(event)}"
        why = f"{was} ({event.explanation})" if event.explanation else f"{was}."
    return replace(event, start=op.start, end=op.end, granularity="day", certainty="explicit",
                   explanation=why, rule=HAND_RULE)


def apply_corrections(events: Iterable[Event], ops: Sequence[Op]) -> list[Event]:
    """The events as the journalist corrected them, in chronological order."""
    state = _replay(events, ops)
    return chronological(e for key, e in state.events.items() if key not in state.deleted)


def deleted_events(events: Iterable[Event], ops: Sequence[Op]) -> list[Event]:
    """Removed events, so the UI can offer to restore them."""
    state = _replay(events, ops)
    return chronological(state.events[key] for key in state.deleted)


def stale_ops(events: Iterable[Event], ops: Sequence[Op]) -> list[Op]:
    """Operations whose event is not in this extraction (e.g. loaded for another article)."""
    found = {e.id for e in events}
    known = found | {op.event_id for op in ops if isinstance(op, Add)}
    return [op for op in ops if op.event_id not in known or (isinstance(op, Add) and op.event_id in found)]


def edit_ops(event: Event, label: str, start: date | None, end: date | None) -> list[Op]:
    """The operations for what the journalist changed in the edit form, and nothing else:
    an untouched date keeps its time of day and its "worked out" explanation."""
    ops: list[Op] = []
    label = " ".join(label.split())
    if label and label != event.label:
        ops.append(EditLabel(event.id, label))
    _check_sane(start, end)
    if start is None and end is None:  # no date given (the form cannot show one in AD 14): keep the event's
        start, end = day_of(event.start), day_of(event.end)
    start = start or day_of(event.start)
    end = _checked_end(start, end)
    if (start, end) != (day_of(event.start), day_of(event.end)):
        ops.append(EditDate(event.id, start, end))
    return ops


def add_op(doc_id: str, label: str, start: date | None, end: date | None, ops: Sequence[Op],
           taken: Collection[str] = ()) -> Add:
    """An event added by hand, checked: it needs words and a date, and must not end before it starts.
    Its id is new: not used by any operation nor by any event in ``taken``."""
    label = " ".join(label.split())
    if not label or start is None:
        raise CorrectionsError("A new event needs a description and a date.")
    _check_sane(start, end)
    return Add(new_event_id(doc_id, ops, taken), doc_id, start, _checked_end(start, end), label)


def _check_sane(*days: date | None) -> None:
    """Dates typed or loaded by hand stay in the documented range: year 9999 is a typo."""
    for day in days:
        if day is not None and (problem := insane_date_message(day, "The date")):
            raise CorrectionsError(problem)


def _checked_end(start: date, end: date | None) -> date:
    """A missing end means a single day."""
    if end is not None and end < start:
        raise CorrectionsError(f"The end date ({end}) is before the start date ({start}).")
    return end or start


def grouped(ops: Sequence[Op]) -> list[Op]:
    """The operations of one action, marked as one group (undone together); a lone operation stays as it is."""
    if len(ops) < 2:
        return list(ops)
    group = secrets.token_hex(6)
    return [replace(op, group=group) for op in ops]


def last_action(ops: Sequence[Op]) -> tuple[Op, ...]:
    """The newest action's operations: the newest operation and those before it in its group."""
    if not ops:
        return ()
    first = len(ops) - 1
    group = ops[first].group
    while group and first > 0 and ops[first - 1].group == group:
        first -= 1
    return tuple(ops[first:])


def action_count(ops: Sequence[Op]) -> int:
    """How many actions of the journalist the operations are: a group's operations (one removal of a
    happening several articles report, one edit that relabels and moves) count once, as Undo takes them."""
    return sum(1 for n, op in enumerate(ops) if not op.group or n == 0 or ops[n - 1].group != op.group)


def undo(ops: Sequence[Op]) -> tuple[Op, ...]:
    """Undo is dropping the newest action (all its operations): every earlier state is a prefix."""
    return tuple(ops[:len(ops) - len(last_action(ops))])


def describe_action(ops: Sequence[Op]) -> str:
    """What an action did, for the Undo button: "remove an event (3 sources)", "relabel as “x”, move to …"."""
    if len(ops) > 1 and all(isinstance(op, Delete | Restore) and type(op) is type(ops[0]) for op in ops):
        return f"{ops[0].describe()} ({len(ops)} sources)"
    return ", ".join(op.describe() for op in ops)


def removed_choices(events: Iterable[Event], ops: Sequence[Op]) -> dict[str, str]:
    """What "Removed events" offers back, one choice per removal: a happening's sources removed
    together are one ("16 Dec 2011 · Clashes erupt (2 sources)"), as :func:`restore_ops` restores them."""
    removed = deleted_events(events, ops)
    group_of = {op.event_id: op.group for op in ops if isinstance(op, Delete)}  # the latest removal of each
    sizes = Counter(group_of[e.id] for e in removed if group_of.get(e.id))
    choices: dict[str, str] = {}
    seen: set[str] = set()
    for e in removed:
        group = group_of.get(e.id, "")
        if group in seen:
            continue
        if group:
            seen.add(group)
        more = f" ({sizes[group]} sources)" if sizes[group] > 1 else ""
        choices[e.id] = f"{format_when(e)} · {e.label}{more}"
    return choices


def restore_ops(event_id: str, ops: Sequence[Op]) -> list[Op]:
    """Put back a removed event and every event removed with it by the same action (a happening's sources)."""
    removal = next((op for op in reversed(ops) if isinstance(op, Delete) and op.event_id == event_id), None)
    together = [event_id]
    if removal is not None and removal.group:
        removed: set[str] = set()
        for op in ops:
            if isinstance(op, Delete):
                removed.add(op.event_id)
            elif isinstance(op, Restore):
                removed.discard(op.event_id)
        together += [op.event_id for op in ops if isinstance(op, Delete) and op.group == removal.group
                     and op.event_id in removed]
    return grouped([Restore(i) for i in dict.fromkeys(together)])


def new_event_id(doc_id: str, ops: Sequence[Op], events: Collection[str] = ()) -> str:
    """An id for a hand-added event that no other operation and no event in ``events`` uses."""
    taken = {op.event_id for op in ops} | set(events)
    n = sum(isinstance(op, Add) for op in ops) + 1
    while f"{doc_id}:hand{n}" in taken:
        n += 1
    return f"{doc_id}:hand{n}"


def chronological(events: Iterable[Event]) -> list[Event]:
    """Timeline order: by start (dates before times that day), then document, then text order."""
    return sorted(events, key=lambda e: (_as_datetime(e.start), e.doc_id, e.sentence_start))


def _as_datetime(point: DatePoint) -> datetime:
    if isinstance(point, datetime):
        return point.replace(tzinfo=None)
    return datetime(point.year, point.month, point.day)


def _day_range(start: date, end: date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


# ---------------------------------------------------------------- JSON


def op_to_dict(op: Op) -> dict[str, Any]:
    """The operation as JSON; ``group`` only when it has one (files and logs of lone operations stay as they were)."""
    out: dict[str, Any] = {"op": op.kind}
    for f in fields(op):
        value = getattr(op, f.name)
        if f.name != "group":
            out[f.name] = value.isoformat() if isinstance(value, date) else value
    if op.group:
        out["group"] = op.group
    return out


def op_from_dict(data: Mapping[str, Any]) -> Op:
    """One operation from JSON, with a message a journalist can act on when it is wrong."""
    cls = _KINDS.get(str(data.get("op")))
    if cls is None:
        raise CorrectionsError(f"Unknown correction type {data.get('op')!r}.")
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data and f.default is not MISSING:
            continue  # optional (a group): absent in files and logs written before it existed
        if f.name not in data:
            raise CorrectionsError(f"A “{cls.kind}” correction is missing “{f.name}”.")
        values[f.name] = _field_value(f.name, data[f.name])
    if "start" in values:
        _check_sane(values["start"], values["end"])
        _checked_end(values["start"], values["end"])
    return cls(**values)


def _field_value(name: str, raw: Any) -> Any:
    if not isinstance(raw, str):
        raise CorrectionsError(f"“{name}” should be text, not {raw!r}.")
    if name not in _DATE_FIELDS:
        return raw
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CorrectionsError(f"“{raw}” is not a date (expected YYYY-MM-DD).") from None


def corrections_to_json(ops: Sequence[Op]) -> str:
    return json.dumps({"format": "timeline_app corrections", "version": FORMAT_VERSION,
                       "corrections": [op_to_dict(op) for op in ops]}, indent=2, ensure_ascii=False)


def corrections_from_json(text: str | bytes) -> tuple[Op, ...]:
    """Read a file written by :func:`corrections_to_json`."""
    not_json = CorrectionsError("This is not a corrections file: it is not valid JSON.")
    try:
        text = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    except UnicodeDecodeError:
        raise not_json from None
    if _nesting(text) > MAX_NESTING:
        raise CorrectionsError("This is not a corrections file: its JSON is nested too deeply.")
    try:
        data = json.loads(text)
    except ValueError:
        raise not_json from None
    if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
        raise CorrectionsError("This is not a corrections file: it has no “corrections” list.")
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise CorrectionsError(f"Corrections file version {data.get('version')} is not supported.")
    if not all(isinstance(item, dict) for item in data["corrections"]):
        raise CorrectionsError("This corrections file is damaged: every correction must be an object.")
    return tuple(op_from_dict(item) for item in data["corrections"])


_JSON_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def _nesting(text: str) -> int:
    """How deep the JSON's brackets go (strings skipped), counted without recursion, so the parser
    is only handed what it can read without hitting Python's recursion limit."""
    depth = deepest = 0
    in_string = False
    for m in _JSON_TOKEN.finditer(text):
        token = m[0]
        if token == '"':
            in_string = not in_string
        elif not in_string and token[0] != "\\":  # an escape is two characters of a string
            depth += 1 if token in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_NESTING:
                break
    return deepest


# ---------------------------------------------------------------- explore filters


@dataclass(frozen=True)
class Filters:
    """What the journalist narrowed the timeline to; ``None`` means "no restriction"."""

    start: date | None = None
    end: date | None = None
    certainties: frozenset[str] | None = None
    doc_ids: frozenset[str] | None = None
    query: str = ""


def filter_events(events: Iterable[Event], filters: Filters,
                  texts: Mapping[str, str] | None = None) -> list[Event]:
    """Events matching every filter. The search looks at the label, the explanation and
    the event's sentence (``texts`` maps document id to text), all words required."""
    words = filters.query.casefold().split()
    return [e for e in events
            if _in_range(e, filters.start, filters.end)
            and (filters.certainties is None or e.certainty in filters.certainties)
            and (filters.doc_ids is None or e.doc_id in filters.doc_ids)
            and _matches(e, words, texts or {})]


def _in_range(event: Event, start: date | None, end: date | None) -> bool:
    """An event is in range when any part of it is: a month-long dispute overlapping the window counts."""
    first, last = day_of(event.start), day_of(event.end)
    return (start is None or last >= start) and (end is None or first <= end)


def day_of(point: DatePoint) -> date:
    """The calendar day of a date or date-time."""
    return point.date() if isinstance(point, datetime) else point


def _matches(event: Event, words: Collection[str], texts: Mapping[str, str]) -> bool:
    if not words:
        return True
    sentence = texts.get(event.doc_id, "")[event.sentence_start:event.sentence_end]
    haystack = f"{event.label} {event.explanation} {sentence}".casefold()
    return all(w in haystack for w in words)
