package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.DomainDefinitions;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.DemoVms;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vmdetails.LibvirtDomainXmlAccess;
import io.rackdesk.viewmodels.vmdetails.XmlEditorViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XML editor's ViewModel on the demo host (libvirt's test driver), without a toolkit. */
class XmlEditorViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private LibvirtHost host;
    private ConnectionViewModel owner;
    private XmlEditorViewModel editor;

    @BeforeEach
    void open() throws Exception {
        host = DemoVms.openHost(root);
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
        // the items' owner is never connected: the editor reaches the host through the access object
        owner = DemoVms.owner(host, tasks, l10n);
        editor = new XmlEditorViewModel(new LibvirtDomainXmlAccess(vm -> host, l10n), tasks, dialogs, l10n);
    }

    @AfterEach
    void close() throws Exception {
        host.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void showsTheDefinitionOfTheVm() throws Exception {
        VmItem web = open("web-01");
        assertEquals("Definition of web-01 (XML)", editor.titleProperty().get());
        assertTrue(editor.textProperty().get().contains("<name>web-01</name>"));
        assertEquals(editor.originalProperty().get(), editor.textProperty().get());
        assertFalse(editor.dirtyProperty().get());
        assertFalse(editor.canSaveBinding().get(), "nothing to save");
        assertEquals(definition(web), editor.textProperty().get());
    }

    @Test
    void aValidEditIsSavedAndReadBackInLibvirtsFormat() throws Exception {
        VmItem web = open("web-01");
        String edited = editor.textProperty().get()
                .replace("<description>nginx + PHP-FPM, serves www.example.com</description>", "<description>edited</description>")
                .replace("<memory unit='KiB'>4194304</memory>", "<memory unit='MiB'>6144</memory>");
        editor.textProperty().set(edited);
        assertTrue(editor.dirtyProperty().get());

        editor.showDiff();
        assertTrue(editor.diffTextProperty().get().contains("\n-  <memory unit='KiB'>4194304</memory>\n"), editor.diffTextProperty().get());
        assertTrue(editor.diffTextProperty().get().contains("\n+  <memory unit='MiB'>6144</memory>\n"));
        assertTrue(editor.diffTextProperty().get().startsWith("--- web-01 (saved)\n+++ web-01 (edited)\n"));
        assertEquals("Lines added: 2, removed: 2", editor.diffSummaryProperty().get());

        editor.save();
        assertTrue(editor.savingProperty().get());
        assertFalse(editor.canEditBinding().get(), "read-only while saving");
        ui.pumpUntil(() -> !editor.savingProperty().get(), "saved and read back");

        assertNull(editor.errorProperty().get());
        assertEquals("Saved. web-01 keeps running with its previous configuration until it is shut down and started again.",
                editor.infoProperty().get());
        assertTrue(editor.textProperty().get().contains("<memory unit='KiB'>6291456</memory>"), "libvirt's KiB, read back");
        assertFalse(editor.dirtyProperty().get());
        assertEquals("No changes.", editor.diffSummaryProperty().get());
        assertEquals("", editor.diffTextProperty().get());
        assertEquals(editor.textProperty().get(), definition(web));

        editor.textProperty().set(editor.textProperty().get() + " ");
        assertNull(editor.infoProperty().get(), "the next edit retires the message");
    }

    @Test
    void aSchemaInvalidEditIsRefusedAndTheTypedTextStaysExactlyAsTyped() throws Exception {
        VmItem web = open("web-01");
        String before = editor.originalProperty().get();
        String typed = before.replace("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static'>abc</vcpu>") + "\n\n";
        editor.textProperty().set(typed);

        editor.save();
        ui.pumpUntil(() -> !editor.savingProperty().get(), "libvirt's answer");

        String error = editor.errorProperty().get();
        assertTrue(error.startsWith("Not saved: libvirt refused the definition: XML document failed to validate against schema"), error);
        assertEquals(typed, editor.textProperty().get(), "not a character lost");
        assertEquals(before, editor.originalProperty().get());
        assertTrue(editor.dirtyProperty().get());
        assertEquals(before, definition(web), "the host still has the old definition");

        editor.textProperty().set(typed.replace(">abc<", ">3<"));
        editor.save();
        ui.pumpUntil(() -> !editor.savingProperty().get(), "saved");
        assertNull(editor.errorProperty().get());
        assertTrue(definition(web).contains("<vcpu placement='static'>3</vcpu>"));
    }

    @Test
    void malformedXmlIsRefusedWithItsLine() {
        open("web-01");
        String typed = editor.originalProperty().get().replace("<clock offset='utc'/>", "<clock offset='utc'>");
        editor.textProperty().set(typed);
        editor.save();
        ui.pumpUntil(() -> !editor.savingProperty().get(), "refused");
        int line = (int) typed.lines().takeWhile(l -> !l.contains("</domain>")).count() + 1;
        assertEquals(line, editor.errorLineProperty().get(), "the parser notices at </domain>");
        String error = editor.errorProperty().get();
        assertTrue(error.startsWith("Not saved: the XML is not well-formed at line " + line + ", column "), error);
        assertTrue(error.contains("clock"), error);
        assertEquals(typed, editor.textProperty().get());
    }

    @Test
    void aRenameIsRefusedAsADifferentAction() {
        open("web-01");
        editor.textProperty().set(editor.originalProperty().get().replace("<name>web-01</name>", "<name>web-99</name>"));
        editor.save();
        ui.pumpUntil(() -> !editor.savingProperty().get(), "refused");
        assertEquals("Not saved: the name must stay “web-01” (the text says “web-99”). Renaming or cloning a VM is a "
                + "different action, not an edit of its definition.", editor.errorProperty().get());
        assertTrue(editor.textProperty().get().contains("<name>web-99</name>"));
    }

    @Test
    void reloadAsksBeforeDiscardingEdits() {
        open("web-01");
        String saved = editor.originalProperty().get();
        editor.textProperty().set(saved.replace("</devices>", "  <!-- mine -->\n  </devices>"));

        dialogs.confirmAnswer = false;
        editor.reload();
        assertEquals(1, dialogs.shown.size());
        assertTrue(dialogs.shown.get(0).startsWith("confirm: Discard your edits?") && dialogs.shown.get(0).contains("[web-01 (demo)]"),
                dialogs.shown.get(0));
        assertFalse(editor.loadingProperty().get(), "kept: nothing read");
        assertTrue(editor.textProperty().get().contains("<!-- mine -->"));

        dialogs.confirmAnswer = true;
        editor.reload();
        ui.pumpUntil(() -> !editor.loadingProperty().get(), "read again");
        assertEquals(saved, editor.textProperty().get());
        assertFalse(editor.dirtyProperty().get());
    }

    @Test
    void revertPutsTheTextBackAndAnotherVmAsksFirst() {
        open("web-01");
        String saved = editor.originalProperty().get();
        editor.textProperty().set("<domain/>");
        editor.save();
        ui.pumpUntil(() -> editor.errorProperty().get() != null, "refused");
        editor.revert();
        assertEquals(saved, editor.textProperty().get());
        assertNull(editor.errorProperty().get());

        editor.textProperty().set(saved + "<!-- edit -->");
        dialogs.confirmAnswer = false;
        assertFalse(editor.setVm(item("db-01")), "the user kept the edits");
        assertEquals("web-01", editor.vmProperty().get().name());
        dialogs.confirmAnswer = true;
        assertTrue(editor.setVm(item("db-01")));
        ui.pumpUntil(() -> editor.loadedProperty().get(), "db-01 read");
        assertTrue(editor.textProperty().get().contains("<name>db-01</name>"));
    }

    @Test
    void aVmOnAClosedConnectionSaysSo() {
        editor = new XmlEditorViewModel(new LibvirtDomainXmlAccess(vm -> null, l10n), new DefaultTaskExecutor(ui), dialogs, l10n);
        editor.setVm(item("web-01"));
        ui.pumpUntil(() -> !editor.loadingProperty().get(), "failed");
        assertEquals("The definition could not be read: Not connected to demo.", editor.errorProperty().get());
        assertFalse(editor.loadedProperty().get());
        assertFalse(editor.canEditBinding().get());
    }

    private VmItem open(String name) {
        VmItem vm = item(name);
        assertTrue(editor.setVm(vm));
        ui.pumpUntil(() -> editor.loadedProperty().get(), name + " read");
        return vm;
    }

    private VmItem item(String name) {
        try {
            return DemoVms.item(owner, host, name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String definition(VmItem vm) throws Exception {
        return new DomainDefinitions(host).read(vm.uuid(), vm.name(), false).get(10, TimeUnit.SECONDS);
    }
}
