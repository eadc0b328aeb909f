package io.rackdesk.viewmodels.hosts;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.HostSummary;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.model.VmState;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmTexts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The host page: what the host is (name, hypervisor and libvirt versions, CPUs, memory) and how many
 * of its VMs are in each state.
 */
public final class HostOverviewViewModel {
    private final Localization l10n;
    private final ObservableList<Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<Fact> vmCounts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final InvalidationListener update = obs -> update();
    private ConnectionViewModel connection;

    public HostOverviewViewModel(Localization l10n) {
        this.l10n = Objects.requireNonNull(l10n);
    }

    public ObservableList<Fact> facts() {
        return facts;
    }

    /** "Running: 5", "Shut off: 4", ... for the states that have VMs. */
    public ObservableList<Fact> vmCounts() {
        return vmCounts;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Shows {@code c} and follows its changes; re-reads its figures. */
    public void setConnection(ConnectionViewModel c) {
        if (connection != null) {
            connection.hostProperty().removeListener(update);
            connection.vms().removeListener(update);
            connection.stateTextProperty().removeListener(update);
        }
        connection = c;
        c.hostProperty().addListener(update);
        c.vms().addListener(update);
        c.stateTextProperty().addListener(update);
        c.refreshHost();
        update();
    }

    private void update() {
        ConnectionViewModel c = connection;
        title.set(c.name());
        List<Fact> list = new ArrayList<>();
        list.add(new Fact(l10n.lang("host.uri"), c.uri()));
        list.add(new Fact(l10n.lang("host.state"), c.stateTextProperty().get()));
        HostSummary h = c.hostProperty().get();
        if (h != null) {
            list.add(new Fact(l10n.lang("host.hostname"), h.hostname()));
            list.add(new Fact(l10n.lang("host.hypervisor"), h.hypervisorVersion() == null ? h.driver() : h.driver() + " " + h.hypervisorVersion()));
            list.add(new Fact(l10n.lang("host.libvirt"), h.libvirtVersion()));
            list.add(new Fact(l10n.lang("host.cpu"), l10n.lang("host.cpuValue", h.cpuModel(), h.cpus(), h.sockets(), h.cores(), h.threads(), h.mhz())));
            list.add(new Fact(l10n.lang("host.memory"), h.freeMemoryKiB() < 0 ? Sizes.kib(h.memoryKiB())
                    : l10n.lang("host.memoryValue", Sizes.kib(h.memoryKiB()), Sizes.kib(h.freeMemoryKiB()))));
        }
        facts.setAll(list);
        Map<VmState, Integer> counts = new EnumMap<>(VmState.class);
        for (VmItem vm : c.vms()) {
            counts.merge(vm.getState(), 1, Integer::sum);
        }
        List<Fact> byState = new ArrayList<>();
        byState.add(new Fact(l10n.lang("host.vmsTotal"), Integer.toString(c.vms().size())));
        counts.forEach((s, n) -> byState.add(new Fact(VmTexts.state(l10n, s), Integer.toString(n))));
        vmCounts.setAll(byState);
    }
}
