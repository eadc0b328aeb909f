package io.rackdesk.app.secrets;

import java.util.Optional;

/**
 * Where Rackdesk keeps a secret (a cephx key) that must not go into settings.json: the OS keyring, or
 * memory for this session only. Accounts are Rackdesk's own names ("ceph-cluster/ID"). Calls may block
 * (D-Bus, the Keychain): run them on a worker. Implementations never log or print a secret.
 */
public interface SecretStore {

    /** Where the secrets go, for people: "the OS keyring (Secret Service)", "memory (this session only)". */
    String describe();

    /** Stores (or replaces) the secret of {@code account}. */
    void put(String account, String secret) throws SecretStoreException;

    /** The secret of {@code account}, or empty when there is none. */
    Optional<String> get(String account) throws SecretStoreException;

    /** Forgets {@code account}'s secret; no error when there was none. */
    void delete(String account) throws SecretStoreException;
}
