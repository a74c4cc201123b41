"""The reader stays linear in the number of marked sentences (issue 11, defect 6).

A click in a 2 MB article used to freeze the GUI for seconds to minutes: every mark was
compared with every other one, and every paragraph scanned every mark.  No timings here (see
``benchmarks/bench_reader.py``): the work is counted as Python line events in the reader
module, which is deterministic, and a large article must still render the right highlight.
"""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor

import nktimeline.ui.reader as reader_mod
from nktimeline.model import Article, Corpus, DateValue, Event, Mention, Published, Timex
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.reader import ReaderPane

MONTHS = ("January", "February", "March", "April", "May", "June")


def big_corpus(n: int, per_paragraph: int = 5) -> Corpus:
    """One article of ``n`` dated sentences, each the mention of its own event."""
    paragraphs: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    pos = 0
    for p0 in range(0, n, per_paragraph):
        parts = []
        for k in range(p0, min(n, p0 + per_paragraph)):
            when = f"{MONTHS[k % 6]} {1 + k % 28}, {1990 + k % 30}"
            text = f"Envoys met in round {k} on {when} and agreed to meet again."
            start = pos + sum(len(x) + 1 for x in parts)
            t0 = start + text.index(when)
            spans.append((start, start + len(text), t0, t0 + len(when)))
            parts.append(text)
        block = " ".join(parts)
        paragraphs.append(block)
        pos += len(block) + 2
    body = "\n\n".join(paragraphs)
    art = Article(
        "big", "/tmp/big.txt", "Long article", body, published=Published(dt.date(2020, 1, 1))
    )
    events = []
    for k, (s, e, t0, t1) in enumerate(spans):
        d = DateValue(dt.date(2000, 1, 1), dt.date(2000, 1, 1), "day")
        tx = Timex(t0, t1, body[t0:t1], "DATE", "2000-01-01", d)
        m = Mention("big", s, e, body[s:e], "talks", "met", timex=tx, date=d)
        events.append(Event(f"e{k}", f"Round {k}", "talks", d, (m,)))
    return Corpus((art,), tuple(events))


def make_pane(qtbot, corpus: Corpus) -> tuple[ReaderPane, QtSelection]:
    sel = QtSelection()
    sel.model.set_events(
        [e.id for e in corpus.events],
        {e.id: [m.article for m in e.mentions] for e in corpus.events},
    )
    pane = ReaderPane(sel)
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.set_corpus(corpus)
    return pane, sel


def reader_line_events(qtbot, n: int) -> int:
    """Python lines run in the reader module to select an event of an ``n``-mark article."""
    corpus = big_corpus(n)
    pane, sel = make_pane(qtbot, corpus)
    count = 0

    def local(frame, event, _arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, _event, _arg):
        return local if frame.f_code.co_filename == reader_mod.__file__ else None

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        sel.select(f"e{n - 3}")
    finally:
        sys.settrace(old)
    assert pane.highlighted_sentence == corpus.events[n - 3].mentions[0].sentence
    return count


def test_selecting_grows_linearly_with_the_number_of_marks(qtbot):
    small = reader_line_events(qtbot, 300)
    large = reader_line_events(qtbot, 1200)
    # 4x the marks: linear work is ~4x (quadratic was ~16x).
    assert large < 6 * small, (small, large)


def char_format_at(pane: ReaderPane, text: str, offset: int = 2):
    doc = pane.browser.document()
    cur = doc.find(text)
    assert not cur.isNull(), text
    c = QTextCursor(doc)
    c.setPosition(cur.selectionStart() + offset)
    return c.charFormat()


def test_large_article_highlights_the_selected_sentence(qtbot):
    n = 3000
    corpus = big_corpus(n)
    pane, sel = make_pane(qtbot, corpus)
    target = corpus.events[n - 10]
    sel.select(target.id)
    m = target.mentions[0]
    assert pane.highlighted_sentence == m.sentence
    hl, tint = pane._colors()
    fmt = char_format_at(pane, m.sentence)
    assert fmt.background().color().name() == hl
    assert fmt.anchorHref().startswith("nkt:m")
    timex = char_format_at(pane, m.sentence, m.timex.start - m.sentence_start + 1)
    assert timex.fontUnderline() and timex.fontWeight() > 400
    other = corpus.events[5].mentions[0].sentence
    assert char_format_at(pane, other).background().color().name() == tint
    # The text cursor sits in the highlighted sentence, and no text was lost or doubled.
    assert m.sentence in pane.browser.textCursor().block().text()
    text = pane.browser.toPlainText()
    for para in corpus.articles[0].body.split("\n\n")[::97]:
        assert text.count(para) == 1
    # Clicking another marked sentence selects its event.
    href = char_format_at(pane, other).anchorHref()
    pane._on_link(QUrl(href))
    assert sel.event_id == "e5"


@pytest.mark.parametrize("selected", [None, "e-wide", "e-inner", "e-tail"])
def test_overlapping_and_multiline_marks_render_each_character_once(qtbot, selected):
    body = "Alpha met Beta on May 1.\nThey met again on May 9 in Hanoi.\n\nLast line here."
    art = Article("a", "/tmp/a.txt", "T", body, published=Published(dt.date(2020, 5, 10)))

    def ev(eid, s, e):
        return Event(eid, eid, "talks", None, (Mention("a", s, e, body[s:e], "talks", "met"),))

    i_they = body.index("They")
    events = (
        ev("e-wide", 0, i_they + 10),  # spans a line break
        ev("e-inner", 6, 12),  # inside e-wide
        ev("e-tail", i_they, len(body) - 17),
        ev("e-last", body.index("Last"), len(body)),
    )
    corpus = Corpus((art,), events)
    pane, sel = make_pane(qtbot, corpus)
    if selected:
        sel.select(selected)
        assert pane.highlighted_sentence == next(
            e.mentions[0].sentence for e in events if e.id == selected
        )
    else:
        sel.select_article("a")
    text = pane.browser.toPlainText()
    lines = ("Alpha met Beta on May 1.", "They met again on May 9 in Hanoi.", "Last line here.")
    for line in lines:
        assert text.count(line) == 1, (line, text)
    if selected:
        hl, _tint = pane._colors()
        sentence = next(e.mentions[0].sentence for e in events if e.id == selected)
        first = sentence.split("\n")[0]
        assert char_format_at(pane, first, 1).background().color().name() == hl


def test_caret_goes_to_the_selected_copy_of_a_repeated_sentence(qtbot):
    """Wire copy repeats sentences; the reader scrolls to the one that was selected."""
    same = "Officials said talks would resume on May 9."
    filler = "\n\n".join(f"Paragraph {k} says nothing in particular." for k in range(40))
    body = f"{same}\n\n{filler}\n\n{same}"
    art = Article("a", "/tmp/a.txt", "T", body, published=Published(dt.date(2020, 5, 10)))
    second = body.rindex(same)

    def ev(eid, s):
        m = Mention("a", s, s + len(same), same, "talks", "said")
        return Event(eid, eid, "talks", None, (m,))

    corpus = Corpus((art,), (ev("e-first", 0), ev("e-second", second)))
    pane, sel = make_pane(qtbot, corpus)
    pane.show()
    qtbot.waitExposed(pane)
    sel.select("e-second")
    hl, _tint = pane._colors()
    caret = QTextCursor(pane.browser.textCursor())
    first_copy = pane.browser.document().find(same).selectionStart()
    assert caret.position() > first_copy
    caret.movePosition(QTextCursor.MoveOperation.Right)
    assert caret.charFormat().background().color().name() == hl
