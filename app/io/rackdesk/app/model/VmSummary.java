package io.rackdesk.app.model;

import java.util.Objects;

/** One VM as listed on a host: identity, state and size. */
public record VmSummary(String uuid, String name, VmState state, int vcpus, long memoryKiB, boolean persistent) {
    public VmSummary {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(name);
        Objects.requireNonNull(state);
    }
}
