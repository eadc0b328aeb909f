package io.rackdesk.app.model;

import java.util.Locale;

/** Human-readable sizes in binary units, as admins read them from virsh and qemu-img. */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile(
            "\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?)(i?B)?\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * A size typed with a binary unit, as {@code rbd create --size} and qemu-img read them: "10G",
     * "10 GiB", "1.5T", "512M", "4096B". -1 when it is not a number with a unit (a bare number is
     * refused: "10" could mean bytes, MiB or GiB); -2 when it is too large for a long.
     */
    public static long parseBytes(String text) {
        if (text == null) {
            return -1;
        }
        java.util.regex.Matcher m = SIZE.matcher(text);
        if (!m.matches() || (m.group(2).isEmpty() && m.group(3) == null)) {
            return -1;
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            case "P" -> 50;
            default -> 0;
        };
        java.math.BigDecimal v = new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(2).pow(shift));
        if (v.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return -2;
        }
        return v.setScale(0, java.math.RoundingMode.CEILING).longValue();
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
