package io.rackdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.app.inventory.Inventory;
import io.rackdesk.testsupport.BlackHoleServer;
import io.rackdesk.testsupport.DemoHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rackdesk inventory}: output, exit codes and usage errors, on real test-driver hosts. */
class InventoryCommandTest {
    private static final String NO_SUCH_HOST = "test:///no/such.xml";

    @TempDir
    Path dir;
    private final List<GuiOptions> guiCalls = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RackdeskCommand.run(args, guiCalls::add, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void printsEveryVmAsJsonAndExitsZero() throws Exception {
        assertEquals(0, run("inventory", "--connect", DemoHost.uri(dir)), err.toString());
        assertEquals("", err.toString());
        Inventory inv = new ObjectMapper().readValue(out.toString(), Inventory.class);
        assertEquals(DemoHost.VM_COUNT, inv.hosts().get(0).vms().size());
        assertEquals(List.of(), guiCalls, "a subcommand never opens the GUI");
    }

    @Test
    void csvHasAHeaderAndARowPerVm() {
        assertEquals(0, run("inventory", "--connect", DemoHost.uri(dir), "--format", "CSV"));
        List<String> lines = out.toString().lines().toList();
        assertEquals("host,name,uuid,state,vcpus,memoryKiB,tags,disks,snapshots", lines.get(0));
        assertEquals(1 + DemoHost.VM_COUNT, lines.size());
    }

    @Test
    void aFailingHostExitsNonZeroWithOneLineAndTheGoodHostIsStillPrinted() throws Exception {
        String good = DemoHost.uri(dir);
        assertEquals(1, run("inventory", "--connect", NO_SUCH_HOST, "--connect", good));
        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).startsWith("rackdesk inventory: " + NO_SUCH_HOST + ": "), err.toString());
        assertTrue(errLines().get(0).contains("/no/such.xml"), "libvirt's reason: " + err);
        Inventory inv = new ObjectMapper().readValue(out.toString(), Inventory.class);
        assertEquals(List.of(NO_SUCH_HOST, good), inv.hosts().stream().map(Inventory.Host::uri).toList());
        assertEquals(DemoHost.VM_COUNT, inv.hosts().get(1).vms().size());
    }

    @Test
    void aFailingHostLeavesTheGoodHostsRowsInTheCsv() {
        String good = DemoHost.uri(dir);
        assertEquals(1, run("inventory", "--format", "csv", "--connect", good, "--connect", NO_SUCH_HOST));
        assertEquals(1 + DemoHost.VM_COUNT, out.toString().lines().count());
        assertTrue(out.toString().lines().skip(1).allMatch(l -> l.startsWith(good + ",")), out.toString());
        assertEquals(1, errLines().size(), err.toString());
    }

    @Test
    void aSilentHostTimesOut() throws Exception {
        try (BlackHoleServer blackHole = new BlackHoleServer()) {
            long start = System.nanoTime();
            assertEquals(1, run("inventory", "--connect", blackHole.libvirtUri(), "--connect", DemoHost.uri(dir),
                    "--timeout", "1"));
            assertEquals(List.of("rackdesk inventory: " + blackHole.libvirtUri() + ": no answer within 1 s"), errLines());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000);
            assertEquals(DemoHost.VM_COUNT,
                    new ObjectMapper().readValue(out.toString(), Inventory.class).hosts().get(1).vms().size());
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--connect", "not a uri"), "'not a uri': not a URI (Illegal character"),
                Arguments.of(List.of("--connect", "just-a-host-name"), "'just-a-host-name': no scheme"),
                Arguments.of(List.of("--connect", "test:///default", "--timeout", "0"), "must be more than 0 seconds, was 0"),
                Arguments.of(List.of("--connect", "test:///default", "--timeout=-5"), "must be more than 0 seconds, was -5"),
                Arguments.of(List.of("--connect", "test:///default", "--timeout", "soon"), "'soon' is not a whole number of seconds"),
                Arguments.of(List.of("--connect", "test:///default", "--timeout", "99999999999999"), "must be at most 86400 seconds"),
                Arguments.of(List.of("--connect", "test:///default", "--format", "xml"), "unknown format 'xml': use json or csv"),
                Arguments.of(List.of(), "Missing required option: '--connect=URI'"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void aUsageErrorIsOneLineAndExitCodeTwo(List<String> args, String reason) {
        List<String> all = new ArrayList<>(List.of("inventory"));
        all.addAll(args);
        assertEquals(2, run(all.toArray(String[]::new)));
        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).startsWith("rackdesk inventory: "), err.toString());
        assertTrue(errLines().get(0).contains(reason), err.toString());
        assertEquals("", out.toString(), "nothing on stdout for a script to mistake for output");
    }

    @Test
    void helpDescribesOptionsAndExitCodes() {
        assertEquals(0, run("inventory", "--help"));
        String help = out.toString();
        assertTrue(help.startsWith("Usage: rackdesk inventory"), help);
        for (String s : List.of("--connect=URI", "--format=FORMAT", "--timeout=SECONDS", "default: 15", "Exit codes:")) {
            assertTrue(help.contains(s), s + " in " + help);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("inventory"), "the main help lists the command: " + out);
    }
}
