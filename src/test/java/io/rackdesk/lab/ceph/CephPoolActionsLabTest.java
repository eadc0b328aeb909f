package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephPoolActions;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.testsupport.CephLab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pool create (replicated and erasure-coded), edit and delete on the lab cluster, and the refusal when pool deletion is off. */
class CephPoolActionsLabTest {

    private static JsonNode pool(String name) {
        for (JsonNode p : CephLab.cli("osd", "pool", "ls", "detail")) {
            if (p.path("pool_name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void createEditAndDeletePools() throws Exception {
        CephLab.require();
        CephTarget target = CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", Duration.ofSeconds(10));
        try (CephClient c = CephClient.connect(target)) {
            for (String leftover : List.of("rackdesk-test-repl", "rackdesk-test-ec")) {
                if (pool(leftover) != null) {
                    CephPoolActions.delete(c, leftover);
                }
            }
            CephPoolActions.create(c, new CephPoolActions.Spec("rackdesk-test-repl", false, 2, 0, 0, "osd", 8, "off", "rbd"));
            JsonNode p = pool("rackdesk-test-repl");
            assertEquals(2, p.path("size").asInt());
            assertEquals(8, p.path("pg_num").asInt());
            assertEquals("off", p.path("pg_autoscale_mode").asText());
            assertTrue(p.path("application_metadata").has("rbd"));

            CephPoolActions.set(c, "rackdesk-test-repl", "size", "3");
            CephPoolActions.set(c, "rackdesk-test-repl", "min_size", "2");
            CephPoolActions.setQuota(c, "rackdesk-test-repl", 10L << 20, 1000);
            CephPools.Detail d = CephPools.read(c).stream().filter(x -> x.name().equals("rackdesk-test-repl")).findFirst().orElseThrow();
            assertEquals(3, d.size());
            assertEquals(2, d.minSize());
            assertEquals(10L << 20, d.quotaBytes());
            assertEquals(1000, d.quotaObjects());

            CephPoolActions.create(c, new CephPoolActions.Spec("rackdesk-test-ec", true, 0, 2, 1, "osd", 8, "warn", "rbd"));
            JsonNode ec = pool("rackdesk-test-ec");
            assertEquals("rackdesk-k2-m1-osd", ec.path("erasure_code_profile").asText());
            assertEquals(3, ec.path("type").asInt(), "erasure");
            assertEquals(3, ec.path("size").asInt(), "k + m");

            CephLab.run(List.of("timeout", "60", "ceph", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString(),
                    "tell", "mon.*", "injectargs", "--mon_allow_pool_delete=false"));
            try {
                CephException refused = assertThrows(CephException.class, () -> CephPoolActions.delete(c, "rackdesk-test-ec"));
                assertTrue(refused.getMessage().startsWith("the monitors refuse to delete pools: mon_allow_pool_delete is false"),
                        refused.getMessage());
            } finally {
                CephLab.run(List.of("timeout", "60", "ceph", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString(),
                        "tell", "mon.*", "injectargs", "--mon_allow_pool_delete=true"));
            }
            CephPoolActions.delete(c, "rackdesk-test-ec");
            CephPoolActions.delete(c, "rackdesk-test-repl");
            assertFalse(pool("rackdesk-test-ec") != null || pool("rackdesk-test-repl") != null);
        }
    }
}
