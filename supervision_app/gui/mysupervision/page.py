"""The supervisee's "My supervision" page: the next session, open actions, preparation, records and history.

Everything prepared here stays in this vault; only what is marked to bring goes
into the agenda file sent to the supervisor. The preparation is saved
:attr:`MySupervisionPage.autosave_ms` after the first unsaved edit, and at once
by :meth:`MySupervisionPage.save_now` (the main window calls it before locking
or closing).
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supervision_app.domain.attention import Level
from supervision_app.domain.exchange import (
    CancelledSession,
    Pairing,
    Preparation,
    ReceivedKey,
    ReceivedRecord,
    SharedAction,
    shared_preparation,
)
from supervision_app.domain.model import Person, PersonRole
from supervision_app.domain.my_search import MyHit, MyKind
from supervision_app.domain.record import ActionOwner
from supervision_app.errors import VaultError
from supervision_app.exchange.envelope import ExchangeError
from supervision_app.exchange.service import ExchangeService
from supervision_app.formatting import format_date, format_datetime, format_time
from supervision_app.gui import plain
from supervision_app.gui.accessibility import announce, clear_error, show_error
from supervision_app.gui.busy import wait_cursor
from supervision_app.gui.contacts.support import SupportPanel
from supervision_app.gui.exchange.files import suggested_name, write_exchange_file
from supervision_app.gui.forms import W, child, load_into, set_tab_order
from supervision_app.gui.mysupervision.agreement import AgreementPanel
from supervision_app.gui.mysupervision.countersign import CountersignDialog
from supervision_app.gui.mysupervision.preparation import PreparationWidgets
from supervision_app.gui.narrow import SideBySide
from supervision_app.gui.notes.files import Confirm, FileRefused, confirm_action
from supervision_app.gui.people.history import HistoryDialog, my_history_dialog
from supervision_app.gui.services import AppServices
from supervision_app.gui.theme import Role, role_style
from supervision_app.services.contacts import ContactsService
from supervision_app.services.my_supervision import MySupervision, MySupervisionService
from supervision_app.services.notes import NoteService

log = logging.getLogger(__name__)

NOT_BOOKED = "Not booked yet: your supervisor sends the date with the record."
NO_SUPERVISOR = ("You have not paired with a supervisor yet. You can prepare now; pair with them to send them "
                 "your agenda and to receive the records of your sessions.")
PAIR_FIRST = "Pair with your supervisor first (Pair with my supervisor…): only their copy of the app can open it."
NOTHING_TO_SEND = "Add an item, or mark something to bring, before sending the agenda."
NOTHING_TO_CLEAR = "There is nothing to clear: your agenda, 'How I have been' and the stressors are already empty."
UID_ROLE = Qt.ItemDataRole.UserRole


def owner_text(action: SharedAction, supervisor: Person) -> str:
    if action.owner is ActionOwner.SUPERVISEE:
        return "You"
    if action.owner is ActionOwner.SUPERVISOR:
        return supervisor.name
    return action.owner_name.strip() or "Someone else"


def record_status(record: ReceivedRecord, supervisor: Person) -> str:
    if record.countersigned_at is not None:
        return "Signed by both"
    return f"Signed by {supervisor.name}"


def cancelled_status(cancelled: CancelledSession) -> str:
    if cancelled.rebooked_to is None:
        return "Cancelled"
    return f"Cancelled; rebooked for {format_datetime(cancelled.rebooked_to)}"


def _paired(pairing: Pairing | None) -> bool:
    return pairing is not None and pairing.their_role is PersonRole.SUPERVISOR


def pairing_text(supervisor: Person, pairing: Pairing | None) -> str:
    if pairing is None or not _paired(pairing):
        return (f"You are not paired with {supervisor.name} yet, so you cannot send them your agenda or open "
                "their records. Pair with them first.")
    when = f" on {format_date(pairing.paired_at.date())}" if pairing.paired_at else ""
    return (f"Paired with {supervisor.name}{when}: the files you exchange are locked to their key.\n"
            f"Their key's fingerprint: {pairing.fingerprint}")


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text (a tree view on its own keeps every row one line high)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.tree.header().sectionSize(index.column()) - 12  # (the cell's own margins)
        text = str(index.data() or "")
        if width <= 0 or not text:
            return hint
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + 8))


def fit_height(tree: QTreeWidget, most_rows: int = 8) -> None:
    """As tall as its rows (up to ``most_rows``, then it scrolls), so a short list leaves no empty box."""
    delegate = tree.itemDelegate()
    option = QStyleOptionViewItem()
    option.font = tree.font()
    heights = []
    for row in range(min(tree.topLevelItemCount(), most_rows)):
        item = tree.topLevelItem(row)
        assert item is not None
        heights.append(max(delegate.sizeHint(option, tree.indexFromItem(item, column)).height()
                           for column in range(tree.columnCount())))
    rows = sum(heights) + max(0, 2 - len(heights)) * tree.fontMetrics().lineSpacing()
    tree.setMaximumHeight(tree.header().sizeHint().height() + 2 * tree.frameWidth() + rows + 6)


class MySupervisionPage(QWidget):
    """``pair_requested`` asks the main window to pair; ``import_requested`` asks it to import a file
    (it calls :meth:`refresh` afterwards)."""

    pair_requested = Signal()
    import_requested = Signal()
    autosave_ms = 2000

    def __init__(self, services: AppServices, exchange: ExchangeService, mine: MySupervisionService,
                 notes: NoteService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.exchange = exchange
        self.mine = mine
        self.notes = notes
        self.confirm: Confirm = confirm_action  # tests answer for the user
        self.overview: MySupervision | None = None
        self.dialog: CountersignDialog | None = None
        self._supervisor_id: int | None = None
        self._dirty = False
        self.form = load_into("my_supervision", self)
        self.setAccessibleName("My supervision")
        find = self._find
        self.title_label = find(QLabel, "titleLabel")
        self.supervisor_label = find(QLabel, "supervisorLabel")
        self.supervisor_combo = find(QComboBox, "supervisorCombo")
        self.pairing_label = find(QLabel, "pairingLabel")
        self.pair_button = find(QPushButton, "pairButton")
        self.body = find(QWidget, "bodyWidget")
        # On a narrow screen the preparation goes under the session and actions, not beside them.
        self._page_scroll = find(QScrollArea, "pageScroll")
        self._columns = SideBySide(find(QWidget, "pageContents"), [find(QHBoxLayout, "bodyLayout")])
        self.next_label = find(QLabel, "nextLabel")
        self.last_label = find(QLabel, "lastLabel")  # the last supervision received, against the usual cadence
        self.actions_tree = find(QTreeWidget, "actionsTree")
        self.no_actions_label = find(QLabel, "noActionsLabel")
        self.received_tree = find(QTreeWidget, "receivedTree")
        self.no_records_label = find(QLabel, "noRecordsLabel")
        self.view_button = find(QPushButton, "viewButton")
        self.import_button = find(QPushButton, "importButton")
        self.history_button = find(QPushButton, "historyButton")
        self.history_dialog: HistoryDialog | None = None
        self.send_button = find(QPushButton, "sendButton")
        self.start_afresh_button = find(QPushButton, "startAfreshButton")
        self.error_label = find(QLabel, "errorLabel")
        self.status_label = find(QLabel, "statusLabel")
        self.save_state_label = find(QLabel, "saveStateLabel")
        self.prep = PreparationWidgets(self.form, services.content, self)
        # The agreement from the supervisor, under the next session (gui/mysupervision/agreement.py).
        self.agreement = AgreementPanel(exchange, files=services.files, clock=services.clock, parent=self.body)
        self.agreement.place_in(self.form)
        # Where to get support: the organisation's contacts kept in this vault, or the national signposts.
        self.support = SupportPanel(services.content, self.form)
        left = find(QVBoxLayout, "leftLayout")
        left.insertWidget(left.count() - 1, self.support)  # before the spacer
        for tree, stretch in ((self.actions_tree, 0), (self.received_tree, 1)):
            header = tree.header()
            header.setStretchLastSection(False)
            for column in range(tree.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                            else QHeaderView.ResizeMode.ResizeToContents)

        # Long actions wrap: lay the rows out again when the columns change width.
        self.actions_tree.setItemDelegate(WrappingDelegate(self.actions_tree))
        self.actions_tree.header().sectionResized.connect(lambda *_args: self._rows_resized(self.actions_tree))

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(self.autosave_ms)
        self._autosave.timeout.connect(self.save_now)
        self.prep.changed.connect(self._changed)
        self.prep.rowsRebuilt.connect(self._order_focus)
        self.supervisor_combo.currentIndexChanged.connect(self._supervisor_chosen)
        self.pair_button.clicked.connect(self.pair_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.history_button.clicked.connect(self.open_history)
        self.view_button.clicked.connect(lambda: self.open_record())
        self.received_tree.itemActivated.connect(lambda item, _column: item.data(0, UID_ROLE) is not None
                                                 and self.open_record(item.data(0, UID_ROLE)))
        self.received_tree.currentItemChanged.connect(lambda *_: self._update_view_button())
        self.send_button.clicked.connect(self.send_agenda)
        self.start_afresh_button.clicked.connect(self.start_afresh)
        self.refresh()

    # --- public ------------------------------------------------------------------------

    def current_supervisor_id(self) -> int | None:
        return self._supervisor_id

    @property
    def dirty(self) -> bool:
        return self._dirty

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._columns.arrange(self._page_scroll.viewport().width())

    def refresh(self) -> None:
        """Reload everything from the vault (after pairing or importing); unsaved edits are saved first."""
        self.save_now()
        supervisors = self.mine.supervisors()
        ids = [person.id for person in supervisors]
        if self._supervisor_id not in ids:
            self._supervisor_id = ids[0] if ids else None
            if self._supervisor_id is not None:  # what was prepared before there was a supervisor is theirs now
                self.mine.adopt_early_preparation(self._supervisor_id)
        self.supervisor_combo.blockSignals(True)
        try:
            self.supervisor_combo.clear()
            for person in supervisors:
                self.supervisor_combo.addItem(person.name, person.id)
            if self._supervisor_id is not None:
                self.supervisor_combo.setCurrentIndex(ids.index(self._supervisor_id))
        finally:
            self.supervisor_combo.blockSignals(False)
        several = len(supervisors) > 1
        self.supervisor_label.setVisible(several)
        self.supervisor_combo.setVisible(several)
        self.support.show_contacts(ContactsService(self.mine.store, self.services.content).contacts())
        self._load()
        self._columns.arrange(self._page_scroll.viewport().width())  # what the columns need may have changed

    def save_now(self) -> bool:
        """Save the preparation now if it has unsaved edits; False if it could not be saved."""
        self._autosave.stop()
        if not self._dirty:
            return True
        try:
            self.mine.save_preparation(self._supervisor_id, self.prep.preparation)
        except VaultError as error:
            log.warning("The preparation could not be saved (%s)", type(error).__name__)
            self._set_save_state(f"Not saved: {error}", error=True)
            return False
        self._dirty = False
        self._set_save_state(f"Saved at {format_time(self.services.clock())}. It stays on this computer.")
        return True

    def open_record(self, session_uid: str | None = None) -> CountersignDialog | None:
        """Open a record received from this page's supervisor (the one chosen in the list, unless given)."""
        if self._supervisor_id is None:
            return None
        if session_uid is None:
            item = self.received_tree.currentItem()
            if item is None or item.data(0, UID_ROLE) is None:
                return None
            session_uid = str(item.data(0, UID_ROLE))
        key = ReceivedKey(self._supervisor_id, session_uid)
        if self.dialog is not None:
            self.dialog.close()
        try:
            with wait_cursor():
                self.dialog = CountersignDialog(self.services, self.exchange, self.mine, self.notes, key, self)
        except (ExchangeError, VaultError) as error:
            show_error(self.error_label, str(error), self.view_button)
            return None
        self.dialog.countersigned.connect(lambda _uid: self._load_received_only())
        self.dialog.open()
        return self.dialog

    def show_found(self, hit: MyHit) -> None:
        """Show what a search found: the record received, opened, or the preparation for that supervisor."""
        index = self.supervisor_combo.findData(hit.supervisor_id)
        if index >= 0 and hit.supervisor_id != self._supervisor_id:
            self.supervisor_combo.setCurrentIndex(index)
        if hit.session_uid is not None:
            self.open_record(hit.session_uid)
        elif hit.kind is MyKind.PRIVATE_NOTES:
            self.prep.private_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_history(self) -> HistoryDialog | None:
        """History and trends… of the supervision received from this page's supervisor."""
        overview = self.overview
        if overview is None:
            return None
        if self.history_dialog is not None:
            self.history_dialog.close()
        try:
            with wait_cursor():
                dialog = my_history_dialog(self.mine.store, self.services.content, overview.supervisor, self)
        except VaultError as error:
            show_error(self.error_label, str(error), self.history_button)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._history_closed)
        self.history_dialog = dialog
        dialog.open()
        return dialog

    def _history_closed(self) -> None:
        self.history_dialog = None

    # --- sending ---------------------------------------------------------------------------

    def send_agenda(self) -> None:
        """Seal the marked part of the preparation for the supervisor and save it as a file.

        What is missing (a paired supervisor, something to send) is said before the save window
        opens; the agenda counts as sent only once its file is written.
        """
        self._clear_messages()
        supervisor_id = self._supervisor_id
        overview = self.overview
        if supervisor_id is None or overview is None or not _paired(overview.pairing):
            name = overview.supervisor.name if overview is not None else ""
            show_error(self.error_label, PAIR_FIRST.replace("your supervisor", name) if name else PAIR_FIRST,
                       self.pair_button)
            return
        if shared_preparation(self.prep.preparation).is_empty:
            show_error(self.error_label, NOTHING_TO_SEND, self.send_button)
            return
        if not self.save_now():
            show_error(self.error_label, "Your preparation could not be saved, so the agenda was not sent.",
                       self.send_button)
            return
        name = overview.supervisor.name
        today = self.services.clock().date()
        path = self.services.files.choose_save(self, "agenda", f"Save the agenda for {name}",
                                               suggested_name("agenda", today, name))
        if path is None:
            self._set_status("No file was saved, so nothing was sent. Send the agenda again when you are ready.")
            return
        before = self.prep.preparation.sent_at
        try:
            with wait_cursor():
                pack = self.exchange.export_agenda(supervisor_id)
            write_exchange_file(path, pack)
        except (ExchangeError, VaultError, FileRefused) as error:
            if self.mine.preparation(supervisor_id).sent_at != before:  # written to the vault, not to the file
                self.mine.save_preparation(supervisor_id, self.prep.preparation)
            show_error(self.error_label, str(error), self.send_button)
            return
        # The export stamped when it was sent; keep that, so the next save does not undo it.
        self.prep.preparation.sent_at = self.mine.preparation(supervisor_id).sent_at
        self._show_sent()
        self._set_status(f"Agenda saved to {path}. Give this file to {name} (by secure email or on a memory "
                         "stick): only their copy of the app can open it.")

    def start_afresh(self) -> None:
        """Clear the agenda and what was marked to bring; the private notes and ticks stay."""
        self._clear_messages()
        supervisor_id = self._supervisor_id
        current = self.prep.preparation
        if current == Preparation(checklist=set(current.checklist), private_notes=current.private_notes):
            show_error(self.error_label, NOTHING_TO_CLEAR, self.start_afresh_button)
            return
        if not self.confirm(self, "Start afresh for the next session?",
                            "This clears your agenda items, 'How I have been', the personal stressors and what "
                            "you marked to bring. Your private notes and checklist ticks stay.", "Start afresh"):
            return
        if not self.save_now():
            return
        try:
            fresh = self.mine.start_afresh(supervisor_id)
        except VaultError as error:
            show_error(self.error_label, str(error), self.start_afresh_button)
            return
        self.prep.load(fresh)
        self._show_sent()
        self._set_status("Started afresh. Your private notes and checklist ticks are kept.")

    # --- showing ------------------------------------------------------------------------------

    def _load(self) -> None:
        supervisor_id = self._supervisor_id
        self.agreement.show_for(supervisor_id)
        self._clear_messages()
        if supervisor_id is None:
            # Before pairing: the checklist, the self-check and private notes are there already.
            self.overview = None
            self.title_label.setText("My supervision")
            self.title_label.setAccessibleName(self.title_label.text())
            self.pairing_label.setText(NO_SUPERVISOR)
            self.pair_button.setVisible(True)
            self.history_button.setVisible(False)  # (no supervision received yet)
            self.body.setVisible(True)
            self.next_label.setText(NOT_BOOKED)
            self.next_label.setAccessibleName(f"Next session: {NOT_BOOKED}")
            self.last_label.setVisible(False)
            self.send_button.setText("Se&nd agenda to my supervisor…")
            self.send_button.setAccessibleName("Send agenda to my supervisor")
            self.send_button.setToolTip(plain.tooltip("Pair with your supervisor first."))
            self.actions_tree.clear()
            self.actions_tree.setVisible(False)
            self.no_actions_label.setVisible(True)
            self.received_tree.clear()
            self.received_tree.setVisible(False)
            self.no_records_label.setVisible(True)
            self._update_view_button()
            self.prep.load(self.mine.preparation(None))
            self._dirty = False
            self._show_sent()
            self._order_focus()
            return
        overview = self.mine.overview(supervisor_id)
        self.overview = overview
        name = overview.supervisor.name
        self.title_label.setText(f"My supervision with {name}")
        self.title_label.setAccessibleName(self.title_label.text())
        paired = _paired(overview.pairing)
        self.pairing_label.setText(pairing_text(overview.supervisor, overview.pairing))
        self.pair_button.setVisible(not paired)
        self.history_button.setVisible(True)
        self.body.setVisible(True)
        self.next_label.setText(format_datetime(overview.next_session) if overview.next_session else NOT_BOOKED)
        self.next_label.setAccessibleName(f"Next session: {self.next_label.text()}")
        self._show_last(overview)
        self.send_button.setText(f"Se&nd agenda to {name.replace('&', '&&')}…")
        self.send_button.setAccessibleName(f"Send agenda to {name}")
        # Enabled either way: a click says what is missing rather than doing nothing.
        self.send_button.setToolTip("" if paired else plain.tooltip(f"Pair with {name} first."))
        self._show_actions(overview)
        self._show_received(overview)
        self.prep.load(overview.preparation)
        self._dirty = False
        self._show_sent()

    def _load_received_only(self) -> None:
        """After a countersignature: the records list changes; the preparation being typed does not."""
        if self._supervisor_id is None:
            return
        overview = self.mine.overview(self._supervisor_id)
        self.overview = overview
        self._show_received(overview)

    def _show_last(self, overview: MySupervision) -> None:
        """When the last supervision was, against the usual cadence; the level in words, not colour alone."""
        reason = self.mine.last_supervision(overview)
        text = reason.text if reason.level is Level.INFO else f"{reason.level.label}: {reason.text}"
        self.last_label.setText(text)
        self.last_label.setVisible(True)

    def _show_actions(self, overview: MySupervision) -> None:
        tree = self.actions_tree
        tree.clear()
        today = self.services.clock().date()
        for action in overview.open_actions:
            overdue = action.due is not None and action.due < today
            due = format_date(action.due) if action.due else "No date set"
            if overdue:
                due += " (overdue)"
            who = owner_text(action, overview.supervisor)
            item = QTreeWidgetItem([action.text, who, due])
            item.setToolTip(0, plain.tooltip(action.text))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{action.text}. Who: {who}. Due: {due}.")
            if overdue:
                font = QFont(item.font(2))
                font.setBold(True)
                item.setFont(2, font)
                item.setForeground(2, self.palette().brush(Role.BrightText))
            tree.addTopLevelItem(item)
        tree.setVisible(bool(overview.open_actions))
        self.no_actions_label.setVisible(not overview.open_actions)
        fit_height(tree)

    def _show_received(self, overview: MySupervision) -> None:
        tree = self.received_tree
        current = tree.currentItem()
        chosen = current.data(0, UID_ROLE) if current is not None else None
        tree.clear()
        rows: list[tuple[datetime, str, str | None]] = [
            (record.session_start, record_status(record, overview.supervisor), record.session_uid)
            for record in overview.received]
        rows += [(c.scheduled_start, cancelled_status(c), None) for c in overview.cancelled]
        for start, status, uid in sorted(rows, key=lambda row: row[0], reverse=True):
            when = format_datetime(start)
            item = QTreeWidgetItem([when, status])
            item.setData(0, UID_ROLE, uid)  # None: a cancelled session, which has no record to open
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"Session on {when}: {status}")
            tree.addTopLevelItem(item)
            if uid is not None and uid == chosen:
                tree.setCurrentItem(item)
        if tree.currentItem() is None and (first := tree.topLevelItem(0)) is not None:
            tree.setCurrentItem(first)
        fit_height(tree)
        has_records = bool(rows)
        tree.setVisible(has_records)
        self.no_records_label.setVisible(not has_records)
        self._update_view_button()

    def _update_view_button(self) -> None:
        item = self.received_tree.currentItem()
        self.view_button.setEnabled(item is not None and item.data(0, UID_ROLE) is not None)
        if item is None or item.data(0, UID_ROLE) is None:
            return
        signed_by_both = item.text(1) == "Signed by both"
        self.view_button.setText("&View…" if signed_by_both else "&View and sign…")
        self.view_button.setAccessibleName("View the chosen record" if signed_by_both
                                           else "View and sign the chosen record")

    def _show_sent(self) -> None:
        self._set_save_state("")

    # --- internals ------------------------------------------------------------------------------

    def _find(self, cls: type[W], name: str) -> W:
        return child(self.form, cls, name)

    def _supervisor_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.save_now()
        self._supervisor_id = int(self.supervisor_combo.itemData(index))
        self._load()

    def _rows_resized(self, tree: QTreeWidget) -> None:
        tree.scheduleDelayedItemsLayout()
        fit_height(tree)

    def _changed(self) -> None:
        self._dirty = True
        self._set_save_state("Not saved yet")
        # Counted from the first unsaved edit, not restarted by each key press.
        if not self._autosave.isActive():
            self._autosave.setInterval(self.autosave_ms)
            self._autosave.start()

    def _order_focus(self) -> None:
        set_tab_order([self.supervisor_combo, self.pair_button, self.actions_tree, self.received_tree,
                       self.view_button, self.import_button, self.history_button, self.prep.private_edit,
                       *self.prep.focus_chain(), self.send_button, self.start_afresh_button])

    def _set_save_state(self, text: str, *, error: bool = False) -> None:
        """Whether the preparation is saved, and when the agenda was last sent."""
        sent_at = self.prep.preparation.sent_at
        if sent_at is not None:
            text = f"{text} Agenda last sent {format_datetime(sent_at)}.".strip()
        self.save_state_label.setText(text)
        self.save_state_label.setStyleSheet(role_style(Role.BrightText, "font-weight: bold;") if error else "")
        if error:
            announce(self.save_state_label)

    def _set_status(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.setAccessibleDescription(message)
        self.status_label.setVisible(bool(message))  # the bar it sits in stays small when there is no news
        announce(self.status_label)

    def _clear_messages(self) -> None:
        clear_error(self.error_label)
        self.status_label.clear()
        self.status_label.setAccessibleDescription("")
        self.status_label.setVisible(False)
