package io.rackdesk.app.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A unit of background work with callbacks, free of any UI toolkit. A {@link TaskExecutor} starts it
 * and delivers the callbacks on the UI thread.
 */
public final class BackgroundTask<T> {
    private final String title;
    private final Supplier<? extends CompletionStage<T>> start;
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onFinished = () -> { };
    private boolean quiet;

    private BackgroundTask(String title, Supplier<? extends CompletionStage<T>> start) {
        this.title = Objects.requireNonNull(title);
        this.start = Objects.requireNonNull(start);
    }

    /**
     * Work that is already asynchronous: {@code start} must only enqueue (for example onto a
     * connection's {@link Worker}) and return at once, because it runs on the caller's thread.
     */
    public static <T> BackgroundTask<T> async(String title, Supplier<? extends CompletionStage<T>> start) {
        return new BackgroundTask<>(title, start);
    }

    /** Blocking work for a worker: the task runs {@code call} there with the given timeout. */
    public static <T> BackgroundTask<T> on(Worker worker, String title, java.time.Duration timeout, Callable<T> call) {
        return new BackgroundTask<>(title, () -> worker.submit(title, call, timeout));
    }

    public String title() {
        return title;
    }

    /** Periodic work (a stats tick) that the status bar should not announce each time. */
    public BackgroundTask<T> quiet() {
        this.quiet = true;
        return this;
    }

    public boolean isQuiet() {
        return quiet;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> c) {
        this.onFailure = Objects.requireNonNull(c);
        return this;
    }

    /** Runs after onSuccess or onFailure, either way. */
    public BackgroundTask<T> onFinished(Runnable r) {
        this.onFinished = Objects.requireNonNull(r);
        return this;
    }

    CompletionStage<T> start() {
        try {
            CompletionStage<T> stage = start.get();
            return stage != null ? stage : CompletableFuture.failedFuture(new NullPointerException(title + " started nothing"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    void succeeded(T value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    void failed(Throwable error) {
        try {
            onFailure.accept(error);
        } finally {
            onFinished.run();
        }
    }
}
