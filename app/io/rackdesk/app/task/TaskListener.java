package io.rackdesk.app.task;

/** Told on the UI thread when a background task starts and ends. */
public interface TaskListener {
    void started(String title);

    /** {@code error} is null when the task succeeded. */
    void finished(String title, Throwable error);
}
