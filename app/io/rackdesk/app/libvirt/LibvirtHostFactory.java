package io.rackdesk.app.libvirt;

import io.rackdesk.app.task.SerialWorker;
import java.time.Duration;
import java.util.Objects;
import org.libvirt.ConnectAuth;

/** Makes {@link LibvirtHost}s, each with its own worker thread, all through one started event loop. */
public final class LibvirtHostFactory {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final LibvirtEventLoop eventLoop;
    private final Duration timeout;
    private final java.util.function.Function<String, ConnectAuth> authFor;
    private final java.util.function.BiFunction<String, Throwable, String> describer;

    public LibvirtHostFactory(LibvirtEventLoop eventLoop, Duration timeout) {
        this(eventLoop, timeout, uri -> null, (uri, e) -> LibvirtErrors.describe(e));
    }

    /**
     * {@code authFor} gives the credential handler for a URI (e.g. the libssh host-key check), or null;
     * {@code describer} turns a failure to connect into the message the user sees.
     */
    public LibvirtHostFactory(LibvirtEventLoop eventLoop, Duration timeout,
                              java.util.function.Function<String, ConnectAuth> authFor,
                              java.util.function.BiFunction<String, Throwable, String> describer) {
        this.eventLoop = Objects.requireNonNull(eventLoop);
        this.timeout = Objects.requireNonNull(timeout);
        this.authFor = Objects.requireNonNull(authFor);
        this.describer = Objects.requireNonNull(describer);
    }

    /** What the user reads when {@code uri} failed with {@code error}. */
    public String describe(String uri, Throwable error) {
        return describer.apply(uri, error);
    }

    /** A host for {@code uri}; nothing is opened until {@link LibvirtHost#open()}. */
    public LibvirtHost create(String name, String uri) {
        return create(name, uri, authFor.apply(uri));
    }

    /** As {@link #create(String, String)}, with {@code auth} answering libvirt's credential prompts. */
    public LibvirtHost create(String name, String uri, ConnectAuth auth) {
        return new LibvirtHost(uri, new SerialWorker("libvirt-" + name), timeout, eventLoop, auth);
    }

    public Duration timeout() {
        return timeout;
    }
}
