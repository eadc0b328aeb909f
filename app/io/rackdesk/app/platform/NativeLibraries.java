package io.rackdesk.app.platform;

import java.util.Locale;

/**
 * What to install when a native client library is missing, for the OS Rackdesk runs on: the app
 * still opens, and the features that need the library say this instead of failing obscurely.
 */
public final class NativeLibraries {
    /** The libraries Rackdesk loads through JNA. */
    public enum Library {
        LIBVIRT("the libvirt client library is not installed"),
        RADOS("the Ceph client libraries (librados, librbd) are not installed");

        private final String missing;

        Library(String missing) {
            this.missing = missing;
        }
    }

    private NativeLibraries() {
    }

    /** "the libvirt client library is not installed. Install it with: sudo apt-get install libvirt0" etc. */
    public static String missing(Library lib) {
        return missing(lib, System.getProperty("os.name", ""), linuxFamily());
    }

    static String missing(Library lib, String osName, LinuxFamily family) {
        return lib.missing + ". " + installHint(lib, osName.toLowerCase(Locale.ROOT), family);
    }

    /** Debian-like (apt) or Red Hat-like (dnf) Linux, from /etc/os-release's ID and ID_LIKE. */
    enum LinuxFamily { DEBIAN, REDHAT, OTHER }

    private static String installHint(Library lib, String os, LinuxFamily family) {
        boolean virt = lib == Library.LIBVIRT;
        if (os.contains("win")) {
            return virt ? "Install MSYS2 (msys2.org), run \"pacman -S mingw-w64-x86_64-libvirt\" in its shell, and add "
                    + "C:\\msys64\\mingw64\\bin to PATH."
                    : "Ceph publishes no Windows client libraries: use Rackdesk on Linux for Ceph clusters.";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return virt ? "Install it with Homebrew: brew install libvirt"
                    : "Ceph publishes no macOS client libraries: use Rackdesk on Linux for Ceph clusters.";
        }
        return switch (family) {
            case DEBIAN -> (virt ? "Install it" : "Install them") + " with: sudo apt-get install " + (virt ? "libvirt0" : "librados2 librbd1");
            case REDHAT -> (virt ? "Install it" : "Install them") + " with: sudo dnf install " + (virt ? "libvirt-libs" : "librados2 librbd1");
            case OTHER -> "Install your distribution's package (Debian/Ubuntu: "
                    + (virt ? "libvirt0; Fedora/RHEL: libvirt-libs)." : "librados2 librbd1; Fedora/RHEL: librados2 librbd1).");
        };
    }

    private static LinuxFamily linuxFamily() {
        try {
            return familyOf(java.nio.file.Files.readString(java.nio.file.Path.of("/etc/os-release")));
        } catch (java.io.IOException | RuntimeException e) {
            return LinuxFamily.OTHER;
        }
    }

    static LinuxFamily familyOf(String osRelease) {
        String ids = "";
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("ID=") || line.startsWith("ID_LIKE=")) {
                ids += " " + line.substring(line.indexOf('=') + 1).replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        if (ids.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return LinuxFamily.DEBIAN;
        }
        if (ids.matches(".*\\b(fedora|rhel|centos|rocky|almalinux)\\b.*")) {
            return LinuxFamily.REDHAT;
        }
        return LinuxFamily.OTHER;
    }
}
