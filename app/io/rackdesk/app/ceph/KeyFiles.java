package io.rackdesk.app.ceph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** A key file that Rackdesk is asked to remember must be private to its owner (0600), as ssh wants of keys. */
public final class KeyFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private KeyFiles() {
    }

    /** Fails with "chmod 600 FILE" when group or others may read or write the file (POSIX file systems only). */
    public static void requirePrivate(Path file) throws CephException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // Windows: ACLs, not modes
        } catch (IOException e) {
            throw new CephException(CephException.Kind.FILE, -5, "cannot read the permissions of key file " + file + ": " + e.getMessage());
        }
        if (perms.stream().anyMatch(OTHERS::contains)) {
            throw new CephException(CephException.Kind.FILE, -13, "key file " + file + " can be read by other users ("
                    + PosixFilePermissions.toString(perms) + "): make it private with chmod 600 " + file);
        }
    }
}
