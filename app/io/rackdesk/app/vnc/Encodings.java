package io.rackdesk.app.vnc;

import java.util.List;
import java.util.Locale;

/** RFB encoding numbers (rfbproto "Encodings") and the names users type for them. */
public final class Encodings {
    public static final int RAW = 0;
    public static final int COPY_RECT = 1;
    public static final int HEXTILE = 5;
    public static final int ZLIB = 6;
    public static final int TIGHT = 7;
    public static final int ZRLE = 16;
    public static final int TIGHT_PNG = -260;

    public static final int JPEG_QUALITY_0 = -32;   // .. -23 for quality 9
    public static final int COMPRESS_LEVEL_0 = -256; // .. -247 for level 9
    public static final int DESKTOP_SIZE = -223;
    public static final int LAST_RECT = -224;
    public static final int CURSOR = -239;
    public static final int POINTER_TYPE_CHANGE = -257;
    public static final int QEMU_EXTENDED_KEY_EVENT = -258;
    public static final int QEMU_LED_STATE = -261;
    public static final int EXTENDED_DESKTOP_SIZE = -308;
    public static final int CURSOR_WITH_ALPHA = -314;
    public static final int EXTENDED_CLIPBOARD = 0xC0A1E5CE;

    /** What the client offers by default, best first. */
    public static final List<Integer> DEFAULT = List.of(ZRLE, TIGHT, HEXTILE, ZLIB, COPY_RECT, RAW);

    private Encodings() {
    }

    /** "raw", "copyrect", "hextile", "zlib", "zrle", "tight" or "tightpng" to its number. */
    public static int parse(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "raw": return RAW;
            case "copyrect": return COPY_RECT;
            case "hextile": return HEXTILE;
            case "zlib": return ZLIB;
            case "zrle": return ZRLE;
            case "tight": return TIGHT;
            case "tightpng": return TIGHT_PNG;
            default: throw new IllegalArgumentException("unknown encoding '" + name
                    + "' (raw, copyrect, hextile, zlib, zrle, tight or tightpng)");
        }
    }

    public static String name(int encoding) {
        switch (encoding) {
            case RAW: return "Raw";
            case COPY_RECT: return "CopyRect";
            case HEXTILE: return "Hextile";
            case ZLIB: return "Zlib";
            case TIGHT: return "Tight";
            case ZRLE: return "ZRLE";
            case TIGHT_PNG: return "TightPNG";
            case DESKTOP_SIZE: return "DesktopSize";
            case LAST_RECT: return "LastRect";
            case CURSOR: return "Cursor";
            case EXTENDED_DESKTOP_SIZE: return "ExtendedDesktopSize";
            case CURSOR_WITH_ALPHA: return "Cursor with alpha";
            case EXTENDED_CLIPBOARD: return "Extended Clipboard";
            case QEMU_EXTENDED_KEY_EVENT: return "QEMU Extended Key Event";
            case QEMU_LED_STATE: return "QEMU LED state";
            default: return "encoding " + encoding;
        }
    }
}
