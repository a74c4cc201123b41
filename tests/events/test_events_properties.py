"""Property tests: the extractor never raises and every span it reports is exact."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.events import extract_events
from nktimeline.model import Article, Published

WORDS = [
    "The",
    "summit",
    "talks",
    "in",
    "Hanoi",
    "Stockholm",
    "Sweden",
    "on",
    "Wednesday",
    "last",
    "week",
    "June",
    "12",
    "30,",
    "2019",
    "Feb.",
    "27-28,",
    "met",
    "Trump",
    "Kim",
    "Jong-un",
    "visited",
    "Pyongyang",
    "election",
    "may",
    "not",
    "U.S.",
    "said",
    ".",
    ",",
    "\n\n",
    '"',
    "1950-53",
    "Korean",
    "War",
    "this",
    "month",
    "Saturday",
    "Sept.",
    "18",
    "and",
    "20",
    "missile",
    "launch",
    "no",
    "could",
    "be",
    "held",
    "Panmunjeom",
    "truce",
    "village",
]


def _article(aid: str, body: str, pub: dt.date | None) -> Article:
    published = Published(pub, "metadata", 0.9) if pub else Published()
    return Article(id=aid, path=aid, title=aid, body=body, published=published)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
                # the long s and the Kelvin sign match "s"/"k" only when ignoring case
                st.lists(st.sampled_from(WORDS), max_size=60).map(
                    lambda ws: " ".join(ws).replace("s", "\u017f").replace("K", "\u212a")
                ),
            ),
            st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_extract_never_raises_and_spans_are_exact(docs, use_reference):
    arts = [_article(f"a{i}", body, pub) for i, (body, pub) in enumerate(docs)]
    dated, events = extract_events(arts, use_reference=use_reference)
    assert [a.id for a in dated] == [a.id for a in arts]
    bodies = {a.id: a for a in arts}
    for e in events:
        assert e.mentions
        for m in e.mentions:
            body = bodies[m.article].text_of(m.field)
            assert 0 <= m.sentence_start < m.sentence_end <= len(body)
            assert body[m.sentence_start : m.sentence_end] == m.sentence
            if m.timex is not None:
                assert m.sentence_start <= m.timex.start < m.timex.end <= m.sentence_end
                assert body[m.timex.start : m.timex.end] == m.timex.text
        if e.date is not None:
            assert e.date.start <= e.date.end


def test_throughput_is_reasonable():
    body = (
        "U.S. President Donald Trump and North Korean leader Kim Jong-un held talks in Hanoi on "
        "Feb. 27-28, 2019, officials said. The talks in Stockholm last week ended without a deal. "
        "Kim visited a factory in Sunchon on Saturday. "
    ) * 12
    arts = [_article(f"p{i}", body, dt.date(2019, 10, 10)) for i in range(40)]
    extract_events(arts[:1])
    t0 = time.process_time()
    extract_events(arts)
    per_article = (time.process_time() - t0) / len(arts)
    assert per_article < 0.1  # generous: the benchmark reports the real figure


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aB1 _-.,;:'\"()\n\t\xa0é€“”’‘–—…·ß™\u2003\u00ad\u200b\x1c中한", max_size=40)
)
def test_tokens_equal_the_regex_tokens(text):
    """``lexicon.tokens`` blanks separators and splits; it must give the regex's tokens."""
    from nktimeline.events.lexicon import _TOKEN, tokens

    assert tokens(text) == _TOKEN.findall(text)
