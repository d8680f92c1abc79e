"""The TempEval-3 Task A timex metric, as defined in the corpora README.

Gold and system expressions are paired one-to-one, greedily in text order, by
character overlap. A pair is a relaxed match; a pair with identical offsets is
a strict match. Counts are summed over the whole corpus (micro-average) before
P/R/F1 are computed, and type/value F1 are relaxed F1 scaled by the attribute
accuracy over the pairs. The pairs, misses and spurious expressions are kept so
that error analysis reads the very decisions the score was computed from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class Span(Protocol):
    """Anything with TIMEX3 offsets and attributes: a gold item or a system Timex."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


@dataclass(frozen=True)
class Pair:
    """A gold expression and the system expression it was matched with."""

    doc_id: str
    gold: Span
    system: Span

    @property
    def strict(self) -> bool:
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)

    @property
    def type_ok(self) -> bool:
        return self.gold.type == self.system.type

    @property
    def value_ok(self) -> bool:
        return self.gold.value == self.system.value


@dataclass(frozen=True)
class Unpaired:
    """A gold expression the system missed, or a system expression with no gold."""

    doc_id: str
    span: Span


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from match counts; empty denominators score 0."""

    matches: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matches / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matches / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Corpus-level scores and the decisions behind them."""

    gold: int = 0
    system: int = 0
    pairs: list[Pair] = field(default_factory=list)
    missed: list[Unpaired] = field(default_factory=list)
    spurious: list[Unpaired] = field(default_factory=list)

    @property
    def strict(self) -> PRF:
        return PRF(sum(p.strict for p in self.pairs), self.system, self.gold)

    @property
    def relaxed(self) -> PRF:
        return PRF(len(self.pairs), self.system, self.gold)

    @property
    def type_accuracy(self) -> float:
        return sum(p.type_ok for p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    @property
    def value_accuracy(self) -> float:
        return sum(p.value_ok for p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    @property
    def type_f1(self) -> float:
        return self.relaxed.f1 * self.type_accuracy

    @property
    def value_f1(self) -> float:
        return self.relaxed.f1 * self.value_accuracy


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _in_text_order(spans: Sequence[Span]) -> list[Span]:
    return sorted(spans, key=lambda s: (s.start, s.end))


def pair_document(gold: Sequence[Span],
                  system: Sequence[Span]) -> tuple[list[tuple[Span, Span]], list[Span], list[Span]]:
    """Pair one document: each gold, in text order, takes the first free overlapping system span.

    Returns (pairs, missed gold, spurious system).
    """
    golds, systems = _in_text_order(gold), _in_text_order(system)
    taken = [False] * len(systems)
    pairs: list[tuple[Span, Span]] = []
    missed: list[Span] = []
    first = 0  # systems before this index end before every remaining gold starts
    for g in golds:
        while first < len(systems) and systems[first].end <= g.start:
            first += 1
        match = next((j for j in range(first, len(systems))
                      if systems[j].start >= g.end or (not taken[j] and _overlaps(g, systems[j]))), None)
        if match is None or systems[match].start >= g.end:
            missed.append(g)
            continue
        taken[match] = True
        pairs.append((g, systems[match]))
    spurious = [s for s, used in zip(systems, taken, strict=True) if not used]
    return pairs, missed, spurious


def evaluate(documents: Iterable[tuple[str, Sequence[Span], Sequence[Span]]]) -> Evaluation:
    """Score (doc_id, gold, system) triples, micro-averaged over all documents."""
    result = Evaluation()
    for doc_id, gold, system in documents:
        pairs, missed, spurious = pair_document(gold, system)
        result.gold += len(gold)
        result.system += len(system)
        result.pairs.extend(Pair(doc_id, g, s) for g, s in pairs)
        result.missed.extend(Unpaired(doc_id, g) for g in missed)
        result.spurious.extend(Unpaired(doc_id, s) for s in spurious)
    return result
