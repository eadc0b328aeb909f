package io.rackdesk.app.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Objects;
import java.util.Optional;

/**
 * The OS keyring through java-keyring: the Secret Service over D-Bus on Linux (GNOME Keyring,
 * KWallet), Credential Manager on Windows, the Keychain on macOS. Every entry is under the service
 * name "Rackdesk". {@link #open()} fails with the reason when there is none (no D-Bus session, no
 * Secret Service, a locked collection that cannot be unlocked).
 */
public final class OsKeyring implements SecretStore, AutoCloseable {
    static final String SERVICE = "Rackdesk";
    private final Keyring keyring;

    private OsKeyring(Keyring keyring) {
        this.keyring = keyring;
    }

    /** Connects to the OS keyring and checks that it answers, or says why it cannot be used. Blocks. */
    public static OsKeyring open() throws SecretStoreException {
        Keyring k;
        try {
            k = Keyring.create();
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            throw new SecretStoreException("no OS keyring: " + reason(e), e);
        }
        OsKeyring store = new OsKeyring(k);
        try {
            store.get("rackdesk-probe"); // a locked or absent collection fails here rather than on the first save
        } catch (SecretStoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public String describe() {
        return "the OS keyring (" + switch (keyring.getKeyringStorageType()) {
            case GNOME_KEYRING, KWALLET -> "Secret Service";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
        } + ")";
    }

    @Override
    public void put(String account, String secret) throws SecretStoreException {
        Objects.requireNonNull(secret);
        try {
            keyring.setPassword(SERVICE, account, secret);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new SecretStoreException("the OS keyring refused to store " + account + ": " + reason(e), e);
        }
    }

    @Override
    public Optional<String> get(String account) throws SecretStoreException {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, account));
        } catch (PasswordAccessException e) {
            return Optional.empty(); // java-keyring says "no such entry" with this exception too
        } catch (RuntimeException e) {
            throw new SecretStoreException("the OS keyring did not answer: " + reason(e), e);
        }
    }

    @Override
    public void delete(String account) throws SecretStoreException {
        if (get(account).isEmpty()) {
            return;
        }
        try {
            keyring.deletePassword(SERVICE, account);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new SecretStoreException("the OS keyring refused to delete " + account + ": " + reason(e), e);
        }
    }

    @Override
    public void close() {
        try {
            keyring.close();
        } catch (Exception e) {
            // nothing held that matters
        }
    }

    /** The innermost message: D-Bus says "Cannot resolve session bus address" and the like. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip();
    }
}
