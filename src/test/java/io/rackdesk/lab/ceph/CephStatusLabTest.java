package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephStatusReader;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.cli.RackdeskCommand;
import io.rackdesk.testsupport.CephLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ceph-status and the librados client against the lab cluster (scripts/lab/start-ceph-lab.sh + seed-ceph-lab.sh). */
class CephStatusLabTest {
    private static final Duration SHORT = Duration.ofSeconds(3);
    @TempDir
    Path dir;

    @BeforeEach
    void lab() {
        CephLab.require();
    }

    record Run(int exit, String out, String err, long millis) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    static Run cephStatus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        String[] all = new String[args.length + 1];
        all[0] = "ceph-status";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = RackdeskCommand.run(all, g -> {
            throw new AssertionError("no GUI");
        }, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    }

    static Run byConf(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("--conf", CephLab.conf().toString(), "--keyring", CephLab.keyring().toString()));
        a.addAll(List.of(more));
        return cephStatus(a.toArray(String[]::new));
    }

    @Test
    void jsonAgreesWithTheCephCli() {
        CephAgreement.eventually(Duration.ofSeconds(30), () -> {
            Run r = byConf();
            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.err());
            CephAgreement.assertAgrees(r.json(), CephAgreement.Cli.read());
        });
    }

    @Test
    void theSeededPoolsAreThereAndTheClusterIsHealthy() {
        JsonNode s = byConf().json();
        assertEquals(CephLab.get("RACKDESK_CEPH_FSID"), s.path("fsid").asText());
        assertEquals("HEALTH_OK", s.path("health").asText(), s.toString());
        assertEquals(Integer.parseInt(CephLab.get("RACKDESK_CEPH_OSDS")), s.path("osds").path("up").asInt());
        assertEquals(s.path("pgs").path("total").asInt(), s.path("pgs").path("clean").asInt());
        List<String> pools = new java.util.ArrayList<>();
        s.path("pools").forEach(p -> pools.add(p.path("name").asText() + ":" + p.path("type").asText()));
        assertTrue(pools.containsAll(List.of("lab-repl:replicated", "lab-ec:erasure", "rbd:replicated")), pools.toString());
    }

    @Test
    void monitorAddressIdAndKeyFileReachTheSameCluster() {
        Run r = cephStatus("--mon", CephLab.get("RACKDESK_CEPH_MON"), "--id", "admin", "--key-file", CephLab.get("RACKDESK_CEPH_KEY_FILE"),
                "--format", "text");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("cluster " + CephLab.get("RACKDESK_CEPH_FSID")), r.out());
        Run v2 = cephStatus("--mon", CephLab.get("RACKDESK_CEPH_MON_V2"), "--id", "admin", "--key-file",
                CephLab.keyring().toString());
        assertEquals(0, v2.exit(), "msgr2 address and the key taken from a keyring: " + v2.err());
        String both = "[" + CephLab.get("RACKDESK_CEPH_MON_V2") + ",v1:" + CephLab.get("RACKDESK_CEPH_MON") + "]";
        Run vec = cephStatus("--mon", "127.0.0.1:1," + both, "--id", "admin", "--key-file", CephLab.get("RACKDESK_CEPH_KEY_FILE"));
        assertEquals(0, vec.exit(), "a dead monitor and Ceph's [v2:...,v1:...] form in one list: " + vec.err());
    }

    @Test
    void aMonitorThatDoesNotAnswerFailsWithinTheTimeout() throws Exception {
        // nothing listens on port 1: librados keeps retrying until client_mount_timeout
        Run r = cephStatus("--mon", "127.0.0.1:1", "--id", "admin", "--key-file", CephLab.get("RACKDESK_CEPH_KEY_FILE"),
                "--timeout", "" + SHORT.toSeconds());
        assertEquals(1, r.exit());
        assertEquals("rackdesk ceph-status: monitor unreachable at 127.0.0.1:1: no answer within 3 s\n", r.err());
        assertTrue(r.millis() >= SHORT.toMillis() - 500 && r.millis() < SHORT.toMillis() + 3000, r.millis() + " ms");
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailureWellWithinTheTimeout() throws Exception {
        Path key = Files.writeString(dir.resolve("wrong.key"), randomCephxKey());
        Run r = cephStatus("--mon", CephLab.get("RACKDESK_CEPH_MON"), "--id", "admin", "--key-file", key.toString(),
                "--timeout", "" + SHORT.toSeconds());
        assertEquals(1, r.exit());
        assertEquals("rackdesk ceph-status: authentication failed: wrong key for client.admin, or no such user on the cluster at "
                + CephLab.get("RACKDESK_CEPH_MON") + "\n", r.err());
        assertTrue(r.millis() < SHORT.toMillis(), r.millis() + " ms");
        assertTrue(!r.err().contains(Files.readString(key).strip()), "the key is never printed");
    }

    @Test
    void anUnknownUserIsAnAuthenticationFailure() {
        CephException e = assertThrows(CephException.class, () -> CephClient.connect(CephTarget.fromMonitors(
                List.of(CephLab.get("RACKDESK_CEPH_MON")), "nobody", Path.of(CephLab.get("RACKDESK_CEPH_KEY_FILE")), SHORT)));
        assertEquals(CephException.Kind.AUTHENTICATION, e.kind());
        assertEquals(-13, e.errno());
    }

    @Test
    void aKeyringThatTheConfNamesButIsMissingIsReported() throws Exception {
        Path keyring = dir.resolve("gone.keyring");
        String text = Files.readString(CephLab.conf()).replaceAll("(?m)^keyring = .*$", "keyring = " + keyring);
        Path conf = Files.writeString(dir.resolve("ceph.conf"), text);
        CephException e = assertThrows(CephException.class,
                () -> CephClient.connect(CephTarget.fromConf(conf, null, "admin", SHORT)));
        assertEquals(CephException.Kind.FILE, e.kind());
        assertEquals(-2, e.errno());
        assertEquals("keyring not found for client.admin: " + keyring, e.getMessage());

        Run r = byConf("--keyring", keyring.toString());
        assertEquals(2, r.exit(), "--keyring twice is a usage error: " + r.err());
        Run missing = cephStatus("--conf", CephLab.conf().toString(), "--keyring", keyring.toString());
        assertEquals("rackdesk ceph-status: keyring not found: " + keyring + "\n", missing.err());
    }

    @Test
    void statusAndCommandsThroughOneClient() throws Exception {
        try (CephClient c = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", SHORT))) {
            assertEquals(CephLab.get("RACKDESK_CEPH_FSID"), c.fsid());
            CephStatus s = CephStatusReader.read(c);
            assertEquals(3, s.osds().total());
            // served by the manager, directly or forwarded by the monitor
            assertTrue(c.mgrCommand(CephClient.command("pg stat")).path("pg_summary").has("num_pgs"));
            assertTrue(c.monCommand(CephClient.command("pg stat")).path("pg_summary").has("num_pgs"));
            CephException unknown = assertThrows(CephException.class, () -> c.monCommand(CephClient.command("no such command")));
            assertEquals(CephException.Kind.COMMAND, unknown.kind());
            assertEquals(-22, unknown.errno());
            CephException badPool = assertThrows(CephException.class,
                    () -> c.monCommand(CephClient.command("osd pool get").put("pool", "no-such-pool").put("var", "size")));
            assertTrue(badPool.getMessage().contains("no-such-pool"), badPool.getMessage());
        }
    }

    @Test
    void aClosedClientRefusesCommands() throws Exception {
        CephClient c = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", SHORT));
        c.close();
        c.close();
        assertThrows(CephException.class, () -> c.monCommand(CephClient.command("status")));
    }

    /** A well-formed cephx secret that the cluster does not know: type 1 (AES), time, length 16, random bytes. */
    static String randomCephxKey() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(28).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 1).putInt((int) (System.currentTimeMillis() / 1000)).putInt(0).putShort((short) 16);
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        b.put(k);
        return Base64.getEncoder().encodeToString(b.array());
    }
}
