"""split_sentences: offsets, abbreviations, quotes, paragraph breaks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nktimeline.events import split_sentences


def texts(t: str) -> list[str]:
    out = split_sentences(t)
    for s in out:
        assert t[s.start : s.end] == s.text
    return [s.text for s in out]


def test_abbreviations_and_initials_do_not_split():
    t = "Mr. Kim met Dr. Lee on Sept. 6, 2018 in Washington. John F. Kennedy Jr. was not there."
    assert texts(t) == [
        "Mr. Kim met Dr. Lee on Sept. 6, 2018 in Washington.",
        "John F. Kennedy Jr. was not there.",
    ]


def test_acronyms_split_only_before_a_sentence_opener():
    t = "He spoke to the U.S. envoy. Talks with the U.S. But N.K. officials left early."
    assert texts(t) == [
        "He spoke to the U.S. envoy.",
        "Talks with the U.S.",
        "But N.K. officials left early.",
    ]


def test_no_split_inside_hyphenated_acronyms():
    t = "The U.S.-North Korea talks stalled. The U.S.-N.K. summit did too."
    assert texts(t) == ["The U.S.-North Korea talks stalled.", "The U.S.-N.K. summit did too."]


def test_quotes_end_sentences():
    t = '"There is trust," a source said. "There may be progress." He left! Why? Nobody knows.'
    assert texts(t) == [
        '"There is trust," a source said.',
        '"There may be progress."',
        "He left!",
        "Why?",
        "Nobody knows.",
    ]
    t2 = "“It is over.” Kim said so. ‘Fine,’ he replied."
    assert texts(t2) == ["“It is over.”", "Kim said so.", "‘Fine,’ he replied."]


def test_paragraph_breaks_always_end_sentences_and_wrapped_lines_join():
    t = (
        "Pandemic, election put talks in doubt\n\nBy Do Je-hae\n\nThe talks in Stockholm were a "
        "long affair that went on and on for more than eight hours\nand ended in acrimony."
    )
    assert texts(t) == [
        "Pandemic, election put talks in doubt",
        "By Do Je-hae",
        "The talks in Stockholm were a long affair that went on and on for more "
        "than eight hours\nand ended in acrimony.",
    ]


def test_lowercase_after_period_does_not_split():
    assert texts("Prices rose 3.5 percent. in some areas, e.g. Seoul, more.") == [
        "Prices rose 3.5 percent. in some areas, e.g. Seoul, more."
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*list("ab .!?\"“”'\n-UuSs,"), "U.S.", "Mr.", "\n\n", " The"]), max_size=80
    ).map("".join)
)
def test_property_spans_are_exact_ordered_and_nonoverlapping(t):
    prev = 0
    for s in split_sentences(t):
        assert 0 <= prev <= s.start < s.end <= len(t)
        assert t[s.start : s.end] == s.text and s.text == s.text.strip()
        prev = s.end


def test_a_run_on_stretch_is_cut_into_pieces_of_a_sentences_length():
    from nktimeline.events.sentences import MAX_SENTENCE

    text = "Officials said on Monday that the talks went on, " * 200  # no full stop at all
    got = split_sentences(text)
    assert len(got) > 1
    assert all(len(s.text) <= MAX_SENTENCE and text[s.start : s.end] == s.text for s in got)
    # each piece but the last ends after a comma, and together they hold every word
    assert all(s.text.endswith(",") for s in got[:-1])
    assert " ".join(s.text for s in got).split() == text.split()
    # without any punctuation or space, pieces are cut where the length runs out
    assert [len(s.text) for s in split_sentences("x" * 3000)] == [1200, 1200, 600]
    # an ordinary sentence is untouched
    assert [s.text for s in split_sentences("The talks ended. They met again.")] == [
        "The talks ended.",
        "They met again.",
    ]
