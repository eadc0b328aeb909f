package io.rackdesk.app.cli;

import io.rackdesk.app.connections.ConnectionUris;
import io.rackdesk.app.inventory.Inventory;
import io.rackdesk.app.inventory.InventoryCollector;
import io.rackdesk.app.inventory.InventoryFormat;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rackdesk inventory}: every VM of the given hosts, as JSON or CSV, for scripts and audits. */
@Command(name = "inventory",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every VM of the given libvirt hosts, as JSON or CSV.",
            "For each VM: state, size, autostart, tags, disks with their backing chains, and snapshots. Hosts are "
                + "read in parallel, each within --timeout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every host was read",
            "1:a host failed or timed out: one line per such host on stderr; the others are still printed",
            "2:invalid arguments"})
public final class InventoryCommand implements Callable<Integer> {
    public static final int DEFAULT_TIMEOUT_SECONDS = 15;
    /** A day: anything longer is a typo, and would overflow the workers' nanosecond timers. */
    static final long MAX_TIMEOUT_SECONDS = 86_400;

    @Option(names = "--connect", required = true, paramLabel = "URI", converter = LibvirtUri.class,
            description = "A libvirt URI, e.g. qemu+ssh://root@host/system or test:///path/host.xml; repeat for more hosts.")
    List<String> uris;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", converter = Format.class,
            description = "json (default: every field, failed hosts with their error) or csv (one row per VM).")
    InventoryFormat format;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            converter = PositiveSeconds.class,
            description = "Give up on a host that has not been read after SECONDS (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String me = spec.qualifiedName();
        Inventory inventory;
        CliLogging.quietForScripts();
        try {
            inventory = new InventoryCollector(LibvirtEventLoop.startOrExplain(), timeout).collect(uris);
        } catch (IllegalStateException e) { // libvirt itself is missing or broken
            err.println(me + ": " + e.getMessage());
            return 1;
        }
        format.write(inventory, spec.commandLine().getOut());
        for (Inventory.Host host : inventory.hosts()) {
            if (host.failed()) {
                err.println(me + ": " + host.uri() + ": " + host.error());
            }
        }
        err.flush();
        return inventory.hasFailures() ? 1 : 0;
    }


    /** The same check as the GUI's --connect: a URI with a scheme; libvirt has the last word. */
    static final class LibvirtUri implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String problem = ConnectionUris.problem(value);
            if (problem != null) {
                throw new TypeConversionException("'" + value + "': " + problem);
            }
            return value;
        }
    }

    static final class Format implements ITypeConverter<InventoryFormat> {
        @Override
        public InventoryFormat convert(String value) {
            try {
                return InventoryFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PositiveSeconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            long seconds;
            try {
                seconds = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number of seconds");
            }
            if (seconds <= 0) {
                throw new TypeConversionException("must be more than 0 seconds, was " + value);
            }
            if (seconds > MAX_TIMEOUT_SECONDS) {
                throw new TypeConversionException("must be at most " + MAX_TIMEOUT_SECONDS + " seconds (a day), was " + value);
            }
            return Duration.ofSeconds(seconds);
        }
    }
}
