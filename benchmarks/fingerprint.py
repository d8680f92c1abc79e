"""A sha256 of the batch output over every corpus text: speed work must not change an answer.

    python benchmarks/fingerprint.py            # print the fingerprints, compare with the recorded ones
    python benchmarks/fingerprint.py --write    # record them in benchmarks/fingerprint.json

Every text of TBAQ, te3-platinum, wikiwars-dev (with their creation dates), and the
webnews-dev and stories-dev article files (read as the app reads a file, publication
date detected) goes through the pipeline; each result is serialized exactly as a
``batch`` output line, and the lines are hashed per corpus and all together.
A change that only makes the engine faster keeps every hash. A change of behaviour
(an accuracy fix) changes them on purpose: then rerun with ``--write``.
tests/test_batch_fingerprint.py compares against the recorded file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import corpora_root, load_corpus
from timeline_app.batch import result_line
from timeline_app.ingest import read_path
from timeline_app.model import Document
from timeline_app.pipeline import extract_document

RECORDED = Path(__file__).with_name("fingerprint.json")
GOLD_CORPORA = ("tbaq", "te3-platinum", "wikiwars-dev")
FILE_CORPORA = {"webnews-dev": "webnews-dev/texts/*.txt", "stories-dev": "stories-dev/*/*.txt"}


def documents(name: str, root: Path) -> Iterator[Document]:
    """The documents of one corpus, in a fixed order."""
    if name in GOLD_CORPORA:
        for doc in load_corpus(name, root):
            yield Document(doc.text, doc.published, "given" if doc.published else None, id=doc.id)
        return
    paths = sorted(root.glob(FILE_CORPORA[name]))
    if not paths:
        raise FileNotFoundError(f"no {FILE_CORPORA[name]} in {root}")
    for path in paths:
        yield read_path(path, doc_id=path.relative_to(root).as_posix())


def fingerprints(root: Path) -> dict[str, str]:
    """sha256 of the batch lines of each corpus, and of all of them in order ("all")."""
    everything = hashlib.sha256()
    out: dict[str, str] = {}
    for name in (*GOLD_CORPORA, *FILE_CORPORA):
        one = hashlib.sha256()
        for doc in documents(name, root):
            line = result_line(doc.id, extract_document(doc)).encode("utf-8")
            one.update(line)
            everything.update(line)
        out[name] = one.hexdigest()
    out["all"] = everything.hexdigest()
    return out


def recorded() -> dict[str, str]:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", metavar="DIR", help="corpora root (default: $TIMELINE_CORPORA or ../shared/corpora)")
    parser.add_argument("--write", action="store_true", help=f"record the fingerprints in {RECORDED.name}")
    args = parser.parse_args(argv)
    got = fingerprints(corpora_root(args.corpora))
    if args.write:
        RECORDED.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {RECORDED}")
    before = recorded() if RECORDED.exists() else {}
    for name, digest in got.items():
        mark = "" if not before else ("same" if before.get(name) == digest else "CHANGED")
        print(f"{name:14} {digest} {mark}")
    return 0 if not before or before == got else 1


if __name__ == "__main__":
    sys.exit(main())
