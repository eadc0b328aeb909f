package io.rackdesk.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rackdesk.app.model.VmState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin's own view of a host, from /usr/bin/virsh, to check Rackdesk against. Many commands run
 * in one virsh process (a command string with echo markers), so a 300-VM host takes one process,
 * not 900.
 */
public final class Virsh {
    public static final Path BINARY = Path.of("/usr/bin/virsh");
    private static final int VMS_PER_RUN = 100; // keeps one command string far below the 128 KiB argument limit
    private static final Pattern MARKER = Pattern.compile("^@@(\\d+) (state|snapshots|current)$");
    private static final DateTimeFormatter SNAPSHOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    /** virsh's words for a state (virshDomainStateToString) -> VmState.id(). */
    private static final Map<String, String> STATES = Map.of("no state", VmState.NOSTATE.id(),
            "running", VmState.RUNNING.id(), "idle", VmState.BLOCKED.id(), "paused", VmState.PAUSED.id(),
            "in shutdown", VmState.SHUTDOWN.id(), "shut off", VmState.SHUTOFF.id(), "crashed", VmState.CRASHED.id(),
            "pmsuspended", VmState.PMSUSPENDED.id());

    private Virsh() {
    }

    /** One snapshot row of {@code snapshot-list VM --parent}. */
    public record Snapshot(String name, String parent, String state, long creationTime) {
    }

    /** What virsh says about one VM: {@code domstate}, {@code snapshot-list --parent}, {@code snapshot-current --name}. */
    public record VmView(String state, List<Snapshot> snapshots, String currentSnapshot) {
    }

    /** Skips the calling test when virsh is not installed (package libvirt-clients). */
    public static void require() {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is missing: install libvirt-clients");
    }

    /** {@code virsh list --all --name}. */
    public static List<String> names(String uri) {
        return run(uri, "list --all --name").lines().filter(l -> !l.isBlank()).toList();
    }

    /** The view of each VM named, by name. */
    public static Map<String, VmView> describe(String uri, List<String> names) {
        Map<String, VmView> views = new LinkedHashMap<>();
        for (int from = 0; from < names.size(); from += VMS_PER_RUN) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + VMS_PER_RUN));
            StringBuilder cmds = new StringBuilder();
            for (int k = 0; k < chunk.size(); k++) {
                String vm = quote(chunk.get(k));
                cmds.append("echo @@").append(k).append(" state; domstate ").append(vm).append("; ")
                        .append("echo @@").append(k).append(" snapshots; snapshot-list ").append(vm).append(" --parent; ")
                        .append("echo @@").append(k).append(" current; snapshot-current ").append(vm).append(" --name; ");
            }
            cmds.append("echo @@end");
            Map<String, List<String>> sections = sections(run(uri, cmds.toString()));
            for (int k = 0; k < chunk.size(); k++) {
                views.put(chunk.get(k), new VmView(state(first(sections.get(k + " state"))),
                        snapshots(sections.get(k + " snapshots")), first(sections.get(k + " current"))));
            }
        }
        return views;
    }

    /** Runs {@code virsh -c uri COMMANDS} in UTC (snapshot times) and UTF-8 (names); returns stdout. */
    public static String run(String uri, String commands) {
        try {
            Path stderr = Files.createTempFile("virsh", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-c", uri, commands)
                        .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                pb.environment().put("TZ", "UTC");
                pb.environment().put("LC_ALL", "C.UTF-8");
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("virsh did not finish within 120 s: " + commands);
                }
                // "snapshot-current" fails (exit 1) on VMs without snapshots; the batch still runs to its end
                if (p.exitValue() != 0 && !out.contains("@@end")) {
                    throw new AssertionError("virsh -c " + uri + " failed (" + p.exitValue() + "): "
                            + Files.readString(stderr) + "\ncommands: " + commands);
                }
                return out;
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run virsh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** virsh's own quoting: single quotes, with a single quote as '\'' like a POSIX shell. */
    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static Map<String, List<String>> sections(String out) {
        Map<String, List<String>> sections = new HashMap<>();
        List<String> current = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            Matcher m = MARKER.matcher(line.strip());
            if (m.matches()) {
                current = new ArrayList<>();
                sections.put(m.group(1) + " " + m.group(2), current);
            } else if (line.strip().equals("@@end")) {
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        return sections;
    }

    private static String first(List<String> lines) {
        return lines == null ? null : lines.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(null);
    }

    private static String state(String virshState) {
        String id = STATES.get(virshState);
        if (id == null) {
            throw new AssertionError("virsh said an unknown state: " + virshState);
        }
        return id;
    }

    /** Rows of the table after its header and dashes: name, creation time, state, parent (blank for a root). */
    private static List<Snapshot> snapshots(List<String> lines) {
        List<Snapshot> rows = new ArrayList<>();
        boolean body = false;
        for (String line : lines) {
            if (line.startsWith("---")) {
                body = true;
            } else if (body && !line.isBlank()) {
                String[] cols = line.strip().split("\\s{2,}");
                long time = ZonedDateTime.parse(cols[1], SNAPSHOT_TIME).toEpochSecond();
                rows.add(new Snapshot(cols[0], cols.length > 3 ? cols[3] : null, cols[2], time));
            }
        }
        return rows;
    }
}
