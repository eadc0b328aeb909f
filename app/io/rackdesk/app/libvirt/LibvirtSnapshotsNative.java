package io.rackdesk.app.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.rackdesk.app.model.SnapshotInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.libvirt.Domain;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import org.w3c.dom.Element;

/**
 * JNA bindings for snapshot calls libvirt-java 0.5.2 lacks (virDomainListAllSnapshots, a snapshot's
 * name, parent and current flag). Must only be called on a connection's worker thread: libvirt's
 * last error, read after a failed call, is per thread.
 */
final class LibvirtSnapshotsNative {
    /** virErrorNumber values that are answers rather than failures. */
    private static final int VIR_ERR_NO_SUPPORT = 3;
    private static final int VIR_ERR_NO_DOMAIN_SNAPSHOT = 72;

    interface Api extends Library {
        int virDomainListAllSnapshots(Pointer dom, PointerByReference snaps, int flags);

        /** const char *, owned by the snapshot. */
        Pointer virDomainSnapshotGetName(Pointer snap);

        /** A new reference, or NULL with VIR_ERR_NO_DOMAIN_SNAPSHOT for a root. */
        Pointer virDomainSnapshotGetParent(Pointer snap, int flags);

        int virDomainSnapshotIsCurrent(Pointer snap, int flags);

        /** char *, the caller frees it. */
        Pointer virDomainSnapshotGetXMLDesc(Pointer snap, int flags);

        int virDomainSnapshotFree(Pointer snap);
    }

    /** Loaded with the class, which is first used after a connection opened: libvirt is there. */
    private static final Api API = Native.load("virt", Api.class);
    private LibvirtSnapshotsNative() {
    }

    /**
     * Every snapshot of {@code dom} with its parent, current flag, state, creation time and
     * description, oldest first: one list call, then a parent, current-flag and XML call per snapshot.
     * A driver without snapshot support yields an empty list.
     */
    static List<SnapshotInfo> list(Domain dom) {
        PointerByReference out = new PointerByReference();
        int n = API.virDomainListAllSnapshots(LibvirtNative.domainPointer(dom), out, 0);
        if (n < 0) {
            if (lastErrorCode() == VIR_ERR_NO_SUPPORT) {
                Libvirt.INSTANCE.virResetLastError();
                return List.of();
            }
            throw LibvirtErrors.lastError("virDomainListAllSnapshots");
        }
        Pointer array = out.getValue();
        if (array == null) {
            return List.of();
        }
        Pointer[] snaps = array.getPointerArray(0, n);
        List<SnapshotInfo> result = new ArrayList<>(n);
        try {
            for (Pointer snap : snaps) {
                result.add(read(snap));
            }
        } finally {
            for (Pointer snap : snaps) {
                API.virDomainSnapshotFree(snap);
            }
            Native.free(Pointer.nativeValue(array));
        }
        result.sort(Comparator.comparingLong(SnapshotInfo::creationTimeEpochSeconds).thenComparing(SnapshotInfo::name));
        return result;
    }

    private static SnapshotInfo read(Pointer snap) {
        String name = utf8(API.virDomainSnapshotGetName(snap));
        if (name == null) {
            throw LibvirtErrors.lastError("virDomainSnapshotGetName");
        }
        int current = API.virDomainSnapshotIsCurrent(snap, 0);
        if (current < 0) {
            throw LibvirtErrors.lastError("virDomainSnapshotIsCurrent of " + name);
        }
        String parent = parentName(snap, name);
        Pointer xmlPtr = API.virDomainSnapshotGetXMLDesc(snap, 0);
        if (xmlPtr == null) {
            throw LibvirtErrors.lastError("virDomainSnapshotGetXMLDesc of " + name);
        }
        String xml;
        try {
            xml = utf8(xmlPtr);
        } finally {
            Native.free(Pointer.nativeValue(xmlPtr));
        }
        Element root = Dom.parse(xml, "domainsnapshot");
        return new SnapshotInfo(name, parent, current == 1, Dom.text(root, "state"),
                parseLong(Dom.text(root, "creationTime")), Dom.text(root, "description"));
    }

    private static String parentName(Pointer snap, String name) {
        Pointer parent = API.virDomainSnapshotGetParent(snap, 0);
        if (parent == null) {
            if (lastErrorCode() == VIR_ERR_NO_DOMAIN_SNAPSHOT) {
                Libvirt.INSTANCE.virResetLastError(); // a root: no parent is the answer
                return null;
            }
            throw LibvirtErrors.lastError("virDomainSnapshotGetParent of " + name);
        }
        try {
            return utf8(API.virDomainSnapshotGetName(parent));
        } finally {
            API.virDomainSnapshotFree(parent);
        }
    }

    private static int lastErrorCode() {
        virError err = Libvirt.INSTANCE.virGetLastError();
        return err == null ? 0 : err.code;
    }

    private static String utf8(Pointer p) {
        return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
