package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephHealth;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephStatusReader;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.testsupport.CephLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Faults on the lab cluster. Stops one OSD of the lab cluster, sees it down and the PGs degraded within a few polls, checks that
 * ceph-status still agrees with the ceph CLI, then restarts it (scripts/lab/start-ceph-lab.sh) and waits
 * for HEALTH_OK with every PG active+clean again. Freezes the monitor (SIGSTOP) and sees a command time out.
 */
class CephOsdFaultLabTest {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int OSD = 1;

    @Test
    void aStoppedOsdIsSeenDownWithDegradedPgsAndTheClusterRecoversAfterItsRestart() throws Exception {
        CephLab.require();
        Path runDir = Path.of(CephLab.get("RACKDESK_CEPH_RUN_DIR"));
        try (CephClient client = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin",
                Duration.ofSeconds(10)))) {
            Polled healthy = poll(client, Duration.ofSeconds(120), s -> isHealthy(s));
            int osds = healthy.status().osds().total();

            ProcessHandle osd = labDaemon(runDir.resolve("osd." + OSD + ".pid"));
            long t0 = System.nanoTime();
            try {
                assertTrue(osd.destroy(), "SIGTERM to osd." + OSD);
                Polled down = poll(client, Duration.ofSeconds(60), s -> s.osds().up() == osds - 1);
                Polled degraded = poll(client, Duration.ofSeconds(60), s -> s.pgs().warning() > 0);
                System.out.printf("osd.%d stopped: seen down after %d ms (%d polls), PGs degraded after %d ms (%d polls)%n",
                        OSD, ms(t0, down.at()), down.polls(), ms(t0, degraded.at()), down.polls() + degraded.polls());
                assertTrue(down.polls() + degraded.polls() <= 20, "within a few polls: " + (down.polls() + degraded.polls()));

                CephStatus s = degraded.status();
                assertEquals("HEALTH_WARN", s.health());
                List<String> codes = s.checks().stream().map(CephStatus.Check::code).toList();
                assertTrue(codes.contains("OSD_DOWN"), codes.toString());
                assertEquals(osds, s.osds().in(), "a down OSD stays in for mon_osd_down_out_interval");
                assertTrue(s.pgs().byState().keySet().stream().anyMatch(st -> st.contains("degraded") || st.contains("undersized")),
                        s.pgs().byState().toString());

                // mute OSD_DOWN with a TTL: the next poll shows it muted, and so does the CLI
                CephHealth.mute(client, "OSD_DOWN", Duration.ofMinutes(10), false);
                Polled muted = poll(client, Duration.ofSeconds(15), st -> st.checks().stream()
                        .anyMatch(c -> c.code().equals("OSD_DOWN") && c.muted()));
                assertTrue(muted.polls() <= 3, "muted after " + muted.polls() + " polls");
                JsonNode mutes = CephLab.cli("health", "detail").path("mutes");
                assertEquals("OSD_DOWN", mutes.get(0).path("code").asText(), mutes.toString());
                CephHealth.unmute(client, "OSD_DOWN");
                poll(client, Duration.ofSeconds(15), st -> st.checks().stream().noneMatch(CephStatus.Check::muted));

                // the same through the command line, while the OSD is down
                CephAgreement.eventually(Duration.ofSeconds(30), () -> {
                    CephStatusLabTest.Run r = CephStatusLabTest.byConf();
                    assertEquals(0, r.exit(), r.err());
                    JsonNode json = r.json();
                    assertEquals(osds - 1, json.path("osds").path("up").asInt());
                    CephAgreement.assertAgrees(json, CephAgreement.Cli.read());
                });
            } finally {
                long t1 = System.nanoTime();
                restartLab();
                Polled back = poll(client, Duration.ofSeconds(180), CephOsdFaultLabTest::isHealthy);
                System.out.printf("osd.%d restarted: HEALTH_OK with every PG active+clean after %d ms%n", OSD, ms(t1, back.at()));
            }
        }
    }

    @Test
    void aMonitorThatStopsAnsweringTimesACommandOutInsteadOfHanging() throws Exception {
        CephLab.require();
        Duration timeout = Duration.ofSeconds(3);
        ProcessHandle mon = labDaemon(Path.of(CephLab.get("RACKDESK_CEPH_RUN_DIR")).resolve("mon.a.pid"));
        try (CephClient client = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", timeout))) {
            CephStatusReader.read(client);
            CephLab.run(List.of("kill", "-STOP", Long.toString(mon.pid()))); // hung, like a host behind a dropped firewall
            long t0 = System.nanoTime();
            CephException e;
            try {
                e = org.junit.jupiter.api.Assertions.assertThrows(CephException.class, () -> CephStatusReader.read(client));
            } finally {
                CephLab.run(List.of("kill", "-CONT", Long.toString(mon.pid())));
            }
            long ms = ms(t0, System.nanoTime());
            System.out.printf("a hung monitor: '%s' after %d ms%n", e.getMessage(), ms);
            assertEquals(CephException.Kind.TIMEOUT, e.kind());
            assertEquals("the monitor did not answer 'status' within 3 s (" + client.monitors() + ")", e.getMessage());
            assertTrue(ms >= 2500 && ms < 8000, ms + " ms");
            // and the same connection works again once the monitor answers
            CephAgreement.eventually(Duration.ofSeconds(30), () -> {
                try {
                    assertEquals(CephLab.get("RACKDESK_CEPH_FSID"), CephStatusReader.read(client).fsid());
                } catch (CephException again) {
                    throw new AssertionError(again.getMessage(), again);
                }
            });
        }
    }

    static boolean isHealthy(CephStatus s) {
        return s.health().equals("HEALTH_OK") && s.osds().up() == s.osds().total() && s.pgs().clean() == s.pgs().total();
    }

    record Polled(CephStatus status, int polls, long at) {
    }

    /** Reads the status every {@link #POLL} until {@code until} holds. */
    static Polled poll(CephClient client, Duration within, Predicate<CephStatus> until) throws CephException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        CephStatus last = null;
        for (int polls = 1;; polls++) {
            last = CephStatusReader.read(client);
            if (until.test(last)) {
                return new Polled(last, polls, System.nanoTime());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + within + "; last: " + last);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The daemon named by a lab pid file, checked to be this lab's (its command line names the lab's ceph.conf). */
    static ProcessHandle labDaemon(Path pidFile) throws IOException {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " of " + pidFile + " is gone"));
        String cmd = p.info().commandLine().orElse("");
        assertTrue(cmd.contains(CephLab.conf().toString()), "pid " + pid + " is not the lab's daemon: " + cmd);
        return p;
    }

    /** The lab's start script starts only the daemons that are down and waits for HEALTH_OK. */
    static void restartLab() {
        CephLab.run(List.of("env", "RACKDESK_CEPH_LAB_DIR=" + CephLab.get("RACKDESK_CEPH_LAB_DIR"), "bash",
                Path.of("scripts/lab/start-ceph-lab.sh").toAbsolutePath().toString()));
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
