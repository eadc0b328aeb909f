package io.rackdesk.views.connections;

import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.connections.RemoveConnectionViewModel;
import io.rackdesk.viewmodels.main.MainViewModel;
import java.util.Objects;
import javafx.stage.Window;

/** Opens the connection dialogs from the main window: add, edit, duplicate, remove (by typed name). */
public final class ConnectionDialogs {
    private final ConnectionService service;
    private final TaskExecutor tasks;
    private final Localization l10n;

    public ConnectionDialogs(ConnectionService service, TaskExecutor tasks, Localization l10n) {
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
    }

    public void add(Window owner, MainViewModel main) {
        ConnectionDialogView.show(owner, ConnectionDialogViewModel.forNew(service, tasks, l10n), l10n).ifPresent(main::addConnection);
    }

    public void edit(Window owner, MainViewModel main, ConnectionViewModel c) {
        ConnectionDialogView.show(owner, ConnectionDialogViewModel.forEdit(c.settings(), service, tasks, l10n), l10n)
                .ifPresent(main::replaceConnection);
    }

    public void duplicate(Window owner, MainViewModel main, ConnectionViewModel c) {
        ConnectionDialogView.show(owner, ConnectionDialogViewModel.forDuplicate(c.settings(), service, tasks, l10n), l10n)
                .ifPresent(main::addConnection);
    }

    public void remove(Window owner, MainViewModel main, ConnectionViewModel c) {
        RemoveConnectionDialog.show(owner, new RemoveConnectionViewModel(c, main, service, tasks, l10n), l10n);
    }
}
