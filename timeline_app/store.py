"""Saved projects: a story's articles, the journalist's operations and view settings, in SQLite.

Why SQLite (the standard library's ``sqlite3``): one file per user, transactions that
survive a ``kill -9`` or a power cut, and safe concurrent use by the two tabs and the
CLI a journalist may have open on the same project. The database runs in WAL mode
with ``synchronous=FULL``: a call that returns has committed to disk, so the app only
shows a change as saved after it is. Nothing is ever rewritten in place: the
journalist's work is an append-only log of operations, and undo is one more operation.

Where: ``projects.sqlite3`` in the data directory, which is ``--data-dir`` (CLI), else
``$TIMELINE_APP_DATA_DIR``, else ``$XDG_DATA_HOME/timeline_app``, else
``~/.local/share/timeline_app``.

Schema (``PRAGMA user_version`` is the version; ``PRAGMA application_id`` marks the file as
ours, so a foreign database is recognised and never written to):

* ``projects(id, name, created, updated)``: a project is one story;
* ``documents(project_id, doc_id, position, text, title, origin_kind, origin, published,
  published_source, published_set, added)``: each article's text as shown, where it came
  from (``origin_kind`` ``file``/``url``/``paste``, ``origin`` the file name or URL), its
  detected publication date and where that came from, and the date the journalist set;
* ``ops(seq, project_id, kind, payload, about, created)``: the operation log;
* ``settings(project_id, key, value)``: view settings (JSON values);
* ``app_state(key, value)``: e.g. the last project opened.

Operations. ``seq`` orders them (and is unique across projects); ``payload`` is a JSON
object; ``about`` is free text saying what the operation was about when it was made
(e.g. "16 Dec 2011 · Clashes erupt"), so an operation whose event has gone can still be
listed with what it said. Kinds:

* corrections (``corrections.py``; payload = ``op_to_dict(op)`` without ``"op"``):
  ``edit_label {event_id, label}``, ``edit_date {event_id, start, end}``,
  ``delete {event_id}``, ``restore {event_id}``, ``add {event_id, doc_id, start, end, label}``; each may
  carry a ``group`` (the operations of one action, undone together: one ``undo`` for each, in one
  transaction); logs written before groups existed have none, and each of their operations is its own action;
* merge decisions on a story (defined and applied by the story module, which names
  mentions by their per-article ``Event.id``; the store checks only that the payload is
  an object): ``accept_date {mention}``, ``split {mentions}``, ``merge {mentions}``.
  :meth:`Project.decision_ops` gives them back as the story module's dicts
  (``{"op": kind, **payload}``) and :meth:`Project.append_decision` stores one;
* ``undo {seq}``: cancels operation ``seq``; undoing an undo brings the operation back.

:meth:`Project.active` is the log with undone operations and the undos themselves left
out, in order; replaying it gives the journalist's current view. Migrations run forward
only, each in one transaction, after a consistent copy of the file is made. The file is
only ever read through SQLite (closing a descriptor of our own on it would drop the
locks of every SQLite connection this process has open on it).

The Python API::

    from timeline_app.ingest import read_path
    from timeline_app.store import open_store

    project = open_store().open_or_create("Zhanaozen")     # or open_store("path/to/data")
    project.add_documents([read_path("article.txt")])
    for event in project.events():                          # the pipeline, corrections applied
        print(event.start, event.label)
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document, Event, Extraction

if TYPE_CHECKING:
    from .corrections import Op

DB_NAME = "projects.sqlite3"
APP_ID = 0x544C4150  # "TLAP": PRAGMA application_id of our files
ENV_DATA_DIR = "TIMELINE_APP_DATA_DIR"
BUSY_TIMEOUT_S = 5.0
MAX_NAME_CHARS = 200
UNDO = "undo"
CORRECTION_KINDS = frozenset({"edit_label", "edit_date", "delete", "restore", "add"})
DECISION_KINDS = frozenset({"accept_date", "split", "merge"})
OP_KINDS = CORRECTION_KINDS | DECISION_KINDS | {UNDO}

# Each entry brings the schema from version i to i + 1. Never edit a released entry: add one.
MIGRATIONS: tuple[str, ...] = (
    f"""
    CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE documents (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        origin_kind TEXT NOT NULL CHECK (origin_kind IN ('file', 'url', 'paste')),
        origin TEXT,
        published TEXT,
        published_source TEXT,
        added TEXT NOT NULL,
        PRIMARY KEY (project_id, doc_id)
    );
    CREATE TABLE ops (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        about TEXT,
        created TEXT NOT NULL
    );
    CREATE INDEX ops_by_project ON ops(project_id, seq);
    CREATE TRIGGER ops_are_never_rewritten BEFORE UPDATE ON ops
        BEGIN SELECT RAISE(ABORT, 'the operation log is append-only'); END;
    PRAGMA application_id = {APP_ID};
    """,
    """
    ALTER TABLE documents ADD COLUMN published_set TEXT;
    CREATE TABLE settings (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        PRIMARY KEY (project_id, key)
    );
    CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # the size of an article of which only the start was read, so the app keeps saying so
    "ALTER TABLE documents ADD COLUMN full_size INTEGER;",
)
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------- errors


class StoreError(Exception):
    """A problem with the project database; ``str()`` is one sentence for the journalist."""


class StoreUnreadable(StoreError):
    """The file is damaged, or is not a timeline_app database. It is left as it was."""

    def __init__(self, message: str, backup: Path | None = None) -> None:
        super().__init__(message)
        self.backup = backup


class StoreNewer(StoreError):
    """Written by a newer timeline_app: reading it could misread the journalist's work."""


class StoreBusy(StoreError):
    """Another program holds the write lock for longer than we wait."""


class StoreFull(StoreError):
    """The disk (or the database's size limit) is full; the change was rolled back."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


_COPIES: dict[tuple[Path, int, int], Path] = {}  # (file, mtime, size) -> its copy: one copy per damaged state


def _copy_aside(path: Path, reason: str, *, move: bool = False) -> Path:
    """Keep the file (and its write-ahead log) under a new name; never overwrites anything.

    A copy is made once per state of the file: an app that reruns on a damaged file
    does not fill the disk with identical copies.
    """
    state = path.stat()
    key = (path, state.st_mtime_ns, state.st_size)
    if not move and key in _COPIES and _COPIES[key].exists():
        return _COPIES[key]
    target = path.with_name(f"{path.name}.{reason}-{_stamp()}.bak")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            dest = Path(f"{target}{suffix}")
            if move:
                source.rename(dest)
            elif suffix != "-shm":  # the shared-memory index is rebuilt from the log
                shutil.copy2(source, dest)
    if not move:
        _COPIES[key] = target
    return target


def set_aside(path: str | os.PathLike[str]) -> Path:
    """Move an unreadable database out of the way (renamed, not deleted) so a new one can start."""
    db = _db_path(Path(path))
    try:
        return _copy_aside(db, "set-aside", move=True)
    except OSError as exc:
        raise StoreError(f"Could not move {db} aside: {exc.strerror or exc}.") from exc


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """One sentence for what went wrong; nothing half-written stays (the transaction rolled back)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return StoreBusy(f"The project database {path} is locked by another program (waited "
                         f"{BUSY_TIMEOUT_S:g} s). Your last change was not saved; try again.")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StoreFull(f"The disk holding {path} is full. Your last change was not saved; "
                         "free some space and try again. Everything saved before is intact.")
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return _unreadable(path, "is not an SQLite database")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return _unreadable(path, "is damaged")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        return StoreError(f"Cannot write to the project database {path}: check that its folder exists and is "
                          f"writable, or choose another with --data-dir or {ENV_DATA_DIR}.")
    return StoreError(f"The project database {path} could not be used ({text}). Your last change was not saved.")


def _unreadable(path: Path, what: str) -> StoreUnreadable:
    try:
        backup: Path | None = _copy_aside(path, "unreadable")
        kept = f"It was not changed, and a copy is at {backup}."
    except OSError:
        backup, kept = None, "It was not changed."
    return StoreUnreadable(f"{path} {what} or is not a timeline_app project database. {kept} "
                           f"Move it away to start a new one, or choose another folder with --data-dir "
                           f"or {ENV_DATA_DIR}.", backup)


# ---------------------------------------------------------------- where


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: the one given, else $TIMELINE_APP_DATA_DIR, else the XDG per-user default."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "timeline_app"


def _db_path(path: Path) -> Path:
    return path if path.suffix in {".sqlite3", ".sqlite", ".db"} else path / DB_NAME


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class OpRecord:
    """One entry of the log."""

    seq: int
    kind: str
    payload: dict[str, Any]
    about: str | None
    created: str


@dataclass(frozen=True)
class StoredDocument:
    """An article of a project, with where it came from and the date the journalist set (if any)."""

    document: Document
    origin_kind: str
    origin: str | None
    published_set: date | None
    added: str


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    name: str
    created: str
    updated: str
    documents: int
    ops: int


def origin_of(doc: Document) -> tuple[str, str | None]:
    """``file``, ``url`` or ``paste``, and the file name or URL."""
    if not doc.source:
        return "paste", None
    return ("url" if doc.source.startswith(("http://", "https://")) else "file"), doc.source


def active_records(log: Sequence[OpRecord]) -> list[OpRecord]:
    """The operations in force: undone ones and the undos themselves left out, in log order.

    Undos only name earlier operations, so reading the log backwards settles each one:
    an operation is cancelled by a later undo that is itself in force.
    """
    cancelled: set[int] = set()
    for record in reversed(log):
        if record.kind == UNDO and record.seq not in cancelled:
            cancelled.add(int(record.payload["seq"]))
    return [r for r in log if r.kind != UNDO and r.seq not in cancelled]


# ---------------------------------------------------------------- the store


class Store:
    """One database file. Each call opens its own connection, so threads and tabs never share one."""

    pragmas: tuple[str, ...] = ("foreign_keys = ON", "synchronous = FULL")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._keeper: sqlite3.Connection | None = None

    def keep_open(self) -> None:
        """Hold one idle connection for the store's life. When the last connection to a WAL
        database closes, SQLite checkpoints and deletes the log: with a connection per call
        that doubled the disk syncs of every save."""
        if self._keeper is None:
            self._keeper = sqlite3.connect(self.path, check_same_thread=False)
            self._keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def close(self) -> None:
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    # -- connections

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        for pragma in self.pragmas:
            con.execute(f"PRAGMA {pragma}")
        return con

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            con = self._connect()
            try:
                con.execute("BEGIN")  # one snapshot for the whole read
                yield con
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: sqlite3.Error) -> StoreError:
        if (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            self.close()  # damage: the copy made next must not close a descriptor under our own connection
        return _translate(exc, self.path)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A transaction that holds the write lock from its start; committed (to disk) on exit."""
        try:
            con = self._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                try:
                    yield con
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
            finally:
                con.close()
        except sqlite3.IntegrityError as exc:
            raise StoreError(_integrity_message(exc)) from exc
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    # -- projects

    def projects(self) -> list[ProjectInfo]:
        """Every project, most recently changed first."""
        with self._read() as con:
            rows = con.execute(
                "SELECT p.id, p.name, p.created, p.updated,"
                " (SELECT count(*) FROM documents d WHERE d.project_id = p.id),"
                " (SELECT count(*) FROM ops o WHERE o.project_id = p.id)"
                " FROM projects p ORDER BY p.updated DESC, p.id DESC").fetchall()
        return [ProjectInfo(*row) for row in rows]

    def create(self, name: str, documents: Iterable[Document] = (),
               file_names: Mapping[str, str] | None = None) -> Project:
        """A new project (with its first articles, in the same transaction), now the last one opened."""
        name = _checked_name(name)
        now = _now()
        with self._write() as con:
            cur = con.execute("INSERT INTO projects (name, created, updated) VALUES (?, ?, ?)", (name, now, now))
            project_id = int(cur.lastrowid or 0)
            _insert_documents(con, project_id, documents, file_names or {})
            _remember(con, project_id)
        return Project(self, project_id, name)

    def find(self, key: int | str) -> Project | None:
        """A project by id or by name (names ignore case and extra spaces), or None."""
        column, value = ("id", key) if isinstance(key, int) else ("name", " ".join(key.split()))
        with self._read() as con:
            row = con.execute(f"SELECT id, name FROM projects WHERE {column} = ?", (value,)).fetchone()
        return Project(self, row[0], row[1]) if row else None

    def project(self, key: int | str) -> Project:
        found = self.find(key)
        if found is None:
            raise StoreError(f"There is no project called “{key}”." if isinstance(key, str)
                             else "That project is gone.")
        return found

    def open_or_create(self, name: str) -> Project:
        return self.find(_checked_name(name)) or self.create(name)

    def unique_name(self, base: str) -> str:
        """``base``, or ``base (2)``, ``base (3)``...: the first name no project has."""
        base = _checked_name(base[:MAX_NAME_CHARS - 8])
        taken = {p.name.casefold() for p in self.projects()}
        n, name = 1, base
        while name.casefold() in taken:
            n += 1
            name = f"{base} ({n})"
        return name

    def rename(self, project_id: int, name: str) -> Project:
        name = _checked_name(name)
        with self._write() as con:
            if con.execute("UPDATE projects SET name = ?, updated = ? WHERE id = ?",
                           (name, _now(), project_id)).rowcount == 0:
                raise StoreError("That project is gone.")
        return Project(self, project_id, name)

    def duplicate(self, project_id: int, name: str) -> Project:
        """A copy with the same articles, settings and the operations in force (the undo history stays behind)."""
        source = self.project(project_id)
        records = source.active()
        name = _checked_name(name)
        now = _now()
        with self._write() as con:
            new_id = int(con.execute("INSERT INTO projects (name, created, updated) VALUES (?, ?, ?)",
                                     (name, now, now)).lastrowid or 0)
            con.execute("INSERT INTO documents (project_id, doc_id, position, text, title, origin_kind, origin,"
                        " published, published_source, published_set, added, full_size) SELECT ?, doc_id, position, text,"
                        " title, origin_kind, origin, published, published_source, published_set, added, full_size"
                        " FROM documents WHERE project_id = ?", (new_id, project_id))
            con.execute("INSERT INTO settings (project_id, key, value) SELECT ?, key, value FROM settings"
                        " WHERE project_id = ?", (new_id, project_id))
            con.executemany("INSERT INTO ops (project_id, kind, payload, about, created) VALUES (?, ?, ?, ?, ?)",
                            [(new_id, r.kind, json.dumps(r.payload), r.about, now) for r in records])
            _remember(con, new_id)
        return Project(self, new_id, name)

    def delete(self, project_id: int) -> None:
        with self._write() as con:
            con.execute("DELETE FROM projects WHERE id = ?", (project_id,))

    def last_project(self) -> Project | None:
        """The project opened last (in any tab or the CLI), if it still exists."""
        with self._read() as con:
            row = con.execute("SELECT p.id, p.name FROM app_state s JOIN projects p ON p.id = CAST(s.value AS INTEGER)"
                              " WHERE s.key = 'last_project'").fetchone()
        return Project(self, row[0], row[1]) if row else None

    def remember(self, project: Project) -> None:
        with self._write() as con:
            _remember(con, project.id)


def _remember(con: sqlite3.Connection, project_id: int) -> None:
    con.execute("INSERT INTO app_state (key, value) VALUES ('last_project', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(project_id),))


def _checked_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise StoreError("A project needs a name.")
    if len(name) > MAX_NAME_CHARS:
        raise StoreError(f"A project name can have at most {MAX_NAME_CHARS} characters.")
    return name


def _integrity_message(exc: sqlite3.IntegrityError) -> str:
    if "projects.name" in str(exc):
        return "A project with that name already exists; choose another name."
    return f"That change does not fit the project ({exc})."


# ---------------------------------------------------------------- one project


@dataclass(frozen=True)
class Project:
    """A story: its articles, its operation log and its view settings."""

    store: Store
    id: int
    name: str

    # -- articles

    def documents(self) -> list[StoredDocument]:
        """The articles in the order they were added."""
        with self.store._read() as con:
            rows = con.execute("SELECT doc_id, text, title, origin_kind, origin, published, published_source,"
                               " published_set, added, full_size FROM documents WHERE project_id = ?"
                               " ORDER BY position", (self.id,)).fetchall()
        out = []
        for doc_id, text, title, kind, origin, published, published_source, published_set, added, size in rows:
            doc = Document(text, _date(published), published_source, doc_id, title, origin, size)
            out.append(StoredDocument(doc, kind, origin, _date(published_set), added))
        return out

    def add_documents(self, docs: Iterable[Document], file_names: Mapping[str, str] | None = None) -> list[str]:
        """Store new articles (one already here, by content, is left as it is); returns the ids added.

        ``file_names`` (document id -> file name) names the file of an article whose
        ``source`` the caller cleared for display (the app shows an upload by its headline).
        """
        with self.store._write() as con:
            added = _insert_documents(con, self.id, docs, file_names or {})
            if added:
                _touch(con, self.id)
        return added

    def remove_document(self, doc_id: str) -> None:
        """Take an article out (its operations stay in the log and come back with it if it is added again)."""
        with self.store._write() as con:
            con.execute("DELETE FROM documents WHERE project_id = ? AND doc_id = ?", (self.id, doc_id))
            _touch(con, self.id)

    def set_published(self, doc_id: str, published: date | None) -> None:
        """The journalist's publication date for an article (None: back to the detected one)."""
        with self.store._write() as con:
            con.execute("UPDATE documents SET published_set = ? WHERE project_id = ? AND doc_id = ?",
                        (published.isoformat() if published else None, self.id, doc_id))
            _touch(con, self.id)

    # -- the operation log

    def append(self, kind: str, payload: Mapping[str, Any], about: str | None = None) -> OpRecord:
        return self.append_many([(kind, payload, about)])[0]

    def append_many(self, entries: Sequence[tuple[str, Mapping[str, Any], str | None]]) -> list[OpRecord]:
        """Append operations in one transaction: all are saved, or none."""
        checked = [(_checked_op(kind, payload), kind, about) for kind, payload, about in entries]
        now = _now()
        out: list[OpRecord] = []
        with self.store._write() as con:
            for payload, kind, about in checked:
                if kind == UNDO:
                    _check_undo_target(con, self.id, int(payload["seq"]))
                seq = con.execute("INSERT INTO ops (project_id, kind, payload, about, created) VALUES (?, ?, ?, ?, ?)",
                                  (self.id, kind, json.dumps(payload, ensure_ascii=False), about, now)).lastrowid
                out.append(OpRecord(int(seq or 0), kind, payload, about, now))
            _touch(con, self.id)
        return out

    def append_correction(self, op: Op, about: str | None = None) -> OpRecord:
        return self.append(*correction_entry(op, about))

    def undo(self, seq: int) -> OpRecord:
        return self.append(UNDO, {"seq": seq})

    def log(self) -> list[OpRecord]:
        """Every operation ever made on this project, undos included, oldest first."""
        with self.store._read() as con:
            rows = con.execute("SELECT seq, kind, payload, about, created FROM ops WHERE project_id = ? ORDER BY seq",
                               (self.id,)).fetchall()
        return [OpRecord(seq, kind, json.loads(payload), about, created) for seq, kind, payload, about, created in rows]

    def active(self) -> list[OpRecord]:
        return active_records(self.log())

    def corrections(self) -> list[tuple[OpRecord, Op]]:
        """The corrections in force, in order, each with its log entry."""
        from .corrections import CorrectionsError, op_from_dict

        out = []
        for record in self.active():
            if record.kind in CORRECTION_KINDS:
                try:
                    out.append((record, op_from_dict({"op": record.kind, **record.payload})))
                except CorrectionsError as exc:
                    raise StoreError(f"Operation {record.seq} of “{self.name}” cannot be read: {exc}") from exc
        return out

    def extractions(self) -> list[Extraction]:
        """Each article through the pipeline the app and the CLI run, on the publication date the journalist set."""
        from .pipeline import extract_document

        out = []
        for item in self.documents():
            doc = item.document
            if item.published_set and item.published_set != doc.published:
                doc = replace(doc, published=item.published_set, published_source="set by you")
            out.append(extract_document(doc))
        return out

    def events(self) -> list[Event]:
        """The project's timeline as the app shows it: every article's events with the corrections applied."""
        from .corrections import apply_corrections

        found = [e for x in self.extractions() for e in x.events]
        return apply_corrections(found, [op for _, op in self.corrections()])

    def decisions(self) -> list[OpRecord]:
        """The merge decisions in force (accept_date, split, merge), in order."""
        return [r for r in self.active() if r.kind in DECISION_KINDS]

    def decision_ops(self) -> list[dict[str, Any]]:
        """The merge decisions in force as the story module takes them: ``{"op": kind, **payload}``."""
        return [{"op": r.kind, **r.payload} for r in self.decisions()]

    def append_decision(self, op: Mapping[str, Any], about: str | None = None) -> OpRecord:
        """Store one of the story module's decisions (``{"op": "merge", "mentions": [...]}``)."""
        payload = {key: value for key, value in op.items() if key != "op"}
        return self.append(str(op.get("op")), payload, about)

    # -- view settings

    def settings(self) -> dict[str, Any]:
        with self.store._read() as con:
            rows = con.execute("SELECT key, value FROM settings WHERE project_id = ?", (self.id,)).fetchall()
        return {key: json.loads(value) for key, value in rows}

    def update_settings(self, values: Mapping[str, Any]) -> None:
        with self.store._write() as con:
            con.executemany("INSERT INTO settings (project_id, key, value) VALUES (?, ?, ?) ON CONFLICT"
                            " (project_id, key) DO UPDATE SET value = excluded.value",
                            [(self.id, key, json.dumps(value)) for key, value in values.items()])


def correction_entry(op: Op, about: str | None = None) -> tuple[str, dict[str, Any], str | None]:
    """A correction as a log entry (kind, payload, about)."""
    from .corrections import op_to_dict

    payload = op_to_dict(op)
    return str(payload.pop("op")), payload, about


def _checked_op(kind: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """Refuse what could not be replayed later: unknown kinds, non-objects, malformed corrections."""
    if kind not in OP_KINDS:
        raise StoreError(f"Unknown operation “{kind}”.")
    if not isinstance(payload, Mapping):
        raise StoreError(f"A “{kind}” operation needs an object, not {payload!r}.")
    data = dict(payload)
    if kind in CORRECTION_KINDS:
        from .corrections import CorrectionsError, op_from_dict

        try:
            op_from_dict({"op": kind, **data})
        except CorrectionsError as exc:
            raise StoreError(str(exc)) from exc
    elif kind == UNDO and not isinstance(data.get("seq"), int):
        raise StoreError("An undo names the operation it cancels by its number (“seq”).")
    return data


def _check_undo_target(con: sqlite3.Connection, project_id: int, seq: int) -> None:
    if con.execute("SELECT 1 FROM ops WHERE seq = ? AND project_id = ?", (seq, project_id)).fetchone() is None:
        raise StoreError(f"There is no operation {seq} in this project to undo.")


def _insert_documents(con: sqlite3.Connection, project_id: int, docs: Iterable[Document],
                      file_names: Mapping[str, str]) -> list[str]:
    position = con.execute("SELECT coalesce(max(position), -1) FROM documents WHERE project_id = ?",
                           (project_id,)).fetchone()[0]
    added: list[str] = []
    now = _now()
    for doc in docs:
        kind, origin = ("file", file_names[doc.id]) if doc.id in file_names else origin_of(doc)
        cur = con.execute(
            "INSERT OR IGNORE INTO documents (project_id, doc_id, position, text, title, origin_kind, origin,"
            " published, published_source, added, full_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (project_id, doc.id, position + 1, doc.text, doc.title, kind, origin,
             doc.published.isoformat() if doc.published else None, doc.published_source, now, doc.full_size))
        if cur.rowcount:
            position += 1
            added.append(doc.id)
    return added


def _touch(con: sqlite3.Connection, project_id: int) -> None:
    con.execute("UPDATE projects SET updated = ? WHERE id = ?", (_now(), project_id))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def add_documents(project: Project, docs: Iterable[Document]) -> list[str]:
    """Add articles to a saved project (for the CLI's ``--project``); returns the ids added."""
    return project.add_documents(docs)


# ---------------------------------------------------------------- opening


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """The project database in ``path`` (a data directory or a ``.sqlite3`` file; default: :func:`data_dir`).

    Creates it when missing, migrates an older one (after copying it aside), and refuses,
    with one clear message and without writing a byte to it, a file that is damaged, is
    another program's, or was written by a newer timeline_app.
    """
    db = _db_path(Path(path) if path is not None else data_dir())
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the data directory {db.parent}: {exc.strerror or exc}. "
                         f"Choose another with --data-dir or {ENV_DATA_DIR}.") from exc
    # The file is only ever read through SQLite: closing a descriptor of our own on it would
    # drop the POSIX locks of every SQLite connection this process has open on it.
    store = Store(db)
    try:
        _prepare(store)
        store.keep_open()
    except sqlite3.Error as exc:
        raise _translate(exc, db) from exc
    return store


def _prepare(store: Store) -> None:
    con = store._connect()
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APP_ID and (tables or version):
            raise _unreadable(store.path, "is an SQLite database of another program")
        if version > SCHEMA_VERSION:
            raise StoreNewer(f"{store.path} was written by a newer timeline_app (schema {version}; this version "
                             f"reads up to {SCHEMA_VERSION}). Nothing was changed: update timeline_app to open it.")
        if tables:
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _unreadable(store.path, "is damaged")
        if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            con.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            if tables:
                _backup(con, store.path, f"schema{version}")
            _migrate(con, version)
    finally:
        con.close()


def _backup(con: sqlite3.Connection, path: Path, reason: str) -> Path:
    """A consistent copy through SQLite's online backup (safe while another process writes)."""
    target = path.with_name(f"{path.name}.{reason}-{_stamp()}.bak")
    copy = sqlite3.connect(target)
    try:
        con.backup(copy)
    finally:
        copy.close()
    return target


def _migrate(con: sqlite3.Connection, version: int) -> None:
    """Run the missing migrations, each in its own transaction, re-reading the version under the lock
    (two processes may open a new database at once)."""
    while version < SCHEMA_VERSION:
        con.execute("BEGIN IMMEDIATE")
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in _statements(MIGRATIONS[version]):
                    con.execute(statement)
                version += 1
                con.execute(f"PRAGMA user_version = {version}")
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """A migration's statements (complete ones, so a ';' inside a trigger body stays with it)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out
