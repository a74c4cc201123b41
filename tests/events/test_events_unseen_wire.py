"""A wire story about another negotiation: dates resolve by tense, a year used as a
modifier does not date other mentions, and each occurrence becomes its own event."""

from __future__ import annotations

from nktimeline.ingest import article_from_bytes
from nktimeline.pipeline import build_corpus

STORY = """Iran, world powers resume nuclear talks in Vienna

By Ann Example
November 29, 2021 5:41 PM UTC

VIENNA, Nov 29 (Reuters) - Iran and world powers resumed talks in Vienna on Monday on reviving \
their 2015 nuclear deal, after a five-month break caused by the election of President Ebrahim \
Raisi in June.

U.S. envoy Robert Malley met his European counterparts in Vienna on Sunday, officials said.

The agency's chief visited Tehran last week but failed to secure a deal on monitoring. The \
agency's Board of Governors meets again in March.
"""


def _events():
    art = article_from_bytes(STORY.encode("utf-8"), "wire.txt")
    assert art.published.value is not None and art.published.value.isoformat() == "2021-11-29"
    return build_corpus([art]).events


def test_dates_follow_tense_and_modifier_years_do_not_leak():
    by_start = {e.date.iso_start(): e for e in _events() if e.date is not None}
    assert "2021-11-29" in by_start and by_start["2021-11-29"].place == "Vienna"
    assert "2021-11-28" in by_start  # past "Sunday" before a Monday publication date
    assert "2021-06" in by_start  # "in June" is this year's June, not 2015's
    assert "2022-03" in by_start  # "meets again in March": the coming March
    assert not any(s.startswith("2015") for s in by_start)
