package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rackdesk.app.model.Sizes;
import java.util.Locale;
import java.util.Map;

/** {@code rackdesk ceph-status}'s output: the JSON shape of issue 5, or a text summary for people. */
public final class CephStatusFormat {
    private CephStatusFormat() {
    }

    /** {"fsid", "health", "checks", "mons", "osds", "pgs", "pools", "capacity"}, in this order. */
    public static ObjectNode json(CephStatus s) {
        ObjectNode o = CephClient.JSON.createObjectNode();
        o.put("fsid", s.fsid());
        o.put("health", s.health());
        ArrayNode checks = o.putArray("checks");
        for (CephStatus.Check c : s.checks()) {
            checks.addObject().put("code", c.code()).put("severity", c.severity()).put("summary", c.summary())
                    .put("muted", c.muted());
        }
        o.putObject("mons").put("total", s.mons().total()).put("inQuorum", s.mons().inQuorum());
        o.putObject("osds").put("total", s.osds().total()).put("up", s.osds().up()).put("in", s.osds().in());
        ObjectNode pgs = o.putObject("pgs");
        pgs.put("total", s.pgs().total()).put("clean", s.pgs().clean()).put("busy", s.pgs().busy())
                .put("warning", s.pgs().warning()).put("critical", s.pgs().critical());
        ObjectNode byState = pgs.putObject("byState");
        s.pgs().byState().forEach(byState::put);
        ArrayNode pools = o.putArray("pools");
        for (CephStatus.Pool p : s.pools()) {
            pools.addObject().put("name", p.name()).put("id", p.id()).put("type", p.type()).put("size", p.size())
                    .put("minSize", p.minSize()).put("pgNum", p.pgNum()).put("storedBytes", p.storedBytes())
                    .put("objects", p.objects());
        }
        o.putObject("capacity").put("totalBytes", s.capacity().totalBytes()).put("usedBytes", s.capacity().usedBytes())
                .put("availBytes", s.capacity().availBytes());
        return o;
    }

    /** A few lines in the manner of {@code ceph -s}. */
    public static String text(CephStatus s) {
        StringBuilder b = new StringBuilder();
        b.append("cluster ").append(s.fsid()).append("\n");
        b.append("  health:   ").append(s.health()).append("\n");
        for (CephStatus.Check c : s.checks()) {
            b.append(String.format(Locale.ROOT, "            %-12s %s: %s%s%n", c.severity(), c.code(), c.summary(),
                    c.muted() ? " (muted)" : ""));
        }
        b.append(String.format(Locale.ROOT, "  mons:     %d, %d in quorum%n", s.mons().total(), s.mons().inQuorum()));
        b.append(String.format(Locale.ROOT, "  osds:     %d: %d up, %d in%n", s.osds().total(), s.osds().up(), s.osds().in()));
        CephStatus.Pgs pg = s.pgs();
        b.append(String.format(Locale.ROOT, "  pgs:      %d: %d clean, %d busy, %d warning, %d critical%n", pg.total(),
                pg.clean(), pg.busy(), pg.warning(), pg.critical()));
        for (Map.Entry<String, Integer> e : pg.byState().entrySet()) {
            b.append(String.format(Locale.ROOT, "            %d %s%n", e.getValue(), e.getKey()));
        }
        b.append(String.format(Locale.ROOT, "  pools:    %d%n", s.pools().size()));
        for (CephStatus.Pool p : s.pools()) {
            b.append(String.format(Locale.ROOT, "            %-24s id %-3d %-10s size %d/%d  pgs %-4d %s stored, %d objects%n",
                    p.name(), p.id(), p.type(), p.size(), p.minSize(), p.pgNum(), Sizes.bytes(p.storedBytes()), p.objects()));
        }
        b.append(String.format(Locale.ROOT, "  capacity: %s used, %s available, %s total%n", Sizes.bytes(s.capacity().usedBytes()),
                Sizes.bytes(s.capacity().availBytes()), Sizes.bytes(s.capacity().totalBytes())));
        return b.toString();
    }
}
