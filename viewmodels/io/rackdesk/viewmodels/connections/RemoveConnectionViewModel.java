package io.rackdesk.viewmodels.connections;

import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.main.MainViewModel;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing a saved connection: the user confirms by typing its name (a slip of the mouse must not
 * remove a host), then the connection is closed and forgotten, with the files Rackdesk kept for it.
 * The VMs on the host are not touched.
 */
public final class RemoveConnectionViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(RemoveConnectionViewModel.class);

    private final ConnectionViewModel connection;
    private final MainViewModel main;
    private final ConnectionService service;
    private final TaskExecutor tasks;
    private final Localization l10n;
    private final StringProperty typedName = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper confirmed = new ReadOnlyBooleanWrapper();

    public RemoveConnectionViewModel(ConnectionViewModel connection, MainViewModel main, ConnectionService service,
                                     TaskExecutor tasks, Localization l10n) {
        this.connection = Objects.requireNonNull(connection);
        this.main = Objects.requireNonNull(main);
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        confirmed.bind(Bindings.createBooleanBinding(() -> typedName.get() != null && typedName.get().strip().equals(connection.name()),
                typedName));
    }

    public String connectionName() {
        return connection.name();
    }

    public String title() {
        return l10n.lang("connection.remove.title", connection.name());
    }

    public String explanation() {
        return l10n.lang("connection.remove.explanation", connection.name(), connection.uri());
    }

    /** What the user typed to confirm. */
    public StringProperty typedNameProperty() {
        return typedName;
    }

    /** True once the typed text is the connection's name. */
    public ReadOnlyBooleanProperty confirmedProperty() {
        return confirmed.getReadOnlyProperty();
    }

    /** Closes and forgets the connection, then deletes its TLS copies; does nothing unless confirmed. */
    public boolean remove() {
        if (!confirmed.get()) {
            return false;
        }
        main.removeConnection(connection);
        String id = connection.id();
        tasks.execute(BackgroundTask.async(l10n.lang("task.forgetConnection", connection.name()), () -> service.forget(id))
                .onFailure(e -> LOG.warn("could not delete the files of connection {}: {}", id, e.toString())));
        return true;
    }
}
