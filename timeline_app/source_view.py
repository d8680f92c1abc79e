"""The article as the journalist checks it: every date highlighted, the chosen event's sentence marked.

Why a pure function producing HTML: the source panel is where trust is won or lost
(does "the following day" really mean 17 Dec?), so its markup is tested without a
browser. Article text is untrusted — a pasted page may hold ``<script>`` — so every
character of it is escaped here, before any HTML sanitiser downstream gets a say.

Spans may nest (a sentence holding dates) or cross (a date running over a sentence
break): the text is cut at every span edge and marks are closed and reopened so the
result is always well-formed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from .escape import for_html
from .model import Event, Timex
from .when import format_when

SOURCE_CSS = """
.source-view { font-size: 0.95rem; }
.source-view .why { background: #f6f7f9; border-left: 4px solid #0072B2; padding: 0.5rem 0.75rem;
  margin-bottom: 0.5rem; line-height: 1.45; }
.source-view .why .when { font-weight: 700; }
.source-view .why .how { color: #444; }
.source-view .source-text { position: relative; white-space: pre-wrap; overflow-wrap: anywhere;
  max-height: 34rem; overflow-y: auto; padding: 0.75rem 1rem; border: 1px solid #e3e3e3;
  border-radius: 0.4rem; line-height: 1.6; font-family: Georgia, 'DejaVu Serif', serif; }
.source-view .passage { color: #555; font-size: 0.85rem; margin-bottom: 0.25rem; }
.source-view mark { color: inherit; padding: 0; }
.source-view mark.timex { background: #dcebf7; border-bottom: 2px solid #0072B2; cursor: pointer; }
.source-view mark.timex:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
.source-view mark.selected { background: #ffe98a; box-shadow: 0 0 0 2px #ffe98a; }
.source-view mark.selected mark.timex { background: #ffd23f; }
"""

# Scrolls the selected sentence into view inside the text box (not the whole page) and
# reports clicks on a highlighted date. It waits for the panel that matches the current
# selection, because Streamlit may draw the panel after this script runs.
SOURCE_JS = """
export default function ({ data, setTriggerValue }) {
  let stopped = false;
  const started = performance.now();
  const onClick = (event) => {
    const mark = event.target.closest && event.target.closest(".source-view mark.timex");
    if (!mark) return;
    const view = mark.closest(".source-view");
    setTriggerValue("clicked", { doc: view.dataset.doc, expression: Number(mark.dataset.expr) });
  };
  const scroll = () => {
    if (stopped) return;
    const view = document.querySelector(".source-view");
    if (!view || view.dataset.selected !== (data.selected || "")) {
      if (performance.now() - started < 5000) requestAnimationFrame(scroll);
      return;
    }
    const box = view.querySelector(".source-text");
    const mark = box && box.querySelector("#selected");
    if (mark) box.scrollTo({ top: Math.max(0, mark.offsetTop - box.clientHeight / 4), behavior: "smooth" });
  };
  const onKey = (event) => {
    const onDate = event.target.closest && event.target.closest(".source-view mark.timex");
    if (onDate && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); onClick(event); }
  };
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  scroll();
  return () => { stopped = true; document.removeEventListener("click", onClick);
                 document.removeEventListener("keydown", onKey); };
}
"""


@dataclass(frozen=True)
class _Span:
    """A mark to draw over ``text[start:end]``; ``rank`` orders nesting (outermost first)."""

    start: int
    end: int
    rank: tuple[int, int, int]
    open_tag: str
    first_open_tag: str  # ids must be unique, so only the first piece of a split mark gets it


def _timex_span(index: int, t: Timex) -> _Span:
    title = f' title="{for_html(t.explanation)}"' if t.explanation else ""
    tag = f'<mark class="timex" data-expr="{index}" tabindex="0" role="button"{title}>'  # keyboard: Tab, Enter
    return _Span(t.start, t.end, (1, t.start, -t.end), tag, tag)


def _sentence_span(event: Event) -> _Span:
    return _Span(event.sentence_start, event.sentence_end, (0, 0, 0),
                 '<mark class="selected">', '<mark class="selected" id="selected">')


def _marked_text(text: str, spans: Sequence[_Span]) -> str:
    """Escaped ``text`` with every span wrapped in its mark, properly nested.

    Leading and trailing whitespace is left out (spans are clipped to the rest): in a
    pre-wrapped box it would only push the article down.
    """
    first = len(text) - len(text.lstrip())
    last = max(first, len(text.rstrip()))
    clipped = (replace(s, start=max(s.start, first), end=min(s.end, last)) for s in spans)
    spans = [s for s in clipped if s.start < s.end]
    cuts = sorted({first, last, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    open_now: list[_Span] = []
    opened: set[_Span] = set()
    # a sweep over the cuts: the spans covering [a, b) are few (marks nest a few deep), and
    # scanning every span at every cut was quadratic (a 1 MB article: 6-9 CPU-s per rerun)
    by_start = sorted(range(len(spans)), key=lambda n: spans[n].start)
    covering: list[int] = []
    entered = 0
    for a, b in pairwise(cuts):
        while entered < len(by_start) and spans[by_start[entered]].start <= a:
            covering.append(by_start[entered])
            entered += 1
        covering = [n for n in covering if b <= spans[n].end]  # an ended span never covers again
        wanted = [spans[n] for n in sorted(covering, key=lambda n: (spans[n].rank, n))]
        keep = 0
        while keep < min(len(open_now), len(wanted)) and open_now[keep] == wanted[keep]:
            keep += 1
        out.append("</mark>" * (len(open_now) - keep))
        for span in wanted[keep:]:
            out.append(span.open_tag if span in opened else span.first_open_tag)
            opened.add(span)
        open_now = wanted
        out.append(for_html(text[a:b]))
    out.append("</mark>" * len(open_now))
    return "".join(out)


def _why(selected: Event) -> str:
    """The answer to "why this date?", above the text so it stays visible while reading."""
    how = f'<div class="how">{for_html(selected.explanation)}</div>' if selected.explanation else ""
    return (f'<div class="why"><span class="when">{for_html(format_when(selected))}</span> · '
            f'{for_html(selected.label)}{how}</div>')


def render_source_html(text: str, expressions: Sequence[Timex], selected: Event | None, *,
                       doc_id: str | None = None, window: int | None = None) -> str:
    """The source panel: explanation of ``selected`` (if any), then the marked-up article text.

    ``doc_id`` (default: the selected event's document) tells a click on a date which
    article it came from. ``window`` caps the characters shown: a long article shows the
    passage around the selected event (else its start) and says so; the browser then
    never lays out a megabyte of marked text on every click.
    """
    lo, hi = passage(text, selected, window)
    spans = [_shifted(_timex_span(i, t), lo) for i, t in enumerate(expressions) if t.end > lo and t.start < hi]
    if selected is not None and selected.sentence_end > lo and selected.sentence_start < hi:
        spans.append(_shifted(_sentence_span(selected), lo))
    doc = doc_id if doc_id is not None else (selected.doc_id if selected else "")
    selected_id = selected.id if selected else ""
    note = (f'<div class="passage">Characters {lo + 1:,}–{hi:,} of {len(text):,} shown: choose an event or '
            'a row to see its passage.</div>') if (lo, hi) != (0, len(text)) else ""
    return (f'<div class="source-view" data-doc="{for_html(doc)}" data-selected="{for_html(selected_id)}">'
            f'{_why(selected) if selected else ""}{note}'
            f'<div class="source-text">{_marked_text(text[lo:hi], spans)}</div></div>')


def passage(text: str, selected: Event | None, window: int | None) -> tuple[int, int]:
    """The stretch of ``text`` shown: all of it, or ``window`` characters from the line that starts
    a quarter window before the selected sentence (the article's start when nothing is selected)."""
    if window is None or len(text) <= window:
        return 0, len(text)
    around = selected.sentence_start if selected is not None else 0
    lo = max(0, min(around - window // 4, len(text) - window))
    line = text.rfind("\n", max(0, lo - 2_000), lo + 1)
    lo = line + 1 if line >= 0 else lo
    return lo, min(len(text), lo + window)


def _shifted(span: _Span, by: int) -> _Span:
    """The span in a passage that starts ``by`` characters into the text (it is clipped there)."""
    return replace(span, start=span.start - by, end=span.end - by) if by else span
