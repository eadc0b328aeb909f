package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephPoolActions;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.i18n.Localization;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The pool dialog: a new pool (replicated or erasure-coded, with the PG calculator's suggestion), or
 * an existing one's size, min_size, PG count, autoscale mode, application and quotas.
 */
public final class CephPoolFormViewModel {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?)(?:i?B)?\\s*", Pattern.CASE_INSENSITIVE);

    private final Localization l10n;
    private final CephPools.Detail existing;
    private final int osds;
    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty erasure = new SimpleBooleanProperty();
    private final IntegerProperty size = new SimpleIntegerProperty(3);
    private final IntegerProperty minSize = new SimpleIntegerProperty(2);
    private final IntegerProperty k = new SimpleIntegerProperty(2);
    private final IntegerProperty m = new SimpleIntegerProperty(1);
    private final StringProperty failureDomain = new SimpleStringProperty("host");
    private final IntegerProperty pgNum = new SimpleIntegerProperty();
    private final StringProperty autoscale = new SimpleStringProperty("on");
    private final StringProperty application = new SimpleStringProperty("rbd");
    private final StringProperty quotaBytes = new SimpleStringProperty("");
    private final StringProperty quotaObjects = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper suggestedPgNum = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper suggestion = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** For a new pool on a cluster with {@code osds} OSDs. */
    CephPoolFormViewModel(Localization l10n, int osds) {
        this(l10n, osds, null);
    }

    /** For {@code existing} (null: a new pool). */
    CephPoolFormViewModel(Localization l10n, int osds, CephPools.Detail existing) {
        this.l10n = l10n;
        this.osds = osds;
        this.existing = existing;
        suggestedPgNum.bind(Bindings.createIntegerBinding(
                () -> CephPoolActions.suggestPgNum(osds, erasure.get() ? k.get() + m.get() : size.get()), erasure, size, k, m));
        suggestion.bind(Bindings.createStringBinding(() -> l10n.lang("ceph.poolform.suggestion", osds,
                erasure.get() ? k.get() + m.get() : size.get(), suggestedPgNum.get()), suggestedPgNum));
        if (existing == null) {
            pgNum.set(suggestedPgNum.get());
        } else {
            name.set(existing.name());
            erasure.set(existing.type().equals("erasure"));
            size.set(existing.size());
            minSize.set(existing.minSize());
            pgNum.set(existing.pgNum());
            autoscale.set(existing.autoscaleMode().isEmpty() ? "on" : existing.autoscaleMode());
            application.set(String.join(",", existing.applications()));
            quotaBytes.set(existing.quotaBytes() == 0 ? "" : Long.toString(existing.quotaBytes()));
            quotaObjects.set(existing.quotaObjects() == 0 ? "" : Long.toString(existing.quotaObjects()));
        }
    }

    public boolean isEdit() {
        return existing != null;
    }

    CephPools.Detail existing() {
        return existing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty erasureProperty() {
        return erasure;
    }

    public IntegerProperty sizeProperty() {
        return size;
    }

    public IntegerProperty minSizeProperty() {
        return minSize;
    }

    public IntegerProperty kProperty() {
        return k;
    }

    public IntegerProperty mProperty() {
        return m;
    }

    public StringProperty failureDomainProperty() {
        return failureDomain;
    }

    public IntegerProperty pgNumProperty() {
        return pgNum;
    }

    public StringProperty autoscaleProperty() {
        return autoscale;
    }

    public StringProperty applicationProperty() {
        return application;
    }

    /** "10G", "500M", a number of bytes, or empty for none. */
    public StringProperty quotaBytesProperty() {
        return quotaBytes;
    }

    public StringProperty quotaObjectsProperty() {
        return quotaObjects;
    }

    /** The PG calculator's answer for the OSDs and the width (size, or k + m). */
    public ReadOnlyIntegerProperty suggestedPgNumProperty() {
        return suggestedPgNum.getReadOnlyProperty();
    }

    /** "3 OSDs × 100 / 3 copies -> 128 PGs (rule of thumb; the autoscaler adjusts when on)". */
    public ReadOnlyStringProperty suggestionProperty() {
        return suggestion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void useSuggestion() {
        pgNum.set(suggestedPgNum.get());
    }

    public int osds() {
        return osds;
    }

    /** The new pool as typed, or empty with the reason in {@link #messageProperty()}. */
    Optional<CephPoolActions.Spec> spec() {
        try {
            return Optional.of(new CephPoolActions.Spec(name.get().strip(), erasure.get(), size.get(), k.get(), m.get(),
                    failureDomain.get(), pgNum.get(), autoscale.get(), application.get()));
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return Optional.empty();
        }
    }

    /** A quota typed as "10G" or "1000", in bytes / objects; -1 when unreadable (message set). */
    long parseQuota(String text, boolean bytes) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        Matcher mm = SIZE.matcher(text);
        if (!mm.matches() || (!bytes && !mm.group(2).isEmpty())) {
            message.set(l10n.lang("ceph.poolform.badQuota", text));
            return -1;
        }
        double v = Double.parseDouble(mm.group(1));
        int shift = switch (mm.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            case "P" -> 50;
            default -> 0;
        };
        return (long) (v * (1L << shift));
    }

    void fail(String text) {
        message.set(text);
    }
}
