"""Short event labels from a sentence: the clause that holds the date, minus every date.

A journalist scanning a timeline wants "Another person died in clashes in a nearby
village", not the whole sentence. Without a parser we cut at clause boundaries and line
breaks, drop the date phrase with its lead-in words, and every other date of the clause too
(its own event says it), skip a wire dateline, and keep the first words with no broken edge.
The words these cuts use are data: ``rules/labels_en.toml`` and ``rules/chrome_en.toml``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .chrome import label_lead
from .sentences import POSSESSIVE, REMEMBERED_WINDOWS, MatchIndex

_WORDS = tomllib.loads((Path(__file__).parent / "rules" / "labels_en.toml").read_text(encoding="utf-8"))
_DANGLING_END = frozenset(_WORDS["dangling_end"])
_DANGLING_END_CUT = _DANGLING_END | frozenset(_WORDS["dangling_end_if_cut"])
_STOPWORDS = frozenset(_WORDS["stopwords"])
_POSSESSIVE_DATE = _WORDS["possessive_date"]
# One lead-in word (or the first number of a range: "1-" + "7 p.m.") just before a date, read
# backwards: matched at the start of the reversed text before the date, it is one attempt, not one
# per position.
_LEAD_IN_REVERSED = re.compile(
    r"\s*(?:(?:" + "|".join(r"\s+".join(word[::-1] for word in reversed(phrase.split()))
                           for phrase in sorted(_WORDS["before_date"], key=len, reverse=True))
    + r")\b|[-–]\s*(?:\d\d[:.])?\d{1,4}(?!\d))\s*", re.I)
# What a cut leaves at a label's start: punctuation, a possessive ending, a lowercase word that
# needs what came before ("that the plant closed"; "That helped" starts a sentence and stays).
_DANGLING_START = re.compile(r"^(?:[\s,;:.)\]}–—/|-]+|['’]s\b\s*|(?:" + "|".join(_WORDS["dangling_start"]) + r")\b\s*)+")
# A copula that ends the text before a date ("The vote is " + "Thursday, officials said"), and the clause mark
# right after that date.
_COPULA_END = re.compile(r"\b(?:" + "|".join(_WORDS["copulas"]) + r")[ \t]+$", re.I)
_MARK_AFTER = re.compile(r"[,;:]")
_DASH_BETWEEN = re.compile(r"[ \t]*[-–—/][ \t]*")  # what joins a range's two dates ("2023-24", "May 3 – June 2", "2021/22")
_DAY_JOINED = re.compile(r",?[ \t]*(?:on[ \t]+)?")  # what joins a time to its day right after it ("5pm on Monday")
_REPORTING = frozenset(_WORDS["reporting_verbs"])
_RELATIVE_SET_OFF = re.compile(r",\s+(?:" + "|".join(_WORDS["relative_openers"]) + r")\b", re.I)
SUBJECT_WORDS = 6  # at most this many words stand as a subject before a relative clause cut off on its own
# a relative that is its verb's subject ("who took office", "which now has"), not its object ("which
# Google launched", whose verb has a subject of its own)
_RELATIVE_START = re.compile(r"\s*(?:" + "|".join(_WORDS["relative_openers"]) + r")\s+(?-i:[a-z])", re.I)
_OWN_VERB = re.compile(r"\s+([a-z]+)(?=[,;.!?\"”])")  # a date's own verb: "before winter comes,"
_THAT = re.compile(r",?\s+that\s")
# A line break starts a new clause unless the next line goes on in lowercase (a hard-wrapped sentence).
# Scanned up to the text's last non-space character: each break of a trailing run of blank lines
# read the rest of the run for its lookahead (quadratic).
_HARD_LINE = re.compile(r"\n\s*(?=\S)")

MAX_WORDS = 10
CLAUSE_REACH = 240  # characters of a clause read on each side of a conjunction that may cut it
MAX_CHARS = 70  # with its date, two lines of the chart's label (layout.LabelStyle) hold this much
# (The lookahead names the characters a break can start with: elsewhere it fails in one test.)
_AUXILIARIES = frozenset(_WORDS["auxiliaries"])
_NEVER_PASSIVE = frozenset(_WORDS["never_passive"])
_OBJECT_OPENERS = frozenset(_WORDS["object_openers"])
_NEXT_WORD = re.compile(r"\s+([\w'’]+)")
_PARTICIPLE = re.compile(r"(?:\w+-)?\w+ed", re.I)  # a past tense or a participle ("re-elected"): which, only a parser knows
# After "and", a new clause starts with a subject; "oilmen and their employers" is one noun phrase.
_MARK_BREAK = re.compile(r"[;:—–,]\s+")  # the clause breaks that are marks, not conjunctions
_ASIDE_DASH = re.compile(r"\s*[—–]\s+")  # a dash opening or closing an aside ("On May 13 — early — it ...")
_STOP = re.compile(r"(?<![.][A-Za-z])[.!?](?=\s|$)")  # where the sentence after an aside ends (not "U.S.")
_SUBJECT_START = re.compile(r"(?:[A-Z0-9]|(?:" + "|".join(_WORDS["subject_start"]) + r")\b)")
# A name: a capital word that is no subject word ("and Wales", not "and The", "and He")
_NAME_START = re.compile(r"(?!(?i:" + "|".join(_WORDS["subject_start"]) + r")\b)[A-Z]")
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")  # "The Battle of Kapyong (22-25 April 1951)" minus its date
_LEADING_FILLER = re.compile(r"^(?:[✘•*#>\-\s\"“”]+|(?:" + "|".join(_WORDS["leading_filler"]) + r")\b,?\s*)+", re.I)
_EDGE_MARKS = ",.;:\"“”'’(–—-/|"  # marks a word may carry at its edges and a label may not end with
_JUNK = r"\s" + re.escape(_EDGE_MARKS)
_TRAILING_JUNK = re.compile(f"[{_JUNK}]+$")
# The same characters for str.strip: \s is str.isspace, whose characters all lie below U+3001.
_JUNK_CHARS = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + _EDGE_MARKS
# A stretch of words and marks with no space in it, read without its marks at each end: a word
# ("and,"), or words joined by a mark ("and.and"), which no dangling word is.
_RUN = re.compile(f"[^{_JUNK}]+(?:[{re.escape(_EDGE_MARKS)}]+[^{_JUNK}]+)*")
_PHRASE_END = frozenset(_WORDS["phrase_end"])


# Three or more words (``len(text.split()) >= 3``), read in place instead of split off a long sentence.
_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")
# One or two capitalised words (or an age) between two commas are a place or a name set off from the
# clause ("Buffalo, N.Y., area", "its plant, Louisiana, USA by", "the minister, Jan Kavan, who"): no cut
# at either comma, where a cut left "N.Y., area say ..." or "Louisiana, USA" as the label.
_NAMED = r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?|\d{1,3})"  # or an age: "The suspect, 23, appeared"
_SET_OFF_AFTER = re.compile(_NAMED + r",\s")
_SET_OFF_BEFORE = re.compile(r",\s+" + _NAMED + r"$")
_FOUR_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S+\s+\S")
_OWNER = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s)\s*$")  # "Nazarbayev's" before a span


# A label reads its clause's first words: HEAD characters hold them unless the words are long, and
# then the whole clause is read. Past the first MAX_WORDS + 3 words a cut in HEAD changes none of them
# (only the last word it shows, or empty brackets it opens, differ from the whole clause).
HEAD = 160
NEARBY_CHARS = 2000  # how far back a dates-only sentence looks for one that lends it its words
_HEAD_WORDS = MAX_WORDS + 3


def _words(text: str, own: bool) -> list[str]:
    """``_tidied(text, own).split()``, or its first MAX_WORDS + 1 words when HEAD characters show them."""
    if len(text) > HEAD:
        words = _tidied(text[:HEAD], own).split(None, _HEAD_WORDS)
        if len(words) > _HEAD_WORDS:
            return words[:MAX_WORDS + 1]  # as many as the label needs to know it is cut
    return _tidied(text, own).split()


@lru_cache(maxsize=4096)
def _tidied(text: str, own: bool) -> str:
    """The date's own clause loses empty brackets; any clause loses leading filler (memoised: at most
    HEAD characters, most of the time, and the same ones again and again on dense text)."""
    return _LEADING_FILLER.sub("", _EMPTY_BRACKETS.sub("", text.strip()) if own else text)


class Labeller:
    """Labels for the dates of one text. Its clause breaks are found once (a scan of each
    label's window made dense text slow), and the cuts they make are followed once over the
    whole text: a window's own cuts join those after the first cut both make, so a label only
    follows the breaks at its window's start and around its date."""

    def __init__(self, text: str, dates: Sequence[tuple[int, int]] = (),
                 vague: Sequence[tuple[int, int]] = (), sentences: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self._label_lead = label_lead()
        self._sentences = sentences
        self._sentence_starts = [s for s, _ in sentences]
        self._said_in: dict[int, str] = {}  # sentence index -> its words as a label
        self._saying: dict[int, int] = {}  # sentence index -> the last one at or before it that says something
        self._nearby: dict[int, str] = {}  # sentence start -> ``nearby`` (every dates-only date of a sentence asks)
        # The text's DATE/TIME expressions: no label holds another's words. The ``vague`` among them
        # ("now") are removed too, but name no story of their own, so a label reads on past them.
        self._dates = sorted(dates)
        self._date_starts = [s for s, _ in self._dates]
        self._date_ends = [e for _, e in self._dates]
        no_story = set(vague)
        self._told = [span for span in self._dates if span not in no_story]
        self._told_starts = [s for s, _ in self._told]
        self._lines = [m.start() for m in _HARD_LINE.finditer(text, 0, len(text.rstrip()))
                       if not text[m.end()].islower()]
        self._undated_index()
        self._state: list[int] = []  # per break, where the last cut before it ends (whole-text cuts)
        self._dangling: dict[str, bool] = {}  # a window's words -> whether they all dangle (see _says_nothing)
        self._conjunction_cuts: dict[int, bool] = {}  # a conjunction's start -> whether it cuts (_second_verb, _second_clause)
        self._breaks = MatchIndex(_clause_break(self._cuts_a_subordinate()), text, word_edge=False)
        self._cut_at: list[int] = []  # breaks the whole-text reading cuts at, in order
        self._cuts: list[int] = []  # their spans, flat: start, end, start, end ...

    def _follow(self, upto: int) -> None:
        """The whole-text cuts (no date kept, the text's end as the window's) through break ``upto``."""
        state = self._cuts[-1] if self._cuts else 0
        for k in range(len(self._state), upto + 1):
            self._state.append(state)
            m = self._breaks.match(k)
            if self._cuts_at(m, state, len(self.text), (0, 0)):
                self._cut_at.append(k)
                self._cuts += [m.start(), m.end()]
                state = m.end()

    def _cuts_at(self, m: re.Match[str], state: int, hi: int, keep: tuple[int, int]) -> bool:
        """Whether break ``m`` cuts a clause that began at ``state`` in a window ending at ``hi``:
        not inside the date or another, a subject after "and", and three or more words on both sides."""
        text = self.text
        at = m.start()
        if keep[0] <= at < keep[1]:
            return False
        if self._in_date(at):  # nor inside another date: "Monday, March 1"
            return False
        if m["conj"] == "and" and not self._new_subject(m, hi) and not self._second_verb(m):
            return False  # "oilmen and their employers"; but "He left office in 2019 and died in 2023" is two
        if m["conj"] in _subordinating() and not self._second_clause(m):
            return False
        if text[at] == "," and (_SET_OFF_AFTER.match(text, m.end(), hi)
                                or _SET_OFF_BEFORE.search(text, max(state, at - 40), at)):
            return False
        return _THREE_WORDS.match(text, state, m.start()) is not None and _THREE_WORDS.match(text, m.end(), hi) is not None

    def _new_subject(self, m: re.Match[str], hi: int) -> bool:
        """Whether "and" at ``m`` opens a subject of its own. A subject word ("and he", "and the"), a
        number or a date after it does; a name does only with a verb before the next date (in its
        clause) or right after it ("and Smith resigned on Monday", "and Jones on Friday said"). A name
        with no verb of its own is a second noun of the clause ("alerts were issued in England and Wales
        on Friday as operators suspended services": the verb after "as" is another clause's)."""
        text, at = self.text, m.end()
        if not _SUBJECT_START.match(text, at, hi):
            return False
        k = bisect_left(self._date_starts, at)
        if not _NAME_START.match(text, at, hi) or k == len(self._date_starts) or not at < self._date_starts[k] < hi:
            return True
        date_start, date_end = self._date_starts[k], self._date_ends[k]
        brk = _clause_break(True).search(text, at, date_start)  # "and Wales, where it rained on Friday": not its verb
        after = date_end + len(text[date_end:hi]) - len(text[date_end:hi].lstrip())
        return _predicate().search(text, at, brk.start() if brk else date_start) is not None or \
            (brk is None and _predicate().match(text, after) is not None)

    def _cuts_a_subordinate(self) -> bool:
        """Whether some subordinating conjunction of the text can cut a clause off (_second_clause). When
        none can, they are no breaks at all, and a label's walk does not step over them ("the day after
        the battle" over and over). Found word by word: a scan of the break pattern itself is quadratic
        in a run of blank space (each position would read the run to its end)."""
        text, brk = self.text, _clause_break(True)
        for word in _subordinate_word().finditer(text):
            at = word.start()
            while at > 0 and text[at - 1].isspace():  # the break starts where the space before the word does
                at -= 1
            m = brk.match(text, at)
            if m is not None and m["conj"] in _subordinating() and self._second_clause(m):
                return True
        return False

    def _in_date(self, at: int) -> bool:
        k = bisect_right(self._date_starts, at) - 1
        return k >= 0 and at < self._date_ends[k]

    def _second_clause(self, m: re.Match[str]) -> bool:
        """Whether the subordinating conjunction at ``m`` opens a clause with a date of its own after
        one with another (a conjunction inside a date, or one that leads into its date, opens none),
        remembered per break."""
        found = self._conjunction_cuts.get(m.start())
        if found is None:
            at = m.start()
            lo, hi = self._around(at, m.end(), clause=False)
            found = self._conjunction_cuts[at] = not self._in_date(at) and not self._leads_in(m) and \
                self._parts_of_two_dates(lo, at, m.end(), hi)
        return found

    def _second_verb(self, m: re.Match[str]) -> bool:
        """Whether "and" at ``m`` opens a second verb of the clause's subject with a date of its own
        (see _shared_subject). The clause is read from the last mark before it in its sentence, so the
        answer is the break's own, remembered: every label near it asks."""
        found = self._conjunction_cuts.get(m.start())
        if found is None:
            at, verb = m.start(), self._verb_at(m.end())
            lo, hi = self._around(at, m.end(), clause=True)
            found = self._conjunction_cuts[at] = bool(verb) and self._parts_of_two_dates(
                lo, at, m.end(), hi, words=1) and self._subject_before(lo, at, self._passive_at(m.end())) is not None
        return found

    def _around(self, at: int, after: int, clause: bool) -> tuple[int, int]:
        """The text before the conjunction at ``at`` and after it (from ``after``), in their sentence
        and at most CLAUSE_REACH characters each; with ``clause``, only the clause before it, after the
        last mark that breaks clauses (a second verb's subject is that clause's)."""
        lo, hi = max(at - CLAUSE_REACH, 0), after + CLAUSE_REACH
        k = bisect_right(self._sentence_starts, at) - 1
        if k >= 0:
            lo, hi = max(lo, self._sentences[k][0]), min(hi, self._sentences[k][1])
        last = None
        for last in _MARK_BREAK.finditer(self.text, lo, at) if clause else ():
            pass
        return (lo if last is None else last.end()), hi

    def _leads_in(self, m: re.Match[str]) -> bool:
        """Whether the conjunction of break ``m`` is a lead-in word of the date after it ("completed
        until 2018 as ...", "take until as long as June"): then it opens no clause."""
        k = bisect_left(self._date_starts, m.end())
        return k < len(self._date_starts) and self._lead[self._date_starts[k]] < m.end()

    def _parts_of_two_dates(self, a: int, b: int, c: int, d: int, words: int = 3) -> bool:
        """Whether text[a:b] and text[c:d] each tell a date of their own and keep three words without
        them (the second ``words``): a clause is cut off only to give two dates their own happenings
        ("Prices fell in March after the bank raised rates in February"), never from its only date's
        ("The mayor resigned on Tuesday after the council voted against her" stays whole)."""
        starts = self._told_starts
        return all(bisect_left(starts, lo) < bisect_left(starts, hi) and len(self._undated(lo, hi).split()) >= least
                   for lo, hi, least in ((a, b, 3), (c, d, words)))

    def _subject_before(self, a: int, b: int, passive: bool = False) -> str | None:
        """The subject of the clause text[a:b]: its words before its verb ("He" of "He left office
        in 2019"), for a second verb ``then`` that shares it ("and died in 2023": "He died"). None
        when the clause opens with its verb, has none, or has more than one (an auxiliary and its
        verb are one: "was founded"): the second verb may then be any one's ("said its strategy,
        started last month and expected to ..."); and none when the verb is an auxiliary's and the
        second may be its participle (``passive``, see _passive_at): then it shares the auxiliary too ("was
        arrested on March 3 and charged two days later": "The man was charged", never "The man charged")."""
        if b - a > CLAUSE_REACH:  # no subject that far off (and a text without breaks stays linear)
            return None
        lead = self._label_lead.match(self.text, a, b)  # a dateline is nobody's subject
        clause = self._undated(lead.end() if lead and lead.end() < b else a, b)
        verbs = list(_predicate().finditer(clause))
        if not verbs or verbs[0].start() == 0 or any(clause[x.end():y.start()].strip() for x, y in zip(verbs, verbs[1:])):
            return None
        if len(verbs) > 1 and verbs[0][0].lower() in _AUXILIARIES and passive:
            return clause[:verbs[-1].start()]
        return clause[:verbs[0].start()]

    def _verb_at(self, at: int) -> str:
        verb = _predicate().match(self.text, at)
        return verb[0] if verb else ""

    def _passive_at(self, at: int) -> bool:
        """Whether the verb at ``at`` may be a participle an auxiliary before it governs: an -ed form, not
        one that takes no passive (`never_passive`: "was injured in 2019 and died in 2023": "He died") nor
        one with an object after it (`object_openers`: "was elected in 2016 and introduced a bill"; a date
        after it is none: "charged two days later")."""
        verb = self._verb_at(at)
        if not _PARTICIPLE.fullmatch(verb) or verb.lower() in _NEVER_PASSIVE:
            return False
        after = _NEXT_WORD.match(self.text, at + len(verb))
        return after is None or after[1].lower() not in _OBJECT_OPENERS or self._in_date(after.start(1))

    def _shared_subject(self, clauses: list[tuple[int, int]], idx: int) -> list[str]:
        """The words of the subject clause ``idx`` shares with the one before it, when "and" and a
        verb open it (see _cuts_at); else none."""
        if idx == 0:
            return []
        (s, e), (start, _) = clauses[idx - 1], clauses[idx]
        if self.text[e:start].strip() != "and" or not _predicate().match(self.text, start):
            return []
        subject = self._subject_before(s, e, self._passive_at(start))
        return _words(subject, own=False) if subject else []

    def _clauses(self, lo: int, hi: int, keep: tuple[int, int]) -> list[tuple[int, int]]:
        """Clause spans of text[lo:hi]; a break counts when both sides have three or more words and
        it does not fall inside ``keep`` (the date itself: "March 3, 2009"). The spans after the
        two cuts that follow the date's start are left out: no label reads them."""
        head, shown = self._breaks.inside(lo, hi)
        cuts, state, synced, jumped = [lo], lo, lo == 0, False
        after = 0  # cuts made after the date's start
        for m in head:  # breaks of a window that opens inside one
            if after < 2 and self._cuts_at(m, state, hi, keep):
                cuts += [m.start(), m.end()]
                state = m.end()
                after += m.start() > keep[0]
        k, stop = shown.start, shown.stop
        while k < stop and after < 2:
            m = self._breaks.match(k)
            if not jumped and m.start() < keep[0]:
                if not synced:
                    self._follow(k)
                    synced = state == self._state[k]
                if synced:  # (at most once: it either jumps to the date or finds it cannot)
                    jumped = True
                    k, state = self._jump(k, stop, state, cuts, hi, keep)
                    if k == stop:
                        break
                    m = self._breaks.match(k)
            if self._cuts_at(m, state, hi, keep):
                cuts += [m.start(), m.end()]
                state = m.end()
                after += m.start() > keep[0]
            k += 1
        cuts.append(hi)
        return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]

    def _jump(self, k: int, stop: int, state: int, cuts: list[int], hi: int, keep: tuple[int, int]) -> tuple[int, int]:
        """From break ``k``, where this window's reading and the whole text's agree, to the first
        break at or after the date: the whole-text cuts in between are this window's too, when the
        last break before the date reads alike in both (three words after it, and a subject after
        "and", inside the window; then every earlier one does too)."""
        end = bisect_left(self._breaks.starts, keep[0], k, stop)  # the first break at the date or after
        if end == k:
            return k, state
        last = self._breaks.match(end - 1)
        if _THREE_WORDS.match(self.text, last.end(), hi) is None or last.end() + 16 >= hi:
            return k, state
        self._follow(end - 1)
        first, past = bisect_left(self._cut_at, k), bisect_left(self._cut_at, end)
        cuts += self._cuts[2 * first:2 * past]
        return end, self._cuts[2 * past - 1] if past > first else state

    def clause(self, lo: int, hi: int, t_start: int, t_end: int) -> str:
        """Label from the clause of text[lo:hi] holding text[t_start:t_end], with the date phrase
        and every other date of the clause removed. The window stops at the date's line, and a
        wire or place dateline that opens it is left out."""
        text = self.text
        lo, hi = self._line(lo, hi, t_start, t_end)
        lead = self._label_lead.match(text, lo, hi)
        if lead and lead.end() < hi:
            if t_start < lead.end():  # the date is the dateline's: what follows it is the story
                return self.clause(lead.end(), hi, lead.end(), lead.end())
            lo = lead.end()
        if self._says_nothing(lo, hi):
            return ""
        return self._clause(lo, hi, t_start, t_end)

    def _says_nothing(self, lo: int, hi: int) -> bool:
        """Whether text[lo:hi] without its dates is marks, spaces and dangling words ("Dec. 16 at
        7 p.m. and Dec. 16 ...", "2 years ago, 3 years ago, ..."): then so is every piece of it a
        label can read (it cuts between words, at marks, spaces and dates), and _tidy drops them all."""
        words = self._bare[self._bare_at(lo):self._bare_at(hi)].strip(_JUNK_CHARS)  # (a dense text's windows: all junk)
        if not words:
            return True
        dangling = self._dangling.get(words)
        if dangling is None:  # (remembered: "Jan. 26 at 7:15 p.m. and ..." reads 800 characters of them per date)
            dangling = all(run[0] in _DANGLING_END for run in _RUN.finditer(words))
            if len(self._dangling) < REMEMBERED_WINDOWS:
                self._dangling[words] = dangling
        return dangling

    def _clause(self, lo: int, hi: int, t_start: int, t_end: int) -> str:
        """``clause`` of a window cut to the date's line, after any dateline."""
        text = self.text
        clauses = self._clauses(lo, hi, (t_start, t_end))
        idx = next((i for i, (s, e) in enumerate(clauses) if s <= t_start < e), 0)
        s, e = clauses[idx]
        lead_in = max(s, self._lead[t_start]) if t_start in self._lead else (
            t_start if POSSESSIVE.match(text, t_end) else _preposition_start(text, s, t_start))
        before = self._undated(s, lead_in)
        k = bisect_left(self._told_starts, lead_in) - 1  # the last other date before this one's
        if k >= 0 and s <= self._told_starts[k] and self._told[k][1] <= lead_in and self._reported(s, k):
            own = self._undated(self._told[k][1], lead_in)
            if not _says_little(_words(own, own=True)):  # what precedes the report's date is its story
                before = own
        after = self._undated(t_end, self._next_date(self._joined_end(t_end, e), e)).lstrip()
        if after[:5].lower().startswith(("from ", "of ")):
            after = ""
        words = _words(before + " " + after, own=True)
        if shared := self._shared_subject(clauses, idx):
            words = shared + words  # "He left office in 2019 and died in 2023": "He died"
        if _says_little(words) and len(clauses) > 1:  # "Officially" alone says nothing: use the main clause
            main = self._main_clause(clauses, idx)
            own = _content_words(words)
            if own < 2 or _content_words(main) > own:  # not another clause's that says no more
                words = main  # ("Nominations close at 5pm on Monday, and voting opens on Tuesday")
        elif words and words[0][:1].islower() and (subject := self._set_off_subject(clauses, idx)):
            words = subject + words  # "The fire, which started on Tuesday, was put out": "The fire was put out"
        return _tidy(words[:MAX_WORDS], cut=len(words) > MAX_WORDS)

    def _reported(self, s: int, k: int) -> bool:
        """Whether date ``k`` dates a report: a reporting verb just before it, or "that" after it."""
        start, end = self._told[k]
        text = self.text
        if _THAT.match(text, end):
            return True
        words = text[max(s, start - 40):max(s, self._lead[start])].split()
        return bool(words) and words[-1].lower().strip(",") in _REPORTING

    def _main_clause(self, clauses: list[tuple[int, int]], idx: int) -> list[str]:
        """The words of the clause before the date's, or after it, that says something once its
        dates are gone; else of the first of them. After a relative clause set off before it ("The
        minister, who took office in 2019, resigned last week"), the subject before that clause and
        the date's own words: "The minister resigned"."""
        if subject := self._set_off_subject(clauses, idx):
            own = _words(self._undated(*clauses[idx]), own=True)
            if own and not _says_little(subject + own):
                return subject + own
        if (beyond := self._beyond_aside(clauses, idx)) and not _says_little(beyond):
            return beyond
        first: list[str] | None = None
        for k in (idx - 1, idx + 1):
            if not 0 <= k < len(clauses):
                continue
            words = _words(self._undated(*clauses[k]), own=False)
            if not _says_little(words):
                return words
            first = words if first is None else first
        return first or []

    def _beyond_aside(self, clauses: list[tuple[int, int]], idx: int) -> list[str]:
        """'On May 13 — one day before Google I/O — OpenAI released GPT-4o': the clause after the date's
        is an aside set off by dashes, and what happened is told after the closing dash; none without one."""
        if idx + 1 >= len(clauses) or not _ASIDE_DASH.fullmatch(self.text, clauses[idx][1], clauses[idx + 1][0]):
            return []
        hi = clauses[-1][1]
        close = _ASIDE_DASH.search(self.text, clauses[idx + 1][0], hi)
        if close is None:
            return []
        stop = _STOP.search(self.text, close.end(), hi)
        return _words(self._undated(close.end(), stop.start() if stop else hi), own=False)

    def _set_off_subject(self, clauses: list[tuple[int, int]], idx: int) -> list[str]:
        """The words before a relative clause set off in the first clause, right before the date's
        ("The minister" of "The minister, who took office in 2019,"), or none. Not in a later clause,
        where the relative may tell of one item of a list ("Kenya and Tanzania, which boast ...")."""
        if idx in {1, 2} and len(clauses) > 2 and _RELATIVE_START.match(self._undated(*clauses[1])):
            return self._subject_alone(clauses[0])  # the relative cut off as a clause of its own ("The prime
            # minister" | "who took office in July" | "faces a vote on Wednesday")
        if idx != 1 or not (relative := _RELATIVE_SET_OFF.search(before := self._undated(*clauses[0]))):
            return []
        return _words(before[:relative.start()], own=False)

    def _subject_alone(self, clause: tuple[int, int]) -> list[str]:
        """The words of ``clause`` when they can be a subject alone: a few, no verb, no pronoun with more
        after it ("The strike fell upon I Corps", "He succeeds James A. Taylor" are clauses); else none."""
        subject = _words(self._undated(*clause), own=False)
        if not subject or len(subject) > SUBJECT_WORDS or _predicate().search(" ".join(subject)) or (
                len(subject) > 1 and subject[0].lower() in _WORDS["personal_pronouns"]):
            return []
        return subject

    def nearby(self, sentence_start: int) -> str:
        """The words of the nearest sentence before the one starting at ``sentence_start`` that
        says something (a dates-only line under "The clinic will run at these hours:", however
        long the list, within NEARBY_CHARS), else of one of the next two (a heading "1917" opens
        its section); "" when none does."""
        found = self._nearby.get(sentence_start)
        if found is None:
            found = self._nearby[sentence_start] = self._nearby_of(sentence_start)
        return found

    def _nearby_of(self, sentence_start: int) -> str:
        k = bisect_left(self._sentence_starts, sentence_start)
        before = self._saying_before(k - 1)
        if before >= 0 and sentence_start - self._sentence_starts[before] <= NEARBY_CHARS:
            return self._said(before)
        return next((said for j in range(k + 1, min(k + 3, len(self._sentences))) if (said := self._said(j))), "")

    def _said(self, k: int) -> str:
        """Sentence ``k`` as a label, without its dates (once per sentence)."""
        if k not in self._said_in:
            s, e = self._sentences[k]
            self._said_in[k] = self.plain(s, min(e, s + 2 * HEAD))
        return self._said_in[k]

    def _saying_before(self, k: int) -> int:
        """The last sentence at or before ``k`` that says something, or -1 (each sentence is
        walked once: a long run of dates-only lines is read once, not once per line)."""
        walked = []
        while k >= 0 and k not in self._saying and not self._said(k):
            walked.append(k)
            k -= 1
        found = -1 if k < 0 else self._saying.get(k, k)
        for j in walked:
            self._saying[j] = found
        if k >= 0:
            self._saying[k] = found
        return found

    def plain(self, lo: int, hi: int) -> str:
        """text[lo:hi] as a label (a headline): its dates, and a desk's tag before it, left out."""
        lead = self._label_lead.match(self.text, lo, hi)
        words = _words(self._undated(lead.end() if lead else lo, hi), own=False)
        return _tidy(words[:MAX_WORDS], cut=len(words) > MAX_WORDS)

    def _line(self, lo: int, hi: int, t_start: int, t_end: int) -> tuple[int, int]:
        """The window cut to the date's line (a headline is not its date line's label)."""
        k = bisect_left(self._lines, t_start)
        if k:
            lo = max(lo, self._lines[k - 1] + 1)
        k = bisect_left(self._lines, t_end)
        if k < len(self._lines):
            hi = min(hi, self._lines[k])
        return lo, hi

    def line_of(self, offset: int) -> tuple[int, int]:
        """The span of the (hard) line holding ``offset``."""
        return self._line(0, len(self.text), offset, offset)

    def dates_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The date spans that start in text[lo:hi], in order."""
        first = bisect_left(self._date_starts, lo)
        return self._dates[first:bisect_left(self._date_starts, hi, first)]

    def _joined_end(self, at: int, hi: int) -> int:
        """The end of a date joined right after ``at`` ("They have until 5pm on Monday to apply": the day
        of the time that ends there), whose story is this one's; else ``at``."""
        k = bisect_left(self._told_starts, at)
        if k < len(self._told) and self._told[k][1] <= hi and _DAY_JOINED.fullmatch(self.text, at, self._told_starts[k]):
            return self._told[k][1]
        return at

    def _next_date(self, at: int, hi: int) -> int:
        """Where the phrase of the first date after ``at`` starts (its preposition), or ``hi``:
        what follows another date is that date's story, not this one's."""
        k = bisect_left(self._told_starts, at)
        if k == len(self._told) or self._told_starts[k] >= hi:
            return hi
        return max(at, self._lead[self._told_starts[k]])

    def _undated_index(self) -> None:
        """The text without its dates, built once (a label reads a window of it by two bisections:
        dense text has dozens of dates in every label's window). Each date goes with its lead-in
        words ("in", "to just after") and its own verb ("before winter comes,"); a date that owns a
        noun ("Sunday's race") keeps its lead-in and leaves "the race". Kept pieces are joined by a
        space; ``_seg`` holds each piece's start and end in the text, its start in ``_bare`` and its length."""
        text, pieces, segs, cursor, at, after_date = self.text, [], [], 0, 0, -1
        self._lead: dict[int, int] = {}  # a date's start -> where its lead-in words start

        def keep(start: int, end: int, piece: str) -> None:
            nonlocal at
            segs.append((start, end, at, len(piece)))
            pieces.append(piece)
            at += len(piece) + 1

        for start, end in self._dates:
            if end <= cursor:  # inside the one before (the tagger's spans may nest)
                self._lead.setdefault(start, start)
                continue
            if POSSESSIVE.match(text, end):  # "for Sunday's race": "for the race"
                self._lead[start] = start
                keep(cursor, max(cursor, start), text[cursor:max(cursor, start)])
                keep(end, end + 2, _POSSESSIVE_DATE)
                cursor = end + 2
                continue
            if start > cursor and cursor == after_date and _DASH_BETWEEN.fullmatch(text, cursor, start):
                lead_in = cursor  # "for 2023-24": the dash of a range goes with its two dates
            else:
                lead_in = _preposition_start(text, cursor, start) if start > cursor else max(start, cursor)
                if lead_in == start > cursor and _MARK_AFTER.match(text, end):
                    lead_in = _copula_start(text, cursor, start)
            self._lead[start] = lead_in
            keep(cursor, lead_in, text[cursor:lead_in])
            cursor = after_date = max(cursor, end)
            verb = _OWN_VERB.match(text, cursor) if lead_in < start else None
            if verb and verb[1] not in _DANGLING_END and verb[1] not in _STOPWORDS:
                cursor = verb.end()
        keep(cursor, len(text), text[cursor:])
        self._bare = " ".join(pieces)
        self._seg = segs
        self._seg_starts = [seg[0] for seg in segs]

    def _bare_at(self, x: int) -> int:
        """Where offset ``x`` of the text falls in ``_bare``: inside a kept piece, the same place;
        in a removed date, the end of the piece before it."""
        start, end, at, length = self._seg[bisect_right(self._seg_starts, x) - 1]
        if x >= end:
            return at + length
        return at + (x - start if length == end - start else 0)

    def _undated(self, a: int, b: int) -> str:
        """text[a:b] without its dates (see ``_undated_index``)."""
        return self._bare[self._bare_at(a):self._bare_at(b)] if a < b else ""

    def phrase(self, lo: int, hi: int, t_start: int, t_end: int) -> str:
        """Label for a span the expression itself names: "seven-month labor dispute",
        "Nazarbayev's more than two decades in power"."""
        text = self.text
        lo, hi = self._line(lo, hi, t_start, t_end)
        hi = self._next_date(t_end, hi)
        head = text[t_start:t_end]
        near = max(lo, t_start - 80)  # an owner is at most three words: when the last 80 characters hold four, it starts in them
        owner = _OWNER.search(text, near if _FOUR_WORDS.match(text, near, t_start) else lo, t_start)
        if owner:
            head = owner[1] + " " + head
        following = text[t_end:min(hi, t_end + HEAD)].split(None, 5)  # the tail reads five words at most
        if len(following) <= 5:
            following = text[t_end:hi].split()
        tail: list[str] = []
        for i, word in enumerate(following[:5]):
            clean = word.strip(",.;:\"”)")
            if len(tail) == 4 or (i > 0 and clean.lower() in _PHRASE_END):
                break
            tail.append(clean)
            if clean != word:
                break
        return _tidy((head + " " + " ".join(tail)).split(), cut=False)


def _tidy(words: list[str], cut: bool) -> str:
    """The label's words as a label: no broken edge (a word or mark that needs what was cut
    away), no bracket or quote left open, the first letter capital, "…" where it was cut."""
    return _tidied_label(" ".join(words), cut)


@lru_cache(maxsize=4096)
def _tidied_label(text: str, cut: bool) -> str:
    """``_tidy`` of the words joined (memoised: the labels of dense text repeat, and this is four
    regex passes and a bracket count)."""
    if len(text) > MAX_CHARS:  # long words: fewer of them
        text = text[:text.rfind(" ", 0, MAX_CHARS + 1)] if " " in text[:MAX_CHARS + 1] else text
        cut = True
    words = _balanced(_TRAILING_JUNK.sub("", text)).split()
    dangling = _DANGLING_END_CUT if cut else _DANGLING_END
    while words and (words[-1].lower().strip(_EDGE_MARKS) in dangling or not _TRAILING_JUNK.sub("", words[-1])):
        words.pop()
    text = _TRAILING_JUNK.sub("", _DANGLING_START.sub("", _EMPTY_BRACKETS.sub("", _SPACED_MARK.sub("", " ".join(words)))))
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text + ("…" if cut else "")


_SPACED_MARK = re.compile(r"\s+(?=[,;:.!?)\]”])|(?<=[(\[“])\s+")  # a removed date's gap before a mark
_PAIRS = tuple(re.compile(re.escape(o) + "|" + re.escape(c)) for o, c in (("(", ")"), ("[", "]"), ("“", "”")))
_OPENINGS = "([“"


def _balanced(text: str) -> str:
    """``text`` without the brackets and quotes whose partner a cut removed."""
    for pair in _PAIRS:
        unclosed: list[int] = []
        stray: list[int] = []
        for m in pair.finditer(text):
            if text[m.start()] in _OPENINGS:
                unclosed.append(m.start())
            elif unclosed:
                unclosed.pop()
            else:
                stray.append(m.start())
        if unclosed or stray:
            drop = set(unclosed + stray)
            text = "".join(c for i, c in enumerate(text) if i not in drop)
    if text.count('"') % 2:
        at = text.rfind('"')
        text = text[:at] + text[at + 1:]
    return text


_ALNUM = re.compile(r"[^\W_]")
_MARKS = ",.;:\"“”()'’"


@lru_cache(maxsize=1)
def _subordinating() -> frozenset[str]:
    """The words that open a clause inside a sentence (rules/en.toml's clause_subordinate, which the
    merge's conflicts read too)."""
    from .grammar import load_grammar

    return frozenset(load_grammar().guard_words.get("clause_subordinate", ()))


@lru_cache(maxsize=1)
def _subordinate_word() -> re.Pattern[str]:
    return re.compile(r"(?<=\s)(?:" + "|".join(sorted(_subordinating(), key=len, reverse=True)) + r")(?=\s)")


@lru_cache(maxsize=2)
def _clause_break(subordinating: bool = True) -> re.Pattern[str]:
    """Where a clause may end: a mark, or a conjunction (clause_conjunctions, and the subordinating ones)."""
    conjunctions = {*_WORDS["clause_conjunctions"], *(_subordinating() if subordinating else ())}
    words = "|".join(sorted(conjunctions, key=len, reverse=True))
    return re.compile(r"(?=[\s;:—–,])(?:\s*[;:—–]\s+|,\s+|\s+(?P<conj>" + words + r")\s+)")


@lru_cache(maxsize=1)
def _predicate() -> re.Pattern[str]:
    """A verb as the tense cues know them (rules/en.toml's past and present cues, as whole words)."""
    from .grammar import load_grammar

    tense = load_grammar().tense
    return re.compile(r"\b(?:" + "|".join((*tense.get("past", ()), *tense.get("present", ()))) + r")\b", re.I)


def _content_words(words: list[str]) -> int:
    """How many of ``words`` are no stopwords nor marks."""
    return sum(1 for w in words if w.lower().strip(_MARKS) not in _STOPWORDS and _ALNUM.search(w))


def _says_little(words: list[str]) -> bool:
    """Fewer than three words, or fewer than two that are not stopwords ("Up to the close")."""
    if len(words) < 3:
        return True
    said = 0
    for w in words:
        if w.lower().strip(_MARKS) not in _STOPWORDS and _ALNUM.search(w):
            said += 1
            if said == 2:
                return False
    return True


def _preposition_start(text: str, s: int, t_start: int) -> int:
    """Where the words that lead into the date start ("clashes in" + date; "postponement to
    just after" + date): each lead-in word in turn, from the date back."""
    start = _lead_in_word(text, s, t_start)
    while start < t_start:
        start, t_start = _lead_in_word(text, s, start), start
    return start


def _copula_start(text: str, s: int, t_start: int) -> int:
    """Where a copula right before the date starts, in text[s:t_start] (its last 12 characters), else
    ``t_start``: "is Thursday," leaves nothing for the words before it to dangle on."""
    m = _COPULA_END.search(text, max(s, t_start - 12), t_start)
    return m.start() if m else t_start


def _lead_in_word(text: str, s: int, t_start: int) -> int:
    """Where the one lead-in word just before ``t_start`` starts (with the spaces before it), in
    text[s:t_start] (its last 40 characters: no lead-in is longer), else ``t_start``."""
    m = _LEAD_IN_REVERSED.match(text[max(s, t_start - 40):t_start][::-1])
    return t_start - m.end() if m else t_start


def clause_label(sentence: str, t_start: int, t_end: int, dates: Sequence[tuple[int, int]] = ()) -> str:
    """Label from the clause holding sentence[t_start:t_end], with the date phrase and the
    other ``dates`` (spans of the sentence's DATE/TIME expressions) removed."""
    return Labeller(sentence, dates).clause(0, len(sentence), t_start, t_end)


def phrase_label(sentence: str, t_start: int, t_end: int, dates: Sequence[tuple[int, int]] = ()) -> str:
    """Label for a span the expression itself names (see Labeller.phrase)."""
    return Labeller(sentence, dates).phrase(0, len(sentence), t_start, t_end)
