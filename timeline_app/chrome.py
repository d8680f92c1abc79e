"""Web-page chrome: the lines a site prints around every article (footers, share buttons,
"Advertisement", section labels), so no stage mistakes them for the article.

The words are data, per language, in ``rules/chrome_en.toml``. The events stage skips dates on
footer lines ("Copyright 2023 ..." is no event), the web reader drops them from the text, and
title detection refuses a headline that is chrome or a bare section label.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from functools import cache
from pathlib import Path

CHROME_PATH = Path(__file__).parent / "rules" / "chrome_en.toml"
_MAX_CHROME_CHARS = 200  # a longer line is prose, whatever it starts with


@cache
def _data() -> dict[str, list[str]]:
    return tomllib.loads(CHROME_PATH.read_text(encoding="utf-8"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _data()
    return {kind: re.compile("|".join(f"(?:{p})" for p in data[kind]), re.IGNORECASE) for kind in ("footer", "section")}


def page_words(kind: str) -> str:
    """One alternation of a page-metadata pattern list ("published_line", "copyright"...: the
    words published.py reads a page's own dates by)."""
    return "|".join(_data()[kind])


def is_footer(line: str) -> bool:
    """A copyright, rights, advertising or share line: page furniture, not the article."""
    line = line.strip()
    return 0 < len(line) <= _MAX_CHROME_CHARS and _patterns()["footer"].fullmatch(line) is not None


def is_chrome(title: str) -> bool:
    """A footer line, or a bare section label ("World"): furniture, never a headline or a paragraph."""
    title = title.strip()
    return is_footer(title) or _patterns()["section"].fullmatch(title) is not None


def line_at(text: str, offset: int) -> str:
    """The line of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)]


@cache
def _byline() -> re.Pattern[str]:
    """A byline's opening word and one to five capitalised names (byline), up to a date."""
    words = "|".join(_data()["byline"])
    return re.compile(rf"\s*(?i:{words})[ \t]+(?:[A-Z][\w.'’-]*,?[ \t]+(?:and[ \t]+)?){{1,5}}$")


@cache
def label_lead() -> re.Pattern[str]:
    """A wire or place dateline, or a desk's tag, where a sentence starts ("SALT LAKE CITY – "):
    a label starts after it."""
    return re.compile("|".join(f"(?:{p})" for p in _data()["label_lead"]))


@cache
def _stamp_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    """(the publication words, the update words, every word a date stamp line may hold, its openings)."""
    data = _data()
    published = frozenset(w for p in data["published_line"] for w in p.split())
    updated = frozenset(w for p in data["updated_line"] for w in p.split()) - published
    opening = re.compile(r"[\W_]*(?:" + "|".join(data["published_line"] + data["updated_line"]) + r")\b", re.I)
    return published, updated, published | updated | frozenset(data["stamp_words"]), opening


def stamp_kind(line: str, dates: list[tuple[int, int]], at: int, dated: bool) -> str | None:
    """"published" or "updated" when ``line`` is a page's date stamp and the date at offset ``at``
    of the line is its publication or update date (the stamp word nearest before it says which);
    else None. A stamp line opens with a stamp word ("Updated: 2019-02-18", "Submit by CEIN News on
    20.05.2003"), or holds one and nothing but dates and stamp words ("December 19, 2017 / 8:22 AM /
    Updated 21 hours ago"), or, when it is ``dated`` (holds the publication date), nothing else but
    one word, the outlet ("Xinhua, January 7, 2015"), or a byline before it ("By Sports Desk September
    07, 2022"). ``dates`` are the line's date spans, in order."""
    if len(line) > _MAX_CHROME_CHARS:
        return None
    published, updated, allowed, opening = _stamp_vocabulary()
    byline = _byline().match(line, 0, dates[0][0]) if dated and dates else None  # "By Sports Desk September 07, 2022"
    kind, others, stamped, cursor = "published", 0, byline is not None, byline.end() if byline else 0
    for start, end in (*dates, (len(line), len(line))):
        for word in line[cursor:start].split():
            word = word.strip("()[],;:/|·•-–—").lower()
            if word in published or word in updated:
                stamped = True
                if start <= at:
                    kind = "updated" if word in updated else "published"
            others += word != "" and word not in allowed
        cursor = max(cursor, end)
    if opening.match(line) or (stamped and not others) or (dated and others <= 1):
        return kind
    return None


_STAMP_END = re.compile(r"[ \t]+[-–—]{1,2}[ \t]|[ \t]*[–—]")  # the dash after "Updated 4:30 p.m. EST"


def is_copy_stamp(blanked: str, start: int, end: int, calendar: Collection[str] = ()) -> bool:
    """Is the date at [start, end) of ``blanked`` (a text with its dates blanked out) in a page's
    own stamp ("Update: 3:30 p.m. Thursday, June 22", "Updated 4:30 p.m. EST — ...", "Published
    March 10, 2023 at 3:38pm")? It opens its line with an update or publication word and holds
    nothing but dates and stamp words up to the line's end or a dash: the time the copy was
    published or updated, which may be hours after what the paragraph tells. A number or one of
    the ``calendar`` words (month and weekday names) is a piece of a date the tagger left."""
    lo = blanked.rfind("\n", 0, start) + 1
    opening = _stamp_vocabulary()[3].match(blanked, lo)
    if opening is None or opening.end() > start:
        return False
    hi = blanked.find("\n", end)
    hi = len(blanked) if hi < 0 else hi
    cut = _STAMP_END.search(blanked, end, hi)
    words = (w.strip("()[],;:/|·•-–—").lower() for w in blanked[opening.end():cut.start() if cut else hi].split())
    return all(w in _stamp_vocabulary()[2] or w in calendar or w.isdigit() for w in words if w)


def stamp_label(kind: str, title: str | None) -> str:
    """What a date stamp's event says: "Updated: <headline>"."""
    labels = _data()["stamp_label"]
    return labels[kind].format(title=title) if title else labels[f"{kind}_untitled"]


def is_stamp_label(label: str) -> bool:
    """Whether ``label`` is a date stamp's ("Published: <headline>"): it says when the page was
    dated, not what happened, so a day's other labels go first."""
    labels = _data()["stamp_label"]
    return any(label == labels[f"{kind}_untitled"] or label.startswith(labels[kind].split("{title}")[0])
               for kind in ("published", "updated"))
