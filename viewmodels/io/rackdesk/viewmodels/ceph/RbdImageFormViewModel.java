package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.rbd.RbdFeatures;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdSnapRef;
import io.rackdesk.app.i18n.Localization;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The RBD image dialog: a new image (pool, name, size as "10G" / "512M", features), or a clone of a
 * protected snapshot (target pool and name). Checks what was typed before the cluster is asked.
 */
public final class RbdImageFormViewModel {
    /** A size with a binary unit: 10G, 512M, 1.5T, 64MiB, 4096B. */
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(?:([KMGTP])(?:i?B)?|(B))\\s*", Pattern.CASE_INSENSITIVE);
    /** Names Rackdesk creates: what rbd accepts, minus what breaks shells and libvirt XML. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Localization l10n;
    private final RbdSnapRef cloneOf;
    private final List<String> pools;
    private final StringProperty pool = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty size = new SimpleStringProperty("10G");
    private final BooleanProperty layering = new SimpleBooleanProperty(true);
    private final BooleanProperty exclusiveLock = new SimpleBooleanProperty(true);
    private final BooleanProperty objectMap = new SimpleBooleanProperty(true);
    private final BooleanProperty fastDiff = new SimpleBooleanProperty(true);
    private final BooleanProperty deepFlatten = new SimpleBooleanProperty(true);
    private final BooleanProperty journaling = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** {@code cloneOf} null: a new image; else a clone of that snapshot. */
    RbdImageFormViewModel(Localization l10n, List<String> pools, String pool, RbdSnapRef cloneOf) {
        this.l10n = l10n;
        this.pools = List.copyOf(pools);
        this.cloneOf = cloneOf;
        this.pool.set(pool == null ? "" : pool);
        if (cloneOf != null) {
            name.set(cloneOf.image() + "-" + cloneOf.snap());
        }
    }

    public boolean isClone() {
        return cloneOf != null;
    }

    /** The snapshot cloned, or null. */
    public RbdSnapRef cloneOf() {
        return cloneOf;
    }

    /** The pools that can hold RBD images. */
    public List<String> pools() {
        return pools;
    }

    public StringProperty poolProperty() {
        return pool;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** "10G", "512M", "1.5T". */
    public StringProperty sizeProperty() {
        return size;
    }

    public BooleanProperty layeringProperty() {
        return layering;
    }

    public BooleanProperty exclusiveLockProperty() {
        return exclusiveLock;
    }

    public BooleanProperty objectMapProperty() {
        return objectMap;
    }

    public BooleanProperty fastDiffProperty() {
        return fastDiff;
    }

    public BooleanProperty deepFlattenProperty() {
        return deepFlatten;
    }

    public BooleanProperty journalingProperty() {
        return journaling;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void fail(String text) {
        message.set(text);
    }

    /** The image to create, or null with the reason in {@link #messageProperty()}. */
    RbdImageRef target() {
        String p = pool.get() == null ? "" : pool.get().strip();
        if (p.isEmpty()) {
            message.set(l10n.lang("ceph.rbd.form.noPool"));
            return null;
        }
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            message.set(l10n.lang("ceph.rbd.form.noName"));
            return null;
        }
        if (!NAME.matcher(n).matches()) {
            message.set(l10n.lang("ceph.rbd.form.badName", n));
            return null;
        }
        return new RbdImageRef(p, n);
    }

    /** The typed size in bytes, or empty with the reason in {@link #messageProperty()}. */
    OptionalLong sizeBytes() {
        String text = size.get() == null ? "" : size.get();
        OptionalLong b = parseSize(text);
        if (b.isEmpty()) {
            message.set(text.isBlank() ? l10n.lang("ceph.rbd.form.noSize") : l10n.lang("ceph.rbd.form.badSize", text.strip()));
        }
        return b;
    }

    /** The chosen feature bits, or -1 with the reason when one needs another that is off. */
    long features() {
        if (objectMap.get() && !exclusiveLock.get()) {
            message.set(l10n.lang("ceph.rbd.form.needs", "object-map", "exclusive-lock"));
            return -1;
        }
        if (fastDiff.get() && !objectMap.get()) {
            message.set(l10n.lang("ceph.rbd.form.needs", "fast-diff", "object-map"));
            return -1;
        }
        if (journaling.get() && !exclusiveLock.get()) {
            message.set(l10n.lang("ceph.rbd.form.needs", "journaling", "exclusive-lock"));
            return -1;
        }
        long f = 0;
        f |= layering.get() ? RbdFeatures.LAYERING : 0;
        f |= exclusiveLock.get() ? RbdFeatures.EXCLUSIVE_LOCK : 0;
        f |= objectMap.get() ? RbdFeatures.OBJECT_MAP : 0;
        f |= fastDiff.get() ? RbdFeatures.FAST_DIFF : 0;
        f |= deepFlatten.get() ? RbdFeatures.DEEP_FLATTEN : 0;
        f |= journaling.get() ? RbdFeatures.JOURNALING : 0;
        return f;
    }

    /** "10G" -> 10 GiB; a bare number (rbd would read MiB), zero, or more than 8 EiB is refused. */
    public static OptionalLong parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        int shift = m.group(3) != null ? 0 : switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 50;
        };
        java.math.BigDecimal bytes = new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(1L << shift));
        if (bytes.signum() <= 0 || bytes.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return OptionalLong.empty();
        }
        long b = bytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        return b < 512 ? OptionalLong.empty() : OptionalLong.of(b);
    }

    /** 10 GiB -> "10G", 1536 MiB -> "1536M": the largest unit that divides the size, for a prefilled field. */
    public static String sizeText(long bytes) {
        String[] units = {"P", "T", "G", "M", "K"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (5 - i));
            if (bytes % unit == 0 && bytes >= unit) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }
}
