package io.rackdesk.app.ssh;

import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.HostKeyException;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.connections.ssh.SshKeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH tunnels (direct-tcpip channels) to TCP ports on the far side of an SSH login: how Rackdesk
 * reaches a VNC console that listens on the loopback of a host behind a qemu+ssh connection.
 *
 * <p>One Apache MINA SSHD client for the app; ONE SSH session per {@link SshTarget} (user, host,
 * port, key files, known_hosts), shared by all its tunnels and counted by them: when the last tunnel
 * closes, the session is closed after {@code idleKeep} (at once when that is zero), so reopening a
 * console soon after does not log in again. The session authenticates with the target's key files
 * only (public key; no agent, no password, no ~/.ssh/config) and checks the host key strictly
 * against the target's known_hosts ({@link HostKeyCheck}): an unknown key throws
 * {@link io.rackdesk.app.connections.ssh.UnknownHostKeyException}, a changed one
 * {@link io.rackdesk.app.connections.ssh.ChangedHostKeyException}, both naming the key type and
 * SHA256 fingerprint. Connecting, authenticating and opening a channel each wait at most
 * {@code timeout}; keepalives every 15 s end a session whose host has gone (3 unanswered), and its
 * tunnels then fail with a message that says so.
 *
 * <p>Blocking: call {@link #open} on a worker thread, never on the JavaFX thread. SSHD's own threads
 * (sshd-SshClient-nio2-thread-N and a timer) carry the traffic; one daemon thread
 * "rackdesk-ssh-idle" closes idle sessions.
 */
public final class SshTunnels implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_IDLE_KEEP = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SshTunnels.class);
    private static final AttributeKey<Shared> SHARED = new AttributeKey<>();

    private final Duration timeout;
    private final Duration idleKeep;
    private final Map<SshTarget, Shared> sessions = new HashMap<>();
    /** Unknown host keys the user chose to trust: written to known_hosts when that very key is presented. */
    private final Map<SshTarget, HostKey> trusted = new java.util.concurrent.ConcurrentHashMap<>();
    private SshClient client;
    private ScheduledExecutorService idleTimer;
    private boolean closed;

    public SshTunnels() {
        this(DEFAULT_TIMEOUT, DEFAULT_IDLE_KEEP);
    }

    /** {@code timeout} bounds each connect, login and channel open; {@code idleKeep} how long an unused session stays. */
    public SshTunnels(Duration timeout, Duration idleKeep) {
        if (timeout.isNegative() || timeout.isZero() || idleKeep.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive and idleKeep not negative");
        }
        this.timeout = timeout;
        this.idleKeep = idleKeep;
    }

    /**
     * Opens a tunnel through {@code target} to {@code host}:{@code port} as seen from the SSH server
     * (e.g. 127.0.0.1 and a VNC port), logging in first unless a session to {@code target} is open.
     * Throws {@link HostKeyException} (unchecked) when the host key is refused, IOException for
     * everything else, each with a message for the user.
     */
    public Tunnel open(SshTarget target, String host, int port) throws IOException {
        Shared shared;
        synchronized (this) {
            if (closed) {
                throw new IOException("the SSH tunnels are shut down");
            }
            shared = sessions.get(target);
            if (shared == null || shared.ended()) {
                shared = new Shared(target);
                sessions.put(target, shared);
            }
            shared.refs++;
            if (shared.idleClose != null) {
                shared.idleClose.cancel(false);
                shared.idleClose = null;
            }
        }
        try {
            ClientSession session = shared.session();
            ChannelDirectTcpip channel = session.createDirectTcpipChannel(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(host, port));
            try {
                channel.open().verify(timeout);
            } catch (IOException e) {
                channel.close(true);
                throw new IOException(shared.ended() ? shared.endMessage()
                        : "the SSH server " + target + " did not open a channel to " + hostPort(host, port) + ": " + reason(e)
                                + " (is local forwarding allowed there, and is something listening on that port?)", e);
            }
            return new Tunnel(channel, hostPort(host, port), shared, this::release);
        } catch (IOException | RuntimeException e) {
            release(shared);
            throw e;
        }
    }

    /**
     * The user trusts {@code key}, which {@code target}'s server presented and its known_hosts does not
     * list: at the next login, if the server presents exactly this key, it is appended to the
     * target's known_hosts and the login goes on. A different key is checked as usual, and a changed
     * key (another of a listed type) is never trusted this way.
     */
    public void trustHostKey(SshTarget target, HostKey key) {
        trusted.put(target, key);
    }

    /** Open SSH sessions (connected, not yet closed), shared or idle. */
    public synchronized int sessionCount() {
        int n = 0;
        for (Shared s : sessions.values()) {
            if (s.isOpen()) {
                n++;
            }
        }
        return n;
    }

    /** Closes every session (and so every tunnel) and stops the SSH client. */
    @Override
    public void close() {
        List<Shared> all;
        SshClient c;
        ScheduledExecutorService timer;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(sessions.values());
            sessions.clear();
            c = client;
            client = null;
            timer = idleTimer;
            idleTimer = null;
        }
        all.forEach(Shared::closeSession);
        if (timer != null) {
            timer.shutdownNow();
        }
        if (c != null) {
            c.stop();
        }
    }

    private void release(Shared shared) {
        boolean closeNow = false;
        synchronized (this) {
            shared.refs--;
            if (shared.refs > 0) {
                return;
            }
            boolean current = sessions.get(shared.target) == shared;
            if (!current || idleKeep.isZero() || closed || shared.ended()) {
                if (current) {
                    sessions.remove(shared.target);
                }
                closeNow = true;
            } else {
                shared.idleClose = timer().schedule(() -> closeIdle(shared), idleKeep.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (closeNow) {
            shared.closeSession();
        }
    }

    private void closeIdle(Shared shared) {
        synchronized (this) {
            if (shared.refs > 0 || sessions.get(shared.target) != shared) {
                return;
            }
            sessions.remove(shared.target);
        }
        LOG.debug("closing the idle SSH session to {}", shared.target);
        shared.closeSession();
    }

    private synchronized ScheduledExecutorService timer() {
        if (idleTimer == null) {
            idleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rackdesk-ssh-idle");
                t.setDaemon(true);
                return t;
            });
        }
        return idleTimer;
    }

    private synchronized SshClient client() throws IOException {
        if (closed) {
            throw new IOException("the SSH tunnels are shut down");
        }
        if (client == null) {
            if (!SecurityUtils.isEDDSACurveSupported()) {
                LOG.warn("no EdDSA provider: ssh-ed25519 keys cannot be used");
            }
            SshClient c = SshClient.setUpDefaultClient();
            // only what the connection names: no ~/.ssh/config, no default identities, no agent, no passwords
            c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
            c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
            c.setAgentFactory(null);
            c.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
            c.setServerKeyVerifier(SshTunnels::verifyServerKey);
            CoreModuleProperties.AUTH_TIMEOUT.set(c, timeout);
            CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(c, timeout);
            CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO); // an idle console sends nothing for hours
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, Duration.ofSeconds(15));
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(c, Duration.ofSeconds(10));
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, 3);
            c.start();
            client = c;
        }
        return client;
    }

    private static boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        Shared shared = context == null ? null : context.getAttribute(SHARED);
        if (shared == null) {
            return false;
        }
        try {
            try {
                HostKeyCheck.check(shared.target, key);
            } catch (UnknownHostKeyException u) {
                Map<SshTarget, HostKey> trust = shared.owner().trusted;
                HostKey trusted = trust.get(shared.target);
                if (trusted == null || !trusted.sameKey(u.hostKey())) {
                    throw u;
                }
                HostKeyCheck.append(shared.target, key);
                trust.remove(shared.target, trusted);
                LOG.info("added the SSH host key of {} to {}: {} {}", u.hostKey().address(), shared.target.knownHosts(),
                        u.keyType(), u.fingerprint());
            }
            return true;
        } catch (HostKeyException | IOException e) {
            shared.refusal = e;
            return false;
        }
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().contains("Exception"))) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** One SSH session and the tunnels that use it. Fields under the service's lock unless said. */
    final class Shared implements SessionListener {
        final SshTarget target;
        int refs;
        ScheduledFuture<?> idleClose;
        volatile Exception refusal; // set by the host key verifier
        private volatile ClientSession session;
        private volatile boolean connected;
        private volatile String endReason;

        Shared(SshTarget target) {
            this.target = target;
        }

        SshTunnels owner() {
            return SshTunnels.this;
        }

        /** The logged-in session; the first caller logs in, the others wait for it (under this object's lock). */
        synchronized ClientSession session() throws IOException {
            if (session != null) {
                if (!session.isOpen() || endReason != null) {
                    throw new IOException(endMessage());
                }
                return session;
            }
            List<KeyPair> keys = loadKeys(target);
            ConnectFuture f = client().connect(target.user(), target.host(), target.port(),
                    AttributeRepository.ofKeyValuePair(SHARED, this), null);
            ClientSession s;
            try {
                s = f.verify(timeout).getSession();
            } catch (IOException e) {
                throw new IOException("cannot reach the SSH server " + target + ": " + reason(e), e);
            }
            session = s;
            s.addSessionListener(this);
            try {
                keys.forEach(s::addPublicKeyIdentity);
                s.auth().verify(timeout);
            } catch (IOException | RuntimeException e) {
                s.close(true);
                Exception refused = refusal;
                if (refused instanceof HostKeyException h) {
                    throw h;
                }
                if (refused instanceof IOException io) { // known_hosts cannot be read: a setup problem
                    throw new SshLoginException(io.getMessage(), e);
                }
                String m = reason(e);
                if (m.contains("No more authentication methods")) {
                    throw new SshLoginException("the SSH server " + target + " did not accept the key " + describeKeys(target)
                            + " for " + target.user() + " (public key authentication failed)", e);
                }
                throw new IOException("SSH login to " + target + " failed: " + m, e);
            }
            connected = true;
            LOG.info("SSH session to {} open (for tunnels)", target);
            return s;
        }

        boolean isOpen() {
            ClientSession s = session;
            return s != null && s.isOpen() && endReason == null;
        }

        /** The session existed and has ended (tunnels on it are dead). */
        boolean ended() {
            ClientSession s = session;
            return s != null && (!s.isOpen() || endReason != null);
        }

        String endMessage() {
            String r = endReason;
            return "the SSH session to " + target + " ended" + (r != null ? ": " + r : "");
        }

        void closeSession() {
            ClientSession s = session;
            if (s != null && endReason == null) {
                endReason = "closed by Rackdesk";
            }
            if (s != null) {
                s.close(false);
            }
        }

        @Override
        public void sessionException(Session s, Throwable t) {
            if (endReason == null && connected) {
                endReason = reason(t);
            }
        }

        @Override
        public void sessionDisconnect(Session s, int reason, String msg, String language, boolean initiator) {
            if (endReason == null && connected) {
                endReason = (initiator ? "disconnected: " : "the server disconnected: ") + (msg == null || msg.isBlank() ? "code " + reason : msg);
            }
        }

        @Override
        public void sessionClosed(Session s) {
            if (endReason == null && connected) {
                endReason = "the connection was lost";
            }
        }
    }

    /** The key pairs of {@code target}'s key files, or an IOException that says what is wrong with them. */
    static List<KeyPair> loadKeys(SshTarget target) throws IOException {
        boolean named = target.keyFiles().size() == 1;
        List<KeyPair> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : target.keyFiles()) {
            SshKeyFiles.Problem p = SshKeyFiles.check(file);
            if (p == SshKeyFiles.Problem.MISSING && !named) {
                continue; // one of ~/.ssh/id_*: ssh skips those that are not there
            }
            if (p != null) {
                problems.add(problem(file, p));
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, null);
                if (pairs != null) {
                    pairs.forEach(out::add);
                }
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                problems.add("the SSH key " + file + " cannot be read: " + reason(e));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (!problems.isEmpty()) {
            throw new SshLoginException(String.join("; ", problems));
        }
        throw new SshLoginException("no SSH key for " + target + ": none of " + describeKeys(target)
                + " exists; name one with keyfile= in the connection's URI");
    }

    private static String problem(Path file, SshKeyFiles.Problem p) {
        return switch (p) {
            case MISSING -> "the SSH key file " + file + " does not exist";
            case FOLDER -> "the SSH key file " + file + " is a folder";
            case UNREADABLE -> "the SSH key file " + file + " cannot be read (permissions?)";
            case PUBLIC_KEY -> file + " is a public key: the SSH tunnel needs the private key (the file without .pub)";
            case PUTTY_KEY -> file + " is a PuTTY key: convert it with puttygen FILE -O private-openssh";
            case PASSPHRASE -> "the SSH key " + file + " is passphrase-protected: not supported yet "
                    + "(Rackdesk stores no secrets and does not use ssh-agent yet); use a key without a passphrase";
            case NOT_A_KEY -> file + " is not an SSH private key";
        };
    }

    private static String describeKeys(SshTarget target) {
        return target.keyFiles().size() == 1 ? target.keyFiles().get(0).toString() : target.keyFiles().toString();
    }
}
