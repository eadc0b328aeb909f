package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.model.HostSummary;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real lab libvirtd over every transport: the lab VM is listed, running. */
class LabTransportsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RACKDESK_LAB_URI_TCP", "RACKDESK_LAB_URI_TLS", "RACKDESK_LAB_URI_SSH", "RACKDESK_LAB_URI_LIBSSH"})
    void listsTheLabVmRunning(String key) throws Exception {
        String uri = Lab.get(key);
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        LibvirtHost host = new LibvirtHost(uri, new SerialWorker("lab-" + key), Duration.ofSeconds(20), LibvirtEventLoop.start());
        try {
            HostSummary summary = host.open().get(30, TimeUnit.SECONDS);
            assertEquals("QEMU", summary.driver());
            assertTrue(summary.libvirtVersion().matches("\\d+\\.\\d+\\.\\d+"), summary.libvirtVersion());
            List<VmSummary> vms = host.listVms().get(30, TimeUnit.SECONDS);
            VmSummary lab = vms.stream().filter(v -> v.name().equals(domain)).findFirst()
                    .orElseThrow(() -> new AssertionError(domain + " not listed over " + uri + ": " + vms));
            assertEquals(VmState.RUNNING, lab.state());
            assertEquals(1, lab.vcpus());
            assertEquals(64 * 1024, lab.memoryKiB());
        } finally {
            host.disconnect().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsWithoutAClientCertificateFails(@TempDir Path dir) throws IOException {
        String tls = Lab.get("RACKDESK_LAB_URI_TLS");
        Path pki = Path.of(Lab.get("RACKDESK_LAB_PKI_CLIENT"));
        Files.copy(pki.resolve("cacert.pem"), dir.resolve("cacert.pem"));
        String uri = tls.replaceAll("pkipath=[^&]*", "pkipath=" + dir);
        LibvirtHost host = new LibvirtHost(uri, new SerialWorker("lab-nocert"), Duration.ofSeconds(20), LibvirtEventLoop.start());
        ExecutionException e = assertThrows(ExecutionException.class, () -> host.open().get(30, TimeUnit.SECONDS));
        String msg = LibvirtErrors.describe(e);
        assertTrue(msg.contains("clientcert.pem") || msg.contains("TLS"), msg);
        host.close();
    }
}
