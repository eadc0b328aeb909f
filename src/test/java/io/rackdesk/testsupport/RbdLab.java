package io.rackdesk.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** RBD objects of one test run on the Ceph lab: an image pool of its own, and removing whatever the run left. */
public final class RbdLab {
    private RbdLab() {
    }

    /** A small replicated pool with the rbd application, for clones across pools (reused if an earlier run left it). */
    public static void createImagePool(String pool) {
        boolean there = false;
        for (var p : CephLab.cli("osd", "pool", "ls")) {
            there |= p.asText().equals(pool);
        }
        if (!there) {
            CephLab.cli("osd", "pool", "create", pool, "8", "8", "replicated");
            CephLab.cli("osd", "pool", "application", "enable", pool, "rbd");
        }
    }

    /** Removes the images named {@code prefix}* in {@code pool} and rbd (flattened, snapshots unprotected and purged), then the pool. */
    public static void cleanUp(String prefix, String pool) {
        for (String p : List.of(pool, "rbd")) {
            List<String> mine = new ArrayList<>(rbd("ls", p).lines().map(String::strip).filter(n -> n.startsWith(prefix)).toList());
            Collections.reverse(mine); // "-clone" after "-base": clones go first
            for (String n : mine) {
                String ref = p + "/" + n;
                rbd("flatten", ref);
                for (String line : rbd("snap", "ls", ref).lines().skip(1).toList()) {
                    String[] cols = line.trim().split("\\s+");
                    if (cols.length > 1) {
                        rbd("snap", "unprotect", ref + "@" + cols[1]);
                    }
                }
                rbd("snap", "purge", ref);
                rbd("rm", ref);
            }
        }
        try {
            CephLab.cli("osd", "pool", "delete", pool, pool, "--yes-i-really-really-mean-it");
        } catch (RuntimeException | AssertionError e) {
            System.err.println("could not delete pool " + pool + ": " + e.getMessage());
        }
    }

    /** The rbd CLI's output, errors included; never fails (clean-up is best effort). */
    private static String rbd(String... args) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "rbd", "-c", CephLab.conf().toString(), "-k",
                CephLab.keyring().toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
