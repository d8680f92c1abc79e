"""Article and file text made inert for each place it is shown.

Titles, labels, sentences and file names come from pages nobody here wrote: a
``<a href>`` in a headline must stay text in the chart, the legend and every export.
"""

from __future__ import annotations

import html


def for_plotly(text: str) -> str:
    """Text for Plotly's label markup (titles, legend, ticks, hover, annotations).

    Plotly reads a few HTML tags and only the entities ``&amp; &lt; &gt;`` and numeric
    ones: ``&quot;`` would show as itself, so quotes stay as they are (they cannot
    open a tag once ``<`` is escaped).
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def for_html(text: str) -> str:
    """Text for an HTML page or a TimelineJS field: tags, entities and both quotes escaped."""
    return html.escape(text, quote=True)
