package io.rackdesk.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rackdesk.app.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes settings.json. Writes are atomic (a temporary file in the same folder, then a
 * rename), so a crash never leaves half a file; a file that cannot be read is moved aside, reported,
 * and never overwritten.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SettingsStore(Path file) {
        this.file = Objects.requireNonNull(file);
    }

    public Path file() {
        return file;
    }

    /** Never throws: an unreadable file gives defaults plus a problem to show the user. */
    public SettingsLoad load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new SettingsLoad(Settings.defaults(), true, Optional.empty(), Optional.empty());
        } catch (IOException e) {
            String why = "Settings file " + file + " could not be read (" + e.getMessage()
                    + "). Rackdesk starts with default settings.";
            LOG.warn(why);
            return new SettingsLoad(Settings.defaults(), false, Optional.of(why), Optional.of(file));
        }
        try {
            Settings s = json.readValue(bytes, Settings.class);
            if (s == null) {
                throw new IOException("the file is empty");
            }
            return SettingsLoad.ok(s);
        } catch (IOException e) {
            return keepAside(describe(e));
        }
    }

    private SettingsLoad keepAside(String reason) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now().format(STAMP));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException moveFailed) {
            String why = "Settings file " + file + " is damaged (" + reason + ") and could not be moved aside ("
                    + moveFailed.getMessage() + "). Rackdesk starts with default settings.";
            LOG.warn(why);
            return new SettingsLoad(Settings.defaults(), true, Optional.of(why), Optional.of(file));
        }
        String why = "Settings file " + file + " is damaged (" + reason + "). It was kept as " + aside
                + " and Rackdesk started with default settings.";
        LOG.warn(why);
        return new SettingsLoad(Settings.defaults(), true, Optional.of(why), Optional.of(aside));
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            var loc = jpe.getLocation();
            String msg = jpe.getOriginalMessage();
            return loc != null && loc.getLineNr() > 0 ? msg + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : msg;
        }
        return e.getMessage();
    }

    /** Writes atomically: temp file + rename in the same folder. Call off the UI thread. */
    public void save(Settings settings) throws IOException {
        AtomicFiles.write(file, json.writeValueAsBytes(settings));
    }
}
