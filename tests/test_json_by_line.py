"""serialize.dumps_by_line: the story's and the timeline's JSON, one document or event a line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.serialize import dumps_by_line

_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
_VALUE = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                       max_size=3), max_leaves=8)


def test_each_item_is_one_line_and_text_stays_as_written() -> None:
    payload = {"documents": [{"id": "d1", "title": 'Storm "Ana" <b>é</b>'}], "events": [], "n": [1, [2, 3]]}
    assert dumps_by_line(payload) == (
        '{\n'
        '  "documents": [\n'
        '    {"id": "d1", "title": "Storm \\"Ana\\" <b>é</b>"}\n'
        '  ],\n'
        '  "events": [],\n'
        '  "n": [\n'
        '    1,\n'
        '    [2, 3]\n'
        '  ]\n'
        '}')


@given(st.dictionaries(st.text(max_size=6), st.lists(_VALUE, max_size=4), max_size=4))
def test_it_reads_back_as_written(payload: dict[str, list[object]]) -> None:
    text = dumps_by_line(payload)
    assert json.loads(text) == payload
    lines = text.split("\n")
    assert len(lines) == (2 + sum(len(v) + 2 if v else 1 for v in payload.values()) if payload else 1)
