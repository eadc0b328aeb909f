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
        SettingsStore store = new SettingsStore(dirs.settingsFile());
        SettingsLoad startup = StartupSettings.prepare(store, dirs);
        LibvirtEventLoop loop = LibvirtEventLoop.startOrExplain(); // without libvirt the window still opens
        Localization l10n = new Localization(locale);
        ConnectionFiles files = new ConnectionFiles(dirs.configDir());
        LibvirtHostFactory hosts = ConnectionHosts.factory(loop, LibvirtHostFactory.DEFAULT_TIMEOUT, files, l10n);
        ConnectionService connections = new ConnectionService(files, hosts, new SerialWorker("connection-files"), l10n,
                Clock.systemDefaultZone());
        return new AppContext(dirs, l10n, store, startup, hosts, connections);
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
        stage.getIcons().add(appIcon());
        StartupTrace.mark("scene and icon set");
        stage.show();
        StartupTrace.mark("stage shown");
        Platform.runLater(() -> StartupTrace.mark("first pulse after show"));
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
