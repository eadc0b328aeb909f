package io.rackdesk.views.vms;

import java.text.CollationKey;
import java.text.Collator;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The order of the user's language for names (what TableColumn sorts strings by by default), with each
 * name's collation key made once: sorting 10,000 VMs then compares keys instead of normalizing both
 * names on every comparison. FX thread only.
 */
final class NameOrder implements Comparator<String> {
    /** Names are VM and host names: a fleet's worth. Past this the cache starts over. */
    private static final int MAX_KEYS = 100_000;
    private final Collator collator = Collator.getInstance();
    private final Map<String, CollationKey> keys = new HashMap<>();

    @Override
    public int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return key(a).compareTo(key(b));
    }

    private CollationKey key(String s) {
        CollationKey k = keys.get(s);
        if (k == null) {
            if (keys.size() >= MAX_KEYS) {
                keys.clear();
            }
            k = collator.getCollationKey(s);
            keys.put(s, k);
        }
        return k;
    }
}
