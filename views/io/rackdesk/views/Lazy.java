package io.rackdesk.views;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A view made when it is first needed, not when the window starts (each costs its FXML, nodes and
 * styling at start-up). Used on the FX thread only, so not synchronized.
 */
public final class Lazy<T> implements Supplier<T> {
    private Supplier<T> factory;
    private T value;

    private Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        if (factory != null) {
            value = Objects.requireNonNull(factory.get());
            factory = null;
        }
        return value;
    }

    /** Whether {@link #get()} has made the value already. */
    public boolean isMade() {
        return factory == null;
    }
}
