package io.rackdesk.app.task;

import java.time.Duration;

/** A backend call did not answer within its timeout; the worker that ran it is abandoned. */
public final class CallTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final Duration timeout;

    public CallTimeoutException(String what, Duration timeout) {
        super(what + " did not answer within " + formatSeconds(timeout));
        this.what = what;
        this.timeout = timeout;
    }

    public String what() {
        return what;
    }

    public Duration timeout() {
        return timeout;
    }

    /** "2 s", "1.5 s": how long Rackdesk waited, as its messages say it. */
    public static String formatSeconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
