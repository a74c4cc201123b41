"""Events table (sortable, filterable) and the article list."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
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
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nktimeline.model import Corpus, Event
from nktimeline.ui.filter_bar import FilterBar
from nktimeline.ui.filter_model import FilterModel
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
    """Rows of the events the window's one filter (:class:`FilterModel`) lets through."""

    def __init__(self, filter_model: FilterModel, parent=None) -> None:
        super().__init__(parent)
        self.filter_model = filter_model
        self.setSortRole(SORT_ROLE)

    def set_filters(self, **fields) -> None:
        """Change any subset of the filter's fields (see :class:`EventFilter`)."""
        self.filter_model.update(**fields)

    def refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EventTableModel) or row >= len(model.events):
            return False
        return self.filter_model.spec.matches(model.events[row])


class EventTablePane(QWidget):
    """Filter bar + table; selecting a row selects the event everywhere."""

    contextMenuRequested = Signal(QPoint)  # global position; the row's event is selected

    def __init__(
        self,
        selection: QtSelection,
        parent: QWidget | None = None,
        filter_model: FilterModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.selection = selection
        self.model = EventTableModel(self)
        self.filter_model = filter_model or FilterModel(self)
        self.proxy = EventFilterProxy(self.filter_model, self)
        self.proxy.setSourceModel(self.model)
        self.bar = FilterBar(self.filter_model)
        # the bar's fields, by their old names
        self.search, self.category, self.article = (
            self.bar.search,
            self.bar.category,
            self.bar.article,
        )
        self.date_from, self.date_to = self.bar.date_from, self.bar.date_to
        self._refiltering = False
        self.filter_model.changed.connect(lambda _spec: self._refilter())
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
        lay.addWidget(self.bar)
        lay.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        selection.changed.connect(self._on_selection)

    def _refilter(self) -> None:
        """The filter changed: the rows change, the selection does not (the table's
        current row moving as rows vanish is not the user choosing an event)."""
        self._refiltering = True
        try:
            self.proxy.refilter()
        finally:
            self._refiltering = False
        self._on_selection(self.selection.event_id or "", 0, "")

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.table.indexAt(pos)
        if idx.isValid():
            self.selection.select(idx.data(ID_ROLE))
        if self.selection.event_id:
            self.contextMenuRequested.emit(self.table.viewport().mapToGlobal(pos))

    def set_corpus(self, corpus: Corpus) -> None:
        """Show ``corpus``; a category or article filter that still applies stays."""
        self.model.set_corpus(corpus)
        self.bar.set_corpus(corpus)
        self._on_selection(self.selection.event_id or "", 0, "")

    def visible_event_ids(self) -> list[str]:
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid() and not self._refiltering:
            self.selection.select(current.data(ID_ROLE))

    def _on_selection(self, event_id: str, _mention: int = 0, _article: str = "") -> None:
        row = self.model.row_of.get(event_id, -1) if event_id else -1
        sm = self.table.selectionModel()
        if row < 0:
            sm.clearSelection()
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        if not idx.isValid():  # filtered out: nothing highlighted, the selection stays
            sm.clearSelection()
            return
        if self.table.currentIndex().row() != idx.row():
            sm.setCurrentIndex(
                idx,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.scrollTo(idx)
