package io.rackdesk.viewmodels.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.DefinitionRefusedException;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.app.text.LineDiff;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The XML editor of one VM's persistent definition: the text as libvirt last gave it
 * ({@link #originalProperty()}), the user's edit ({@link #textProperty()}), the diff between them,
 * and saving with libvirt's validation. What the user typed is never replaced behind their back: a
 * refused save leaves it as it is, and reading the definition again asks first.
 */
public final class XmlEditorViewModel {
    private final DomainXmlAccess access;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Localization l10n;

    private final ReadOnlyObjectWrapper<VmItem> vm = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper original = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final BooleanProperty diffShown = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper diffText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper errorLine = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper();
    private final BooleanBinding canSave;
    private final BooleanBinding canEdit;
    /** Bumped whenever another VM is shown, so answers about the previous one are dropped. */
    private long generation;

    public XmlEditorViewModel(DomainXmlAccess access, TaskExecutor tasks, DialogService dialogs, Localization l10n) {
        this.access = Objects.requireNonNull(access);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.l10n = Objects.requireNonNull(l10n);
        dirty.bind(Bindings.createBooleanBinding(() -> !Objects.equals(text.get(), original.get()), text, original));
        // not while loading either: the answer replaces the text
        canEdit = loaded.and(saving.not()).and(loading.not());
        canSave = canEdit.and(dirty);
        text.addListener((obs, old, now) -> updateDiff());
        original.addListener((obs, old, now) -> updateDiff());
        diffShown.addListener((obs, old, now) -> updateDiff());
        // "Saved." speaks of the text as it was; once it is edited again it would mislead
        dirty.addListener((obs, was, now) -> {
            if (now) {
                info.set(null);
            }
        });
    }

    // ---------------------------------------------------------------- state

    public ReadOnlyObjectProperty<VmItem> vmProperty() {
        return vm.getReadOnlyProperty();
    }

    /** "Definition of web-01 (XML)"; empty while no VM is shown. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The definition as the user edits it. */
    public StringProperty textProperty() {
        return text;
    }

    /** The definition as libvirt last returned it. */
    public ReadOnlyStringProperty originalProperty() {
        return original.getReadOnlyProperty();
    }

    /** True while the text differs from the definition on the host. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** True once a definition has been read, so there is something to edit. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True from Save until libvirt has answered and the saved definition has been read back. */
    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** The text may be edited: a definition is loaded and no read or save is under way. */
    public BooleanBinding canEditBinding() {
        return canEdit;
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }

    /** Whether the changes are shown; while true, {@link #diffTextProperty()} follows every edit. */
    public BooleanProperty diffShownProperty() {
        return diffShown;
    }

    /** The unified diff from the saved definition to the edited text; empty when they agree. */
    public ReadOnlyStringProperty diffTextProperty() {
        return diffText.getReadOnlyProperty();
    }

    /** "Lines added: 2, removed: 1" or "No changes." */
    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    /** Why the last read or save failed (libvirt's own words where it refused), or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The line of a not-well-formed document's error, or 0. */
    public ReadOnlyIntegerProperty errorLineProperty() {
        return errorLine.getReadOnlyProperty();
    }

    /** What the last save achieved ("Saved."), or null. */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- actions

    /**
     * Shows {@code next}'s definition. When the current one has unsaved edits the user is asked
     * first; returns false (and keeps showing the current VM) when they choose to keep them.
     */
    public boolean setVm(VmItem next) {
        if (next == vm.get()) {
            return true;
        }
        if (dirty.get() && !confirmDiscard()) {
            return false;
        }
        generation++;
        vm.set(next);
        title.set(next == null ? "" : l10n.lang("xml.title", next.name()));
        loaded.set(false);
        loading.set(false);
        saving.set(false);
        original.set("");
        text.set("");
        clearMessages();
        if (next != null) {
            load();
        }
        return true;
    }

    /** Reads the definition from the host again; asks before throwing away unsaved edits. */
    public void reload() {
        if (vm.get() == null || loading.get() || saving.get()) {
            return;
        }
        if (dirty.get() && !confirmDiscard()) {
            return;
        }
        clearMessages();
        load();
    }

    /** Shows the changes between the saved definition and the edited text. */
    public void showDiff() {
        diffShown.set(true);
    }

    /** Puts the text back to the definition as last read. */
    public void revert() {
        text.set(original.get());
        clearMessages();
    }

    /**
     * Saves the edited text: libvirt validates it against its schema. On success the definition is
     * read back (libvirt normalises it); on failure the text stays exactly as typed, with the reason.
     */
    public void save() {
        if (!canSave.get()) {
            return;
        }
        VmItem target = vm.get();
        String submitted = text.get();
        long request = generation;
        saving.set(true);
        clearMessages();
        tasks.execute(BackgroundTask.async(l10n.lang("task.saveXml", target.name()), () -> access.save(target, submitted))
                .onSuccess(v -> {
                    if (request == generation) {
                        original.set(submitted);
                        readBack(target, submitted, request);
                    }
                })
                .onFailure(e -> {
                    if (request == generation) {
                        saving.set(false);
                        showSaveFailure(e);
                    }
                }));
    }

    // ---------------------------------------------------------------- work

    private void load() {
        loading.set(true);
        read(vm.get(), generation, xml -> {
            original.set(xml);
            text.set(xml);
            loaded.set(true);
        }, () -> loading.set(false));
    }

    /**
     * After a save: libvirt's own formatting of what was saved becomes the text, unless it was edited
     * since; "Saved." is said once the text has settled, so that this replacement does not retire it.
     */
    private void readBack(VmItem target, String submitted, long request) {
        read(target, request, xml -> {
            if (text.get().equals(submitted)) {
                text.set(xml);
            }
            original.set(xml);
        }, () -> {
            info.set(savedText(target));
            saving.set(false);
        });
    }

    /** Reads {@code target}'s definition into {@code apply}; both callbacks are skipped once another VM is shown. */
    private void read(VmItem target, long request, Consumer<String> apply, Runnable finished) {
        tasks.execute(BackgroundTask.async(l10n.lang("task.readXml", target.name()), () -> access.load(target))
                .onSuccess(xml -> {
                    if (request == generation) {
                        apply.accept(xml);
                    }
                })
                .onFailure(e -> {
                    if (request == generation) {
                        error.set(l10n.lang("xml.loadFailed", LibvirtErrors.describe(e)));
                    }
                })
                .onFinished(() -> {
                    if (request == generation) {
                        finished.run();
                    }
                }));
    }

    private void showSaveFailure(Throwable failure) {
        Throwable e = DefaultTaskExecutor.unwrap(failure);
        if (!(e instanceof DefinitionRefusedException r)) {
            error.set(l10n.lang("xml.saveFailed", LibvirtErrors.describe(e)));
            return;
        }
        errorLine.set(r.reason() == DefinitionRefusedException.Reason.MALFORMED ? r.line() : 0);
        error.set(switch (r.reason()) {
            case MALFORMED -> l10n.lang("xml.refused.malformed", r.line(), r.column(), r.detail());
            case NOT_A_DOMAIN -> l10n.lang("xml.refused.notDomain", r.found());
            case NAME_CHANGED -> r.found() == null ? l10n.lang("xml.refused.nameMissing", r.expected())
                    : l10n.lang("xml.refused.name", r.expected(), r.found());
            case UUID_CHANGED -> r.found() == null ? l10n.lang("xml.refused.uuidMissing", r.expected())
                    : l10n.lang("xml.refused.uuid", r.expected(), r.found());
            case LIBVIRT -> l10n.lang("xml.refused.libvirt", r.detail());
        });
    }

    /** A running VM goes on with the definition it was started with; say so. */
    private String savedText(VmItem target) {
        VmState s = target.getState();
        return s == VmState.SHUTOFF || s == VmState.NOSTATE ? l10n.lang("xml.saved")
                : l10n.lang("xml.savedNextStart", target.name());
    }

    private boolean confirmDiscard() {
        VmItem current = vm.get();
        return dialogs.confirm(l10n.lang("xml.discard.title"), l10n.lang("xml.discard.message"),
                List.of(current.name() + " (" + current.hostName() + ")"), l10n.lang("xml.discard.confirm"));
    }

    private void clearMessages() {
        error.set(null);
        errorLine.set(0);
        info.set(null);
    }

    private void updateDiff() {
        if (!diffShown.get()) {
            return;
        }
        if (vm.get() == null) {
            diffText.set("");
            diffSummary.set("");
            return;
        }
        String name = vm.get().name();
        LineDiff d = LineDiff.of(original.get(), text.get(),
                l10n.lang("xml.diff.saved", name), l10n.lang("xml.diff.edited", name));
        diffText.set(d.unified());
        diffSummary.set(d.isEmpty() ? l10n.lang("xml.diff.none") : l10n.lang("xml.diff.summary", d.added(), d.removed()));
    }
}
