"""Article, file and corrections text made inert for each place it is shown.

Streamlit reads titles, captions, toasts, alerts and widget labels as Markdown (images
and links included: ``![x](http://host/p)`` makes every reader's browser fetch that
address), ``st.html`` and exports read HTML, and Plotly reads its own small HTML subset.
One function per destination, so a caller says where the text goes and never thinks
about which characters matter there.
"""

from __future__ import annotations

import html
import re

# CommonMark lets any ASCII punctuation be escaped with a backslash. Escaped wherever they are:
# link and image brackets, emphasis, code, HTML, entities, Streamlit's :colour[...] and :emoji:
# directives, $math$. Escaped only where they act: a block marker at the start ("# ", "- ", "1. ").
_MARKDOWN_ANYWHERE = re.compile(r"[\\`*_{}\[\]<>!|~:$&^]")
_BLOCK_START = re.compile(r"^(\d*)([#+\-=>]|(?<=\d)[.)])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# GFM turns bare addresses (http://..., www.x.com, a@b.com) into links after escapes are read, so
# no backslash stops it: an invisible word joiner (U+2060) inside the trigger does.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=ftp)(?=:)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def for_markdown(text: str) -> str:
    """``text`` shown literally where Streamlit renders Markdown. Line breaks become spaces and the
    ends are trimmed: every such place (a title, a toast, a label) is one line, and a break or an
    indent could start a block."""
    text = no_autolinks(_LINE_BREAKS.sub(" ", text).strip())
    text = _MARKDOWN_ANYWHERE.sub(r"\\\g<0>", text)
    return _BLOCK_START.sub(r"\g<1>\\\g<2>", text, count=1)


def no_autolinks(text: str) -> str:
    """Bare addresses that GFM would make links of, kept as text by an invisible word joiner (no backslash
    stops GFM: it finds them after escapes are read)."""
    return _AUTOLINK.sub(WORD_JOINER, text)


def for_html(text: str) -> str:
    """Text for an HTML page, an attribute or a TimelineJS field: tags, entities and both quotes escaped."""
    return html.escape(text, quote=True)


def for_plotly(text: str) -> str:
    """Text for Plotly's label markup (titles, legend, ticks, hover, annotations).

    Plotly reads a few HTML tags and only the entities ``&amp; &lt; &gt;`` and numeric
    ones: ``&quot;`` would show as itself, so quotes stay as they are (they cannot
    open a tag once ``<`` is escaped).
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
