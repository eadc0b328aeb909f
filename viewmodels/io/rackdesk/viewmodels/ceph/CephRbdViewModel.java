package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephErrors;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdImages;
import io.rackdesk.app.ceph.rbd.RbdSnapRef;
import io.rackdesk.app.ceph.rbd.RbdSnapshot;
import io.rackdesk.app.ceph.rbd.RbdTree;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.ceph.CephClusterAccess.SnapAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The RBD images section: the pools that hold images (replicated, application rbd), the chosen
 * pool's images with their usage, and the tree of parents, snapshots and clones across those pools.
 * Read when the tab is shown, when the pool changes or on refresh (not every poll: listing opens
 * every image). Every action checks what it can first and says why it refuses; deletes ask for the
 * typed name; a rollback asks the VM layer whether a running VM uses the image.
 */
public final class CephRbdViewModel {
    private static final java.time.format.DateTimeFormatter TAKEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());
    private static final Pattern SNAP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * One read: the image pools, the pool shown, and the images of every image pool (usage only for
     * the one shown); {@code afterActions} is how many actions had finished when it started.
     */
    record Listing(List<String> pools, String pool, List<RbdImageSummary> all, int afterActions) {
    }

    private final CephClusterViewModel cluster;
    private final Localization l10n;
    private final DialogService dialogs;
    private final ObservableList<String> poolNames = FXCollections.observableArrayList();
    private final StringProperty pool = new SimpleStringProperty();
    private final ObservableList<RbdImageSummary> images = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RbdTree> tree = new ReadOnlyObjectWrapper<>(new RbdTree(List.of()));
    private final ReadOnlyObjectWrapper<RbdImageSummary> selectedImage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RbdSnapshot> selectedSnapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper flattening = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper flattenProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper flattenText = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Consumer<RbdImageRef>> attachHandler = new SimpleObjectProperty<>();
    private final OnDemandRead<Listing> read;
    private RbdVmUsage vmUsage = RbdVmUsage.NONE;
    private List<RbdImageSummary> all = List.of();
    private AtomicBoolean cancelFlatten;
    private boolean settingPool;
    private int actionsRunning;
    private int actionsDone;
    private String readError = "";

    CephRbdViewModel(CephClusterViewModel cluster) {
        this.cluster = cluster;
        this.l10n = cluster.l10n();
        this.dialogs = cluster.dialogs();
        // follows the poll's pool list: a pool created or deleted changes what the chooser offers
        this.read = new OnDemandRead<>(cluster, () -> l10n.lang("ceph.task.rbdImages", cluster.name()),
                s -> s.pools().stream().map(p -> p.name()).toList(), this::list, this::apply, why -> {
                    readError = why;
                    message.set(why);
                    busy.set(actionsRunning > 0);
                }, Integer.MAX_VALUE);
        pool.addListener((o, a, p) -> {
            if (!settingPool && p != null && !p.equals(a)) {
                images.setAll(all.stream().filter(i -> i.pool().equals(p)).toList()); // at once; usage follows with the read
                refresh();
            }
        });
    }

    // ---------------------------------------------------------------- state

    /** Pools that hold RBD images (replicated, application rbd), by name. */
    public ObservableList<String> poolNames() {
        return poolNames;
    }

    /** The pool whose images the table shows; setting it reads them. */
    public StringProperty poolProperty() {
        return pool;
    }

    public ObservableList<RbdImageSummary> images() {
        return images;
    }

    /** Parents, snapshots and clones across every image pool. */
    public ReadOnlyObjectProperty<RbdTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** The image selected (in the table or the tree), or the image of the selected snapshot. */
    public ReadOnlyObjectProperty<RbdImageSummary> selectedImageProperty() {
        return selectedImage.getReadOnlyProperty();
    }

    /** The snapshot selected in the tree, or null. */
    public ReadOnlyObjectProperty<RbdSnapshot> selectedSnapshotProperty() {
        return selectedSnapshot.getReadOnlyProperty();
    }

    /** What the selection is, in a few lines. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * True from an action's start until the list has been read after it: what is selected may be
     * stale meanwhile (a snapshot just unprotected still shows protected), so actions wait.
     */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the images have been read (an empty list then means no images, not "not yet"). */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty flatteningProperty() {
        return flattening.getReadOnlyProperty();
    }

    /** 0..1 while a flatten runs, -1 before librbd has said how many objects. */
    public ReadOnlyDoubleProperty flattenProgressProperty() {
        return flattenProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty flattenTextProperty() {
        return flattenText.getReadOnlyProperty();
    }

    /** What "Attach to VM…" does with the selected image; the button is off while null. */
    public ObjectProperty<Consumer<RbdImageRef>> attachHandlerProperty() {
        return attachHandler;
    }

    /** Who answers "does a running VM use this image?" before a rollback. */
    public void setVmUsage(RbdVmUsage usage) {
        this.vmUsage = Objects.requireNonNull(usage);
    }

    public void setActive(boolean shown) {
        read.setActive(shown);
    }

    public void refresh() {
        read.refresh();
    }

    /** Selects an image ({@code snap} null) or one of its snapshots; an image not listed clears the selection. */
    public void select(RbdImageRef ref, String snap) {
        RbdImageSummary img = ref == null ? null : all.stream().filter(i -> i.ref().equals(ref)).findFirst().orElse(null);
        RbdSnapshot s = img == null || snap == null ? null
                : img.snapshots().stream().filter(x -> x.name().equals(snap)).findFirst().orElse(null);
        selectedImage.set(img);
        selectedSnapshot.set(s);
        details.set(img == null ? ref == null ? "" : l10n.lang("ceph.rbd.details.unlisted", ref) : s == null ? describe(img) : describe(img, s));
    }

    // ---------------------------------------------------------------- reading

    private CompletableFuture<Listing> list() {
        CephClusterAccess access = cluster.access();
        String id = cluster.id();
        String wanted = pool.get();
        int after = actionsDone;
        return access.pools(id).thenCompose(details -> {
            List<String> names = details.stream().filter(d -> d.applications().contains("rbd") && !"erasure".equals(d.type()))
                    .map(CephPools.Detail::name).sorted().toList();
            String chosen = names.contains(wanted) ? wanted : names.isEmpty() ? null : names.get(0);
            CompletableFuture<List<RbdImageSummary>> acc = CompletableFuture.completedFuture(new ArrayList<>());
            for (String p : names) {
                acc = acc.thenCompose(list -> access.rbdImages(id, p, p.equals(chosen)).thenApply(l -> {
                    list.addAll(l);
                    return list;
                }));
            }
            return acc.thenApply(l -> new Listing(names, chosen, l, after));
        });
    }

    private void apply(Listing l) {
        busy.set(actionsRunning > 0 || l.afterActions() < actionsDone);
        loaded.set(true);
        if (message.get().equals(readError)) {
            message.set(""); // the read works again; an action's outcome stays
        }
        if (!poolNames.equals(l.pools())) {
            poolNames.setAll(l.pools());
        }
        String shown = pool.get();
        if (shown == null || !l.pools().contains(shown)) {
            settingPool = true;
            pool.set(l.pool());
            settingPool = false;
            shown = l.pool();
        }
        all = List.copyOf(l.all());
        String p = shown;
        List<RbdImageSummary> mine = all.stream().filter(i -> i.pool().equals(p)).toList();
        if (!mine.equals(images)) {
            images.setAll(mine);
        }
        RbdTree t = RbdTree.of(all);
        if (!t.equals(tree.get())) {
            tree.set(t);
        }
        RbdImageSummary img = selectedImage.get();
        RbdSnapshot s = selectedSnapshot.get();
        if (img != null) {
            select(img.ref(), s == null ? null : s.name());
        }
    }

    // ---------------------------------------------------------------- images

    /** A form for a new image in the pool shown. */
    public RbdImageFormViewModel newImageForm() {
        return new RbdImageFormViewModel(l10n, poolNames, pool.get(), null);
    }

    /** A form to clone the selected snapshot, or null (with the reason shown) when it is not protected. */
    public RbdImageFormViewModel cloneForm() {
        RbdImageSummary img = selectedImage.get();
        RbdSnapshot s = selectedSnapshot.get();
        if (img == null || s == null || busy.get()) {
            return null;
        }
        RbdSnapRef snap = img.ref().at(s.name());
        if (!s.isProtected()) {
            dialogs.showError(l10n.lang("ceph.rbd.clone.title", snap), l10n.lang("ceph.rbd.clone.unprotected", snap));
            return null;
        }
        return new RbdImageFormViewModel(l10n, poolNames, pool.get(), snap);
    }

    /**
     * Creates the form's image or clone; {@code done} runs when the cluster has it (the dialog closes
     * then). False when the form is not valid (the reason is in the form).
     */
    public boolean save(RbdImageFormViewModel form, Runnable done) {
        RbdImageRef target = form.target();
        if (target == null) {
            return false;
        }
        if (all.stream().anyMatch(i -> i.ref().equals(target))) {
            form.fail(l10n.lang("ceph.rbd.form.exists", target));
            return false;
        }
        if (form.isClone()) {
            RbdSnapRef parent = form.cloneOf();
            run(l10n.lang("ceph.task.rbdClone", parent, target), () -> cluster.access().rbdClone(cluster.id(), parent, target), () -> {
                message.set(l10n.lang("ceph.rbd.cloned", parent, target));
                done.run();
            }, form::fail);
            return true;
        }
        OptionalLong size = form.sizeBytes();
        if (size.isEmpty()) {
            return false;
        }
        long features = form.features();
        if (features < 0) {
            return false;
        }
        run(l10n.lang("ceph.task.rbdCreate", target), () -> cluster.access().rbdCreate(cluster.id(), target, size.getAsLong(), features),
                () -> {
                    message.set(l10n.lang("ceph.rbd.created", target, Sizes.bytes(size.getAsLong())));
                    done.run();
                }, form::fail);
        return true;
    }

    /** Asks for the new size; shrinking needs an explicit "allow shrink" that says what is lost. */
    public void resize() {
        RbdImageSummary img = selectedImage.get();
        if (img == null || busy.get()) {
            return;
        }
        String title = l10n.lang("ceph.rbd.resize.title", img.ref());
        Optional<String> typed = dialogs.askText(title, l10n.lang("ceph.rbd.resize.ask", img.ref(), Sizes.bytes(img.size())),
                RbdImageFormViewModel.sizeText(img.size()));
        if (typed.isEmpty()) {
            return;
        }
        OptionalLong size = RbdImageFormViewModel.parseSize(typed.get());
        if (size.isEmpty()) {
            dialogs.showError(title, l10n.lang("ceph.rbd.form.badSize", typed.get().strip()));
            return;
        }
        long to = size.getAsLong();
        if (to == img.size()) {
            message.set(l10n.lang("ceph.rbd.resize.same", img.ref(), Sizes.bytes(to)));
            return;
        }
        boolean shrink = to < img.size();
        if (shrink && !dialogs.confirm(title, l10n.lang("ceph.rbd.resize.shrinkConfirm", img.ref(), Sizes.bytes(img.size()), Sizes.bytes(to)),
                List.of(l10n.lang("ceph.rbd.resize.shrinkLoss", Sizes.bytes(img.size() - to), Sizes.bytes(to))),
                l10n.lang("ceph.rbd.resize.allowShrink"))) {
            return;
        }
        run(l10n.lang("ceph.task.rbdResize", img.ref()), () -> cluster.access().rbdResize(cluster.id(), img.ref(), to, shrink),
                () -> message.set(l10n.lang("ceph.rbd.resized", img.ref(), Sizes.bytes(to))), why -> dialogs.showError(title, why));
    }

    /** Deletes the selected image after the user typed its name; refused at once while it has snapshots. */
    public void delete() {
        RbdImageSummary img = selectedImage.get();
        if (img == null || busy.get()) {
            return;
        }
        String title = l10n.lang("ceph.rbd.delete.title", img.ref());
        if (!img.snapshots().isEmpty()) {
            List<RbdImageRef> clones = img.allChildren();
            dialogs.showError(title, l10n.lang("ceph.rbd.delete.hasSnapshots", img.ref(), img.snapshots().size(),
                    String.join(", ", img.snapshots().stream().map(RbdSnapshot::name).toList()))
                    + (clones.isEmpty() ? "" : " " + l10n.lang("ceph.rbd.delete.hasClones", clones.size(), names(clones))));
            return;
        }
        Optional<String> typed = dialogs.askText(title, l10n.lang("ceph.rbd.delete.ask", img.ref(), Sizes.bytes(img.size())), "");
        if (typed.isEmpty()) {
            return;
        }
        if (!typed.get().strip().equals(img.name())) {
            dialogs.showError(title, l10n.lang("ceph.rbd.delete.mismatch", img.name()));
            return;
        }
        run(l10n.lang("ceph.task.rbdDelete", img.ref()), () -> cluster.access().rbdDelete(cluster.id(), img.ref()), () -> {
            message.set(l10n.lang("ceph.rbd.deleted", img.ref()));
            select(null, null);
        }, why -> dialogs.showError(title, why));
    }

    /** Copies the parent's data into the selected clone, with progress; {@link #cancelFlatten()} stops it. */
    public void flatten() {
        RbdImageSummary img = selectedImage.get();
        if (img == null || flattening.get() || busy.get()) {
            return;
        }
        String title = l10n.lang("ceph.rbd.flatten.title", img.ref());
        if (img.parent() == null) {
            dialogs.showError(title, l10n.lang("ceph.rbd.flatten.noParent", img.ref()));
            return;
        }
        if (!dialogs.confirm(title, l10n.lang("ceph.rbd.flatten.confirm", img.ref(), img.parent(), Sizes.bytes(img.parentOverlap())),
                List.of(), l10n.lang("ceph.rbd.flatten.action"))) {
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        cancelFlatten = cancel;
        flattening.set(true);
        flattenProgress.set(-1);
        flattenText.set(l10n.lang("ceph.rbd.flatten.starting", img.ref()));
        // librbd reports per object on its own thread: keep the last figures, hand one update at a time to the UI thread
        AtomicLong done = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AtomicBoolean posted = new AtomicBoolean();
        RbdImages.Progress progress = (d, t) -> {
            done.set(d);
            total.set(t);
            if (posted.compareAndSet(false, true)) {
                cluster.tasks().runOnUiThread(() -> {
                    posted.set(false);
                    if (flattening.get() && !cancel.get()) {
                        long all = total.get();
                        flattenProgress.set(all == 0 ? -1 : (double) done.get() / all);
                        flattenText.set(l10n.lang("ceph.rbd.flatten.progress", img.ref(), done.get(), all));
                    }
                });
            }
        };
        run(l10n.lang("ceph.task.rbdFlatten", img.ref()), () -> cluster.access().rbdFlatten(cluster.id(), img.ref(), progress, cancel::get),
                () -> {
                    flattening.set(false);
                    message.set(l10n.lang("ceph.rbd.flattened", img.ref(), img.parent()));
                }, why -> {
                    flattening.set(false);
                    if (cancel.get()) {
                        message.set(why); // "flatten of rbd/x canceled after 3 of 8 objects; it still depends on its parent"
                    } else {
                        dialogs.showError(title, why);
                    }
                });
    }

    /** Asks the running flatten to stop starting object copies; the clone keeps its parent. */
    public void cancelFlatten() {
        if (cancelFlatten != null && flattening.get()) {
            cancelFlatten.set(true);
            flattenText.set(l10n.lang("ceph.rbd.flatten.canceling"));
        }
    }

    /** Hands the selected image to the attach dialog (wired by the main window). */
    public void attach() {
        RbdImageSummary img = selectedImage.get();
        Consumer<RbdImageRef> handler = attachHandler.get();
        if (img != null && handler != null) {
            handler.accept(img.ref());
        }
    }

    // ---------------------------------------------------------------- snapshots

    public void createSnapshot() {
        RbdImageSummary img = selectedImage.get();
        if (img == null || busy.get()) {
            return;
        }
        String title = l10n.lang("ceph.rbd.snap.title", img.ref());
        Optional<String> typed = dialogs.askText(title, l10n.lang("ceph.rbd.snap.ask", img.ref()), "");
        if (typed.isEmpty()) {
            return;
        }
        String name = typed.get().strip();
        if (!SNAP_NAME.matcher(name).matches()) {
            dialogs.showError(title, l10n.lang("ceph.rbd.snap.badName", name));
            return;
        }
        if (img.snapshots().stream().anyMatch(s -> s.name().equals(name))) {
            dialogs.showError(title, l10n.lang("ceph.rbd.snap.exists", img.ref().at(name)));
            return;
        }
        RbdSnapRef snap = img.ref().at(name);
        snapAction(SnapAction.CREATE, snap, title, l10n.lang("ceph.task.rbdSnapCreate", snap), l10n.lang("ceph.rbd.snap.created", snap));
    }

    public void protect() {
        RbdSnapRef snap = selectedSnapRef();
        if (snap == null) {
            return;
        }
        if (selectedSnapshot.get().isProtected()) {
            message.set(l10n.lang("ceph.rbd.protect.already", snap));
            return;
        }
        snapAction(SnapAction.PROTECT, snap, l10n.lang("ceph.rbd.protect.title", snap), l10n.lang("ceph.task.rbdProtect", snap),
                l10n.lang("ceph.rbd.protected", snap));
    }

    /** Refused at once, naming them, while the snapshot has clones. */
    public void unprotect() {
        RbdSnapRef snap = selectedSnapRef();
        if (snap == null) {
            return;
        }
        String title = l10n.lang("ceph.rbd.unprotect.title", snap);
        RbdSnapshot s = selectedSnapshot.get();
        if (!s.isProtected()) {
            message.set(l10n.lang("ceph.rbd.unprotect.not", snap));
            return;
        }
        if (!s.children().isEmpty()) {
            dialogs.showError(title, l10n.lang("ceph.rbd.unprotect.blocked", snap, s.children().size(), names(s.children())));
            return;
        }
        snapAction(SnapAction.UNPROTECT, snap, title, l10n.lang("ceph.task.rbdUnprotect", snap), l10n.lang("ceph.rbd.unprotected", snap));
    }

    /** Warns that later writes are lost; refused while a running VM known to Rackdesk uses the image. */
    public void rollback() {
        RbdSnapRef snap = selectedSnapRef();
        if (snap == null) {
            return;
        }
        String title = l10n.lang("ceph.rbd.rollback.title", snap);
        call(l10n.lang("ceph.task.rbdUsage", snap.imageRef()), () -> vmUsage.runningVmUsing(snap.imageRef()), user -> {
            if (user.isPresent()) {
                dialogs.showError(title, l10n.lang("ceph.rbd.rollback.inUse", snap.imageRef(), snap.snap(), user.get()));
                return;
            }
            if (!dialogs.confirm(title, l10n.lang("ceph.rbd.rollback.confirm", snap.imageRef(), snap.snap()),
                    List.of(l10n.lang("ceph.rbd.rollback.loss", snap.snap())), l10n.lang("ceph.rbd.rollback.action"))) {
                return;
            }
            snapAction(SnapAction.ROLLBACK, snap, title, l10n.lang("ceph.task.rbdRollback", snap), l10n.lang("ceph.rbd.rolledBack", snap));
        }, why -> dialogs.showError(title, l10n.lang("ceph.rbd.rollback.cannotCheck", why)));
    }

    /** After the typed snapshot name; refused at once while protected (naming the clones). */
    public void deleteSnapshot() {
        RbdSnapRef snap = selectedSnapRef();
        if (snap == null) {
            return;
        }
        String title = l10n.lang("ceph.rbd.snapDelete.title", snap);
        RbdSnapshot s = selectedSnapshot.get();
        if (s.isProtected()) {
            dialogs.showError(title, s.children().isEmpty() ? l10n.lang("ceph.rbd.snapDelete.protected", snap)
                    : l10n.lang("ceph.rbd.snapDelete.protectedClones", snap, s.children().size(), names(s.children())));
            return;
        }
        Optional<String> typed = dialogs.askText(title, l10n.lang("ceph.rbd.snapDelete.ask", snap), "");
        if (typed.isEmpty()) {
            return;
        }
        if (!typed.get().strip().equals(snap.snap())) {
            dialogs.showError(title, l10n.lang("ceph.rbd.delete.mismatch", snap.snap()));
            return;
        }
        snapAction(SnapAction.DELETE, snap, title, l10n.lang("ceph.task.rbdSnapDelete", snap), l10n.lang("ceph.rbd.snapDeleted", snap));
    }

    /** The selected snapshot, or null when none is selected or an action's result is not read back yet. */
    private RbdSnapRef selectedSnapRef() {
        RbdImageSummary img = selectedImage.get();
        RbdSnapshot s = selectedSnapshot.get();
        return img == null || s == null || busy.get() ? null : img.ref().at(s.name());
    }

    private void snapAction(SnapAction action, RbdSnapRef snap, String title, String task, String done) {
        run(task, () -> cluster.access().rbdSnapshot(cluster.id(), action, snap), () -> message.set(done),
                why -> dialogs.showError(title, why));
    }

    // ---------------------------------------------------------------- helpers

    /** An action: its outcome in the message or a dialog, then the list is read again (the cluster has the truth). */
    private void run(String title, Supplier<CompletableFuture<Void>> start, Runnable ok, Consumer<String> failed) {
        actionsRunning++;
        busy.set(true);
        call(title, start, v -> {
            actionsRunning--;
            actionsDone++;
            ok.run();
            refresh();
        }, why -> {
            actionsRunning--;
            actionsDone++;
            failed.accept(why);
            refresh();
        });
    }

    private <T> void call(String title, Supplier<CompletableFuture<T>> start, Consumer<T> ok, Consumer<String> failed) {
        cluster.tasks().execute(BackgroundTask.async(title, start::get).onSuccess(ok).onFailure(e -> failed.accept(explain(e))));
    }

    /**
     * The core's sentence, and for a bare librbd error code what it usually means here; refusals
     * the core worded itself ("it has 1 clone ...") stay as they are.
     */
    String explain(Throwable e) {
        String text = CephClusterViewModel.describe(e);
        Throwable t = e;
        while (t != null && !(t instanceof CephException)) {
            t = t.getCause();
        }
        if (!(t instanceof CephException ce) || ce.errno() == 0 || !text.endsWith(CephErrors.name(ce.errno()))) {
            return text;
        }
        String hint = switch (-ce.errno()) {
            case 1, 13 -> l10n.lang("ceph.rbd.error.permission");
            case 2 -> l10n.lang("ceph.rbd.error.notFound");
            case 16 -> l10n.lang("ceph.rbd.error.busy");
            case 17 -> l10n.lang("ceph.rbd.error.exists");
            case 28, 122 -> l10n.lang("ceph.rbd.error.full");
            case 30 -> l10n.lang("ceph.rbd.error.readOnly");
            case 95 -> l10n.lang("ceph.rbd.error.unsupported");
            case 110 -> l10n.lang("ceph.rbd.error.timeout");
            default -> null;
        };
        return hint == null ? text : text + "\n" + hint;
    }

    private String describe(RbdImageSummary i) {
        List<String> lines = new ArrayList<>();
        lines.add(l10n.lang("ceph.rbd.details.image", i.ref(), Sizes.bytes(i.size()),
                i.usedBytes() == null ? l10n.lang("ceph.rbd.usedUnknown") : Sizes.bytes(i.usedBytes()), Sizes.bytes(i.objectSize())));
        lines.add(l10n.lang("ceph.rbd.details.features", String.join(", ", i.featureNames())));
        if (i.parent() != null) {
            lines.add(l10n.lang("ceph.rbd.details.parent", i.parent(), Sizes.bytes(i.parentOverlap())));
        }
        if (i.dataPool() != null) {
            lines.add(l10n.lang("ceph.rbd.details.dataPool", i.dataPool()));
        }
        lines.add(l10n.lang("ceph.rbd.details.snapshots", i.snapshots().size(), i.allChildren().size()));
        return String.join("\n", lines);
    }

    private String describe(RbdImageSummary i, RbdSnapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add(l10n.lang("ceph.rbd.details.snapshot", i.ref().at(s.name()), Sizes.bytes(s.size()),
                s.isProtected() ? l10n.lang("ceph.rbd.protectedMark") : l10n.lang("ceph.rbd.unprotectedMark"),
                s.timestamp() == null ? "?" : TAKEN.format(s.timestamp())));
        lines.add(s.children().isEmpty() ? l10n.lang("ceph.rbd.details.noClones")
                : l10n.lang("ceph.rbd.details.clones", s.children().size(), names(s.children())));
        return String.join("\n", lines);
    }

    private static String names(List<RbdImageRef> refs) {
        return String.join(", ", refs.stream().map(RbdImageRef::toString).toList());
    }
}
