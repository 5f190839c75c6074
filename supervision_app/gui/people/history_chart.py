"""The seven HSE ratings across sessions, drawn with QPainter: one small line chart per standard.

Seven small charts one above the other, each named in words and ending with its
latest rating in words, share one time axis, so no series is told from another by
colour. Colours are the palette's (text, grid lines, the accent), so the chart
follows the light or dark theme. ``gui/people/history.py`` puts a table of the
same figures beside it for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from supervision_app.content import HseStandards
from supervision_app.domain.history import History
from supervision_app.formatting import MONTHS, format_date

Role = QPalette.ColorRole
LOW, HIGH = 1, 5  # the rating scale's ends


def axis_label(day: date, span_days: int) -> str:
    """A date under the axis: the day and month over a year or less, else the month and year."""
    return f"{day.day} {MONTHS[day.month - 1]}" if span_days <= 366 else f"{MONTHS[day.month - 1]} {day.year}"


class RatingsChart(QWidget):
    """Reads only a :class:`History` and the standards' names; paints on demand, holds no child widgets."""

    def __init__(self, history: History, standards: HseStandards, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.standards = standards
        self.empty_text = empty_text
        rated = history.rated
        self._days = [entry.start.date() for entry in rated]
        self._series = {s.id: history.series(s.id) for s in standards.standards}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader can land on it and hear the summary
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Wellbeing ratings chart")
        self.setAccessibleDescription(self.summary())

    def summary(self) -> str:
        """The chart in words: how many sessions it covers and each standard's latest rating."""
        if not self._days:
            return self.empty_text
        latest = []
        for standard in self.standards.standards:
            series = self._series[standard.id]
            if series:
                day, value = series[-1]
                latest.append(f"{standard.name} {self._words(value)} on {format_date(day)}")
        span = f"from {format_date(self._days[0])} to {format_date(self._days[-1])}" if len(self._days) > 1 \
            else f"on {format_date(self._days[0])}"
        sessions = "session" if len(self._days) == 1 else "sessions"
        return f"Ratings on the record at {len(self._days)} {sessions}, {span}. Latest: {'; '.join(latest)}."

    def _words(self, value: int) -> str:
        return f"{value} ({self.standards.rating_scale.point(value).label})"

    def _row_height(self) -> int:
        return int(self.fontMetrics().height() * 3.2)

    def sizeHint(self) -> QSize:
        return QSize(640, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        rows = len(self.standards.standards) if self._days else 1
        return QSize(metrics.horizontalAdvance("M") * 34, rows * self._row_height() + metrics.height() * 2 + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(Role.Base))
        painter.setPen(palette.color(Role.Text))
        if not self._days:
            painter.drawText(QRectF(self.rect()).adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap), self.empty_text)
            painter.end()
            return
        metrics = self.fontMetrics()
        names = max(metrics.horizontalAdvance(s.name) for s in self.standards.standards)
        latest_width = metrics.horizontalAdvance("5 (Quite difficult)")
        left = min(names + 12, self.width() // 3)
        right = self.width() - (latest_width + 16 if self.width() > 3 * latest_width + left else 8)
        row = self._row_height()
        first, last = self._days[0].toordinal(), self._days[-1].toordinal()
        spread = max(last - first, 1)

        where = {day: (left + right) / 2 if first == last
                 else left + 6 + (right - left - 12) * (day.toordinal() - first) / spread for day in self._days}
        x = where.__getitem__

        for index, standard in enumerate(self.standards.standards):
            top = 4 + index * row
            plot = QRectF(left, top + metrics.height() * 0.7, right - left, row - metrics.height() * 1.4)
            self._draw_row(painter, metrics, standard.name, plot, self._series[standard.id], x, top, row)
        self._draw_axis(painter, metrics, 4 + len(self.standards.standards) * row, x, left, right)
        painter.end()

    def _draw_row(self, painter: QPainter, metrics: QFontMetrics, name: str, plot: QRectF,
                  series: list[tuple[date, int]], x: Callable[[date], float], top: int, row: int) -> None:
        palette = self.palette()
        text = palette.color(Role.Text)
        painter.setPen(text)
        name_rect = QRectF(0, top, plot.left() - 8, row)
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(name_rect.width())))

        def y(value: int) -> float:
            return plot.bottom() - plot.height() * (value - LOW) / (HIGH - LOW)

        painter.setPen(QPen(palette.color(Role.Mid), 1))
        for value in range(LOW, HIGH + 1):
            painter.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
        small = metrics.height() * 0.4
        painter.setPen(palette.color(Role.PlaceholderText))
        for value in (LOW, HIGH):
            painter.drawText(QRectF(plot.left() - 12, y(value) - small * 1.2, 10, small * 2.4),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(value))
        accent = palette.color(Role.Highlight)
        painter.setPen(QPen(accent, 2))
        points = [QPointF(x(day), y(value)) for day, value in series]
        if len(points) > 1:
            painter.drawPolyline(points)
        # Each point a dot 9 pixels across (3.5 around it, and the 2-pixel pen): a round pen's points, in one call.
        painter.setPen(QPen(accent, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPoints(points)
        if series and plot.right() + 8 < self.width() - 40:
            painter.setPen(text)
            painter.drawText(QRectF(plot.right() + 8, top, self.width() - plot.right() - 8, row),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             self._words(series[-1][1]) if series else "")
        elif not series:
            words = "Not rated"
            box = QRectF(0, 0, metrics.horizontalAdvance(words) + 12, metrics.height())
            box.moveCenter(plot.center())
            painter.fillRect(box, palette.color(Role.Base))  # the words over the grid lines, not through them
            painter.setPen(palette.color(Role.PlaceholderText))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), words)

    def _draw_axis(self, painter: QPainter, metrics: QFontMetrics, top: int, x: Callable[[date], float], left: int,
                   right: int) -> None:
        palette = self.palette()
        painter.setPen(QPen(palette.color(Role.Dark), 1))
        painter.drawLine(QPointF(left, top), QPointF(right, top))
        painter.setPen(palette.color(Role.Text))
        end = -1.0e9
        span = (self._days[-1] - self._days[0]).days
        for day in self._days:  # a date under each point, leaving out those that would overlap
            centre = x(day)
            if centre < end + 12:  # (a label never starts right of its point)
                continue
            label = axis_label(day, span)
            width = metrics.horizontalAdvance(label)
            start = max(0.0, min(centre - width / 2, self.width() - width))
            if start < end + 12:
                continue
            painter.drawLine(QPointF(centre, top), QPointF(centre, top + 4))
            painter.drawText(QPointF(start, top + 4 + metrics.ascent()), label)
            end = start + width
