package io.rackdesk.bench.vnc;

import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.PixelFormat;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link VncDecodeBench} (one thread, one fork per case; scripts/bench-vnc.sh pins it to one core)
 * after checking that both clients decode each recording to the same screen, and prints a Markdown
 * table: Mpixels/s of rectangle area and MB/s of recorded payload, ours against vernacular's and
 * against System.arraycopy. Properties: -Dbench.warmup=3 -Dbench.iterations=5 -Dbench.seconds=1
 * -Dbench.encodings=raw,hextile,...
 */
public final class VncBenchMain {
    static final List<String> VERNACULAR = List.of("raw", "hextile", "zlib");

    private VncBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> encodings = List.of(System.getProperty("bench.encodings", String.join(",", RecordVncStreams.NAMES)).split(","));
        Map<String, VncRecording> recs = new LinkedHashMap<>();
        for (String e : encodings) {
            VncRecording r = VncRecording.load(e);
            recs.put(e, r);
            System.out.printf("%-9s %dx%d, %s%n", e, r.width, r.height, r.describe());
            check(r);
        }
        Map<String, Double> ours = run("rackdesk", encodings);
        List<String> vern = new ArrayList<>(VERNACULAR);
        vern.retainAll(encodings);
        Map<String, Double> theirs = vern.isEmpty() ? Map.of() : run("vernacular", vern);
        Map<String, Double> copy = encodings.contains("raw") ? run("arraycopy", List.of("raw")) : Map.of();

        Map<String, double[]> cpu = new LinkedHashMap<>();
        if (!Boolean.getBoolean("bench.noCpuTime")) {
            for (String e : encodings) {
                cpu.put(e, cpuTimeRates(recs.get(e)));
            }
        }

        System.out.println();
        System.out.println("JMH (wall clock):");
        System.out.println();
        System.out.println("| encoding | recording (rects, pixels, bytes) | Rackdesk Mpixels/s | Rackdesk MB/s | vernacular Mpixels/s | vernacular MB/s | Rackdesk / vernacular |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String e : encodings) {
            VncRecording r = recs.get(e);
            double o = ours.getOrDefault(e, Double.NaN);
            Double t = theirs.get(e);
            System.out.printf(Locale.ROOT, "| %s | %d, %,d, %,d | %s | %s | %s | %s | %s |%n", e, r.rects.size(), r.pixels, r.payload.length,
                    f(o * r.pixels / 1e6), f(o * r.payload.length / 1e6),
                    t == null ? "–" : f(t * r.pixels / 1e6), t == null ? "–" : f(t * r.payload.length / 1e6),
                    t == null ? "–" : String.format(Locale.ROOT, "**%.1fx**", o / t));
        }
        if (!copy.isEmpty()) {
            VncRecording r = recs.get("raw");
            double c = copy.get("raw");
            double o = ours.get("raw");
            System.out.printf(Locale.ROOT, "| raw: System.arraycopy of the same bytes | | %s | %s | | | Rackdesk Raw / arraycopy: **%.2f** |%n",
                    f(c * r.pixels / 1e6), f(c * r.payload.length / 1e6), o / c);
        }
        if (!cpu.isEmpty()) {
            System.out.println();
            System.out.println("Per CPU-second of the decoding thread (ThreadMXBean; steadier than wall clock on a loaded machine):");
            System.out.println();
            System.out.println("| encoding | Rackdesk Mpixels/s | Rackdesk MB/s | vernacular Mpixels/s | vernacular MB/s | Rackdesk / vernacular | Rackdesk / arraycopy |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String e : encodings) {
                VncRecording r = recs.get(e);
                double[] c = cpu.get(e);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", e, f(c[0] * r.pixels / 1e6), f(c[0] * r.payload.length / 1e6),
                        Double.isNaN(c[1]) ? "–" : f(c[1] * r.pixels / 1e6), Double.isNaN(c[1]) ? "–" : f(c[1] * r.payload.length / 1e6),
                        Double.isNaN(c[1]) ? "–" : String.format(Locale.ROOT, "**%.1fx**", c[0] / c[1]),
                        Double.isNaN(c[2]) ? "–" : String.format(Locale.ROOT, "**%.2f** (arraycopy %s MB/s)", c[0] / c[2], f(c[2] * r.payload.length / 1e6)));
            }
        }
    }

    /**
     * Operations per CPU-second of this thread for Rackdesk, vernacular (NaN where it has no decoder) and
     * arraycopy (raw only): each warmed up, then run for -Dbench.cpuSeconds (default 3) of CPU time.
     */
    static double[] cpuTimeRates(VncRecording r) throws Exception {
        VncDecodeBench b = new VncDecodeBench();
        b.encoding = r.name;
        b.setUp();
        double ours = cpuRate(() -> b.rackdesk());
        double theirs = VERNACULAR.contains(r.name) ? cpuRate(() -> b.vernacular()) : Double.NaN;
        double copy = r.name.equals("raw") ? cpuRate(() -> b.arraycopy()) : Double.NaN;
        return new double[] {ours, theirs, copy};
    }

    interface Op {
        Object run() throws Exception;
    }

    private static volatile Object sink;

    private static double cpuRate(Op op) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long seconds = Long.getLong("bench.cpuSeconds", 3);
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            long start = mx.getCurrentThreadCpuTime();
            long n = 0;
            long used;
            do {
                sink = op.run();
                n++;
                used = mx.getCurrentThreadCpuTime() - start;
            } while (used < seconds * 1_000_000_000L);
            if (pass == 1) {
                return n / (used / 1e9);
            }
        }
        throw new AssertionError();
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** Both clients must decode the recording to the screen that splitting it produced. */
    private static void check(VncRecording r) throws Exception {
        Framebuffer fb = new Framebuffer(r.width, r.height, 1L << 26);
        VncDecodeBench.decodeRackdesk(r, fb, VncRecording.newDecoders());
        if (!Arrays.equals(fb.argb(), r.finalPixels)) {
            throw new AssertionError(r.name + ": Rackdesk's replay differs from the recording's picture");
        }
        if (VERNACULAR.contains(r.name)) {
            PixelFormat pf = r.pf;
            BufferedImage img = VncDecodeBench.decodeVernacular(r, new BufferedImage(r.width, r.height, BufferedImage.TYPE_INT_RGB),
                    new com.shinyhut.vernacular.protocol.messages.PixelFormat(pf.bitsPerPixel, pf.depth, pf.bigEndian, pf.trueColour,
                            pf.redMax, pf.greenMax, pf.blueMax, pf.redShift, pf.greenShift, pf.blueShift));
            int[] theirs = img.getRGB(0, 0, r.width, r.height, null, 0, r.width);
            // vernacular reads every pixel as big-endian (the format its client asks servers for) whatever
            // the format says: fed the same little-endian bytes, it does the same work and gets the bytes swapped
            int[] expected = r.finalPixels.clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = 0xFF000000 | Integer.reverseBytes(expected[i] & 0xFFFFFF) & 0xFFFFFF;
            }
            int at = Arrays.mismatch(theirs, expected);
            if (at >= 0) {
                throw new AssertionError(String.format("%s: vernacular's replay differs from the recording's picture at %d,%d: %08x, not %08x",
                        r.name, at % r.width, at / r.width, theirs[at], expected[at]));
            }
        }
    }

    /** Operations per second of one benchmark method, by encoding. */
    private static Map<String, Double> run(String method, List<String> encodings) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(VncDecodeBench.class.getName() + "\\." + method + "$")
                .param("encoding", encodings.toArray(new String[0]))
                .forks(1).threads(1)
                .warmupIterations(Integer.getInteger("bench.warmup", 3))
                .measurementIterations(Integer.getInteger("bench.iterations", 5))
                .warmupTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                .measurementTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                .jvmArgsAppend("-Drackdesk.bench.recordings=" + VncRecording.directory().toAbsolutePath());
        Collection<RunResult> results = new Runner(o.build()).run();
        Map<String, Double> ops = new LinkedHashMap<>();
        for (RunResult r : results) {
            ops.put(r.getParams().getParam("encoding"), r.getPrimaryResult().getScore());
        }
        return ops;
    }
}
