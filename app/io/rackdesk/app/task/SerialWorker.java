package io.rackdesk.app.task;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Worker} with one named daemon thread. A call that outlives its timeout fails its future
 * at once; since a native call cannot be interrupted, the worker is then abandoned: queued calls
 * fail, new ones are refused, and the owner (told through {@code onStuck}) opens a fresh worker.
 */
public final class SerialWorker implements Worker {
    private static final Logger LOG = LoggerFactory.getLogger(SerialWorker.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rackdesk-timeouts");
        t.setDaemon(true);
        return t;
    });

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    private final String name;
    private final ExecutorService thread;
    private final Consumer<CallTimeoutException> onStuck;
    private volatile String abandonedBecause;

    public SerialWorker(String name) {
        this(name, e -> { });
    }

    public SerialWorker(String name, Consumer<CallTimeoutException> onStuck) {
        this.name = Objects.requireNonNull(name);
        this.onStuck = Objects.requireNonNull(onStuck);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rackdesk-worker-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T> CompletableFuture<T> submit(String what, Callable<T> call, Duration timeout) {
        CompletableFuture<T> result = new CompletableFuture<>();
        String refused = abandonedBecause;
        if (refused != null) {
            result.completeExceptionally(new WorkerClosedException(refused));
            return result;
        }
        try {
            thread.execute(new Job<>(what, call, timeout, result));
        } catch (RejectedExecutionException e) {
            String why = abandonedBecause;
            result.completeExceptionally(new WorkerClosedException(why != null ? why : "worker " + name + " is closed"));
        }
        return result;
    }

    /** True once a call timed out or the worker was closed. */
    public boolean isAbandoned() {
        return abandonedBecause != null;
    }

    @Override
    public void close() {
        abandon("worker " + name + " is closed");
    }

    private void abandon(String why) {
        synchronized (this) {
            if (abandonedBecause != null) {
                return;
            }
            abandonedBecause = why;
        }
        List<Runnable> queued = thread.shutdownNow();
        for (Runnable r : queued) {
            if (r instanceof Job<?> job) {
                job.result.completeExceptionally(new WorkerClosedException(why));
            }
        }
    }

    private final class Job<T> implements Runnable {
        final String what;
        final Callable<T> call;
        final Duration timeout;
        final CompletableFuture<T> result;
        /** RUNNING -> DONE or RUNNING -> TIMED_OUT, whichever comes first. */
        final java.util.concurrent.atomic.AtomicInteger outcome = new java.util.concurrent.atomic.AtomicInteger(RUNNING);

        Job(String what, Callable<T> call, Duration timeout, CompletableFuture<T> result) {
            this.what = what;
            this.call = call;
            this.timeout = timeout;
            this.result = result;
        }

        @Override
        public void run() {
            if (result.isDone()) {
                return;
            }
            ScheduledFuture<?> timer = TIMER.schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
            T value;
            try {
                value = call.call();
            } catch (Throwable e) {
                timer.cancel(false);
                if (outcome.compareAndSet(RUNNING, DONE)) {
                    result.completeExceptionally(e);
                }
                return;
            }
            timer.cancel(false);
            if (outcome.compareAndSet(RUNNING, DONE)) {
                result.complete(value);
            }
        }

        private void timedOut() {
            if (!outcome.compareAndSet(RUNNING, TIMED_OUT)) {
                return;
            }
            CallTimeoutException e = new CallTimeoutException(what, timeout);
            LOG.warn("{} on worker {}: abandoning the worker", e.getMessage(), name);
            abandon(e.getMessage());
            try {
                onStuck.accept(e);
            } finally {
                result.completeExceptionally(e);
            }
        }
    }
}
