package io.tidbbinlog.sim.autoid;

import java.util.Objects;

/**
 * A strictly increasing id sequence that survives restarts without repeating, as TiDB's autoid allocator
 * ({@code pkg/meta/autoid/autoid.go}) keeps {@code _tidb_rowid} and AUTO_INCREMENT: it hands out ids from a cached
 * block {@code (base, end]}; when the block is used up it first persists a new {@code end} = old end + step and only
 * then hands out ids from the new block. A restarted allocator starts at the persisted bound, so the ids a crashed
 * run had reserved but not used are skipped, never reused. Ids start at 1. Thread-safe.
 */
public final class IdBlockAllocator {
    /** TiDB's default autoid step ({@code autoid.step}, 30000). */
    public static final long TIDB_DEFAULT_STEP = 30_000;

    private final IdBoundStore store;
    private final String key;
    private final long step;
    private long base;
    private long end;

    /** An allocator continuing above whatever bound {@code store} holds for {@code key}. */
    public IdBlockAllocator(IdBoundStore store, String key, long step) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        if (step <= 0) {
            throw new IllegalArgumentException("an id block step is positive, got " + step);
        }
        this.step = step;
        long saved = store.bound(key);
        if (saved < 0) {
            throw new IllegalStateException("saved id bound of " + key + " is negative: " + saved);
        }
        this.base = saved;
        this.end = saved;
    }

    public String key() {
        return key;
    }

    /** The next id; persists a new block bound first when the cached block is used up. */
    public synchronized long next() {
        if (base >= end) {
            reserve(Math.max(base, end));
        }
        return ++base;
    }

    /**
     * Makes every later id greater than {@code usedId} (an explicitly written AUTO_INCREMENT value), as TiDB's
     * {@code Rebase}: within the cached block only the base moves; beyond it a block starting at {@code usedId} is
     * reserved first.
     */
    public synchronized void rebase(long usedId) {
        if (usedId <= base) {
            return;
        }
        if (usedId > end) {
            reserve(usedId);
        }
        base = usedId;
    }

    /** The last id handed out (or rebased to); 0 before the first. */
    public synchronized long lastId() {
        return base;
    }

    private void reserve(long from) {
        if (from > Long.MAX_VALUE - step) {
            throw new IllegalStateException("id allocator " + key + " is exhausted at " + from);
        }
        long newEnd = from + step;
        store.save(key, newEnd);
        end = newEnd;
    }
}
