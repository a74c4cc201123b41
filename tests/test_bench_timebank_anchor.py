"""The TimeBank anchoring benchmark counts right (issue 13, deliverable 8).

``benchmarks/timebank_anchor.py`` is loaded by its path (``benchmarks/`` is not a package)
and its parser and scorer run on a two-sentence TimeML document written here: once against
a hand-built corpus (exact counts, independent of the event extractor) and once through the
real pipeline (gold counts only; what the extractor finds is the benchmark's business).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from nktimeline.model import Article, Corpus, DateValue, Event, Mention, Published

REPO = Path(__file__).resolve().parent.parent

TOY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2019-03-01" temporalFunction="false" \
functionInDocument="CREATION_TIME">2019-03-01</TIMEX3></DCT>
<TEXT>
The two leaders <EVENT eid="e1" class="OCCURRENCE">met</EVENT> in Hanoi on \
<TIMEX3 tid="t1" type="DATE" value="2019-02-27">Feb. 27</TIMEX3>. Officials \
<EVENT eid="e2" class="REPORTING">said</EVENT> <TIMEX3 tid="t3" type="DATE" \
value="PRESENT_REF">now</TIMEX3> that talks would <EVENT eid="e3" class="OCCURRENCE">resume\
</EVENT> in <TIMEX3 tid="t2" type="DATE" value="2019-04">April</TIMEX3> &amp; end.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="NONE" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="INCLUDES" timeID="t2" relatedToEventInstance="ei3" />
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t0" />
<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t1" />
<TLINK lid="l5" relType="SIMULTANEOUS" eventInstanceID="ei2" relatedToTime="t3" />
<TLINK lid="l6" relType="BEFORE" eventInstanceID="ei3" relatedToTime="t0" />
<TLINK lid="l7" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToEventInstance="ei2" />
</TimeML>
"""


@pytest.fixture(scope="module")
def bench():
    path = REPO / "benchmarks" / "timebank_anchor.py"
    spec = importlib.util.spec_from_file_location("timebank_anchor_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def _day(y: int, m: int, d: int) -> DateValue:
    return DateValue(dt.date(y, m, d), dt.date(y, m, d), "day")


def test_parse_and_gold(bench):
    doc = bench.parse_timeml(TOY, "toy")
    assert doc.dct == dt.date(2019, 3, 1)
    assert doc.text.startswith("\nThe two leaders met in Hanoi on Feb. 27. Officials said now")
    assert doc.text.rstrip().endswith("resume in April & end.")
    assert doc.events["e3"].word == "resume"
    assert doc.timexes["t0"].dct and not doc.timexes["t1"].dct
    assert len(bench.split_sentences(doc.text)) == 2  # "Feb. 27" does not end a sentence
    got = {(a.eid, a.tid, a.rel, a.kind) for a in bench.gold_anchors(doc)}
    assert got == {
        ("e1", "t1", "IS_INCLUDED", "sentence"),
        ("e3", "t2", "IS_INCLUDED", "sentence"),  # time INCLUDES event, read from the event
        ("e2", "t0", "IS_INCLUDED", "dct"),
        ("e2", "t1", "IS_INCLUDED", "cross"),
    }  # PRESENT_REF, BEFORE and the event-event link give no anchor


def test_timex_interval(bench):
    d = dt.date
    assert bench.timex_interval("1998-08-07") == (d(1998, 8, 7), d(1998, 8, 7))
    assert bench.timex_interval("1990-08-15T13:37") == (d(1990, 8, 15), d(1990, 8, 15))
    assert bench.timex_interval("1998-02") == (d(1998, 2, 1), d(1998, 2, 28))
    assert bench.timex_interval("1989-Q3") == (d(1989, 7, 1), d(1989, 9, 30))
    assert bench.timex_interval("1998-W02") == (d(1998, 1, 5), d(1998, 1, 11))
    assert bench.timex_interval("1998") == (d(1998, 1, 1), d(1998, 12, 31))
    for value in ("PRESENT_REF", "P3D", "1998-SU", "199", "XXXX-06", "1998-W32-WE", "1998-13"):
        assert bench.timex_interval(value) is None


def test_score_on_a_hand_built_corpus(bench):
    doc = bench.parse_timeml(TOY, "toy")
    # ingest moved the text: a headline paragraph in front, the leading newline gone
    body = "Hanoi talks\n\n" + doc.text.strip()
    s1 = body.index("The two leaders")
    s2 = body.index("Officials")
    one = (s1, body.index(". Officials") + 1)
    two = (s2, len(body))

    def event(eid: str, span: tuple[int, int], date, *, event_date=None, article="toy"):
        m = Mention(article, span[0], span[1], body[span[0] : span[1]], "other", "x", date=date)
        return Event(eid, eid, "other", event_date or date, (m,))

    april = DateValue(dt.date(2019, 4, 1), dt.date(2019, 4, 30), "month")
    february = DateValue(dt.date(2019, 2, 1), dt.date(2019, 2, 28), "month")
    year = DateValue(dt.date(2019, 1, 1), dt.date(2019, 12, 31), "year")
    events = (
        event("a", one, february),  # coarser than the gold day Feb 27: no anchor, wrong
        event("b", two, april),  # the gold month: e3 anchored, right
        event("c", two, year),  # coarser than every gold span of sentence two: wrong
        event("d", two, None, event_date=_day(2019, 3, 1)),  # the DCT via the event's date
        event("e", (0, 11), _day(2019, 2, 27)),  # the headline holds no gold event: unscored
        event("f", one, _day(2019, 2, 27), article="elsewhere"),  # another article
    )
    art = Article("toy", "toy.txt", "Hanoi talks", body, published=Published(dt.date(2019, 3, 1)))
    result = bench.score([doc], Corpus((art,), events))
    assert result == {
        "documents": 1,
        "gold_anchors": 2,
        "anchored": 1,
        "recall": 0.5,
        "dct_anchors": 1,
        "dct_anchored": 1,
        "precision": 0.5,  # b and d of a, b, c, d
        "events": 6,
        "cross_sentence": 1,
        "unaligned": 0,
        "precision_mentions": 4,
    }


def test_real_pipeline_run_and_skip(bench, tmp_path, capsys):
    (tmp_path / "toy.tml").write_text(TOY, encoding="utf-8")
    result = bench.run([tmp_path / "toy.tml"])
    assert result["documents"] == 1
    assert (result["gold_anchors"], result["dct_anchors"], result["cross_sentence"]) == (2, 1, 1)
    assert result["unaligned"] == 0
    assert 0 <= result["anchored"] <= 2 and 0 <= result["dct_anchored"] <= 1

    assert bench.main([str(tmp_path / "absent")]) == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["bench"] == "timebank_anchor" and "skipped" in line
