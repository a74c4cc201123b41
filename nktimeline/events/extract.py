"""extract_events: articles -> (articles with inferred dates, merged Events).

1. Sentences and time expressions per article (tagged against the publication date when it
   is trustworthy, else against nothing).
2. Trigger mentions anchored to their governing time expression (``mentions.py``).
3. Articles without a trustworthy date are dated from their content (``pubdate.py``), using
   what trusted articles and (optionally) the reference chronology know, then re-tagged
   against the estimate; dates that depend on it are "soft" and carry lower confidence.
4. Mentions are linked to the reference chronology (optional) and merged (``merge.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Sequence

from nktimeline import chronology
from nktimeline.events.corefer import idf_over, sentence_words, told_alike_threshold, words_of
from nktimeline.events.dates import partial_matches, with_year
from nktimeline.events.lexicon import Lexicon, Scanned, lexicon
from nktimeline.events.mentions import Cand, article_candidates, open_clauses
from nktimeline.events.merge import SOFT_SLACK, Group, build_events, group_candidates
from nktimeline.events.open import Opened
from nktimeline.events.pubdate import (
    LATER,
    cue_regex,
    estimate,
    named_weekdays,
    weekday_dates,
    weekday_named,
    windows_for,
)
from nktimeline.events.sentences import split_sentences
from nktimeline.gcpause import gc_paused
from nktimeline.guard import StageFailure, attempt, checkpoint, stage
from nktimeline.language.rarity import rarity
from nktimeline.model import Article, DateValue, Event, Sentence, Span, Timex

Tagger = Callable[[str, "dt.date | None"], list[Timex]]


def _tagger() -> Tagger:
    try:
        from nktimeline.temporal import tag
    except ImportError:  # the tagger is a separate package; without it nothing is anchored

        def no_tags(text: str, dct: dt.date | None = None) -> list[Timex]:
            return []

        return no_tags
    return tag


def trusted_date(article: Article) -> dt.date | None:
    """The publication date when it can anchor relative expressions, else None."""
    p = article.published
    if p.value is None or p.source in ("repost", "inferred", "unknown") or p.confidence < 0.5:
        return None
    return p.value


def sentences_of(article: Article) -> list[Sentence]:
    out = split_sentences(article.body)
    if article.captions:
        out = [
            dataclasses.replace(s, caption=True) if article.is_caption(s.start) else s for s in out
        ]
    return out


def _keep(c: Cand) -> bool:
    """Drop what did not happen (negated) and plans without a firm day."""
    if c.negated:
        return False
    if not c.speculative:
        return True
    # A plan survives only as a scheduled event with a firm day ("scheduled ... Sept. 18").
    return bool(c.firm and c.date is not None and c.date.granularity == "day")


def _mentions(
    article: Article,
    dct: dt.date | None,
    lex: Lexicon,
    tag: Tagger,
    sents: list[Sentence],
    soft: bool = False,
    scale: float = 1.0,
    day_known: bool = False,
    tagged: list[Timex] | None = None,
    scanned: Scanned | None = None,
    headline: list[Cand] | None = None,
    opened: Opened | None = None,
) -> list[Cand]:
    """``tagged``: the body's time expressions when already found (``tag(body, dct)``);
    ``scanned``: what the lexicon finds in the body, likewise (``lex.scan(body)``);
    ``headline``: the headline's mentions, likewise (``_headline_candidates``);
    ``opened``: the body's event clauses, likewise (``open_clauses``)."""
    if tagged is None:
        with stage("tag"):
            tagged = tag(article.body, dct)
    txs = _scaled(tagged, scale)
    with stage("mentions"):
        found = article_candidates(
            article, sents, txs, lex, cue_regex(), dct, soft, day_known, scanned, opened
        )
        if headline is None:
            headline = _headline_candidates(article, dct, lex, tag, soft, scale)
        found += headline
        return [c for c in found if _keep(c)]


def _scaled(txs: list[Timex], scale: float) -> list[Timex]:
    """Dates resolved against an estimated publication date are only as sure as it is."""
    if scale == 1.0:
        return txs
    return [
        dataclasses.replace(
            t, date=dataclasses.replace(t.date, confidence=t.date.confidence * scale)
        )
        if t.date is not None and t.anchored
        else t
        for t in txs
    ]


def _headline_candidates(
    article: Article, dct: dt.date | None, lex: Lexicon, tag: Tagger, soft: bool, scale: float
) -> list[Cand]:
    """Events the headline reports ("A380 makes maiden flight to US"): read like a lead (a
    headline in the present or past tense is the news of the publication day); their
    mentions point into the title (``field`` "title")."""
    title = article.title
    if len(title.split()) < 3 or title == article.body[: len(title)]:
        return []  # no headline, or the first sentence standing in for one
    head = dataclasses.replace(
        article, body=title, paragraphs=(Span(0, len(title)),), captions=(), title=""
    )
    txs = _scaled(tag(title, dct), scale)
    sent = Sentence(0, len(title), title)
    found = article_candidates(head, [sent], txs, lex, cue_regex(), dct, soft)
    for c in found:
        c.field = "title"
    return found


def _link(c: Cand, pub: dt.date | None) -> None:
    """Tie a mention to the reference chronology; supply the year of a year-less one."""
    found = chronology.link(c.to_mention(), focus=c.trig_start - c.sentence.start)
    if found is None:
        return
    ref = found.ref
    compat = found.compatible
    if compat is False and c.date is not None and c.soft:
        from nktimeline.events.dates import gap_days

        if gap_days(c.date, ref.date) > SOFT_SLACK:
            return
        compat = True
    if compat is None and (c.future or (pub is not None and ref.start > pub)):
        return
    c.ref_id, c.ref_compatible = ref.id, compat
    if c.date is None and c.partial is not None and compat:
        for year in range(ref.start.year, ref.end.year + 1):
            d = with_year(
                c.partial,
                year,
                source="reference",
                confidence=0.8,
                note=f"year from the reference chronology ({ref.source})",
            )
            if d is not None and partial_matches(c.partial, ref.date):
                c.date = d
                break


def _known_factory(
    groups: list[Group], lex: Lexicon, use_reference: bool, every: Sequence[Cand] = ()
):
    by_place: dict[str, list[Group]] = {}  # a fit needs the same place: look only there
    for g in groups:
        if g.date is not None and g.place:
            by_place.setdefault(g.place, []).append(g)
    told = _told_alike(groups, every)

    def known(c: Cand) -> tuple[DateValue, str] | None:
        named = weekday_named(c.timex.text) if c.timex is not None else None
        later: DateValue | None = None

        def on_that_day(d: DateValue) -> bool:  # "Saturday" only tells a Saturday's event
            return named is None or d.granularity != "day" or d.start.weekday() == named

        if use_reference:
            found = chronology.link(
                c.to_mention(), loose=True, focus=c.trig_start - c.sentence.start
            )
            if found is not None and found.compatible is not False:
                if on_that_day(found.ref.date):
                    return found.ref.date, "reference"
                # "Last Friday night, police raided ..." tied to a known Monday killing: a
                # later day of the same story, so the page is from the weeks after it
                later = found.ref.date
        fits = []
        for g in by_place.get(c.place, ()) if c.place else ():
            gd = g.date
            assert gd is not None
            if not g.categories <= lex.compatible_with(c.category):
                continue
            if c.partial is not None and not partial_matches(c.partial, gd):
                continue
            if not on_that_day(gd):
                continue
            fits.append(gd)
        if len(fits) == 1:
            return fits[0], "other articles"
        got = told(c)
        if got is None and later is not None:
            return later, LATER_IN_STORY
        return got

    return known


LATER_IN_STORY = f"reference, {LATER}"


def _lemma_of(c: Cand) -> str:
    return str(getattr(c.extras.get("clause"), "lemma", c.tdef.noun))


LEXICAL_POSTINGS = 50  # a word shared by more dated events than this says nothing
# a word in at most this many articles (or this share of them) of a mixed corpus is telling
RARE_ARTICLES = 4
RARE_SHARE = 0.12
RARE_IN_ENGLISH = 7.5  # or a word rare in general English and not common in the corpus
SMALL_CORPUS = 10  # articles; fewer: weigh words by their rarity in English instead
SMALL_SCALE = 0.4  # English rarity (about 4..10) on the scale of corpus idf (about 0..4)


def _told_alike(groups: list[Group], every: Sequence[Cand]):
    """The date of the one dated event (of trusted articles) that a mention tells in the
    same rare words (the measure of ``corefer``): "Biden signed into law Tuesday a major
    spending bill" in an undated page and "Biden signs the Inflation Reduction Act" dated
    August 16 elsewhere."""
    words: dict[tuple[str, int], set[str]] = {}

    def words_at(c: Cand) -> set[str]:
        key = (c.article, c.sentence.start)
        got = words.get(key)
        if got is None:
            got = words[key] = sentence_words(c.sentence.text)
        return got

    per_article: dict[str, set[str]] = {}
    for c in every:
        per_article.setdefault(c.article, set()).update(words_at(c))
    idf = idf_over(per_article)
    dated = [g for g in groups if g.date is not None and g.date.granularity in ("day", "week")]
    postings: dict[str, list[int]] = {}
    by_lemma: dict[str, set[int]] = {}
    for i, g in enumerate(dated):
        for w in words_of(g):
            postings.setdefault(w, []).append(i)
        for x in g.cands:
            by_lemma.setdefault(_lemma_of(x), set()).add(i)
    need = told_alike_threshold()
    n = len(per_article)
    rare_idf = math.log((n + 1) / max(RARE_ARTICLES, RARE_SHARE * n))
    some_idf = math.log(n + 1) / 3  # in fewer than about a third of the articles
    small = n < SMALL_CORPUS
    everywhere = math.log((n + 1) / max(n, 1)) + 1e-9  # the idf of a word every article uses

    def told(c: Cand) -> tuple[DateValue, str] | None:
        # the same predicate counts for half the threshold: "passed" finds the passing,
        # not the signing that the same words also tell
        scores: dict[int, float] = dict.fromkeys(by_lemma.get(_lemma_of(c), ()), need / 2)
        rare: dict[int, int] = {}  # shared words few articles use: two, or one and the verb
        for w in words_at(c):
            ids = postings.get(w, ())
            if len(ids) > LEXICAL_POSTINGS:
                continue
            if small:  # a handful of articles tells nothing of which words are rare
                if n >= 3 and idf.get(w, 0.0) <= everywhere:
                    continue  # ... but a word in every one of them is the corpus's topic
                weight = SMALL_SCALE * rarity(w)
                telling = rarity(w) >= RARE_IN_ENGLISH
            else:
                weight = idf.get(w, 0.0)
                telling = weight >= rare_idf or (
                    weight >= some_idf and rarity(w) >= RARE_IN_ENGLISH
                )
            for i in ids:
                if c.article not in dated[i].articles:
                    scores[i] = scores.get(i, 0.0) + weight
                    if telling:
                        rare[i] = rare.get(i, 0) + 1
        same = by_lemma.get(_lemma_of(c), set())
        # a lead without a date of its own must share more: nothing else ties it to the day
        lead = bool(c.extras.get("undated_lead"))
        scores = {
            i: v
            for i, v in scores.items()
            if rare.get(i, 0) >= (1 if i in same else 2) + (2 if lead else 0)
            and v >= (2 * need if lead else need)
        }
        if c.partial is not None:
            scores = {i: v for i, v in scores.items() if partial_matches(c.partial, dated[i].date)}  # type: ignore[arg-type]
        named = weekday_named(c.timex.text) if c.timex is not None else None
        if named is not None:  # "Saturday" can only tell an event of a Saturday
            scores = {
                i: v
                for i, v in scores.items()
                if (d := dated[i].date) is not None
                and (d.granularity != "day" or d.start.weekday() == named)
            }
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < need:
            return None
        if len(ranked) > 1 and ranked[1][1] >= 0.8 * ranked[0][1]:
            d0, d1 = dated[ranked[0][0]].date, dated[ranked[1][0]].date
            assert d0 is not None and d1 is not None
            if (d0.start, d0.end) != (d1.start, d1.end):
                return None  # two events told alike on different days: no telling which
        d = dated[ranked[0][0]].date
        assert d is not None
        return d, "other articles"

    return told


FirstPass = tuple[list[Sentence], list[Cand]]


def first_pass_one(a: Article, use_reference: bool = True) -> FirstPass:
    """Sentences and candidate mentions of one article on its own: a pure function, so
    large corpora can run it in worker processes, and one article's failure stays its own.
    Mentions of an article with a trustworthy date are already linked to the reference
    chronology.  An article in another language than English yields nothing: events are
    read from English text only (ingest keeps its headline and publication date)."""
    w = _Pass(a, use_reference)
    for step in _STEPS:
        if w.done is not None:
            break
        step(w)
    assert w.done is not None
    return w.done


def first_pass_many(
    articles: Sequence[Article], use_reference: bool = True
) -> list[FirstPass | StageFailure]:
    """:func:`first_pass_one` of each article, or the StageFailure that ended it (one
    article's failure stays its own).  The same results, computed stage by stage over all
    the articles (sentences, time expressions, the lexicon's finds, the headline's mentions,
    the body's, links to the reference chronology): each stage's code and tables stay in the
    processor's caches while it runs over them, which is several percent faster than taking
    each article through every stage in turn."""
    work = [_Pass(a, use_reference) for a in articles]
    out: list[FirstPass | StageFailure | None] = [None] * len(work)
    for step in _STEPS:
        for i, w in enumerate(work):
            if w.done is not None or out[i] is not None:
                continue
            failed = attempt("extract", step, w)
            if isinstance(failed, StageFailure):
                out[i] = failed
    results: list[FirstPass | StageFailure] = []
    for o, w in zip(out, work, strict=True):
        if o is None:
            assert w.done is not None  # (the last step gives every article its result)
            o = w.done
        results.append(o)
    return results


class _Pass:
    """One article's first pass between its stages (``done``: the result, once known)."""

    __slots__ = (
        "a", "cands", "dct", "done", "heads", "opened", "scanned", "sents", "txs",
        "use_reference",
    )  # fmt: skip

    def __init__(self, a: Article, use_reference: bool) -> None:
        self.a = a
        self.use_reference = use_reference
        self.done: FirstPass | None = None
        self.sents: list[Sentence] = []
        self.dct: dt.date | None = None
        self.txs: list[Timex] = []
        self.scanned: Scanned
        self.heads: list[Cand] = []
        self.opened: Opened
        self.cands: list[Cand] = []


def _sentences(w: _Pass) -> None:
    a = w.a
    if a.language not in ("en", "und"):  # "und": not recognised, read as English
        w.done = ([], [])
        return
    with stage("sentences"):
        w.sents = sentences_of(a)
    w.dct = trusted_date(a)


def _times(w: _Pass) -> None:
    with stage("tag"):
        w.txs = _tagger()(w.a.body, w.dct)


def _lexicon_finds(w: _Pass) -> None:
    with stage("mentions"):
        w.scanned = lexicon().scan(w.a.body)


def _headline(w: _Pass) -> None:
    with stage("mentions"):
        w.heads = _headline_candidates(w.a, w.dct, lexicon(), _tagger(), False, 1.0)


def _clauses(w: _Pass) -> None:
    with stage("mentions"):
        w.opened = open_clauses(w.a, w.sents, w.txs)


def _body(w: _Pass) -> None:
    w.cands = _mentions(
        w.a,
        w.dct,
        lexicon(),
        _tagger(),
        w.sents,
        tagged=w.txs,
        scanned=w.scanned,
        headline=w.heads,
        opened=w.opened,
    )


def _links(w: _Pass) -> None:
    dct = w.dct
    if w.use_reference and dct is not None:
        with stage("mentions"):
            for c in w.cands:
                checkpoint()
                _link(c, dct)
    # Sentences are kept only where a second pass may need them (articles to be re-dated);
    # for large corpora they would be most of the memory.
    w.done = (w.sents if dct is None else [], w.cands)


_STEPS = (_sentences, _times, _lexicon_finds, _headline, _clauses, _body, _links)


def first_pass(articles: Sequence[Article], use_reference: bool = True) -> list[FirstPass]:
    """:func:`first_pass_one` of each article."""
    return [first_pass_one(a, use_reference) for a in articles]


OnFailure = Callable[[Article, StageFailure], None]


def extract_events(
    articles: Sequence[Article],
    *,
    use_reference: bool = True,
    first: Sequence[FirstPass] | None = None,
    on_failure: OnFailure | None = None,
) -> tuple[list[Article], list[Event]]:
    """Find, date and merge events across ``articles``; date undated articles from content.

    ``first`` is the per-article first pass already done (one entry per article, from
    :func:`first_pass_one`; the pipeline runs it per file, in worker processes for large
    inputs).
    With ``on_failure``, an article whose re-dating fails is reported there and left out
    (its events too) instead of raising; the others go on.
    """
    with gc_paused():  # merging makes many small acyclic records: a quarter faster
        return _extract(articles, use_reference, first, on_failure)


WIDE_WINDOW = 62  # days: an estimate wider than this anchors no day or week
WIDE_FOR_MONTHS = 300  # days: ... and wider than this, no year-less month


def _redate(
    a: Article, fp: FirstPass, known, use_reference: bool
) -> tuple[Article, list[Cand]] | None:
    """An undated article dated from its content and its mentions re-read against that
    date (None when its content gives no date)."""
    a_sents, a_cands = fp
    with stage("date"):
        pub = estimate(
            windows_for(a_cands, known),
            a.published,
            named_weekdays(a_cands),
            weekday_dates(a_cands),
        )
    span = (
        (pub.latest - pub.earliest).days
        if pub is not None and pub.earliest is not None and pub.latest is not None
        else 0
    )
    wide = span > WIDE_WINDOW
    # a window of most of a year holds "July" of two years: a year-less month stays so
    grains = ("day", "week", "month") if span > WIDE_FOR_MONTHS else ("day", "week")
    if pub is None or pub.anchor is None:
        if use_reference:
            with stage("mentions"):
                for c in a_cands:
                    checkpoint()
                    _link(c, None)
        return None
    dated = dataclasses.replace(a, published=pub)
    cands = _mentions(
        dated,
        pub.anchor,
        lexicon(),
        _tagger(),
        a_sents,
        soft=True,
        scale=pub.confidence,
        day_known=pub.earliest is not None and pub.earliest == pub.latest,
    )
    if wide:
        # too unsure a day to resolve "Tuesday" against: a day or week resolved against
        # the estimate gives way to the mention as first read, without a publication date
        # ("June 12" stays year-less for the reference to complete; a wrong day is worse)
        first = {(c.trig_start, c.field): c for c in a_cands}
        kept = []
        for c in cands:
            if (
                c.date is not None
                and c.date.source in ("relative", "publication")
                and c.date.granularity in grains
            ):
                orig = first.get((c.trig_start, c.field))
                if orig is not None:
                    kept.append(orig)
                continue
            kept.append(c)
        cands = kept
    if use_reference:
        with stage("mentions"):
            for c in cands:
                checkpoint()
                _link(c, pub.anchor)
    return dated, cands


def _extract(
    articles: Sequence[Article],
    use_reference: bool,
    first: Sequence[FirstPass] | None,
    on_failure: OnFailure | None,
) -> tuple[list[Article], list[Event]]:
    lex = lexicon()
    if first is None:
        first = first_pass(articles, use_reference)
    passes: dict[str, FirstPass] = {}
    cands: dict[str, list[Cand]] = {}
    for a, fp in zip(articles, first, strict=True):
        passes[a.id], cands[a.id] = fp, fp[1]

    out_articles: list[Article] = []
    known = None  # built on the first article that needs re-dating
    for a in articles:
        if trusted_date(a) is not None:
            out_articles.append(a)
            continue
        checkpoint()
        if known is None:
            trusted_cands = [
                c for b in articles if trusted_date(b) is not None for c in cands[b.id]
            ]
            known = _known_factory(
                group_candidates(trusted_cands, lex),
                lex,
                use_reference,
                [c for b in articles for c in cands[b.id]],
            )
        args = (a, passes[a.id], known, use_reference)
        got = _redate(*args) if on_failure is None else attempt("date", _redate, *args)
        if isinstance(got, StageFailure):
            assert on_failure is not None
            on_failure(a, got)  # merging skips what failed
            continue
        if got is not None:
            a, cands[a.id] = got
        out_articles.append(a)

    pubs = {
        a.id: a.published.anchor
        for a in out_articles
        if a.published.source == "inferred" or trusted_date(a) is not None
    }
    everything = [c for a in out_articles for c in cands[a.id]]
    groups = group_candidates(everything, lex)
    years = {k: v.year for k, v in pubs.items() if v is not None}
    return out_articles, build_events(groups, lex, years)
