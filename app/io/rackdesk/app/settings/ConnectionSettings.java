package io.rackdesk.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;
import java.util.UUID;

/**
 * A saved connection. {@code demo} marks the bundled test-driver host, whose URI is recomputed at
 * start-up because the fixture is written out to the data folder.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionSettings(String id, String name, String uri, boolean autoconnect, boolean demo) {
    public ConnectionSettings {
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
    }

    public ConnectionSettings withUri(String newUri) {
        return new ConnectionSettings(id, name, newUri, autoconnect, demo);
    }
}
