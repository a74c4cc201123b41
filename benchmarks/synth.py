"""Deterministic synthetic news articles for benchmarks and fuzzing (not test data).

Each article looks like a plain-text dump of a news page: site chrome, a headline, a byline, a
labelled date stamp, ~5 KB of body with varied time expressions and events that several
articles share, a "Top stories" list and a footer.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

PLACES = [
    "Hanoi",
    "Singapore",
    "Stockholm",
    "Geneva",
    "Panmunjom",
    "Pyongyang",
    "Seoul",
    "Beijing",
    "Tokyo",
    "Vienna",
    "Helsinki",
    "Ulaanbaatar",
]
ACTORS = [
    "President Lee",
    "Chairman Park",
    "Prime Minister Sato",
    "Foreign Minister Wang",
    "Secretary Miller",
    "envoy Choi",
    "the delegation",
]
TRIGGERS = [
    "held a summit",
    "held talks",
    "met",
    "visited",
    "signed an agreement",
    "announced a statement",
    "held a press conference",
]
FILLER = [
    "Analysts said the outcome would shape negotiations for months.",
    "The government has pursued the policy since 2015, despite criticism at home.",
    "Critics argue that the sanctions have hurt ordinary people more than the elite.",
    '"We are ready to talk, but not at any price," a senior official said.',
    "The economy grew 2.1 percent in the second quarter, the central bank said.",
    "Some 2,000 troops remain stationed near the border, according to the ministry.",
    "Observers expect little change over the next two weeks.",
    "The opposition party called the plan unrealistic and demanded a parliamentary hearing.",
    "Public opinion remains divided, with 48 percent backing the approach in a recent poll.",
    "Officials declined to comment on the details of the discussions.",
    "The meeting drew criticism from opposition lawmakers.",
    "Experts noted that trust between the leaders remains fragile.",
    "The ministry said further consultations would follow at the working level.",
    "Markets reacted calmly to the news, according to traders.",
]
CHROME_TOP = [
    "The Daily Ledger",
    "amn_close.png",
    "  • Politics",
    "  • World",
    "  • Business",
    "  • Login",
    "  • Subscribe",
    "Font Size UpFont Size Up",
]
CHROME_BOTTOM = [
    "Top 10 Stories",
    "1Markets rally on rate hopes",
    "2Storm hits coast",
    "CEO & Publisher : Jane Doe",
    "Copyright © dailyledger.example. All rights reserved.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _timex(rng: random.Random, day: dt.date) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return f"on {MONTHS[day.month - 1]} {day.day}, {day.year}"
    if kind == 1:
        return f"on {MONTHS[day.month - 1]} {day.day}"
    if kind == 2:
        return f"in {MONTHS[day.month - 1]} {day.year}"
    if kind == 3:
        return "last week"
    if kind == 4:
        return f"on {day:%A}"
    return "last month"


def make_article(i: int, *, seed: int = 0, target_bytes: int = 5000) -> tuple[str, str]:
    """Return (file name, text) of article ``i``."""
    rng = random.Random(seed * 1_000_003 + i)
    base = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    shared = [dt.date(2015, 1, 1) + dt.timedelta(days=37 * k) for k in range(80)]
    lines = list(CHROME_TOP)
    place = rng.choice(PLACES)
    lines += [
        "",
        f"Leaders weigh next steps after talks in {place}",
        "",
        f"Posted : {base:%Y-%m-%d} {rng.randrange(24):02d}:{rng.randrange(60):02d}",
        "",
        f"By Reporter {i % 97}",
        "",
    ]
    size = 0
    while size < target_bytes:
        # As in real reporting, roughly one paragraph in three reports a dated occurrence;
        # the rest is analysis, quotes and background.
        para = " ".join(rng.choice(FILLER) for _ in range(rng.randrange(2, 4)))
        if rng.random() < 0.35:
            day = (
                rng.choice(shared) if rng.random() < 0.5 else base - dt.timedelta(rng.randrange(60))
            )
            para = (
                f"{rng.choice(ACTORS)} {rng.choice(TRIGGERS)} in {rng.choice(PLACES)} "
                f"{_timex(rng, day)}. " + para
            )
        lines += [para, ""]
        size += len(para) + 2
    lines += CHROME_BOTTOM
    return f"article_{i:06d}.txt", "\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int, *, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        name, text = make_article(i, seed=seed)
        p = folder / name
        if not p.exists():
            p.write_text(text, encoding="utf-8")
        out.append(p)
    return out
