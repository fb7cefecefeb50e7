package io.tidbbinlog.sim.txn;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pessimistic locks on row keys and unique index keys, as TiDB's default pessimistic transactions take them at
 * statement time and hold them to commit or rollback. A key another transaction holds fails the statement at once
 * with a write conflict instead of waiting (no deadlock detection needed); the workload retries.
 */
final class KeyLocks {
    private final ConcurrentHashMap<ByteKey, Long> owners = new ConcurrentHashMap<>();

    /** Locks {@code key} for {@code startTs}; true if newly taken, false if it already held it. */
    boolean lock(ByteKey key, long startTs) {
        Long owner = owners.putIfAbsent(key, startTs);
        if (owner == null) {
            return true;
        }
        if (owner != startTs) {
            throw new SqlStatementException(SqlStatementException.WRITE_CONFLICT, "Write conflict, txnStartTS="
                    + startTs + ", conflictStartTS=" + owner + ", key=" + key
                    + " [try again later]");
        }
        return false;
    }

    void release(Collection<ByteKey> keys, long startTs) {
        for (ByteKey k : keys) {
            owners.remove(k, startTs);
        }
    }

    int held() {
        return owners.size();
    }
}
