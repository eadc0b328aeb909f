package io.rackdesk.app.ceph.rbd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a hypervisor needs to open an RBD image: a cephx client with rbd caps on the image's pool
 * ({@code auth get-or-create client.NAME mon 'profile rbd' osd 'profile rbd pool=POOL'}, or the pool
 * added to an existing client's osd caps), its key, and the monitors' msgr1 addresses from the mon
 * map. The key is held as bytes, never put in a message, a log or {@link #toString()}.
 */
public final class RbdClientAccess implements AutoCloseable {
    public static final String DEFAULT_CLIENT = "rackdesk-libvirt";
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final RbdImageRef image;
    private final String clientId;
    private final List<String> monitors;
    private final byte[] key;
    private final boolean created;
    private final boolean capsExtended;

    private RbdClientAccess(RbdImageRef image, String clientId, List<String> monitors, byte[] key, boolean created,
            boolean capsExtended) {
        this.image = image;
        this.clientId = clientId;
        this.monitors = List.copyOf(monitors);
        this.key = key;
        this.created = created;
        this.capsExtended = capsExtended;
    }

    /**
     * An access whose key the caller already holds (a copy is kept): for callers that prepared the
     * client elsewhere, and tests.
     */
    public static RbdClientAccess of(RbdImageRef image, String clientId, List<String> monitors, byte[] key, boolean created,
            boolean capsExtended) {
        return new RbdClientAccess(Objects.requireNonNull(image), Objects.requireNonNull(clientId), monitors, key.clone(),
                created, capsExtended);
    }

    /** Whether {@code clientId} is a cephx client id prepare accepts (without "client."). */
    public static boolean validClientId(String clientId) {
        return clientId != null && CLIENT.matcher(clientId).matches() && !clientId.startsWith("client.");
    }

    /**
     * Checks that the image exists, creates or reuses {@code client.CLIENTID} with rbd caps on its
     * pool (adding the pool to an existing client's osd caps when it lacks it) and reads the monitor
     * map. Runs on the cluster's worker.
     */
    public static RbdClientAccess prepare(CephClient client, RbdImageRef image, String clientId) throws CephException {
        Objects.requireNonNull(image);
        if (!validClientId(clientId)) {
            throw new IllegalArgumentException("the cephx client id '" + clientId
                    + "' may hold letters, digits, '.', '_' and '-' only, without 'client.'");
        }
        new RbdImages(client).image(image, false);   // "no RBD image POOL/IMAGE" before touching auth
        String entity = "client." + clientId;
        String wanted = "profile rbd pool=" + image.pool();
        JsonNode existing = authGet(client, entity);
        boolean created = false;
        boolean extended = false;
        if (existing == null) {
            ObjectNode c = CephClient.command("auth get-or-create");
            c.put("entity", entity);
            ArrayNode caps = c.putArray("caps");
            caps.add("mon").add("profile rbd").add("osd").add(wanted);
            client.monCommand(c);
            created = true;
        } else {
            String osd = existing.path("caps").path("osd").asText("");
            if (!covers(osd, image.pool())) {
                String mon = existing.path("caps").path("mon").asText("");
                ObjectNode c = CephClient.command("auth caps");
                c.put("entity", entity);
                ArrayNode caps = c.putArray("caps");
                caps.add("mon").add(mon.isBlank() ? "profile rbd" : mon).add("osd").add(osd.isBlank() ? wanted : osd + ", " + wanted);
                existing.path("caps").fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("mon") && !e.getKey().equals("osd")) {
                        caps.add(e.getKey()).add(e.getValue().asText());
                    }
                });
                client.monCommand(c);
                extended = true;
            }
        }
        JsonNode now = authGet(client, entity);
        if (now == null || !now.path("key").isTextual()) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "the cluster made " + entity + " but did not give its key");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(now.path("key").asText());
        } catch (IllegalArgumentException e) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "the key of " + entity + " is not base64");
        }
        return new RbdClientAccess(image, clientId, monitors(client), key, created, extended);
    }

    /** True when these osd caps let a client use RBD images in {@code pool}. */
    static boolean covers(String osdCaps, String pool) {
        for (String grant : osdCaps.split(",")) {
            String g = grant.strip().replaceAll("\\s+", " ");
            if (g.equals("allow *") || g.equals("profile rbd") || g.equals("allow rwx")
                    || g.equals("profile rbd pool=" + pool) || g.equals("allow rwx pool=" + pool)
                    || g.equals("allow * pool=" + pool)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode authGet(CephClient client, String entity) throws CephException {
        ObjectNode c = CephClient.command("auth get");
        c.put("entity", entity);
        try {
            JsonNode r = client.monCommand(c);
            return r != null && r.isArray() && r.size() > 0 ? r.get(0) : null;
        } catch (CephException e) {
            if (e.errno() == -2) {
                return null;
            }
            throw e;
        }
    }

    /** The monitors' msgr1 addresses ("127.0.0.1:6789"), which QEMU's librbd reaches with a plain HOST:PORT. */
    public static List<String> monitors(CephClient client) throws CephException {
        return monitorsOf(client.monCommand(CephClient.command("mon dump")));
    }

    static List<String> monitorsOf(JsonNode monDump) throws CephException {
        List<String> out = new ArrayList<>();
        for (JsonNode mon : monDump.path("mons")) {
            String v1 = null;
            String any = null;
            for (JsonNode a : mon.path("public_addrs").path("addrvec")) {
                String addr = a.path("addr").asText(null);
                if (addr == null) {
                    continue;
                }
                any = any == null ? addr : any;
                if ("v1".equals(a.path("type").asText())) {
                    v1 = addr;
                }
            }
            if (v1 == null && any == null) {
                String legacy = mon.path("addr").asText("");   // "127.0.0.1:6789/0"
                int slash = legacy.indexOf('/');
                any = legacy.isEmpty() ? null : slash > 0 ? legacy.substring(0, slash) : legacy;
            }
            String chosen = v1 != null ? v1 : any;
            if (chosen != null) {
                out.add(chosen);
            }
        }
        if (out.isEmpty()) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "the monitor map lists no monitor address");
        }
        return out;
    }

    public RbdImageRef image() {
        return image;
    }

    /** "rackdesk-libvirt" (libvirt's {@code <auth username=>}). */
    public String clientId() {
        return clientId;
    }

    /** "client.rackdesk-libvirt secret", libvirt's usage name for the secret. */
    public String secretUsage() {
        return "client." + clientId + " secret";
    }

    public List<String> monitors() {
        return monitors;
    }

    /** A copy of the raw (base64-decoded) key, as libvirt's secret value wants it; zero it after use. */
    public byte[] key() {
        return key.clone();
    }

    /** Whether the client was made now (false: it existed). */
    public boolean created() {
        return created;
    }

    /** Whether the image's pool was added to an existing client's osd caps. */
    public boolean capsExtended() {
        return capsExtended;
    }

    /** Zeroes the key. */
    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public String toString() {
        return "client." + clientId + " for " + image + " via " + monitors + " (key hidden)";
    }
}
