package io.rackdesk.app.libvirt;

import io.rackdesk.app.task.CallTimeoutException;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.WorkerClosedException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/** Turns libvirt failures into one clear line for the UI and the log. */
public final class LibvirtErrors {
    /** Kept referenced: JNA holds callbacks weakly, and a collected one would crash libvirt. */
    private static final Libvirt.VirErrorCallback SILENT = (userData, error) -> { };

    private LibvirtErrors() {
    }

    /**
     * libvirt's default handler prints every error to stderr although libvirt-java also throws it;
     * Rackdesk reports errors itself.
     */
    static void silenceStderr() throws LibvirtException {
        Connect.setErrorCallback(SILENT);
    }

    /** A one-line, user-facing description of why a libvirt call failed. */
    public static String describe(Throwable error) {
        Throwable e = DefaultTaskExecutor.unwrap(error);
        if (e instanceof LibvirtException le) {
            String msg = le.getError() != null ? le.getError().getMessage() : le.getMessage();
            return msg != null ? msg.strip() : "libvirt error";
        }
        if (e instanceof CallTimeoutException || e instanceof WorkerClosedException) {
            return e.getMessage();
        }
        if (e instanceof UnsatisfiedLinkError) {
            return "the libvirt client library (libvirt.so.0) is not installed: " + e.getMessage();
        }
        String msg = e.getMessage();
        return msg != null && !msg.isBlank() ? msg : e.getClass().getSimpleName();
    }

    /**
     * True when {@code error} means the connection itself is gone (the host stopped answering, the
     * socket closed), so reconnecting is the cure; false for errors about one VM or one request.
     */
    public static boolean isConnectionLost(Throwable error) {
        Throwable e = DefaultTaskExecutor.unwrap(error);
        if (e instanceof CallTimeoutException || e instanceof WorkerClosedException) {
            return true;
        }
        if (e instanceof LibvirtException le && le.getError() != null) {
            org.libvirt.Error.ErrorNumber code = le.getError().getCode();
            return le.getError().getDomain() == org.libvirt.Error.ErrorDomain.VIR_FROM_RPC
                    || code == org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_CONN
                    || code == org.libvirt.Error.ErrorNumber.VIR_ERR_NO_CONNECT
                    || code == org.libvirt.Error.ErrorNumber.VIR_ERR_SYSTEM_ERROR;
        }
        return false;
    }

    /** The last libvirt error of this thread, as an exception naming the failed call. */
    static RuntimeException lastError(String call) {
        org.libvirt.jna.virError err = Libvirt.INSTANCE.virGetLastError();
        String msg = err != null && err.message != null ? err.message : "unknown libvirt error";
        return new IllegalStateException(call + " failed: " + msg);
    }
}
