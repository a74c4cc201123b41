"""Events table (sortable, filterable) and the article list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nktimeline.model import Corpus, Event
from nktimeline.ui.plain import plain_tooltip
from nktimeline.ui.qt_selection import QtSelection
from nktimeline.ui.timeline_data import is_estimated

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """One row per event."""

    COLUMNS = ("Date", "Event", "Category", "Place", "Sources", "How dated", "Conf.", "Conflicts")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.corpus = Corpus()
        self.events: tuple[Event, ...] = ()
        self.row_of: dict[str, int] = {}

    def set_corpus(self, corpus: Corpus) -> None:
        self.beginResetModel()
        self.corpus = corpus
        self.events = corpus.events
        self.row_of = {e.id: i for i, e in enumerate(self.events)}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.events):
            return None
        ev = self.events[index.row()]
        col = index.column()
        d = ev.date
        if role == ID_ROLE:
            return ev.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                mark = " ✎" if ev.edited_field("date") else ""
                if d is None:
                    return "undated" + mark
                return d.label() + (" ~" if is_estimated(ev) else "") + mark
            if col == 1:
                return ev.title + (" ✎" if ev.edited_field("title") else "")
            if col == 2:
                return ev.category
            if col == 3:
                return ev.place or ""
            if col == 4:
                return str(len(ev.articles))
            if col == 5:
                return ("set by you" if d.source == "user" else d.source) if d else ""
            if col == 6:
                return f"{d.confidence:.0%}" if d else ""
            if col == 7:
                return str(len(ev.conflicts)) if ev.conflicts else ""
            return None
        if role == SORT_ROLE:
            if col == 0:
                return d.start.toordinal() if d else 10**9
            if col == 4:
                return len(ev.articles)
            if col == 6:
                return d.confidence if d else -1.0
            if col == 7:
                return len(ev.conflicts)
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).lower()
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1, 7):
            lines = []
            name = {0: "date", 1: "title"}.get(col)
            edited = ev.edited_field(name) if name else None
            if edited is not None:
                lines.append(f"Set by you; extracted: {edited.original or '(none)'}")
            if col != 1:
                lines += [f"{c.article}: {c.date} {c.note}" for c in ev.conflicts]
                if ev.resolution:
                    lines.append(f"Resolved: {ev.resolution}")
            return plain_tooltip("\n".join(lines)) or None
        return None


class EventFilterProxy(QSortFilterProxyModel):
    """Filters by free text, category, article and an inclusive date range."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.category = ""
        self.article = ""
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None
        self.setSortRole(SORT_ROLE)

    def set_filters(
        self,
        *,
        text: str | None = None,
        category: str | None = None,
        article: str | None = None,
        date_from: dt.date | bool | None = False,
        date_to: dt.date | bool | None = False,
    ) -> None:
        """Change any subset of the filters (``False`` leaves a date bound unchanged)."""
        modern = hasattr(self, "beginFilterChange")  # Qt >= 6.9
        if modern:
            self.beginFilterChange()
        if text is not None:
            self.text = text.strip().lower()
        if category is not None:
            self.category = category
        if article is not None:
            self.article = article
        if date_from is not False:
            self.date_from = date_from  # type: ignore[assignment]
        if date_to is not False:
            self.date_to = date_to  # type: ignore[assignment]
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EventTableModel) or row >= len(model.events):
            return False
        ev = model.events[row]
        if self.category and ev.category != self.category:
            return False
        if self.article and self.article not in ev.articles:
            return False
        if self.date_from or self.date_to:
            if ev.date is None:
                return False
            if self.date_from and ev.date.end < self.date_from:
                return False
            if self.date_to and ev.date.start > self.date_to:
                return False
        if self.text:
            hay = " ".join(
                (ev.title, ev.category, ev.place or "", *(m.sentence for m in ev.mentions))
            ).lower()
            return all(word in hay for word in self.text.split())
        return True


class EventTablePane(QWidget):
    """Filter bar + table; selecting a row selects the event everywhere."""

    contextMenuRequested = Signal(QPoint)  # global position; the row's event is selected

    def __init__(self, selection: QtSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(placeholderText="Filter events…", clearButtonEnabled=True)
        self.search.setObjectName("eventFilter")
        self.search.setAccessibleName("Filter events by text")
        self.category = QComboBox()
        self.category.setAccessibleName("Filter by category")
        self.article = QComboBox()
        self.article.setAccessibleName("Filter by article")
        self.article.setMaximumWidth(260)
        self.date_from = self._date_edit("From date")
        self.date_to = self._date_edit("To date")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 4)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.category)
        bar.addWidget(self.article, 1)
        bar.addWidget(QLabel("from"))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.date_to)
        self.table = QTableView()
        self.table.setObjectName("eventTable")
        self.table.setAccessibleName("Events")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        for col, w in enumerate((110, 300, 80, 100, 60, 80, 55, 65)):
            self.table.setColumnWidth(col, w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        self.search.textChanged.connect(lambda t: self.proxy.set_filters(text=t))
        self.category.currentIndexChanged.connect(
            lambda _: self.proxy.set_filters(category=self.category.currentData() or "")
        )
        self.article.currentIndexChanged.connect(
            lambda _: self.proxy.set_filters(article=self.article.currentData() or "")
        )
        self.date_from.dateChanged.connect(lambda _: self._dates_changed())
        self.date_to.dateChanged.connect(lambda _: self._dates_changed())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        selection.changed.connect(self._on_selection)

    def _date_edit(self, name: str) -> QDateEdit:
        e = QDateEdit()
        e.setAccessibleName(name)
        e.setCalendarPopup(True)
        e.setDisplayFormat("yyyy-MM-dd")
        e.setMinimumDate(QDate(1, 1, 1))
        e.setSpecialValueText("any")
        e.setDate(e.minimumDate())
        return e

    def _dates_changed(self) -> None:
        def val(e: QDateEdit) -> dt.date | None:
            q = e.date()
            return None if q == e.minimumDate() else dt.date(q.year(), q.month(), q.day())

        self.proxy.set_filters(date_from=val(self.date_from), date_to=val(self.date_to))

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.table.indexAt(pos)
        if idx.isValid():
            self.selection.select(idx.data(ID_ROLE))
        if self.selection.event_id:
            self.contextMenuRequested.emit(self.table.viewport().mapToGlobal(pos))

    def set_corpus(self, corpus: Corpus) -> None:
        """Show ``corpus``; a category or article filter that still applies stays."""
        keep_cat = self.category.currentData() or ""
        keep_art = self.article.currentData() or ""
        self.model.set_corpus(corpus)
        self.category.blockSignals(True)
        self.article.blockSignals(True)
        self.category.clear()
        self.category.addItem("All categories", "")
        for c in sorted({e.category for e in corpus.events}):
            self.category.addItem(c.capitalize(), c)
        self.article.clear()
        self.article.addItem("All articles", "")
        for a in corpus.articles:
            label = f"{a.publisher} — {a.title}" if a.publisher else a.title
            self.article.addItem(label[:80], a.id)
        cat_at = self.category.findData(keep_cat) if keep_cat else -1
        art_at = self.article.findData(keep_art) if keep_art else -1
        self.category.setCurrentIndex(max(0, cat_at))
        self.article.setCurrentIndex(max(0, art_at))
        self.category.blockSignals(False)
        self.article.blockSignals(False)
        self.proxy.set_filters(
            category=keep_cat if cat_at >= 0 else "", article=keep_art if art_at >= 0 else ""
        )
        self._on_selection(self.selection.event_id or "", 0, "")

    def visible_event_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self.selection.select(current.data(ID_ROLE))

    def _on_selection(self, event_id: str, _mention: int = 0, _article: str = "") -> None:
        row = self.model.row_of.get(event_id, -1) if event_id else -1
        sm = self.table.selectionModel()
        if row < 0:
            sm.clearSelection()
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():
            return
        if self.table.currentIndex().row() != idx.row():
            sm.setCurrentIndex(
                idx,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.scrollTo(idx)
