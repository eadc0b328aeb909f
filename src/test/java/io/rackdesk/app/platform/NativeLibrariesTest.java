package io.rackdesk.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.platform.NativeLibraries.Library;
import io.rackdesk.app.platform.NativeLibraries.LinuxFamily;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {
    @Test
    void eachOsGetsItsOwnInstallLine() {
        assertEquals("the libvirt client library is not installed. Install it with: sudo apt-get install libvirt0",
                NativeLibraries.missing(Library.LIBVIRT, "Linux", LinuxFamily.DEBIAN));
        assertEquals("the libvirt client library is not installed. Install it with: sudo dnf install libvirt-libs",
                NativeLibraries.missing(Library.LIBVIRT, "Linux", LinuxFamily.REDHAT));
        assertEquals("the libvirt client library is not installed. Install it with Homebrew: brew install libvirt",
                NativeLibraries.missing(Library.LIBVIRT, "Mac OS X", LinuxFamily.OTHER));
        assertEquals("the libvirt client library is not installed. Install MSYS2 (msys2.org), run \"pacman -S "
                + "mingw-w64-x86_64-libvirt\" in its shell, and add C:\\msys64\\mingw64\\bin to PATH.",
                NativeLibraries.missing(Library.LIBVIRT, "Windows 11", LinuxFamily.OTHER));
        assertEquals("the Ceph client libraries (librados, librbd) are not installed. Install them with: sudo apt-get install librados2 librbd1",
                NativeLibraries.missing(Library.RADOS, "Linux", LinuxFamily.DEBIAN));
        assertEquals("the libvirt client library is not installed. Install your distribution's package (Debian/Ubuntu: libvirt0; "
                + "Fedora/RHEL: libvirt-libs).", NativeLibraries.missing(Library.LIBVIRT, "Linux", LinuxFamily.OTHER));
    }

    @Test
    void theLinuxFamilyComesFromOsRelease() {
        assertEquals(LinuxFamily.DEBIAN, NativeLibraries.familyOf("PRETTY_NAME=\"Debian GNU/Linux 12\"\nID=debian\n"));
        assertEquals(LinuxFamily.DEBIAN, NativeLibraries.familyOf("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n"));
        assertEquals(LinuxFamily.REDHAT, NativeLibraries.familyOf("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"));
        assertEquals(LinuxFamily.REDHAT, NativeLibraries.familyOf("ID=fedora\n"));
        assertEquals(LinuxFamily.OTHER, NativeLibraries.familyOf("ID=arch\n"));
    }
}
