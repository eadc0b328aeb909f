package io.rackdesk.views;

import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.app.console.VncConsoleOpener;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.platform.StartupTrace;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.StartupSettings;
import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.views.dialogs.FxDialogService;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.main.MainView;
import io.rackdesk.views.theme.ThemeManager;
import io.rackdesk.app.connections.ConnectionUris;
import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.connections.ConnectionHosts;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.views.connections.ConnectionDialogs;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The composition root: builds every service, ViewModel and view by constructor injection. The
 * first half runs before the FX thread (disk and libvirt set-up), the second on it.
 */
public final class AppContext {
    private final AppDirs dirs;
    private final Localization l10n;
    private final SettingsStore store;
    private final SettingsLoad startup;
    private final LibvirtHostFactory hosts;
    /** The app's one set of SSH tunnels (one session per SSH host) for consoles on a host's loopback; closed on exit. */
    private final SshTunnels sshTunnels = new SshTunnels();
    private MainViewModel mainViewModel;

    private final ConnectionService connectionService;

    private AppContext(AppDirs dirs, Localization l10n, SettingsStore store, SettingsLoad startup, LibvirtHostFactory hosts,
                       ConnectionService connectionService) {
        this.connectionService = connectionService;
        this.dirs = dirs;
        this.l10n = l10n;
        this.store = store;
        this.startup = startup;
        this.hosts = hosts;
    }

    /** Off the FX thread: reads settings, writes the demo host out, starts libvirt's event loop. */
    public static AppContext prepare(AppDirs dirs, Locale locale) {
        return prepare(readSettings(dirs, locale));
    }

    /**
     * What a start reads from disk before the window: the settings (on a first run the demo host is
     * written out) and the texts. Touches neither libvirt nor the toolkit, so the launcher runs it
     * beside the toolkit's start.
     */
    public static Settings readSettings(AppDirs dirs, Locale locale) {
        SettingsStore store = new SettingsStore(dirs.settingsFile());
        SettingsLoad startup = StartupSettings.prepare(store, dirs);
        return new Settings(dirs, store, startup, new Localization(locale));
    }

    /** The settings read by {@link #readSettings}: the rest of the start-up builds on them. */
    public record Settings(AppDirs dirs, SettingsStore store, SettingsLoad startup, Localization l10n) {
    }

    /** Off the FX thread, after the toolkit has started: libvirt's event loop and the services. */
    public static AppContext prepare(Settings s) {
        LibvirtEventLoop loop = LibvirtEventLoop.startOrExplain(); // without libvirt the window still opens
        ConnectionFiles files = new ConnectionFiles(s.dirs().configDir());
        LibvirtHostFactory hosts = ConnectionHosts.factory(loop, LibvirtHostFactory.DEFAULT_TIMEOUT, files, s.l10n());
        ConnectionService connections = new ConnectionService(files, hosts, new SerialWorker("connection-files"), s.l10n(),
                Clock.systemDefaultZone());
        return new AppContext(s.dirs(), s.l10n(), s.store(), s.startup(), hosts, connections);
    }

    /** On the FX thread: the main window in {@code stage}, shown, with its connections opening. */
    public MainView showMainWindow(Stage stage) {
        return showMainWindow(stage, List.of());
    }

    /** As {@link #showMainWindow(Stage)}, also opening {@code extraUris} for this run only (--connect). */
    public MainView showMainWindow(Stage stage, List<String> extraUris) {
        ThemeManager.apply(startup.settings().theme());
        StartupTrace.mark("theme set");
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(Platform::runLater);
        mainViewModel = new MainViewModel(startup, store, new SerialWorker("settings-io"), hosts,
                tasks, new FxDialogService(stage), l10n, VncConsoleConnection.connector(new VncConsoleOpener(sshTunnels)));
        StartupTrace.mark("view model made");
        MainView view = new MainView(mainViewModel, l10n, new ConnectionDialogs(connectionService, tasks, l10n));
        StartupTrace.mark("main view made");
        Scene scene = new Scene(view.root());
        ThemeManager.addAppStylesheet(scene);
        stage.setScene(scene);
        stage.setTitle(l10n.lang("app.title"));
        StartupTrace.mark("scene set");
        stage.show();
        StartupTrace.mark("stage shown");
        // drawn after the window is up: a snapshot costs a render pass (about 20 ms) the first window need not wait for
        Platform.runLater(() -> {
            StartupTrace.mark("first pulse after show");
            stage.getIcons().add(appIcon());
        });
        mainViewModel.start();
        for (String uri : extraUris) {
            mainViewModel.addTemporaryConnection(new ConnectionSettings(null, ConnectionUris.displayName(uri), uri, true, false));
        }
        return view;
    }

    public void shutdown() {
        if (mainViewModel != null) {
            mainViewModel.shutdown();
        }
        // closing SSH sessions writes to the network: not on the FX thread, but give it a moment before the JVM ends
        Thread t = new Thread(sshTunnels::close, "ssh-tunnels-close");
        t.setDaemon(true);
        t.start();
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The app's SSH tunnels (tests look at their sessions). */
    public SshTunnels sshTunnels() {
        return sshTunnels;
    }

    public AppDirs dirs() {
        return dirs;
    }

    public Localization l10n() {
        return l10n;
    }

    public MainViewModel mainViewModel() {
        return Objects.requireNonNull(mainViewModel, "the main window is not shown yet");
    }

    /** The window icon, drawn from the icon font so no image file ships. */
    private static javafx.scene.image.Image appIcon() {
        FontIcon icon = RackdeskIcon.APP.node();
        icon.setIconSize(64);
        icon.setIconColor(Color.web("#2f6fde"));
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        return icon.snapshot(p, null);
    }
}
