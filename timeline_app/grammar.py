"""Load the rule data (``rules/en.toml``) and compile it into matchers.

Rules and word lists are data, kept apart from code, so a linguist can add a
pattern with its examples without touching the resolver (the HeidelTime idea,
with our own rules). This module only expands macros and compiles.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from re._parser import parse as sre_parse  # type: ignore[import-not-found]  # the regex's own parse tree
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

RULES_PATH = Path(__file__).parent / "rules" / "en.toml"
_MACRO = re.compile(r"\{(W:[a-z_]+|[A-Z_]+)\}")
# A match may not start or end inside a word (nor run into "-style", "-old" and the like; a
# hyphen used as a dash before "the", "a", "and"... still ends it).
_LEFT = r"(?<![\w$£€#])"
_RIGHT = r"(?![\w]|-(?!(?:the|a|an|and|but|which|who|when|while|as|in|on|at|after|before)\b)[A-Za-z])"
_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Example:
    text: str
    expect: str
    value: str
    dct: str
    type: str | None = None
    mod: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    type: str
    regex: re.Pattern[str]
    order: int
    trigger: str
    value: str | None = None
    guard: str | None = None
    attach: str | None = None  # "before"/"after": the rule only matches beside a date made by a ``beside`` rule
    beside: tuple[str, ...] = ()
    examples: tuple[Example, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Trigger:
    """Tokens that announce a rule class: exact words, or a token pattern (digits)."""

    name: str
    words: frozenset[str]
    case_sensitive: bool = False
    token: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None


_MISSING = object()
_LOOKED_UP_MAX = 50_000  # phrases remembered (a few MB) before starting afresh


@dataclass(frozen=True)
class Grammar:
    rules: tuple[Rule, ...]
    words: dict[str, dict[str, Any]]
    triggers: tuple[Trigger, ...]
    ranges: dict[str, tuple[Rule, ...]] = field(default_factory=dict)  # rule id -> range rules beside it
    tense: dict[str, tuple[str, ...]] = field(default_factory=dict)  # cue kind -> regex pieces ([tense])
    guard_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # [guard_words]: the guards' context words
    # (table, phrase as matched) -> its entry: the resolver asks the same few phrases several times per date
    _looked_up: dict[tuple[str, str], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def word(self, table: str, key: str | None) -> Any:
        """Look a matched phrase up in a word table, ignoring case and spacing."""
        if key is None:
            return None
        memo = self._looked_up
        found = memo.get((table, key), _MISSING)
        if found is _MISSING:
            if len(memo) > _LOOKED_UP_MAX:
                memo.clear()
            found = memo[table, key] = self.words[table].get(" ".join(key.lower().split()))
        return found

    def number(self, s: str, half: bool = False) -> float | None:
        """'seven' -> 7, '2.5' -> 2.5, 'twenty-one' -> 21; None for 'several' (no exact size)."""
        s = " ".join(s.lower().replace(" and a half", "").split())
        if s.endswith(("1/2", "½")):
            s, half = s.removesuffix("1/2").removesuffix("½").strip(), True
        if self.word("vague_number", s):
            return None
        if _GROUPED_DIGITS.fullmatch(s):  # "50,000 years"
            n = float(s.replace(",", ""))
        elif _DECIMAL.fullmatch(s):
            n = float(s)
        elif (v := self.word("number", s)) is not None:
            n = float(v)
        else:
            tens, _, ones = s.replace("-", " ").partition(" ")
            n = float(self.word("number", tens) or 0) + float(self.word("number", ones) or 0)
        return n + 0.5 if half else n


def _alternation(keys: list[str]) -> str:
    """Longest first, so 'the end of' is tried before 'the'.

    Written as a trie ('the\\s+(?:end\\s+of|early)?') when no two branches differ only in case:
    of the keys that fit at one place one is a prefix of the other, and the trie still tries
    the longer first, so it matches exactly what the flat list does, without re-reading a
    shared prefix once per key (the regex engine's main cost on large word tables).
    """
    ordered = sorted(keys, key=len, reverse=True)
    trie: _Trie = {}
    for key in ordered:
        node = trie
        for token in (r"\s+" if c == " " else re.escape(c) for c in key):
            node = node.setdefault(token, {})
        node[_END] = {}
    if not _clashes(trie):
        return "(?:" + _trie_pattern(trie) + ")"
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered) + ")"


_Trie = dict[str, "_Trie"]
_END = ""  # the trie key that marks the end of a word table key


def _clashes(node: _Trie) -> bool:
    """Whether two branches of a node could read the same character (under IGNORECASE)."""
    seen: set[str] = set()
    for token in node:
        folded = token.lower()
        if token and (folded in seen or not token.isascii()):
            return True
        seen.add(folded)
    return any(_clashes(child) for child in node.values())


def _trie_pattern(node: _Trie) -> str:
    branches = [token + _trie_pattern(child) for token, child in node.items() if token != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return ("(?:" + body + ")" if len(branches) == 1 else body) + "?"  # the longer key first, then the end
    return body


def _expand(pattern: str, macros: dict[str, str], words: dict[str, dict[str, Any]], depth: int = 0) -> str:
    if depth > 10:
        raise ValueError(f"macro recursion too deep in {pattern[:60]!r}")

    def sub(m: re.Match[str]) -> str:
        name = m[1]
        if name.startswith("W:"):
            return _alternation(list(words[name[2:]]))
        return _expand(macros[name], macros, words, depth + 1)

    return _MACRO.sub(sub, pattern)


def _examples(raw: list[dict[str, str]], default_dct: str) -> tuple[Example, ...]:
    return tuple(
        Example(text=e["text"], expect=e.get("expect", e["text"]), value=e["value"],
                dct=e.get("dct", default_dct), type=e.get("type"), mod=e.get("mod"))
        for e in raw
    )


# What a language file must hold, and the value type of the word tables code reads directly.
SECTIONS = ("examples", "words", "triggers", "macros", "rule")
WORD_TYPES: dict[str, type] = {"ordinal": int, "anniversary": int, "abbreviation": str, "day_word": int,
                               "month": int, "weekday": int, "decade_word": int}
WORD_BEFORE_KINDS = frozenset({"due", "deadline", "span", "span_next", "span_ahead", "range_end", "stamp", "aside", "previous",
                               "bound", "fiscal", "present_ahead"})
ANCHORINGS = frozenset({"deictic", "anaphoric"})
TENSE_KINDS = frozenset({"future", "past", "present", "speaker_future"})
WEEKDAY_REACHES = frozenset({"strict", "week", "near"})
ABBREVIATION_KINDS = frozenset({"title", "company", "word", "month", "weekday", "time", "place", "era"})


def check_language_data(data: dict[str, Any], path: Path) -> None:
    """Refuse a language file whose shape the code would misread, naming the table at fault.

    Lookups lowercase the phrase, so an upper-case key could never be found.
    """
    missing = [name for name in SECTIONS if name not in data]
    if missing:
        raise ValueError(f"{path.name}: missing section(s) {', '.join(missing)}")
    for table, entries in data["words"].items():
        if not isinstance(entries, dict):
            raise ValueError(f"{path.name}: words.{table} must be a table")
        if bad := [k for k in entries if k != k.lower()]:
            raise ValueError(f"{path.name}: words.{table}: keys must be lower case: {bad}")
    for table, kind in WORD_TYPES.items():
        entries = data["words"].get(table)
        if entries is None:
            raise ValueError(f"{path.name}: missing table words.{table}")
        if bad := [k for k, v in entries.items() if not isinstance(v, kind) or isinstance(v, bool)]:
            raise ValueError(f"{path.name}: words.{table}: values must be {kind.__name__}: {bad}")
    if bad := [k for k, v in data["words"]["abbreviation"].items() if v not in ABBREVIATION_KINDS]:
        raise ValueError(f"{path.name}: words.abbreviation: kinds must be one of {sorted(ABBREVIATION_KINDS)}: {bad}")
    _check_meanings(data["words"], path)
    _check_resolver_words(data["words"], path)
    for name, items in data.get("guard_words", {}).items():
        if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
            raise ValueError(f"{path.name}: guard_words.{name}: must be a list of words")
    for kind, pieces in data.get("tense", {}).items():
        if kind not in TENSE_KINDS or not isinstance(pieces, list) or not all(isinstance(p, str) and p for p in pieces):
            raise ValueError(f"{path.name}: tense.{kind}: must be one of {sorted(TENSE_KINDS)}, a list of patterns")


def _check_meanings(words: dict[str, Any], path: Path) -> None:
    """Relative words carry normalised meanings the resolver computes with: [offset or direction,
    "deictic" | "anaphoric"(, how far, for weekdays)]."""
    for table, size, reaches in (("rel", 2, None), ("direction", 2, None), ("weekday_rel", 3, WEEKDAY_REACHES)):
        entries = words.get(table)
        if entries is None:
            raise ValueError(f"{path.name}: missing table words.{table}")
        bad = [k for k, v in entries.items() if not (
            isinstance(v, list) and len(v) == size and isinstance(v[0], int) and not isinstance(v[0], bool)
            and v[1] in ANCHORINGS and (reaches is None or v[2] in reaches))]
        if bad:
            shape = "[int, deictic|anaphoric" + (f", {'|'.join(sorted(reaches))}]" if reaches else "]")
            raise ValueError(f"{path.name}: words.{table}: values must be {shape}: {bad}")
    if bad := [k for k, v in words.get("word_before", {}).items()
               if not isinstance(v, list) or not v or not set(v) <= WORD_BEFORE_KINDS]:
        raise ValueError(f"{path.name}: words.word_before: values must be lists of {sorted(WORD_BEFORE_KINDS)}: {bad}")
    if bad := [k for k, v in words["month"].items() if not 1 <= v <= 12]:
        raise ValueError(f"{path.name}: words.month: numbers must be 1-12: {bad}")
    if bad := [k for k, v in words["weekday"].items() if not 0 <= v <= 6]:
        raise ValueError(f"{path.name}: words.weekday: numbers must be 0 (Monday) to 6: {bad}")


# The resolver's own word tables: what each value must be (see docs/language-data.md).
SPAN_WHEN = WORD_BEFORE_KINDS | {"always"}
POD_DAYS = frozenset({"named", "narrative"})  # words.pod_rel besides a day word
REL_UNITS = frozenset({"day", "week", "month", "year"})
RESOLVER_TABLES = ("span_rel", "pointing", "rel_unit", "pod_word", "pod_rel", "half", "every", "clock_word",
                   "half_day", "pod_half")


def _check_resolver_words(words: dict[str, Any], path: Path) -> None:
    """The tables the resolver reads for spans, parts of the day, halves and repeats."""
    if missing := [t for t in (*RESOLVER_TABLES, "unit", "pod") if t not in words]:
        raise ValueError(f"{path.name}: missing table(s) {', '.join('words.' + t for t in missing)}")
    day_words, parts = words["day_word"], set(words["pod"].values())
    letters = {v[0] for v in words["unit"].values() if isinstance(v, list) and v}
    if 0 not in day_words.values():
        raise ValueError(f"{path.name}: words.day_word: must name the day itself (0)")

    def listed(v: Any, allowed: set[str] | frozenset[str]) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(x, str) for x in v) and set(v) <= allowed

    checks: dict[str, tuple[Callable[[Any], bool], str]] = {
        "span_rel": (lambda v: listed(v, SPAN_WHEN), f"lists of {sorted(SPAN_WHEN)}"),
        "pointing": (lambda v: listed(v, letters), "lists of unit letters of words.unit"),
        "rel_unit": (lambda v: isinstance(v, list) and len(v) == 2 and type(v[0]) is int and v[1] in REL_UNITS,
                     f"[int, {'|'.join(sorted(REL_UNITS))}]"),
        "pod_word": (lambda v: isinstance(v, list) and len(v) in (2, 3) and v[0] in day_words and v[1] in parts
                     and all(d in day_words for d in v[2:]),
                     "[a words.day_word, a words.pod value] or [..., the words.day_word of a past clause]"),
        "pod_rel": (lambda v: v in POD_DAYS or v in day_words, f"a words.day_word or one of {sorted(POD_DAYS)}"),
        "half": (lambda v: v in (1, 2) and type(v) is int, "1 or 2"),
        "every": (lambda v: type(v) is int and v > 0, "whole numbers above 0"),
        "clock_word": (lambda v: type(v) is int and 0 <= v <= 24, "hours 0-24"),
        "half_day": (lambda v: v in (0, 12) and type(v) is int, "0 or 12"),
        "pod_half": (lambda v: v in (0, 12) and type(v) is int, "0 or 12"),
    }
    for table, (ok, shape) in checks.items():
        if bad := [k for k, v in words[table].items() if not ok(v)]:
            raise ValueError(f"{path.name}: words.{table}: values must be {shape}: {bad}")


class _AnyChar(Exception):
    """The first character of a match could be anything: no filter."""


_CLASS_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                     "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _first_items(seq: Any, folded: bool, out: dict[bool, list[str]]) -> bool:
    """Add to ``out`` (by case-insensitivity) the class items a match of ``seq`` may start with;
    True when ``seq`` can match the empty string. Zero-width assertions only narrow, so they pass."""
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            out[folded].append(re.escape(chr(av)))
            return False
        if name == "IN":
            for item, value in av:
                if str(item) == "LITERAL":
                    out[folded].append(re.escape(chr(value)))
                elif str(item) == "RANGE":
                    out[folded].append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif str(item) == "CATEGORY" and str(value) in _CLASS_CATEGORIES:
                    out[folded].append(_CLASS_CATEGORIES[str(value)])
                else:
                    raise _AnyChar  # NEGATE and the rest
            return False
        if name == "BRANCH":
            empty = [_first_items(branch, folded, out) for branch in av[1]]
            if not any(empty):
                return False
        elif name == "SUBPATTERN":
            _, add, remove, inner = av
            inner_folded = bool((folded or add & re.IGNORECASE) and not remove & re.IGNORECASE)
            if not _first_items(inner, inner_folded, out):
                return False
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
            low, _, inner = av
            if not _first_items(inner, folded, out) and low > 0:
                return False
        elif name == "ATOMIC_GROUP":
            if not _first_items(av, folded, out):
                return False
        elif name not in {"AT", "ASSERT", "ASSERT_NOT"}:
            raise _AnyChar  # ANY, NOT_LITERAL, group references
    return True


def _first_char_filter(body: str) -> str:
    """A lookahead for the characters a match of ``body`` (compiled with IGNORECASE) can start with.

    The rules share a lookbehind that fails fast inside words; at the start of a word the
    engine tries every alternative of the rule. This lookahead (one class test) turns away
    the words that cannot begin a match, and it never turns away one that can, so the matches
    are the same; "" when the first character could be anything.
    """
    out: dict[bool, list[str]] = {True: [], False: []}
    try:
        if _first_items(sre_parse(body, re.IGNORECASE), True, out):
            return ""
    except (_AnyChar, re.error):
        return ""
    folded, exact = ("".join(dict.fromkeys(out[key])) for key in (True, False))
    classes = [f"[{folded}]"] if folded else []
    classes += [f"(?-i:[{exact}])"] if exact else []
    return "(?=" + "|".join(classes) + ")"


# The characters beyond an ASCII letter's two cases that IGNORECASE matches to one: İ (its simple
# lower case is "i"), the dotless ı and the long ſ (the engine's case equivalents) and the Kelvin sign.
_CASE_EXTRAS = "\u0130\u0131\u017f\u212a"


@lru_cache(maxsize=64)
def case_variants(letter: str) -> str:
    """The characters an IGNORECASE ``letter`` (an ASCII letter) matches."""
    return "".join(c for c in dict.fromkeys(letter.lower() + letter.upper() + _CASE_EXTRAS)
                   if re.fullmatch(letter, c, re.IGNORECASE))


def case_exact_alternatives(piece: str) -> str:
    """Alternatives to stand in an IGNORECASE alternation for ``piece`` that match what it matches:
    when it opens with an ASCII letter and holds no "|", one per character that letter matches,
    each with that character outside IGNORECASE ("(?-i:w)ould|(?-i:W)ould"). The engine skips an
    alternative by a plain first character in one comparison; under IGNORECASE it enters each one."""
    first = piece[:1]
    if "|" in piece or not (first.isascii() and first.isalpha()):
        return piece
    items = sre_parse(piece, re.IGNORECASE).data
    if str(items[0][0]) != "LITERAL" or items[0][1] != ord(first):  # (a quantified first letter: "a?")
        return piece
    return "|".join(f"(?-i:{c}){piece[1:]}" for c in case_variants(first))


@lru_cache(maxsize=256)
def words_pattern(shape: str, words: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    """``shape`` with WORDS replaced by one alternation of ``words`` (pattern pieces from the language
    data, such as a [guard_words] list), compiled once; with no words, that part matches nothing.
    (Memoised: the resolver asks for some per date, and re's own cache is keyed by the joined text.)"""
    return re.compile(shape.replace("WORDS", "|".join(words) or "(?!)"), flags)


@lru_cache(maxsize=4)
def language_data(path: Path = RULES_PATH) -> dict[str, Any]:
    """The language file, parsed and checked once: its word tables serve modules that need no
    compiled rules (published.py's month names)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    check_language_data(data, path)
    return data


@lru_cache(maxsize=4)
def load_grammar(path: Path = RULES_PATH) -> Grammar:
    """Parse, check and compile the rule file once per process."""
    data = language_data(path)
    words = data["words"]
    macros = data["macros"]
    dct = data["examples"]["dct"]
    rules = []
    for order, r in enumerate(data["rule"]):
        body = _expand(r["pattern"], macros, words)
        left = "" if r.get("attach") == "after" else _LEFT  # it starts right after a date's last digit
        regex = re.compile(left + _first_char_filter(body) + "(?:" + body + ")" + _RIGHT, re.IGNORECASE)
        rules.append(Rule(id=r["id"], kind=r["kind"], type=r["type"], regex=regex, order=order,
                          trigger=r["trigger"], value=r.get("value"), guard=r.get("guard"),
                          attach=r.get("attach"), beside=tuple(r.get("beside", ())),
                          examples=_examples(r.get("examples", []), dct)))
    triggers = tuple(
        Trigger(name, frozenset(t.get("words", ())) if t.get("case_sensitive") else
                frozenset(w.lower() for w in t.get("words", ())), bool(t.get("case_sensitive")),
                re.compile(t["token"]) if "token" in t else None,
                re.compile(t["after"]) if "after" in t else None)
        for name, t in data["triggers"].items())
    ranges = {near: tuple(r for r in rules if near in r.beside) for near in {n for r in rules for n in r.beside}}
    tense = {kind: tuple(pieces) for kind, pieces in data.get("tense", {}).items()}
    guards = {name: tuple(items) for name, items in data.get("guard_words", {}).items()}
    return Grammar(tuple(rules), words, triggers, ranges, tense, guards)
