package io.rackdesk.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    @Test
    void logbackFindsItAndItWritesOneLinePerEventOnStderr() {
        assertTrue(ServiceLoader.load(Configurator.class).stream().anyMatch(p -> p.type() == LogSetup.class),
                "META-INF/services names LogSetup");
        LoggerContext context = new LoggerContext();
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new LogSetup().configure(context));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertEquals("System.err", stderr.getTarget());
        assertEquals(LogSetup.PATTERN, ((PatternLayoutEncoder) stderr.getEncoder()).getPattern());
        assertTrue(stderr.isStarted());
    }

    @Test
    void theLevelComesFromItsNameOrIsInfo() {
        assertEquals(Level.DEBUG, LogSetup.level("debug"));
        assertEquals(Level.ERROR, LogSetup.level(" ERROR "));
        assertEquals(Level.OFF, LogSetup.level("OFF"));
        assertEquals(Level.INFO, LogSetup.level(null));
        assertEquals(Level.INFO, LogSetup.level("loud"));
    }
}
