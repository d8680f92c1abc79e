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
