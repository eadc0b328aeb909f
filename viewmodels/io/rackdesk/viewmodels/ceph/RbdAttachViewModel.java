package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.rbd.RbdClientAccess;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDiskXml.Bus;
import io.rackdesk.app.libvirt.RbdDiskXml.RbdDisk;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.CallTimeoutException;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * "Attach RBD image to VM": a Ceph cluster, pool and image (or a new image with its size), a VM on
 * any connected libvirt host, its target device (the first free one by default) and bus, the cephx
 * client the host uses, and how (live and persistent, or persistent only). It shows the exact
 * {@code <disk>} XML and the plan before running, runs the steps one after the other (check, create
 * the image, the cephx client, the libvirt secret, attach and confirm), reports each, and shows the
 * disk as libvirt has it afterwards. Nothing typed is cleared by a failure.
 */
public final class RbdAttachViewModel {
    /** A guard over each step; the calls inside are bounded by librados' and the connection's own timeouts. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    static final String NEW_SECRET = "00000000-0000-0000-0000-000000000000";

    /** The steps of a run, in order. */
    public enum StepKind { CHECK, CREATE_IMAGE, CLIENT, SECRET, ATTACH }

    public enum StepState { PENDING, RUNNING, DONE, FAILED, SKIPPED }

    /** One line of the progress list. */
    public record Step(StepKind kind, String title, StepState state, String detail) {
        Step with(StepState s, String d) {
            return new Step(kind, title, s, d);
        }
    }

    private final RbdAttachAccess access;
    private final TaskExecutor tasks;
    private final Localization l10n;

    private final FilteredList<CephClusterViewModel> clusters;
    private final FilteredList<ConnectionViewModel> hosts;
    private final ObjectProperty<CephClusterViewModel> cluster = new SimpleObjectProperty<>();
    private final ObservableList<String> pools = FXCollections.observableArrayList();
    private final StringProperty pool = new SimpleStringProperty();
    private final ObservableList<String> images = FXCollections.observableArrayList();
    private final StringProperty image = new SimpleStringProperty();
    private final BooleanProperty newImage = new SimpleBooleanProperty();
    private final StringProperty newImageName = new SimpleStringProperty("");
    private final StringProperty newImageSize = new SimpleStringProperty("10G");
    private final ObjectProperty<ConnectionViewModel> host = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ObservableList<VmItem>> vms =
            new ReadOnlyObjectWrapper<>(FXCollections.observableArrayList());
    private final ObjectProperty<VmItem> vm = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RbdDisks.DomainDisks> domain = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Bus> bus = new SimpleObjectProperty<>(Bus.VIRTIO);
    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty clientId = new SimpleStringProperty(RbdClientAccess.DEFAULT_CLIENT);
    private final ObservableList<RbdDisks.Mode> modes = FXCollections.observableArrayList();
    private final ObjectProperty<RbdDisks.Mode> mode = new SimpleObjectProperty<>(RbdDisks.Mode.CONFIG_ONLY);
    private final ObservableList<String> monitors = FXCollections.observableArrayList();

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewXml = new ReadOnlyStringWrapper("");
    private final ObservableList<String> plan = FXCollections.observableArrayList();
    private final ObservableList<Step> steps = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultXml = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper loading = new ReadOnlyStringWrapper("");
    private final BooleanBinding canRun;

    private boolean targetTouched;
    private boolean settingTarget;
    private boolean clientTouched;
    private boolean settingClient;
    private RbdImageRef wantedImage;
    private int loads;

    /**
     * {@code clusters} and {@code connections} are the main window's (only connected ones are
     * offered); {@code preselectCluster}, {@code preselectImage} and {@code preselectVm} may be null.
     */
    public RbdAttachViewModel(ObservableList<CephClusterViewModel> clusters, ObservableList<ConnectionViewModel> connections,
            RbdAttachAccess access, TaskExecutor tasks, Localization l10n, CephClusterViewModel preselectCluster,
            RbdImageRef preselectImage, VmItem preselectVm) {
        this.access = Objects.requireNonNull(access);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        this.clusters = new FilteredList<>(clusters, c -> c.getState() == ConnectionState.CONNECTED);
        this.hosts = new FilteredList<>(connections, c -> c.getState() == ConnectionState.CONNECTED);
        this.wantedImage = preselectImage;

        cluster.addListener((o, a, c) -> onCluster(c));
        pool.addListener((o, a, p) -> onPool(p));
        host.addListener((o, a, h) -> onHost(h));
        vm.addListener((o, a, v) -> onVm(v));
        bus.addListener((o, a, b) -> {
            if (b != null && (!targetTouched || !b.accepts(target.get()))) {
                targetTouched = false;
                chooseDefaultTarget();
            }
        });
        target.addListener((o, a, t) -> {
            if (!settingTarget) {
                targetTouched = true;
            }
        });
        clientId.addListener((o, a, t) -> {
            if (!settingClient) {
                clientTouched = true;
            }
        });
        Observable[] inputs = {cluster, pool, image, newImage, newImageName, newImageSize, host, vm, domain, bus, target,
            clientId, mode, monitors, images, running, done};
        for (Observable in : inputs) {
            in.addListener(o -> refresh());
        }
        canRun = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !running.get() && !done.get()
                && domain.get() != null, problem, running, done, domain);

        if (preselectVm != null && preselectVm.connection() != null) {
            host.set(preselectVm.connection());
            vm.set(preselectVm);
        } else if (!hosts.isEmpty()) {
            host.set(hosts.get(0));
        }
        if (preselectCluster != null) {
            cluster.set(preselectCluster);
        } else if (!this.clusters.isEmpty()) {
            cluster.set(this.clusters.get(0));
        }
        refresh();
    }

    // ------------------------------------------------------------------ properties

    /** The connected Ceph clusters. */
    public ObservableList<CephClusterViewModel> clusters() {
        return clusters;
    }

    public ObjectProperty<CephClusterViewModel> clusterProperty() {
        return cluster;
    }

    public ObservableList<String> pools() {
        return pools;
    }

    public StringProperty poolProperty() {
        return pool;
    }

    public ObservableList<String> images() {
        return images;
    }

    /** The existing image chosen (when {@link #newImageProperty()} is false). */
    public StringProperty imageProperty() {
        return image;
    }

    public BooleanProperty newImageProperty() {
        return newImage;
    }

    public StringProperty newImageNameProperty() {
        return newImageName;
    }

    /** "10G", "512 MiB", "1.5T". */
    public StringProperty newImageSizeProperty() {
        return newImageSize;
    }

    /** The connected libvirt hosts. */
    public ObservableList<ConnectionViewModel> hosts() {
        return hosts;
    }

    public ObjectProperty<ConnectionViewModel> hostProperty() {
        return host;
    }

    /** The VMs of the chosen host. */
    public ReadOnlyObjectProperty<ObservableList<VmItem>> vmsProperty() {
        return vms.getReadOnlyProperty();
    }

    public ObjectProperty<VmItem> vmProperty() {
        return vm;
    }

    /** What the chosen VM's XML said (null while it is read). */
    public ReadOnlyObjectProperty<RbdDisks.DomainDisks> domainProperty() {
        return domain.getReadOnlyProperty();
    }

    public ObjectProperty<Bus> busProperty() {
        return bus;
    }

    /** "vdb", "sdb": the first free one on the bus unless the user typed another. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The cephx client id, without "client." (typing it with the prefix is accepted). */
    public StringProperty clientIdProperty() {
        return clientId;
    }

    /** The ways the chosen VM can take the disk (a shut-off VM: its config only). */
    public ObservableList<RbdDisks.Mode> modes() {
        return modes;
    }

    public ObjectProperty<RbdDisks.Mode> modeProperty() {
        return mode;
    }

    /** The first thing that keeps the form from running, in words; empty when it can run. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The {@code <disk>} to attach, as it will be sent (the secret's UUID once known). */
    public ReadOnlyStringProperty previewXmlProperty() {
        return previewXml.getReadOnlyProperty();
    }

    /** What Run will do, one line per step. */
    public ObservableList<String> plan() {
        return plan;
    }

    public ObservableList<Step> steps() {
        return steps;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True after a successful run. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** Why the last run failed (specific), or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "Attached rbd/img to web1 as vdb ...", after success. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Why the disk went to the config only when the live attach failed ("The live attach failed: ..."), or empty. */
    public ReadOnlyStringProperty resultNoteProperty() {
        return resultNote.getReadOnlyProperty();
    }

    /** The disk as found in the domain XML libvirt gave back after the attach. */
    public ReadOnlyStringProperty resultXmlProperty() {
        return resultXml.getReadOnlyProperty();
    }

    /** "Reading pools of lab…", while a list is being read; or why one could not be read. */
    public ReadOnlyStringProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** The image as chosen or typed, or null. */
    public RbdImageRef imageRef() {
        String p = pool.get();
        String i = newImage.get() ? strip(newImageName.get()) : image.get();
        if (p == null || i == null || i.isEmpty() || !RbdDiskXml.validName(p) || !RbdDiskXml.validName(i)) {
            return null;
        }
        return new RbdImageRef(p, i);
    }

    /** The client id as it goes to Ceph (without "client."). */
    public String effectiveClientId() {
        String c = strip(clientId.get());
        return c.startsWith("client.") ? c.substring("client.".length()) : c;
    }

    // ------------------------------------------------------------------ loading

    private void onCluster(CephClusterViewModel c) {
        pools.clear();
        monitors.clear();
        if (c == null) {
            return;
        }
        load(l10n.lang("rbdattach.loading.pools", c.name()), () -> access.pools(c.id()), list -> {
            if (cluster.get() != c) {
                return;
            }
            pools.setAll(list);
            String want = wantedImage != null ? wantedImage.pool() : pool.get();
            // Ceph's default RBD pool is named rbd
            pool.set(want != null && list.contains(want) ? want : list.contains("rbd") ? "rbd" : list.isEmpty() ? null : list.get(0));
            if (pool.get() != null && pool.get().equals(want)) {
                onPool(want);   // same value: no change event, but the images are of the old cluster
            }
        });
        load(l10n.lang("rbdattach.loading.monitors", c.name()), () -> access.monitors(c.id()), list -> {
            if (cluster.get() == c) {
                monitors.setAll(list);
            }
        });
    }

    private void onPool(String p) {
        images.clear();
        CephClusterViewModel c = cluster.get();
        if (c == null || p == null) {
            return;
        }
        load(l10n.lang("rbdattach.loading.images", p), () -> access.images(c.id(), p), list -> {
            if (cluster.get() != c || !p.equals(pool.get())) {
                return;
            }
            String keep = wantedImage != null && wantedImage.pool().equals(p) ? wantedImage.image() : image.get();
            images.setAll(list);
            image.set(keep != null && list.contains(keep) ? keep : list.isEmpty() ? null : list.get(0));
            if (wantedImage != null && !list.contains(wantedImage.image())) {
                loading.set(l10n.lang("rbdattach.loading.noSuchImage", wantedImage));
            }
            wantedImage = null;
            if (list.isEmpty() && !newImage.get()) {
                newImage.set(true);
            }
        });
    }

    private void onHost(ConnectionViewModel h) {
        vms.set(h == null ? FXCollections.observableArrayList() : h.vms());
        if (vm.get() != null && (h == null || vm.get().connection() != h)) {
            vm.set(null);
        }
        if (!clientTouched) {
            settingClient = true;
            try {
                clientId.set(defaultClientId(h));
            } finally {
                settingClient = false;
            }
        }
    }

    /** "rackdesk-kvm-01" for a host named kvm-01.example.com (one cephx client per host), else RbdClientAccess's default. */
    static String defaultClientId(ConnectionViewModel h) {
        String name = h == null || h.hostProperty().get() == null ? null : h.hostProperty().get().hostname();
        if (name == null || name.isBlank()) {
            return RbdClientAccess.DEFAULT_CLIENT;
        }
        int dot = name.indexOf('.');
        String shortName = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        String id = "rackdesk-" + shortName;
        return RbdClientAccess.validClientId(id) ? id : RbdClientAccess.DEFAULT_CLIENT;
    }

    private void onVm(VmItem v) {
        domain.set(null);
        if (v == null) {
            return;
        }
        load(l10n.lang("rbdattach.loading.vm", v.name()), () -> access.domainDisks(v), d -> {
            if (vm.get() == v) {
                domain.set(d);
                chooseDefaultTarget();
                modes.setAll(d.running() ? (d.persistent() ? List.of(RbdDisks.Mode.AUTO, RbdDisks.Mode.LIVE_AND_CONFIG,
                        RbdDisks.Mode.CONFIG_ONLY) : List.of(RbdDisks.Mode.LIVE_AND_CONFIG)) : List.of(RbdDisks.Mode.CONFIG_ONLY));
                mode.set(modes.get(0));
            }
        });
    }

    /** Re-reads the chosen VM's disks (after a run, or when the user asks). */
    public void reloadVm() {
        onVm(vm.get());
    }

    private void chooseDefaultTarget() {
        RbdDisks.DomainDisks d = domain.get();
        if (d == null || targetTouched || bus.get() == null) {
            return;
        }
        settingTarget = true;
        try {
            target.set(RbdDiskXml.chooseTarget(d.usedTargets(), bus.get()));
        } finally {
            settingTarget = false;
        }
    }

    private <T> void load(String what, Supplier<CompletableFuture<T>> call, Consumer<T> apply) {
        loads++;
        loading.set(what);
        tasks.execute(BackgroundTask.async(what, () -> call.get().orTimeout(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .onSuccess(apply)
                .onFailure(e -> loading.set(l10n.lang("rbdattach.loading.failed", what, describe(null, e))))
                .onFinished(() -> {
                    loads--;
                    if (loads == 0 && loading.get().equals(what)) {
                        loading.set("");
                    }
                }));
    }

    // ------------------------------------------------------------------ validation and preview

    private void refresh() {
        problem.set(validate());
        if (running.get() || done.get()) {
            return;   // the plan and the XML stay those of the run (the attach step shows the XML it sends)
        }
        plan.setAll(planLines());
        previewXml.set(preview());
    }

    private String validate() {
        if (cluster.get() == null) {
            return l10n.lang(clusters.isEmpty() ? "rbdattach.invalid.noCluster" : "rbdattach.invalid.cluster");
        }
        if (pool.get() == null || pool.get().isEmpty()) {
            return l10n.lang("rbdattach.invalid.pool");
        }
        if (newImage.get()) {
            String name = strip(newImageName.get());
            if (name.isEmpty()) {
                return l10n.lang("rbdattach.invalid.newImageEmpty");
            }
            if (!RbdDiskXml.validName(name)) {
                return l10n.lang("rbdattach.invalid.newImageName", name);
            }
            if (images.contains(name)) {
                return l10n.lang("rbdattach.invalid.newImageExists", pool.get() + "/" + name);
            }
            long bytes = Sizes.parseBytes(newImageSize.get());
            if (bytes == -1) {
                return l10n.lang("rbdattach.invalid.size", strip(newImageSize.get()));
            }
            if (bytes == -2) {
                return l10n.lang("rbdattach.invalid.sizeTooLarge", strip(newImageSize.get()));
            }
            if (bytes < (1L << 20)) {
                return l10n.lang("rbdattach.invalid.sizeTooSmall", strip(newImageSize.get()));
            }
            if (bytes % 512 != 0) {
                return l10n.lang("rbdattach.invalid.sizeSectors", strip(newImageSize.get()));
            }
        } else if (image.get() == null || image.get().isEmpty()) {
            return l10n.lang(images.isEmpty() ? "rbdattach.invalid.noImages" : "rbdattach.invalid.image", pool.get());
        } else if (!RbdDiskXml.validName(image.get())) {
            return l10n.lang("rbdattach.invalid.imageName", image.get());
        }
        if (host.get() == null) {
            return l10n.lang(hosts.isEmpty() ? "rbdattach.invalid.noHost" : "rbdattach.invalid.host");
        }
        if (vm.get() == null) {
            return l10n.lang("rbdattach.invalid.vm", host.get().name());
        }
        RbdDisks.DomainDisks d = domain.get();
        String t = strip(target.get());
        if (t.isEmpty()) {
            return l10n.lang("rbdattach.invalid.targetEmpty");
        }
        if (!bus.get().accepts(t)) {
            return l10n.lang("rbdattach.invalid.targetBus", t, bus.get().xml(), bus.get().prefix() + "b");
        }
        if (d != null && d.usedTargets().contains(t)) {
            return l10n.lang("rbdattach.invalid.targetUsed", t, vm.get().name(),
                    RbdDiskXml.chooseTarget(d.usedTargets(), bus.get()));
        }
        RbdImageRef ref = imageRef();
        if (d != null && ref != null) {
            for (RbdDisk r : d.rbdDisks()) {
                if (r.sourceName().equals(ref.toString())) {
                    return l10n.lang("rbdattach.invalid.alreadyAttached", ref, vm.get().name(),
                            r.targetDev() == null ? "?" : r.targetDev());
                }
            }
        }
        String c = effectiveClientId();
        if (!RbdClientAccess.validClientId(c) || !RbdDiskXml.validName(c)) {
            return l10n.lang("rbdattach.invalid.client", strip(clientId.get()));
        }
        return "";
    }

    private List<String> planLines() {
        List<String> out = new ArrayList<>();
        RbdImageRef ref = imageRef();
        VmItem v = vm.get();
        if (ref == null || v == null) {
            return out;
        }
        String hostName = v.hostName();
        if (newImage.get()) {
            long bytes = Sizes.parseBytes(newImageSize.get());
            out.add(l10n.lang("rbdattach.plan.create", ref, bytes > 0 ? Sizes.bytes(bytes) : strip(newImageSize.get())));
        } else {
            out.add(l10n.lang("rbdattach.plan.check", ref, v.name()));
        }
        out.add(l10n.lang("rbdattach.plan.client", "client." + effectiveClientId(), ref.pool()));
        RbdDisks.DomainDisks d = domain.get();
        String usage = "client." + effectiveClientId() + " secret";
        String existing = d == null ? null : d.cephSecrets().get(usage);
        out.add(existing != null ? l10n.lang("rbdattach.plan.secretReuse", usage, existing, hostName)
                : l10n.lang("rbdattach.plan.secretNew", usage, hostName));
        String how = d == null ? "" : modeText(mode.get() == null ? RbdDisks.Mode.CONFIG_ONLY : mode.get());
        out.add(l10n.lang("rbdattach.plan.attach", ref, v.name(), strip(target.get()), bus.get() == null ? "" : bus.get().xml(), how));
        return out;
    }

    /** "live and persistent (persistent only if the VM cannot hot-plug it)", for the choice and the plan. */
    public String modeText(RbdDisks.Mode m) {
        boolean persistent = domain.get() == null || domain.get().persistent();
        return switch (m) {
            case AUTO -> l10n.lang("rbdattach.mode.auto");
            case LIVE_AND_CONFIG -> l10n.lang(persistent ? "rbdattach.mode.live" : "rbdattach.mode.liveOnly");
            case CONFIG_ONLY -> l10n.lang("rbdattach.mode.config");
        };
    }

    private String preview() {
        RbdImageRef ref = imageRef();
        String t = strip(target.get());
        if (ref == null || monitors.isEmpty() || bus.get() == null || !bus.get().accepts(t)) {
            return "";
        }
        String c = effectiveClientId();
        if (!RbdClientAccess.validClientId(c) || !RbdDiskXml.validName(c)) {
            return "";
        }
        RbdDisks.DomainDisks d = domain.get();
        String existing = d == null ? null : d.cephSecrets().get("client." + c + " secret");
        try {
            RbdDisk disk = new RbdDisk(ref.pool(), ref.image(), monitors.stream().map(RbdDiskXml.Monitor::parse).toList(), c,
                    existing != null ? existing : NEW_SECRET, "raw", t, bus.get());
            String xml = RbdDiskXml.diskXml(disk);
            return existing != null ? xml : xml.replace(NEW_SECRET, l10n.lang("rbdattach.preview.newSecret"));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    // ------------------------------------------------------------------ run

    /** Runs the steps; each reports in {@link #steps()}; stops at the first failure with the reason in {@link #errorProperty()}. */
    public void run() {
        refresh();
        if (!canRun.get()) {
            if (problem.get().isEmpty() && domain.get() == null) {
                error.set(l10n.lang("rbdattach.invalid.vmNotRead"));
            }
            return;
        }
        Run r = new Run(cluster.get(), imageRef(), newImage.get(), Sizes.parseBytes(newImageSize.get()), vm.get(),
                effectiveClientId(), bus.get(), strip(target.get()), mode.get(), List.copyOf(monitors));
        error.set("");
        result.set("");
        resultNote.set("");
        resultXml.set("");
        List<Step> list = new ArrayList<>();
        list.add(new Step(StepKind.CHECK, l10n.lang("rbdattach.step.check", r.vm.name(), r.image), StepState.PENDING, ""));
        list.add(new Step(StepKind.CREATE_IMAGE, l10n.lang("rbdattach.step.create", r.image), r.create ? StepState.PENDING
                : StepState.SKIPPED, r.create ? "" : l10n.lang("rbdattach.step.exists")));
        list.add(new Step(StepKind.CLIENT, l10n.lang("rbdattach.step.client", "client." + r.clientId), StepState.PENDING, ""));
        list.add(new Step(StepKind.SECRET, l10n.lang("rbdattach.step.secret", r.vm.hostName()), StepState.PENDING, ""));
        list.add(new Step(StepKind.ATTACH, l10n.lang("rbdattach.step.attach", r.vm.name(), r.target), StepState.PENDING, ""));
        steps.setAll(list);
        running.set(true);
        check(r);
    }

    /** What one run works on, fixed when Run is pressed. */
    private record Run(CephClusterViewModel cluster, RbdImageRef image, boolean create, long bytes, VmItem vm, String clientId,
            Bus bus, String target, RbdDisks.Mode mode, List<String> monitors) {
    }

    private void check(Run r) {
        step(StepKind.CHECK, () -> access.domainDisks(r.vm).thenCompose(d -> r.create
                ? CompletableFuture.completedFuture(new Checked(d, List.of()))
                : access.watchers(r.cluster.id(), r.image).thenApply(w -> new Checked(d, w))), c -> {
                    domain.set(c.domain);
                    for (RbdDisk disk : c.domain.rbdDisks()) {
                        if (disk.sourceName().equals(r.image.toString())) {
                            return l10n.lang("rbdattach.error.alreadyAttached", r.image, r.vm.name(),
                                    disk.targetDev() == null ? "?" : disk.targetDev());
                        }
                    }
                    if (c.domain.usedTargets().contains(r.target)) {
                        return l10n.lang("rbdattach.error.targetInUse", r.target, r.vm.name()) + " "
                                + l10n.lang("rbdattach.error.freeTarget", RbdDiskXml.chooseTarget(c.domain.usedTargets(), r.bus));
                    }
                    if (!c.watchers.isEmpty()) {
                        return l10n.lang("rbdattach.error.imageInUse", r.image, c.watchers.size(), String.join(", ", c.watchers));
                    }
                    return null;
                }, c -> l10n.lang(c.domain.running() ? "rbdattach.step.vmRunning" : "rbdattach.step.vmOff"),
                c -> create(r));
    }

    private record Checked(RbdDisks.DomainDisks domain, List<String> watchers) {
    }

    private void create(Run r) {
        if (!r.create) {
            client(r);
            return;
        }
        step(StepKind.CREATE_IMAGE, () -> access.createImage(r.cluster.id(), r.image, r.bytes), v -> null,
                v -> Sizes.bytes(r.bytes), v -> {
                    // the image exists now: should a later step fail, the next run takes it as it is
                    images.add(r.image.image());
                    image.set(r.image.image());
                    newImage.set(false);
                    client(r);
                });
    }

    private void client(Run r) {
        step(StepKind.CLIENT, () -> access.prepareClient(r.cluster.id(), r.image, r.clientId), a -> null,
                a -> l10n.lang(a.created() ? "rbdattach.step.clientCreated" : a.capsExtended() ? "rbdattach.step.clientExtended"
                        : "rbdattach.step.clientReused", "client." + r.clientId, r.image.pool()),
                a -> secret(r, a));
    }

    private void secret(Run r, RbdClientAccess a) {
        byte[] key = a.key();
        CompletableFuture<String> f;
        try {
            f = access.defineSecret(r.vm, a.secretUsage(), key);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
        step(StepKind.SECRET, () -> f, uuid -> null, uuid -> l10n.lang("rbdattach.step.secretDone", uuid, a.secretUsage()),
                uuid -> attach(r, a, uuid), a::close);
    }

    private void attach(Run r, RbdClientAccess a, String uuid) {
        List<String> mons = a.monitors().isEmpty() ? r.monitors : a.monitors();
        a.close();
        RbdDisk disk = new RbdDisk(r.image.pool(), r.image.image(), mons.stream().map(RbdDiskXml.Monitor::parse).toList(),
                r.clientId, uuid, "raw", r.target, r.bus);
        previewXml.set(RbdDiskXml.diskXml(disk));
        step(StepKind.ATTACH, () -> access.attach(r.vm, disk, r.mode), at -> null, this::attachedText, at -> {
            result.set(l10n.lang(at.alreadyThere() ? "rbdattach.result.already" : "rbdattach.result.done", r.image, r.vm.name(),
                    at.disk().targetDev(), where(at)));
            resultNote.set(at.liveError() != null ? l10n.lang("rbdattach.result.liveFailed", at.liveError()) : "");
            resultXml.set(at.found() != null ? at.found() : RbdDiskXml.diskXml(at.disk()));
            done.set(true);
            running.set(false);
        });
    }

    private String attachedText(RbdDisks.Attached at) {
        return l10n.lang("rbdattach.step.attached", at.disk().targetDev(), where(at));
    }

    private String where(RbdDisks.Attached at) {
        return l10n.lang(at.live() && at.config() ? "rbdattach.where.both" : at.live() ? "rbdattach.where.live"
                : "rbdattach.where.config");
    }

    private <T> void step(StepKind kind, Supplier<CompletableFuture<T>> call, java.util.function.Function<T, String> refusal,
            java.util.function.Function<T, String> detail, Consumer<T> next) {
        step(kind, call, refusal, detail, next, () -> { });
    }

    /**
     * Runs one step: marks it running, then done (with {@code detail}) and goes on to {@code next};
     * or failed, when the call fails or {@code refusal} names a reason, and stops the run.
     */
    private <T> void step(StepKind kind, Supplier<CompletableFuture<T>> call, java.util.function.Function<T, String> refusal,
            java.util.function.Function<T, String> detail, Consumer<T> next, Runnable onFailure) {
        mark(kind, StepState.RUNNING, "");
        Step s = find(kind);
        tasks.execute(BackgroundTask.async(s.title(), () -> call.get().orTimeout(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .onSuccess(v -> {
                    String why = refusal.apply(v);
                    if (why != null) {
                        onFailure.run();
                        fail(kind, why);
                        return;
                    }
                    mark(kind, StepState.DONE, detail.apply(v));
                    next.accept(v);
                })
                .onFailure(e -> {
                    onFailure.run();
                    fail(kind, describe(kind, e));
                }));
    }

    private void fail(StepKind kind, String why) {
        mark(kind, StepState.FAILED, why);
        for (Step s : List.copyOf(steps)) {
            if (s.state() == StepState.PENDING) {
                mark(s.kind(), StepState.SKIPPED, "");
            }
        }
        error.set(why);
        running.set(false);
    }

    private Step find(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    private void mark(StepKind kind, StepState state, String detail) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == kind) {
                steps.set(i, steps.get(i).with(state, detail));
            }
        }
    }

    // ------------------------------------------------------------------ errors

    /** One sentence for the user, by the step that failed and what failed it. */
    String describe(StepKind kind, Throwable e) {
        Throwable c = unwrap(e);
        VmItem v = vm.get();
        String hostName = v == null ? "?" : v.hostName();
        String clusterName = cluster.get() == null ? "?" : cluster.get().name();
        if (c instanceof RbdDisks.TargetInUseException t) {
            return l10n.lang("rbdattach.error.targetInUse", t.target(), v == null ? "?" : v.name());
        }
        if (c instanceof ServiceRbdAttachAccess.HostNotConnectedException) {
            return l10n.lang("rbdattach.error.hostNotConnected", hostName);
        }
        if (c instanceof TimeoutException) {
            return l10n.lang("rbdattach.error.timeout", kind == StepKind.SECRET || kind == StepKind.ATTACH ? hostName : clusterName,
                    STEP_TIMEOUT.toSeconds());
        }
        if (c instanceof CallTimeoutException t) {
            return l10n.lang("rbdattach.error.timeout", hostName, t.timeout().toSeconds());
        }
        if (c instanceof CephException ce) {
            return switch (ce.kind()) {
                case AUTHENTICATION -> l10n.lang("rbdattach.error.cephAuth", clusterName, ce.getMessage());
                case TIMEOUT -> l10n.lang("rbdattach.error.cephTimeout", clusterName, ce.getMessage());
                default -> ce.errno() == -13 && kind == StepKind.CLIENT
                        ? l10n.lang("rbdattach.error.cephDenied", clusterName, ce.getMessage())
                        : ce.errno() == -16 ? l10n.lang("rbdattach.error.imageBusy", ce.getMessage())
                        : l10n.lang("rbdattach.error.ceph", clusterName, ce.getMessage());
            };
        }
        String text = LibvirtErrors.describe(c);
        if (kind == StepKind.SECRET) {
            return l10n.lang("rbdattach.error.secret", hostName, text);
        }
        if (kind == StepKind.ATTACH) {
            String low = text.toLowerCase(Locale.ROOT);
            if (low.contains("unknown driver 'rbd'") || low.contains("unknown protocol 'rbd'")) {
                return l10n.lang("rbdattach.error.noRbdDriver", hostName, text);
            }
            if (low.contains("permission denied") || low.contains("error code -13") || low.contains("operation not permitted")) {
                return l10n.lang("rbdattach.error.hostAuth", hostName, text);
            }
            if (low.contains("error connecting") || low.contains("timed out") || low.contains("connection refused")
                    || low.contains("no route to host")) {
                return l10n.lang("rbdattach.error.monitors", hostName, text);
            }
            if (low.contains("already") && low.contains("target")) {
                return l10n.lang("rbdattach.error.targetTaken", hostName, text);
            }
            return l10n.lang("rbdattach.error.attach", v == null ? "?" : v.name(), hostName, text);
        }
        return text;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
