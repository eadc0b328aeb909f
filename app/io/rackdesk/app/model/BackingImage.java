package io.rackdesk.app.model;

/**
 * One image below a disk in its copy-on-write chain ({@code <backingStore>}): a file path, a block
 * device, or "pool/image" for a network image; {@code format} as libvirt reports it (qcow2, raw, ...).
 */
public record BackingImage(String source, String format) {
}
