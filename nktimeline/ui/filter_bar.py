"""The filter bar above the events table: it writes the window's one :class:`FilterModel`.

Text, category, article, a date range typed as years, months or days (each field has a
calendar that opens on the corpus's own dates), and under "More" the edited-only,
conflicts-only and minimum-salience filters.  Escape anywhere in the bar clears it all.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from nktimeline.filters import FilterError, span_of, typed_bounds
from nktimeline.model import Corpus
from nktimeline.ui.filter_model import FilterModel

DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"


class DateField(QWidget):
    """A line edit for a typed date and a calendar button that opens on ``anchor``."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("any")
        self.edit.setToolTip(f"{name}: {DATE_HINT}")
        self.edit.setAccessibleName(f"{name} ({DATE_HINT})")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(72)
        self.edit.setMaximumWidth(112)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setAccessibleName(f"{name}: pick on a calendar")
        self.button.setToolTip(f"{name}: pick on a calendar")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(f"{name} calendar")
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._open_on_anchor)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.anchor: dt.date | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.edit)
        lay.addWidget(self.button)

    def _open_on_anchor(self) -> None:
        text = self.edit.text().strip()
        day = None
        if text:
            try:
                day, _ = typed_bounds(text, "")
            except FilterError:
                day = None
        day = day or self.anchor
        if day is not None:
            q = QDate(day.year, day.month, day.day)
            self.calendar.setSelectedDate(q)
            self.calendar.setCurrentPage(day.year, day.month)

    def _picked(self, q: QDate) -> None:
        self.edit.setText(f"{q.year():04d}-{q.month():02d}-{q.day():02d}")
        self.button.menu().hide()

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)


class FilterBar(QWidget):
    """Widgets for every field of the filter; they write, never read, the filter model."""

    def __init__(self, model: FilterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit(placeholderText="Filter events…", clearButtonEnabled=True)
        self.search.setObjectName("eventFilter")
        self.search.setAccessibleName("Filter events by text")
        self.search.setMinimumWidth(150)
        self.category = QComboBox()
        self.category.setAccessibleName("Filter by category")
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category.setMinimumContentsLength(8)
        self.article = QComboBox()
        self.article.setAccessibleName("Filter by article")
        self.article.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article.setMinimumContentsLength(8)
        self.article.setMaximumWidth(260)
        self.date_from = DateField("From date")
        self.date_to = DateField("To date")
        self.more = QToolButton()
        self.more.setText("More")
        self.more.setAccessibleName("More filters: edited, conflicts, salience")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more)
        self.edited = QAction("Only events I edited", menu, checkable=True)
        self.conflicts = QAction("Only events with unresolved conflicts", menu, checkable=True)
        menu.addActions([self.edited, self.conflicts])
        self.salience = QDoubleSpinBox()
        self.salience.setRange(0.0, 1.0)
        self.salience.setSingleStep(0.1)
        self.salience.setDecimals(2)
        self.salience.setPrefix("Salience at least ")
        self.salience.setAccessibleName("Minimum salience")
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.salience)
        menu.addAction(holder)
        self.more.setMenu(menu)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #d62f2f")
        self.problem.setAccessibleName("Filter problem")
        self.problem.hide()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search, 2)
        lay.addWidget(self.category)
        lay.addWidget(self.article, 1)
        lay.addWidget(QLabel("from"))
        lay.addWidget(self.date_from)
        lay.addWidget(QLabel("to"))
        lay.addWidget(self.date_to)
        lay.addWidget(self.more)
        lay.addWidget(self.problem)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.search.textChanged.connect(lambda t: model.update(text=t))
        self.category.currentIndexChanged.connect(
            lambda _: model.update(category=self.category.currentData() or "")
        )
        self.article.currentIndexChanged.connect(
            lambda _: model.update(article=self.article.currentData() or "")
        )
        for f in (self.date_from, self.date_to):
            f.edit.textChanged.connect(lambda _t: self._dates_changed())
        self.edited.toggled.connect(lambda on: model.update(edited=on))
        self.conflicts.toggled.connect(lambda on: model.update(conflicts=on))
        self.salience.valueChanged.connect(lambda v: model.update(min_salience=round(v, 2)))

    def _dates_changed(self) -> None:
        try:
            lo, hi = typed_bounds(self.date_from.text(), self.date_to.text())
        except FilterError as exc:
            self.problem.setText(str(exc)[:1].upper() + str(exc)[1:])
            self.problem.setToolTip(str(exc))
            self.problem.show()
            return  # the last good range stays in force until the typing makes sense
        self.problem.hide()
        self.model.update(date_from=lo, date_to=hi)

    def set_corpus(self, corpus: Corpus) -> None:
        """Fill the category and article lists; a choice that still applies stays."""
        keep_cat = self.category.currentData() or ""
        keep_art = self.article.currentData() or ""
        for box in (self.category, self.article):
            box.blockSignals(True)
            box.clear()
        self.category.addItem("All categories", "")
        for c in sorted({e.category for e in corpus.events}):
            self.category.addItem(c.capitalize(), c)
        self.article.addItem("All articles", "")
        for a in corpus.articles:
            label = f"{a.publisher} — {a.title}" if a.publisher else a.title
            self.article.addItem(label[:80], a.id)
        cat_at = self.category.findData(keep_cat) if keep_cat else -1
        art_at = self.article.findData(keep_art) if keep_art else -1
        self.category.setCurrentIndex(max(0, cat_at))
        self.article.setCurrentIndex(max(0, art_at))
        for box in (self.category, self.article):
            box.blockSignals(False)
        self.model.update(
            category=keep_cat if cat_at >= 0 else "", article=keep_art if art_at >= 0 else ""
        )
        span = span_of(corpus.events)
        self.date_from.anchor = span[0] if span else None
        self.date_to.anchor = span[1] if span else None

    def clear(self) -> None:
        """Every field back to "all" (Escape)."""
        for w in (self.search, self.date_from.edit, self.date_to.edit):
            w.blockSignals(True)
            w.clear()
            w.blockSignals(False)
        for box in (self.category, self.article):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        for act in (self.edited, self.conflicts):
            act.blockSignals(True)
            act.setChecked(False)
            act.blockSignals(False)
        self.salience.blockSignals(True)
        self.salience.setValue(0.0)
        self.salience.blockSignals(False)
        self.problem.hide()
        self.model.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
