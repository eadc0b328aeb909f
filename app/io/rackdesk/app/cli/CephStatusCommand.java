package io.rackdesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephStatusFormat;
import io.rackdesk.app.ceph.CephStatusReader;
import io.rackdesk.app.ceph.CephTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rackdesk ceph-status}: a Ceph cluster's health, OSDs, PGs, pools and capacity, as JSON or text. */
@Command(name = "ceph-status",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a Ceph cluster's health, health checks, monitors, OSDs, placement groups (clean / busy / warning / "
                + "critical and per state), pools and capacity.",
            "Connects with librados, from a ceph.conf and keyring or from monitor addresses, a client name and a key file. "
                + "Connecting and every command give up after --timeout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the status was printed",
            "1:the cluster could not be reached or read (one line on stderr says why)",
            "2:invalid arguments"})
public final class CephStatusCommand implements Callable<Integer> {
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "From a ceph.conf:%n")
        ByConf byConf;
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "From monitor addresses:%n")
        ByMonitors byMonitors;
    }

    static final class ByConf {
        @Option(names = "--conf", required = true, paramLabel = "FILE", description = "The cluster's ceph.conf.")
        Path conf;
        @Option(names = "--keyring", required = true, paramLabel = "FILE",
                description = "A keyring; the client is its first [client.NAME] section unless --name is given.")
        Path keyring;
        @Option(names = "--name", paramLabel = "NAME", description = "The client's id (the part after 'client.').")
        String name;
    }

    static final class ByMonitors {
        // commas split the list, except inside Ceph's [v2:...,v1:...] form
        @Option(names = "--mon", required = true, split = ",(?![^\\[]*\\])", splitSynopsisLabel = ",", paramLabel = "HOST:PORT",
                description = "Monitor addresses, comma-separated (HOST:PORT or Ceph's [v2:HOST:PORT,v1:HOST:PORT]).")
        List<String> monitors;
        @Option(names = "--id", required = true, paramLabel = "NAME", description = "The client's id, e.g. admin for client.admin.")
        String id;
        @Option(names = "--key-file", required = true, paramLabel = "FILE",
                description = "A file with the client's key (as 'ceph auth print-key' writes it) or its keyring.")
        Path keyFile;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", converter = Format.class,
            description = "json (default) or text.")
    String format;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_TIMEOUT_SECONDS,
            converter = InventoryCommand.PositiveSeconds.class,
            description = "Give up connecting, and on each command, after SECONDS (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CliLogging.quietForScripts();
        try {
            CephStatus status;
            try (CephClient client = CephClient.connect(target())) {
                status = CephStatusReader.read(client);
            }
            if (format.equals("text")) {
                out.print(CephStatusFormat.text(status));
            } else {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(CephStatusFormat.json(status)));
            }
            out.flush();
            return 0;
        } catch (CephException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    private CephTarget target() {
        return target(target, timeout);
    }

    /** The cluster the --conf/--keyring or --mon/--id/--key-file options name (shared with the rbd-* commands). */
    static CephTarget target(Target target, Duration timeout) {
        if (target.byConf != null) {
            ByConf c = target.byConf;
            return CephTarget.fromConf(c.conf, c.keyring, c.name != null ? c.name : CephTarget.clientIdIn(c.keyring), timeout);
        }
        ByMonitors m = target.byMonitors;
        return CephTarget.fromMonitors(m.monitors, m.id, m.keyFile, timeout);
    }

    static final class Format implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("json") && !v.equals("text")) {
                throw new TypeConversionException("'" + value + "' is not a format: use json or text");
            }
            return v;
        }
    }
}
