package io.rackdesk.app.cli;

import io.rackdesk.app.connections.ConnectionUris;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code rackdesk} command line. Without a subcommand it opens the GUI (handed in by the caller,
 * so this core stays free of any UI toolkit); subcommands script the same core.
 */
@Command(name = "rackdesk",
        mixinStandardHelpOptions = true,
        subcommands = {InventoryCommand.class, CephStatusCommand.class, RbdLsCommand.class, RbdAttachCommand.class,
            VncScreenshotCommand.class},
        versionProvider = RackdeskCommand.Version.class,
        description = {
            "Desktop manager for fleets of libvirt/KVM hosts and Ceph clusters.",
            "Without a command, opens the main window."},
        synopsisSubcommandLabel = "[COMMAND]",
        footer = {"", "Settings live in the OS's config folder; set RACKDESK_CONFIG_DIR or --config-dir to use another."})
public final class RackdeskCommand implements Callable<Integer> {

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Keep settings and data in DIR instead of the OS's default folders.")
    Path configDir;

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = {"Open this libvirt connection too (repeatable), e.g. qemu+ssh://root@kvm-01/system.",
                "Not saved unless you keep it in the window."})
    List<String> connect = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Consumer<GuiOptions> gui;

    public RackdeskCommand(Consumer<GuiOptions> gui) {
        this.gui = Objects.requireNonNull(gui);
    }

    @Override
    public Integer call() {
        for (String uri : connect) {
            String problem = ConnectionUris.problem(uri);
            if (problem != null) {
                throw new ParameterException(spec.commandLine(), "--connect " + uri + ": " + problem);
            }
        }
        gui.accept(new GuiOptions(Optional.ofNullable(configDir), connect));
        return 0;
    }

    /** Parses {@code args}, runs what they ask for and returns the exit code. */
    public static int run(String[] args, Consumer<GuiOptions> gui, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            // A plain start (the desktop entry's) needs no command model. picocli builds one by reflection
            // for every subcommand: about 0.2 s of a start, in classes too old for the start-up cache.
            gui.accept(new GuiOptions(Optional.empty()));
            return 0;
        }
        CommandLine cl = new CommandLine(new RackdeskCommand(gui));
        cl.setOut(out);
        cl.setErr(err);
        // subcommands serve scripts: a usage error there is one line on stderr, not the whole help
        CommandLine.IParameterExceptionHandler usageWithHelp = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, a) -> e.getCommandLine() == cl ? usageWithHelp.handleParseException(e, a)
                : oneLineUsageError(e));
        return cl.execute(args);
    }

    /** "rackdesk inventory: Invalid value for option '--timeout': ... (see 'rackdesk inventory --help')"; exit code 2. */
    private static int oneLineUsageError(ParameterException e) {
        CommandSpec sub = e.getCommandLine().getCommandSpec();
        e.getCommandLine().getErr().println(sub.qualifiedName() + ": " + e.getMessage()
                + " (see '" + sub.qualifiedName() + " --help')");
        return sub.exitCodeOnInvalidInput();
    }

    /** The version from the jar's manifest, or "development build" when run from classes. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RackdeskCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Rackdesk " + (v != null ? v : "development build"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
