package io.rackdesk.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdImages;
import io.rackdesk.app.ceph.rbd.RbdSnapshot;
import io.rackdesk.app.ceph.rbd.RbdTree;
import io.rackdesk.app.model.Sizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rackdesk rbd-ls}: the RBD images of one or more pools with parents, features and snapshots. */
@Command(name = "rbd-ls",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the RBD images of Ceph pools: size, used bytes (--usage), features, clone parent, data pool, and each "
                + "snapshot with its id, size, protection, time and clones.",
            "--format text prints the tree of parents, snapshots and clones across the pools."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the images were printed",
            "1:the cluster could not be reached or read (one line on stderr says why)",
            "2:invalid arguments"})
public final class RbdLsCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    CephStatusCommand.Target target;

    @Option(names = "--pool", paramLabel = "POOL", defaultValue = "rbd",
            description = "A pool to list (repeatable; default: ${DEFAULT-VALUE}).")
    List<String> pools;

    @Option(names = "--usage", description = "Also sum the bytes allocated at each image's head (as 'rbd du'; "
            + "cheap with the fast-diff feature, a scan of the image's objects without it).")
    boolean usage;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", converter = CephStatusCommand.Format.class,
            description = "json (default) or text.")
    String format;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + CephStatusCommand.DEFAULT_TIMEOUT_SECONDS,
            converter = InventoryCommand.PositiveSeconds.class,
            description = "Give up connecting, and on each operation, after SECONDS (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CliLogging.quietForScripts();
        try {
            List<RbdImageSummary> all = new ArrayList<>();
            ObjectNode json = new ObjectMapper().createObjectNode();
            ArrayNode jsonPools = json.putArray("pools");
            try (CephClient client = CephClient.connect(CephStatusCommand.target(target, timeout))) {
                RbdImages rbd = new RbdImages(client);
                for (String pool : pools) {
                    List<RbdImageSummary> images = rbd.list(pool, usage);
                    all.addAll(images);
                    ObjectNode p = jsonPools.addObject();
                    p.put("pool", pool);
                    ArrayNode arr = p.putArray("images");
                    images.forEach(i -> json(arr.addObject(), i));
                }
            }
            if (format.equals("text")) {
                out.print(text(RbdTree.of(all)));
            } else {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
            }
            out.flush();
            return 0;
        } catch (CephException | IllegalArgumentException | IOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    static void json(ObjectNode o, RbdImageSummary i) {
        o.put("name", i.name());
        o.put("size", i.size());
        if (i.usedBytes() != null) {
            o.put("used", i.usedBytes());
        } else {
            o.putNull("used");
        }
        ArrayNode f = o.putArray("features");
        i.featureNames().forEach(f::add);
        o.put("parent", i.parent() == null ? null : i.parent().toString());
        if (i.parent() != null) {
            o.put("overlap", i.parentOverlap());
        }
        o.put("objectSize", i.objectSize());
        o.put("dataPool", i.dataPool());
        ArrayNode snaps = o.putArray("snapshots");
        for (RbdSnapshot s : i.snapshots()) {
            ObjectNode so = snaps.addObject();
            so.put("id", s.id());
            so.put("name", s.name());
            so.put("size", s.size());
            so.put("protected", s.isProtected());
            so.put("timestamp", s.timestamp() == null ? null : s.timestamp().toString());
            ArrayNode c = so.putArray("children");
            s.children().forEach(ch -> c.add(ch.toString()));
        }
    }

    /** The tree, with each image's size, used bytes and parent overlap. */
    static String text(RbdTree tree) {
        StringBuilder sb = new StringBuilder();
        for (RbdTree.Node n : tree.roots()) {
            text(sb, n, 0);
        }
        return sb.toString();
    }

    private static void text(StringBuilder sb, RbdTree.Node n, int depth) {
        sb.append("  ".repeat(depth));
        switch (n.kind()) {
            case IMAGE -> {
                RbdImageSummary i = n.image();
                sb.append(n.ref()).append("  ").append(Sizes.bytes(i.size()));
                if (i.usedBytes() != null) {
                    sb.append(" (").append(Sizes.bytes(i.usedBytes())).append(" used)");
                }
                if (i.dataPool() != null) {
                    sb.append("  data in ").append(i.dataPool());
                }
                if (n.parentMissing()) {
                    sb.append("  clone of ").append(i.parent());
                }
            }
            case SNAPSHOT -> {
                RbdSnapshot s = n.snapshot();
                sb.append('@').append(s.name()).append("  ").append(Sizes.bytes(s.size()));
                if (s.isProtected()) {
                    sb.append("  protected");
                }
                if (s.timestamp() != null) {
                    sb.append("  ").append(s.timestamp());
                }
            }
            case UNLISTED -> sb.append(n.ref()).append("  (pool not listed)");
        }
        sb.append('\n');
        for (RbdTree.Node c : n.children()) {
            text(sb, c, depth + 1);
        }
    }
}
