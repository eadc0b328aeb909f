package io.rackdesk.app.model;

import java.util.List;

/**
 * A disk or CD-ROM of a VM as its domain XML defines it.
 *
 * @param target       guest device name (vda, sda)
 * @param bus          virtio, sata, scsi, ...
 * @param device       disk, cdrom, floppy or lun
 * @param type         where the data lives: file, block, network, volume, dir
 * @param source       the file or device path; "pool/image" for network disks; "pool/volume" for
 *                     volume disks; null for an empty CD-ROM drive
 * @param protocol     network disks only: rbd, iscsi, nbd, ...
 * @param hosts        network disks only: "host:port" (or "host" without a port) of each server
 * @param authUsername network disks only: the user named in {@code <auth>}, or null
 * @param authSecretUuid network disks only: the libvirt secret's UUID (never its value), or null
 * @param format       the driver's format (qcow2, raw), or null when not declared
 * @param backingChain the images below this one, nearest first; empty for a standalone image
 */
public record VmDisk(String target, String bus, String device, String type, String source, String protocol,
                     List<String> hosts, String authUsername, String authSecretUuid, String format,
                     List<BackingImage> backingChain) {
    public VmDisk {
        hosts = List.copyOf(hosts);
        backingChain = List.copyOf(backingChain);
    }
}
