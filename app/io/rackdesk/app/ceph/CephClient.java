package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.rackdesk.app.platform.NativeLibraries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One librados connection to a Ceph cluster. {@link #connect} always sets client_mount_timeout,
 * rados_mon_op_timeout and rados_osd_op_timeout first, so a wrong address or a dead cluster fails
 * within the target's timeout with a message that says which; commands are JSON mon or mgr
 * commands whose result buffers are given back to librados every time.
 *
 * <p>The handle is rados-java's ({@link RadosHandle}: create, configuration, connect, fsid, shutdown);
 * commands go through {@link LibRados}, our binding of what rados-java gets wrong.
 *
 * <p>Thread-safe: commands may run on several threads at once; {@link #close} waits for them (each
 * is bounded by the timeout) before it shuts the handle down. Calls block: run them on a worker.
 */
public final class CephClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CephClient.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Object LOAD_LOCK = new Object();
    private static LibRados library;
    private static String unavailable;

    private final LibRados rados;
    private final RadosHandle cluster;
    private final Pointer handle;
    private final CephTarget target;
    private final String monitors;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** rados-java's client with its rados_t, which our own calls take. */
    static final class RadosHandle extends Rados {
        RadosHandle(String clusterName, String entityName) {
            super(clusterName, entityName, 0);
        }

        Pointer pointer() {
            return clusterPtr;
        }
    }

    private CephClient(LibRados rados, RadosHandle cluster, CephTarget target, String monitors) {
        this.rados = rados;
        this.cluster = cluster;
        this.handle = cluster.pointer();
        this.target = target;
        this.monitors = monitors;
    }

    /** librados, loaded once; a {@link CephException.Kind#UNAVAILABLE} saying what to install when it is missing. */
    static LibRados library() throws CephException {
        synchronized (LOAD_LOCK) {
            if (library == null && unavailable == null) {
                try {
                    library = LibRados.load();
                } catch (LinkageError e) {
                    LOG.warn("librados is not available: {}", e.toString());
                    unavailable = NativeLibraries.missing(NativeLibraries.Library.RADOS);
                }
            }
            if (library == null) {
                throw new CephException(CephException.Kind.UNAVAILABLE, 0, unavailable);
            }
            return library;
        }
    }

    /** librados' version, e.g. "3.0.0", or why it cannot be used. */
    public static String libraryVersion() {
        try {
            library();
            int[] v = Rados.getVersion();
            return v[0] + "." + v[1] + "." + v[2];
        } catch (CephException e) {
            return e.getMessage();
        }
    }

    /** Connects to the cluster, or throws with a message for a person (never the key). */
    public static CephClient connect(CephTarget target) throws CephException {
        return connect(target, null);
    }

    /** As {@link #connect(CephTarget)}, through {@code rados} (tests wrap librados to watch its buffers) or the real one. */
    static CephClient connect(CephTarget target, LibRados rados) throws CephException {
        String key = precheck(target);
        if (rados == null) {
            rados = library();
        }
        RadosHandle h;
        try {
            h = new RadosHandle("ceph", target.entityName());
        } catch (LinkageError e) {   // rados-java loads librados itself: the same library as ours, so unlikely
            throw new CephException(CephException.Kind.UNAVAILABLE, 0, NativeLibraries.missing(NativeLibraries.Library.RADOS));
        }
        if (h.pointer() == null) {   // rados-java does not look at rados_create2's result
            throw new CephException(CephException.Kind.OTHER, 0, "librados could not create a client for " + target.entityName());
        }
        boolean connected = false;
        try {
            String monitors;
            if (target.usesConf()) {
                try {
                    h.confReadFile(target.conf().toFile());
                } catch (RadosException e) {
                    int rc = e.getReturnValue();
                    throw new CephException(rc == -2 ? CephException.Kind.FILE : CephException.Kind.INVALID, rc,
                            "cannot read ceph.conf " + target.conf() + ": " + CephErrors.name(rc));
                }
                if (target.keyring() != null) {
                    set(h, "keyring", target.keyring().toString());
                }
                monitors = get(h, "mon_host");
                if (monitors != null) {
                    MonitorAddresses.requireResolvable(List.of(monitors));
                }
            } else {
                monitors = String.join(",", target.monitors());
                set(h, "mon_host", MonitorAddresses.monHost(target.monitors()));
                try {
                    h.confSet("key", key);
                } catch (RadosException e) {
                    throw new CephException(CephException.Kind.INVALID, e.getReturnValue(), "the key in " + target.keySource()
                            + " is not a valid cephx key for " + target.entityName() + ": " + CephErrors.name(e.getReturnValue()));
                }
            }
            // librados prints its own errors on stderr and may bind an admin socket: a client needs neither
            set(h, "log_to_stderr", "false");
            set(h, "err_to_stderr", "false");
            set(h, "admin_socket", "");
            String t = target.timeoutSetting();
            set(h, "client_mount_timeout", t);
            set(h, "rados_mon_op_timeout", t);
            set(h, "rados_osd_op_timeout", t);

            long t0 = System.nanoTime();
            try {
                h.connect();
            } catch (RadosException e) {
                throw connectFailure(h, target, monitors, e.getReturnValue());
            }
            LOG.debug("connected to {} as {} in {} ms", monitors, target.entityName(), (System.nanoTime() - t0) / 1_000_000);
            connected = true;
            return new CephClient(rados, h, target, monitors);
        } finally {
            if (!connected) {
                h.shutDown();
            }
        }
    }

    /**
     * What can be checked without librados, with clearer messages than its bare error codes: the
     * ceph.conf and keyring exist and are readable, or the key file holds a cephx key for the client and
     * the monitor host names resolve. Returns the key read from a key file (null with a ceph.conf); a
     * dialog calls it to validate before saving, and must not keep or show the key.
     */
    public static String precheck(CephTarget target) throws CephException {
        if (target.usesConf()) {
            requireReadable(target.conf(), "ceph.conf");
            if (target.keyring() != null) {
                requireReadable(target.keyring(), "keyring");
            }
            return null;
        }
        String key = target.storedKey() != null ? storedKey(target) : readKey(target);
        MonitorAddresses.requireResolvable(target.monitors());
        return key;
    }

    private static CephException connectFailure(RadosHandle h, CephTarget target, String monitors, int rc) {
        String who = target.entityName();
        String at = monitors == null || monitors.isBlank() ? "(no monitor address configured)" : monitors;
        return switch (-rc) {
            case 110 -> new CephException(CephException.Kind.TIMEOUT, rc, "monitor unreachable at " + at
                    + ": no answer within " + target.timeoutSetting() + " s");
            case 13, 1 -> new CephException(CephException.Kind.AUTHENTICATION, rc, "authentication failed: wrong key for "
                    + who + ", or no such user on the cluster at " + at);
            case 2 -> new CephException(CephException.Kind.FILE, rc, target.usesConf()
                    ? "keyring not found for " + who + ": " + orUnset(get(h, "keyring"))
                    : "no key for " + who + " in " + target.keySource());
            case 22 -> new CephException(CephException.Kind.INVALID, rc, "invalid monitor address (" + at
                    + ") or malformed key for " + who);
            default -> new CephException(CephErrors.kindOf(rc), rc, "cannot connect to " + at + " as " + who + ": "
                    + CephErrors.name(rc));
        };
    }

    private static String orUnset(String v) {
        return v == null || v.isBlank() ? "no keyring configured" : v;
    }

    private static void requireReadable(Path file, String what) throws CephException {
        if (!Files.exists(file)) {
            throw new CephException(CephException.Kind.FILE, -2, what + " not found: " + file);
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new CephException(CephException.Kind.FILE, -13, what + " is not a readable file: " + file);
        }
    }

    private static String storedKey(CephTarget target) throws CephException {
        String key = target.storedKey().read();
        if (key == null || key.isBlank()) {
            throw new CephException(CephException.Kind.FILE, -2, "no key stored for " + target.entityName());
        }
        key = key.strip();
        if (!Keyrings.looksLikeCephxKey(key)) {
            throw new CephException(CephException.Kind.INVALID, -22, "malformed key for " + target.entityName()
                    + ": not a base64 cephx key as 'ceph auth print-key' prints it");
        }
        return key;
    }

    private static String readKey(CephTarget target) throws CephException {
        Path file = target.keyFile();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CephException(CephException.Kind.FILE, -2, "key file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new CephException(CephException.Kind.FILE, -13, "key file is not readable: " + file);
        } catch (IOException e) {
            throw new CephException(CephException.Kind.FILE, -5, "cannot read key file " + file + ": " + e.getMessage());
        }
        String key = Keyrings.keyFor(text, target.entityName()).orElseThrow(() -> new CephException(
                CephException.Kind.INVALID, -22, "no key for " + target.entityName() + " in " + file));
        if (!Keyrings.looksLikeCephxKey(key)) {
            throw new CephException(CephException.Kind.INVALID, -22, "malformed key for " + target.entityName() + " in " + file
                    + ": not a base64 cephx key as 'ceph auth print-key' prints it");
        }
        return key;
    }

    private static void set(RadosHandle h, String option, String value) throws CephException {
        try {
            h.confSet(option, value);
        } catch (RadosException e) {
            throw new CephException(CephException.Kind.INVALID, e.getReturnValue(), "librados refused " + option + " = " + value
                    + ": " + CephErrors.name(e.getReturnValue()));
        }
    }

    private static String get(RadosHandle h, String option) {
        try {
            return h.confGet(option);
        } catch (RadosException e) {
            return null;
        }
    }

    public CephTarget target() {
        return target;
    }

    /** The monitor addresses in use ("[v2:127.0.0.1:3300,v1:127.0.0.1:6789]" or as given). */
    public String monitors() {
        return monitors;
    }

    /** The cluster's fsid. */
    public String fsid() throws CephException {
        lock.readLock().lock();
        try {
            requireOpen();
            try {
                return cluster.clusterFsid();
            } catch (RadosException e) {
                int rc = e.getReturnValue();
                throw new CephException(CephErrors.kindOf(rc), rc, "cannot read the fsid: " + CephErrors.name(rc));
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Work on one pool's I/O context (rados-java's {@link IoCTX}); the context lives only during the call. */
    @FunctionalInterface
    public interface PoolCall<T> {
        T apply(IoCTX io) throws CephException;
    }

    /**
     * Runs {@code call} with an I/O context on {@code pool}, destroyed afterwards. librados' OSD
     * timeout (set on connect) bounds each object operation the call makes. A missing pool is a
     * {@link CephException} "no pool named 'NAME'".
     */
    public <T> T withPool(String pool, PoolCall<T> call) throws CephException {
        lock.readLock().lock();
        try {
            requireOpen();
            IoCTX io;
            try {
                io = cluster.ioCtxCreate(pool);
            } catch (RadosException e) {
                int rc = e.getReturnValue();
                throw new CephException(rc == -2 ? CephException.Kind.COMMAND : CephErrors.kindOf(rc), rc,
                        rc == -2 ? "no pool named '" + pool + "'" : "cannot open pool '" + pool + "': " + CephErrors.name(rc));
            }
            try {
                return call.apply(io);
            } finally {
                cluster.ioCtxDestroy(io);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A pool's name from its id (e.g. an RBD image's data pool), or null when there is no such pool. */
    public String poolName(long id) {
        lock.readLock().lock();
        try {
            return closed ? null : cluster.poolReverseLookup(id);
        } catch (RadosException e) {
            return null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A JSON command with format json for the monitor (which forwards mgr commands), e.g. {"prefix":"status"}. */
    public JsonNode monCommand(ObjectNode command) throws CephException {
        return run(command, false);
    }

    /** A JSON command sent to the active manager directly (pg dump, osd perf, ...). */
    public JsonNode mgrCommand(ObjectNode command) throws CephException {
        return run(command, true);
    }

    /** {"prefix": PREFIX, "format": "json"}, to add arguments to. */
    public static ObjectNode command(String prefix) {
        ObjectNode c = JSON.createObjectNode();
        c.put("prefix", prefix);
        c.put("format", "json");
        return c;
    }

    private JsonNode run(ObjectNode command, boolean mgr) throws CephException {
        Result r = raw(command.toString(), mgr);
        String prefix = command.path("prefix").asText("?");
        if (r.rc < 0) {
            String status = r.status.strip();
            if (r.rc == -110) {
                throw new CephException(CephException.Kind.TIMEOUT, r.rc, "the " + (mgr ? "manager" : "monitor")
                        + " did not answer '" + prefix + "' within " + target.timeoutSetting() + " s (" + monitors + ")");
            }
            throw new CephException(r.rc == -13 || r.rc == -1 ? CephException.Kind.AUTHENTICATION : CephException.Kind.COMMAND,
                    r.rc, "'" + prefix + "' failed: " + (status.isEmpty() ? "" : status + " ") + "(" + CephErrors.name(r.rc) + ")");
        }
        try {
            return JSON.readTree(r.out.isBlank() ? "null" : r.out);
        } catch (IOException e) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "'" + prefix + "' answered no JSON: " + e.getMessage(), e);
        }
    }

    record Result(int rc, String out, String status) {
    }

    /** Runs one command; the two buffers librados allocates are always freed. */
    Result raw(String json, boolean mgr) throws CephException {
        lock.readLock().lock();
        try {
            requireOpen();
            PointerByReference outbuf = new PointerByReference();
            PointerByReference outs = new PointerByReference();
            LibRados.SizeTByReference outbuflen = new LibRados.SizeTByReference();
            LibRados.SizeTByReference outslen = new LibRados.SizeTByReference();
            String[] cmd = {json};
            LibRados.SizeT one = new LibRados.SizeT(1);
            LibRados.SizeT zero = new LibRados.SizeT(0);
            int rc = mgr
                    ? rados.rados_mgr_command(handle, cmd, one, null, zero, outbuf, outbuflen, outs, outslen)
                    : rados.rados_mon_command(handle, cmd, one, null, zero, outbuf, outbuflen, outs, outslen);
            String out = take(outbuf, outbuflen);
            String status = take(outs, outslen);
            return new Result(rc, out, status);
        } finally {
            lock.readLock().unlock();
        }
    }

    private String take(PointerByReference buf, LibRados.SizeTByReference len) {
        Pointer p = buf.getValue();
        if (p == null) {
            return "";
        }
        try {
            long n = len.getValue();
            if (n > Integer.MAX_VALUE) {
                throw new IllegalStateException("a librados answer of " + n + " bytes");
            }
            return n == 0 ? "" : new String(p.getByteArray(0, (int) n), StandardCharsets.UTF_8);
        } finally {
            rados.rados_buffer_free(p);
        }
    }

    private void requireOpen() throws CephException {
        if (closed) {
            throw new CephException(CephException.Kind.OTHER, -108, "the connection to " + monitors + " is closed");
        }
    }

    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Shuts the librados handle down after the commands in flight (idempotent). */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                cluster.shutDown();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
