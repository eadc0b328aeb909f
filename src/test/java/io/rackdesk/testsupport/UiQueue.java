package io.rackdesk.testsupport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for the FX thread in toolkit-free tests: callbacks queue up and run on the test's own
 * thread when it pumps, so ViewModel state is only ever touched by one thread, as in the app.
 */
public final class UiQueue implements Executor {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs queued callbacks until {@code done} holds; fails after {@code timeout}. */
    public void pumpUntil(BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Runnable r = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (r != null) {
                    r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public void pumpUntil(BooleanSupplier done, String what) {
        pumpUntil(done, Duration.ofSeconds(20), what);
    }

    /** Runs whatever is queued now and what those callbacks queue, until idle for {@code quiet}. */
    public void drain(Duration quiet) {
        try {
            Runnable r;
            while ((r = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                r.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
