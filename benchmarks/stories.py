"""How well `story` merges several articles into one chronology, against stories-dev's gold.

    python benchmarks/stories.py [--corpora DIR] [--detect-published] [--show] [--errors] [--diagnose]
    python benchmarks/stories.py --scale 5000 [--corpora DIR]

For each gold story its articles run through the same pipeline as the CLI (publication dates
from the gold, or detected with --detect-published), then ``build_story`` merges them. Scores:

* **pairwise links**: every two gold dates of one story that our story puts in one event are a
  predicted link; a link is right when both are mentions of the same gold event. Precision is
  over predicted links among all gold dates (a counterfactual or an age merged into an event
  is a wrong link), recall over the gold's links. A gold date is found when one of our events'
  expressions overlaps it; "aligned recall" counts only the links between found dates, which is
  what the merging itself can get right whatever the date engine misses.
* **conflicts**: a gold conflict is found when one of our events holds two of its claims in
  different alternatives. Date and count conflicts are counted apart: a count ("26 days"
  against "25 days" in custody) shows as the two spans it measures, only when the counts
  are durations (not "once" against "twice").
* **wrong merges**: our events whose found dates belong to two or more gold happenings.
* **dates** (one line under the table): every gold expression but the date lines and ages, judged
  by webnews.py's judge against the engine's expressions (right, imprecise, wrong, missed), with
  precision (right among the dated answers) and the expressions that overlap no gold date
  (spurious); ``--errors`` lists the ones not right.

``--diagnose`` sorts the gold links we miss by the first thing that loses them: a mention with no
source (its phrase not tagged, or tagged but dating nothing: an offset, a vague count, "now"), a
mention dated wrong (our source's day is not the gold's, nor its alt's: durations are not judged),
or the merge (both found and rightly dated, yet in two events: in one sentence, one article or
two; dates compatible or not; sentence cosine below or above MERGE_SIMILARITY), then lists the
mentions behind the first two with their article and phrase (the date engine's to fix).

Targets (issue 11): precision and recall at least 0.85, every gold conflict found.

``--scale N`` times ``build_story`` alone (wall and CPU seconds) on N articles: TBAQ's texts,
extracted once, repeated with new document ids (so each happening is reported N/183 times), at
N/4, N/2 and N, to show how the merge grows (issue 12 part 4: thousands of articles); once as
exact copies, once reworded (no sentence repeated word for word, so copies cannot fold).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import corpora_root
from benchmarks.harness import markdown_table, pct
from benchmarks.webnews import Article, Case, _gold, format_case, score_webnews
from timeline_app.model import Document, Extraction
from timeline_app.pipeline import extract_document
from timeline_app import story as story_module
from timeline_app.sentences import sentence_spans
from timeline_app.similarity import pair_similarity
from timeline_app.story import Source, Story, StoryEvent, build_story, compatible

Key = tuple[str, str, int]  # (file, phrase, occurrence): a gold date


@dataclass
class Score:
    """Counts for one story (or the total)."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    aligned_gold: int = 0
    dates: int = 0
    found: int = 0
    date_conflicts: int = 0
    conflicts_found: int = 0
    count_conflicts: int = 0
    count_conflicts_found: int = 0
    our_conflicts: int = 0
    wrong_merges: int = 0
    events: int = 0
    missed: list[str] = field(default_factory=list)
    date_cases: list[Case] = field(default_factory=list)  # each scored gold expression, judged
    spurious: int = 0  # our expressions that overlap no gold expression
    causes: Counter[str] = field(default_factory=Counter)  # --diagnose: missed gold links by cause
    engine: list[str] = field(default_factory=list)  # --diagnose: mentions with no source or a wrong date

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def occurrence_span(text: str, phrase: str, occurrence: int) -> tuple[int, int] | None:
    """The README's rule: the n-th raw, case-sensitive, non-overlapping match in the whole file."""
    at, start = -1, 0
    for _ in range(occurrence + 1):
        at = text.find(phrase, start)
        if at < 0:
            return None
        start = at + len(phrase)
    return at, at + len(phrase)


def _where(story: Story, spans: dict[Key, tuple[str, int, int]]) -> dict[Key, tuple[int, int]]:
    """For each gold date, (our event index, alternative index) of the source that overlaps it most."""
    found: dict[Key, tuple[int, int]] = {}
    best: dict[Key, int] = {}
    by_doc: dict[str, list[tuple[Key, int, int]]] = defaultdict(list)
    for key, (doc, s, e) in spans.items():
        by_doc[doc].append((key, s, e))
    for k, event in enumerate(story.events):
        for src in event.sources:
            for key, s, e in by_doc[src.doc_id]:
                overlap = min(e, src.expression_end) - max(s, src.expression_start)
                if overlap > best.get(key, 0):
                    best[key] = overlap
                    found[key] = (k, _alternative(event, src.mention))
    return found


def _alternative(event: StoryEvent, mention: str) -> int:
    if event.conflict is None:
        return 0
    return next(k for k, alt in enumerate(event.conflict.alternatives) if mention in alt.mentions)


def _errors(gold: dict, story: Story, spans: dict[Key, tuple[str, int, int]], where: dict[Key, tuple[int, int]],
            happening: dict[Key, str]) -> None:
    """Each gold happening with where its mentions went, then each of our events that joins several.

    A mention is shown as ``[k]`` (our event k), ``[k/a]`` (alternative a of a conflict) or ``[-]``
    (not found: no expression of ours, or one that made no source), with its sentence.
    """
    def line(key: Key) -> str:
        k = where.get(key)
        mark = "-" if k is None else (f"{k[0]}/{k[1]}" if story.events[k[0]].conflict else str(k[0]))
        src = None if k is None else next(s for s in story.events[k[0]].sources if s.doc_id == key[0] and
                                           s.expression_start < spans[key][2] and spans[key][1] < s.expression_end)
        when = "" if src is None else f" {src.start.isoformat()}"
        sentence = "" if src is None else " | " + " ".join(src.sentence.split())[:110]
        return f"    [{mark}] {key[0][:2]} {key[1]!r}{when}{sentence}"
    print(f"## {gold['story']}")
    for ev in gold["events"]:
        keys = [k for m in ev["mentions"] if (k := (m["file"], m["phrase"], m["occurrence"])) in spans]
        ours = {where[k][0] for k in keys if k in where}
        verdict = "ok" if len(ours) == 1 and all(k in where for k in keys) else "split" if len(ours) > 1 else "partial"
        print(f"  {ev['id']} {ev['start']} {verdict}: {ev['label'][:70]}")
        for k in keys:
            print(line(k))
    members: dict[int, list[Key]] = defaultdict(list)
    for key, (k, _) in where.items():
        members[k].append(key)
    for k, keys in sorted(members.items()):
        if len({happening.get(key, f"none:{key}") for key in keys}) > 1:
            print(f"  wrong merge: our event {k} {story.events[k].start.isoformat()} {story.events[k].label[:60]}")
            for key in sorted(keys):
                print(f"  {happening.get(key, 'none')}" + line(key))


def _dated_right(gold_date: dict, src: Source) -> bool:
    """Does our source give the gold's date (or its alt's) at the gold's precision? Durations pass, and
    so does either end of a range told by its two ends (its sources take the whole span)."""
    values = [gold_date["value"]] + ([gold_date["alt"]["value"]] if gold_date.get("alt") else [])
    if values[0].startswith("P"):
        return True
    for point in (src.start, src.end):
        ours = point.isoformat()
        year, week, _ = point.isocalendar()
        if any(f"{year}-W{week:02d}" == v if "W" in v else ours.startswith(v[:10]) for v in values
               if not v.startswith("P")):
            return True
    return False


def _diagnose(score: Score, story_name: str, extractions: list[Extraction], story: Story,
              spans: dict[Key, tuple[str, int, int]], gold_dates: dict[Key, dict], where: dict[Key, tuple[int, int]],
              happening: dict[Key, str]) -> None:
    """Count each missed gold link under the first thing that loses it (see the module docstring)."""
    import numpy as np

    texts = {x.document.id: x for x in extractions}
    source_of: dict[Key, Source] = {}
    for key, (k, _) in where.items():
        doc, s, e = spans[key]
        source_of[key] = max((src for src in story.events[k].sources if src.doc_id == doc),
                             key=lambda src: min(e, src.expression_end) - max(s, src.expression_start))
    sentences = {x.document.id: sentence_spans(x.document.text) for x in extractions}
    articles = [story_module.article_sources(x) for x in extractions]
    sources, dateline, detail = story_module._sources(articles)
    parts = story_module._own_parts(sources, dateline, detail)
    vectors = story_module._vectors(sources, articles, sentences, parts)[0]
    row = {src.mention: k for k, src in enumerate(sources)}

    def lost(key: Key) -> tuple[str, str] | None:
        if key not in where:
            doc, s, e = spans[key]
            tagged = [t for t in texts[doc].expressions if t.start < e and s < t.end]
            if not tagged:
                return "no source: not tagged", ""
            return "no source: tagged, dates nothing", f"{tagged[0].text!r} {tagged[0].value}"
        if not _dated_right(gold_dates[key], source_of[key]):
            return "wrong date", f"ours {source_of[key].start.isoformat()}, gold {gold_dates[key]['value']}"
        return None

    engine: dict[Key, str] = {}
    for a, b in combinations(sorted(spans), 2):
        if a not in happening or happening[a] != happening.get(b) or (
                a in where and b in where and where[a][0] == where[b][0]):
            continue
        found = [(key, why) for key in (a, b) if (why := lost(key)) is not None]
        if found:
            cause = min(why[0] for _, why in found)  # "no source: ..." sorts before "wrong date"
            for key, why in found:
                engine[key] = why[0] + (f" ({why[1]})" if why[1] else "")
        else:
            x, y = source_of[a], source_of[b]
            apart = ("one sentence" if (x.doc_id, x.sentence_start) == (y.doc_id, y.sentence_start) else
                      "one article" if x.doc_id == y.doc_id else "two articles")
            cosine = float(pair_similarity(vectors, np.asarray([row[x.mention]]), np.asarray([row[y.mention]]))[0])
            cause = (f"merge: {apart}, dates {'compatible' if compatible(x, y) else 'incompatible'}, cosine "
                     f"{'<' if cosine < story_module.MERGE_SIMILARITY else '>='} {story_module.MERGE_SIMILARITY}")
        score.causes[cause] += 1
    score.engine += [f"{story_name} {key[0][:2]} {key[1]!r}: {why}" for key, why in sorted(engine.items())]


def score_story(gold: dict, root: Path, detect: bool, show: bool, errors: bool = False,
                diagnose: bool = False) -> Score:
    folder = root / "stories-dev" / gold["texts"]
    extractions = []
    spans: dict[Key, tuple[str, int, int]] = {}
    judged: list[Article] = []
    gold_dates: dict[Key, dict] = {}
    for article in gold["articles"]:
        text = (folder / article["file"]).read_text(encoding="utf-8")
        published = None if detect else date.fromisoformat(article["published"])
        doc = Document(text, published, "given" if published else None, id=article["file"],
                       title=text.split("\n", 1)[0], source=article["file"])
        extractions.append(extract_document(doc))
        judged.append(Article(article["file"], text, date.fromisoformat(article["published"]),
                              tuple(_gold(d, text) for d in article["dates"])))
        for d in article["dates"]:
            if d.get("kind") == "dct":
                continue  # a date line is never a mention of a happening
            span = occurrence_span(text, d["phrase"], d["occurrence"])
            if span:
                spans[(article["file"], d["phrase"], d["occurrence"])] = (article["file"], *span)
                gold_dates[(article["file"], d["phrase"], d["occurrence"])] = d
    story = build_story(extractions)
    happening: dict[Key, str] = {}
    for ev in gold["events"]:
        for m in ev["mentions"]:
            happening[(m["file"], m["phrase"], m["occurrence"])] = ev["id"]
    where = _where(story, spans)
    score = Score(dates=len(spans), found=len(where), events=len(story.events))
    ours = {x.document.text: x for x in extractions}  # the story's own extractions, judged as web news is
    expressions = score_webnews(lambda text, _published: ours[text], articles=judged)
    score.date_cases, score.spurious = expressions.cases, len(expressions.spurious)
    for a, b in combinations(sorted(spans), 2):
        same_gold = a in happening and happening.get(a) == happening.get(b)
        same_ours = a in where and b in where and where[a][0] == where[b][0]
        score.gold += same_gold
        score.aligned_gold += same_gold and a in where and b in where
        score.predicted += same_ours
        score.correct += same_gold and same_ours
        if show and same_ours != same_gold and (same_ours or (a in where and b in where)):
            print(f"  {'wrong link' if same_ours else 'missed link'}: {a} ~ {b}")
    members: dict[int, set[str]] = defaultdict(set)
    for key, (k, _) in where.items():
        members[k].add(happening.get(key, f"none:{key}"))
    score.wrong_merges = sum(len(m) > 1 for m in members.values())
    if errors:
        _errors(gold, story, spans, where, happening)
    if diagnose:
        _diagnose(score, gold["story"], extractions, story, spans, gold_dates, where, happening)
    score.our_conflicts = sum(1 for e in story.events if e.conflict is not None)
    for conflict in gold["conflicts"]:
        dated = conflict["kind"] == "date"
        score.date_conflicts += dated
        score.count_conflicts += not dated
        claims = {where[k] for v in conflict["values"] if (k := (v["file"], v["phrase"], v["occurrence"])) in where}
        if any(x[0] == y[0] and x[1] != y[1] for x, y in combinations(claims, 2)):
            score.conflicts_found += dated
            score.count_conflicts_found += not dated
        else:
            score.missed.append(f"{gold['story']} {conflict['id']}")
    return score


def _copies(x: Extraction, n: int, reworded: bool) -> Extraction:
    """The article ``x`` as its n-th copy: a new document id, its events' ids with it. Reworded,
    every fifth word (a different fifth for each copy) ends in another letter, outside the dates,
    so the copies are alike but no sentence is repeated word for word."""
    doc_id = f"{x.document.id}#{n}"
    events = tuple(replace(e, id=f"{doc_id}:{e.id}", doc_id=doc_id) for e in x.events)
    text = x.document.text
    if reworded and n:
        dated = [False] * len(text)
        for t in x.expressions:
            dated[t.start:t.end] = [True] * (t.end - t.start)
        chars = list(text)
        for k, m in enumerate(re.finditer(r"[a-z]{3,}", text)):
            if k % 5 == n % 5 and not dated[m.end() - 1]:
                chars[m.end() - 1] = chr(ord("a") + (ord(text[m.end() - 1]) - ord("a") + n) % 26)
        text = "".join(chars)
    return replace(x, document=replace(x.document, id=doc_id, text=text), events=events)


def scale(n: int, root: Path) -> int:
    """Time build_story on n articles made of the TBAQ texts repeated with new ids, as exact
    copies (syndicated wire copy) and reworded (every report of a happening worded a little apart)."""
    from benchmarks.corpora import load_corpus
    from timeline_app.pipeline import extract

    base = [extract(d.text, published=d.published, doc_id=d.id) for d in load_corpus("tbaq", root)]
    rows = []
    for reworded in (False, True):
        for size in sorted({max(1, n // 4), max(1, n // 2), n}):
            articles = [_copies(base[k % len(base)], k // len(base), reworded) for k in range(size)]
            wall, cpu = time.perf_counter(), time.process_time()
            story = build_story(articles)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            sources = sum(len(e.sources) for e in story.events)
            rows.append(["reworded" if reworded else "copies", f"{size:,}", f"{sources:,}", f"{len(story.events):,}",
                         f"{wall:.2f}", f"{cpu:.2f}", f"{1e6 * cpu / max(sources, 1):.0f}"])
    print(markdown_table(["set", "articles", "sources", "story events", "wall s", "CPU s", "CPU µs per source"], rows))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", metavar="DIR", help="corpora root folder (default: ../shared/corpora)")
    parser.add_argument("--detect-published", action="store_true",
                        help="detect each article's publication date instead of taking the gold's")
    parser.add_argument("--show", action="store_true", help="print every wrong and missed link")
    parser.add_argument("--errors", action="store_true",
                        help="list each gold happening with where its mentions went, and every wrong merge")
    parser.add_argument("--diagnose", action="store_true",
                        help="count the missed gold links by what loses them, and list the mentions the engine misses")
    parser.add_argument("--scale", type=int, metavar="N", help="time build_story on N articles (TBAQ repeated)")
    args = parser.parse_args(argv)
    root = corpora_root(args.corpora)
    if args.scale:
        return scale(args.scale, root)
    gold_path = root / "stories-dev" / "gold.json"
    if not gold_path.is_file():
        print(f"error: {gold_path} not found (set --corpora)", file=sys.stderr)
        return 2
    rows, total = [], Score()
    for story in json.loads(gold_path.read_text(encoding="utf-8"))["stories"]:
        if args.show:
            print(story["story"])
        s = score_story(story, root, args.detect_published, args.show, args.errors, args.diagnose)
        total.add(s)
        rows.append(_row(story["story"], s))
    rows.append(_row("**total**", total))
    print(markdown_table(["story", "precision", "recall", "aligned recall", "dates found", "date conflicts found",
                          "count conflicts found", "our conflicts", "wrong merges", "our events"], rows))
    if total.missed:
        print("conflicts missed: " + ", ".join(total.missed))
    print(_dates_line(total))
    if args.errors:
        print("\n".join(format_case(c) for c in total.date_cases if c.outcome != "right"))
    if args.diagnose:
        missed = total.gold - total.correct
        print(f"\nmissed gold links: {missed} of {total.gold}")
        print(markdown_table(["lost by", "links"], [[c, n] for c, n in sorted(total.causes.items())]))
        print("\nmentions behind 'no source' and 'wrong date':")
        print("\n".join(f"  {line}" for line in total.engine))
    return 0


def _dates_line(s: Score) -> str:
    n = {o: sum(c.outcome == o for c in s.date_cases) for o in ("right", "imprecise", "wrong", "missed")}
    answered, scored = n["right"] + n["imprecise"] + n["wrong"], max(len(s.date_cases), 1)
    return (f"dates: {len(s.date_cases)} gold expressions, {n['right']} right ({pct(n['right'] / scored)} %), "
            f"{n['imprecise']} imprecise, {n['wrong']} wrong, {n['missed']} missed; precision "
            f"{pct(n['right'] / answered if answered else 0)} % of {answered} dated; {s.spurious} spurious")


def _row(name: str, s: Score) -> list[object]:
    return [name, pct(s.correct / s.predicted if s.predicted else 0), pct(s.correct / s.gold if s.gold else 0),
            pct(s.correct / s.aligned_gold if s.aligned_gold else 0), f"{s.found}/{s.dates}",
            f"{s.conflicts_found}/{s.date_conflicts}", f"{s.count_conflicts_found}/{s.count_conflicts}", s.our_conflicts, s.wrong_merges, s.events]


if __name__ == "__main__":
    raise SystemExit(main())
