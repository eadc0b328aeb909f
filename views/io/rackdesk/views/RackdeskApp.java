package io.rackdesk.views;

import io.rackdesk.app.cli.GuiOptions;
import io.rackdesk.app.platform.LinuxGraphics;
import io.rackdesk.app.settings.AppDirs;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: prepares the context off the FX thread (settings, libvirt's event loop) while
 * the toolkit starts, and shows the window in start().
 */
public final class RackdeskApp extends Application {
    private static volatile GuiOptions options = new GuiOptions(Optional.empty());
    private static volatile CompletableFuture<AppContext> preparing;
    private AppContext context;

    /** Opens the GUI and returns when its last window closes. */
    public static void launch(GuiOptions guiOptions) {
        options = guiOptions;
        LinuxGraphics.prepare();
        preparing = prepareInBackground(guiOptions);
        Application.launch(RackdeskApp.class);
    }

    private static CompletableFuture<AppContext> prepareInBackground(GuiOptions guiOptions) {
        CompletableFuture<AppContext> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                AppDirs dirs = guiOptions.configDir().map(AppDirs::under).orElseGet(AppDirs::forCurrentUser);
                f.complete(AppContext.prepare(dirs, Locale.getDefault()));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "rackdesk-prepare");
        t.setDaemon(true);
        t.start();
        return f;
    }

    @Override
    public void init() throws Exception {
        CompletableFuture<AppContext> f = preparing != null ? preparing : prepareInBackground(options);
        try {
            context = f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void start(Stage stage) {
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
