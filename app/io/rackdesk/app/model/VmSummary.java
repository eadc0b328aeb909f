package io.rackdesk.app.model;

import java.util.List;
import java.util.Objects;

/** One VM as listed on a host: identity, state, size and Rackdesk tags. */
public record VmSummary(String uuid, String name, VmState state, int vcpus, long memoryKiB, boolean persistent,
                        List<String> tags) {
    public VmSummary {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(name);
        Objects.requireNonNull(state);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
