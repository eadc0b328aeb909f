package io.rackdesk.app.ceph;

import java.util.Locale;
import java.util.Optional;

/** Reading cephx keys and client names out of key files and keyrings, without ever printing a key. */
final class Keyrings {
    /** base64, as 'ceph auth print-key' writes a key */
    private static final java.util.regex.Pattern BARE_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private Keyrings() {
    }

    /**
     * The key for {@code entity} (e.g. client.admin) in a key file's text: either the bare base64 key
     * (what {@code ceph auth print-key} writes) or a keyring ({@code [client.admin]} / {@code key = ...}).
     * Empty when the text holds no key for that entity.
     */
    static Optional<String> keyFor(String text, String entity) {
        String section = null;
        String firstKey = null;
        boolean sawSection = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                sawSection = true;
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("key")) {
                String key = line.substring(eq + 1).strip();
                if (entity.equals(section)) {
                    return Optional.of(key);
                }
                if (firstKey == null && section == null) {
                    firstKey = key;
                }
                continue;
            }
            if (!sawSection && BARE_KEY.matcher(line).matches()) {
                return Optional.of(line); // a bare key
            }
        }
        return Optional.ofNullable(firstKey);
    }

    /** The client id of a keyring's first [client.NAME] section ("admin"), if there is one. */
    static Optional<String> firstClientId(String keyringText) {
        for (String raw : keyringText.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("[client.") && line.endsWith("]")) {
                return Optional.of(line.substring("[client.".length(), line.length() - 1).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * A cephx secret in base64: le16 type, le32 seconds, le32 nanoseconds, le16 length, then that many
     * key bytes (16 for AES). Checked here so that a bad key file gets its own message instead of
     * librados' EINVAL, which also stands for a bad monitor address.
     */
    static boolean looksLikeCephxKey(String key) {
        byte[] b;
        try {
            b = java.util.Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (b.length < 12) {
            return false;
        }
        int len = (b[10] & 0xff) | (b[11] & 0xff) << 8;
        return len > 0 && b.length == 12 + len;
    }
}
