package io.rackdesk.app.model;

import java.util.List;

/** What a VM's domain XML defines, as far as Rackdesk shows it; holds no secrets. */
public record VmDefinition(String name, String uuid, String title, String description, String osType,
                           String arch, String machine, List<String> tags, List<VmDisk> disks, List<VmNic> nics,
                           List<VmGraphics> graphics, List<VmConsole> consoles) {
    public VmDefinition {
        tags = List.copyOf(tags);
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        graphics = List.copyOf(graphics);
        consoles = List.copyOf(consoles);
    }
}
