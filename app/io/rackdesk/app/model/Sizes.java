package io.rackdesk.app.model;

import java.util.Locale;

/** Human-readable sizes in binary units, as admins read them from virsh and qemu-img. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** 0 -> "0 B", 1536 -> "1.5 KiB", 10737418240 -> "10.0 GiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        double value = bytes / Math.pow(1024, unit);
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** A rate in bytes per second, e.g. "1.5 MiB/s"; "—" when unknown (NaN or negative). */
    public static String rate(double bytesPerSecond) {
        if (Double.isNaN(bytesPerSecond) || bytesPerSecond < 0) {
            return "—";
        }
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    public static String kib(long kib) {
        return bytes(kib * 1024);
    }
}
