package io.rackdesk.app.task;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one {@link TaskExecutor}: work runs wherever the task puts it (a connection's worker), the
 * callbacks run on {@code uiThread} (JavaFX's {@code Platform::runLater} in the GUI, {@code Runnable::run}
 * in tests and on the command line).
 */
public final class DefaultTaskExecutor implements TaskExecutor {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rackdesk-timer");
        t.setDaemon(true);
        return t;
    });
    private final Executor uiThread;
    private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();

    public DefaultTaskExecutor(Executor uiThread) {
        this.uiThread = Objects.requireNonNull(uiThread);
    }

    /** Same-thread executor: callbacks run on whichever thread completes the work. */
    public static DefaultTaskExecutor sameThread() {
        return new DefaultTaskExecutor(Runnable::run);
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        List<TaskListener> told = task.isQuiet() ? List.of() : listeners;
        for (TaskListener l : told) {
            l.started(task.title());
        }
        task.start().whenComplete((value, error) -> uiThread.execute(() -> {
            Throwable cause = unwrap(error);
            try {
                if (cause == null) {
                    task.succeeded(value);
                } else {
                    task.failed(cause);
                }
            } finally {
                for (TaskListener l : told) {
                    l.finished(task.title(), cause);
                }
            }
        }));
    }

    @Override
    public void runOnUiThread(Runnable r) {
        uiThread.execute(r);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable r) {
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> f = TIMER.schedule(() -> uiThread.execute(() -> {
            if (!cancelled.get()) {
                r.run();
            }
        }), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> {
            cancelled.set(true);
            f.cancel(false);
        };
    }

    @Override
    public void addListener(TaskListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Strips the wrappers CompletableFuture adds around the real failure. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
