package io.rackdesk.app.vnc;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * VNC authentication's response: the 16-byte challenge DES-encrypted (ECB) with the password's
 * first 8 bytes as the key, each key byte bit-mirrored (the historic quirk every server expects).
 */
public final class VncAuth {
    private VncAuth() {
    }

    public static byte[] response(byte[] challenge, byte[] password) {
        if (challenge.length != 16) {
            throw new IllegalArgumentException("challenge must be 16 bytes");
        }
        byte[] key = new byte[8];
        for (int i = 0; i < 8 && i < password.length; i++) {
            key[i] = (byte) (Integer.reverse(password[i] & 0xFF) >>> 24);
        }
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
            return des.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no DES cipher: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
