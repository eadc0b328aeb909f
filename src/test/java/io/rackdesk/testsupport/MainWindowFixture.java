package io.rackdesk.testsupport;

import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.views.AppContext;
import io.rackdesk.views.main.MainView;
import java.nio.file.Path;
import java.util.Locale;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * The real main window for a headless UI test, on the bundled demo host under the test's temporary
 * root: {@link #prepare} (the primary stage registered; settings and libvirt set up off the FX
 * thread), whatever the test changes first (e.g. {@link DemoHost#replaceGraphics}), then
 * {@link #show}; the test's {@code @AfterEach} calls {@link #cleanUp}.
 */
public final class MainWindowFixture {
    private final Path root;
    private final Stage stage;
    private final AppContext context;
    private MainView view;

    private MainWindowFixture(Path root, Stage stage, AppContext context) {
        this.root = root;
        this.stage = stage;
        this.context = context;
    }

    public static MainWindowFixture prepare(Path root, Locale locale) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        return new MainWindowFixture(root, stage, AppContext.prepare(AppDirs.under(root), locale));
    }

    /** Shows the main window, 1280x800, in the primary stage. */
    public MainView show() throws Exception {
        FxToolkit.setupStage(s -> {
            s.setWidth(1280);
            s.setHeight(800);
            view = context.showMainWindow(s);
        });
        return view;
    }

    /** For an {@code @AfterEach}: the test's stages closed, and the app shut down if there is one. */
    public static void cleanUp(MainWindowFixture app) throws Exception {
        FxToolkit.cleanupStages();
        if (app != null) {
            FxToolkit.setupFixture(app.context::shutdown);
        }
    }

    public AppContext context() {
        return context;
    }

    public AppDirs dirs() {
        return AppDirs.under(root);
    }

    public Stage stage() {
        return stage;
    }

    public MainView view() {
        return view;
    }
}
