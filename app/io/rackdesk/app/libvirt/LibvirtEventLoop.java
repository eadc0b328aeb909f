package io.rackdesk.app.libvirt;

import io.rackdesk.app.platform.NativeLibraries;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, which delivers domain events and keepalives. It is process-wide and
 * must be registered before the first connection opens, so every {@link LibvirtHost} is made
 * through a started loop.
 *
 * <p>libvirt 9 runs its default loop on GLib's default main context, which GTK (JavaFX's glass on
 * Linux) uses too. Start the JavaFX toolkit first (Application.init() runs after it): GTK then owns
 * the context and dispatches libvirt's events on its own thread, and our callbacks only hand work
 * on. Started the other way round, GTK events could be dispatched on this thread.
 */
public final class LibvirtEventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEventLoop.class);
    private static LibvirtEventLoop instance;

    private final Thread thread;
    /** Why libvirt cannot be used (its client library is missing), or null when the loop runs. */
    private final String unavailable;

    private LibvirtEventLoop() throws LibvirtException {
        LibvirtErrors.silenceStderr();
        Library.initEventLoop();
        unavailable = null;
        thread = new Thread(this::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private LibvirtEventLoop(String unavailable) {
        this.unavailable = unavailable;
        this.thread = null;
    }

    /**
     * As {@link #start()}, but when libvirt's client library is missing the app still starts: the loop
     * returned then makes every connection fail at once with what to install on this OS.
     */
    public static synchronized LibvirtEventLoop startOrExplain() {
        try {
            return start();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof LinkageError)) {
                throw e;
            }
            LOG.warn("libvirt is not available: {}", e.getCause().toString());
            instance = new LibvirtEventLoop(NativeLibraries.missing(NativeLibraries.Library.LIBVIRT));
            return instance;
        }
    }

    /** Throws {@link LibvirtUnavailableException} (saying what to install) when libvirt cannot be used. */
    public void requireAvailable() {
        if (unavailable != null) {
            throw new LibvirtUnavailableException(unavailable);
        }
    }

    /**
     * Reads libvirt's client library (and JNA) from disk without initializing libvirt or registering
     * the loop, so it may run beside the toolkit's start: it takes the slow part of a cold start off
     * {@link #startOrExplain}, which must come after the toolkit and explains a missing library.
     */
    public static void preload() {
        try {
            Class.forName("org.libvirt.jna.Libvirt", true, LibvirtEventLoop.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("libvirt not preloaded: {}", e.toString());
        }
    }

    /** Registers and starts the loop once per process; later calls return the same loop. */
    public static synchronized LibvirtEventLoop start() {
        if (instance == null) {
            try {
                instance = new LibvirtEventLoop();
            } catch (LibvirtException e) {
                throw new IllegalStateException("libvirt's event loop could not start: " + LibvirtErrors.describe(e), e);
            } catch (LinkageError e) {
                throw new IllegalStateException(LibvirtErrors.describe(e), e);
            }
        }
        return instance;
    }

    private void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException e) {
            LOG.error("libvirt event loop stopped: {}", LibvirtErrors.describe(e));
        }
    }

    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }
}
