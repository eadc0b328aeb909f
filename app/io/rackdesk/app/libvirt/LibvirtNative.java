package io.rackdesk.app.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import java.lang.reflect.Field;
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
    }

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

    static {
        try {
            CONNECT_POINTER = Connect.class.getDeclaredField("vcp");
            CONNECT_POINTER.setAccessible(true);
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
                        info.maxMem.longValue(), persistent == 1));
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
