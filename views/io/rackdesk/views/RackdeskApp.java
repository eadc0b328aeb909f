package io.rackdesk.views;

import io.rackdesk.app.cli.GuiOptions;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.platform.LinuxGraphics;
import io.rackdesk.app.platform.StartupTrace;
import io.rackdesk.app.settings.AppDirs;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: prepares the context off the FX thread in init(), shows the window in start(). */
public final class RackdeskApp extends Application {
    private static volatile GuiOptions options = new GuiOptions(Optional.empty());
    private AppContext context;

    /** Opens the GUI and returns when its last window closes. */
    public static void launch(GuiOptions guiOptions) {
        options = guiOptions;
        LinuxGraphics.prepare();
        Thread preload = new Thread(LibvirtEventLoop::preload, "rackdesk-preload-libvirt");
        preload.setDaemon(true);
        preload.start(); // reading libvirt from disk overlaps the toolkit's start; its loop starts in init()
        StartupTrace.mark("toolkit starting");
        Application.launch(RackdeskApp.class);
    }

    /**
     * After the toolkit has started, never beside it: libvirt's event loop (started here) runs GLib's
     * default main context, which GTK shares; started first, it dispatched glass's work, and JavaFX
     * made the stage on the event-loop thread (seen once in CI as "Not on FX application thread").
     */
    @Override
    public void init() throws Exception {
        StartupTrace.mark("init");
        AppDirs dirs = options.configDir().map(AppDirs::under).orElseGet(AppDirs::forCurrentUser);
        context = AppContext.prepare(dirs, Locale.getDefault());
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("start");
        stage.setWidth(1280);
        stage.setHeight(800);
        context.showMainWindow(stage, options.connect());
    }

    @Override
    public void stop() {
        if (context != null) {
            context.shutdown();
        }
    }
}
