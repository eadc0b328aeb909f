package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.PgStateClass;
import io.rackdesk.app.i18n.Localization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Short explanations of PG states and classes for tooltips: one line per flag of a state string. */
public final class PgStateTexts {
    /** Flags with their own explanation; any *_toofull and *_unfound share one. */
    static final Map<String, String> EXPLAINED = Map.ofEntries(
            Map.entry("active", "ceph.pgflag.active"),
            Map.entry("clean", "ceph.pgflag.clean"),
            Map.entry("peering", "ceph.pgflag.peering"),
            Map.entry("activating", "ceph.pgflag.activating"),
            Map.entry("backfilling", "ceph.pgflag.backfilling"),
            Map.entry("backfill_wait", "ceph.pgflag.backfill_wait"),
            Map.entry("recovering", "ceph.pgflag.recovering"),
            Map.entry("recovery_wait", "ceph.pgflag.recovery_wait"),
            Map.entry("scrubbing", "ceph.pgflag.scrubbing"),
            Map.entry("deep", "ceph.pgflag.deep"),
            Map.entry("remapped", "ceph.pgflag.remapped"),
            Map.entry("creating", "ceph.pgflag.creating"),
            Map.entry("degraded", "ceph.pgflag.degraded"),
            Map.entry("undersized", "ceph.pgflag.undersized"),
            Map.entry("unknown", "ceph.pgflag.unknown"),
            Map.entry("stale", "ceph.pgflag.stale"),
            Map.entry("inconsistent", "ceph.pgflag.inconsistent"),
            Map.entry("incomplete", "ceph.pgflag.incomplete"),
            Map.entry("down", "ceph.pgflag.down"),
            Map.entry("peered", "ceph.pgflag.peered"),
            Map.entry("repair", "ceph.pgflag.repair"),
            Map.entry("snaptrim", "ceph.pgflag.snaptrim"),
            Map.entry("snaptrim_wait", "ceph.pgflag.snaptrim_wait"),
            Map.entry("premerge", "ceph.pgflag.premerge"));

    private PgStateTexts() {
    }

    /** "active: serves reads and writes\nclean: every copy is where CRUSH wants it" for "active+clean". */
    public static String explain(Localization l10n, String state) {
        List<String> lines = new ArrayList<>();
        for (String raw : state.split("\\+")) {
            String flag = raw.strip().toLowerCase(Locale.ROOT);
            String key;
            if (EXPLAINED.containsKey(flag)) {
                key = EXPLAINED.get(flag);
            } else if (flag.endsWith("_toofull")) {
                key = "ceph.pgflag.toofull";
            } else if (flag.endsWith("_unfound")) {
                key = "ceph.pgflag.unfound";
            } else {
                lines.add(flag + ": " + l10n.lang("ceph.pgflag.other"));
                continue;
            }
            lines.add(flag + ": " + l10n.lang(key));
        }
        return String.join("\n", lines);
    }

    /** "Clean", "Busy", "Warning", "Critical". */
    public static String className(Localization l10n, PgStateClass c) {
        return l10n.lang(switch (c) {
            case CLEAN -> "ceph.pgclass.clean";
            case BUSY -> "ceph.pgclass.busy";
            case WARNING -> "ceph.pgclass.warning";
            case CRITICAL -> "ceph.pgclass.critical";
        });
    }

    /** What a class means, for the chart's and table's tooltips. */
    public static String classExplanation(Localization l10n, PgStateClass c) {
        return l10n.lang(switch (c) {
            case CLEAN -> "ceph.pgclass.clean.explain";
            case BUSY -> "ceph.pgclass.busy.explain";
            case WARNING -> "ceph.pgclass.warning.explain";
            case CRITICAL -> "ceph.pgclass.critical.explain";
        });
    }
}
