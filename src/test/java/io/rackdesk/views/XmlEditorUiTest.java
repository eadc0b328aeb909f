package io.rackdesk.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.DomainDefinitions;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.DemoVms;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vmdetails.LibvirtDomainXmlAccess;
import io.rackdesk.viewmodels.vmdetails.XmlEditorViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.views.theme.ThemeManager;
import io.rackdesk.views.vmdetails.XmlEditorView;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static io.rackdesk.testsupport.FxWait.waitFor;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The XML editor on a demo VM, headless: type, save, read libvirt's refusal, fix, save. */
class XmlEditorUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private LibvirtHost host;
    private VmItem web;

    @BeforeEach
    void open() throws Exception {
        host = DemoVms.openHost(root);
        VmSummary summary = DemoVms.summary(host, "web-01");
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> show(stage, summary));
        waitFor(() -> editor().getText().contains("<name>web-01</name>"), "web-01's definition in the editor");
    }

    private void show(Stage stage, VmSummary summary) {
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(Platform::runLater);
        ConnectionViewModel owner = DemoVms.owner(host, tasks, l10n);
        web = new VmItem(owner, summary, owner.historyLength());
        XmlEditorView view = new XmlEditorView(new XmlEditorViewModel(
                new LibvirtDomainXmlAccess(vm -> host, l10n), tasks, new RecordingDialogs(), l10n), l10n);
        ThemeManager.apply(Boolean.getBoolean("rackdesk.dark") ? Theme.DARK : Theme.LIGHT);
        Scene scene = new Scene((javafx.scene.Parent) view.root(), 1100, 720);
        ThemeManager.addAppStylesheet(scene);
        stage.setScene(scene);
        stage.show();
        view.setVm(web);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        host.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anInvalidEditShowsLibvirtsErrorKeepsTheTextAndTheFixIsSaved() throws Exception {
        assertEquals("Definition of web-01 (XML)", robot.lookup("#xmlTitle").queryAs(Labeled.class).getText());
        assertFalse(robot.lookup("#xmlErrorBar").query().isVisible());
        assertTrue(robot.lookup("#xmlSave").query().isDisabled(), "nothing to save yet");

        replace("<vcpu placement='static'>2</vcpu>", "2", "abc");
        robot.clickOn("#xmlSave");
        waitFor(() -> robot.lookup("#xmlErrorBar").query().isVisible(), "the error bar");

        String error = robot.lookup("#xmlError").queryAs(Labeled.class).getText();
        assertTrue(error.contains("libvirt refused the definition: XML document failed to validate against schema"), error);
        assertTrue(editor().getText().contains("<vcpu placement='static'>abc</vcpu>"), "the typed text is still there");
        assertTrue(definition().contains("<vcpu placement='static'>2</vcpu>"), "nothing saved");

        robot.clickOn("#xmlShowDiff");
        CodeArea diff = robot.lookup("#xmlDiff").queryAs(CodeArea.class);
        waitFor(() -> diff.getText().contains("+  <vcpu placement='static'>abc</vcpu>"), "the change in the diff");
        assertTrue(diff.getText().contains("-  <vcpu placement='static'>2</vcpu>"));

        replace("<vcpu placement='static'>abc</vcpu>", "abc", "4");
        robot.clickOn("#xmlSave");
        waitFor(() -> robot.lookup("#xmlInfo").query().isVisible(), "saved");
        assertFalse(robot.lookup("#xmlErrorBar").query().isVisible());
        assertTrue(definition().contains("<vcpu placement='static'>4</vcpu>"));
        waitFor(() -> diff.getText().isEmpty(), "no changes left");
        assertEquals("No changes.", robot.lookup("#xmlDiffSummary").queryAs(Labeled.class).getText());
    }

    @Test
    void malformedXmlOffersToGoToTheLine() throws Exception {
        replace("<clock offset='utc'/>", "/>", ">");
        robot.clickOn("#xmlSave");
        waitFor(() -> robot.lookup("#xmlGoToLine").query().isVisible(), "the line link");
        String text = editor().getText();
        int line = (int) text.lines().takeWhile(l -> !l.contains("</domain>")).count() + 1;
        assertEquals("Go to line " + line, robot.lookup("#xmlGoToLine").queryAs(Labeled.class).getText());
        robot.clickOn("#xmlGoToLine");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(line - 1, editor().getCurrentParagraph());
    }

    /** Selects {@code old} inside the first {@code context} and types {@code typed} over it, as a user would. */
    private void replace(String context, String old, String typed) {
        CodeArea area = editor();
        int start = area.getText().indexOf(context) + context.indexOf(old);
        assertTrue(start >= context.indexOf(old), context + " not in the editor");
        robot.clickOn(area);
        robot.interact(() -> area.selectRange(start, start + old.length()));
        robot.write(typed);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(area.getText().contains(context.replace(old, typed)), area.getText());
    }

    private CodeArea editor() {
        Node n = robot.lookup("#xmlText").query();
        return (CodeArea) n;
    }

    private String definition() throws Exception {
        return new DomainDefinitions(host).read(web.uuid(), web.name(), false).get(10, TimeUnit.SECONDS);
    }

}
