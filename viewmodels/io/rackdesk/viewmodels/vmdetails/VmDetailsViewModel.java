package io.rackdesk.viewmodels.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details of one VM: an overview of what it is and live charts of its CPU, memory, disk and
 * network use (from the host's stats tick, no extra calls).
 */
public final class VmDetailsViewModel {
    private final Localization l10n;
    private final ObjectProperty<VmItem> vm = new SimpleObjectProperty<>();
    private final ObservableList<Fact> overview = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<VmLiveStats> stats = new ReadOnlyObjectWrapper<>();
    private final InvalidationListener update = obs -> update();

    public VmDetailsViewModel(Localization l10n) {
        this.l10n = Objects.requireNonNull(l10n);
        vm.addListener((obs, old, now) -> {
            if (old != null) {
                old.summaryProperty().removeListener(update);
                old.stateProperty().removeListener(update);
                old.statsProperty().removeListener(update);
            }
            if (now != null) {
                now.summaryProperty().addListener(update);
                now.stateProperty().addListener(update);
                now.statsProperty().addListener(update);
            }
            update();
        });
    }

    /** The VM shown; null shows nothing. */
    public ObjectProperty<VmItem> vmProperty() {
        return vm;
    }

    public ObservableList<Fact> overview() {
        return overview;
    }

    /** The newest stats tick of the VM (histories for the charts), or null before the first. */
    public ReadOnlyObjectProperty<VmLiveStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    private void update() {
        VmItem v = vm.get();
        if (v == null) {
            overview.clear();
            stats.set(null);
            return;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(l10n.lang("vm.details.name"), v.name()));
        facts.add(new Fact(l10n.lang("vm.details.state"), VmTexts.state(l10n, v.getState())));
        facts.add(new Fact(l10n.lang("vm.details.host"), v.hostName()));
        facts.add(new Fact(l10n.lang("vm.details.vcpus"), Integer.toString(v.summary().vcpus())));
        facts.add(new Fact(l10n.lang("vm.details.memory"), Sizes.kib(v.summary().memoryKiB())));
        facts.add(new Fact(l10n.lang("vm.details.persistent"), l10n.lang(v.summary().persistent() ? "common.yes" : "common.no")));
        facts.add(new Fact(l10n.lang("vm.details.tags"), v.tags().isEmpty() ? "—" : String.join(", ", v.tags())));
        facts.add(new Fact(l10n.lang("vm.details.uuid"), v.uuid()));
        overview.setAll(facts);
        stats.set(v.statsProperty().get());
    }
}
