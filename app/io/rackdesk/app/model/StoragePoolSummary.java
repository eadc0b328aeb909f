package io.rackdesk.app.model;

import java.util.List;

/** A storage pool with its volumes. */
public record StoragePoolSummary(String name, String uuid, boolean active, boolean autostart, String type,
                                 String targetPath, long capacityBytes, long allocationBytes, long availableBytes,
                                 List<VolumeSummary> volumes) {
    public StoragePoolSummary {
        volumes = List.copyOf(volumes);
    }
}
