package io.rackdesk.app.task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking backend calls (libvirt, librados, disk) one at a time, each bounded by a timeout.
 * One worker per connection keeps a slow or dead host from delaying any other.
 */
public interface Worker extends AutoCloseable {

    /**
     * Queues {@code call}; the future fails with {@link CallTimeoutException} when the call has run
     * longer than {@code timeout}. Never blocks the caller.
     */
    <T> CompletableFuture<T> submit(String what, Callable<T> call, Duration timeout);

    /** Name of the worker (also its thread's name), for logs and the status bar. */
    String name();

    /** Stops taking work; queued calls fail. A call that is running is left to finish on its own. */
    @Override
    void close();
}
