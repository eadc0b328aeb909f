package io.rackdesk.app.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * The OS keyring when there is one, and memory for this session when there is none: a secret is
 * never written to a plain file. The keyring is opened on first use (a worker: it may block) and, when
 * it is missing, the reason is kept for the user. Thread-safe.
 */
public final class SecretVault {
    /** Opens the OS keyring; tests give an in-memory one or one that fails. */
    @FunctionalInterface
    public interface Opener {
        SecretStore open() throws SecretStoreException;
    }

    /** Where a secret went: the OS keyring, or memory because of {@code whyNotKeyring}. */
    public record Placement(boolean inKeyring, String store, String whyNotKeyring) {
    }

    private final Opener opener;
    private final MemorySecretStore session = new MemorySecretStore();
    private SecretStore keyring;
    private String unavailable;

    public SecretVault(Opener opener) {
        this.opener = Objects.requireNonNull(opener);
    }

    /** The OS keyring of this machine (java-keyring). */
    public static SecretVault system() {
        return new SecretVault(OsKeyring::open);
    }

    /** Whether the OS keyring can be used here, and if not why. Blocks on first use. */
    public synchronized Placement placement() {
        SecretStore k = keyring();
        return k != null ? new Placement(true, k.describe(), null) : new Placement(false, session.describe(), unavailable);
    }

    /**
     * Stores the secret in the OS keyring, or in memory when there is none or it refuses (the
     * returned placement says which and why).
     */
    public synchronized Placement put(String account, String secret) {
        SecretStore k = keyring();
        if (k != null) {
            try {
                k.put(account, secret);
                session.delete(account);
                return new Placement(true, k.describe(), null);
            } catch (SecretStoreException e) {
                session.put(account, secret);
                return new Placement(false, session.describe(), e.getMessage());
            }
        }
        session.put(account, secret);
        return new Placement(false, session.describe(), unavailable);
    }

    /** The secret from this session's memory or the OS keyring; empty when neither has it. */
    public synchronized Optional<String> get(String account) throws SecretStoreException {
        Optional<String> s = session.get(account);
        if (s.isPresent()) {
            return s;
        }
        SecretStore k = keyring();
        return k == null ? Optional.empty() : k.get(account);
    }

    /** Forgets the secret everywhere it may be. */
    public synchronized void delete(String account) throws SecretStoreException {
        session.delete(account);
        SecretStore k = keyring();
        if (k != null) {
            k.delete(account);
        }
    }

    /** Why the OS keyring is not used, or null when it is (or was not tried yet). */
    public synchronized String unavailableReason() {
        return unavailable;
    }

    private SecretStore keyring() {
        if (keyring == null && unavailable == null) {
            try {
                keyring = opener.open();
            } catch (SecretStoreException | RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        return keyring;
    }
}
