package io.rackdesk.app.cli;

import java.nio.file.Path;
import java.util.Optional;

/** What the command line asks of the GUI. */
public record GuiOptions(Optional<Path> configDir) {
}
