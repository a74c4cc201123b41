"""Fixtures for the viewer tests: a small synthetic corpus and isolated QSettings."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from nktimeline.model import (
    Article,
    Conflict,
    Corpus,
    DateValue,
    Event,
    LoadError,
    Mention,
    Published,
    Span,
    Timex,
)


def _article(aid: str, title: str, publisher: str, pub: Published, sentences: list[str]) -> Article:
    body = "\n\n".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(Span(pos, pos + len(s)))
        pos += len(s) + 2
    return Article(
        id=aid,
        path=f"/tmp/{aid}.txt",
        title=title,
        body=body,
        byline="By A. Writer",
        publisher=publisher,
        published=pub,
        paragraphs=tuple(spans),
    )


def _mention(
    art: Article, sentence: str, timex_text: str | None, category: str, date: DateValue | None
) -> Mention:
    start = art.body.index(sentence)
    timex = None
    if timex_text:
        t0 = art.body.index(timex_text, start)
        timex = Timex(t0, t0 + len(timex_text), timex_text, "DATE", "XXXX", date)
    return Mention(
        art.id, start, start + len(sentence), sentence, category, "met", timex=timex, date=date
    )


def day(y: int, m: int, d: int, **kw) -> DateValue:
    return DateValue(dt.date(y, m, d), dt.date(y, m, d), "day", **kw)


def build_sample_corpus() -> Corpus:
    a1 = _article(
        "a1",
        "Talks stall after Stockholm meeting",
        "Daily Herald",
        Published(None, "inferred", 0.55, note="estimated from content"),
        [
            "The delegations met in Stockholm on Oct. 5 but left without a deal.",
            "Earlier, the leaders met at Panmunjom on June 30 in a surprise gathering.",
            "The Hanoi summit in February ended abruptly.",
            "Officials said a new round could come soon.",
        ],
    )
    a2 = _article(
        "a2",
        "Leader visits fertilizer factory",
        "Morning Post",
        Published(dt.date(2020, 5, 5), "metadata", 0.95),
        [
            "The leader visited a fertilizer factory in Sunchon on May 2.",
            "He last appeared in public on April 11 at a party meeting.",
            "The June 30, 2019 meeting at Panmunjom was the third encounter.",
            "Working-level talks in Sweden in November 2019 produced nothing.",
        ],
    )
    a3 = _article(
        "a3",
        "Envoys travel to Pyongyang",
        "Seoul Daily",
        Published(dt.date(2018, 9, 6), "metadata", 0.95),
        [
            "Special envoys met the leader in Pyongyang on Sept. 5, 2018.",
            "The third inter-Korean summit will be held Sept. 18-20 in Pyongyang.",
            "The Singapore summit on June 12, 2018 produced a joint statement.",
            "The 1950-53 Korean War ended in an armistice.",
        ],
    )
    a4 = _article(
        "a4",
        "朝鲜 news digest (re-post)",
        "Aggregator",
        Published(dt.date(2018, 8, 20), "repost", 0.3, note="re-post stamp"),
        [
            "Military drills were suspended in August 2018 according to officials.",
            "A statement was issued this summer about denuclearization.",
        ],
    )
    arts = [a1, a2, a3, a4]

    def ev(eid, title, cat, date, mentions, place=None, conflicts=()):
        return Event(
            eid, title, cat, date, tuple(mentions), place=place, conflicts=tuple(conflicts)
        )

    stockholm = DateValue(dt.date(2019, 10, 5), dt.date(2019, 10, 5), "day", "relative", 0.7)
    events = [
        ev(
            "e-stockholm",
            "Working-level talks in Stockholm",
            "talks",
            stockholm,
            [
                _mention(a1, arts[0].body.split("\n\n")[0], "Oct. 5", "talks", stockholm),
                _mention(
                    a2,
                    a2.body.split("\n\n")[3],
                    "November 2019",
                    "talks",
                    DateValue(dt.date(2019, 11, 1), dt.date(2019, 11, 30), "month"),
                ),
            ],
            "Stockholm",
            [Conflict("a2", "2019-11", "a2 says November 2019")],
        ),
        ev(
            "e-panmunjom",
            "Trump–Kim meeting at Panmunjom",
            "summit",
            day(2019, 6, 30),
            [
                _mention(a1, a1.body.split("\n\n")[1], "June 30", "summit", day(2019, 6, 30)),
                _mention(a2, a2.body.split("\n\n")[2], "June 30, 2019", "summit", day(2019, 6, 30)),
            ],
            "Panmunjom",
        ),
        ev(
            "e-hanoi",
            "Trump–Kim summit in Hanoi",
            "summit",
            DateValue(dt.date(2019, 2, 1), dt.date(2019, 2, 28), "month", "relative", 0.8),
            [
                _mention(a1, a1.body.split("\n\n")[2], "February", "summit", None),
            ],
            "Hanoi",
        ),
        ev(
            "e-sunchon",
            "Kim visits fertilizer factory in Sunchon",
            "visit",
            day(2020, 5, 2),
            [
                _mention(a2, a2.body.split("\n\n")[0], "May 2", "visit", day(2020, 5, 2)),
            ],
            "Sunchon",
        ),
        ev(
            "e-party",
            "Party meeting",
            "statement",
            day(2020, 4, 11),
            [
                _mention(a2, a2.body.split("\n\n")[1], "April 11", "statement", day(2020, 4, 11)),
            ],
        ),
        ev(
            "e-envoys",
            "Special envoys meet Kim in Pyongyang",
            "visit",
            day(2018, 9, 5),
            [
                _mention(a3, a3.body.split("\n\n")[0], "Sept. 5, 2018", "visit", day(2018, 9, 5)),
            ],
            "Pyongyang",
        ),
        ev(
            "e-interkorean",
            "Third inter-Korean summit",
            "summit",
            DateValue(dt.date(2018, 9, 18), dt.date(2018, 9, 20), "day"),
            [
                _mention(a3, a3.body.split("\n\n")[1], "Sept. 18-20", "summit", None),
            ],
            "Pyongyang",
        ),
        ev(
            "e-singapore",
            "Trump–Kim summit in Singapore",
            "summit",
            day(2018, 6, 12),
            [
                _mention(a3, a3.body.split("\n\n")[2], "June 12, 2018", "summit", day(2018, 6, 12)),
            ],
            "Singapore",
        ),
        ev(
            "e-drills",
            "Military drills suspended",
            "military",
            DateValue(dt.date(2018, 8, 1), dt.date(2018, 8, 31), "month", "inferred", 0.4),
            [
                _mention(a4, a4.body.split("\n\n")[0], "August 2018", "military", None),
            ],
        ),
        ev(
            "e-statement",
            "Statement on denuclearization",
            "statement",
            None,
            [
                _mention(a4, a4.body.split("\n\n")[1], None, "statement", None),
            ],
        ),
        ev(
            "e-war",
            "Korean War",
            "background",
            DateValue(dt.date(1950, 1, 1), dt.date(1953, 12, 31), "year", "stated", 0.9),
            [
                _mention(a3, a3.body.split("\n\n")[3], "1950-53", "background", None),
            ],
        ),
    ]
    return Corpus(tuple(arts), tuple(events), (LoadError("/tmp/bad.bin", "binary file"),))


@pytest.fixture
def sample_corpus() -> Corpus:
    return build_sample_corpus()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Point QSettings (INI, user scope) at a temp dir so tests never touch real settings."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    # NKTIMELINE_HOME is one folder for the whole session (the shared workspace cache); each
    # test's settings go to its own Qt user-scope file above instead.
    monkeypatch.setattr("nktimeline.ui.settings.settings_path", lambda: None)
    yield
    from nktimeline.ui.workers import wait_all

    assert wait_all(), "a loader thread did not stop"


@pytest.fixture
def open_window(qtbot):
    """A factory for a shown, exposed main window of a given size (optionally on a corpus)."""

    def make(width: int = 1400, height: int = 900, corpus: Corpus | None = None):
        from PySide6.QtWidgets import QMessageBox

        from nktimeline.ui.main_window import MainWindow

        w = MainWindow()
        # closing at the end of a test never waits for an answer about unsaved edits
        w.project.ask_unsaved = lambda: QMessageBox.StandardButton.Discard
        qtbot.addWidget(w)
        w.resize(width, height)
        w.show()
        qtbot.waitExposed(w)
        if corpus is not None:
            w.set_corpus(corpus)
        return w

    return make
