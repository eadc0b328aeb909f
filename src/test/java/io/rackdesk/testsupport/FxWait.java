package io.rackdesk.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting in UI tests: until a condition holds (or 20 s pass), then until the FX thread is idle. */
public final class FxWait {
    private FxWait() {
    }

    public static void waitFor(BooleanSupplier condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
