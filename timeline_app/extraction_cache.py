"""A persistent cache of extractions and stories in the data directory: an archive is worked once.

Why: a journalist draws the same archive many times (another period, another size, an
image and then the data), and extraction is most of the time of a story or a chart of
thousands of articles. So each article's answer is kept as a row of
``DATA_DIR/extractions/<engine version>.sqlite3`` (the data directory of store.py:
``--data-dir``, else ``$TIMELINE_APP_DATA_DIR``, else the per-user default).

* **Never stale.** The file is named by the engine version: a digest of the source of
  every module the pipeline imports (found by reading their imports, so a change to the
  chart does not empty the cache but a change to the resolver does), of every rules file,
  of where and when the third-party packages those modules import were installed, of
  Python's version and of this file's format. An entry's key is a digest of the document as the engine
  reads it: its text, id, publication date and where that came from, title (the
  "Published: ..." event) and full size (the truncation warning). The file's name or path
  is not in it (it does not change the answer) and is taken from the caller's document.
  When a new engine version writes its first entry, the files of other versions go.
* **Safe under concurrent use.** SQLite in WAL mode: several processes read and write at
  once, a row is written whole or not at all, and two processes writing one key write the
  same bytes.
* **A broken entry is a miss, never a crash.** Each entry is a magic line, the SHA-256
  of its body and the body; a truncated, altered or unreadable entry is extracted again
  and overwritten; a file that is not a database is made again. The body is a pickle read by an unpickler that only builds the
  engine's own result types and dates, so an entry cannot run code.
* **Failures are not kept.** An extraction that hit an engine bug is never stored.
* A cache that cannot be written (read-only disk, full disk) costs its speed only.

The stories and charts below are files (a few, large: a temporary file renamed into place).

Beside the extractions, ``stories/`` keeps the merged story of the ``story`` command and
``charts/`` the drawn events of ``render``, per list of articles (StoryCache): a warm run of
either loads no extraction and merges nothing. Their versions add the code of story.py, or
story_events.py, and what it imports.

``python -m timeline_app story|render ... --no-cache`` extracts and merges everything afresh
and neither reads nor writes the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import io
import logging
import os
import pickle
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

from .model import Document, Extraction
from .pipeline import extract_document

log = logging.getLogger(__name__)
FORMAT = 2  # of an entry; a change here is a new engine version, so old entries are never misread
MAGIC = b"timeline_app extraction %d\n" % FORMAT
_DIGEST = hashlib.sha256().digest_size
_PACKAGE = Path(__file__).resolve().parent
_ENGINE_ROOT = "pipeline"  # the module every interface extracts through
CACHE_FOLDER = "extractions"
_DATABASE = ".sqlite3"
ROWS_PER_WRITE = 256  # entries per transaction
_BUSY_SECONDS = 30.0  # a writer waits this long for another process's transaction, then goes on without
_KINDS = {"story": ("stories", "story"),  # folder, and the module whose code (with its imports) makes it
          "chart": ("charts", "story_events")}
STORIES_KEPT = 16  # each a few MB for an archive: the ones a newsroom is working on, not every subset ever drawn

# What an entry may contain: the dataclasses of the result types' modules (whatever they are
# as the code grows) and the standard library's dates.
_RESULTS = frozenset({"timeline_app.model"})
_STORY_RESULTS = _RESULTS | {"timeline_app.story"}
_DATES = frozenset(("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone"))


# ---------------------------------------------------------------- the engine's version

# "from .x import a", "from . import (a, b)", "from timeline_app.x import a", "import x.y, z": the
# imports of a module, read as text (parsing every module costs a quarter of a second a run).
# A match in a docstring only adds a module to the digest, which is harmless.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)|import[ \t]+([^\n]+))",
                     re.MULTILINE)


def _imports(name: str) -> tuple[set[str], set[str]]:
    """The package's modules and the other top-level modules that module ``name`` imports."""
    ours, others = set(), set()
    for dots, module, names, plain in _IMPORT.findall((_PACKAGE / f"{name}.py").read_text(encoding="utf-8")):
        if plain:
            for item in plain.split("#")[0].split(","):
                parts = item.split()[0].split(".") if item.split() else [""]
                (ours.add(parts[1]) if parts[0] == "timeline_app" and len(parts) > 1 else others.add(parts[0]))
        elif dots == ".":
            ours.update([module.split(".")[0]] if module else re.findall(r"\w+", names.split("#")[0]))
        elif not dots and module.startswith("timeline_app."):
            ours.add(module.split(".")[1])
        elif not dots:
            others.add(module.split(".")[0])
    return ours, others


def _engine_modules(root: str = _ENGINE_ROOT) -> tuple[list[str], list[str]]:
    """The package's modules ``root`` imports, directly or not (lazy imports too), and the
    third-party top-level modules they import; both sorted."""
    seen: set[str] = set()
    outside: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen or not (_PACKAGE / f"{name}.py").is_file():
            continue
        seen.add(name)
        ours, others = _imports(name)
        todo += ours
        outside |= others
    return sorted(seen), sorted(outside - set(sys.stdlib_module_names) - {"timeline_app", "", "as"})


def _installed(top: str) -> str:
    """Where a third-party package is installed, and when: an upgrade rewrites its files.
    (Found without importing it or scanning every distribution's metadata, which costs seconds.)"""
    try:
        spec = importlib.util.find_spec(top)
        origin = spec.origin if spec is not None else None
        stat = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        origin, stat = None, None
    return f"{top}:{origin}:{stat.st_mtime_ns if stat else 0}:{stat.st_size if stat else 0}"


def _code_version(root: str, data: bool) -> str:
    """A digest of the code of ``root`` and every module it imports, of the third-party packages
    they import (where and when installed), of Python's version and this file's format; with
    ``data``, of the rules files too."""
    h = hashlib.sha256(MAGIC + sys.version.encode())
    modules, outside = _engine_modules(root)
    for name in modules:
        h.update(f"\0{name}.py\0".encode() + (_PACKAGE / f"{name}.py").read_bytes())
    for path in sorted((_PACKAGE / "rules").rglob("*")) if data else ():
        if path.is_file():
            h.update(f"\0rules/{path.relative_to(_PACKAGE / 'rules').as_posix()}\0".encode() + path.read_bytes())
    h.update("\0".join(map(_installed, outside)).encode())
    return h.hexdigest()[:20]


@cache
def engine_version() -> str:
    """A digest that changes whenever the engine could answer differently (see the module docstring)."""
    return _code_version(_ENGINE_ROOT, data=True)


@cache
def work_version(kind: str) -> str:
    """A digest that changes whenever the engine or the code of ``kind`` (see StoryCache: the
    merge, story.py, or the chart's events, story_events.py, and what they import) could."""
    root = _KINDS[kind][1]
    return hashlib.sha256(f"{engine_version()}\0{_code_version(root, data=True)}".encode()).hexdigest()[:20]


# ---------------------------------------------------------------- entries

def document_key(doc: Document) -> str:
    """What the engine reads of a document, as a digest (its source and file name are not read)."""
    h = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass"))
    h.update(repr((doc.id, doc.published, doc.published_source, doc.title, doc.full_size)).encode("utf-8",
                                                                                                  "surrogatepass"))
    return h.hexdigest()


def entry_bytes(x: Extraction) -> bytes | None:
    """An extraction as an entry (without its document, which the caller has); None for a failed one."""
    if x.error is not None:
        return None
    doc = x.document
    return _sealed(pickle.dumps((doc.published, doc.published_source, x.expressions, x.events, x.warnings,
                                 x.sentences), protocol=pickle.HIGHEST_PROTOCOL))


def _sealed(body: bytes) -> bytes:
    return MAGIC + hashlib.sha256(body).digest() + body


def _opened(entry: bytes) -> bytes | None:
    """The body of a whole entry; None when it is truncated, altered or not one of ours."""
    head = len(MAGIC) + _DIGEST
    body = entry[head:]
    return body if entry.startswith(MAGIC) and entry[len(MAGIC):head] == hashlib.sha256(body).digest() else None


class _Unpickler(pickle.Unpickler):
    """Builds only the classes an entry may hold; documents are the caller's (``documents``)."""

    def __init__(self, body: bytes, modules: frozenset[str] = _RESULTS, documents: tuple[Document, ...] = ()) -> None:
        super().__init__(io.BytesIO(body))
        self.modules = modules
        self.documents = documents
        self._rebuilt: dict[Any, Document] = {}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _DATES:
            return super().find_class(module, name)
        if module in self.modules:
            found = super().find_class(module, name)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of an extraction")

    def persistent_load(self, pid: Any) -> Any:
        """The caller's document ``i`` with the publication date the engine gave it (what
        ``extract_document`` returns as the extraction's document); anything else is a broken entry."""
        i, published, published_source = pid
        if pid not in self._rebuilt:
            doc = self.documents[i]
            if (published, published_source) != (doc.published, doc.published_source):
                doc = replace(doc, published=published, published_source=published_source)
            self._rebuilt[pid] = doc
        return self._rebuilt[pid]


def from_entry(doc: Document, entry: bytes) -> Extraction | None:
    """The extraction of ``doc`` an entry holds, or None when the entry is broken in any way."""
    body = _opened(entry)
    if body is None:
        return None
    try:
        published, published_source, expressions, events, warnings, sentences = _Unpickler(body).load()
        if not all(isinstance(v, tuple) for v in (expressions, events, warnings, sentences)):
            return None
        if (published, published_source) != (doc.published, doc.published_source):  # detected by the engine
            doc = replace(doc, published=published, published_source=published_source)
        return Extraction(doc, expressions, events, warnings, sentences=sentences)
    except Exception:  # noqa: BLE001 - whatever a damaged entry does, it is only a miss
        return None


def extract_entry(doc: Document) -> tuple[bytes | None, Extraction | None]:
    """Extract in a worker; what goes back is the entry (the document stays with the caller),
    or, when extraction failed, the failed extraction."""
    x = extract_document(doc)
    entry = entry_bytes(x)
    return (entry, None) if entry is not None else (None, x)


# ---------------------------------------------------------------- the caches

class _Folder:
    """Sealed entries under ``root / version``: written whole (a temporary file renamed into
    place), the other versions' folders removed before this version's first write; with
    ``keep``, only that many entries, the least recently used removed first."""

    def __init__(self, root: Path, version: str, keep: int | None = None) -> None:
        self.root = root
        self.version = version
        self.folder = root / version
        self.keep = keep
        self._writable = True
        self._pruned = False

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.entry"

    def read(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            entry = path.read_bytes()
            if self.keep is not None:
                os.utime(path)  # used now: the last to be evicted
            return entry
        except OSError:
            return None

    def write(self, key: str, entry: bytes) -> None:
        """A cache that cannot be written (read-only, full) is only slower: warned once, then left alone."""
        if not self._writable:
            return
        path = self.path(key)
        try:
            self._prune()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(entry)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            if self.keep is not None:
                self._evict()
        except OSError as exc:
            self._writable = False
            log.warning("the cache in %s cannot be written (%s); going on without it", self.root, exc)

    def _evict(self) -> None:
        entries = []
        for path in self.folder.glob("*/*.entry"):
            try:
                entries.append((path.stat().st_mtime_ns, path))
            except OSError:  # removed by another process meanwhile
                pass
        for _, path in sorted(entries, reverse=True)[self.keep:]:
            path.unlink(missing_ok=True)

    def _prune(self) -> None:
        if self._pruned:
            return
        self._pruned = True
        if self.folder.is_dir():
            return
        for other in self.root.glob("*"):
            if other.is_dir() and other.name != self.version:
                shutil.rmtree(other, ignore_errors=True)


class ExtractionCache:
    """Each article's extraction under ``root`` for one engine version (see the module docstring),
    as rows of one SQLite file, ``root/<version>.sqlite3``: (document key, sealed entry).

    Why rows and not a file per article: creating 5,000 files of 5 KB cost 1.7-4.4 CPU-s on the
    2-core machine (the kernel's work per file: more than the merge of the story), their rows in
    a few transactions 0.1-0.3, and a warm run reads them in 0.07 s. SQLite in WAL mode lets
    several processes read and write at once; a row is written whole or not at all. A file that
    is not a database (damaged, planted) is replaced at the first write; a cache that cannot be
    written (read-only, full, locked too long) is only slower."""

    def __init__(self, root: Path, version: str | None = None) -> None:
        self.root = root
        self.version = version or engine_version()
        self.file = root / f"{self.version}{_DATABASE}"
        self._connection: sqlite3.Connection | None = None
        self._readable = True
        self._writable = True

    @classmethod
    def in_data_dir(cls, data_dir: str | os.PathLike[str] | None = None) -> ExtractionCache:
        from .store import data_dir as where

        return cls(where(data_dir) / CACHE_FOLDER)

    def has(self, doc: Document) -> bool:
        """Whether ``doc`` has an entry (whole or not): a sign that the run is a warm one."""
        return self._read(document_key(doc)) is not None

    def get(self, doc: Document) -> Extraction | None:
        """The cached extraction of ``doc``, or None (not cached, or a broken entry)."""
        entry = self._read(document_key(doc))
        return from_entry(doc, entry) if entry is not None else None

    def put(self, doc: Document, entry: bytes | None) -> None:
        """Keep an entry (from :func:`entry_bytes`; None, a failed extraction, is not kept)."""
        self.put_many([(document_key(doc), entry)])

    def put_many(self, entries: Iterable[tuple[str, bytes | None]]) -> None:
        """Keep (document key, entry) pairs in one transaction; None entries are not kept."""
        rows = [(key, entry) for key, entry in entries if entry is not None]
        if not rows or not self._writable:
            return
        try:
            with self._writer() as connection:  # one transaction
                connection.executemany("INSERT OR REPLACE INTO entries (key, entry) VALUES (?, ?)", rows)
        except (sqlite3.Error, OSError) as exc:
            self._writable = False
            log.warning("the cache in %s cannot be written (%s); going on without it", self.root, exc)

    def _read(self, key: str) -> bytes | None:
        try:
            connection = self._reader()
            row = connection.execute(_SELECT, (key,)).fetchone() if connection is not None else None
        except sqlite3.Error:  # damaged, planted or locked: a miss
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def _reader(self) -> sqlite3.Connection | None:
        """The connection, when the file exists (a read never creates it) and could be opened."""
        if self._connection is None and self._readable and self.file.is_file():
            try:
                self._connection = _connect(self.file)
            except sqlite3.Error:
                self._readable = False  # not tried again for every article; a write may replace it
        return self._connection

    def _writer(self) -> sqlite3.Connection:
        """The connection, the file made if need be. The first write of this version removes the
        other versions' files (and the folders of the older layout, a file per entry); a file of
        this version that is not a database is made again."""
        if self._connection is None:
            self.root.mkdir(parents=True, exist_ok=True)
            if not self.file.exists():
                self._prune()
            try:
                self._connection = _connect(self.file)
            except sqlite3.OperationalError:  # locked, read-only, full: not broken
                raise
            except sqlite3.DatabaseError:  # not a database
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.file}{suffix}").unlink(missing_ok=True)
                self._connection = _connect(self.file)
        return self._connection

    def _prune(self) -> None:
        for other in self.root.iterdir():
            if other.name.startswith(self.file.name):
                continue
            if other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
            else:
                other.unlink(missing_ok=True)


_SELECT = "SELECT entry FROM entries WHERE key = ?"


def _connect(path: Path) -> sqlite3.Connection:
    """An extraction database, in WAL mode (readers and a writer at once), its table made."""
    connection = sqlite3.connect(path, timeout=_BUSY_SECONDS)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may cost its last rows, never whole ones
        connection.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, entry BLOB NOT NULL)")
    except BaseException:
        connection.close()
        raise
    return connection


class StoryCache:
    """What a story or a chart of many articles took, beyond their extractions, under ``root``
    for one engine and merge version (``kind``: "story", the merged story of the ``story``
    command; "chart", the documents and drawn events of ``render``, one per happening).

    An entry is named by each article's key and file name, in order, as the caller read them
    (before extraction): the same articles under the same code give the same answer, and a warm
    run finds it without loading their extractions. Its documents are the caller's (with the
    publication date the engine detected), so an entry holds no article text. An answer with a
    failed extraction in it is not kept: that article is extracted again next time. Only the
    ``keep`` entries used last are kept (a story of 5,000 articles is about 12 MB)."""

    def __init__(self, root: Path, version: str, keep: int = STORIES_KEPT) -> None:
        self.root = root
        self._entries = _Folder(root, version, keep)

    @classmethod
    def in_data_dir(cls, data_dir: str | os.PathLike[str] | None = None, kind: str = "story") -> StoryCache:
        from .store import data_dir as where

        return cls(where(data_dir) / _KINDS[kind][0], work_version(kind))

    @staticmethod
    def key(documents: Iterable[Document]) -> str:
        h = hashlib.sha256()
        for doc in documents:
            h.update(f"\0{document_key(doc)}\0{doc.source}".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, documents: Sequence[Document], expect: type) -> Any:
        """The answer kept for these documents (an ``expect``), or None."""
        entry = self._entries.read(self.key(documents))
        body = _opened(entry) if entry is not None else None
        if body is None:
            return None
        try:
            found = _Unpickler(body, _STORY_RESULTS, tuple(documents)).load()
        except Exception:  # noqa: BLE001 - whatever a damaged entry does, it is only a miss
            return None
        return found if isinstance(found, expect) else None

    def put(self, documents: Sequence[Document], extractions: Sequence[Extraction], answer: Any) -> None:
        """Keep ``answer``, worked out from ``extractions`` of ``documents`` (in the same order)."""
        if any(x.error for x in extractions):
            return
        position = {id(x.document): (i, x.document.published, x.document.published_source)
                    for i, x in enumerate(extractions)}
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = (  # type: ignore[method-assign]
            lambda obj: position.get(id(obj)) if isinstance(obj, Document) else None)
        pickler.dump(answer)
        self._entries.write(self.key(documents), _sealed(out.getvalue()))


# ---------------------------------------------------------------- many articles

Extract = Callable[[Iterable[Document], int], Iterator[tuple[bytes | None, Extraction | None]]]


def extract_all(documents: Iterable[Document], count: int, store: ExtractionCache | None,
                extract: Extract, each: Callable[[Extraction], object] = lambda x: None) -> list[Extraction]:
    """Every document's extraction, in order: from ``store`` when it has it, else by ``extract``
    (``extract(documents, how_many)`` yields :func:`extract_entry` of each, in order), kept in
    ``store`` for next time. ``each`` is called with every extraction as soon as it is there
    (the caller's own work on one article, done while the others are extracted).

    Documents are read lazily. When the first one is not cached (a cold run) the others are
    read while the first ones are extracted; when it is (a warm run), every one is looked up
    first, so ``extract`` learns how few are left and need not start a pool for them."""
    done: list[Extraction | None] = []
    waiting: deque[tuple[int, Document]] = deque()

    def misses() -> Iterator[Document]:
        for doc in documents:
            x = store.get(doc) if store is not None else None
            done.append(x)
            if x is not None:
                each(x)
            else:
                waiting.append((len(done) - 1, doc))
                yield doc

    todo: Iterator[Document] = misses()
    first = next(todo, None)
    if first is None:
        return done  # type: ignore[return-value] - every one was cached
    if len(done) > 1:  # the first ones were cached: look the rest up before deciding how to extract
        todo = iter([first, *todo])
        count = len(waiting)
    else:
        todo = chain([first], todo)
    kept: list[tuple[str, bytes | None]] = []  # written a few hundred at a time: one transaction each
    try:
        for entry, failed in extract(todo, count):
            i, doc = waiting.popleft()
            if store is not None:
                kept.append((document_key(doc), entry))
                if len(kept) >= ROWS_PER_WRITE:
                    store.put_many(kept)
                    kept.clear()
            done[i] = failed or _whole(doc, entry)
            each(done[i])  # type: ignore[arg-type] - just filled
    finally:
        if store is not None:
            store.put_many(kept)
    return done  # type: ignore[return-value] - every slot is filled


def _whole(doc: Document, entry: bytes | None) -> Extraction:
    x = from_entry(doc, entry) if entry is not None else None
    if x is None:  # an entry just made is whole: this would be a bug, never a wrong answer
        raise RuntimeError("an extraction was damaged on its way back from a worker")
    return x
