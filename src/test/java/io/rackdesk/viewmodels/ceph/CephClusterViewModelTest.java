package io.rackdesk.viewmodels.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState.Phase;
import io.rackdesk.app.ceph.CephOsdActions;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.PgStateClass;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.connections.ConnectionState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Ceph cluster ViewModels with no UI toolkit: a fake service with answers recorded on the lab cluster. */
class CephClusterViewModelTest {
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final FakeCephClusters fake = new FakeCephClusters();
    private final CephClusterSettings settings = new CephClusterSettings("c1", "lab", "/tmp/ceph.conf", "/tmp/admin.keyring", List.of(),
            "admin", null, 5, true);
    private final CephClusterViewModel vm = new CephClusterViewModel(settings, fake, new DefaultTaskExecutor(ui), l10n, dialogs);

    private void connected(CephStatus status) {
        fake.publish("c1", Phase.CONNECTED, status, CephRates.UNKNOWN, null, null);
        ui.drain(Duration.ofMillis(50));
    }

    @Test
    void statesFromTheWorkerReachTheTreeAndTheHealthSection() {
        vm.connect();
        assertEquals(List.of("watch c1"), fake.calls);
        assertEquals(ConnectionState.CONNECTING, vm.getState());
        fake.publish("c1", Phase.CONNECTING, null, CephRates.UNKNOWN, null, null);
        ui.drain(Duration.ofMillis(50));
        assertEquals("lab · connecting…", vm.treeTextProperty().get());

        connected(FakeCephClusters.healthy());
        assertEquals(ConnectionState.CONNECTED, vm.getState());
        assertEquals("lab · HEALTH_OK", vm.treeTextProperty().get());
        assertEquals("HEALTH_OK", vm.stateTextProperty().get());
        assertTrue(fake.calls.contains("managers"), "managers read after the first poll: " + fake.calls);
        List<Fact> facts = vm.health().facts();
        assertTrue(facts.contains(new Fact("Monitors", "1 of 1 in quorum")), facts.toString());
        assertTrue(facts.contains(new Fact("Managers", "x active, 0 standby")), facts.toString());
        assertTrue(facts.contains(new Fact("OSDs", "3 up, 3 in, of 3")), facts.toString());
        assertTrue(vm.health().usedFractionProperty().get() > 0 && vm.health().usedFractionProperty().get() < 0.2);
        assertTrue(vm.health().capacityTextProperty().get().contains("GiB total"), vm.health().capacityTextProperty().get());
        assertEquals(List.of(), vm.health().checks());
        assertEquals(25, vm.pgs().classCountsProperty().get().get(PgStateClass.CLEAN));
        assertEquals(1, vm.history().size());
        assertTrue(vm.health().rateFacts().get(0).value().startsWith("—"), "no rate before two polls");

        CephRates rates = new CephRates(1024 * 1024, 2048, 5, 7, Double.NaN, Double.NaN);
        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), rates, null, null);
        ui.drain(Duration.ofMillis(50));
        assertEquals(2, vm.history().size());
        assertEquals(new Fact("Read", "1.0 MiB/s"), vm.health().rateFacts().get(0));
        assertEquals(new Fact("Write IOPS", "7.0 op/s"), vm.health().rateFacts().get(3));

        vm.disconnect();
        assertEquals(ConnectionState.DISCONNECTED, vm.getState());
        assertTrue(fake.calls.contains("unwatch c1"));
    }

    @Test
    void aPollThatChangedNothingLeavesThePgSectionAlone() {
        vm.connect();
        connected(FakeCephClusters.healthy());
        java.util.concurrent.atomic.AtomicInteger countChanges = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger rowChanges = new java.util.concurrent.atomic.AtomicInteger();
        vm.pgs().classCountsProperty().addListener((o, a, b) -> countChanges.incrementAndGet());
        vm.pgs().states().addListener((javafx.collections.ListChangeListener<CephPgViewModel.StateRow>) c -> rowChanges.incrementAndGet());
        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        ui.drain(Duration.ofMillis(50));
        assertEquals(0, countChanges.get(), "same PG counts: no change for the chart and the class grid");
        assertEquals(0, rowChanges.get(), "same states: the table is left alone");

        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.degraded(), CephRates.UNKNOWN, null, null);
        ui.drain(Duration.ofMillis(50));
        assertEquals(1, countChanges.get(), "changed counts arrive");
        assertEquals(1, rowChanges.get(), "changed states arrive");
        assertEquals(25, vm.pgs().classCountsProperty().get().get(PgStateClass.WARNING));
    }

    @Test
    void aLostClusterShowsTheReasonAndTheRetryCountdown() {
        vm.connect();
        connected(FakeCephClusters.healthy());
        fake.publish("c1", Phase.DISCONNECTED, null, CephRates.UNKNOWN, "monitor unreachable at 127.0.0.1:1: no answer within 10 s",
                Duration.ofSeconds(8));
        ui.drain(Duration.ofMillis(50));
        assertEquals(ConnectionState.RETRYING, vm.getState());
        assertEquals("lab · failed, retrying in 8 s", vm.treeTextProperty().get());
        assertEquals("Disconnected – retrying in 8 s (monitor unreachable at 127.0.0.1:1: no answer within 10 s)",
                vm.stateTextProperty().get());
        ui.pumpUntil(() -> vm.retryInProperty().get() == 7, Duration.ofSeconds(3), "the countdown ticks");
        assertEquals("HEALTH_OK", vm.statusProperty().get().health(), "the last status stays, for the page");
    }

    @Test
    void degradedClusterSortsChecksAndClassifiesPgsWithExplanations() {
        vm.connect();
        connected(FakeCephClusters.degraded());
        assertEquals("lab · HEALTH_WARN", vm.treeTextProperty().get());
        assertEquals(List.of("OSD_DOWN", "PG_DEGRADED"), vm.health().checks().stream().map(CephStatus.Check::code).toList());
        assertEquals(25, vm.pgs().classCountsProperty().get().get(PgStateClass.WARNING));
        assertEquals(0, vm.pgs().classCountsProperty().get().get(PgStateClass.CLEAN));
        CephPgViewModel.StateRow first = vm.pgs().states().get(0);
        assertEquals(PgStateClass.WARNING, first.pgClass());
        String tip = PgStateTexts.explain(l10n, "active+undersized+degraded");
        assertTrue(tip.contains("undersized: fewer OSDs hold it than the pool size"), tip);
        assertTrue(tip.contains("failure domains"), "the size > failure domains case is explained: " + tip);
        assertTrue(PgStateTexts.explain(l10n, "active+clean+backfill_toofull").contains("too full"));
        assertTrue(PgStateTexts.explain(l10n, "active+newflag").contains("does not describe"));

        vm.health().loadDetails();
        ui.drain(Duration.ofMillis(50));
        assertEquals(List.of("osd.1 (root=default,host=vm) is down"), vm.health().detailsProperty().get().get("OSD_DOWN"));
    }

    @Test
    void muteAsksForATtlAndConfirmsAndUnmuteConfirms() {
        vm.connect();
        connected(FakeCephClusters.degraded());
        CephStatus.Check osdDown = vm.health().checks().get(0);
        dialogs.textAnswers.add(Optional.of("2h"));
        vm.health().mute(osdDown);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.contains("mute OSD_DOWN PT2H"), fake.calls.toString());
        assertTrue(dialogs.shown.stream().anyMatch(s -> s.startsWith("confirm: Mute OSD_DOWN: OSD_DOWN stops counting towards the health of lab for 2h")),
                dialogs.shown.toString());
        assertEquals("OSD_DOWN muted for 2h; the next poll shows it.", vm.health().messageProperty().get());

        dialogs.textAnswers.add(Optional.of("soon"));
        vm.health().mute(osdDown);
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).startsWith("error: Mute OSD_DOWN: Not a duration: soon"));

        dialogs.confirmAnswer = false;
        vm.health().unmute(osdDown);
        ui.drain(Duration.ofMillis(50));
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("unmute")), "declined: nothing sent");
        dialogs.confirmAnswer = true;
        vm.health().unmute(osdDown);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.contains("unmute OSD_DOWN"));

        assertEquals(Optional.of(Duration.ofMinutes(30)), CephHealthViewModel.parseTtl("30"));
        assertEquals(Optional.of(Duration.ofDays(1)), CephHealthViewModel.parseTtl(" 1d "));
        assertEquals(Optional.empty(), CephHealthViewModel.parseTtl("0h"));
    }

    @Test
    void osdTreeIsReadWhenShownAndEveryFewPollsNotEveryPoll() {
        vm.connect();
        connected(FakeCephClusters.healthy());
        assertFalse(fake.calls.contains("osdTree"), "not read while the page is hidden");
        vm.osds().setActive(true);
        ui.drain(Duration.ofMillis(50));
        CephOsdTree tree = vm.osds().treeProperty().get();
        assertEquals(List.of("osd.0", "osd.1", "osd.2"), tree.roots().get(0).children().get(0).children().stream()
                .map(CephOsdTree.Node::name).toList());
        for (int i = 0; i < CephOsdViewModel.REFRESH_EVERY - 1; i++) {
            connected(FakeCephClusters.healthy());
        }
        assertEquals(1, fake.calls.stream().filter("osdTree"::equals).count(), "same OSD counts: no re-read yet");
        connected(FakeCephClusters.healthy());
        assertEquals(2, fake.calls.stream().filter("osdTree"::equals).count(), "re-read after " + CephOsdViewModel.REFRESH_EVERY + " polls");
        connected(FakeCephClusters.degraded());
        assertEquals(3, fake.calls.stream().filter("osdTree"::equals).count(), "an OSD went down: re-read at once");
        vm.osds().setActive(false);
        connected(FakeCephClusters.healthy());
        assertEquals(3, fake.calls.stream().filter("osdTree"::equals).count());
    }

    @Test
    void markOutAsksCephFirstAndSaysWhatWillHappen() {
        vm.connect();
        connected(FakeCephClusters.healthy());
        vm.osds().setActive(true);
        ui.drain(Duration.ofMillis(50));
        CephOsdTree.Node osd1 = vm.osds().treeProperty().get().osds().get(1);
        vm.osds().markOut(osd1);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.containsAll(List.of("okToStop 1", "safeToDestroy 1", "osd OUT 1")), fake.calls.toString());
        String confirm = dialogs.shown.stream().filter(s -> s.startsWith("confirm: Mark osd.1 out")).findFirst().orElseThrow();
        assertTrue(confirm.contains("its PGs are copied to the other OSDs (backfill)"), confirm);
        assertTrue(confirm.contains("ok-to-stop: ok to stop: 25 PGs stay available"), confirm);
        assertTrue(confirm.contains("safe-to-destroy: not safe to destroy: osd.1 still serves PGs"), confirm);
        assertEquals("Mark out: osd.1 done.", vm.osds().messageProperty().get());

        fake.okToStop = new CephOsdActions.Verdict(false, "'osd ok-to-stop' failed: unsafe to stop osd(s) (-16 EBUSY)");
        dialogs.confirmAnswer = false;
        vm.osds().markDown(osd1);
        ui.drain(Duration.ofMillis(50));
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).contains("unsafe to stop"), dialogs.shown.toString());
        assertFalse(fake.calls.contains("osd DOWN 1"), "declined");

        dialogs.confirmAnswer = true;
        dialogs.textAnswers.add(Optional.of("0,8"));
        vm.osds().reweight(osd1);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.contains("osd REWEIGHT 1 0.8"), fake.calls.toString());
        dialogs.textAnswers.add(Optional.of("1.5"));
        vm.osds().reweight(osd1);
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).contains("Not a weight between 0 and 1: 1.5"));

        vm.osds().setFlag("noout", true);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.contains("set noout"));
        assertTrue(dialogs.shown.stream().anyMatch(s -> s.startsWith("confirm: Set noout: Down OSDs are no longer marked out")));

        fake.failWith = "'osd in' failed: (-1 EPERM)";
        vm.osds().markIn(osd1);
        ui.drain(Duration.ofMillis(50));
        assertEquals("'osd in' failed: (-1 EPERM)", vm.osds().messageProperty().get(), "the core's message, unwrapped");
    }

    @Test
    void pgPageListsPgsPerPoolAndScrubsWithConfirmation() {
        vm.connect();
        connected(FakeCephClusters.healthy());
        vm.pgs().opened();
        ui.drain(Duration.ofMillis(50));
        assertEquals(25, vm.pgs().list().size());
        assertEquals(List.of("device_health_metrics", "lab-repl", "lab-ec", "rbd"), vm.pgs().perPool().stream()
                .map(CephPgViewModel.PoolRow::pool).toList());
        assertEquals(8, vm.pgs().perPool().get(1).clean());
        vm.pgs().opened();
        ui.drain(Duration.ofMillis(50));
        assertEquals(1, fake.calls.stream().filter("allPgs"::equals).count(), "read once per opening of the page");

        CephPgs.Pg pg = vm.pgs().list().get(0);
        vm.pgs().run(pg, CephPgs.Action.DEEP_SCRUB);
        ui.drain(Duration.ofMillis(50));
        assertTrue(fake.calls.contains("DEEP_SCRUB 1.0"), fake.calls.toString());
        assertTrue(dialogs.shown.stream().anyMatch(s -> s.startsWith("confirm: Deep-scrub PG 1.0: osd.") && s.contains("compares checksums")));

        vm.pgs().loadStuck();
        ui.drain(Duration.ofMillis(50));
        assertTrue(vm.pgs().showingStuckProperty().get());
        assertEquals(List.of(), vm.pgs().list());
        assertEquals("No stuck PGs.", vm.pgs().messageProperty().get());
    }

    @Test
    void poolsAreReadWhenShownWithTheirDetails() {
        vm.connect();
        connected(FakeCephClusters.healthy());
        vm.pools().setActive(true);
        ui.drain(Duration.ofMillis(50));
        assertEquals(4, vm.pools().pools().size());
        assertEquals(Set.of("replicated", "erasure"), Set.copyOf(vm.pools().pools().stream().map(p -> p.type()).toList()));
    }

    @Test
    void theDialogValidatesThenChecksFilesAndNeverHoldsAKey() {
        CephClusterDialogViewModel d = new CephClusterDialogViewModel(fake, new DefaultTaskExecutor(ui), l10n, Set.of("prod"));
        assertTrue(d.form().isEmpty());
        assertEquals("Give the cluster a name.", d.messageProperty().get());
        d.nameProperty().set("prod");
        assertTrue(d.form().isEmpty());
        assertEquals("There is already a cluster named prod.", d.messageProperty().get());
        d.nameProperty().set("lab");
        assertTrue(d.form().isEmpty());
        assertEquals("Choose the cluster's ceph.conf.", d.messageProperty().get());
        d.useConfProperty().set(false);
        d.monitorsProperty().set("[v2:127.0.0.1:13300,v1:127.0.0.1:16789] mon2:6789");
        assertTrue(d.form().isEmpty());
        assertEquals("Choose the file that holds the key.", d.messageProperty().get());
        d.keyFileProperty().set("/tmp/admin.key");
        d.clientIdProperty().set("bad name");
        assertTrue(d.form().isEmpty());
        assertTrue(d.messageIsErrorProperty().get());
        assertTrue(d.messageProperty().get().contains("letters, digits"), d.messageProperty().get());
        d.clientIdProperty().set("admin");
        CephClusterSettings s = d.form().orElseThrow();
        assertEquals(List.of("[v2:127.0.0.1:13300,v1:127.0.0.1:16789]", "mon2:6789"), s.monitors());
        assertEquals("/tmp/admin.key", s.keyFile());

        CephClusterSettings[] saved = new CephClusterSettings[1];
        d.save(x -> saved[0] = x);
        ui.drain(Duration.ofMillis(50));
        assertEquals("lab", saved[0].name());
        assertTrue(fake.calls.contains("precheck client.admin"));

        fake.failWith = "key file not found: /tmp/admin.key";
        saved[0] = null;
        d.save(x -> saved[0] = x);
        ui.drain(Duration.ofMillis(50));
        assertEquals(null, saved[0], "a failed check keeps the dialog open");
        assertEquals("key file not found: /tmp/admin.key", d.messageProperty().get());

        fake.failWith = null;
        d.test();
        ui.drain(Duration.ofMillis(50));
        assertTrue(d.messageProperty().get().startsWith("Connected: HEALTH_OK, 3 of 3 OSDs up"), d.messageProperty().get());
    }
}
