package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The Extended Clipboard (UTF-8 text through Caps/Notify/Request/Provide), its fallback to plain cut
 * text, the alpha cursor and the ExtendedDesktopSize bookkeeping for SetDesktopSize, against scripted
 * server streams.
 */
class ExtendedClipboardTest {
    private final List<String> received = new ArrayList<>();
    private final List<int[]> cursors = new ArrayList<>();
    private final RfbSession.Listener listener = new RfbSession.Listener() {
        @Override
        public void serverCutText(String text) {
            received.add(text);
        }

        @Override
        public void cursor(int[] argb, int width, int height, int hotX, int hotY) {
            cursors.add(new int[] {width, height, hotX, hotY, argb[0], argb[argb.length - 1]});
        }
    };
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private RfbSession open(ServerStream s, VncOptions o) throws IOException {
        return RfbSession.open(new ByteArrayInputStream(s.toByteArray()), sent, o, listener);
    }

    private static ServerStream provide(ServerStream s, byte[] text) {
        byte[] plain = ByteBuffer.allocate(4 + text.length).putInt(text.length).put(text).array();
        Deflater d = new Deflater();
        byte[] z = ServerStream.deflate(d, plain);
        d.end();
        return s.u8(3).u8(0).u16(0).u32(-(4L + z.length) & 0xFFFFFFFFL).u32(ExtendedClipboard.PROVIDE | ExtendedClipboard.FORMAT_TEXT).bytes(z);
    }

    /** Where {@code part} starts in {@code all} after {@code from}, or -1. */
    private static int indexOf(byte[] all, byte[] part, int from) {
        for (int i = from; i + part.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void offersTheExtensionAndAnswersTheServersCapsWithItsOwn() throws IOException {
        ServerStream s = HostileServerTest.extendedCaps(ServerStream.handshake(8, 8));
        try (RfbSession session = open(s, new VncOptions())) {
            byte[] pseudo = ByteBuffer.allocate(4).putInt(Encodings.EXTENDED_CLIPBOARD).array();
            assertTrue(indexOf(sent.toByteArray(), pseudo, 0) > 0, "SetEncodings names 0xC0A1E5CE");
            assertFalse(session.supportsExtendedClipboard());
            session.processMessage();
            assertTrue(session.supportsExtendedClipboard());
            assertTrue(indexOf(sent.toByteArray(), ExtendedClipboard.caps(RfbSession.MAX_CUT_TEXT), 0) > 0, "the client's Caps");
        }
    }

    @Test
    void notifiedTextIsRequestedAndItsUtf8ProvideArrivesWithLineFeeds() throws IOException {
        ServerStream s = HostileServerTest.extendedCaps(ServerStream.handshake(8, 8));
        s.u8(3).u8(0).u16(0).u32(-4L & 0xFFFFFFFFL).u32(ExtendedClipboard.NOTIFY | ExtendedClipboard.FORMAT_TEXT);
        provide(s, "grüße\r\n你好\0".getBytes(StandardCharsets.UTF_8));
        try (RfbSession session = open(s, new VncOptions())) {
            session.processMessage();
            int mark = sent.size();
            session.processMessage();
            assertTrue(indexOf(sent.toByteArray(), ExtendedClipboard.action(ExtendedClipboard.REQUEST, ExtendedClipboard.FORMAT_TEXT), mark) >= mark,
                    "Notify is answered with a Request for text");
            session.processMessage();
            assertEquals(List.of("grüße\n你好"), received);
        }
    }

    @Test
    void withIncomingSwitchedOffNotifiedTextIsNotRequested() throws IOException {
        ServerStream s = HostileServerTest.extendedCaps(ServerStream.handshake(8, 8));
        s.u8(3).u8(0).u16(0).u32(-4L & 0xFFFFFFFFL).u32(ExtendedClipboard.NOTIFY | ExtendedClipboard.FORMAT_TEXT);
        try (RfbSession session = open(s, new VncOptions())) {
            session.receiveClipboard(false);
            session.processMessage();
            int mark = sent.size();
            session.processMessage();
            assertEquals(mark, sent.size(), "no Request: the guest's text does not cross");
        }
    }

    @Test
    void localTextIsNotifiedThenProvidedWhenTheServerRequestsIt() throws IOException {
        ServerStream s = HostileServerTest.extendedCaps(ServerStream.handshake(8, 8));
        s.u8(3).u8(0).u16(0).u32(-4L & 0xFFFFFFFFL).u32(ExtendedClipboard.REQUEST | ExtendedClipboard.FORMAT_TEXT);
        try (RfbSession session = open(s, new VncOptions())) {
            session.processMessage();
            int mark = sent.size();
            session.clipboardText("line 1\nzweite Zeile ✓");
            byte[] notify = ExtendedClipboard.action(ExtendedClipboard.NOTIFY, ExtendedClipboard.FORMAT_TEXT);
            assertArrayEquals(notify, Arrays.copyOfRange(sent.toByteArray(), mark, sent.size()), "only a Notify before the request");
            mark = sent.size();
            session.processMessage();
            byte[] out = Arrays.copyOfRange(sent.toByteArray(), mark, sent.size());
            ByteBuffer b = ByteBuffer.wrap(out);
            assertEquals(6, b.get());
            b.position(4);
            int length = -b.getInt();
            int flags = b.getInt();
            assertEquals(ExtendedClipboard.PROVIDE | ExtendedClipboard.FORMAT_TEXT, flags);
            assertEquals(out.length - 8, length);
            byte[] z = Arrays.copyOfRange(out, 12, out.length);
            assertEquals("line 1\nzweite Zeile ✓", ExtendedClipboard.providedText(flags, z, 1 << 20));
        }
    }

    @Test
    void withoutTheServersCapsTextGoesAsPlainCutText() throws IOException {
        ServerStream s = ServerStream.handshake(8, 8);
        s.u8(3).u8(0).u16(0).u32(5).ascii("plain");
        try (RfbSession session = open(s, new VncOptions())) {
            session.processMessage();
            assertEquals(List.of("plain"), received);
            int mark = sent.size();
            session.clipboardText("hi");
            assertArrayEquals(new byte[] {6, 0, 0, 0, 0, 0, 0, 2, 'h', 'i'}, Arrays.copyOfRange(sent.toByteArray(), mark, sent.size()));
        }
    }

    @Test
    void switchedOffTheExtensionIsNotOfferedAndItsMessagesAreRefused() throws IOException {
        ServerStream s = HostileServerTest.extendedCaps(ServerStream.handshake(8, 8));
        try (RfbSession session = open(s, new VncOptions().extendedClipboard(false))) {
            byte[] pseudo = ByteBuffer.allocate(4).putInt(Encodings.EXTENDED_CLIPBOARD).array();
            assertEquals(-1, indexOf(sent.toByteArray(), pseudo, 0));
            RfbProtocolException e = org.junit.jupiter.api.Assertions.assertThrows(RfbProtocolException.class, session::processMessage);
            assertTrue(e.getMessage().contains("did not ask for"), e.getMessage());
        }
    }

    @Test
    void alphaCursorIsUnpremultipliedIntoArgb() throws IOException {
        ServerStream s = ServerStream.handshake(8, 8);
        s.update(1).rect(1, 0, 2, 1, Encodings.CURSOR_WITH_ALPHA).u32(Encodings.RAW)
                .bytes(new byte[] {(byte) 128, 0, 0, (byte) 128, 0x10, 0x20, 0x30, (byte) 255});
        try (RfbSession session = open(s, new VncOptions())) {
            byte[] pseudo = ByteBuffer.allocate(4).putInt(Encodings.CURSOR_WITH_ALPHA).array();
            assertTrue(indexOf(sent.toByteArray(), pseudo, 0) > 0, "SetEncodings names -314");
            session.processMessage();
        }
        assertEquals(1, cursors.size());
        int[] c = cursors.get(0);
        assertArrayEquals(new int[] {2, 1, 1, 0, 0x80FF0000, 0xFF102030}, c);
    }

    @Test
    void setDesktopSizeKeepsTheServersScreenIdAndFlags() throws IOException {
        ServerStream s = ServerStream.handshake(8, 8);
        s.update(1).rect(0, 0, 8, 8, Encodings.EXTENDED_DESKTOP_SIZE).u8(1).u8(0).u16(0)
                .u32(0x01020304L).u16(0).u16(0).u16(8).u16(8).u32(0x0A0B0C0DL);
        try (RfbSession session = open(s, new VncOptions())) {
            assertFalse(session.supportsDesktopResize());
            session.processMessage();
            assertTrue(session.supportsDesktopResize());
            int mark = sent.size();
            session.setDesktopSize(1024, 768);
            byte[] expected = {(byte) 251, 0, 4, 0, 3, 0, 1, 0, 1, 2, 3, 4, 0, 0, 0, 0, 4, 0, 3, 0, 0x0A, 0x0B, 0x0C, 0x0D};
            assertArrayEquals(expected, Arrays.copyOfRange(sent.toByteArray(), mark, sent.size()));
        }
    }
}
