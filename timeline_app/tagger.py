"""Find temporal expressions: character spans, the rule that matched, its named groups.

Every rule runs over the text; overlapping candidates are settled by length
(longest wins) and then rule order. Guards are the few context checks a regular
expression cannot say well ("May" the month, not the verb; 1500 the year, not troops).
Values are not computed here: that is the resolver's job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .calendar_words import day_number, month_number
from .grammar import Grammar, Rule, Trigger, _alternation, load_grammar
from .needles import needle_search, needles, telling
from .quick_init import quick_init
from .sentences import Sentences, sentence_spans
from .window_search import WindowSearch

# Bounded pieces only: an unbounded [\w-]+ before "\.com" rescans a long word from every start.
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"
                  r"|(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:com|org|net|gov|edu|ru)\b(?:/\S*)?", re.I)
# The word before a match: its characters, then only spaces to the match. Matched once at the start of
# the window read backwards (searched forwards, the pattern was tried, and failed, at every position).
_PREV_WORD_REVERSED = re.compile(r"\s*([\w'’$£€₹#.,%-]+)")
_NEXT_WORD = re.compile(r"^\s*([\w'’%-]+)")
_TRAILING_DIGIT = re.compile(r"\d+$")

NAME_KIND = "name"  # a rule that claims a name looking like a date ("Monday Night Football"): no date there
_YEAR_LIKE = re.compile(r"(?:1[0-9]|20)[0-9]{2}")
# The guards' context patterns, compiled once (module-level re.match looks each up per call).
_NUMBER_BEFORE = re.compile(r"[\d,.:/]$")
# A year between an abbreviation and a capitalised word is part of a name ("TSG 1899 Hoffenheim").
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])[A-Z]{2,5}[ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
_NUMBER_AFTER = re.compile(r"^(?:[.,:/]\d|%|\d)")
# A year and the next joined by a slash ("the 2021/22 season", "2019/2020"): one season or fiscal year.
_SLASH_YEAR_AFTER = re.compile(r"/(\d{4}|\d{2})(?![\d/])")
_SLASH_YEAR_BEFORE = re.compile(r"(?<![\d/])(\d{4})/$")
# A telephone number's exchange right before its last four digits ("555-1234", "(802) 555-1990").
_PHONE_EXCHANGE_BEFORE = re.compile(r"(?<![\d-])\d{3}[-.]$")
# A year between hyphens, a letter before it: part of a document's code ("PD-2011-74").
_CODE_BEFORE = re.compile(r"[A-Za-z]-$")
_CODE_AFTER = re.compile(r"-[\dA-Za-z]")
_BEFORE_AFTER_EVENT = re.compile(r"\s+(?:before|after)\s+(?:the|he|she|it|they|his|her|its|their|[A-Z0-9])")
_SPACE_DIGIT = re.compile(r"\s+\d")
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s\s+$")
_DECIMAL_BEFORE = re.compile(r"(?:\bof|\d\.\d+\s+(?:and|or|to))\s+$")  # "a magnitude of 8.3.", "6.3 and 6.4."
_SENTENCE_GOES_ON = re.compile(r"\s+[\"“(]?[A-Z]|\s*$")  # a new sentence, or the text's end, after a period
_SPACE_WORD = re.compile(r"\s+[\w$]")
# "that" or "this" before a lower-case word that is no subject of a clause: a noun phrase ("that first
# lockdown"), not "that" standing for the time just told ("after that they left", "after that, ...")
_DETERMINER_NOUN = re.compile(r"\s+(?:that|this)\s+(?!(?:i|we|you|he|she|it|they|the|a|an|his|her|its|their|our|police|there)\b)[a-z]", re.I)
_DIGIT_SPACE_END = re.compile(r"\d\s+$")
COMPARED_REACH = 30  # characters before a year in which a comparison ("in comparison with") is looked for


@dataclass(frozen=True)
class GuardWords:
    """The language data's guard lists ([guard_words] in rules/en.toml), ready for the guards."""

    sets: dict[str, frozenset[str]]
    count_nouns_after_year: re.Pattern[str]
    ends_phrase: re.Pattern[str]
    fraction_after: re.Pattern[str]
    rate_before: re.Pattern[str]  # an amount and at most two words, right before a rate's "a year"
    person_after_month: re.Pattern[str]  # what a person does, right after a month alone ("April said")
    compared_before: re.Pattern[str]  # a comparison right before a year ("compared with 2019")
    game_words: re.Pattern[str]  # a game's words near a quarter or half ("a touchdown in the fourth quarter")
    odds_before: re.Pattern[str]  # betting odds' words right before 16/1 ("at odds of 16/1")
    street_after: re.Pattern[str]  # a street's name right after a number ("1999 N. Elm Ave.")
    figure_before_day: re.Pattern[str]  # a figure of speech right before a day word ("feels like yesterday")
    name_before_holiday: re.Pattern[str]  # a holiday's name told as a name ("was originally called Armistice Day")
    name_after_holiday: re.Pattern[str]  # ... and after it ("Armistice Day became Veterans Day")
    clock_after: re.Pattern[str]  # a clock word after a number, or after the range it opens ("2000 and 2300 GMT")
    body_after: re.Pattern[str]  # a body's name right after a number ("the 1922 Committee")

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.sets[name]


_GUARD_WORDS: dict[int, GuardWords] = {}


def guard_words(grammar: Grammar) -> GuardWords:
    """Compiled once per grammar."""
    found = _GUARD_WORDS.get(id(grammar))
    if found is None:
        lists = grammar.guard_words

        def alternation(name: str) -> str:
            return "|".join(re.escape(w) for w in sorted(lists.get(name, ()), key=len, reverse=True)) or "(?!)"

        found = _GUARD_WORDS[id(grammar)] = GuardWords(
            {name: frozenset(words) for name, words in lists.items()},
            re.compile(rf"^\s*(?:{'|'.join(lists.get('count_nouns_after_year', ())) or '(?!)'})", re.I),
            re.compile(rf"\s*(?:$|[.,;:)]|(?:{alternation('ends_phrase')})\b)"),
            re.compile(rf"\s*(?:-?(?:{alternation('fraction_after')})\b|%)", re.I),
            re.compile(rf"(?<![\d,.])[$€£]?\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?![\d,])(?:\s*(?:{alternation('rate_scale')})\b)?"
                       rf"(?:\s+[^\W\d_]+){{0,2}}\s+$", re.I),
            re.compile(rf"\s+(?:{'|'.join(lists.get('person_after_month', ())) or '(?!)'})\b", re.I),
            re.compile(rf"\b(?:{'|'.join(lists.get('compared_before_year', ())) or '(?!)'})\s+$", re.I),
            re.compile(rf"\b(?:{'|'.join(lists.get('game_period_words', ())) or '(?!)'})\b", re.I),
            re.compile(rf"\b(?:{'|'.join(lists.get('odds_before', ())) or '(?!)'})\s+$", re.I),
            re.compile(rf"\s+(?:(?i:{alternation('street_directions')})\.?\s+)?(?:[A-Z][\w'’.-]*\s+){{1,3}}"
                       rf"(?i:{alternation('street_kinds')})\b"),
            re.compile(rf"\b(?:{'|'.join(lists.get('figure_before_day_word', ())) or '(?!)'})\s+$", re.I),
            re.compile(rf"\b(?:{'|'.join(lists.get('name_before_holiday', ())) or '(?!)'})\s+$", re.I),
            re.compile(rf"\s+(?:{'|'.join(lists.get('name_after_holiday', ())) or '(?!)'})", re.I),
            re.compile(rf"\s*(?:(?i:{alternation('range_joins')}|{alternation('range_and')})\s*[0-2]\d[0-5]\d\s*)?"
                       rf"(?:{'|'.join(lists.get('clock_after', ())) or '(?!)'})\b"),
            re.compile(rf"\s+(?:{'|'.join(lists.get('body_after_year', ())) or '(?!)'})\b"))
    return found


@quick_init
@dataclass(frozen=True)
class Mention:
    """A matched span before resolution: the text, its rule and what the groups captured."""

    start: int
    end: int
    text: str
    rule: Rule
    groups: dict[str, str]


def _prev_word(text: str, start: int) -> str:
    """The word before ``start``, lower-cased, within 40 characters."""
    m = _PREV_WORD_REVERSED.match(text[max(0, start - 40):start][::-1])
    return m[1][::-1].lower() if m else ""


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end:end + 40])
    return m[1].lower() if m else ""


_GROUP_NAMES: dict[int, tuple[re.Pattern[str], tuple[tuple[int, str], ...]]] = {}


def _group_names(pattern: re.Pattern[str]) -> tuple[tuple[int, str], ...]:
    """(group number, name without its trailing digits) of each named group, in the order
    ``groupdict`` gives them (the order of the pattern's ``groupindex``). Kept by the pattern's
    id: hashing a compiled pattern hashes its whole program, which cost more than the work saved."""
    found = _GROUP_NAMES.get(id(pattern))
    if found is None or found[0] is not pattern:
        if len(_GROUP_NAMES) > 4096:
            _GROUP_NAMES.clear()
        found = _GROUP_NAMES[id(pattern)] = (pattern, tuple((i, _TRAILING_DIGIT.sub("", name))
                                                            for name, i in pattern.groupindex.items()))
    return found[1]


def _groups(m: re.Match[str]) -> dict[str, str]:
    """Named groups that matched; 'weekday2' and 'weekday' both read as 'weekday'."""
    out: dict[str, str] = {}
    values = m.groups()
    for i, key in _group_names(m.re):
        value = values[i - 1]
        if value is not None and key not in out:
            out[key] = value
    return out


# ------------------------------------------------------------------------ guards

def _guard_month_alone(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    if "rel" in g or "mod" in g:
        return True
    prev = _prev_word(text, m.start())
    if prev in w["time_prepositions"]:
        return True
    if w.person_after_month.match(text, m.end()):
        return False  # "Reporter April and her friends", "May said"
    if g["month"] in {"May", "March"}:
        return False
    if prev in {"the", "a", "an"}:
        return True  # "the February Revolution", "a June agreement"
    nxt = text[m.end():m.end() + 2]
    return not (len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper())


def _in_season_pair(text: str, start: int, end: int) -> bool:
    """'the 2021/22 season', 'in 2019/2020': a year beside the next one across a slash is half of a
    season or a fiscal year, not a fraction nor a reference number ("Case 2021/345")."""
    year = int(text[end - 4:end])
    after = _SLASH_YEAR_AFTER.match(text, end)
    if after:
        return int(after[1]) == (year + 1 if len(after[1]) == 4 else (year + 1) % 100)
    before = _SLASH_YEAR_BEFORE.search(text, max(0, start - 5), start)
    return before is not None and int(before[1]) + 1 == year


def _guard_year(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    before = text[max(0, m.start() - 2):m.start()]
    after = text[m.end():m.end() + 3]
    if (_NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after)) and not _in_season_pair(text, m.start(), m.end()):
        return False
    if _PHONE_EXCHANGE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
        return False
    if _CODE_BEFORE.search(text, max(0, m.start() - 2), m.start()) and _CODE_AFTER.match(text, m.end()):
        return False  # inside a code: "report PD-2011-74"
    if _ABBREVIATION_BEFORE.search(text, max(0, m.start() - 7), m.start()) and _NAME_AFTER.match(text, m.end()):
        return False  # a year inside a name: "TSG 1899 Hoffenheim"
    if "mod" in g or m[0].lower().startswith("the year"):
        return True
    prev = _prev_word(text, m.start())
    if prev in w["approximate"]:  # "founded about 1910 by Zapata", not "about 1500 protesters" nor "around 1500 protesters"
        return w.ends_phrase.match(text, m.end()) is not None
    if prev in w["number_labels"] or (prev not in w["time_prepositions"] and (
            w.street_after.match(text, m.end()) or w.body_after.match(text, m.end()))):
        return False
    if prev in w["quantity_words"] and not w.compared_before.search(text, max(0, m.start() - COMPARED_REACH), m.start()):
        return False
    clock = m[0][-4:]
    if clock.isdigit() and int(clock[:2]) < 24 and int(clock[2:]) < 60 and (
            prev in w["clock_before"] or w.clock_after.match(text, m.end())):
        return False  # "at 1030 local time", "between 2000 and 2300 GMT": a clock time, not a year
    return not w.count_nouns_after_year.match(text[m.end():m.end() + 20])


def _guard_decade(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'the low 20s' (temperatures), 'in the mid-30s', 'in her late forties' (ages): a short decade
    whose premodifier is a level word, a short decade or a decade word right after one ("his", "her"),
    or a short decade before a measure's unit, is a level of that measure ("the mid-sixties" stays
    the 1960s)."""
    if "decade_short" not in g and "decade_word" not in g:
        return True
    if g.get("decade_short", "")[:1] in {"'", "’"}:
        return True  # "the mid-'90s": the apostrophe stands for the century's digits, as no level's does
    if _prev_word(text, m.start()) in w["measure_level"]:
        return False
    if "decade_word" in g:
        return True
    if _measured_before(text, m.start(), w):
        return False
    mod = g.get("mod", "").lower().replace("-", " ").split()
    return (mod[-1] if mod else "") not in w["measure_level"] and \
        _next_word(text, m.end()) not in w["measure_after_decade"]


MEASURE_REACH = 100  # characters before a short decade in which the measure it is a level of is looked for
_SENTENCE_STOP = re.compile(r"[.!?]\s")


def _measured_before(text: str, start: int, w: GuardWords) -> bool:
    """'temperatures today will be well into the 80s', 'they will rise again into the 80s': a measure's
    noun ([guard_words].measure_nouns_before_decade) earlier in the sentence makes a short decade its level."""
    before = text[max(0, start - MEASURE_REACH):start]
    stops = list(_SENTENCE_STOP.finditer(before))
    words = re.findall(r"[a-z]+", before[stops[-1].end():].lower() if stops else before.lower())
    return any(word in w["measure_nouns_before_decade"] for word in words)


def _guard_part_of_day(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'the night sky', 'the evening news', 'the night shift': the part of the day names a thing; not
    after a day ("on Friday night shows were cancelled"): that names the time. 'the night of the
    crash', 'the morning of his arrest': a part of a happening's day, which this phrase does not date
    ("the night of Friday, Oct. 23" is dated by the day after it)."""
    words = text[m.end():m.end() + 40].lower().split(None, 2)
    if g.get("rel", "").lower() == "the" and len(words) > 1 and words[0] in w["happening_of"] \
            and words[1] in w["happening_openers"]:
        return False
    if "weekday" in g or ("day_word" in g and "pod" in g):  # not "tonight": "The Tonight Show"
        return True
    return _next_word(text, m.end()) not in w["pod_compounds"]


def _guard_season(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    if "year" in g or "rel" in g or "mod" in g:
        return True
    season = g["season"].lower()
    after = text[m.end():m.end() + 12].lower()
    if season == "fall" or after.startswith(" of "):
        return m[0].lower().startswith("the") and not after.startswith(" of ")
    if _next_word(text, m.end()) in w["seasonal_campaigns"]:
        return True  # "the Chinese Winter Offensive", "entered winter quarters"
    if g["season"][0].isupper() and _next_word(text, m.end()) in w["street_kinds"] | w["season_names"]:
        return False  # "line up on Spring Street", "the Autumn Statement"
    return _prev_word(text, m.start()) in w["time_prepositions"] or m[0].lower().startswith("the")


def _guard_duration(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    num = g.get("num", "").lower()
    unit = g.get("unit", "").lower()
    if num[:1].isdigit() and text[max(0, m.start() - 1):m.start()] == "/" and \
            text[max(0, m.start() - 2):m.start() - 1].isdigit():
        return False  # "9/11 Day": the number ends a date or a name, it counts nothing
    if num in {"a", "an", "one"} and _prev_word(text, m.start()) in w["multipliers"]:
        return False  # "twice a year" is a SET
    if g.get("unit", "")[:1].isupper() and _POSSESSIVE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
        return False  # "MTV's 120 Minutes", "the paper's 30 Days series": a title, capitalised, not a span
    if num in {"a", "an"} and text[max(0, m.start() - 1):m.start()] == "-":
        return False  # "a three-pack-a-day smoker", "a once-a-year event": part of a compound, no span
    if num in {"a", "an"} and unit.endswith("s"):
        return False  # "a months-long siege", "a years' time": the article goes with the noun after
    if unit.startswith("second") and not num[:1].isdigit() and num not in {"few", "several"}:
        return False  # "a second attack"
    if unit.startswith("quarter") and (_next_word(text, m.end()) == "of" or _YEAR_LIKE.fullmatch(num)):
        return False  # "a quarter of the vote", "1988 quarter"
    if num in {"some", "many"} and unit.startswith(("minute", "hour")):
        return False
    return True


def _guard_bare_plural(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    if "rel" in g or m[0].lower().endswith("-long"):
        return True
    if _BEFORE_AFTER_EVENT.match(text[m.end():m.end() + 12]):
        return True  # "minutes before Air Force One departed": how long before an event
    return _prev_word(text, m.start()) in w["span_verbs"]


def _guard_set_every(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    det = m[0].split()[0].lower()
    if det in {"a", "an"}:
        return _prev_word(text, m.start()) in w["multipliers"]
    return True


RATE_REACH = 60  # characters before "a year" in which the amount of a rate is looked for


def _guard_set_rate(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """"a year" after an amount and at most two words is a rate, a frequency ("11 million vehicles a
    year", "$50,000 a year", "3,000 cars a day"; [guard_words].rate_scale: "million"), not a year long."""
    return w.rate_before.search(text, max(0, m.start() - RATE_REACH), m.start()) is not None


def _guard_rel_unit(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    rel = " ".join(g["rel"].lower().split())
    if rel == "the" and _next_word(text, m.end()) in {"before", "after", "earlier", "later"}:
        return False  # "the year before" is anaphoric: another rule's job
    if rel == "the" and g["unit"].lower() == "year" and _SPACE_DIGIT.match(text, m.end()):
        return False  # "the year 0": the number names the year; not "this year"
    if rel in {"the last", "the past", "the first"} and _next_word(text, m.end()) == "of":
        return False  # "the last week of August" is part of August, not last week
    if g["unit"].lower() in {"decade", "century"} and _next_word(text, m.end()) in w["period_end_after"]:
        return False  # "emissions fell in the decade to 2020": the ten years before it, not this decade
    before = " ".join(text[max(0, m.start() - 30):m.start()].lower().split())
    if rel == "the" and g["unit"].lower() == "century" and any(f" {before}".endswith(f" {p}") for p in w["turn_of"]):
        return False  # "at the turn of the century": 1900 or 2000, not the century of publication
    if rel == "the" and _prev_word(text, m.start()) == "of" and \
            _prev_word(text, text.rfind("of", 0, m.start())) in w["award_of"]:
        return False  # "player of the month", "goal of the week": an award, not this month
    if rel == "that" and _prev_word(text, m.start()) in w["reporting"] and _next_word(text, m.end()) in w["unit_compounds"]:
        return False  # "the company said that weekend services may be cut": "that" opens what was said
    return rel not in {"that", "the"} or _prev_word(text, m.start()) not in {"of"} or g["unit"].lower() != "year"


def _guard_offset(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'two days after the election' measures from an event we cannot date; 'two days after' can.
    'a month earlier than usual' is a difference, not a date: the span is a duration."""
    if _next_word(text, m.end()) == "than":
        return False
    if g["dir"].lower() not in {"before", "after"}:
        return True
    if not _SPACE_WORD.match(text[m.end():m.end() + 3]):
        return True
    # "two days after that" counts from the time just told; "a year after that first lockdown" from an event
    return _next_word(text, m.end()) in {"that", "this"} and not _DETERMINER_NOUN.match(text, m.end())


GAME_REACH = 200  # characters either side of a quarter or half in which a game's words are looked for
_PERIOD_PARTS = frozenset({"quarter", "qnum", "half"})


def _guard_game_period(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'the fourth quarter', 'the second half', 'Q3' with no year of their own, near a game's words
    ([guard_words].game_period_words: "touchdown", "minutes into", a score "28-0"), are periods of a
    match or a qualifying session, not of the year the page was written in: no date. A year, a
    relative word or "of the year" keeps it ("the fourth quarter of last year")."""
    if set(g) - _PERIOD_PARTS or " of " in m[0].lower():
        return True
    return w.game_words.search(text[max(0, m.start() - GAME_REACH):m.end() + GAME_REACH]) is None


FIGURE_REACH = 60  # characters before a day word in which a figure of speech is looked for


def _guard_day_word(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'It seems like only yesterday', 'I remember it as if it were yesterday', 'spend like there's
    no tomorrow' ([guard_words].figure_before_day_word): a figure of speech for how near or far
    something feels, no day."""
    return w.figure_before_day.search(text, max(0, m.start() - FIGURE_REACH), m.start()) is None


NAME_REACH = 80  # characters before a holiday in which the words that tell its name are looked for


def _guard_holiday(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'The day was originally called Armistice Day', 'the name changed from Armistice Day to Veterans
    Day', 'Armistice Day became Veterans Day' ([guard_words].name_before_holiday, name_after_holiday):
    the holiday's name, told as a name, dates nothing."""
    if "year" in g:
        return True
    return w.name_before_holiday.search(text, max(0, m.start() - NAME_REACH), m.start()) is None and \
        w.name_after_holiday.match(text, m.end()) is None


def _guard_now(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    return not (m[0].lower() == "now" and _next_word(text, m.end()) in {"-", "defunct"})


Guard = Callable[[str, re.Match[str], dict[str, str], GuardWords], bool]


ODDS_REACH = 25  # characters before a numeric date in which betting odds' words are looked for


def _guard_numeric_date(text: str, m: re.Match[str], g: dict[str, str], w: GuardWords) -> bool:
    """'2/15' or '11.9.' is a date; '2 1/2 miles', '3/4 of', '24/7', a score, a road's number ('Marion
    County 25/3') and odds ('the 5/2 favourite', 'at odds of 16/1') are not."""
    if "year" in g or "yy" in g or "weekday" in g:
        return True
    if _DIGIT_SPACE_END.search(text[max(0, m.start() - 3):m.start()]) or w.fraction_after.match(text, m.end()):
        return False
    prev = _prev_word(text, m.start())
    if m[0] == "24/7" or prev in w["number_labels"] or prev in w["labels_before_numeric"] \
            or w.odds_before.search(text, max(0, m.start() - ODDS_REACH), m.start()):
        return False  # round the clock; a label's number ("Exit 14/15"); betting odds ("won at odds of 16/1")
    if m[0].endswith(".") and _SENTENCE_GOES_ON.match(text, m.end()) and \
            _DECIMAL_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        return False  # "a magnitude of 8.3. It was felt", "of 6.3 and 6.4.": a decimal ending its sentence
    return len(g["day"].lstrip("0")) == 2 or len(g["month"].lstrip("0")) == 2 or "." in m[0] or (
        prev in w["before_numeric_date"])


GUARDS: dict[str, Guard] = {
    "numeric_date": _guard_numeric_date,
    "month_alone": _guard_month_alone,
    "year": _guard_year,
    "season": _guard_season,
    "part_of_day": _guard_part_of_day,
    "decade": _guard_decade,
    "duration": _guard_duration,
    "bare_plural": _guard_bare_plural,
    "set_every": _guard_set_every,
    "set_rate": _guard_set_rate,
    "rel_unit": _guard_rel_unit,
    "now": _guard_now,
    "day_word": _guard_day_word,
    "holiday": _guard_holiday,
    "offset": _guard_offset,
    "game_period": _guard_game_period,
}


_SENTENCE_START = re.compile(r"\s*(?:$|[\"“]?[A-Z][a-z])")


def _without_final_period(text: str, end: int) -> int:
    """'at 10 p.m. Police said', 'at 2.30am.', 'in 404 BC. Sparta': the period ends the sentence, not the expression."""
    if text[end - 1] == "." and text[end - 3:end].lower() in {".m.", " m.", "am.", "pm.", "bc.", "ad.", "ce."} and _SENTENCE_START.match(text, end):
        return end - 1
    return end


# Every _URL match contains one of these (lower-cased): a plain substring test, far cheaper than
# the regex, rules out the texts with nothing URL-like (most of them).
_URL_HINTS = ("://", "www.", "@", ".com", ".org", ".net", ".gov", ".edu", ".ru")


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses hold digits that are not dates (/2012/01/26/ is a path)."""
    lowered = text.lower()
    if not any(hint in lowered for hint in _URL_HINTS):
        return []
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``a`` overlaps one of ``spans`` (sorted, disjoint: ends rise with starts)."""
    i = bisect_right(spans, a[0], key=lambda s: s[1])
    return i < len(spans) and spans[i][0] < a[1]


# How far a match may reach before and after its trigger word ("the beginning of the ... month").
WINDOW_BEFORE = 60
WINDOW_AFTER = 90


_TOKEN = re.compile(r"\w+")


_KNOWN_TOKENS_MAX = 50_000  # candidate tokens remembered (a few MB) before starting afresh


@dataclass
class _TokenIndex:
    """What the trigger pass keeps per grammar: a scanner for the tokens that may be triggers, the
    triggers of each word and those with a token pattern (built once, not per text), and the trigger
    classes of each token met so far (most tokens were met before)."""

    grammar: Grammar
    scanner: re.Pattern[str]
    by_word: dict[str, list[Trigger]]
    token_triggers: tuple[Trigger, ...]
    known: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterned: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)  # token -> the token patterns it fits


_TOKEN_INDEXES: dict[int, _TokenIndex] = {}


def _token_index(grammar: Grammar) -> _TokenIndex:
    index = _TOKEN_INDEXES.get(id(grammar))
    if index is None or index.grammar is not grammar:
        # Over the lower-cased text, without IGNORECASE, so the engine skips branches by their
        # first letter: any case of a trigger word, or a token that starts with no ASCII letter.
        words = _alternation(sorted({w.lower() for t in grammar.triggers for w in t.words}))
        scanner = re.compile(rf"(?<!\w)(?:{words}(?!\w)|[^\W_a-z]\w*)")
        by_word: dict[str, list[Trigger]] = {}
        for t in grammar.triggers:
            for w in t.words:
                by_word.setdefault(w, []).append(t)
        index = _TOKEN_INDEXES[id(grammar)] = _TokenIndex(
            grammar, scanner, by_word, tuple(t for t in grammar.triggers if t.token is not None))
    if len(index.known) > _KNOWN_TOKENS_MAX:
        index.known.clear()
    if len(index.patterned) > _KNOWN_TOKENS_MAX:
        index.patterned.clear()
    return index


def _candidate_tokens(text: str, index: _TokenIndex) -> Iterator[re.Match[str]]:
    """Matches spanning the \\w+ tokens that may be triggers (a superset; each is checked as a token).

    Lower-casing keeps every character's place when the length is unchanged, and the tokens
    a trigger can be (a trigger word in any case, or one starting with a digit) are found there.
    """
    lowered = text.lower()
    return index.scanner.finditer(lowered) if len(lowered) == len(text) else _TOKEN.finditer(text)


def _classes_of_word(tok: str, by_word: dict[str, list[Trigger]]) -> tuple[str, ...]:
    names = [t.name for t in (by_word.get(tok, ()) if tok[0].isupper() else ()) if t.case_sensitive]
    return (*names, *(t.name for t in by_word.get(tok.lower(), ()) if not t.case_sensitive))


def _trigger_windows(text: str, grammar: Grammar) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, merged stretches of text around its words, from one token pass."""
    hits: dict[str, list[tuple[int, int]]] = {t.name: [] for t in grammar.triggers}
    index = _token_index(grammar)
    known, patterned = index.known, index.patterned
    for m in _candidate_tokens(text, index):
        span = m.span()
        tok = text[span[0]:span[1]]
        names = known.get(tok)
        if names is None:
            names = known[tok] = _classes_of_word(tok, index.by_word)
        for name in names:
            hits[name].append(span)
        if tok[0].isdigit():
            fits = patterned.get(tok)
            if fits is None:
                fits = patterned[tok] = tuple(t for t in index.token_triggers if t.token.fullmatch(tok))  # type: ignore[union-attr]
            for t in fits:
                if t.after is None or t.after.match(text, span[1]):
                    hits[t.name].append(span)
    return {name: _merge(spans, len(text)) for name, spans in hits.items()}


def _merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The windows around ``spans`` (in text order), overlapping ones joined. (Written out: dense text
    has a trigger every few characters, and min, max and a tuple per span were most of this pass.)"""
    out: list[tuple[int, int]] = []
    if not spans:
        return out
    first, last = max(0, spans[0][0] - WINDOW_BEFORE), spans[0][1] + WINDOW_AFTER  # the window being joined
    for start, end in spans:
        lo, hi = start - WINDOW_BEFORE, end + WINDOW_AFTER
        if lo <= last:
            if hi > last:
                last = hi
            continue
        out.append((first, min(size, last)))
        first, last = max(0, lo), hi
    out.append((first, min(size, last)))
    return out


_NEEDLE_SEARCHES: dict[int, tuple[Grammar, dict[str, re.Pattern[str] | None]]] = {}


def _needle_search(grammar: Grammar, rule: Rule) -> re.Pattern[str] | None:
    """A search for the rule's needles (needles.py) when they are ``telling`` for the words of its
    trigger (None: its windows are scanned without looking first). Worked out once per grammar and
    rule, when a text first has windows for it (reading a rule's parse costs about 2 ms: a process
    that tags one short article reads only the rules it needs)."""
    found = _NEEDLE_SEARCHES.get(id(grammar))
    if found is None or found[0] is not grammar:
        found = _NEEDLE_SEARCHES[id(grammar)] = (grammar, {})
    searches = found[1]
    if rule.id not in searches:
        words = next(frozenset(w.lower() for w in t.words) for t in grammar.triggers if t.name == rule.trigger)
        needed = needles(rule.regex) if words else None  # (no words: never telling, see ``telling``)
        searches[rule.id] = needle_search(needed) if needed and telling(needed, words) else None
    return searches[rule.id]


def _matches(rule: Rule, text: str, windows: list[tuple[int, int]], needle: re.Pattern[str] | None) -> list[re.Match[str]]:
    """The rule's matches in its windows; a window without one of its ``needle``s is not scanned."""
    found = []
    for lo, hi in windows:
        if needle is not None and needle.search(text, lo, hi) is None:
            continue
        for m in rule.regex.finditer(text, lo, hi):
            if m.end() == hi < len(text):  # the window's edge hid what follows: match again in full
                full = rule.regex.match(text, m.start())
                if full is None:
                    continue
                m = full
            found.append(m)
    return found


# How far before a date the other end of its range may start ("the 13th to the 19th of").
RANGE_REACH = 24
# A range's other end given with two digits lies at most this many years after its first ("1957-58").
RANGE_YEARS = 30
_FIELDS = ("day", "month", "year", "num", "hour")
_AFTER_LAST_FIELD = re.compile(r"(?:st|nd|rd|th)?\.?")


def _facing_field(near: Mention, side: str) -> str | None:
    """Which of day, month or year ``near`` shows on ``side``: '25 April 1951' shows its day
    before and its year after. A range's other end must name that same field."""
    found = [(i, i + len(v), f) for f in _FIELDS if (v := near.groups.get(f)) and (i := near.text.find(v)) >= 0]
    if not found:
        return None
    if side == "before":
        i, _, f = min(found)
        return f if near.text[:i].strip().lower() in {"", "the"} else None
    _, e, f = max(found, key=lambda x: x[1])
    return f if _AFTER_LAST_FIELD.fullmatch(near.text[e:]) else None


def _range_end(text: str, near: Mention, rule: Rule, grammar: Grammar,
               searches: dict[str, WindowSearch]) -> Mention | None:
    """The other end of ``near``'s range ("22" in "22-25 April 1951") if ``rule`` finds it on its side
    (``searches``: this text's window searches of each rule that attaches before)."""
    if rule.attach == "before":
        m = searches[rule.id].search(text, max(0, near.start - RANGE_REACH), near.start)
    else:
        m = rule.regex.match(text, near.end)
    if m is None:
        return None
    g = _groups(m)
    if _facing_field(near, rule.attach or "") not in {"year" if k == "yy" else k for k in g}:
        return None
    if "num" in g:  # "between 12 and 18 months", "two to three weeks"
        first, last = grammar.number(g["num"]), grammar.number(near.groups.get("num", ""))
        if first is None or last is None or first >= last:
            return None
        g["num"] = f"{first:g}"
    elif "hour" in g:  # "from 1-7 p.m.", "between 11 and 1 p.m."
        first = _hour_before(g["hour"], near)
        if first is None:
            return None
        g["hour"] = str(first)
    elif not _dated_in_order(near, g, rule.attach == "before", grammar):
        return None
    start, end = m.span("span")
    return Mention(start, end, text[start:end], rule, g)


def _hour_before(hour: str, near: Mention) -> int | None:
    """The 24-hour hour a bare number before a clock time opens its range at: in the same half of the
    day when that keeps it earlier ("1-7 p.m.": 13), else the morning ("11 to 1 p.m.": 11); None when
    no reading is earlier ("9-7 a.m.") or the time has no a.m. or p.m. to read it by."""
    ampm, end_hour = near.groups.get("ampm", "").lower(), near.groups.get("hour", "")
    if not ampm or not end_hour.isdigit() or not 1 <= int(hour) <= 12 or int(end_hour) > 12:
        return None
    def in_24(h: int, pm: bool) -> int:
        return h % 12 + (12 if pm else 0)
    end = in_24(int(end_hour), ampm.startswith("p"))
    for pm in (ampm.startswith("p"), False):
        first = in_24(int(hour), pm)
        if first < end:
            return first
    return None


def _dated_in_order(near: Mention, g: dict[str, str], before: bool, grammar: Grammar) -> bool:
    """Complete the end's year where the range implies it ('58' after '1957'; 'December 20' before
    'January 5, 2004'), in ``g``, and say whether the range is then in order."""
    if "yy" in g:
        year = _full_year(near, int(g.pop("yy")))
        if year is None:
            return False
        g["year"] = str(year)
    if _in_order(near, g, before, grammar):
        return True
    first = near.groups.get("year", "")
    if not ("month" in g and "year" not in g and first.isdigit() and "era" not in near.groups):
        return False
    g["year"] = str(int(first) - 1)  # "December 20 to January 5, 2004" crosses the new year
    return _in_order(near, g, before, grammar)


def _full_year(near: Mention, yy: int) -> int | None:
    """'58' after '1957' is 1958; '00' after '1999' is 2000; no more than RANGE_YEARS on."""
    first = near.groups.get("year", "")
    if not first.isdigit() or "era" in near.groups:
        return None
    year = int(first) // 100 * 100 + yy
    year += 100 if year <= int(first) else 0
    return year if year - int(first) <= RANGE_YEARS else None


def _in_order(near: Mention, g: dict[str, str], before: bool, grammar: Grammar) -> bool:
    """Whether the end keeps the range in order: 22 before 25 April, 499 BC before 493 BC."""
    sign = -1 if near.groups.get("era", "").upper().startswith("B") else 1

    def key(groups: dict[str, str]) -> tuple[int, int, int]:
        year = groups.get("year") or g.get("year") or near.groups.get("year") or "0"
        month = groups.get("month") or near.groups.get("month")
        day = groups.get("day") or near.groups.get("day")
        return sign * int(year), month_number(month, grammar) if month else 0, day_number(day) if day else 0

    return key(g) < key(near.groups) if before else key(g) > key(near.groups)


def _with_range_ends(text: str, chosen: list[Mention], grammar: Grammar, sentences: Sentences) -> list[Mention]:
    """Add the other ends of ranges. An end may swallow what was tagged inside it ("1918" in
    "March 5-9, 1918", "March 19" in "March 19-April 30"), and a year given after a range is
    its first date's too."""
    dropped: set[int] = set()
    out: list[Mention] = []
    ends_at = bytearray(len(text))  # characters the range ends found so far cover (a scan of them was quadratic)
    searches = {rule.id: WindowSearch(rule.regex) for rule in grammar.rules if rule.attach == "before"}
    for i, near in enumerate(chosen):
        for rule in grammar.ranges.get(near.rule.id, ()):
            end = _range_end(text, near, rule, grammar, searches)
            if end is None or not sentences.holds(min(end.start, near.start), max(end.end, near.end)):
                continue
            others = [j for j in range(max(0, i - 3), min(len(chosen), i + 4))
                      if j != i and chosen[j].start < end.end and end.start < chosen[j].end]
            if any(chosen[j].start < end.start or chosen[j].end > end.end or j in dropped for j in others) or \
                    ends_at.find(1, end.start, end.end) >= 0:
                continue
            dropped.update(others)
            out.append(end)
            ends_at[end.start:end.end] = b"\x01" * (end.end - end.start)
            if "year" in end.groups and "year" not in near.groups and rule.attach == "after":
                chosen[i] = near = replace(near, groups={**near.groups, "year": end.groups["year"]})
    out += [c for j, c in enumerate(chosen) if j not in dropped]
    return sorted(out, key=lambda c: c.start)


def tag(text: str, grammar: Grammar | None = None, sentences: list[tuple[int, int]] | None = None) -> list[Mention]:
    """All temporal expressions in ``text``, in text order, never overlapping, each inside one
    sentence (``sentences``, from sentences.sentence_spans): "set for July", a blank line, then
    "2 people were killed" holds the month July, not the date July 2."""
    grammar = grammar or load_grammar()
    within = Sentences(sentence_spans(text, grammar) if sentences is None else sentences)
    blocked = _blocked_spans(text)
    windows = _trigger_windows(text, grammar)
    words = guard_words(grammar)
    # (start, end, rule, match, groups): a candidate's groups are read when a guard needs them or
    # when it is chosen, and its Mention is made only then (on dense text most candidates lose).
    candidates: list[tuple[int, int, Rule, re.Match[str], dict[str, str] | None]] = []
    for rule in grammar.rules:
        if rule.attach or not windows[rule.trigger]:
            continue
        guard = GUARDS.get(rule.guard or "")
        for m in _matches(rule, text, windows[rule.trigger], _needle_search(grammar, rule)):
            start, end = m.span()
            if end == start:
                continue
            g = None
            if guard is not None and not guard(text, m, g := _groups(m), words):
                continue
            if blocked and _overlaps((start, end), blocked):
                continue
            if text[end - 1] == ".":
                end = _without_final_period(text, end)
            if not within.holds(start, end):
                continue
            candidates.append((start, end, rule, m, g))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2].order, c[0]))
    taken = bytearray(len(text))
    chosen: list[Mention] = []
    for start, end, rule, m, g in candidates:
        if taken.find(1, start, end) >= 0:  # (any(taken[start:end]), without the copy)
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(Mention(start, end, text[start:end], rule, _groups(m) if g is None else g))
    chosen = sorted((c for c in chosen if c.rule.kind != NAME_KIND), key=lambda c: c.start)
    return _with_range_ends(text, chosen, grammar, within)
