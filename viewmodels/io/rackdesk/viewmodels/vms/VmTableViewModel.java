package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.VmAction;
import io.rackdesk.app.model.VmState;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
 * The VM table over every host: rows narrowed to one host (the tree's selection) and by the filter
 * text ({@link VmFilter}); lifecycle actions and tags on the selected VMs, with a confirmation that
 * lists them for bulk or disruptive actions and a report of per-VM failures.
 */
public final class VmTableViewModel {
    private final Localization l10n;
    private final DialogService dialogs;
    private final ObservableList<ConnectionViewModel> connections;
    private final ObservableList<VmItem> allRows = FXCollections.observableArrayList(vm -> new Observable[] {vm.stateProperty()});
    private final FilteredList<VmItem> rows = new FilteredList<>(allRows);
    private final ObservableList<VmItem> selection = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionViewModel> host = new SimpleObjectProperty<>();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Set<VmAction>> availableActions = new ReadOnlyObjectWrapper<>(EnumSet.noneOf(VmAction.class));
    private final ReadOnlyObjectWrapper<VmItem> single = new ReadOnlyObjectWrapper<>();
    private final Map<ConnectionViewModel, ListChangeListener<VmItem>> watched = new IdentityHashMap<>();
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final javafx.beans.InvalidationListener problemsChanged = o -> updateProblems();
    /** How many rows of allRows each connection's VMs take, in the order of {@code connections}. */
    private final Map<ConnectionViewModel, Integer> segments = new IdentityHashMap<>();

    public VmTableViewModel(ObservableList<ConnectionViewModel> connections, Localization l10n, DialogService dialogs) {
        this.connections = Objects.requireNonNull(connections);
        this.l10n = Objects.requireNonNull(l10n);
        this.dialogs = Objects.requireNonNull(dialogs);
        connections.addListener((ListChangeListener<ConnectionViewModel>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= c.wasAdded() || c.wasRemoved();
            }
            if (structural) {
                syncWatches();
                rebuild();
                updateProblems();
            }
        });
        host.addListener((obs, old, now) -> updateFilter());
        filterText.addListener((obs, old, now) -> updateFilter());
        rows.addListener((ListChangeListener<VmItem>) c -> updateSummary());
        selection.addListener((ListChangeListener<VmItem>) c -> {
            updateActions();
            single.set(selection.size() == 1 ? selection.get(0) : null);
        });
        allRows.addListener((ListChangeListener<VmItem>) c -> updateActions());
        syncWatches();
        rebuild();
        updateProblems();
    }

    /** The rows a user sees, after the host and text filters. */
    public ObservableList<VmItem> rows() {
        return rows;
    }

    /** The selected rows; the view keeps it in step with the table's selection. */
    public ObservableList<VmItem> selection() {
        return selection;
    }

    /** The selected VM when exactly one is selected (its details are shown), else null. */
    public ReadOnlyObjectProperty<VmItem> singleSelectionProperty() {
        return single.getReadOnlyProperty();
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

    /** The actions that apply to at least one selected VM. */
    public ReadOnlyObjectProperty<Set<VmAction>> availableActionsProperty() {
        return availableActions.getReadOnlyProperty();
    }

    /** Localized state name, e.g. "Running". */
    public String stateText(VmState state) {
        return VmTexts.state(l10n, state);
    }

    /** Localized name of an action, e.g. "Force off". */
    public String actionText(VmAction a) {
        return VmTexts.action(l10n, a);
    }

    /**
     * Runs {@code action} on every selected VM it applies to. Several VMs, or a disruptive action,
     * are confirmed first with the list of VMs; failures are reported per VM, the others go on.
     */
    public void perform(VmAction action) {
        List<VmItem> targets = selection.stream()
                .filter(vm -> action.appliesTo(vm.getState(), vm.summary().persistent())).toList();
        if (targets.isEmpty()) {
            return;
        }
        if (targets.size() > 1 || action.isDisruptive()) {
            String message = l10n.lang(action.isDisruptive() ? "vm.confirm.disruptive" : "vm.confirm.message",
                    actionText(action), targets.size());
            if (!dialogs.confirm(l10n.lang("vm.confirm.title", actionText(action)), message,
                    targets.stream().map(vm -> vm.name() + " (" + vm.hostName() + ")").toList(), actionText(action))) {
                return;
            }
        }
        List<String> failures = new ArrayList<>();
        int[] pending = {targets.size()};
        for (VmItem vm : targets) {
            vm.connection().perform(vm, action, reason -> {
                if (reason != null) {
                    failures.add(vm.name() + " (" + vm.hostName() + "): " + reason);
                }
                if (--pending[0] == 0 && !failures.isEmpty()) {
                    dialogs.showError(l10n.lang("vm.action.failed.title", actionText(action)),
                            l10n.lang("vm.action.failed.message", failures.size(), targets.size()) + "\n\n"
                                    + String.join("\n", failures));
                }
            });
        }
    }

    /** Asks for the tags of {@code vm} (comma-separated) and stores them; on an error the text is offered again. */
    public void editTags(VmItem vm) {
        editTags(vm, String.join(", ", vm.tags()));
    }

    private void editTags(VmItem vm, String initial) {
        Optional<String> answer = dialogs.askText(l10n.lang("vm.tags.title", vm.name()), l10n.lang("vm.tags.message"), initial);
        if (answer.isEmpty()) {
            return;
        }
        String typed = answer.get();
        List<String> tags = Arrays.stream(typed.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        vm.connection().setTags(vm, tags, reason -> {
            if (reason != null) {
                dialogs.showError(l10n.lang("vm.tags.failed", vm.name()), reason);
                editTags(vm, typed); // nothing the user typed is lost
            }
        });
    }

    private void syncWatches() {
        for (ConnectionViewModel c : new ArrayList<>(watched.keySet())) {
            if (!connections.contains(c)) {
                c.vms().removeListener(watched.remove(c));
                c.stateTextProperty().removeListener(problemsChanged);
            }
        }
        for (ConnectionViewModel c : connections) {
            watched.computeIfAbsent(c, k -> {
                ListChangeListener<VmItem> l = change -> {
                    // state changes arrive as updates; only membership changes touch the rows
                    boolean structural = false;
                    while (change.next()) {
                        structural |= !change.wasUpdated();
                    }
                    if (structural) {
                        replaceSegment(k);
                    }
                };
                k.vms().addListener(l);
                k.stateTextProperty().addListener(problemsChanged);
                return l;
            });
        }
    }

    /**
     * The connections that failed or are retrying, a line each ("Demo host: failed: ..."), so an empty
     * table says why (a missing libvirt, an unreachable host); empty when every host is fine.
     */
    public ReadOnlyStringProperty connectionProblemsProperty() {
        return problems.getReadOnlyProperty();
    }

    private void updateProblems() {
        List<String> lines = new ArrayList<>();
        for (ConnectionViewModel c : connections) {
            String text = c.stateTextProperty().get(); // read every time: an invalidation listener hears of a binding only once until then
            if (c.getState() == ConnectionState.FAILED || c.getState() == ConnectionState.RETRYING) {
                lines.add(c.name() + ": " + text);
            }
        }
        problems.set(String.join("\n", lines));
    }

    private void rebuild() {
        List<VmItem> list = new ArrayList<>();
        segments.clear();
        for (ConnectionViewModel c : connections) {
            list.addAll(c.vms());
            segments.put(c, c.vms().size());
        }
        allRows.setAll(list);
        selection.retainAll(list);
        updateSummary();
    }

    /**
     * One host's VMs came or went: only its run of rows is replaced, so the sorted view inserts that
     * host's VMs into the others instead of sorting 10,000 rows again each time a host lists.
     */
    private void replaceSegment(ConnectionViewModel c) {
        int from = 0;
        for (ConnectionViewModel before : connections) {
            if (before == c) {
                break;
            }
            from += segments.getOrDefault(before, 0);
        }
        Integer old = segments.get(c);
        if (old == null || from + old > allRows.size()) {
            rebuild(); // not in step (cannot happen while every change goes through here): start over
            return;
        }
        allRows.remove(from, from + old);
        allRows.addAll(from, c.vms());
        segments.put(c, c.vms().size());
        if (selection.stream().anyMatch(vm -> vm.connection() == c)) {
            Set<VmItem> present = Collections.newSetFromMap(new IdentityHashMap<>());
            present.addAll(c.vms());
            selection.removeIf(vm -> vm.connection() == c && !present.contains(vm));
        }
        updateSummary();
    }

    private void updateFilter() {
        ConnectionViewModel only = host.get();
        Predicate<VmItem> text = VmFilter.parse(filterText.get(), vm -> stateText(vm.getState()));
        rows.setPredicate(vm -> (only == null || vm.connection() == only) && text.test(vm));
    }

    private void updateSummary() {
        long running = rows.stream().filter(r -> r.getState() == VmState.RUNNING).count();
        summary.set(l10n.lang("vm.table.summary", rows.size(), running));
    }

    private void updateActions() {
        Set<VmAction> actions = EnumSet.noneOf(VmAction.class);
        for (VmItem vm : selection) {
            for (VmAction a : VmAction.values()) {
                if (a.appliesTo(vm.getState(), vm.summary().persistent())) {
                    actions.add(a);
                }
            }
        }
        if (!actions.equals(availableActions.get())) {
            availableActions.set(actions);
        }
    }
}
