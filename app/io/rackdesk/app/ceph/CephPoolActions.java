package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Creating, changing and deleting pools, and the PG count rule of thumb. Calls block: run them on the
 * cluster's worker.
 */
public final class CephPoolActions {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final List<String> AUTOSCALE_MODES = List.of("on", "warn", "off");

    private CephPoolActions() {
    }

    /**
     * A new pool: replicated with {@code size} copies, or erasure-coded with k data and m coding chunks
     * spread over {@code failureDomain} (host, osd, rack...). {@code application} may be empty.
     */
    public record Spec(String name, boolean erasure, int size, int k, int m, String failureDomain, int pgNum, String autoscale,
            String application) {
        public Spec {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a pool name has letters, digits, '.', '_' and '-' (and does not start with one of the last three)");
            }
            if (pgNum < 1 || Integer.bitCount(pgNum) != 1) {
                throw new IllegalArgumentException("the PG count must be a power of two");
            }
            if (erasure ? k < 1 || m < 1 : size < 1) {
                throw new IllegalArgumentException(erasure ? "k and m must be at least 1" : "a pool keeps at least 1 copy");
            }
            if (!AUTOSCALE_MODES.contains(autoscale)) {
                throw new IllegalArgumentException("autoscale is on, warn or off");
            }
            application = application == null ? "" : application.strip();
            failureDomain = failureDomain == null || failureDomain.isBlank() ? "host" : failureDomain.strip();
        }

        /** The copies (or chunks) of each object: size, or k + m. */
        public int width() {
            return erasure ? k + m : size;
        }

        /** "rackdesk-k2-m1-osd": the erasure-code profile Rackdesk makes for k, m and the failure domain. */
        public String profileName() {
            return "rackdesk-k" + k + "-m" + m + "-" + failureDomain.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * PGs = OSDs x 100 / replicas, as a power of two 2^X: 2^X when PGs - 2^X is under a quarter of
     * PGs, else 2^(X+1). 3 OSDs, size 2 -> 150 -> 128.
     */
    public static int suggestPgNum(int osds, int replicas) {
        double target = Math.max(1, osds) * 100.0 / Math.max(1, replicas);
        int x = 31 - Integer.numberOfLeadingZeros((int) Math.max(1, Math.floor(target)));
        int lower = 1 << x;
        return target - lower < 0.25 * target ? lower : lower << 1;
    }

    public static void create(CephClient c, Spec s) throws CephException {
        ObjectNode cmd = CephClient.command("osd pool create").put("pool", s.name()).put("pg_num", s.pgNum()).put("pgp_num", s.pgNum());
        if (s.erasure()) {
            ObjectNode profile = CephClient.command("osd erasure-code-profile set").put("name", s.profileName());
            profile.putArray("profile").add("k=" + s.k()).add("m=" + s.m()).add("crush-failure-domain=" + s.failureDomain());
            c.monCommand(profile);
            cmd.put("pool_type", "erasure").put("erasure_code_profile", s.profileName());
        } else {
            cmd.put("pool_type", "replicated");
        }
        c.monCommand(cmd);
        if (!s.erasure()) {
            set(c, s.name(), "size", Integer.toString(s.size()));
        } else if (!s.application().isEmpty() && !s.application().equals("rgw")) {
            set(c, s.name(), "allow_ec_overwrites", "true"); // RBD and CephFS write in place
        }
        set(c, s.name(), "pg_autoscale_mode", s.autoscale());
        if (!s.application().isEmpty()) {
            enableApplication(c, s.name(), s.application());
        }
    }

    /** {@code osd pool set POOL VAR VAL}: size, min_size, pg_num, pg_autoscale_mode, ... */
    public static void set(CephClient c, String pool, String var, String value) throws CephException {
        c.monCommand(CephClient.command("osd pool set").put("pool", pool).put("var", var).put("val", value));
    }

    /** Quotas; 0 removes one. */
    public static void setQuota(CephClient c, String pool, long maxBytes, long maxObjects) throws CephException {
        c.monCommand(CephClient.command("osd pool set-quota").put("pool", pool).put("field", "max_bytes").put("val", Long.toString(maxBytes)));
        c.monCommand(CephClient.command("osd pool set-quota").put("pool", pool).put("field", "max_objects").put("val", Long.toString(maxObjects)));
    }

    public static void enableApplication(CephClient c, String pool, String app) throws CephException {
        c.monCommand(CephClient.command("osd pool application enable").put("pool", pool).put("app", app)
                .put("yes_i_really_mean_it", true));
    }

    /**
     * Deletes a pool and all its data. When the monitors refuse (mon_allow_pool_delete is false) the
     * exception says so and how to allow it.
     */
    public static void delete(CephClient c, String pool) throws CephException {
        try {
            c.monCommand(CephClient.command("osd pool delete").put("pool", pool).put("pool2", pool)
                    .put("yes_i_really_really_mean_it", true));
        } catch (CephException e) {
            if (e.errno() == -1 && e.getMessage().contains("mon_allow_pool_delete")) {
                throw new CephException(CephException.Kind.COMMAND, e.errno(), "the monitors refuse to delete pools: "
                        + "mon_allow_pool_delete is false (a safety default). An admin can allow it with "
                        + "'ceph config set mon mon_allow_pool_delete true' and set it back afterwards.", e);
            }
            throw e;
        }
    }
}
