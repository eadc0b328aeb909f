package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephHealth;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.viewmodels.Fact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Health section: overall status, checks by severity (detail on demand), mute/unmute with a time
 * to live, monitors and managers, capacity, and the live rates.
 */
public final class CephHealthViewModel {
    /** Managers are re-read every this many polls (they change rarely). */
    static final int MANAGERS_EVERY = 12;
    private static final Pattern TTL = Pattern.compile("\\s*(\\d{1,5})\\s*([smhd]?)\\s*", Pattern.CASE_INSENSITIVE);

    private final CephClusterViewModel cluster;
    private final Localization l10n;
    private final ObservableList<CephStatus.Check> checks = FXCollections.observableArrayList();
    private final ObservableList<Fact> facts = FXCollections.observableArrayList();
    private final ObservableList<Fact> rateFacts = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Map<String, List<String>>> details = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyDoubleWrapper usedFraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper capacityText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private CephHealth.Managers managers;

    CephHealthViewModel(CephClusterViewModel cluster) {
        this.cluster = cluster;
        this.l10n = cluster.l10n();
        cluster.statusProperty().addListener(o -> update());
        cluster.ratesProperty().addListener(o -> updateRates());
        cluster.pollsProperty().addListener((o, a, n) -> {
            if (n.intValue() == 1 || n.intValue() % MANAGERS_EVERY == 0) {
                readManagers();
            }
        });
        update();
        updateRates();
    }

    /** Checks, HEALTH_ERR first. */
    public ObservableList<CephStatus.Check> checks() {
        return checks;
    }

    /** Cluster id, monitors, managers, OSDs, pools and PGs. */
    public ObservableList<Fact> facts() {
        return facts;
    }

    /** Client read/write throughput and IOPS, recovery, now. */
    public ObservableList<Fact> rateFacts() {
        return rateFacts;
    }

    /** Each check's detail lines after {@link #loadDetails()}, by code. */
    public ReadOnlyObjectProperty<Map<String, List<String>>> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Raw used / total, 0..1. */
    public ReadOnlyDoubleProperty usedFractionProperty() {
        return usedFraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty capacityTextProperty() {
        return capacityText.getReadOnlyProperty();
    }

    /** The outcome of the last action, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Reads {@code health detail}. */
    public void loadDetails() {
        cluster.call(l10n.lang("ceph.task.healthDetail", cluster.name()), () -> cluster.access().healthDetail(cluster.id()),
                details::set, message::set);
    }

    /** Asks for a time to live, confirms, and mutes the check; the next poll shows it muted. */
    public void mute(CephStatus.Check check) {
        Optional<String> ttlText = cluster.dialogs().askText(l10n.lang("ceph.mute.title", check.code()),
                l10n.lang("ceph.mute.ttl"), "4h");
        if (ttlText.isEmpty()) {
            return;
        }
        Optional<Duration> ttl = parseTtl(ttlText.get());
        if (ttl.isEmpty()) {
            cluster.dialogs().showError(l10n.lang("ceph.mute.title", check.code()), l10n.lang("ceph.mute.badTtl", ttlText.get()));
            return;
        }
        if (!cluster.dialogs().confirm(l10n.lang("ceph.mute.title", check.code()),
                l10n.lang("ceph.mute.confirm", check.code(), ttlText.get().strip(), cluster.name()), List.of(check.summary()),
                l10n.lang("ceph.mute.action"))) {
            return;
        }
        cluster.call(l10n.lang("ceph.task.mute", check.code()), () -> cluster.access().mute(cluster.id(), check.code(), ttl.get()),
                v -> message.set(l10n.lang("ceph.mute.done", check.code(), ttlText.get().strip())), message::set);
    }

    public void unmute(CephStatus.Check check) {
        if (!cluster.dialogs().confirm(l10n.lang("ceph.unmute.title", check.code()), l10n.lang("ceph.unmute.confirm", check.code()),
                List.of(check.summary()), l10n.lang("ceph.unmute.action"))) {
            return;
        }
        cluster.call(l10n.lang("ceph.task.unmute", check.code()), () -> cluster.access().unmute(cluster.id(), check.code()),
                v -> message.set(l10n.lang("ceph.unmute.done", check.code())), message::set);
    }

    /** "30m", "4h", "1d", "90s" or a bare number of minutes. */
    public static Optional<Duration> parseTtl(String text) {
        Matcher m = TTL.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMinutes(n);
        });
    }

    private void readManagers() {
        cluster.call(l10n.lang("ceph.task.managers", cluster.name()), () -> cluster.access().managers(cluster.id()), m -> {
            managers = m;
            update();
        }, why -> { }); // the line stays as "unknown"; the poll reports a lost cluster
    }

    private void update() {
        CephStatus s = cluster.statusProperty().get();
        if (s == null) {
            checks.clear();
            facts.clear();
            usedFraction.set(0);
            capacityText.set("");
            return;
        }
        checks.setAll(s.checks());
        List<Fact> list = new ArrayList<>();
        list.add(new Fact(l10n.lang("ceph.fact.fsid"), s.fsid()));
        list.add(new Fact(l10n.lang("ceph.fact.mons"), l10n.lang("ceph.fact.monsValue", s.mons().inQuorum(), s.mons().total())));
        list.add(new Fact(l10n.lang("ceph.fact.mgrs"), managers == null ? l10n.lang("ceph.unknown")
                : managers.available() ? l10n.lang("ceph.fact.mgrsValue", managers.active(), managers.standbys())
                : l10n.lang("ceph.fact.mgrsNone", managers.standbys())));
        list.add(new Fact(l10n.lang("ceph.fact.osds"), l10n.lang("ceph.fact.osdsValue", s.osds().up(), s.osds().in(), s.osds().total())));
        list.add(new Fact(l10n.lang("ceph.fact.pools"), l10n.lang("ceph.fact.poolsValue", s.pools().size(), s.pgs().total())));
        facts.setAll(list);
        CephStatus.Capacity c = s.capacity();
        usedFraction.set(c.totalBytes() <= 0 ? 0 : Math.min(1, (double) c.usedBytes() / c.totalBytes()));
        capacityText.set(l10n.lang("ceph.capacity.value", Sizes.bytes(c.usedBytes()), Sizes.bytes(c.availBytes()),
                Sizes.bytes(c.totalBytes()), String.format(l10n.locale(), "%.1f", usedFraction.get() * 100)));
    }

    private void updateRates() {
        CephRates r = cluster.ratesProperty().get();
        List<Fact> next = List.of(
                new Fact(l10n.lang("ceph.rate.read"), bytes(r.readBytesPerSec())),
                new Fact(l10n.lang("ceph.rate.write"), bytes(r.writeBytesPerSec())),
                new Fact(l10n.lang("ceph.rate.readOps"), ops(r.readOpsPerSec())),
                new Fact(l10n.lang("ceph.rate.writeOps"), ops(r.writeOpsPerSec())),
                new Fact(l10n.lang("ceph.rate.recovery"), Double.isNaN(r.recoveryBytesPerSec()) ? l10n.lang("ceph.rate.unknown")
                        : Sizes.rate(r.recoveryBytesPerSec()) + " · " + String.format(Locale.ROOT, "%.1f obj/s", r.recoveryObjectsPerSec())));
        if (!next.equals(rateFacts)) {
            rateFacts.setAll(next);
        }
    }

    private String bytes(double v) {
        return Double.isNaN(v) ? l10n.lang("ceph.rate.unknown") : Sizes.rate(v);
    }

    private String ops(double v) {
        return Double.isNaN(v) ? l10n.lang("ceph.rate.unknown") : String.format(Locale.ROOT, "%.1f op/s", v);
    }
}
