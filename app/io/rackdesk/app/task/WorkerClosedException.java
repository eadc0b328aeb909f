package io.rackdesk.app.task;

/** The worker was closed or abandoned (after a timeout) before the call could run. */
public final class WorkerClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkerClosedException(String message) {
        super(message);
    }
}
