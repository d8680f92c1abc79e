"""Web-page chrome: the lines a site prints around every article (footers, share buttons,
"Advertisement", section labels), so no stage mistakes them for the article.

The words are data, per language, in ``rules/chrome_en.toml``. The events stage skips dates on
footer lines ("Copyright 2023 ..." is no event), the web reader drops them from the text, and
title detection refuses a headline that is chrome or a bare section label.
"""

from __future__ import annotations

import re
import tomllib
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
    one word, the outlet ("Xinhua, January 7, 2015"). ``dates`` are the line's date spans, in order."""
    if len(line) > _MAX_CHROME_CHARS:
        return None
    published, updated, allowed, opening = _stamp_vocabulary()
    kind, others, stamped, cursor = "published", 0, False, 0
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
