"""Loaders for the gold corpora: TimeML (TIMEX3) and WikiWars (inline TIMEX2).

Both formats are inline XML, so one code path serves them: parse with an XML
parser (which unescapes entities and turns CRLF into LF, exactly as the
TempEval offsets assume), flatten the body to its text content and remember
where each outermost timex element starts and ends in that text.

Run ``python benchmarks/corpora.py`` to load every corpus and check the counts
against the corpora README.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV_VAR = "TIMELINE_CORPORA"


@dataclass(frozen=True)
class Gold:
    """One gold temporal expression; offsets are Python str offsets into ``Doc.text``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class Doc:
    """A gold document: the text an extractor sees, its creation date and the answers."""

    id: str
    text: str
    published: date | None
    gold: list[Gold]


@dataclass(frozen=True)
class _Format:
    """What differs between TimeML and WikiWars: file names, tag names, attribute mapping."""

    pattern: str
    timex_tag: str
    dct_path: str
    annotate: Callable[[ET.Element], tuple[str, str, str | None]]  # -> (type, value, mod)


def _attr(element: ET.Element, name: str) -> str | None:
    """Attribute lookup ignoring case: WikiWars files spell ``val`` and ``VAL``."""
    for key, value in element.attrib.items():
        if key.lower() == name:
            return value
    return None


def _timex3(element: ET.Element) -> tuple[str, str, str | None]:
    return element.get("type", ""), element.get("value", ""), element.get("mod")


def timex2_type(value: str) -> str:
    """TIMEX2 has no type attribute; the README derives it from the value.

    One refinement of the README's rule: PRESENT_REF/PAST_REF/FUTURE_REF start
    with P and contain T, but are DATEs in TIMEX3 (115 WikiWars gold values).
    """
    if value.endswith("_REF"):
        return "DATE"
    if value.startswith("P"):
        return "DURATION"
    return "TIME" if "T" in value else "DATE"


def _timex2(element: ET.Element) -> tuple[str, str, str | None]:
    value = _attr(element, "val") or ""
    return timex2_type(value), value, _attr(element, "mod")


TIMEML = _Format("*.tml", "TIMEX3", ".//DCT/TIMEX3", _timex3)
WIKIWARS = _Format("*.key.xml", "TIMEX2", "./DATETIME/TIMEX2", _timex2)

CORPORA: dict[str, tuple[_Format, tuple[str, ...]]] = {
    "te3-platinum": (TIMEML, ("te3-platinum",)),
    "timebank": (TIMEML, ("TBAQ-cleaned/TimeBank",)),
    "aquaint": (TIMEML, ("TBAQ-cleaned/AQUAINT",)),
    "tbaq": (TIMEML, ("TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT")),
    "wikiwars-dev": (WIKIWARS, ("wikiwars-dev",)),
}

# (docs, scored gold timexes), checked by the self-check. The README's 2159 for
# WikiWars counts every TIMEX2 tag; 20 of them are nested inside another, and
# only the 2139 outermost ones are scored.
EXPECTED_COUNTS = {
    "te3-platinum": (20, 138),
    "timebank": (183, 1243),
    "aquaint": (73, 579),
    "wikiwars-dev": (16, 2139),
}


def corpora_root(override: str | Path | None = None) -> Path:
    """Flag beats environment beats the sibling checkout's ``shared/corpora``."""
    if override:
        return Path(override)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return REPO.parent / "shared" / "corpora"


def flatten(body: ET.Element, tag: str) -> tuple[str, list[tuple[int, int, ET.Element]]]:
    """Text content of ``body`` and the (start, end, element) of each outermost ``tag``.

    Nested elements of the same tag (TIMEX2 inside TIMEX2) are text only: the
    gold to score against is the outermost one.
    """
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    length = 0

    def emit(chunk: str | None) -> None:
        nonlocal length
        if chunk:
            parts.append(chunk)
            length += len(chunk)

    def visit(element: ET.Element, inside: bool) -> None:
        start = length
        emit(element.text)
        for child in element:
            visit(child, inside or element.tag == tag)
            emit(child.tail)
        if element.tag == tag and not inside:
            spans.append((start, length, element))

    visit(body, inside=False)
    spans.sort(key=lambda span: (span[0], span[1]))
    return "".join(parts), spans


def _published(root: ET.Element, fmt: _Format) -> date | None:
    dct = root.find(fmt.dct_path)
    value = None if dct is None else (_attr(dct, "value") or _attr(dct, "val"))
    return date.fromisoformat(value[:10]) if value else None


def parse_document(source: str | bytes, doc_id: str, fmt: _Format) -> Doc:
    """Parse one annotated file's XML into a Doc, checking every gold offset."""
    root = ET.fromstring(source)
    body = root.find(".//TEXT")
    if body is None:
        raise ValueError(f"{doc_id}: no <TEXT> element")
    text, spans = flatten(body, fmt.timex_tag)
    gold = []
    for start, end, element in spans:
        content = "".join(element.itertext())
        if text[start:end] != content:
            raise ValueError(f"{doc_id}: offset mismatch at {start}: {text[start:end]!r} != {content!r}")
        gold.append(Gold(start, end, content, *fmt.annotate(element)))
    return Doc(doc_id, text, _published(root, fmt), gold)


def _doc_id(path: Path) -> str:
    return path.name.split(".key.xml")[0].removesuffix(".tml")


def load_corpus(name: str, root: str | Path | None = None) -> list[Doc]:
    """All documents of a named corpus, sorted by id within each folder."""
    if name not in CORPORA:
        raise ValueError(f"unknown corpus {name!r}; choose from {', '.join(CORPORA)}")
    fmt, folders = CORPORA[name]
    base = corpora_root(root)
    docs: list[Doc] = []
    for folder in folders:
        paths = sorted((base / folder).glob(fmt.pattern))
        if not paths:
            raise FileNotFoundError(f"no {fmt.pattern} files in {base / folder} (set --corpora or ${ENV_VAR})")
        docs.extend(parse_document(path.read_bytes(), _doc_id(path), fmt) for path in paths)
    return docs


def main(argv: list[str] | None = None) -> int:
    """Load every corpus and compare its counts with the README's."""
    root = argv[0] if argv else None
    failures = 0
    for name, (docs_expected, gold_expected) in EXPECTED_COUNTS.items():
        docs = load_corpus(name, root)
        got = (len(docs), sum(len(d.gold) for d in docs))
        ok = got == (docs_expected, gold_expected)
        failures += not ok
        print(f"{name:14} docs={got[0]:4} gold={got[1]:5} expected={docs_expected}/{gold_expected} "
              f"{'ok' if ok else 'MISMATCH'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
