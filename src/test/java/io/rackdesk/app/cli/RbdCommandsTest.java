package io.rackdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.Lab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code rackdesk rbd-ls} and {@code rbd-attach}: usage errors without a cluster, and real runs on the labs. */
class RbdCommandsTest {
    private final List<GuiOptions> guiCalls = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RackdeskCommand.run(args, guiCalls::add, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String oneErrLine() {
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        return lines.get(0);
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("rbd-ls"));
        assertTrue(oneErrLine().startsWith("rackdesk rbd-ls: Error: Missing required argument"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("rbd-attach", "--conf", "a", "--keyring", "b", "--pool", "rbd", "--image", "i", "--domain", "vm"));
        assertTrue(oneErrLine().contains("--connect"), err.toString());
    }

    @Test
    void missingConfIsOneLine() {
        assertEquals(1, run("rbd-ls", "--conf", "/nonexistent/ceph.conf", "--keyring", "/nonexistent/k"));
        assertEquals("rackdesk rbd-ls: ceph.conf not found: /nonexistent/ceph.conf", oneErrLine());
    }

    @Test
    void rbdLsOnTheLab() throws Exception {
        CephLab.require();
        assertEquals(0, run("rbd-ls", "--conf", CephLab.conf().toString(), "--keyring", CephLab.keyring().toString(),
                "--pool", "rbd", "--usage"), err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode images = json.path("pools").get(0).path("images");
        JsonNode clone1 = null;
        JsonNode img1 = null;
        for (JsonNode i : images) {
            if (i.path("name").asText().equals("clone1")) {
                clone1 = i;
            } else if (i.path("name").asText().equals("img1")) {
                img1 = i;
            }
        }
        assertEquals("rbd/img1@snap1", clone1.path("parent").asText());
        assertEquals("snap1", img1.path("snapshots").get(0).path("name").asText());
        assertTrue(img1.path("snapshots").get(0).path("protected").asBoolean());
        assertEquals("rbd/clone1", img1.path("snapshots").get(0).path("children").get(0).asText());
        assertTrue(img1.path("used").asLong() > 0);

        out.getBuffer().setLength(0);
        assertEquals(0, run("rbd-ls", "--mon", CephLab.get("RACKDESK_CEPH_MON"), "--id", "admin", "--key-file",
                CephLab.get("RACKDESK_CEPH_KEY_FILE"), "--format", "text"), err.toString());
        assertTrue(out.toString().contains("rbd/img1  32.0 MiB\n  @snap1  32.0 MiB  protected  "), out.toString());
        assertTrue(out.toString().contains("\n    rbd/clone1  32.0 MiB\n"), out.toString());
    }

    @Test
    void rbdAttachOnBothLabs() {
        CephLab.require();
        Lab.require();
        String id = "rackdesk-cli-test";
        String image = "cli-" + UUID.randomUUID().toString().substring(0, 6);
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        String uri = Lab.get("RACKDESK_LAB_URI_TCP");
        List<String> rbd = List.of("timeout", "60", "rbd", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString());
        List<String> create = new ArrayList<>(rbd);
        create.addAll(List.of("create", "--size", "16M", "rbd/" + image));
        CephLab.run(create);
        try {
            assertEquals(0, run("rbd-attach", "--conf", CephLab.conf().toString(), "--keyring", CephLab.keyring().toString(),
                    "--pool", "rbd", "--image", image, "--connect", uri, "--domain", domain, "--client", id, "--config-only"),
                    err.toString());
            assertTrue(out.toString().startsWith("attached rbd/" + image + " to " + domain + " as vd"), out.toString());
            assertTrue(out.toString().contains("in its config (takes effect at the next start)"), out.toString());
            assertTrue(CephLab.run(List.of("virsh", "-c", uri, "dumpxml", "--inactive", domain)).contains("name='rbd/" + image + "'"));
            out.getBuffer().setLength(0);
            assertEquals(1, run("rbd-attach", "--conf", CephLab.conf().toString(), "--keyring", CephLab.keyring().toString(),
                    "--pool", "rbd", "--image", "no-such-image", "--connect", uri, "--domain", domain, "--client", id));
            assertEquals("rackdesk rbd-attach: no RBD image rbd/no-such-image", oneErrLine());
        } finally {
            String xml = CephLab.run(List.of("virsh", "-c", uri, "dumpxml", "--inactive", domain));
            int at = xml.indexOf("name='rbd/" + image + "'");
            if (at > 0) {
                int target = xml.indexOf("<target dev='", at);
                String dev = xml.substring(target + 13, xml.indexOf('\'', target + 13));
                CephLab.run(List.of("virsh", "-c", uri, "detach-disk", domain, dev, "--config"));
            }
            String secrets = CephLab.run(List.of("virsh", "-c", uri, "secret-list"));
            for (String line : secrets.lines().toList()) {
                if (line.contains("client." + id + " secret")) {
                    CephLab.run(List.of("virsh", "-c", uri, "secret-undefine", line.strip().split("\\s+")[0]));
                }
            }
            CephLab.cli("auth", "del", "client." + id);
            List<String> rm = new ArrayList<>(rbd);
            rm.addAll(List.of("rm", "rbd/" + image));
            CephLab.run(rm);
        }
    }
}
