package io.rackdesk.app.libvirt;

import io.rackdesk.app.task.SerialWorker;
import java.time.Duration;
import java.util.Objects;

/** Makes {@link LibvirtHost}s, each with its own worker thread, all through one started event loop. */
public final class LibvirtHostFactory {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final LibvirtEventLoop eventLoop;
    private final Duration timeout;

    public LibvirtHostFactory(LibvirtEventLoop eventLoop, Duration timeout) {
        this.eventLoop = Objects.requireNonNull(eventLoop);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** A host for {@code uri}; nothing is opened until {@link LibvirtHost#open()}. */
    public LibvirtHost create(String name, String uri) {
        return create(name, uri, null);
    }

    /** As {@link #create(String, String)}, with {@code auth} answering libvirt's credential prompts. */
    public LibvirtHost create(String name, String uri, org.libvirt.ConnectAuth auth) {
        return new LibvirtHost(uri, new SerialWorker("libvirt-" + name), timeout, eventLoop, auth);
    }

    public Duration timeout() {
        return timeout;
    }
}
