package io.rackdesk.app.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** How {@code rackdesk inventory} prints an {@link Inventory}. */
public enum InventoryFormat {
    /** The whole inventory, failed hosts included (with their {@code error}), pretty-printed. */
    JSON {
        @Override
        void render(Inventory inventory, Writer out) throws IOException {
            MAPPER.writeValue(out, inventory);
            out.write('\n');
        }
    },
    /**
     * One row per VM of the hosts that answered: host (the URI given), name, uuid, state, vcpus,
     * memoryKiB, tags (joined with ';'), disks and snapshots (counts).
     */
    CSV {
        @Override
        void render(Inventory inventory, Writer out) {
            CsvWriter csv = new CsvWriter(out);
            csv.row(CSV_HEADER);
            for (Inventory.Host host : inventory.hosts()) {
                for (Inventory.Vm vm : host.vms()) {
                    csv.row(List.of(host.uri(), vm.name(), vm.uuid(), vm.state(), vm.vcpus(), vm.memoryKiB(),
                            String.join(";", vm.tags()), vm.disks().size(), vm.snapshots().size()));
                }
            }
        }
    };

    public static final List<String> CSV_HEADER =
            List.of("host", "name", "uuid", "state", "vcpus", "memoryKiB", "tags", "disks", "snapshots");

    /** Thread-safe once configured; the stream stays open, it is the caller's. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    abstract void render(Inventory inventory, Writer out) throws IOException;

    /** Writes the inventory to {@code out} and flushes it. */
    public void write(Inventory inventory, Writer out) {
        try {
            render(inventory, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name as typed on the command line: json, csv. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "json" or "csv", in any case. */
    public static InventoryFormat parse(String s) {
        for (InventoryFormat f : values()) {
            if (f.id().equalsIgnoreCase(s.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + s + "': use json or csv");
    }
}
