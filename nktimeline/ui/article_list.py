"""The article list: publisher, title, publication date with its confidence, event count and
language (events are only read from English text; other articles say so)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from nktimeline.ingest.language import UNKNOWN, extraction_note, language_name
from nktimeline.model import Article, Corpus
from nktimeline.ui.plain import plain_tooltip
from nktimeline.ui.qt_selection import QtSelection

ID_ROLE = Qt.ItemDataRole.UserRole + 2
_UNKNOWN_TIP = "Language not recognised; the text is read as English."


def date_text(a: Article) -> str:
    """``2019-10-08``, ``~2019-10-08 (est. 55%)``, ``≈ 2019-06-20 – 2019-06-30`` (an
    estimated window) or ``unknown``."""
    p = a.published
    if p.value is None:
        if p.earliest is not None and p.latest is not None:
            if p.earliest == p.latest:
                return f"≈ {p.earliest.isoformat()}"
            return f"≈ {p.earliest.isoformat()} – {p.latest.isoformat()}"
        return "unknown"
    if p.source in ("inferred", "repost") or p.confidence < 0.6:
        tag = "re-post" if p.source == "repost" else "est."
        return f"~{p.value.isoformat()} ({tag} {p.confidence:.0%})"
    return p.value.isoformat()


def language_text(a: Article) -> str:
    """The article's language as a name ("Korean"); "—" when it was not recognised."""
    return "—" if a.language == UNKNOWN else language_name(a.language)


class ArticleListPane(QTreeWidget):
    """Clicking an article focuses it in the reader (through the selection model)."""

    COLUMNS = ("Publisher", "Title", "Published", "Events", "Language")
    contextMenuRequested = Signal(QPoint)  # global position; the article is focused

    def __init__(self, selection: QtSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.setObjectName("articleList")
        self.setAccessibleName("Articles")
        self.setColumnCount(len(self.COLUMNS))
        self.setHeaderLabels(list(self.COLUMNS))
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for col, w in enumerate((110, 240, 170, 50, 80)):
            self.setColumnWidth(col, w)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        selection.changed.connect(self._on_selection)
        self._items: dict[str, QTreeWidgetItem] = {}
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        self.selection.select_article(item.data(0, ID_ROLE))
        self.contextMenuRequested.emit(self.viewport().mapToGlobal(pos))

    def set_corpus(self, corpus: Corpus) -> None:
        counts: dict[str, int] = {}
        for ev in corpus.events:
            for aid in ev.articles:
                counts[aid] = counts.get(aid, 0) + 1
        self.clear()
        self._items = {}
        for a in corpus.articles:
            note = extraction_note(a.language)
            title = a.title or a.path
            item = QTreeWidgetItem(
                [
                    a.publisher or "—",
                    # the language first: a long title is cut at its end, and this is the
                    # part of the row that is always in view
                    f"[{language_name(a.language)}] {title}" if note else title,
                    date_text(a),
                    str(counts.get(a.id, 0)),
                    language_text(a),
                ]
            )
            item.setData(0, ID_ROLE, a.id)
            # item text is drawn plain; tips are not (plain_tooltip)
            item.setToolTip(2, plain_tooltip(a.published.explain()))
            item.setToolTip(1, plain_tooltip(f"{a.path}\n{note}" if note else a.path))
            item.setToolTip(3, plain_tooltip(note))
            unknown = _UNKNOWN_TIP if a.language == UNKNOWN else ""
            item.setToolTip(4, plain_tooltip(note or unknown))
            self.addTopLevelItem(item)
            self._items[a.id] = item
        self.sortItems(2, Qt.SortOrder.AscendingOrder)

    def _clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        self.selection.select_article(item.data(0, ID_ROLE))

    def _on_selection(self, _event: str, _mention: int, article_id: str) -> None:
        item = self._items.get(article_id)
        self.blockSignals(True)
        self.setCurrentItem(item) if item is not None else self.clearSelection()
        self.blockSignals(False)
