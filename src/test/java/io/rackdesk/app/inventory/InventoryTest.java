package io.rackdesk.app.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.testsupport.BlackHoleServer;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.FixtureGenerator;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory of real test-driver hosts, its JSON shape and its CSV. */
class InventoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Inventory collect(Duration callTimeout, Duration hostTimeout, String... uris) {
        LibvirtHostFactory factory = new LibvirtHostFactory(LibvirtEventLoop.start(), callTimeout);
        return new InventoryCollector(factory, hostTimeout).collect(List.of(uris));
    }

    private static Inventory collect(String... uris) {
        return collect(Duration.ofSeconds(30), Duration.ofSeconds(30), uris);
    }

    private static String write(InventoryFormat format, Inventory inventory) {
        StringWriter out = new StringWriter();
        format.write(inventory, out);
        return out.toString();
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        String uri = DemoHost.uri(dir);
        JsonNode root = JSON.readTree(write(InventoryFormat.JSON, collect(uri)));
        assertEquals(List.of("hosts"), fields(root));
        JsonNode host = root.get("hosts").get(0);
        assertEquals(List.of("uri", "hostname", "libvirtVersion", "error", "vms"), fields(host));
        assertEquals(uri, host.get("uri").asText());
        assertTrue(host.get("libvirtVersion").asText().matches("\\d+\\.\\d+\\.\\d+"), host.toString());
        assertFalse(host.get("hostname").asText().isEmpty());
        assertTrue(host.get("error").isNull(), "error is present, as null");
        assertEquals(DemoHost.VM_COUNT, host.get("vms").size());
        for (JsonNode vm : host.get("vms")) {
            assertEquals(List.of("name", "uuid", "state", "vcpus", "memoryKiB", "autostart", "persistent", "tags", "disks",
                    "snapshots"), fields(vm));
            for (JsonNode disk : vm.get("disks")) {
                assertEquals(List.of("target", "type", "source", "format", "backingChain"), fields(disk));
            }
            for (JsonNode snap : vm.get("snapshots")) {
                assertEquals(List.of("name", "parent", "current", "state", "creationTime"), fields(snap));
            }
        }
    }

    @Test
    void jsonOfTheDemoHost() throws Exception {
        JsonNode host = JSON.readTree(write(InventoryFormat.JSON, collect(DemoHost.uri(dir)))).get("hosts").get(0);
        Map<String, JsonNode> vms = StreamSupport.stream(host.get("vms").spliterator(), false)
                .collect(Collectors.toMap(v -> v.get("name").asText(), Function.identity()));
        assertEquals(JSON.readTree("""
                {"name": "db-01", "uuid": "23b8c1e9-3924-46de-beb1-3b9046685257", "state": "running", "vcpus": 8,
                 "memoryKiB": 33554432, "autostart": false, "persistent": true, "tags": ["prod", "db"],
                 "disks": [
                   {"target": "vda", "type": "file", "source": "/var/lib/libvirt/images/db-01.qcow2", "format": "qcow2",
                    "backingChain": ["/var/lib/libvirt/images/debian-12-golden.qcow2",
                                     "/var/lib/libvirt/images/debian-12-base.qcow2"]},
                   {"target": "vdb", "type": "network", "source": "vms/db-01-data", "format": "raw", "backingChain": []}],
                 "snapshots": [
                   {"name": "pre-pg16-upgrade", "parent": null, "current": false, "state": "running",
                    "creationTime": 1725904500},
                   {"name": "pg16-upgraded", "parent": "pre-pg16-upgrade", "current": false, "state": "running",
                    "creationTime": 1730151000},
                   {"name": "pre-schema-migration", "parent": "pg16-upgraded", "current": true, "state": "running",
                    "creationTime": 1731967500}]}
                """), vms.get("db-01"));
        Map<String, String> states = vms.values().stream()
                .collect(Collectors.toMap(v -> v.get("name").asText(), v -> v.get("state").asText()));
        assertEquals(Map.ofEntries(Map.entry("web-01", "running"), Map.entry("db-01", "running"),
                Map.entry("monitoring-01", "running"), Map.entry("dev-sandbox", "running"), Map.entry("scratch-01", "running"),
                Map.entry("api-gateway-01", "blocked"), Map.entry("ci-runner-01", "paused"), Map.entry("mail-01", "shutdown"),
                Map.entry("legacy-erp-01", "crashed"), Map.entry("win11-desktop", "pmsuspended"),
                Map.entry("k8s-worker-03", "shutoff"), Map.entry("ml-train-01", "shutoff"),
                Map.entry("sandbox-ubuntu", "shutoff"), Map.entry("kiosk-zürich", "shutoff")), states);
        assertFalse(vms.get("scratch-01").get("persistent").asBoolean(), "transient");
        JsonNode dev = vms.get("dev-sandbox").get("snapshots");
        assertEquals(7, dev.size());
        assertEquals(List.of("docker-engine"), StreamSupport.stream(dev.spliterator(), false)
                .filter(s -> s.get("current").asBoolean()).map(s -> s.get("name").asText()).toList());
        JsonNode cdrom = vms.get("sandbox-ubuntu").get("disks").get(1);
        assertEquals("/var/lib/libvirt/iso/ubuntu-24.04.1-live-server-amd64.iso", cdrom.get("source").asText());
        assertEquals(JSON.readTree("[]"), vms.get("kiosk-zürich").get("tags"), "no tags: an empty list");
    }

    @Test
    void csvOfTheDemoHost() {
        String uri = DemoHost.uri(dir);
        String csv = write(InventoryFormat.CSV, collect(uri));
        List<String> lines = List.of(csv.split("\r\n", -1));
        assertEquals("", lines.get(lines.size() - 1), "every record ends with CRLF");
        assertEquals("host,name,uuid,state,vcpus,memoryKiB,tags,disks,snapshots", lines.get(0));
        assertEquals(1 + DemoHost.VM_COUNT + 1, lines.size());
        assertTrue(lines.contains(uri + ",db-01,23b8c1e9-3924-46de-beb1-3b9046685257,running,8,33554432,prod;db,2,3"), csv);
        assertTrue(lines.contains(uri + ",dev-sandbox,972a8469-1641-4f82-8b9d-2434e465e150,running,4,8388608,dev,1,7"), csv);
        assertTrue(lines.contains(uri + ",kiosk-zürich,5be6128e-18c2-4797-a142-ea7d17be3111,shutoff,1,1048576,,1,0"), csv);
    }

    @Test
    void csvQuotesNamesWithCommasAndQuotes() {
        FixtureGenerator.Fixture f = FixtureGenerator.write(dir, FixtureGenerator.Options.of(16, 9));
        String csv = write(InventoryFormat.CSV, collect(f.uri()));
        List<List<String>> rows = parse(csv);
        assertEquals(17, rows.size());
        rows.forEach(r -> assertEquals(9, r.size(), r.toString()));
        List<String> names = rows.stream().skip(1).map(r -> r.get(1)).sorted().toList();
        assertEquals(f.vms().stream().map(FixtureGenerator.GeneratedVm::name).sorted().toList(), names);
        assertTrue(csv.contains(",\"lab, west 0006\","), csv);
        assertTrue(csv.contains(",\"db \"\"blue\"\" 0007\","), csv);
    }

    @Test
    void aFailedHostIsReportedAndTheOthersAreStillRead() {
        String good = DemoHost.uri(dir);
        Inventory inv = collect("test:///no/such/dir/host.xml", good);
        assertTrue(inv.hasFailures());
        Inventory.Host bad = inv.hosts().get(0);
        assertEquals("test:///no/such/dir/host.xml", bad.uri());
        assertTrue(bad.error().contains("/no/such/dir/host.xml"), bad.error());
        assertNull(bad.hostname());
        assertEquals(List.of(), bad.vms());
        assertEquals(good, inv.hosts().get(1).uri());
        assertNull(inv.hosts().get(1).error());
        assertEquals(DemoHost.VM_COUNT, inv.hosts().get(1).vms().size());
    }

    @Test
    void aSilentHostTimesOutWithoutHoldingUpTheOthers() throws Exception {
        try (BlackHoleServer blackHole = new BlackHoleServer()) {
            long start = System.nanoTime();
            Inventory inv = collect(Duration.ofSeconds(1), Duration.ofSeconds(30), blackHole.libvirtUri(), DemoHost.uri(dir));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("no answer within 1 s", inv.hosts().get(0).error());
            assertEquals(DemoHost.VM_COUNT, inv.hosts().get(1).vms().size());
            assertTrue(ms < 10_000, "took " + ms + " ms");
        }
    }

    @Test
    void theHostTimeoutBoundsConnectAndReadTogether() throws Exception {
        try (BlackHoleServer blackHole = new BlackHoleServer()) {
            long start = System.nanoTime();
            Inventory inv = collect(Duration.ofSeconds(60), Duration.ofSeconds(1), blackHole.libvirtUri());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals("no answer within 1 s", inv.hosts().get(0).error());
            assertTrue(ms < 10_000, "the per-host timeout, not the 60 s call timeout, ended it after " + ms + " ms");
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** A strict RFC 4180 reader, to show the CSV reads back into the same fields. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.isEmpty(), "the last record ends with CRLF");
        return rows;
    }
}
