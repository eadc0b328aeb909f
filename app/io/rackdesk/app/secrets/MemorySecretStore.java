package io.rackdesk.app.secrets;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets kept in this process only: the fallback when there is no OS keyring (asked for again next session). */
public final class MemorySecretStore implements SecretStore {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public String describe() {
        return "memory (this session only)";
    }

    @Override
    public void put(String account, String secret) {
        secrets.put(Objects.requireNonNull(account), Objects.requireNonNull(secret));
    }

    @Override
    public Optional<String> get(String account) {
        return Optional.ofNullable(secrets.get(account));
    }

    @Override
    public void delete(String account) {
        secrets.remove(account);
    }
}
