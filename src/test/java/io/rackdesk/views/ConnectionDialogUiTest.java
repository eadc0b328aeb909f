// PEM markers are split ("PRIVATE " + "KEY") so that no file looks like a committed key; none holds key material.
package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.connections.Transport;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel;
import io.rackdesk.viewmodels.connections.RemoveConnectionViewModel;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.views.connections.ConnectionDialogView;
import io.rackdesk.views.connections.RemoveConnectionDialog;
import io.rackdesk.views.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The connection dialog as a user drives it, headless (Monocle): typing, validation, a test and the result. */
class ConnectionDialogUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private ConnectionService service;
    private Dialog<?> shown;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> ThemeManager.apply(Theme.LIGHT));
    }

    @AfterEach
    void close() throws Exception {
        if (shown != null) {
            FxToolkit.setupFixture(() -> shown.close());
        }
        FxToolkit.cleanupStages();
    }

    private void open(Locale locale) throws Exception {
        Localization l10n = new Localization(locale);
        service = new ConnectionService(new ConnectionFiles(root.resolve("config")),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(20)), new SerialWorker("ui-io"), l10n, Clock.systemUTC());
        ConnectionDialogViewModel vm = ConnectionDialogViewModel.forNew(service, new DefaultTaskExecutor(Platform::runLater), l10n);
        FxToolkit.setupFixture(() -> {
            shown = new ConnectionDialogView(vm, l10n).dialog();
            shown.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aUserFillsTheSshFormFixesAMistakeTestsTheTestDriverAndGetsTheConnection() throws Exception {
        Path key = Files.writeString(root.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE " + "KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ==\n-----END OPENSSH PRIVATE KEY-----\n");
        open(Locale.ENGLISH);
        Button save = robot.lookup("#saveButton").queryButton();
        assertTrue(save.isDisabled(), "nothing filled in yet");
        assertFalse(robot.lookup("#hostError").queryAs(Label.class).isVisible(), "no errors before typing");

        robot.clickOn("#userField").write("root");
        robot.clickOn("#hostField").write("kvm 01");
        Label hostError = robot.lookup("#hostError").queryAs(Label.class);
        waitFor(hostError::isVisible, "the host's validation message");
        assertEquals("“kvm 01” contains spaces; a host name cannot.", hostError.getText());
        assertTrue(robot.lookup("#hostField").query().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger")));

        robot.clickOn("#hostField").push(KeyCode.CONTROL, KeyCode.A).write("kvm-01");
        waitFor(() -> !hostError.isVisible(), "the message goes once the host is fixed");
        robot.clickOn("#portField").write("2222");
        robot.clickOn("#keyField").write(key.toString());
        TextField uri = robot.lookup("#uriPreview").queryAs(TextField.class);
        waitFor(() -> !save.isDisabled(), "a complete SSH form can be saved");
        assertTrue(uri.getText().startsWith("qemu+libssh://root@kvm-01:2222/system?keyfile=" + key + "&known_hosts="), uri.getText());
        assertEquals("kvm-01", robot.lookup("#nameField").queryAs(TextField.class).getPromptText());

        ComboBox<?> transport = robot.lookup("#transportChoice").queryComboBox();
        robot.clickOn(transport);
        robot.clickOn("Test driver (mock host)");
        waitFor(() -> transport.getValue() == Transport.TEST, "the test driver chosen");
        assertFalse(shows(robot.lookup("#hostField").query()), "only the test driver's fields show");
        assertTrue(shows(robot.lookup("#testFileField").query()));
        assertEquals("test:///default", uri.getText());

        robot.clickOn("#testButton");
        Label result = robot.lookup("#testResult").queryAs(Label.class);
        waitFor(() -> result.getText().startsWith("Connected to "), "the test connects");
        assertTrue(result.getText().endsWith("): 1 VM."), result.getText());
        assertTrue(result.getStyleClass().contains("success"));

        robot.clickOn("#saveButton");
        waitFor(() -> !shown.isShowing(), "the dialog closes with the result");
        ConnectionSettings saved = (ConnectionSettings) shown.getResult();
        assertEquals("Test driver", saved.name());
        assertEquals("test:///default", saved.uri());
        assertTrue(saved.autoconnect());
        shown = null;
    }

    @Test
    void chineseTextAndMessages() throws Exception {
        open(Locale.SIMPLIFIED_CHINESE);
        assertEquals("添加连接", robot.lookup("#saveButton").queryButton().getText());
        robot.clickOn("#hostField").write("root@kvm");
        Label hostError = robot.lookup("#hostError").queryAs(Label.class);
        waitFor(hostError::isVisible, "a message");
        assertEquals("请把用户名填在“用户”一栏，不要写在主机名里。", hostError.getText());
    }

    @Test
    void removalNeedsTheTypedName() throws Exception {
        Localization l10n = new Localization(Locale.ENGLISH);
        AppDirs dirs = AppDirs.under(root);
        LibvirtHostFactory hosts = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10));
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(Platform::runLater);
        MainViewModel[] main = new MainViewModel[1];
        FxToolkit.setupFixture(() -> main[0] = new MainViewModel(new SettingsLoad(Settings.defaults().withConnections(List.of(
                new ConnectionSettings("a", "kvm-01", "test:///default", false, false))), false, Optional.empty(), Optional.empty()),
                new SettingsStore(dirs.settingsFile()), new SerialWorker("ui-remove-io"), hosts, tasks, new RecordingDialogs(), l10n));
        ConnectionService files = new ConnectionService(new ConnectionFiles(dirs.configDir()), hosts, new SerialWorker("ui-remove"), l10n,
                Clock.systemUTC());
        RemoveConnectionViewModel vm = new RemoveConnectionViewModel(main[0].connections().get(0), main[0], files, tasks, l10n);
        FxToolkit.setupFixture(() -> {
            shown = new RemoveConnectionDialog(vm, l10n).dialog();
            shown.show();
        });
        Button remove = robot.lookup("#removeButton").queryButton();
        assertTrue(remove.isDisabled());
        robot.clickOn("#removeConfirmName").write("kvm-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(remove.isDisabled(), "almost the name is not the name");
        robot.write("1");
        waitFor(() -> !remove.isDisabled(), "the name typed");
        robot.clickOn(remove);
        waitFor(() -> !shown.isShowing(), "closed");
        assertEquals(Boolean.TRUE, shown.getResult());
        assertEquals(0, main[0].connections().size());
        shown = null;
        FxToolkit.setupFixture(main[0]::shutdown);
    }

    /** Visible on screen: the node and every parent. */
    private static boolean shows(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
