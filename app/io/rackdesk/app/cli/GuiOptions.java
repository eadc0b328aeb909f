package io.rackdesk.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the command line asks of the GUI: a settings folder, and connections to open for this run only. */
public record GuiOptions(Optional<Path> configDir, List<String> connect) {
    public GuiOptions {
        connect = connect == null ? List.of() : List.copyOf(connect);
    }

    public GuiOptions(Optional<Path> configDir) {
        this(configDir, List.of());
    }
}
