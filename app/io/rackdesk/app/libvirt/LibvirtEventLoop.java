package io.rackdesk.app.libvirt;

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

    private LibvirtEventLoop() throws LibvirtException {
        LibvirtErrors.silenceStderr();
        Library.initEventLoop();
        thread = new Thread(this::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
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
        return thread.isAlive();
    }
}
