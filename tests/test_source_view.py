"""The source panel's HTML: escaped article text, exact highlights, one well-formed selected mark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.model import Event, Resolution, Timex
from timeline_app.source_view import render_source_html

TEXT = ("Clashes erupted on Dec. 16 in Zhanaozen. Another person died the following day. "
        "Prosecutors spoke on Wednesday.")


def timex(text: str, phrase: str, explanation: str = "") -> Timex:
    start = text.index(phrase)
    resolution = Resolution(date(2011, 12, 16), date(2011, 12, 16), "day", "explicit", "r", None, explanation)
    return Timex(start, start + len(phrase), phrase, "DATE", "2011-12-16", resolution=resolution)


def event(text: str, sentence: str, expression: int = 0, explanation: str = "why", label: str = "label") -> Event:
    start = text.index(sentence)
    return Event("doc:0", "doc", date(2011, 12, 17), date(2011, 12, 17), "day", label, start,
                 start + len(sentence), expression, "inferred", explanation)


@dataclass
class Mark:
    attrs: dict[str, str | None]
    text: str = ""


class Tree(HTMLParser):
    """Records every mark's text and the article text, and fails on unbalanced tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[Mark] = []
        self.article = ""
        self.why = ""
        self.tags: list[str] = []
        self._open: list[tuple[str, Mark | None, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        mark = Mark(dict(attrs)) if tag == "mark" else None
        if mark:
            self.marks.append(mark)
        self._open.append((tag, mark, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self._open and self._open[-1][0] == tag, f"unbalanced </{tag}>"
        self._open.pop()

    def handle_data(self, data: str) -> None:
        classes = [(a.get("class") or "") for _, _, a in self._open]
        if "source-text" in classes:
            self.article += data
        if "why" in classes:
            self.why += data
        for _, mark, _ in self._open:
            if mark:
                mark.text += data


def parse(markup: str) -> Tree:
    tree = Tree()
    tree.feed(markup)
    tree.close()
    assert not tree._open, "unclosed tags"
    return tree


def test_article_text_is_escaped_not_executed() -> None:
    hostile = 'Dec. 16 <script>alert(1)</script> <img src=x onerror="window.__xss=1"> & "quotes"'
    markup = render_source_html(hostile, [timex(hostile, "Dec. 16")], None)
    tree = parse(markup)
    assert "script" not in tree.tags and "img" not in tree.tags
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;" in markup
    assert tree.article == hostile


def test_explanation_and_label_are_escaped() -> None:
    chosen = event(TEXT, "Another person died the following day.", explanation="<b>1 day</b> after",
                   label="<img src=x onerror=alert(1)>")
    tree = parse(render_source_html(TEXT, [], chosen))
    assert tree.tags.count("img") == 0 and "b" not in tree.tags
    assert "<b>1 day</b> after" in tree.why and "<img src=x onerror=alert(1)>" in tree.why


def test_highlights_sit_at_exact_offsets() -> None:
    expressions = [timex(TEXT, "Dec. 16"), timex(TEXT, "the following day"), timex(TEXT, "Wednesday")]
    tree = parse(render_source_html(TEXT, expressions, None))
    found = {m.attrs["data-expr"]: m.text for m in tree.marks}
    assert found == {"0": "Dec. 16", "1": "the following day", "2": "Wednesday"}
    assert all(m.attrs["class"] == "timex" for m in tree.marks)
    assert tree.article == TEXT


def test_selected_mark_wraps_exactly_the_sentence_and_nests_its_dates() -> None:
    expressions = [timex(TEXT, "Dec. 16"), timex(TEXT, "the following day")]
    sentence = "Another person died the following day."
    tree = parse(render_source_html(TEXT, expressions, event(TEXT, sentence, expression=1)))
    selected = [m for m in tree.marks if m.attrs["class"] == "selected"]
    assert [m.text for m in selected] == [sentence]
    assert selected[0].attrs["id"] == "selected"
    inner = [m for m in tree.marks if m.attrs.get("data-expr") == "1"]
    assert [m.text for m in inner] == ["the following day"]
    assert tree.article == TEXT


def test_date_crossing_the_sentence_edge_is_split_and_selected_id_is_unique() -> None:
    text = "Talks ended on the 5th. Monday saw more talks."
    start = text.index("5th. Monday")
    crossing = Timex(start, start + len("5th. Monday"), "5th. Monday", "DATE", "XXXX")
    chosen = event(text, "Monday saw more talks.")
    markup = render_source_html(text, [crossing], chosen)
    tree = parse(markup)
    pieces = [m.text for m in tree.marks if m.attrs.get("data-expr") == "0"]
    assert "".join(pieces) == "5th. Monday" and len(pieces) == 2
    assert markup.count('id="selected"') == 1
    assert [m.text for m in tree.marks if m.attrs["class"] == "selected"] == ["Monday saw more talks."]
    assert tree.article == text


def test_blank_lines_around_the_article_are_not_shown() -> None:
    text = "\n\n  Talks began on Monday.\n\n"
    tree = parse(render_source_html(text, [timex(text, "Monday")], None))
    assert tree.article == "Talks began on Monday."
    assert [m.text for m in tree.marks] == ["Monday"]


def test_hand_added_event_has_no_sentence_but_still_explains() -> None:
    added = Event("doc:hand1", "doc", date(2012, 1, 1), date(2012, 1, 1), "day", "Trial opens", 0, 0, -1,
                  "explicit", "Added by hand.")
    tree = parse(render_source_html(TEXT, [], added))
    assert not tree.marks and "Trial opens" in tree.why and "Added by hand." in tree.why


def test_panel_names_document_and_selection_for_the_click_script() -> None:
    chosen = event(TEXT, "Another person died the following day.")
    assert 'data-doc="doc" data-selected="doc:0"' in render_source_html(TEXT, [], chosen)
    assert 'data-doc="other" data-selected=""' in render_source_html(TEXT, [], None, doc_id="other")


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Timex], Event | None]:
    text = draw(st.text(alphabet="ab <>&\"'\n.", min_size=1, max_size=40))
    bounds = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted)
    timexes = [Timex(s, e, text[s:e], "DATE", "X") for s, e in draw(st.lists(bounds, max_size=5))]
    sentence = draw(st.none() | bounds)
    chosen = None if sentence is None else Event("d:0", "d", date(2000, 1, 1), date(2000, 1, 1), "day", "l",
                                                 sentence[0], sentence[1], 0, "explicit", "")
    return text, timexes, chosen


@given(text_and_spans())
def test_any_spans_give_well_formed_markup_that_preserves_the_text(case) -> None:
    text, timexes, chosen = case
    markup = render_source_html(text, timexes, chosen)
    tree = parse(markup)
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())
    assert tree.article == text.strip()
    assert markup.count('id="selected"') <= 1
    for i, t in enumerate(timexes):
        pieces = "".join(m.text for m in tree.marks if m.attrs.get("data-expr") == str(i))
        assert pieces == text[max(t.start, first):min(t.end, last)]


def test_a_long_article_shows_the_passage_around_the_selected_event_and_says_so() -> None:
    paragraph = "Nothing happened that week.\n"
    text = paragraph * 400 + "Talks failed on May 19, 2011.\n" + paragraph * 400
    start = text.index("May 19")
    timex = Timex(start, start + len("May 19, 2011"), "May 19, 2011", "DATE", "2011-05-19")
    sentence = text.index("Talks")
    event = Event("d:1", "d", date(2011, 5, 19), date(2011, 5, 19), "day", "Talks failed", sentence,
                  text.index("\n", sentence), 0, "explicit", "")
    html = render_source_html(text, [timex], event, doc_id="d", window=2_000)
    lo = text.rfind("\n", 0, sentence - 500) + 1
    assert f"Characters {lo + 1:,}–{lo + 2_000:,} of {len(text):,} shown" in html
    assert '<mark class="selected" id="selected">Talks failed on <mark class="timex" data-expr="0"' in html
    assert html.count("Nothing happened") < 2_000 // len(paragraph) + 2
    assert "Characters" not in render_source_html(text, [timex], event, doc_id="d", window=len(text))
    start_only = render_source_html(text, [timex], None, doc_id="d", window=2_000)
    assert "Characters 1–2,000 of" in start_only and "data-expr" not in start_only
