package io.tidbbinlog.sim.autoid;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Durable upper bounds of id blocks, by allocator key (TiDB keeps one such counter per table in its meta). An
 * implementation must have made a bound durable when {@link #save} returns. Thread-safe.
 */
public interface IdBoundStore {

    /** The last bound saved under {@code key}, 0 when none was. */
    long bound(String key);

    /** Makes {@code bound} the key's durable bound before returning. */
    void save(String key, long bound);

    /** Forgets the key (its table is gone, so its ids are never asked for again). */
    void remove(String key);

    /** Every key with a saved bound. */
    Set<String> keys();

    /** Bounds that live as long as this object: for tests and for a simulator without a data dir. */
    static IdBoundStore inMemory() {
        Map<String, Long> bounds = new ConcurrentHashMap<>();
        return new IdBoundStore() {
            @Override
            public long bound(String key) {
                return bounds.getOrDefault(key, 0L);
            }

            @Override
            public void save(String key, long bound) {
                bounds.put(key, bound);
            }

            @Override
            public void remove(String key) {
                bounds.remove(key);
            }

            @Override
            public Set<String> keys() {
                return Set.copyOf(bounds.keySet());
            }
        };
    }
}
