package io.rackdesk.viewmodels.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState.Phase;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pool create / edit / delete in the Pools section, toolkit-free. */
class CephPoolsViewModelTest {
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final FakeCephClusters fake = new FakeCephClusters();
    private final CephClusterViewModel vm = new CephClusterViewModel(new CephClusterSettings("c1", "lab", "/tmp/ceph.conf", null,
            List.of(), "admin", null, 5, true), fake, new DefaultTaskExecutor(ui), new Localization(Locale.ENGLISH), dialogs);
    private CephPoolsViewModel pools;

    @BeforeEach
    void connected() {
        vm.connect();
        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        ui.drain(Duration.ofMillis(50));
        pools = vm.pools();
        pools.setActive(true);
        ui.drain(Duration.ofMillis(50));
    }

    @Test
    void createUsesThePgCalculatorAndReportsInvalidForms() {
        CephPoolFormViewModel form = pools.newPoolForm();
        assertEquals(3, form.osds());
        assertEquals(128, form.pgNumProperty().get(), "3 OSDs, size 3: 100 -> 128");
        form.sizeProperty().set(2);
        assertEquals(128, form.suggestedPgNumProperty().get(), "150 -> 128");
        form.erasureProperty().set(true);
        form.kProperty().set(3);
        form.mProperty().set(2);
        assertEquals(64, form.suggestedPgNumProperty().get(), "EC 3+2: 60 -> 64");
        form.useSuggestion();
        assertEquals(64, form.pgNumProperty().get());
        assertTrue(form.suggestionProperty().get().startsWith("3 OSDs × 100 / 5 copies or chunks -> 64 PGs"), form.suggestionProperty().get());

        form.nameProperty().set("bad name");
        assertFalse(pools.save(form, () -> { }));
        assertTrue(form.messageProperty().get().startsWith("a pool name has letters"), form.messageProperty().get());

        form.nameProperty().set("vms-ec");
        boolean[] closed = {false};
        assertTrue(pools.save(form, () -> closed[0] = true));
        ui.drain(Duration.ofMillis(50));
        assertTrue(closed[0]);
        assertTrue(fake.calls.stream().anyMatch(c -> c.startsWith("create Spec[name=vms-ec, erasure=true") && c.contains("pgNum=64")),
                fake.calls.toString());
        assertEquals("Pool vms-ec created.", pools.messageProperty().get());
    }

    @Test
    void editListsTheChangesAndAppliesOnlyThose() {
        CephPools.Detail repl = pools.pools().stream().filter(p -> p.name().equals("lab-repl")).findFirst().orElseThrow();
        CephPoolFormViewModel form = pools.editForm(repl);
        assertTrue(form.isEdit());
        assertEquals(3, form.sizeProperty().get());
        form.sizeProperty().set(2);
        form.minSizeProperty().set(1);
        form.quotaBytesProperty().set("10G");
        boolean[] closed = {false};
        assertTrue(pools.save(form, () -> closed[0] = true));
        ui.drain(Duration.ofMillis(100));
        assertTrue(closed[0]);
        String confirm = dialogs.shown.stream().filter(s -> s.startsWith("confirm: Edit pool lab-repl")).findFirst().orElseThrow();
        assertTrue(confirm.contains("[size 3 -> 2, min_size 2 -> 1, quota: 10.0 GiB, none objects]"), confirm);
        assertEquals(List.of("set lab-repl size 2", "set lab-repl min_size 1", "quota lab-repl 10737418240 0"),
                fake.calls.stream().filter(c -> c.startsWith("set ") || c.startsWith("quota ")).toList());

        CephPoolFormViewModel bad = pools.editForm(repl);
        bad.quotaObjectsProperty().set("10G");
        assertFalse(pools.save(bad, () -> { }));
        assertTrue(bad.messageProperty().get().startsWith("Not a quota: 10G"));
        bad.quotaObjectsProperty().set("");
        bad.minSizeProperty().set(5);
        assertFalse(pools.save(bad, () -> { }));
        assertEquals("min_size must be between 1 and size.", bad.messageProperty().get());
    }

    @Test
    void deleteNeedsTheTypedNameAndExplainsARefusal() {
        CephPools.Detail rbd = pools.pools().stream().filter(p -> p.name().equals("rbd")).findFirst().orElseThrow();
        dialogs.textAnswers.add(Optional.of("rb"));
        pools.delete(rbd);
        ui.drain(Duration.ofMillis(50));
        assertFalse(fake.calls.contains("delete rbd"));
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).contains("The name typed is not rbd: nothing was deleted."));

        fake.failWith = "the monitors refuse to delete pools: mon_allow_pool_delete is false (a safety default).";
        dialogs.textAnswers.add(Optional.of("rbd"));
        pools.delete(rbd);
        ui.drain(Duration.ofMillis(50));
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).startsWith("error: Delete pool rbd: the monitors refuse to delete pools"),
                dialogs.shown.toString());

        fake.failWith = null;
        dialogs.textAnswers.add(Optional.of("rbd"));
        pools.delete(rbd);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.contains("delete rbd"));
        assertEquals("Pool rbd deleted.", pools.messageProperty().get());
        assertTrue(dialogs.shown.stream().anyMatch(s -> s.startsWith("ask: Delete pool rbd")), dialogs.shown.toString());
    }
}
