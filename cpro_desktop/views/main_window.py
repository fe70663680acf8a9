"""The main window: the user's modules, the shared apprentice selector, menus, status bar."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cpro_desktop.models.enums import Role
from cpro_desktop.services.permissions import Module
from cpro_desktop.services.start import committed_writes, start_snapshot
from cpro_desktop.views.badges import UnreadCountRole
from cpro_desktop.views.context import AppContext, PageSelection
from cpro_desktop.views.module_entries import MODULE_LIST_STYLE, ModuleEntryDelegate
from cpro_desktop.views.modules import (
    APPRENTICE_MODULES,
    build_page,
    module_title,
    refresh_page,
    unread_text,
)
from cpro_desktop.views.selector import ApprenticeSelector


def keys(text: str) -> QKeySequence:
    """A shortcut from its portable spelling (native text is translated: "Ctrl" may differ)."""
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)


def role_label(role: Role) -> str:
    from PySide6.QtCore import QCoreApplication

    labels = {
        Role.APPRENTICE: QCoreApplication.translate("Roles", "Apprentice"),
        Role.TUTOR: QCoreApplication.translate("Roles", "Company tutor"),
        Role.TRAINER: QCoreApplication.translate("Roles", "Trainer"),
        Role.ADMIN: QCoreApplication.translate("Roles", "Administrator"),
        Role.GUARDIAN: QCoreApplication.translate("Roles", "Legal guardian"),
    }
    return labels[role]


class MainWindow(QMainWindow):
    """Modules on the left, the selected one on the right, the selector above it.

    Everything it opens on is read in one call (`services.start.start_snapshot`): the
    account, the selector's directory, the module entries' counters and, when it opens on
    module 1, that page's period view.

    A module entry carries a green badge with what is new for the reader over all his
    apprentices: module 1 the sheets changed since he last read them, module 4 the validated
    company reviews he has not opened. They come with the start; a page that counts has an
    `unread_changed(int)` signal, emitted when the reader reads something there.

    Every module's page is built at once, reading nothing: a page reads its data when it is
    shown. Each page follows its own `PageSelection`, which the window brings up to the
    shared selection only while the page is shown (a hidden page reads nothing when the
    apprentice changes). A page shown again after something was saved elsewhere in the
    application (`services.start.committed_writes`) reads again (`modules.refresh_page`);
    otherwise it keeps what it has.
    """

    logout_requested = Signal()
    settings_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("CPRO Desktop"))
        self.resize(1200, 760)
        start = start_snapshot(context.store, context.actor, self._saved_module())
        self.directory = start.directory
        self.modules = start.modules
        #: Each page's selection, and the store's count of committed writes when the page
        #: was last brought up to date.
        self._selections: dict[Module, PageSelection] = {}
        self._seen: dict[Module, int] = {}
        self._shown: Module | None = None

        central = QWidget(self)
        outer = QHBoxLayout(central)
        self.module_list = QListWidget(central)
        self.module_list.setObjectName("module_list")
        self.module_list.setFixedWidth(285)
        self.module_list.setWordWrap(True)
        self.module_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.module_list.setStyleSheet(MODULE_LIST_STYLE)
        self.module_list.setItemDelegate(ModuleEntryDelegate(self.module_list))
        right = QVBoxLayout()
        self.selector = ApprenticeSelector(central)
        self.pages = QStackedWidget(central)
        writes = committed_writes(context.store)
        for module in self.modules:
            item = QListWidgetItem(module_title(module), self.module_list)
            item.setData(Qt.ItemDataRole.UserRole, module.value)
            count = start.unread.get(module)
            self.set_unread(module, count or 0)
            selection = PageSelection(context.selection, self)
            page = build_page(
                module,
                replace(context, selection=selection),
                self.pages,
                prefetched=start.periods if module == Module.ACTIVITIES else None,
                unread=count,
            )
            self.pages.addWidget(page)
            self._selections[module] = selection
            self._seen[module] = writes
            self._follow_unread(module, page)
        right.addWidget(self.selector)
        right.addWidget(self.pages, 1)
        outer.addWidget(self.module_list)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)

        self.module_list.currentRowChanged.connect(self._module_changed)
        self.selector.apprentice_chosen.connect(self._apprentice_chosen)
        context.selection.changed.connect(self._selection_changed)
        self._build_menus()
        self._status()

        self.selector.set_directory(self.directory, self._remembered_apprentice())
        self._restore_module(start.module)
        self._restore_geometry()

    # -- state ------------------------------------------------------------------------
    def current_module(self) -> Module | None:
        row = self.module_list.currentRow()
        return self.modules[row] if 0 <= row < len(self.modules) else None

    def open_module(self, module: Module) -> bool:
        if module not in self.modules:
            return False
        self.module_list.setCurrentRow(self.modules.index(module))
        return True

    def unread(self, module: Module) -> int:
        """The counter shown on the module's entry (0: no badge)."""
        if module not in self.modules:
            return 0
        item = self.module_list.item(self.modules.index(module))
        return int(item.data(UnreadCountRole) or 0)

    def set_unread(self, module: Module, count: int) -> None:
        """Show `count` on the module's entry: a badge, a tooltip and the accessible text."""
        if module not in self.modules:
            return
        item = self.module_list.item(self.modules.index(module))
        title = module_title(module)
        words = unread_text(module, count) if count > 0 else ""
        item.setData(UnreadCountRole, max(count, 0))
        item.setToolTip(words)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title} — {words}" if words else title)

    def page(self, module: Module) -> QWidget | None:
        """The module's page (None: not one of his modules)."""
        if module not in self.modules:
            return None
        return self.pages.widget(self.modules.index(module))

    def _follow_unread(self, module: Module, page: QWidget) -> None:
        signal = getattr(page, "unread_changed", None)
        if signal is not None:
            signal.connect(lambda value, m=module: self.set_unread(m, value))

    def _module_changed(self, row: int) -> None:
        if not 0 <= row < len(self.modules):
            return
        module = self.modules[row]
        page = self.pages.widget(row)
        self._bring_up_to_date(module, page)  # before it shows: it reads once
        left = self._shown
        self.pages.setCurrentIndex(row)
        self._shown = module
        if left is not None and left != module:
            # What it saved while shown (and as it hid) it shows already.
            self._seen[left] = committed_writes(self.context.store)
        self._bring_up_to_date(module, page)  # what the page left saved as it hid
        self.selector.setVisible(module in APPRENTICE_MODULES)
        self.context.settings.last_module[self.context.actor.login] = module.value

    def _bring_up_to_date(self, module: Module, page: QWidget) -> None:
        """The page on the shared selection's apprentice, and on the store's data if
        something was saved since it last read."""
        changed = self._selections[module].catch_up()
        writes = committed_writes(self.context.store)
        if self._seen[module] < writes:
            self._seen[module] = writes
            refresh_page(page, changed)

    def _selection_changed(self, _apprentice_id: int | None) -> None:
        """The shared selection changed: the page shown follows; the others when shown."""
        module = self._shown
        if module is not None and module == self.current_module():
            self._selections[module].catch_up()

    def _apprentice_chosen(self, apprentice_id: int | None) -> None:
        self.context.selection.set(apprentice_id)
        if apprentice_id is not None:
            self.context.settings.last_selection[self._selection_key()] = apprentice_id
        for index in range(self.pages.count()):
            self._show_subject(self.pages.widget(index))

    def _show_subject(self, page: QWidget) -> None:
        """A page with a `subject` label (a module not built yet) says whom it would be
        about."""
        subject = getattr(page, "subject", None)
        if isinstance(subject, QLabel):
            name = self.selector.apprentice_combo.currentText()
            subject.setText(self.tr("Apprentice: %1").replace("%1", name) if name else "")

    def _selection_key(self) -> str:
        return f"{self.context.store.location}|{self.context.actor.login}"

    def _remembered_apprentice(self) -> int | None:
        return self.context.settings.last_selection.get(self._selection_key())

    def _saved_module(self) -> Module | None:
        saved = self.context.settings.last_module.get(self.context.actor.login)
        return Module(saved) if saved in {m.value for m in Module} else None

    def _restore_module(self, module: Module | None) -> None:
        """Open `module` (the one the reader last used, if he still has it)."""
        if module is None:
            return
        row = self.modules.index(module)
        if self.module_list.currentRow() == row:
            self._module_changed(row)
        else:
            self.module_list.setCurrentRow(row)  # → _module_changed

    def _restore_geometry(self) -> None:
        saved = self.context.settings.window_geometry
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))

    def remember(self) -> None:
        """Save geometry, module and selection into the user's settings file."""
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.context.settings.window_geometry = geometry
        self.context.settings.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.remember()
        super().closeEvent(event)

    # -- chrome -----------------------------------------------------------------------
    def _status(self) -> None:
        actor = self.context.actor
        store = self.context.store
        backend = "SQLite" if store.backend == "sqlite" else "PostgreSQL"
        text = self.tr("%1 — %2 — %3 database: %4")
        for marker, value in (
            ("%1", actor.display_name or actor.login),
            ("%2", role_label(actor.role)),
            ("%3", backend),
            ("%4", store.location),
        ):
            text = text.replace(marker, value)
        self.status_label = QLabel(text, self)
        self.status_label.setObjectName("status_label")
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self.tls_label: QLabel | None = None
        warning = store.tls_warning
        if warning:
            # Kept for the whole session: the server is reached without being authenticated.
            self.tls_label = QLabel(warning, self)
            self.tls_label.setObjectName("tls_warning")
            self.tls_label.setStyleSheet("QLabel { color: #b3261e; font-weight: bold; }")
            self.tls_label.setMinimumWidth(80)  # never widen the window; the tooltip says all
            self.tls_label.setToolTip(
                warning
                + "\n\n"
                + self.tr(
                    "The application cannot check that it is talking to the centre's server: "
                    "someone on the network could pose as it and read or change the data. Ask "
                    "the centre's IT person for the certificate of the centre's authority and "
                    "choose sslmode=verify-full in the settings."
                )
            )
            self.tls_label.setAccessibleName(warning)
            self.statusBar().addPermanentWidget(self.tls_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(keys("Ctrl+,"))
        settings.triggered.connect(self.settings_requested)
        logout = QAction(self.tr("Sign &out"), self)
        logout.setShortcut(keys("Ctrl+Shift+L"))
        logout.triggered.connect(self.logout_requested)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addActions([settings, logout])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for index, module in enumerate(self.modules, start=1):
            action = QAction(module_title(module), self)
            action.setShortcut(keys(f"Ctrl+{index}"))
            action.triggered.connect(lambda _=False, m=module: self.open_module(m))
            go_menu.addAction(action)
        go_menu.addSeparator()
        previous = QAction(self.tr("&Previous apprentice"), self)
        previous.setShortcut(keys("Ctrl+PgUp"))
        previous.triggered.connect(self.selector.previous)
        following = QAction(self.tr("&Next apprentice"), self)
        following.setShortcut(keys("Ctrl+PgDown"))
        following.triggered.connect(self.selector.next)
        choose = QAction(self.tr("&Choose an apprentice"), self)
        choose.setShortcut(keys("Ctrl+L"))
        choose.triggered.connect(self._focus_selector)
        go_menu.addActions([previous, following, choose])
        # Also on the window itself, so that shortcuts work wherever the focus is.
        self.addActions(file_menu.actions() + go_menu.actions())
        self.actions_by_name = {
            "settings": settings,
            "logout": logout,
            "quit": quit_action,
            "previous": previous,
            "next": following,
            "choose": choose,
        }

    def _focus_selector(self) -> None:
        self.selector.apprentice_combo.setFocus()
        self.selector.apprentice_combo.showPopup()
