package io.rackdesk.views;

import io.rackdesk.app.cli.GuiOptions;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.platform.LinuxGraphics;
import io.rackdesk.app.platform.StartupTrace;
import io.rackdesk.app.settings.AppDirs;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: prepares the context off the FX thread in init(), shows the window in start(). */
public final class RackdeskApp extends Application {
    private static volatile GuiOptions options = new GuiOptions(Optional.empty());
    /** The settings, read beside the toolkit's start (by {@link #launch}). */
    private static volatile CompletableFuture<AppContext.Settings> settings;
    private AppContext context;

    /** Opens the GUI and returns when its last window closes. */
    public static void launch(GuiOptions guiOptions) {
        options = guiOptions;
        LinuxGraphics.prepare();
        Thread preload = daemon("rackdesk-preload-libvirt", LibvirtEventLoop::preload);
        preload.start(); // reading libvirt from disk overlaps the toolkit's start; its loop starts in init()
        settings = CompletableFuture.supplyAsync(() -> AppContext.readSettings(dirs(guiOptions), Locale.getDefault()),
                runnable -> daemon("rackdesk-read-settings", runnable).start());
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
        CompletableFuture<AppContext.Settings> read = settings;
        context = AppContext.prepare(read != null ? join(read) : AppContext.readSettings(dirs(options), Locale.getDefault()));
    }

    private static AppDirs dirs(GuiOptions o) {
        return o.configDir().map(AppDirs::under).orElseGet(AppDirs::forCurrentUser);
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The settings thread's result, or what it threw (a bad settings file is reported as before). */
    private static AppContext.Settings join(CompletableFuture<AppContext.Settings> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
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
