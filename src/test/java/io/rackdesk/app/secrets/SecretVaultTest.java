package io.rackdesk.app.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract on the in-memory store, and the vault's fallback when there is no OS keyring. */
class SecretVaultTest {
    private static final String KEY = "AQBOYF1pAAAAABAAx3rsJp0C3cDi3ao5HCrY3w==";

    /** What every SecretStore must do; run on the memory store here and on the real keyring in OsKeyringTest. */
    static void contract(SecretStore store) throws SecretStoreException {
        String account = "rackdesk-test/" + System.nanoTime();
        assertEquals(Optional.empty(), store.get(account), "nothing stored yet");
        store.put(account, KEY);
        assertEquals(Optional.of(KEY), store.get(account));
        store.put(account, KEY.replace('A', 'B'));
        assertEquals(Optional.of(KEY.replace('A', 'B')), store.get(account), "a second put replaces");
        assertEquals(Optional.empty(), store.get(account + "-other"), "accounts are separate");
        store.delete(account);
        assertEquals(Optional.empty(), store.get(account));
        store.delete(account); // no error when there is nothing
        assertFalse(store.describe().contains(KEY));
    }

    @Test
    void memoryStoreKeepsTheContract() throws SecretStoreException {
        contract(new MemorySecretStore());
    }

    @Test
    void withAKeyringSecretsGoThereAndNotToMemory() throws SecretStoreException {
        MemorySecretStore keyring = new MemorySecretStore();
        SecretVault vault = new SecretVault(() -> keyring);
        SecretVault.Placement p = vault.put("ceph-cluster/1", KEY);
        assertTrue(p.inKeyring());
        assertNull(p.whyNotKeyring());
        assertEquals(Optional.of(KEY), keyring.get("ceph-cluster/1"));
        // a new session (a new vault on the same keyring) still finds it
        assertEquals(Optional.of(KEY), new SecretVault(() -> keyring).get("ceph-cluster/1"));
        vault.delete("ceph-cluster/1");
        assertEquals(Optional.empty(), keyring.get("ceph-cluster/1"));
    }

    @Test
    void withoutAKeyringTheKeyIsKeptForThisSessionOnlyAndTheReasonIsGiven() throws SecretStoreException {
        SecretStoreException none = new SecretStoreException("no OS keyring: Cannot resolve session bus address");
        SecretVault vault = new SecretVault(() -> {
            throw none;
        });
        SecretVault.Placement where = vault.placement();
        assertFalse(where.inKeyring());
        assertEquals("memory (this session only)", where.store());
        assertEquals("no OS keyring: Cannot resolve session bus address", where.whyNotKeyring());

        SecretVault.Placement p = vault.put("ceph-cluster/1", KEY);
        assertFalse(p.inKeyring());
        assertEquals(Optional.of(KEY), vault.get("ceph-cluster/1"), "usable for the rest of the session");
        assertEquals(Optional.empty(), new SecretVault(() -> {
            throw none;
        }).get("ceph-cluster/1"), "gone in the next session: the user is asked again");
        vault.delete("ceph-cluster/1");
        assertEquals(Optional.empty(), vault.get("ceph-cluster/1"));
    }

    @Test
    void aKeyringThatRefusesAKeyFallsBackToMemoryWithItsReason() throws SecretStoreException {
        SecretStore refusing = new MemorySecretStore();
        SecretVault vault = new SecretVault(() -> new SecretStore() {
            @Override
            public String describe() {
                return "a locked keyring";
            }

            @Override
            public void put(String account, String secret) throws SecretStoreException {
                throw new SecretStoreException("the collection is locked");
            }

            @Override
            public Optional<String> get(String account) throws SecretStoreException {
                return refusing.get(account);
            }

            @Override
            public void delete(String account) {
            }
        });
        SecretVault.Placement p = vault.put("a", KEY);
        assertFalse(p.inKeyring());
        assertEquals("the collection is locked", p.whyNotKeyring());
        assertEquals(Optional.of(KEY), vault.get("a"));
    }
}
