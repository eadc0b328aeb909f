package io.rackdesk.app.ceph.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.testsupport.CephLab;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link RbdImages#watchers} on the Ceph lab (our binding of rbd_watchers_list): none on a fresh
 * image, one while another client ('rbd watch') has it open, none again after. The image
 * "rbdatt-w-…" is removed afterwards.
 */
class RbdWatchersLabTest {
    @Test
    void listsTheClientsThatHaveTheImageOpen() throws Exception {
        CephLab.require();
        RbdImageRef image = new RbdImageRef("rbd", "rbdatt-w-" + UUID.randomUUID().toString().substring(0, 6));
        try (CephClient ceph = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin",
                Duration.ofSeconds(15)))) {
            RbdImages rbd = new RbdImages(ceph);
            rbd.create(image, 16L << 20);
            Process watch = null;
            try {
                assertEquals(List.of(), rbd.watchers(image), "nobody has it open; our read-only handle sets no watch");
                watch = new ProcessBuilder("timeout", "120", "rbd", "-c", CephLab.conf().toString(), "-k",
                        CephLab.keyring().toString(), "watch", image.toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                List<String> seen = List.of();
                for (int i = 0; i < 100 && seen.isEmpty(); i++) {
                    Thread.sleep(200);
                    seen = rbd.watchers(image);
                }
                assertEquals(1, seen.size(), seen.toString());
                assertTrue(seen.get(0).matches(".*\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+/\\d+"), "an address as 'rbd status' shows it: " + seen);
            } finally {
                if (watch != null) {
                    watch.destroy();
                    watch.waitFor();
                }
                for (int i = 0; i < 60; i++) {   // the watch times out on the OSD a moment after the process ends
                    try {
                        rbd.delete(image);
                        break;
                    } catch (io.rackdesk.app.ceph.CephException e) {
                        Thread.sleep(500);
                    }
                }
            }
        }
    }
}
