"""Linked reader: the article behind the selected event, with the sentence highlighted.

Renders only our own, escaped text (never the file's HTML), never loads resources or
follows links by itself; sentence links only write to the selection model.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nktimeline.ingest.language import extraction_note
from nktimeline.model import Article, Corpus, Event, Mention, Published
from nktimeline.ui import contrast
from nktimeline.ui.plain import plain_label
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.timeline_data import is_estimated, ui_config

HOW = {
    "stated": "stated in the text",
    "relative": "resolved against the publication date",
    "reference": "from the reference chronology",
    "inferred": "estimated",
    "metadata": "from the page metadata",
    "dateline": "from the dateline",
    "byline": "printed under the headline",
    "repost": "re-post date (the original may be older)",
    "user": "set by you",
    "publication": "the news of the publication day",
    "unknown": "unknown",
}


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never fetches anything and never navigates on its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)

    def loadResource(self, type_: int, name: QUrl | str):
        return None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            changed = getattr(self.parent(), "palette_changed", None)
            if changed is not None:
                changed()

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        pane = self.parent()
        extend = getattr(pane, "extend_menu", None)
        if extend is not None:
            extend(menu)
        show = getattr(pane, "show_menu", None) or (lambda m, p: m.exec(p))
        show(menu, event.globalPos())
        menu.deleteLater()


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    event: str
    mention: int


class ReaderPane(QWidget):
    """Article view driven by the selection; clicking a marked sentence selects its event."""

    rendered = Signal(str)  # article id after each render (tests wait on it)

    def __init__(self, selection: QtSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.corpus = Corpus()
        self._marks: dict[str, list[_Mark]] = {}
        self._events: dict[str, Event] = {}
        self._articles: dict[str, Article] = {}  # by id (Corpus.article is a linear search)
        self._links: dict[str, tuple[str, int]] = {}
        self.highlighted_sentence = ""
        self.article_id = ""
        # adds the window's actions to the reader's context menu (set by the window)
        self.extend_menu: Callable[[QMenu], None] | None = None
        self.show_menu: Callable[[QMenu, QPoint], object] | None = None

        self.sources = plain_label("")
        self.sources.setObjectName("readerSources")
        self.sources.setAccessibleName("Sources of the selected event")
        self.prev_btn = QToolButton()
        self.prev_btn.setText("◀")
        self.next_btn = QToolButton()
        self.next_btn.setText("▶")
        steps = ((self.prev_btn, "Previous source", -1), (self.next_btn, "Next source", 1))
        for b, tip, d in steps:
            b.setObjectName("sourceStep")
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.clicked.connect(lambda _=False, d=d: self.selection.step_mention(d))
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.addWidget(self.sources, 1)
        bar.addWidget(self.prev_btn)
        bar.addWidget(self.next_btn)
        self.info = QLabel("")  # rich text on purpose: every interpolated string is escaped
        self.info.setObjectName("readerEvent")
        self.info.setAccessibleName("Selected event: date, how it was obtained, sources")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setOpenExternalLinks(False)
        self.info.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.info.setContentsMargins(8, 2, 8, 6)
        self.info.linkActivated.connect(lambda link: self._on_link(QUrl(link)))
        # One line above the article when no events are read from its text (not English).
        self.notice = plain_label("")
        self.notice.setObjectName("readerNotice")
        self.notice.setAccessibleName("Language notice")
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(8, 2, 8, 4)
        self.notice.hide()
        self.browser = SafeBrowser(self)
        self.browser.setObjectName("reader")
        self.browser.setAccessibleName("Article reader")
        self.browser.anchorClicked.connect(self._on_link)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.info)
        lay.addWidget(self.notice)
        lay.addWidget(self.browser, 1)
        selection.changed.connect(self._on_selection)
        self._show_placeholder()

    # -- data ------------------------------------------------------------------------------
    def selected_text(self) -> tuple[str, str]:
        """(article id, the text selected in the reader): what "Add event" starts from."""
        return self.article_id, self.browser.textCursor().selectedText().replace("\u2029", " ")

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._events = {e.id: e for e in corpus.events}
        self._articles = {a.id: a for a in corpus.articles}
        marks: dict[str, list[_Mark]] = {}
        for ev in corpus.events:
            for k, m in enumerate(ev.mentions):
                if m.field != "body":
                    continue  # a headline mention is shown on the headline
                marks.setdefault(m.article, []).append(
                    _Mark(m.sentence_start, m.sentence_end, ev.id, k)
                )
        for lst in marks.values():
            lst.sort(key=lambda m: (m.start, -m.end))
        self._marks = marks
        self._on_selection(
            self.selection.event_id or "", self.selection.mention, self.selection.article_id or ""
        )

    def _on_selection(self, event_id: str, mention: int, article_id: str) -> None:
        ev = self._events.get(event_id) if event_id else None
        if ev is not None and ev.mentions:
            m = ev.mentions[min(mention, len(ev.mentions) - 1)]
            art = self._articles.get(m.article)
            self._update_bar(ev, mention)
            if art is not None:
                self._render(art, ev, m)
                return
        self._update_bar(None, 0)
        art = self._articles.get(article_id) if article_id else None
        if art is not None:
            self._render(art, None, None)
        else:
            self._show_placeholder()

    def _update_bar(self, ev: Event | None, mention: int) -> None:
        n = len(ev.articles) if ev is not None else 0
        multi = ev is not None and len(ev.mentions) > 1
        if ev is None:
            self.sources.setText("")
        elif multi:
            self.sources.setText(
                f"{n} source{'s' if n != 1 else ''} · mention {mention + 1} of {len(ev.mentions)}"
            )
        else:
            self.sources.setText("1 source")
        self.prev_btn.setEnabled(multi)
        self.next_btn.setEnabled(multi)

    def _show_placeholder(self) -> None:
        self.highlighted_sentence = ""
        self.article_id = ""
        self.info.setText("")
        self.info.hide()
        self.notice.setText("")
        self.notice.hide()
        gray = self.palette_colors()["muted"]
        self.browser.setHtml(
            f"<p style='color:{gray}'>Select an event on the timeline or in the table to read "
            "where it comes from.</p>"
        )

    def palette_changed(self) -> None:
        """A new palette (the desktop switched to a dark theme): draw again in its colours.
        Called by the browser once its own palette has changed (the pane's change event
        comes first, while the browser still has the old one)."""
        self._on_selection(
            self.selection.event_id or "", self.selection.mention, self.selection.article_id or ""
        )

    # -- rendering -------------------------------------------------------------------------
    def palette_colors(self) -> dict[str, str]:
        """The reader's colours, all from the palette in use (light or dark theme) and all
        legible (WCAG contrast >= 4.5): ``ink`` and ``muted`` text on ``base``, the
        highlighted sentence (``hl``) and other linked sentences (``tint``) under ``ink``;
        ``link`` and ``conflict`` for the event box, on ``window``."""
        pal = self.browser.palette()
        base = pal.color(QPalette.ColorRole.Base).name()
        ink = contrast.ink_on(pal.color(QPalette.ColorRole.Text).name(), base)
        window = self.palette().color(QPalette.ColorRole.Window).name()
        cfg = ui_config()
        tone = "dark" if contrast.luminance(base) < 0.18 else "light"
        return {
            "ink": ink,
            "base": base,
            "muted": contrast.muted(ink, base),
            "hl": contrast.tint_under(cfg["highlight_sentence"][tone], base, ink),
            "tint": contrast.tint_under(cfg["mention_tint"][tone], base, ink),
            "window": window,
            "link": contrast.legible(self.palette().color(QPalette.ColorRole.Link).name(), window),
            "conflict": contrast.legible(cfg.get("conflict", "#d62f2f"), window),
        }

    def _colors(self) -> tuple[str, str]:
        """(highlighted sentence, other linked sentences) backgrounds."""
        c = self.palette_colors()
        return c["hl"], c["tint"]

    def _render(self, art: Article, ev: Event | None, mention: Mention | None) -> None:
        colors = self.palette_colors()
        hl, tint, ink, gray = colors["hl"], colors["tint"], colors["ink"], colors["muted"]
        link = f"color:{ink}; text-decoration:none"
        self.browser.document().setDefaultStyleSheet(
            f"a.m {{ {link}; background-color:{tint} }} a.s {{ {link}; background-color:{hl} }}"
        )
        self._links = {}
        heading = html.escape(art.title or art.path)
        if mention is not None and mention.field == "title":  # the event is in the headline
            heading = f"<span style='background-color:{hl}'>{heading}</span>"
        parts = [f"<h2>{heading}</h2>"]
        meta = [x for x in (art.byline, art.publisher) if x]
        pub = art.published
        meta.append(_date_line(pub))
        parts.append(f"<p style='color:{gray}'>{html.escape(' · '.join(meta))}</p>")
        # How the date is known, in one plain sentence, under the date line.
        parts.append(f"<p style='color:{gray}'><i>{html.escape(pub.explain())}</i></p>")
        notice = extraction_note(art.language)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.info.setText(self._event_box(ev, mention, colors) if ev is not None else "")
        self.info.setVisible(ev is not None)
        parts.append("<hr>")
        parts.append(self._body_html(art, ev, mention))
        self.browser.setHtml("".join(parts))
        self.article_id = art.id
        self.highlighted_sentence = mention.sentence if mention is not None else ""
        if mention is not None:
            QTimer.singleShot(0, self._scroll_to_mark)
            self._scroll_to_mark()
        self.rendered.emit(art.id)

    def _event_box(self, ev: Event, mention: Mention | None, colors: dict[str, str]) -> str:
        rows = [f"<b>{html.escape(ev.title)}</b>"]
        d = ev.date
        if d is not None:
            est = " · estimated" if is_estimated(ev) else ""
            rows.append(
                f"{html.escape(d.label())} ({html.escape(d.granularity)}) — "
                f"{html.escape(HOW.get(d.source, d.source))}, confidence "
                f"{d.confidence:.0%}{est}"
            )
        else:
            rows.append("Date unknown")
        link = colors["link"]
        for e in ev.edited:
            what = {"added": "Added by you", "sources": "Sources changed by you"}.get(e.field)
            if what is not None:
                text = what if e.field == "added" else f"{what}: {e.original}"
            else:
                text = f"{e.field.capitalize()} set by you — extracted: {e.original or '(none)'}"
            rows.append(f"<span style='color:{link}'>✎ {html.escape(text)}</span>")
        if ev.resolution:
            rows.append(f"✓ Conflict resolved: {html.escape(ev.resolution)}")
        if ev.note:
            rows.append(f"<i>Note: {html.escape(ev.note)}</i>")
        for c in ev.conflicts:
            art = self._articles.get(c.article)
            who = (art.publisher or art.title) if art else c.article
            note = c.note.replace(c.article, "").strip(" :;,") if c.note else ""
            rows.append(
                f"<span style='color:{colors['conflict']}'>▼ {html.escape(str(who))} says "
                f"{html.escape(c.date)}{' — ' + html.escape(note) if note else ''}"
                "</span>"
            )
        if len(ev.mentions) > 1:
            # One line per source article; the link shows its first mention.
            first: dict[str, int] = {}
            counts: dict[str, int] = {}
            for k, m in enumerate(ev.mentions):
                first.setdefault(m.article, k)
                counts[m.article] = counts.get(m.article, 0) + 1
            items = []
            for aid, k in first.items():
                art = self._articles.get(aid)
                name = html.escape(
                    f"{art.publisher or ''} — {art.title}".strip(" —") if art else aid
                )
                token = f"nkt:m{len(self._links)}"
                self._links[token] = (ev.id, k)
                extra = f" ({counts[aid]} mentions)" if counts[aid] > 1 else ""
                shown = mention is not None and mention.article == aid
                cur = " <b>◀ shown</b>" if shown else ""
                items.append(
                    f"<li><a href='{token}' style='color:{link}'>{name}</a>{extra}{cur}</li>"
                )
            n = len(first)
            rows.append(
                f"{n} source{'s' if n != 1 else ''}:<ul style='margin:0'>{''.join(items)}</ul>"
            )
        return "<br>".join(rows)

    def _body_html(self, art: Article, ev: Event | None, mention: Mention | None) -> str:
        """The body as paragraphs of escaped text with the marked sentences as links.

        One pass over the sorted marks and one over the lines: linear in the article's size
        and its number of marks (a 2 MB article holds tens of thousands of them).
        """
        body = art.body
        selected: _Mark | None = None
        if ev is not None and mention is not None and mention.field == "body":
            k = ev.mentions.index(mention)
            selected = _Mark(mention.sentence_start, mention.sentence_end, ev.id, k)
        chosen = _non_overlapping(self._marks.get(art.id, []), selected)
        timex = mention.timex if mention is not None else None
        out: list[str] = []
        i = 0  # first chosen mark that may still reach into the current line
        pos = 0
        for line in body.split("\n"):
            p0, p1 = pos, pos + len(line)
            pos = p1 + 1
            if p1 <= p0:
                continue
            while i < len(chosen) and chosen[i].end <= p0:
                i += 1
            j = i
            while j < len(chosen) and chosen[j].start < p1:
                j += 1
            seg = self._paragraph(body, p0, p1, chosen[i:j], ev, mention, timex)
            if seg.strip():
                out.append(f"<p>{seg}</p>")
        return "".join(out)

    def _paragraph(self, body, p0, p1, marks, ev, mention, timex) -> str:
        out: list[str] = []
        pos = p0
        for m in marks:
            s, e = max(m.start, p0), min(m.end, p1)
            if s > pos:
                out.append(html.escape(body[pos:s]))
            selected = (
                ev is not None
                and mention is not None
                and m.event == ev.id
                and ev.mentions[m.mention] is mention
            )
            token = f"nkt:m{len(self._links)}"
            self._links[token] = (m.event, m.mention)
            inner = self._sentence(body, s, e, timex if selected else None)
            # The look of a.m / a.s comes from the document's style sheet (see _render):
            # per-link style attributes would double the HTML Qt has to parse.
            if selected:
                out.append(f"<a name='sel'></a><a class=s href='{token}'>{inner}</a>")
            else:
                out.append(f"<a class=m href='{token}'>{inner}</a>")
            pos = e
        if pos < p1:
            out.append(html.escape(body[pos:p1]))
        return "".join(out)

    @staticmethod
    def _sentence(body: str, s: int, e: int, timex) -> str:
        if timex is None or not (s <= timex.start < timex.end <= e):
            return html.escape(body[s:e])
        return (
            html.escape(body[s : timex.start])
            + "<b><u>"
            + html.escape(body[timex.start : timex.end])
            + "</u></b>"
            + html.escape(body[timex.end : e])
        )

    def _scroll_to_mark(self) -> None:
        if not self.highlighted_sentence:
            return
        self.browser.scrollToAnchor("sel")
        top = self.browser.cursorForPosition(QPoint(0, 0)).block()  # the anchor's line now
        bar = self.browser.verticalScrollBar()
        bar.setValue(max(0, bar.value() - 3 * self.browser.fontMetrics().height()))  # context
        pos = _anchor_position(self.browser.document(), "sel", top)
        if pos >= 0:  # the caret at the selected sentence (not an earlier one with its text)
            c = QTextCursor(self.browser.document())
            c.setPosition(pos)
            self.browser.setTextCursor(c)
            self.browser.ensureCursorVisible()

    def _on_link(self, url: QUrl) -> None:
        target = self._links.get(url.toString())
        if target is not None:
            self.selection.select(target[0], target[1])


def _date_line(pub: Published) -> str:
    """The publication date, short, for the header's byline line (a window for an estimate;
    how it was found is said by ``pub.explain()`` on the line below)."""
    if pub.value is not None:
        return f"{pub.value.isoformat()} (confidence {pub.confidence:.0%})"
    if pub.earliest is not None and pub.latest is not None:
        if pub.latest == pub.earliest:
            return f"≈ {pub.earliest.isoformat()}"
        return f"≈ {pub.earliest.isoformat()} – {pub.latest.isoformat()}"
    return "date unknown"


def _anchor_position(doc: QTextDocument, name: str, near: QTextBlock) -> int:
    """Where the text named ``name`` starts, searched from block ``near`` (where it usually
    is) to the end and then from the start; -1 if it is nowhere."""
    for first in (near, doc.begin()):
        block = first
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if name in frag.charFormat().anchorNames():
                    return frag.position()
                it += 1
            block = block.next()
    return -1


def _non_overlapping(marks: list[_Mark], selected: _Mark | None) -> list[_Mark]:
    """``selected`` (if any) plus, in order, each mark that overlaps neither it nor an
    earlier kept mark; ``marks`` is sorted by (start, -end).  Sorted by start."""
    chosen: list[_Mark] = []
    last_end = -1
    for m in marks:
        if m.end <= m.start or m.start < last_end:
            continue  # empty, or overlaps the previous kept mark (which reaches furthest)
        if selected is not None and m.end > selected.start and m.start < selected.end:
            continue
        chosen.append(m)
        last_end = m.end
    if selected is not None:
        bisect.insort(chosen, selected, key=lambda m: m.start)
    return chosen
