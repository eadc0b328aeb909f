package io.rackdesk.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void makesTheValueOnFirstUseOnly() {
        AtomicInteger made = new AtomicInteger();
        Lazy<StringBuilder> page = Lazy.of(() -> {
            made.incrementAndGet();
            return new StringBuilder("page");
        });
        assertEquals(0, made.get(), "nothing is made before it is asked for");
        assertFalse(page.isMade());
        StringBuilder first = page.get();
        assertSame(first, page.get());
        assertEquals(1, made.get());
        assertTrue(page.isMade());
    }

    @Test
    void aFactoryThatFailsIsTriedAgainNextTime() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> page = Lazy.of(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("FXML missing");
            }
            return "page";
        });
        assertThrows(IllegalStateException.class, page::get);
        assertFalse(page.isMade());
        assertEquals("page", page.get());
    }
}
