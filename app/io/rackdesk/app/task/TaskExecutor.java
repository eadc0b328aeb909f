package io.rackdesk.app.task;

/**
 * Starts {@link BackgroundTask}s and delivers their callbacks on the UI thread. ViewModels get one
 * injected; the GUI passes the FX thread, tests pass a same-thread executor.
 */
public interface TaskExecutor {

    /** Starts the task; must be called on the UI thread. */
    <T> void execute(BackgroundTask<T> task);

    /** Hands {@code r} to the UI thread (for events that arrive on backend threads). */
    void runOnUiThread(Runnable r);

    /** Runs {@code r} on the UI thread after {@code delay}, unless cancelled first. */
    Cancellable schedule(java.time.Duration delay, Runnable r);

    /** Observes tasks starting and ending (on the UI thread), e.g. for the status bar. */
    void addListener(TaskListener listener);
}
