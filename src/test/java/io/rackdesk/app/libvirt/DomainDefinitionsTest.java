package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.libvirt.DefinitionRefusedException.Reason;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.testsupport.DemoVms;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and saving domain definitions against libvirt's real test driver (the demo host). */
class DomainDefinitionsTest {
    @TempDir
    Path dir;
    private LibvirtHost host;
    private DomainDefinitions definitions;

    @BeforeEach
    void open() throws Exception {
        host = DemoVms.openHost(dir);
        definitions = new DomainDefinitions(host);
    }

    @AfterEach
    void close() throws Exception {
        host.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aValidChangeIsSavedAndReadBack() throws Exception {
        VmSummary vm = vm("k8s-worker-03");
        String xml = read(vm);
        assertTrue(xml.contains("<name>k8s-worker-03</name>") && xml.contains("<uuid>" + vm.uuid() + "</uuid>"), xml);
        String edited = xml.replaceFirst("<memory unit='KiB'>\\d+</memory>", "<memory unit='GiB'>3</memory>")
                .replaceFirst("<currentMemory unit='KiB'>\\d+</currentMemory>", "<currentMemory unit='GiB'>3</currentMemory>")
                .replace("</uuid>", "</uuid>\n  <description>edited in Rackdesk</description>");

        definitions.define(vm.uuid(), vm.name(), edited).get(10, TimeUnit.SECONDS);

        String back = read(vm);
        assertTrue(back.contains("<description>edited in Rackdesk</description>"), back);
        assertTrue(back.contains("<memory unit='KiB'>3145728</memory>"), "libvirt stores it in KiB: " + back);
        assertEquals(3L * 1024 * 1024, vm("k8s-worker-03").memoryKiB());
    }

    @Test
    void aNonAsciiNameIsSentAsUtf8() throws Exception {
        VmSummary vm = vm("kiosk-zürich");
        String edited = read(vm).replace("</uuid>", "</uuid>\n  <description>Bahnhofstraße</description>");
        definitions.define(vm.uuid(), vm.name(), edited).get(10, TimeUnit.SECONDS);
        assertTrue(read(vm).contains("<description>Bahnhofstraße</description>"));
    }

    @Test
    void aSchemaInvalidChangeIsRefusedWithLibvirtsMessageAndNothingChanges() throws Exception {
        VmSummary vm = vm("web-01");
        String before = read(vm);
        String badVcpu = before.replaceFirst("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static'>abc</vcpu>");
        DefinitionRefusedException e = refused(definitions.define(vm.uuid(), vm.name(), badVcpu));
        assertEquals(Reason.LIBVIRT, e.reason());
        assertTrue(e.detail().contains("failed to validate against schema"), e.detail());
        assertEquals(before, read(vm));

        String unknownElement = before.replace("</devices>", "  <frobnicator/>\n  </devices>");
        DefinitionRefusedException e2 = refused(definitions.define(vm.uuid(), vm.name(), unknownElement));
        assertEquals(Reason.LIBVIRT, e2.reason());
        assertTrue(e2.detail().contains("failed to validate against schema"), e2.detail());
        assertEquals(before, read(vm));
    }

    @Test
    void malformedXmlIsRefusedWithItsLineBeforeLibvirtIsAsked() throws Exception {
        VmSummary vm = vm("web-01");
        String before = read(vm);
        String broken = before.replace("</vcpu>", "</vcpux>");
        int line = lineOf(broken, "</vcpux>");

        CompletableFuture<Void> save = definitions.define(vm.uuid(), vm.name(), broken);
        assertTrue(save.isDone(), "refused at once, without a call on the worker");
        DefinitionRefusedException e = refused(save);
        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals(line, e.line());
        assertTrue(e.column() > 0);
        assertTrue(e.detail().contains("vcpu"), e.detail());
        assertEquals(before, read(vm));
    }

    @Test
    void anotherNameOrUuidIsRefused() throws Exception {
        VmSummary vm = vm("web-01");
        String xml = read(vm);

        DefinitionRefusedException renamed = refused(definitions.define(vm.uuid(), vm.name(),
                xml.replace("<name>web-01</name>", "<name>web-02</name>")));
        assertEquals(Reason.NAME_CHANGED, renamed.reason());
        assertEquals("web-01", renamed.expected());
        assertEquals("web-02", renamed.found());
        assertTrue(renamed.getMessage().contains("renaming or cloning"), renamed.getMessage());

        DefinitionRefusedException noName = refused(definitions.define(vm.uuid(), vm.name(),
                xml.replace("<name>web-01</name>", "")));
        assertEquals(Reason.NAME_CHANGED, noName.reason());
        assertNull(noName.found());

        DefinitionRefusedException otherUuid = refused(definitions.define(vm.uuid(), vm.name(),
                xml.replace(vm.uuid(), "00000000-0000-4000-8000-000000000000")));
        assertEquals(Reason.UUID_CHANGED, otherUuid.reason());
        assertEquals("00000000-0000-4000-8000-000000000000", otherUuid.found());

        DefinitionRefusedException notADomain = refused(definitions.define(vm.uuid(), vm.name(),
                "<network><name>web-01</name></network>"));
        assertEquals(Reason.NOT_A_DOMAIN, notADomain.reason());
        assertEquals("network", notADomain.found());

        assertEquals(xml, read(vm));
    }

    @Test
    void theUuidMayBeWrittenInUpperCase() {
        DomainDefinitions.check("bdd640fb-0667-4ad1-9c80-317fa3b1799d", "web-01",
                "<domain type='test'><name>web-01</name><uuid>BDD640FB-0667-4AD1-9C80-317FA3B1799D</uuid></domain>");
    }

    @Test
    void secretsAreOnlyReadWhenAskedFor() throws Exception {
        VmSummary vm = vm("web-01");
        String withPassword = read(vm).replace("<graphics type='vnc'", "<graphics type='vnc' passwd='s3cret'");
        definitions.define(vm.uuid(), vm.name(), withPassword).get(10, TimeUnit.SECONDS);

        assertTrue(!read(vm).contains("s3cret"), "the VNC password stays out of the plain read");
        assertTrue(definitions.read(vm.uuid(), vm.name(), true).get(10, TimeUnit.SECONDS).contains("passwd='s3cret'"));
    }

    private String read(VmSummary vm) throws Exception {
        return definitions.read(vm.uuid(), vm.name(), false).get(10, TimeUnit.SECONDS);
    }

    private VmSummary vm(String name) throws Exception {
        return DemoVms.summary(host, name);
    }

    private static DefinitionRefusedException refused(CompletableFuture<Void> save) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> save.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(DefinitionRefusedException.class, e.getCause());
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }
}
