package io.rackdesk.viewmodels.connections;

import io.rackdesk.app.connections.ConnectionField;
import io.rackdesk.app.connections.ConnectionForm;
import io.rackdesk.app.connections.ConnectionInspector;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.connections.ConnectionSpec;
import io.rackdesk.app.connections.ConnectionTestResult;
import io.rackdesk.app.connections.ConnectionValidator;
import io.rackdesk.app.connections.TlsSource;
import io.rackdesk.app.connections.Transport;
import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.TaskExecutor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The add / edit / duplicate connection dialog: the fields of every transport (what was typed for one
 * transport survives switching to another), live validation per field, the resulting URI, what the TLS
 * certificates say, a connection test with the SSH host-key decision, and the {@link ConnectionSettings}
 * to save. File checks, tests and copies run off the UI thread through the {@link TaskExecutor}.
 */
public final class ConnectionDialogViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDialogViewModel.class);

    public enum Mode { ADD, EDIT, DUPLICATE }

    public enum TestState { IDLE, RUNNING, CONNECTED, FAILED, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED }

    private final ConnectionService service;
    private final TaskExecutor tasks;
    private final Localization l10n;
    private final Mode mode;
    private final String id;
    private final ConnectionSettings original;

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Transport> transport = new SimpleObjectProperty<>(Transport.SSH);
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final ObjectProperty<TlsSource> tlsSource = new SimpleObjectProperty<>(TlsSource.FOLDER);
    private final StringProperty tlsFolder = new SimpleStringProperty("");
    private final StringProperty caCert = new SimpleStringProperty("");
    private final StringProperty clientCert = new SimpleStringProperty("");
    private final StringProperty clientKey = new SimpleStringProperty("");
    private final StringProperty testFile = new SimpleStringProperty("");
    private final StringProperty customUri = new SimpleStringProperty("");
    private final BooleanProperty autoconnect = new SimpleBooleanProperty(true);

    private final Map<ConnectionField, ReadOnlyStringWrapper> errors = new EnumMap<>(ConnectionField.class);
    private final ReadOnlyStringWrapper uriPreview = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper suggestedName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper defaultPort = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper transportHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper certificateInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper certificateWarnings = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checkingFiles = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<TestState> testState = new ReadOnlyObjectWrapper<>(TestState.IDLE);
    private final ReadOnlyStringWrapper testMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<HostKey> hostKeyPrompt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper hostKeyType = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hostKeyExplanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConnectionSettings> result = new ReadOnlyObjectWrapper<>();

    /** Bumped on every change of the form; late results of older forms are dropped. */
    private int generation;
    private ConnectionSpec spec;
    private ConnectionInspector.Paths files = new ConnectionInspector.Paths(null, null, null, null, null, null);
    private Map<ConnectionField, String> syntaxProblems = Map.of();
    private Map<ConnectionField, String> fileProblems = Map.of();
    private boolean inspecting;
    private boolean inspectAgain;
    /** Fields the user has edited; a new, empty form does not greet the user with errors. */
    private final Set<ConnectionField> touched = EnumSet.noneOf(ConnectionField.class);

    private ConnectionDialogViewModel(Mode mode, ConnectionSettings original, ConnectionService service, TaskExecutor tasks,
                                      Localization l10n) {
        this.mode = mode;
        this.original = original;
        this.service = Objects.requireNonNull(service);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        this.id = mode == Mode.EDIT ? original.id() : UUID.randomUUID().toString();
        for (ConnectionField f : ConnectionField.values()) {
            errors.put(f, new ReadOnlyStringWrapper(""));
        }
        if (original != null) {
            prefill(original);
        }
        if (mode != Mode.ADD) {
            touched.addAll(EnumSet.allOf(ConnectionField.class));
        }
        touches(user, ConnectionField.USER);
        touches(host, ConnectionField.HOST);
        touches(port, ConnectionField.PORT);
        touches(keyFile, ConnectionField.KEY_FILE);
        touches(tlsFolder, ConnectionField.TLS_FOLDER);
        touches(caCert, ConnectionField.CA_CERT);
        touches(clientCert, ConnectionField.CLIENT_CERT);
        touches(clientKey, ConnectionField.CLIENT_KEY);
        touches(testFile, ConnectionField.TEST_FILE);
        touches(customUri, ConnectionField.URI);
        Observable[] form = {transport, user, host, port, keyFile, tlsSource, tlsFolder, caCert, clientCert, clientKey, testFile, customUri};
        for (Observable o : form) {
            o.addListener(obs -> formChanged());
        }
        formChanged();
    }

    /** An empty dialog for a new connection (SSH preselected). */
    public static ConnectionDialogViewModel forNew(ConnectionService service, TaskExecutor tasks, Localization l10n) {
        return new ConnectionDialogViewModel(Mode.ADD, null, service, tasks, l10n);
    }

    /** The dialog filled from a saved connection; the result keeps its id. */
    public static ConnectionDialogViewModel forEdit(ConnectionSettings existing, ConnectionService service, TaskExecutor tasks,
                                                    Localization l10n) {
        return new ConnectionDialogViewModel(Mode.EDIT, Objects.requireNonNull(existing), service, tasks, l10n);
    }

    /** The fields of a saved connection under a new id and the name "NAME (copy)". */
    public static ConnectionDialogViewModel forDuplicate(ConnectionSettings existing, ConnectionService service, TaskExecutor tasks,
                                                         Localization l10n) {
        return new ConnectionDialogViewModel(Mode.DUPLICATE, Objects.requireNonNull(existing), service, tasks, l10n);
    }

    /** Marks {@code field} as edited; registered before formChanged so that its message shows at once. */
    private void touches(StringProperty value, ConnectionField field) {
        value.addListener(obs -> touched.add(field));
    }

    private void prefill(ConnectionSettings c) {
        ConnectionSpec parsed = service.uris().parse(c.uri());
        ConnectionForm f = ConnectionForm.of(parsed, c.uri());
        name.set(mode == Mode.DUPLICATE ? l10n.lang("connection.dialog.copyName", c.name()) : c.name());
        autoconnect.set(c.autoconnect());
        transport.set(f.transport());
        user.set(f.user());
        host.set(f.host());
        port.set(f.port());
        keyFile.set(f.keyFile());
        tlsSource.set(f.tlsSource());
        tlsFolder.set(f.tlsFolder());
        caCert.set(f.caCert());
        clientCert.set(f.clientCert());
        clientKey.set(f.clientKey());
        testFile.set(f.testFile());
        customUri.set(f.customUri());
    }

    // ---------------------------------------------------------------- form

    public Mode mode() {
        return mode;
    }

    /** The id the saved connection will have (new for add and duplicate). */
    public String connectionId() {
        return id;
    }

    public String title() {
        return switch (mode) {
            case ADD -> l10n.lang("connection.dialog.title.add");
            case EDIT -> l10n.lang("connection.dialog.title.edit", original.name());
            case DUPLICATE -> l10n.lang("connection.dialog.title.duplicate", original.name());
        };
    }

    /** The transport's name for the selector. */
    public String label(Transport t) {
        return switch (t) {
            case SSH -> l10n.lang("connection.transport.ssh");
            case TLS -> l10n.lang("connection.transport.tls");
            case TCP -> l10n.lang("connection.transport.tcp");
            case LOCAL_SYSTEM -> l10n.lang("connection.transport.localSystem");
            case LOCAL_SESSION -> l10n.lang("connection.transport.localSession");
            case TEST -> l10n.lang("connection.transport.test");
            case CUSTOM -> l10n.lang("connection.transport.custom");
        };
    }

    public List<Transport> transports() {
        return List.of(Transport.values());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Transport> transportProperty() {
        return transport;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    public ObjectProperty<TlsSource> tlsSourceProperty() {
        return tlsSource;
    }

    public StringProperty tlsFolderProperty() {
        return tlsFolder;
    }

    public StringProperty caCertProperty() {
        return caCert;
    }

    public StringProperty clientCertProperty() {
        return clientCert;
    }

    public StringProperty clientKeyProperty() {
        return clientKey;
    }

    public StringProperty testFileProperty() {
        return testFile;
    }

    public StringProperty customUriProperty() {
        return customUri;
    }

    public BooleanProperty autoconnectProperty() {
        return autoconnect;
    }

    /** What is wrong with {@code field} in the user's language, or empty; in a new form only once the field was edited. */
    public ReadOnlyStringProperty errorProperty(ConnectionField field) {
        return errors.get(field).getReadOnlyProperty();
    }

    /** The libvirt URI the fields make, or empty while they are incomplete. */
    public ReadOnlyStringProperty uriPreviewProperty() {
        return uriPreview.getReadOnlyProperty();
    }

    /** The name used when the name field is left empty (the host, say). */
    public ReadOnlyStringProperty suggestedNameProperty() {
        return suggestedName.getReadOnlyProperty();
    }

    /** The transport's default port, for the empty port field. */
    public ReadOnlyStringProperty defaultPortProperty() {
        return defaultPort.getReadOnlyProperty();
    }

    /** One or two sentences on what the chosen transport does. */
    public ReadOnlyStringProperty transportHintProperty() {
        return transportHint.getReadOnlyProperty();
    }

    /** Subject, issuer, SAN and validity of the TLS certificates, or empty. */
    public ReadOnlyStringProperty certificateInfoProperty() {
        return certificateInfo.getReadOnlyProperty();
    }

    /** Expired, expiring or mismatched certificates, one per line, or empty. They do not block saving. */
    public ReadOnlyStringProperty certificateWarningsProperty() {
        return certificateWarnings.getReadOnlyProperty();
    }

    /** True while the files of the current fields are being checked. */
    public ReadOnlyBooleanProperty checkingFilesProperty() {
        return checkingFiles.getReadOnlyProperty();
    }

    /** Every field is fine and checked: the connection can be tested and saved. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    // ---------------------------------------------------------------- validation

    private ConnectionForm form() {
        return new ConnectionForm(transport.get(), user.get(), host.get(), port.get(), keyFile.get(), tlsSource.get(),
                tlsFolder.get(), caCert.get(), clientCert.get(), clientKey.get(), testFile.get(), customUri.get());
    }

    private void formChanged() {
        generation++;
        ConnectionValidator.Result check = service.validator().check(form());
        spec = check.spec();
        files = check.files();
        syntaxProblems = check.problems();
        fileProblems = Map.of();
        defaultPort.set(transport.get().defaultPort() > 0 ? String.valueOf(transport.get().defaultPort()) : "");
        transportHint.set(hint(transport.get()));
        uriPreview.set(spec != null ? service.uris().build(spec, id) : "");
        suggestedName.set(spec != null ? suggestName(spec) : "");
        certificateInfo.set("");
        certificateWarnings.set("");
        // a test result belongs to the fields it was made with
        testState.set(TestState.IDLE);
        testMessage.set("");
        promptHostKey(null);
        saveError.set("");
        checkingFiles.set(!files.isEmpty());
        if (!files.isEmpty()) {
            inspect();
        }
        publishProblems();
    }

    /** One check at a time; changes made meanwhile are checked once it ends (typing gives many changes). */
    private void inspect() {
        if (inspecting) {
            inspectAgain = true;
            return;
        }
        inspecting = true;
        int gen = generation;
        ConnectionInspector.Paths checked = files;
        tasks.execute(BackgroundTask.async(l10n.lang("task.checkConnectionFiles"), () -> service.inspect(checked))
                .onSuccess(report -> {
                    if (gen == generation) {
                        applyReport(report);
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        LOG.warn("checking the connection's files failed: {}", e.toString());
                        fileProblems = Map.of(ConnectionField.URI, l10n.lang("connection.error.checkFailed", String.valueOf(e.getMessage())));
                        checkingFiles.set(false);
                        publishProblems();
                    }
                })
                .onFinished(() -> {
                    inspecting = false;
                    if (inspectAgain) {
                        inspectAgain = false;
                        if (!files.isEmpty()) {
                            inspect();
                        }
                    }
                }));
    }

    private void applyReport(ConnectionInspector.Report report) {
        fileProblems = report.problems();
        certificateInfo.set(report.certificateInfo());
        certificateWarnings.set(String.join("\n", report.certificateWarnings()));
        checkingFiles.set(false);
        publishProblems();
    }

    private void publishProblems() {
        for (ConnectionField f : ConnectionField.values()) {
            String msg = syntaxProblems.getOrDefault(f, fileProblems.getOrDefault(f, ""));
            errors.get(f).set(touched.contains(f) ? msg : "");
        }
        valid.set(spec != null && fileProblems.isEmpty() && !checkingFiles.get());
    }

    private String hint(Transport t) {
        return switch (t) {
            case SSH -> l10n.lang("connection.hint.ssh", service.files().knownHostsFile());
            case TLS -> l10n.lang("connection.hint.tls");
            case TCP -> l10n.lang("connection.hint.tcp");
            case LOCAL_SYSTEM -> l10n.lang("connection.hint.localSystem");
            case LOCAL_SESSION -> l10n.lang("connection.hint.localSession");
            case TEST -> l10n.lang("connection.hint.test");
            case CUSTOM -> l10n.lang("connection.hint.custom");
        };
    }

    private String suggestName(ConnectionSpec s) {
        if (s instanceof ConnectionSpec.Ssh ssh) {
            return ssh.host();
        }
        if (s instanceof ConnectionSpec.Tls tls) {
            return tls.host();
        }
        if (s instanceof ConnectionSpec.Tcp tcp) {
            return tcp.host();
        }
        if (s instanceof ConnectionSpec.Local local) {
            return local.session() ? l10n.lang("connection.name.localSession") : l10n.lang("connection.name.localSystem");
        }
        if (s instanceof ConnectionSpec.Test test) {
            // while the user types, the path may be just "/" (no file name yet)
            return test.fixture() == null || test.fixture().getFileName() == null
                    ? l10n.lang("connection.name.test") : test.fixture().getFileName().toString();
        }
        String uri = ((ConnectionSpec.Custom) s).uri();
        try {
            String h = new URI(uri).getHost();
            return h != null ? h : uri;
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    private String effectiveName() {
        String n = name.get() == null ? "" : name.get().strip();
        return n.isEmpty() ? suggestedName.get() : n;
    }

    // ---------------------------------------------------------------- test

    public ReadOnlyObjectProperty<TestState> testStateProperty() {
        return testState.getReadOnlyProperty();
    }

    /** What the last test found: connected with what, or the specific reason it failed. */
    public ReadOnlyStringProperty testMessageProperty() {
        return testMessage.getReadOnlyProperty();
    }

    /** The SSH host key the user is asked to accept or reject, or null. */
    public ReadOnlyObjectProperty<HostKey> hostKeyPromptProperty() {
        return hostKeyPrompt.getReadOnlyProperty();
    }

    /** The prompted key's type (ED25519, ECDSA, RSA), or "unknown type". */
    public ReadOnlyStringProperty hostKeyTypeProperty() {
        return hostKeyType.getReadOnlyProperty();
    }

    /** Why the user is asked, and how to check the fingerprint on the host itself. */
    public ReadOnlyStringProperty hostKeyExplanationProperty() {
        return hostKeyExplanation.getReadOnlyProperty();
    }

    /** Opens the connection once (off the UI thread), reports what it found, and closes it. */
    public void testConnection() {
        runTest(null);
    }

    /** Accepts the prompted host key and tests again; libvirt then stores the key in Rackdesk's known_hosts. */
    public void acceptHostKey() {
        HostKey key = hostKeyPrompt.get();
        if (key != null) {
            LOG.info("user accepted the SSH host key of {}: {} {}", key.address(), key.keyType(), key.fingerprint());
            runTest(key);
        }
    }

    /** Declines the prompted host key: nothing is stored and the test ends as failed. */
    public void rejectHostKey() {
        HostKey key = hostKeyPrompt.get();
        if (key != null) {
            promptHostKey(null);
            testState.set(TestState.FAILED);
            testMessage.set(l10n.lang("connection.test.hostKeyRejected", key.address()));
        }
    }

    private void runTest(HostKey accepted) {
        if (!valid.get() || testState.get() == TestState.RUNNING) {
            return;
        }
        int gen = generation;
        ConnectionSpec tested = spec;
        promptHostKey(null);
        testState.set(TestState.RUNNING);
        testMessage.set(l10n.lang("connection.test.running", uriPreview.get()));
        tasks.execute(BackgroundTask.async(l10n.lang("task.testConnection", effectiveName()), () -> service.test(tested, id, accepted))
                .onSuccess(r -> {
                    if (gen == generation) {
                        testSucceeded(r);
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        testFailed(tested, e);
                    }
                }));
    }

    private void promptHostKey(HostKey key) {
        hostKeyPrompt.set(key);
        if (key == null) {
            hostKeyType.set("");
            hostKeyExplanation.set("");
            return;
        }
        String type = key.displayType();
        hostKeyType.set(type != null ? type : l10n.lang("connection.hostKey.unknownType"));
        // the host's own fingerprint: ssh-keygen -lf on the public key file of that type
        String file = type == null ? "ssh_host_*_key.pub" : "ssh_host_" + type.toLowerCase(Locale.ROOT) + "_key.pub";
        hostKeyExplanation.set(l10n.lang("connection.hostKey.explanation", key.address(), "ssh-keygen -lf /etc/ssh/" + file));
    }

    private void testSucceeded(ConnectionTestResult r) {
        testState.set(TestState.CONNECTED);
        testMessage.set(l10n.lang("connection.test.connected", r.host().hostname(), r.host().driver(), r.host().libvirtVersion(),
                r.vmCount()));
    }

    private void testFailed(ConnectionSpec tested, Throwable e) {
        if (e instanceof UnknownHostKeyException u) {
            promptHostKey(u.hostKey());
            testState.set(TestState.HOST_KEY_UNKNOWN);
            testMessage.set(l10n.lang("connection.test.unknownHostKey", u.hostKey().address()));
            return;
        }
        testState.set(e instanceof ChangedHostKeyException ? TestState.HOST_KEY_CHANGED : TestState.FAILED);
        testMessage.set(service.diagnostics().describe(tested, e));
    }

    // ---------------------------------------------------------------- save

    /** True while the connection's files are being copied for saving. */
    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Why saving failed (the fields stay as typed), or empty. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    /** The connection to store, set once {@link #save()} has succeeded. */
    public ReadOnlyObjectProperty<ConnectionSettings> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /**
     * Copies separately chosen TLS files into the connection's own folder (off the UI thread), then
     * sets {@link #resultProperty()}.
     */
    public void save() {
        if (!valid.get() || saving.get()) {
            return;
        }
        int gen = generation;
        ConnectionSpec saved = spec;
        String savedName = effectiveName();
        boolean auto = autoconnect.get();
        saving.set(true);
        saveError.set("");
        tasks.execute(BackgroundTask.async(l10n.lang("task.saveConnection", savedName), () -> service.install(saved, id))
                .onSuccess(uri -> {
                    if (gen == generation) {
                        result.set(new ConnectionSettings(id, savedName, uri, auto, keepsDemo(uri)));
                    }
                })
                .onFailure(e -> saveError.set(l10n.lang("connection.error.saveFailed", String.valueOf(e.getMessage()))))
                .onFinished(() -> saving.set(false)));
    }

    /** The bundled demo host stays one (its URI is re-pointed at start-up) only while its URI is unchanged. */
    private boolean keepsDemo(String uri) {
        return mode == Mode.EDIT && original.demo() && original.uri().equals(uri);
    }
}
