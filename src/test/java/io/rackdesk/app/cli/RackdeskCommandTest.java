package io.rackdesk.app.cli;

import io.rackdesk.app.connections.ConnectionUris;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RackdeskCommandTest {
    private final List<GuiOptions> guiCalls = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RackdeskCommand.run(args, guiCalls::add, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpPrintsUsageAndDoesNotOpenTheGui() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().startsWith("Usage: rackdesk"), out.toString());
        assertTrue(out.toString().contains("--config-dir=DIR"), out.toString());
        assertEquals(List.of(), guiCalls);
    }

    @Test
    void versionNamesTheProduct() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("Rackdesk "), out.toString());
    }

    @Test
    void noArgumentsOpensTheGuiWithItsOptions() {
        assertEquals(0, run());
        assertEquals(List.of(new GuiOptions(Optional.empty())), guiCalls);
        assertEquals(0, run("--config-dir", "/tmp/rd"));
        assertEquals(new GuiOptions(Optional.of(Path.of("/tmp/rd"))), guiCalls.get(1));
    }

    @Test
    void connectUrisGoToTheGuiAndBadOnesAreRefusedWithTheReason() {
        assertEquals(0, run("--connect", "qemu+tls://kvm-01/system", "-c", "test:///default"));
        assertEquals(List.of("qemu+tls://kvm-01/system", "test:///default"), guiCalls.get(0).connect());
        assertEquals(2, run("--connect", "kvm-01"));
        assertTrue(err.toString().contains("--connect kvm-01: no scheme"), err.toString());
        assertEquals(2, run("--connect", "qemu+ssh://root@kvm 01/system"));
        assertTrue(err.toString().contains("not a URI"), err.toString());
        assertEquals(1, guiCalls.size(), "the GUI is not opened with a bad URI");
    }

    @Test
    void connectionNamesComeFromTheUri() {
        assertEquals("kvm-01 (qemu+ssh)", ConnectionUris.displayName("qemu+ssh://root@kvm-01/system"));
        assertEquals("demo-host.xml (test)", ConnectionUris.displayName("test:///tmp/x/demo-host.xml"));
        assertEquals("qemu:///system", ConnectionUris.displayName("qemu:///system"));
    }

    @Test
    void anUnknownOptionIsAnErrorWithTheReason() {
        assertNotEquals(0, run("--conect", "qemu:///system"));
        assertTrue(err.toString().contains("Unknown options: '--conect'"), err.toString());
        assertEquals(List.of(), guiCalls);
    }
}
