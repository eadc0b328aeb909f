package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.stats.StatsHistory.Series;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmLive;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A VM item keeps its own history and tells listeners only about ticks that change the picture. */
class VmItemTest {
    private final ConnectionViewModel owner = new ConnectionViewModel(
            new ConnectionSettings(null, "kvm-a", "test:///default", false, false),
            new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(5)), new DefaultTaskExecutor(new UiQueue()),
            new Localization(Locale.ENGLISH), Duration.ofSeconds(40)); // 2 minutes = 3 samples at 40 s

    private static VmLiveStats cpu(VmState state, double cpu) {
        return new VmLiveStats(state, cpu, 2048, 25, 0, 0, 0, 0);
    }

    @Test
    void historyGrowsInPlaceAndFlatTicksAreNotPublished() {
        VmItem item = new VmItem(owner, new VmSummary("u1", "web-01", VmState.RUNNING, 2, 4096, true, List.of()), owner.historyLength());
        AtomicInteger published = new AtomicInteger();
        item.liveProperty().addListener((obs, old, now) -> published.incrementAndGet());
        assertNull(item.stats());

        for (double v : new double[] {10, 20, 20, 20, 20, 20}) {
            item.update(cpu(VmState.RUNNING, v));
        }
        VmLive live = item.liveProperty().get();
        assertArrayEquals(new float[] {20, 20, 20}, live.history().toArray(Series.CPU));
        assertEquals(20.0, item.stats().cpuPercent());
        assertEquals(4, published.get(), "10, 20 (new figure), then 20 twice while the 10 scrolled out; flat after that");

        item.update(cpu(VmState.PAUSED, 20));
        assertEquals(5, published.get(), "a new state is a new picture even when the line stays flat");
        assertEquals(VmState.PAUSED, item.getState());
        assertSame(live.history(), item.liveProperty().get().history(), "one ring per VM, no copies per tick");
    }

    @Test
    void aNewTickIntervalResizesTheHistory() {
        VmItem item = new VmItem(owner, new VmSummary("u1", "web-01", VmState.RUNNING, 2, 4096, true, List.of()), owner.historyLength());
        for (int i = 1; i <= 3; i++) {
            item.update(cpu(VmState.RUNNING, i));
        }
        item.resizeHistory(2);
        assertArrayEquals(new float[] {2, 3}, item.liveProperty().get().history().toArray(Series.CPU));
    }
}
