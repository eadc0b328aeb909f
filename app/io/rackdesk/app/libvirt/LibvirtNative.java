package io.rackdesk.app.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmStatsSample;
import io.rackdesk.app.model.VmSummary;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.ConnectionPointer;

/**
 * JNA bindings for the libvirt calls libvirt-java 0.5.2 lacks (virConnectListAllDomains, a
 * virDomainGetInfo that knows PMSUSPENDED). Must only be called on a connection's worker thread.
 */
final class LibvirtNative {

    interface Api extends Library {
        int virConnectListAllDomains(Pointer conn, PointerByReference domains, int flags);

        String virDomainGetName(Pointer dom);

        int virDomainGetUUIDString(Pointer dom, byte[] buf);

        int virDomainGetInfo(Pointer dom, DomainInfo info);

        int virDomainIsPersistent(Pointer dom);

        int virDomainFree(Pointer dom);

        /** Returns a malloc'd string (free it) or null when the domain has no such metadata. */
        Pointer virDomainGetMetadata(Pointer dom, int type, String uri, int flags);

        int virDomainSetMetadata(Pointer dom, int type, String metadata, String key, String uri, int flags);

        int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference records, int flags);

        void virDomainStatsRecordListFree(Pointer records);
    }

    /** VIR_DOMAIN_METADATA_ELEMENT: an element of our own namespace under <metadata>. */
    private static final int METADATA_ELEMENT = 2;
    /** VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG. */
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;

    /** virDomainStatsTypes: what {@link #allDomainStats} asks for. */
    static final int STATS_STATE = 0x1;
    static final int STATS_CPU_TOTAL = 0x2;
    static final int STATS_BALLOON = 0x4;
    static final int STATS_VCPU = 0x8;
    static final int STATS_INTERFACE = 0x10;
    static final int STATS_BLOCK = 0x20;
    /** sizeof(virTypedParameter): char field[80], int type, union value (8 bytes, aligned). */
    private static final int TYPED_PARAM_SIZE = 96;
    private static final int TYPED_PARAM_TYPE_OFFSET = 80;
    private static final int TYPED_PARAM_VALUE_OFFSET = 88;

    /** struct _virDomainInfo; libvirt-java maps its unsigned char state as an int and reads padding. */
    @Structure.FieldOrder({"state", "maxMem", "memory", "nrVirtCpu", "cpuTime"})
    public static final class DomainInfo extends Structure {
        public byte state;
        public NativeLong maxMem;
        public NativeLong memory;
        public short nrVirtCpu;
        public long cpuTime;
    }

    private static final Field CONNECT_POINTER;
    private static final Field DOMAIN_POINTER;

    static {
        try {
            CONNECT_POINTER = Connect.class.getDeclaredField("vcp");
            CONNECT_POINTER.setAccessible(true);
            DOMAIN_POINTER = org.libvirt.Domain.class.getDeclaredField("vdp");
            DOMAIN_POINTER.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile Api api;

    private LibvirtNative() {
    }

    private static Api api() {
        Api a = api;
        if (a == null) {
            synchronized (LibvirtNative.class) {
                a = api;
                if (a == null) {
                    a = Native.load("virt", Api.class);
                    api = a;
                }
            }
        }
        return a;
    }

    static Pointer pointer(Connect conn) {
        try {
            ConnectionPointer p = (ConnectionPointer) CONNECT_POINTER.get(conn);
            if (p == null || p.getPointer() == null) {
                throw new IllegalStateException("connection is closed");
            }
            return p.getPointer();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One RPC for the counters of every VM on the host (virConnectGetAllDomainStats): state, CPU
     * time, balloon, vCPUs, interfaces and block devices, summed over devices.
     */
    static List<VmStatsSample> allDomainStats(Connect conn) throws LibvirtException {
        Api a = api();
        PointerByReference out = new PointerByReference();
        int n = a.virConnectGetAllDomainStats(pointer(conn),
                STATS_STATE | STATS_CPU_TOTAL | STATS_BALLOON | STATS_VCPU | STATS_INTERFACE | STATS_BLOCK, out, 0);
        if (n < 0) {
            throw LibvirtErrors.lastError("virConnectGetAllDomainStats");
        }
        Pointer records = out.getValue();
        List<VmStatsSample> result = new ArrayList<>(n);
        if (records == null) {
            return result;
        }
        try {
            byte[] uuid = new byte[37];
            for (int i = 0; i < n; i++) {
                // struct _virDomainStatsRecord { virDomainPtr dom; virTypedParameterPtr params; int nparams; }
                Pointer rec = records.getPointer((long) i * Native.POINTER_SIZE);
                Pointer dom = rec.getPointer(0);
                Pointer params = rec.getPointer(Native.POINTER_SIZE);
                int nparams = rec.getInt(2L * Native.POINTER_SIZE);
                a.virDomainGetUUIDString(dom, uuid);
                result.add(readStats(new String(uuid, 0, 36, StandardCharsets.US_ASCII), params, nparams));
            }
        } finally {
            a.virDomainStatsRecordListFree(records);
        }
        return result;
    }

    /**
     * Reads one record's typed parameters in place (a view of libvirt's memory, no copy): field names are
     * matched as bytes, so a tick of 10,000 VMs makes no strings but the UUIDs.
     */
    static VmStatsSample readStats(String uuid, Pointer params, int nparams) {
        ByteBuffer b = params == null || nparams <= 0 ? ByteBuffer.allocate(0)
                : params.getByteBuffer(0, (long) nparams * TYPED_PARAM_SIZE).order(ByteOrder.nativeOrder());
        nparams = b.capacity() / TYPED_PARAM_SIZE;
        int state = 0;
        long cpuTime = -1;
        int vcpus = -1;
        long balloonCurrent = -1;
        long available = -1;
        long unused = -1;
        long rss = -1;
        long rd = -1;
        long wr = -1;
        long rx = -1;
        long tx = -1;
        for (int j = 0; j < nparams; j++) {
            int at = j * TYPED_PARAM_SIZE;
            int len = nameLength(b, at);
            if (is(b, at, len, STATE_STATE)) {
                state = (int) number(b, at);
            } else if (is(b, at, len, CPU_TIME)) {
                cpuTime = number(b, at);
            } else if (is(b, at, len, VCPU_CURRENT)) {
                vcpus = (int) number(b, at);
            } else if (is(b, at, len, BALLOON_CURRENT)) {
                balloonCurrent = number(b, at);
            } else if (is(b, at, len, BALLOON_AVAILABLE)) {
                available = number(b, at);
            } else if (is(b, at, len, BALLOON_UNUSED)) {
                unused = number(b, at);
            } else if (is(b, at, len, BALLOON_RSS)) {
                rss = number(b, at);
            } else if (startsWith(b, at, len, NET)) {
                // per-device counters: net.<n>.rx.bytes, block.<n>.rd.bytes, ...
                if (endsWith(b, at, len, RX_BYTES)) {
                    rx = add(rx, number(b, at));
                } else if (endsWith(b, at, len, TX_BYTES)) {
                    tx = add(tx, number(b, at));
                }
            } else if (startsWith(b, at, len, BLOCK)) {
                if (endsWith(b, at, len, RD_BYTES)) {
                    rd = add(rd, number(b, at));
                } else if (endsWith(b, at, len, WR_BYTES)) {
                    wr = add(wr, number(b, at));
                }
            }
        }
        // what the guest uses: balloon driver figures when the guest reports them, else QEMU's RSS
        long used = available >= 0 && unused >= 0 ? available - unused : rss;
        return new VmStatsSample(uuid, VmState.fromCode(state), cpuTime, vcpus, balloonCurrent, used, rd, wr, rx, tx);
    }

    private static final byte[] STATE_STATE = ascii("state.state");
    private static final byte[] CPU_TIME = ascii("cpu.time");
    private static final byte[] VCPU_CURRENT = ascii("vcpu.current");
    private static final byte[] BALLOON_CURRENT = ascii("balloon.current");
    private static final byte[] BALLOON_AVAILABLE = ascii("balloon.available");
    private static final byte[] BALLOON_UNUSED = ascii("balloon.unused");
    private static final byte[] BALLOON_RSS = ascii("balloon.rss");
    private static final byte[] NET = ascii("net.");
    private static final byte[] BLOCK = ascii("block.");
    private static final byte[] RX_BYTES = ascii(".rx.bytes");
    private static final byte[] TX_BYTES = ascii(".tx.bytes");
    private static final byte[] RD_BYTES = ascii(".rd.bytes");
    private static final byte[] WR_BYTES = ascii(".wr.bytes");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Length of the NUL-terminated name at {@code at} (VIR_TYPED_PARAM_FIELD_LENGTH bytes at most). */
    private static int nameLength(ByteBuffer b, int at) {
        int n = 0;
        while (n < TYPED_PARAM_TYPE_OFFSET && b.get(at + n) != 0) {
            n++;
        }
        return n;
    }

    private static boolean is(ByteBuffer b, int at, int len, byte[] name) {
        return len == name.length && startsWith(b, at, len, name);
    }

    private static boolean startsWith(ByteBuffer b, int at, int len, byte[] prefix) {
        return len >= prefix.length && bytesAt(b, at, prefix);
    }

    private static boolean endsWith(ByteBuffer b, int at, int len, byte[] suffix) {
        return len >= suffix.length && bytesAt(b, at + len - suffix.length, suffix);
    }

    /** Whether {@code bytes} stand in {@code b} from {@code from} on. */
    private static boolean bytesAt(ByteBuffer b, int from, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (b.get(from + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Rackdesk's tags from the domain's metadata; none when the domain has no Rackdesk element. */
    private static List<String> readTags(Api a, Pointer dom) {
        Pointer xml = a.virDomainGetMetadata(dom, METADATA_ELEMENT, RackdeskMetadata.NAMESPACE, 0);
        if (xml == null) {
            return List.of(); // VIR_ERR_NO_DOMAIN_METADATA: nothing tagged yet
        }
        try {
            return RackdeskMetadata.parseTags(xml.getString(0, "UTF-8"));
        } finally {
            Native.free(Pointer.nativeValue(xml));
        }
    }

    /** Replaces the domain's Rackdesk tags, in its live and persistent definitions as they exist. */
    static void writeTags(Connect conn, String uuid, List<String> tags) throws LibvirtException {
        Api a = api();
        org.libvirt.Domain d = conn.domainLookupByUUIDString(uuid);
        Pointer dom = domainPointer(d);
        int flags = (d.isActive() == 1 ? AFFECT_LIVE : 0) | (d.isPersistent() == 1 ? AFFECT_CONFIG : 0);
        if (a.virDomainSetMetadata(dom, METADATA_ELEMENT, RackdeskMetadata.tagsXml(tags), RackdeskMetadata.PREFIX,
                RackdeskMetadata.NAMESPACE, flags) < 0) {
            throw LibvirtErrors.lastError("virDomainSetMetadata");
        }
    }

    /** The native handle inside a libvirt-java Domain (package-private field, class path only). */
    static Pointer domainPointer(org.libvirt.Domain d) {
        try {
            org.libvirt.jna.DomainPointer p = (org.libvirt.jna.DomainPointer) DOMAIN_POINTER.get(d);
            if (p == null || p.getPointer() == null) {
                throw new IllegalStateException("the domain has been freed");
            }
            return p.getPointer();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long add(long sum, long v) {
        return sum < 0 ? v : sum + v;
    }

    /** The value of the integer-typed parameter at {@code at} (INT, UINT, LLONG, ULLONG); other types read as -1. */
    private static long number(ByteBuffer b, int at) {
        int type = b.getInt(at + TYPED_PARAM_TYPE_OFFSET);
        return switch (type) {
            case 1 -> b.getInt(at + TYPED_PARAM_VALUE_OFFSET);
            case 2 -> Integer.toUnsignedLong(b.getInt(at + TYPED_PARAM_VALUE_OFFSET));
            case 3, 4 -> b.getLong(at + TYPED_PARAM_VALUE_OFFSET);
            default -> -1;
        };
    }

    /** Every domain (running and defined) with state, vCPUs and memory: one list RPC plus two per domain. */
    static List<VmSummary> listAllDomains(Connect conn) throws LibvirtException {
        Api a = api();
        PointerByReference out = new PointerByReference();
        int n = a.virConnectListAllDomains(pointer(conn), out, 0);
        if (n < 0) {
            throw LibvirtErrors.lastError("virConnectListAllDomains");
        }
        Pointer array = out.getValue();
        List<VmSummary> result = new ArrayList<>(n);
        if (array == null) {
            return result;
        }
        Pointer[] domains = array.getPointerArray(0, n);
        try {
            byte[] uuid = new byte[37];
            for (Pointer dom : domains) {
                DomainInfo info = new DomainInfo();
                if (a.virDomainGetInfo(dom, info) < 0) {
                    // the domain may have been undefined between the list and this call
                    continue;
                }
                String name = a.virDomainGetName(dom);
                a.virDomainGetUUIDString(dom, uuid);
                int persistent = a.virDomainIsPersistent(dom);
                result.add(new VmSummary(new String(uuid, 0, 36, StandardCharsets.US_ASCII), name,
                        VmState.fromCode(Byte.toUnsignedInt(info.state)), Short.toUnsignedInt(info.nrVirtCpu),
                        info.maxMem.longValue(), persistent == 1, readTags(a, dom)));
            }
        } finally {
            for (Pointer dom : domains) {
                a.virDomainFree(dom);
            }
            Native.free(Pointer.nativeValue(array));
        }
        return result;
    }
}
