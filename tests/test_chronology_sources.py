"""The chronology list's exports (Markdown, HTML, CSV) give every merged event each source: its article's title,
its sentence and the date it gives; a disputed one both dates with the articles giving each. Titles and sentences
carry markup, quotes and a bare address, which must come out inert and still readable."""

from __future__ import annotations

import csv
import io

import pytest

from timeline_app.chronology import Day, chronology, list_csv, list_html, list_markdown
from timeline_app.corrections import apply_corrections
from timeline_app.escape import WORD_JOINER
from timeline_app.pipeline import extract
from timeline_app.story import build_story
from timeline_app.story_events import story_input, story_timeline

# Two short articles written for this test: the storm is reported by both at one date, the resignation at two.
HARBOUR = ("Storm floods Portmere\n\nA storm flooded the <i>harbour</i> of Portmere on 2 March. The next day, the "
           "harbour master resigned over the \"flooding\".")
COUNCIL = ("Council statement\n\nCouncil officials said the harbour master resigned over the \"flooding\" on "
           "Tuesday. A storm flooded the <i>harbour</i> of Portmere on 2 March.")
POST = 'The "Portmere" <b>Post</b>'
GAZETTE = "Council *news* [read](http://x.test/) & more"


@pytest.fixture(scope="module")
def days() -> list[Day]:
    articles = [extract(HARBOUR, "2021-03-05", doc_id="harbour", title=POST),
                extract(COUNCIL, "2021-03-05", doc_id="council", title=GAZETTE)]
    corrected = apply_corrections([e for x in articles for e in x.events], [])
    documents = [x.document for x in articles]
    events = story_timeline(build_story(story_input(articles, corrected)), corrected, documents).events
    return chronology(events, documents)


def test_markdown_lists_each_source_and_both_dates_of_a_conflict_inert(days: list[Day]) -> None:
    text = list_markdown(days, "Portmere", "")
    post = r'The "Portmere" \<b\>Post\</b\>'
    gazette = rf"Council \*news\* \[read\](http{WORD_JOINER}://x.test/) \& more"
    assert text.splitlines()[2:] == [
        "**2 Mar 2021**",
        f"- A storm flooded the \\<i\\>harbour\\</i\\> of Portmere ({post}; {gazette}; worked out)",
        f"  - {post}, 2 Mar 2021: “A storm flooded the \\<i\\>harbour\\</i\\> of Portmere on 2 March.”",
        f"  - {gazette}, 2 Mar 2021: “A storm flooded the \\<i\\>harbour\\</i\\> of Portmere on 2 March.”",
        "",
        "**3 Mar 2021**",
        f"- The harbour master resigned over the flooding ({post}; {gazette}; worked out; sources disagree, also "
        "2 Mar 2021)",
        f'  - {post}, 3 Mar 2021: “The next day, the harbour master resigned over the "flooding".”',
        f'  - {gazette}, 2 Mar 2021: “Council officials said the harbour master resigned over the "flooding" on '
        "Tuesday.”",
        f"  - ⚠ Sources disagree on the date: 3 Mar 2021 ({post}) or 2 Mar 2021 ({gazette})",
    ]


def test_html_lists_each_source_and_both_dates_of_a_conflict_escaped(days: list[Day]) -> None:
    page = list_html(days, "Portmere", "")
    post = "The &quot;Portmere&quot; &lt;b&gt;Post&lt;/b&gt;"
    gazette = "Council *news* [read](http://x.test/) &amp; more"
    assert (f'<ul class="sources"><li>{post}, 3 Mar 2021: “The next day, the harbour master resigned over the '
            f"&quot;flooding&quot;.”</li><li>{gazette}, 2 Mar 2021: “Council officials said the harbour master "
            "resigned over the &quot;flooding&quot; on Tuesday.”</li></ul>") in page
    assert (f'<p class="conflict">⚠ Sources disagree on the date: 3 Mar 2021 ({post}) or 2 Mar 2021 '
            f"({gazette})</p>") in page
    assert page.count("<li>") == 4  # two sources of each merged event
    assert "<b>" not in page and "<i>" not in page  # the article's markup is text, never tags


def test_csv_gives_each_source_on_a_line_and_each_date_with_its_articles(days: list[Day]) -> None:
    header, storm, resigned = list(csv.reader(io.StringIO(list_csv(days))))
    assert header == ["date", "event", "source", "certainty", "sources", "conflict_dates"]
    assert storm[4].splitlines() == [
        f"{POST}, 2 Mar 2021: “A storm flooded the <i>harbour</i> of Portmere on 2 March.”",
        f"{GAZETTE}, 2 Mar 2021: “A storm flooded the <i>harbour</i> of Portmere on 2 March.”"]
    assert storm[5] == ""
    assert resigned[4].splitlines() == [
        f'{POST}, 3 Mar 2021: “The next day, the harbour master resigned over the "flooding".”',
        f'{GAZETTE}, 2 Mar 2021: “Council officials said the harbour master resigned over the "flooding" on '
        "Tuesday.”"]
    assert resigned[5].splitlines() == [f"3 Mar 2021: {POST}", f"2 Mar 2021: {GAZETTE}"]


def test_an_event_of_one_article_lists_no_sources(days: list[Day]) -> None:
    [alone] = chronology([extract(HARBOUR, "2021-03-05", doc_id="harbour", title=POST).events[0]])[0].entries
    assert (alone.sources, alone.conflict) == ((), ())
    assert all(e.sources for d in days for e in d.entries)  # both events here are merged
