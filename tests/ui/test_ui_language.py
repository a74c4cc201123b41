"""Non-English articles say so, and publication dates explain themselves (issue 12).

A Korean article (written for this test) keeps its headline and printed date but yields no
events; the article list names its language and the reader says why it has no events.  An
estimated date is a window, shown as one and explained in one plain sentence.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QTextDocument

from nktimeline.model import Article, Corpus, Published
from nktimeline.ui.article_list import ArticleListPane
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.reader import ReaderPane

NOTE_KO = "Events are only extracted from English text; this article is in Korean."

KOREAN = (
    "홈 > 정치 > 북한\n"
    "남북 정상 판문점서 다시 만나\n"
    "입력 2019.06.30 17:20\n"
    "이영희 기자\n"
    "남북 정상은 30일 판문점에서 다시 만나 한반도 비핵화 협상을 이어가기로 합의했다.\n"
    "양측은 실무 협상을 몇 주 안에 재개하기로 했으며 구체적인 일정은 추후 발표할 예정이다.\n"
    "이번 만남은 하노이 회담이 합의 없이 끝난 지 넉 달 만에 이뤄졌다.\n"
    "정부 관계자는 대화의 동력이 다시 살아났다고 평가했다.\n"
)

ENGLISH = (
    "Envoys agree to resume talks\n\n"
    "By A. Reporter\n\n"
    "Published : July 1, 2019 - 09:00\n\n"
    "Envoys of the two countries met at Panmunjom on Sunday and agreed to resume working-level "
    "talks within weeks, officials said on Monday.\n\n"
    "The meeting came four months after the summit in Hanoi ended without an agreement.\n"
)


def shown(tip: str) -> str:
    """The text a tooltip displays (tooltips are escaped rich text, see ui/plain.py)."""
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


@pytest.fixture
def loaded_window(qtbot, tmp_path, open_window):
    """The real window after loading the two files through the real background loader."""
    (tmp_path / "ko.txt").write_text(KOREAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    w = open_window(1400, 900)
    with qtbot.waitSignal(w.corpusLoaded, timeout=60000):
        assert w.open_paths([str(tmp_path / "ko.txt"), str(tmp_path / "en.txt")], replace=True)
    qtbot.waitUntil(lambda: w._worker is None, timeout=10000)
    return w


def _row(pane: ArticleListPane, article_id: str):
    return pane._items[article_id]


def test_korean_article_is_listed_with_its_language_and_no_events(loaded_window):
    w = loaded_window
    by_lang = {a.language: a for a in w.corpus.articles}
    assert set(by_lang) == {"ko", "en"}
    ko, en = by_lang["ko"], by_lang["en"]
    # Ingest kept the Korean headline and its printed date; no events come from its text.
    assert ko.title == "남북 정상 판문점서 다시 만나"
    assert ko.published.value == dt.date(2019, 6, 30)
    assert all(ko.id not in ev.articles for ev in w.corpus.events)
    assert any(en.id in ev.articles for ev in w.corpus.events)

    cols = w.articles.COLUMNS
    lang_col, events_col = cols.index("Language"), cols.index("Events")
    row = _row(w.articles, ko.id)
    assert row.text(lang_col) == "Korean"
    assert row.text(events_col) == "0"
    assert shown(row.toolTip(lang_col)) == NOTE_KO
    assert shown(row.toolTip(events_col)) == NOTE_KO
    assert row.text(1) == f"[Korean] {ko.title}"  # in view even when the pane is narrow
    assert shown(row.toolTip(1)) == f"{ko.path}\n{NOTE_KO}"
    assert row.text(cols.index("Published")) == "2019-06-30"

    en_row = _row(w.articles, en.id)
    assert en_row.text(lang_col) == "English"
    assert en_row.text(1) == en.title
    assert en_row.toolTip(lang_col) == "" and en_row.toolTip(events_col) == ""
    assert shown(en_row.toolTip(1)) == en.path


def test_reader_shows_the_notice_for_the_korean_article_only(loaded_window):
    w = loaded_window
    by_lang = {a.language: a for a in w.corpus.articles}
    ko, en = by_lang["ko"], by_lang["en"]

    w.articles._clicked(_row(w.articles, ko.id))
    assert w.reader.article_id == ko.id
    assert w.reader.notice.isVisibleTo(w)
    assert w.reader.notice.text() == NOTE_KO
    text = w.reader.browser.toPlainText()
    assert ko.title in text
    assert ko.published.explain() in text  # how the date is known, in one sentence
    assert "판문점에서 다시 만나" in text  # the article text is still readable

    w.articles._clicked(_row(w.articles, en.id))
    assert w.reader.article_id == en.id
    assert not w.reader.notice.isVisibleTo(w)
    assert en.published.explain() in w.reader.browser.toPlainText()


ESTIMATED = Published(
    source="inferred",
    confidence=0.4,
    note="estimated from its events",
    earliest=dt.date(2019, 6, 20),
    latest=dt.date(2019, 6, 30),
)


def _estimated_corpus() -> Corpus:
    art = Article(
        "est",
        "/tmp/est.txt",
        "Undated report on the talks",
        "Envoys said the talks would resume soon.",
        published=ESTIMATED,
    )
    return Corpus((art,))


def test_article_list_shows_an_estimate_as_a_window_and_explains_it(qtbot):
    sel = QtSelection()
    pane = ArticleListPane(sel)
    qtbot.addWidget(pane)
    pane.set_corpus(_estimated_corpus())
    row = _row(pane, "est")
    col = pane.COLUMNS.index("Published")
    assert row.text(col) == "≈ 2019-06-20 – 2019-06-30"
    tip = shown(row.toolTip(col))
    assert tip == ESTIMATED.explain()
    assert "between 2019-06-20 and 2019-06-30" in tip
    assert row.text(pane.COLUMNS.index("Language")) == "English"


def test_reader_header_shows_the_window_and_the_explanation(qtbot):
    sel = QtSelection()
    pane = ReaderPane(sel)
    qtbot.addWidget(pane)
    pane.set_corpus(_estimated_corpus())
    with qtbot.waitSignal(pane.rendered):
        sel.select_article("est")
    text = pane.browser.toPlainText()
    assert "≈ 2019-06-20 – 2019-06-30" in text
    assert ESTIMATED.explain() in text
    assert text.index(ESTIMATED.explain()) < text.index("Envoys said the talks")
    assert not pane.notice.isVisibleTo(pane)


def test_unknown_language_is_read_as_english_and_says_nothing(qtbot):
    sel = QtSelection()
    pane = ArticleListPane(sel)
    qtbot.addWidget(pane)
    art = Article("u", "/tmp/u.txt", "Short", "Kim, Moon.", language="und")
    pane.set_corpus(Corpus((art,)))
    row = _row(pane, "u")
    assert row.text(pane.COLUMNS.index("Language")) == "—"
    assert row.toolTip(pane.COLUMNS.index("Events")) == ""
    assert "read as English" in shown(row.toolTip(pane.COLUMNS.index("Language")))
