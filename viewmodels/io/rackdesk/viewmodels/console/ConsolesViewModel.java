package io.rackdesk.viewmodels.console;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The consoles window: one console per VM, each in its own tab, so consoles of VMs on different
 * hosts can be open side by side. Opening a VM that already has a tab selects it; closing a tab
 * closes its connection (and with it its use of an SSH tunnel).
 */
public final class ConsolesViewModel {
    private final Supplier<ConsoleViewModel> factory;
    private final Localization l10n;
    private final ObservableList<ConsoleViewModel> consoles = FXCollections.observableArrayList();
    /** One wrapper for everyone: it holds its listeners only weakly from the list, so it must live as long as this. */
    private final ObservableList<ConsoleViewModel> readOnly = FXCollections.unmodifiableObservableList(consoles);
    private final ObjectProperty<ConsoleViewModel> selected = new SimpleObjectProperty<>();

    /** {@code factory} makes a fresh, closed console (each with its own connection). */
    public ConsolesViewModel(Supplier<ConsoleViewModel> factory, Localization l10n) {
        this.factory = Objects.requireNonNull(factory);
        this.l10n = Objects.requireNonNull(l10n);
    }

    /** Selects {@code vm}'s console, opening a new tab for it when it has none. */
    public ConsoleViewModel open(VmItem vm) {
        Objects.requireNonNull(vm);
        ConsoleViewModel c = find(vm).orElseGet(() -> {
            ConsoleViewModel fresh = factory.get();
            fresh.open(vm);
            consoles.add(fresh);
            return fresh;
        });
        selected.set(c);
        return c;
    }

    /** The open console of {@code vm} (same host connection and UUID), if any. */
    public Optional<ConsoleViewModel> find(VmItem vm) {
        return consoles.stream().filter(c -> sameVm(c.vm(), vm)).findFirst();
    }

    private static boolean sameVm(VmItem a, VmItem b) {
        return a != null && (a == b || a.connection() == b.connection() && Objects.equals(a.uuid(), b.uuid()) && Objects.equals(a.name(), b.name()));
    }

    /** Closes the console's connection and removes its tab; the neighbour becomes selected. */
    public void close(ConsoleViewModel c) {
        int i = consoles.indexOf(c);
        if (i < 0) {
            return;
        }
        c.close();
        consoles.remove(i);
        if (selected.get() == c) {
            selected.set(consoles.isEmpty() ? null : consoles.get(Math.min(i, consoles.size() - 1)));
        }
    }

    /** Closes every console (the window was closed, the app ends). */
    public void closeAll() {
        for (ConsoleViewModel c : java.util.List.copyOf(consoles)) {
            c.close();
        }
        consoles.clear();
        selected.set(null);
    }

    /** "web-01 · kvm-01": the tab's title. */
    public String title(ConsoleViewModel c) {
        VmItem vm = c.vm();
        return vm == null ? l10n.lang("console.idle") : l10n.lang("console.tab.title", vm.name(), vm.hostName());
    }

    public ObservableList<ConsoleViewModel> consoles() {
        return readOnly;
    }

    /** The console whose tab is in front; the view keeps it in step with its tab selection. */
    public ObjectProperty<ConsoleViewModel> selectedProperty() {
        return selected;
    }
}
