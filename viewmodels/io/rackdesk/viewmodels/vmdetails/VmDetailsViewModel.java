package io.rackdesk.viewmodels.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.SnapshotActions;
import io.rackdesk.app.libvirt.VmInspector;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.SnapshotTree;
import io.rackdesk.app.model.VmDefinition;
import io.rackdesk.app.model.VmDetails;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmLive;
import io.rackdesk.viewmodels.vms.VmTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The details of one VM: an overview, live charts of CPU, memory, disk and network (from the host's
 * stats tick, no extra calls), its definition (disks with backing chains, NICs, graphics, consoles)
 * and its snapshot tree with create, revert and delete.
 */
public final class VmDetailsViewModel {
    private final Localization l10n;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final ObjectProperty<VmItem> vm = new SimpleObjectProperty<>();
    private final ObservableList<Fact> overview = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<VmLive> live = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<VmDetails> details = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SnapshotTree.Node> snapshotRoots = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final InvalidationListener update = obs -> update();
    /** A stats tick changes the charts only: the overview's facts stay as they are. */
    private final InvalidationListener liveUpdate = obs -> {
        VmItem v = vm.get();
        live.set(v == null ? null : v.liveProperty().get());
    };
    private int loadGeneration;

    public VmDetailsViewModel(Localization l10n, TaskExecutor tasks, DialogService dialogs) {
        this.l10n = Objects.requireNonNull(l10n);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        vm.addListener((obs, old, now) -> {
            if (old != null) {
                old.summaryProperty().removeListener(update);
                old.stateProperty().removeListener(update);
                old.liveProperty().removeListener(liveUpdate);
            }
            if (now != null) {
                now.summaryProperty().addListener(update);
                now.stateProperty().addListener(update);
                now.liveProperty().addListener(liveUpdate);
            }
            details.set(null);
            snapshotRoots.clear();
            error.set(null);
            update();
            reload();
        });
    }

    /** The VM shown; null shows nothing. */
    public ObjectProperty<VmItem> vmProperty() {
        return vm;
    }

    public ObservableList<Fact> overview() {
        return overview;
    }

    /** The VM's newest figures and history (for the charts), or null before the first tick. */
    public ReadOnlyObjectProperty<VmLive> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Definition, autostart and snapshots, once read; null while loading or when the host is away. */
    public ReadOnlyObjectProperty<VmDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The snapshot tree's roots, oldest first. */
    public ObservableList<SnapshotTree.Node> snapshotRoots() {
        return snapshotRoots;
    }

    /** Why the last read or snapshot action failed, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while a read or a snapshot action runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Reads the definition and snapshots again. */
    public void reload() {
        VmItem v = vm.get();
        Optional<LibvirtHost> host = v == null ? Optional.empty() : v.connection().openHost();
        if (host.isEmpty()) {
            return;
        }
        int generation = ++loadGeneration;
        busy.set(true);
        tasks.execute(BackgroundTask.async(l10n.lang("task.vmDetails", v.name()),
                        () -> new VmInspector(host.get()).details(v.summary()))
                .onSuccess(d -> {
                    if (generation == loadGeneration && vm.get() == v) {
                        details.set(d);
                        snapshotRoots.setAll(SnapshotTree.build(d.snapshots()));
                        error.set(null);
                        update();
                    }
                })
                .onFailure(e -> {
                    if (generation == loadGeneration) {
                        error.set(LibvirtErrors.describe(e));
                    }
                })
                .onFinished(() -> busy.set(false)));
    }

    /**
     * Takes a snapshot of the VM. A name libvirt would refuse is reported at once (and the caller keeps
     * what the user typed); returns whether the request was sent.
     */
    public boolean createSnapshot(String name, String description, boolean withMemory) {
        String problem = SnapshotActions.nameProblem(name);
        if (problem != null) {
            error.set(l10n.lang("snapshot.badName", problem));
            return false;
        }
        return snapshotAction(l10n.lang("task.snapshotCreate", name), a -> a.create(vm.get().summary(), name, description, withMemory));
    }

    /** Reverts to {@code s} after a confirmation that warns when the VM runs. */
    public void revert(SnapshotInfo s) {
        VmItem v = vm.get();
        String message = v.getState().isActive()
                ? l10n.lang("snapshot.revert.running", v.name(), s.name())
                : l10n.lang("snapshot.revert.message", v.name(), s.name());
        if (dialogs.confirm(l10n.lang("snapshot.revert.title", s.name()), message, List.of(s.name()), l10n.lang("snapshot.revert"))) {
            snapshotAction(l10n.lang("task.snapshotRevert", s.name()), a -> a.revert(v.summary(), s.name()));
        }
    }

    /** Deletes {@code node}'s snapshot (and with {@code withChildren} all below it) after a confirmation listing them. */
    public void delete(SnapshotTree.Node node, boolean withChildren) {
        VmItem v = vm.get();
        List<String> names = new ArrayList<>();
        if (withChildren) {
            node.withDescendants().forEach(s -> names.add(s.name()));
        } else {
            names.add(node.snapshot().name());
        }
        String key = withChildren ? "snapshot.delete.withChildren" : "snapshot.delete.message";
        if (dialogs.confirm(l10n.lang("snapshot.delete.title", node.snapshot().name()), l10n.lang(key, names.size()), names,
                l10n.lang("snapshot.delete"))) {
            snapshotAction(l10n.lang("task.snapshotDelete", node.snapshot().name()),
                    a -> a.delete(v.summary(), node.snapshot().name(), withChildren));
        }
    }

    private boolean snapshotAction(String title, Function<SnapshotActions, CompletableFuture<Void>> action) {
        VmItem v = vm.get();
        Optional<LibvirtHost> host = v == null ? Optional.empty() : v.connection().openHost();
        if (host.isEmpty()) {
            error.set(v == null ? null : v.connection().stateTextProperty().get());
            return false;
        }
        busy.set(true);
        error.set(null);
        tasks.execute(BackgroundTask.async(title, () -> action.apply(new SnapshotActions(host.get())))
                .onFailure(e -> error.set(LibvirtErrors.describe(e)))
                .onFinished(() -> {
                    busy.set(false);
                    reload();
                    v.connection().refreshVms(); // a revert changes the VM's state
                }));
        return true;
    }

    private void update() {
        VmItem v = vm.get();
        if (v == null) {
            overview.clear();
            live.set(null);
            return;
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(l10n.lang("vm.details.name"), v.name()));
        facts.add(new Fact(l10n.lang("vm.details.state"), VmTexts.state(l10n, v.getState())));
        facts.add(new Fact(l10n.lang("vm.details.host"), v.hostName()));
        facts.add(new Fact(l10n.lang("vm.details.vcpus"), Integer.toString(v.summary().vcpus())));
        facts.add(new Fact(l10n.lang("vm.details.memory"), Sizes.kib(v.summary().memoryKiB())));
        VmDetails d = details.get();
        if (d != null) {
            VmDefinition def = d.definition();
            facts.add(new Fact(l10n.lang("vm.details.os"), join(def.osType(), def.arch(), def.machine())));
            facts.add(new Fact(l10n.lang("vm.details.autostart"), l10n.lang(d.autostart() ? "common.yes" : "common.no")));
        }
        facts.add(new Fact(l10n.lang("vm.details.persistent"), l10n.lang(v.summary().persistent() ? "common.yes" : "common.no")));
        facts.add(new Fact(l10n.lang("vm.details.tags"), v.tags().isEmpty() ? "—" : String.join(", ", v.tags())));
        facts.add(new Fact(l10n.lang("vm.details.uuid"), v.uuid()));
        overview.setAll(facts);
        live.set(v.liveProperty().get());
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? "—" : String.join(" · ", present);
    }
}
