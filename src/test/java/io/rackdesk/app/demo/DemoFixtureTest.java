package io.rackdesk.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.task.SerialWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFixtureTest {
    @TempDir
    Path dir;

    @Test
    void uriEncodesSpacesAndNonAsciiSoLibvirtCanOpenIt() throws Exception {
        Path data = dir.resolve("Application Support").resolve("Rackdesk ü");
        Path fixture = DemoFixture.install(data);
        String uri = DemoFixture.uriFor(fixture);
        assertEquals("test://" + data.toAbsolutePath().toString().replace(" ", "%20").replace("ü", "%C3%BC")
                + "/demo/demo-host.xml", uri);

        LibvirtHost host = new LibvirtHost(uri, new SerialWorker("demo-space"), Duration.ofSeconds(10), LibvirtEventLoop.start());
        try {
            host.open().get(10, TimeUnit.SECONDS);
            assertEquals(14, host.listVms().get(10, TimeUnit.SECONDS).size());
        } finally {
            host.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void installIsIdempotentAndRestoresAnEditedCopy() throws Exception {
        Path f = DemoFixture.install(dir);
        long size = Files.size(f);
        Files.writeString(f, "<node/>");
        assertEquals(f, DemoFixture.install(dir));
        assertEquals(size, Files.size(f), "the bundled content is written back");
    }
}
