"""Fuzz the date engine: hostile and odd text must give a result that keeps every promise.

    python benchmarks/fuzz.py [--seconds 60 | --inputs 1000000] [--seed 1] [--first 0] [--workers 2]

A seeded generator (so a failure is reproducible from its seed and index) mixes four
kinds of input: arbitrary unicode, soup of date tokens (huge counts, BC years,
thousands separators, paragraph breaks in odd places), sentences written here and
mutated, and repeats; each is read with no publication date, an ordinary one, or one
at the calendar's edge (0001-01-01, 9999-12-31, the sane range's ends). Invariants:

- no exception (an engine bug shows as ``Extraction.error`` and a logged traceback);
- every expression's span indexes the text and lies inside one sentence, so none
  crosses a paragraph break or a sentence end;
- every event's expression lies inside the event's sentence; labels are never empty;
  an event's start is not after its end;
- TIMEX3 values are well formed for their type.

``--seconds`` is a time budget (CI runs a few seconds through tests/test_fuzz.py); the
first violations are printed with the input that caused them.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_app.model import Document, Extraction
from timeline_app.pipeline import extract_document
from timeline_app.sentences import sentence_spans

# ---------------------------------------------------------------- TIMEX3 well-formedness

_YEAR = r"(?:BC)?(?:\d{4}|XXXX)"
_TIME_PART = r"T(?:\d\d(?::\d\d){0,2}|MO|MI|AF|EV|NI|DT)"
_DATE_VALUE = re.compile(
    rf"^(?:{_YEAR}(?:-(?:\d\d|XX)(?:-(?:\d\d|XX)(?:{_TIME_PART})?)?"
    rf"|-W(?:\d\d|XX)(?:-WE|-\d(?:{_TIME_PART})?)?|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?"
    rf"|(?:BC)?\d{{3}}|(?:BC)?\d{{2}}|PAST_REF|PRESENT_REF|FUTURE_REF"
    rf"|XXXX-XX-XXT(?:\d\d:\d\d|MO|MI|AF|EV|NI|DT))$")
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION_VALUE = re.compile(rf"^P(?=.)(?:{_AMOUNT}[YMWDQ])*(?:T(?:{_AMOUNT}[HMS])+)?$")
_SET_VALUE = re.compile(r"^(?:P(?:T)?\d+(?:\.\d+)?[YMWDHSQ]|XXXX-WXX-(?:\d|WE)|XXXX-\d\d|XXXX-(?:SP|SU|FA|WI)|XXXX-XX|"
                        r"XXXX-XX-XXT(?:MO|MI|AF|EV|NI|DT))$")
WELL_FORMED = {"DATE": _DATE_VALUE, "TIME": _DATE_VALUE, "DURATION": _DURATION_VALUE, "SET": _SET_VALUE}


def violations(x: Extraction) -> list[str]:
    """Every broken promise in one extraction, as short descriptions."""
    text = x.document.text
    found: list[str] = []
    if x.error:
        found.append("exception")
        return found
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    for t in x.expressions:
        if not (0 <= t.start < t.end <= len(text)) or text[t.start:t.end] != t.text:
            found.append(f"span does not index the text: {t.text!r}")
            continue
        s, e = _sentence(sentences, starts, t.start)
        if not (s <= t.start and t.end <= e):
            kind = "paragraph break" if re.search(r"\n\s*\n", t.text) else "sentence end"
            found.append(f"expression across a {kind}: {t.text!r}")
        if not WELL_FORMED[t.type].match(t.value):
            found.append(f"malformed {t.type} value {t.value!r} for {t.text!r}")
    for ev in x.events:
        if not ev.label.strip():
            found.append(f"empty label for event {ev.id}")
        if not (0 <= ev.sentence_start <= ev.sentence_end <= len(text)):
            found.append(f"event sentence does not index the text: {ev.id}")
        if _moment(ev.start) > _moment(ev.end):
            found.append(f"event starts after it ends: {ev.id}")
        if 0 <= ev.expression < len(x.expressions):
            t = x.expressions[ev.expression]
            if not (ev.sentence_start <= t.start and t.end <= ev.sentence_end):
                found.append(f"expression outside its event's sentence: {t.text!r}")
    return found


def _moment(point: date | datetime) -> datetime:
    return point if isinstance(point, datetime) else datetime(point.year, point.month, point.day)


def _sentence(sentences: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    i = bisect_right(starts, offset) - 1
    return sentences[i] if i >= 0 else (0, 0)


# ---------------------------------------------------------------- inputs

SENTENCES = (
    "The strike began on Dec. 16, 2011, and ended the following day.",
    "Police said two people were killed on Wednesday in the village.",
    "The city was founded 2,500 years ago by traders.",
    "Emperor Augustus died in AD 14; the temple was built in AD 1.",
    "The fort dates from the first century AD and fell in 410 BC.",
    "A seven-month labor dispute ended at 10 p.m. on Friday.",
    "The vote is set for July 2 and the result is due by the end of the year.",
    "Talks resumed last week, three years after they collapsed in March 2009.",
    "Between 12 and 18 months later, the 20th anniversary of independence was marked.",
    "In the third quarter of 2011 profits rose; a year earlier they fell.",
    "The siege lasted from 22-25 April 1951 until the winter of 1952-53.",
    "He will return next Monday, two days before Christmas.",
    "Dec. 16 - home match against the visitors (7 p.m.)",
    "The 1990s were quiet; the 2000s less so, and 25 centuries ago nobody cared.",
    "Published: 26 January 2012. Updated Thursday at 09:30.",
    "The company said on Tuesday its fiscal 2012 first-half results would follow in May.",
    "Over the past decade, every Monday, the market opened at dawn.",
    "Sparta won in 404 BC. Athens had lost 2000 years earlier.",
    "It happened 99999999999999999999 years ago, or 688130814 decades later.",
)
TOKENS = (
    "Dec.", "December", "Jan", "March", "May", "Monday", "Saturday", "Tuesday", "today", "yesterday",
    "tomorrow", "the following day", "that day", "last", "next", "this", "the", "of", "in", "on", "ago", "later",
    "earlier", "before", "after", "BC", "AD", "B.C.", "A.D.", "century", "centuries", "decade", "decades",
    "-decade", "-day", "-year", "-month", "years", "year", "months", "weeks", "days", "hours", "minutes",
    "quarter", "Q3", "first", "second", "third", "half", "spring", "summer", "winter", "fall", "Christmas",
    "Easter", "Thanksgiving", "anniversary", "p.m.", "a.m.", "noon", "morning", "night", "weekend", "fiscal",
    "2011", "1951", "1957-58", "22-25", "16", "31", "0", "1", "14", "404", "2,500", "50,000", "1,000,000",
    "9999", "10000", "960727", "688130814", "99999999999999999999", "1e400", "½", "1/2", "twenty-one", "seven",
    "a", "an", "few", "several", "between", "and", "to", "until", "since", "about", "mid-", "early", "late",
    "-", "–", ",", ".", ";", ":", "(", ")", "\"", "'s", "\n", "\n\n", " \n \n", "...", "!", "?",
)
_UNICODE = "aZ09 \n\t.,;:-–—()[]\"'“”’/\\%$€#@&*+=<>|~^_`{}\u00a0\u2028\u2029\u200b\u0301éß日本語ﬁ🗓\ud7ff\ufeff"
PUBLISHED_EXTREMES = (date(1, 1, 1), date(1, 1, 7), date(9999, 12, 31), date(9999, 12, 25),
                      date(1000, 1, 1), date(2999, 12, 31))


def unicode_text(rng: random.Random) -> str:
    n = rng.randint(0, 120)
    if rng.random() < 0.5:
        return "".join(rng.choice(_UNICODE) for _ in range(n))
    return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(n // 4)).encode("utf-8", "replace").decode("utf-8")


def token_soup(rng: random.Random) -> str:
    parts = [rng.choice(TOKENS) for _ in range(rng.randint(1, 30))]
    return "".join(p + rng.choice((" ", " ", " ", "", "\n", "\n\n", ". ", ", ")) for p in parts)


def mutated_sentences(rng: random.Random) -> str:
    text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 4)))
    for _ in range(rng.randint(0, 6)):
        text = _mutate(rng, text)
    return text


def _mutate(rng: random.Random, text: str) -> str:
    if not text:
        return rng.choice(TOKENS)
    i = rng.randrange(len(text) + 1)
    j = min(len(text), i + rng.randint(0, 12))
    kind = rng.randrange(7)
    if kind == 0:
        return text[:i] + text[j:]  # delete
    if kind == 1:
        return text[:i] + rng.choice(("\n\n", "\n", ". ", "! ", "? ", " - ")) + text[i:]  # break
    if kind == 2:
        return text[:i] + rng.choice(TOKENS) + " " + text[i:]  # insert a token
    if kind == 3:
        return re.sub(r"\d+", lambda _: str(rng.choice((0, 1, 9999, 10000, 10 ** rng.randint(1, 25)))), text, count=1)
    if kind == 4:
        return text[:i] + text[i:j] * rng.randint(2, 5) + text[j:]  # repeat a piece
    if kind == 5:
        return text[:i] + text[i:j].upper() + text[j:]
    return text[:i] + rng.choice(_UNICODE) + text[i:]


GENERATORS = (unicode_text, token_soup, mutated_sentences, mutated_sentences)


def published_date(rng: random.Random) -> date | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.8:
        return date(1990, 1, 1) + timedelta(days=rng.randrange(40 * 366))
    if roll < 0.9:
        return rng.choice(PUBLISHED_EXTREMES)
    return date(1, 1, 1) + timedelta(days=rng.randrange((date(9999, 12, 31) - date(1, 1, 1)).days + 1))


def make_input(seed: int, index: int) -> Document:
    """Input ``index`` of the run seeded ``seed``: the same pair always gives the same document."""
    rng = random.Random(seed * 1_000_003 + index)
    text = rng.choice(GENERATORS)(rng)
    pub = published_date(rng)
    return Document(text, pub, "given" if pub else None, id=f"fuzz-{seed}-{index}")


# ---------------------------------------------------------------- running


@dataclass
class Report:
    inputs: int = 0
    exceptions: int = 0
    violations: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    sites: Counter[str] = field(default_factory=Counter)

    def add(self, other: Report) -> None:
        self.inputs += other.inputs
        self.exceptions += other.exceptions
        self.violations += other.violations
        self.kinds.update(other.kinds)
        self.sites.update(other.sites)
        self.examples += other.examples[: max(0, 20 - len(self.examples))]


class _Sites(logging.Handler):
    """Where the pipeline's logged bugs were raised: file and line of the innermost frame."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.last: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        import traceback

        if record.exc_info and record.exc_info[2]:
            frame = traceback.extract_tb(record.exc_info[2])[-1]
            self.last = f"{Path(frame.filename).name}:{frame.lineno} {record.exc_info[0].__name__}"


def run(seed: int, start: int, stop: int, deadline: float) -> Report:
    """Inputs ``start``..``stop`` of the seed, until ``deadline`` (time.monotonic())."""
    sites = _Sites()
    logger = logging.getLogger("timeline_app.pipeline")
    logger.addHandler(sites)
    logger.propagate = False
    report = Report()
    try:
        for index in range(start, stop):
            if index % 64 == 0 and time.monotonic() > deadline:
                break
            doc = make_input(seed, index)
            sites.last = None
            problems = violations(extract_document(doc))
            report.inputs += 1
            if not problems:
                continue
            if "exception" in problems:
                report.exceptions += 1
                report.sites[sites.last or "?"] += 1
            else:
                report.violations += 1
            kinds = {re.sub(r" '.*| [\w-]+:\d.*|:.*", "", p) for p in problems}
            if len(report.examples) < 20 and not kinds <= set(report.kinds):
                report.examples.append(f"seed {seed} index {index} published {doc.published}: "
                                       f"{problems[0]} in {doc.text[:160]!r}")
            report.kinds.update(kinds)
    finally:
        logger.removeHandler(sites)
        logger.propagate = True
    return report


def _worker(args: tuple[int, int, int, float]) -> Report:
    return run(*args)


def fuzz(seed: int, inputs: int, seconds: float, workers: int = 1, first: int = 0) -> Report:
    """Up to ``inputs`` inputs (from index ``first``) within ``seconds``, split over ``workers`` processes."""
    deadline = time.monotonic() + seconds
    if workers <= 1:
        return run(seed, first, first + inputs, deadline)
    chunk = 20_000
    jobs = [(seed, lo, min(first + inputs, lo + chunk), deadline) for lo in range(first, first + inputs, chunk)]
    total = Report()
    with multiprocessing.Pool(workers) as pool:
        for part in pool.imap_unordered(_worker, jobs):
            total.add(part)
            print(f"... {total.inputs:,} inputs, {total.exceptions:,} exceptions, {total.violations:,} with "
                  "violations", file=sys.stderr, flush=True)  # a run stopped early still says how far it got
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    parser.add_argument("--inputs", type=int, default=10 ** 9, help="stop after this many inputs")
    parser.add_argument("--first", type=int, default=0, help="index of the first input (runs can share a seed's range)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    args = parser.parse_args(argv)
    started, cpu = time.monotonic(), time.process_time()
    report = fuzz(args.seed, args.inputs, args.seconds, args.workers, args.first)
    print(f"{report.inputs:,} inputs in {time.monotonic() - started:.0f} s (main-process CPU "
          f"{time.process_time() - cpu:.0f} s): {report.exceptions:,} exceptions, "
          f"{report.violations:,} inputs with invariant violations")
    for kind, n in report.kinds.most_common():
        print(f"  {n:>8,}  {kind}")
    for site, n in report.sites.most_common(20):
        print(f"  {n:>8,}  raised at {site}")
    for example in report.examples:
        print("  e.g.", example)
    return 1 if report.exceptions or report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
