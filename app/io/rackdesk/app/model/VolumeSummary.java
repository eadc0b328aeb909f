package io.rackdesk.app.model;

/** A storage volume; {@code backingPath} is the file it reads unchanged blocks from, or null. */
public record VolumeSummary(String name, String path, String format, long capacityBytes, long allocationBytes,
                            String backingPath) {
}
