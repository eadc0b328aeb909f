package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The VM table: every VM of every connection, narrowed to one host (the tree's selection) and by a
 * text filter on name, host and state.
 */
public final class VmTableViewModel {
    private final Localization l10n;
    private final ObservableList<ConnectionViewModel> connections;
    private final ObservableList<VmRow> allRows = FXCollections.observableArrayList();
    private final FilteredList<VmRow> rows = new FilteredList<>(allRows);
    private final ObjectProperty<ConnectionViewModel> host = new SimpleObjectProperty<>();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final Map<ConnectionViewModel, ListChangeListener<VmSummary>> watched = new IdentityHashMap<>();

    public VmTableViewModel(ObservableList<ConnectionViewModel> connections, Localization l10n) {
        this.connections = Objects.requireNonNull(connections);
        this.l10n = Objects.requireNonNull(l10n);
        connections.addListener((ListChangeListener<ConnectionViewModel>) c -> {
            syncWatches();
            rebuild();
        });
        host.addListener((obs, old, now) -> updateFilter());
        filterText.addListener((obs, old, now) -> updateFilter());
        rows.addListener((ListChangeListener<VmRow>) c -> updateSummary());
        syncWatches();
        rebuild();
    }

    /** The rows a user sees, after the host and text filters. */
    public ObservableList<VmRow> rows() {
        return rows;
    }

    /** Only this connection's VMs; null shows every host. */
    public ObjectProperty<ConnectionViewModel> hostProperty() {
        return host;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** "14 VMs, 6 running" for what is shown. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Localized state name, e.g. "Running". */
    public String stateText(VmState state) {
        return switch (state) {
            case RUNNING -> l10n.lang("vm.state.running");
            case BLOCKED -> l10n.lang("vm.state.blocked");
            case PAUSED -> l10n.lang("vm.state.paused");
            case SHUTDOWN -> l10n.lang("vm.state.shutdown");
            case SHUTOFF -> l10n.lang("vm.state.shutoff");
            case CRASHED -> l10n.lang("vm.state.crashed");
            case PMSUSPENDED -> l10n.lang("vm.state.pmsuspended");
            case NOSTATE -> l10n.lang("vm.state.nostate");
        };
    }

    private void syncWatches() {
        for (ConnectionViewModel c : new ArrayList<>(watched.keySet())) {
            if (!connections.contains(c)) {
                c.vms().removeListener(watched.remove(c));
            }
        }
        for (ConnectionViewModel c : connections) {
            watched.computeIfAbsent(c, k -> {
                ListChangeListener<VmSummary> l = change -> rebuild();
                k.vms().addListener(l);
                return l;
            });
        }
    }

    private void rebuild() {
        List<VmRow> list = new ArrayList<>();
        for (ConnectionViewModel c : connections) {
            for (VmSummary vm : c.vms()) {
                list.add(new VmRow(c, vm));
            }
        }
        allRows.setAll(list);
        updateSummary();
    }

    private void updateFilter() {
        ConnectionViewModel only = host.get();
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        rows.setPredicate(row -> (only == null || row.connection() == only)
                && (text.isEmpty() || matches(row, text)));
    }

    private boolean matches(VmRow row, String text) {
        return row.vm().name().toLowerCase(Locale.ROOT).contains(text)
                || row.hostName().toLowerCase(Locale.ROOT).contains(text)
                || row.vm().state().id().contains(text)
                || stateText(row.vm().state()).toLowerCase(Locale.ROOT).contains(text);
    }

    private void updateSummary() {
        long running = rows.stream().filter(r -> r.vm().state() == VmState.RUNNING).count();
        summary.set(l10n.lang("vm.table.summary", rows.size(), running));
    }
}
