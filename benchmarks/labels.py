"""Event labels as a reader sees them: how many carry a defect, by kind, and a sample to read.

    python benchmarks/labels.py [--corpora DIR] [--corpus webnews-dev te3-platinum wikiwars-dev]
                                [--sample 25] [--seed 7] [--show KIND] [--json]

Every article of each corpus is extracted as the app reads it (webnews-dev files through
``ingest.read_path``, publication date detected; the gold corpora with their creation date),
and every event label is checked for these defects:

- **other_date**: it holds the text of another DATE/TIME expression of its sentence (its own
  expression, and the two ends of its own range, are allowed only where the label names a
  span the expression itself is: "Two-week suspension"). "Jan. 9, 2012 that the plant closed"
  for "the following day" is one.
- **dangling**: it starts with punctuation, a possessive ending or a word that needs what came
  before ("and", "that", "'s close"), ends with a word that needs what follows ("to", "the",
  "Up to"), or opens a bracket or quote it never closes.
- **chrome**: page furniture: a footer or section line (``rules/chrome_en.toml``), an
  "Updated"/"Posted"/"Created" stamp, "N hours ago", a byline, a wire tag ("(Reuters) -"),
  share words.
- **empty**: nothing, or only stopwords, numbers and punctuation.
- **too_long**: the chart cannot draw it whole: its date and text do not fit the two lines of
  the default label style.

The word lists here are the measure's own (not the engine's data), so the engine cannot pass
by agreeing with itself. Labels cut with "…" by the engine are counted too (``cut``), as
information: a cut label is not a defect.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import corpora_root, load_corpus
from timeline_app.chrome import is_chrome
from timeline_app.figure import label_text
from timeline_app.ingest import read_path
from timeline_app.layout import LabelStyle, wrap
from timeline_app.model import Document, Event, Extraction
from timeline_app.pipeline import extract_document

KINDS = ("other_date", "dangling", "chrome", "empty", "too_long")
CORPORA = ("webnews-dev", "te3-platinum", "wikiwars-dev")

_FUNCTION = ("a an the of in on at to for with by from and or nor but between into onto its their his her "
             "our your my that which who whom whose as than until till since due rather instead just up about "
             "around during after before over under via per is are was were be been being has have had will "
             "would shall should can could may might must this these those if when where while because so").split()
_STARTS_BADLY = ("and or nor but that which who whom whose than as of to 's ’s").split()
_STOPWORDS = frozenset(_FUNCTION) | frozenset("it he she they we i you not no also said says".split())
_START_PUNCT = re.compile(r"^[\s,;:.)\]}–—\-/|'’]")
_END_PUNCT = re.compile(r"[,;:(\[{–—\-/|]$")
_CHROME = re.compile(
    r"(?:^|[(/|·•]\s*)(?:updated|posted|created|submit(?:ted)?|published|last modified)\b"
    r"|\b(?:updated|posted|created|submitted|published|modified)\s*:|(?-i:\s(?:Updated|Posted|Created|Submit)\b)"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b"
    r"|^\s*by\s+[A-Z][a-z]+\s+[A-Z][a-z]+\s*$"
    r"|\((?:reuters|ap|afp|upi|ians|pti|xinhua|[A-Z]{3,5})\)\s*[-–—]"
    r"|\b(?:share this|share on|tweet this|email this|print this|advertisement|read more|sign up|subscribe)\b"
    r"|\brefile\b|\bcorrects\b", re.I)
_STAMP = re.compile(r"^(?:(?:Published|Updated): |Article (?:published|updated)$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Checked:
    corpus: str
    doc_id: str
    label: str
    sentence: str
    defects: tuple[str, ...]
    cut: bool


def _others(x: Extraction, event: Event) -> list[str]:
    """The texts of the DATE/TIME expressions of the event's sentence other than its own."""
    own = x.expressions[event.expression] if 0 <= event.expression < len(x.expressions) else None
    return [t.text for t in x.expressions
            if t.type in ("DATE", "TIME") and event.sentence_start <= t.start < event.sentence_end
            and t is not own and not (own and t.start < own.end and own.start < t.end)]


def _holds(label: str, phrase: str) -> bool:
    phrase = phrase.strip(" ,.;:")
    if len(phrase) < 3 and not phrase.isdigit():
        return False
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", label) is not None


def defects(x: Extraction, event: Event) -> tuple[str, ...]:
    """The defect kinds of one event's label (see the module docstring)."""
    label = event.label.removesuffix("…").strip()
    sentence = x.document.text[event.sentence_start:event.sentence_end].lstrip()
    found: list[str] = []
    own = x.expressions[event.expression] if 0 <= event.expression < len(x.expressions) else None
    if any(_holds(label, other) for other in _others(x, event)) and not (own and own.text in label and own.type == "DURATION"):
        found.append("other_date")
    words = label.split()
    first = words[0].lower().strip("\"“”(") if words else ""
    last = words[-1].lower().strip("\"“”)") if words else ""
    unbalanced = label.count("(") != label.count(")") or label.count("“") != label.count("”") or label.count('"') % 2
    opens = words and sentence.startswith(words[0])  # "That helped ..." starts its sentence: no cut there
    if words and (_START_PUNCT.match(label) or (first in _STARTS_BADLY and not opens) or first.startswith(("'s", "’s"))
                  or (not event.label.endswith("…") and last in _FUNCTION) or _END_PUNCT.search(label) or unbalanced):
        found.append("dangling")
    said = _STAMP.sub("", label)  # "Published: <headline>" is a label the engine means
    if said and (is_chrome(said) or _CHROME.search(said)):
        found.append("chrome")
    if not [w for w in _WORD.findall(label) if w.lower() not in _STOPWORDS]:
        found.append("empty")
    drawn = " ".join(label_text([event]).split())
    if len(" ".join(wrap(drawn, LabelStyle().max_chars))) < len(drawn):  # the chart cuts it
        found.append("too_long")
    return tuple(found)


def extractions(name: str, root: Path) -> Iterator[Extraction]:
    """Every article of a corpus, extracted as the app reads it."""
    if name == "webnews-dev":
        for path in sorted((root / name / "texts").glob("*.txt")):
            yield extract_document(read_path(path, doc_id=path.stem))
        return
    for doc in load_corpus(name, root):
        yield extract_document(Document(doc.text, doc.published, "given" if doc.published else None, id=doc.id))


def check(names: Sequence[str], root: Path) -> list[Checked]:
    out = []
    for name in names:
        for x in extractions(name, root):
            text = x.document.text
            for e in x.events:
                sentence = " ".join(text[e.sentence_start:e.sentence_end].split())
                out.append(Checked(name, x.document.id, e.label, sentence, defects(x, e), e.label.endswith("…")))
    return out


def table(rows: list[Checked], names: Sequence[str]) -> str:
    head = "| corpus | labels | " + " | ".join(KINDS) + " | any defect | cut (info) |"
    lines = [head, "|" + "---|" * (len(KINDS) + 4)]
    for name in (*names, "all"):
        mine = [r for r in rows if name in ("all", r.corpus)]
        kinds = Counter(k for r in mine for k in r.defects)
        lines.append(f"| {name} | {len(mine)} | " + " | ".join(str(kinds[k]) for k in KINDS)
                     + f" | {sum(bool(r.defects) for r in mine)} | {sum(r.cut for r in mine)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=None, help="corpora folder (default ../shared/corpora)")
    parser.add_argument("--corpus", nargs="+", default=list(CORPORA), choices=CORPORA)
    parser.add_argument("--sample", type=int, default=25, help="labels of webnews-dev (else the first corpus) to print")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", choices=KINDS, help="print every label with this defect")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    root = corpora_root(args.corpora)
    rows = check(args.corpus, root)
    if args.json:
        print(json.dumps({name: dict(Counter(k for r in rows if r.corpus == name for k in r.defects))
                          for name in args.corpus}, indent=1))
        return 0
    print(table(rows, args.corpus))
    if args.show:
        print(f"\nlabels with {args.show}:")
        for r in rows:
            if args.show in r.defects:
                print(f"  [{r.corpus} {r.doc_id}] {r.label!r}\n      <- {r.sentence[:160]}")
    pool = [r for r in rows if r.corpus == args.corpus[0]]
    if args.sample and pool:
        print(f"\nsample of {min(args.sample, len(pool))} {args.corpus[0]} labels (seed {args.seed}):")
        for r in random.Random(args.seed).sample(pool, min(args.sample, len(pool))):
            mark = f"  [{', '.join(r.defects)}]" if r.defects else ""
            print(f"  {r.label!r}{mark}\n      <- {r.sentence[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
