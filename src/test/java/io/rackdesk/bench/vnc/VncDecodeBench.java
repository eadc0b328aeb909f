package io.rackdesk.bench.vnc;

import com.shinyhut.vernacular.client.rendering.renderers.CopyRectRenderer;
import com.shinyhut.vernacular.client.rendering.renderers.HextileRenderer;
import com.shinyhut.vernacular.client.rendering.renderers.PixelDecoder;
import com.shinyhut.vernacular.client.rendering.renderers.RawRenderer;
import com.shinyhut.vernacular.client.rendering.renderers.Renderer;
import com.shinyhut.vernacular.client.rendering.renderers.ZLibRenderer;
import com.shinyhut.vernacular.protocol.messages.Encoding;
import com.shinyhut.vernacular.protocol.messages.Rectangle;
import io.rackdesk.app.vnc.Encodings;
import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.PixelFormat;
import io.rackdesk.app.vnc.RectDecoder;
import io.rackdesk.app.vnc.RfbInput;
import io.rackdesk.app.vnc.StreamInput;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = one whole recording (a full-screen update, incremental updates, a second full
 * update) decoded from its bytes into a screen-sized picture, with fresh decoders (the zlib streams
 * start over as they did on the wire). Both clients read the same recorded rectangle payloads from an
 * InputStream over the array ({@link BytesInputStream}): Rackdesk through {@link StreamInput} as on a
 * socket, vernacular through the BufferedInputStream its client puts on its socket, calling its own
 * renderers (RawRenderer, HextileRenderer, ZLibRenderer) into its own framebuffer image (TYPE_INT_RGB),
 * as its Framebuffer.processUpdate does. Rectangle headers are parsed before the run for both
 * (VncRecording), so only the decoding is compared. scripts/bench-vnc.sh runs it through VncBenchMain.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VncDecodeBench {
    @Param({"raw", "hextile", "zlib", "zrle", "tight", "tightpng"})
    public String encoding;

    VncRecording rec;
    Framebuffer fb;
    RectDecoder[] stateless; // Raw, CopyRect, Hextile keep no state: one set for the run
    BufferedImage image;
    com.shinyhut.vernacular.protocol.messages.PixelFormat vernacularFormat;
    byte[] copyTarget;
    BytesInputStream source;
    StreamInput input;        // Rackdesk's connection input, kept from operation to operation as on a socket
    BufferedInputStream vernacularInput; // vernacular's, likewise

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rec = VncRecording.load(encoding);
        fb = new Framebuffer(rec.width, rec.height, 1L << 26);
        stateless = VncRecording.newDecoders();
        image = new BufferedImage(rec.width, rec.height, BufferedImage.TYPE_INT_RGB);
        PixelFormat pf = rec.pf;
        vernacularFormat = new com.shinyhut.vernacular.protocol.messages.PixelFormat(pf.bitsPerPixel, pf.depth, pf.bigEndian,
                pf.trueColour, pf.redMax, pf.greenMax, pf.blueMax, pf.redShift, pf.greenShift, pf.blueShift);
        copyTarget = new byte[rec.width * rec.height * 4];
        source = new BytesInputStream(rec.payload);
        input = new StreamInput(source);
        vernacularInput = new BufferedInputStream(source);
    }

    /** Rackdesk's decoders over the recording; returns the framebuffer (checked by VncBenchMain). */
    @Benchmark
    public int[] rackdesk() throws Exception {
        source.rewind();
        return decodeRackdesk(rec, fb, stateless, input);
    }

    static int[] decodeRackdesk(VncRecording rec, Framebuffer fb, RectDecoder[] stateless) throws Exception {
        return decodeRackdesk(rec, fb, stateless, new StreamInput(new BytesInputStream(rec.payload)));
    }

    /** Decodes the whole recording from {@code in}, which must be at its start; leaves it empty. */
    static int[] decodeRackdesk(VncRecording rec, Framebuffer fb, RectDecoder[] stateless, RfbInput in) throws Exception {
        RectDecoder[] fresh = new RectDecoder[stateless.length]; // zlib decoders made when first needed, as RfbSession does
        System.arraycopy(stateless, 0, fresh, 0, 3);
        PixelFormat pf = rec.pf;
        try {
            for (VncRecording.Rect r : rec.rects) {
                RectDecoder d = VncRecording.decoder(fresh, r.encoding());
                if (d == null) {
                    d = VncRecording.newDecoder(fresh, r.encoding());
                }
                d.decode(in, r.x(), r.y(), r.w(), r.h(), fb, pf);
            }
            if (in.buffered() != 0) {
                throw new IllegalStateException(in.buffered() + " bytes of the recording left undecoded");
            }
        } finally {
            for (int i = 3; i < fresh.length; i++) {
                if (fresh[i] != null) {
                    fresh[i].close();
                }
            }
        }
        return fb.pixels();
    }

    /** vernacular 1.14's renderers over the same bytes (Raw, Hextile, Zlib, CopyRect only). */
    @Benchmark
    public BufferedImage vernacular() throws Exception {
        source.rewind();
        return decodeVernacular(rec, image, vernacularFormat, vernacularInput);
    }

    static BufferedImage decodeVernacular(VncRecording rec, BufferedImage image,
            com.shinyhut.vernacular.protocol.messages.PixelFormat format) throws Exception {
        return decodeVernacular(rec, image, format, new BufferedInputStream(new BytesInputStream(rec.payload)));
    }

    /** Decodes the whole recording from {@code in}, which must be at its start; leaves it empty. */
    static BufferedImage decodeVernacular(VncRecording rec, BufferedImage image,
            com.shinyhut.vernacular.protocol.messages.PixelFormat format, InputStream in) throws Exception {
        PixelDecoder pixels = new PixelDecoder(new HashMap<>());
        RawRenderer raw = new RawRenderer(pixels, format);
        HextileRenderer hextile = new HextileRenderer(raw, pixels, format);
        ZLibRenderer zlib = new ZLibRenderer(raw);
        CopyRectRenderer copy = new CopyRectRenderer();
        for (VncRecording.Rect r : rec.rects) {
            Renderer renderer;
            Encoding e;
            switch (r.encoding()) {
                case Encodings.RAW -> { renderer = raw; e = Encoding.RAW; }
                case Encodings.HEXTILE -> { renderer = hextile; e = Encoding.HEXTILE; }
                case Encodings.ZLIB -> { renderer = zlib; e = Encoding.ZLIB; }
                case Encodings.COPY_RECT -> { renderer = copy; e = Encoding.COPYRECT; }
                default -> throw new IllegalStateException("vernacular cannot decode " + Encodings.name(r.encoding()));
            }
            renderer.render(in, image, new Rectangle(r.x(), r.y(), r.w(), r.h(), e));
        }
        return image;
    }

    /**
     * The floor for Raw: System.arraycopy of the same pixel bytes, row by row, into a byte array laid
     * out like the screen (what any decoder must at least move).
     */
    @Benchmark
    public byte[] arraycopy() {
        byte[] src = rec.payload;
        byte[] dst = copyTarget;
        int stride = rec.width * 4;
        for (VncRecording.Rect r : rec.rects) {
            int rowBytes = r.w() * 4;
            int o = r.offset();
            for (int row = r.y(), end = r.y() + r.h(); row < end; row++, o += rowBytes) {
                System.arraycopy(src, o, dst, row * stride + r.x() * 4, rowBytes);
            }
        }
        return dst;
    }
}
