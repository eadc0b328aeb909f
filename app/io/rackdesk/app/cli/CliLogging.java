package io.rackdesk.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Logging for the script-facing subcommands. */
final class CliLogging {
    private CliLogging() {
    }

    /**
     * Only errors from here on, unless RACKDESK_LOG_LEVEL asks for more: a subcommand's stderr carries
     * one line per failure for scripts, which the INFO lines of the core (connecting, retrying) would bury.
     */
    static void quietForScripts() {
        if (System.getenv("RACKDESK_LOG_LEVEL") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.ERROR);
        }
    }
}
