package io.rackdesk.views.console;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsolesViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The consoles window: one tab per VM console ({@link ConsolesViewModel}), so consoles of VMs on
 * different hosts sit side by side. Closing a tab closes its connection; closing the window closes
 * them all. Made on first use (a start without consoles pays nothing for it).
 */
public final class ConsolesWindow {
    private final ConsolesViewModel viewModel;
    private final Localization l10n;
    private final Map<ConsoleViewModel, Tab> tabOf = new HashMap<>();
    private Stage window;
    private TabPane tabs;

    public ConsolesWindow(ConsolesViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
    }

    /** Shows {@code vm}'s console: a new tab, or its tab when it is open already. */
    public void open(VmItem vm, Window owner) {
        if (window == null) {
            build(owner);
        }
        viewModel.open(vm);
        window.show();
        window.toFront();
    }

    /** The window, or null before the first console (tests). */
    public Stage window() {
        return window;
    }

    private void build(Window owner) {
        tabs = new TabPane();
        tabs.setId("consoleTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        window = new Stage();
        window.setTitle(l10n.lang("console.window.tabsTitle"));
        Scene scene = new Scene(tabs, 1100, 780);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        if (owner instanceof Stage s) {
            window.getIcons().setAll(s.getIcons());
        }
        window.setScene(scene);
        window.setOnHidden(e -> viewModel.closeAll());

        for (ConsoleViewModel c : viewModel.consoles()) {
            add(c);
        }
        viewModel.consoles().addListener((ListChangeListener<ConsoleViewModel>) change -> {
            while (change.next()) {
                for (ConsoleViewModel c : change.getRemoved()) {
                    Tab t = tabOf.remove(c);
                    if (t != null) {
                        tabs.getTabs().remove(t);
                    }
                }
                for (ConsoleViewModel c : change.getAddedSubList()) {
                    add(c);
                }
            }
            if (viewModel.consoles().isEmpty() && window.isShowing()) {
                window.hide(); // the last tab closed
            }
        });
        viewModel.selectedProperty().addListener((obs, old, c) -> {
            Tab t = c == null ? null : tabOf.get(c);
            if (t != null) {
                tabs.getSelectionModel().select(t);
            }
        });
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> {
            if (t != null && t.getUserData() instanceof ConsoleViewModel c) {
                viewModel.selectedProperty().set(c);
            }
        });
    }

    private void add(ConsoleViewModel c) {
        ConsoleView view = new ConsoleView(c, l10n);
        Tab tab = new Tab(viewModel.title(c), view.root());
        tab.setUserData(c);
        tab.setGraphic(RackdeskIcon.CONSOLE.node());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(c.statusTextProperty());
        tab.setTooltip(tip);
        tab.setOnCloseRequest(e -> {
            e.consume(); // the ViewModel closes the connection, then the list change removes the tab
            viewModel.close(c);
        });
        tabOf.put(c, tab);
        tabs.getTabs().add(tab);
        if (viewModel.selectedProperty().get() == c) {
            tabs.getSelectionModel().select(tab);
        }
    }
}
