package io.tidbbinlog.sim.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TiKV's MVCC records for the primary keys of recent transactions: a lock from prewrite until commit or rollback,
 * then a write record {PUT/DEL, start_ts, commit_ts} or a ROLLBACK record (commit_ts = start_ts, as TiKV keys a
 * rollback by its start_ts). Values up to 255 bytes ride in the lock / write ({@code short_value}); longer values
 * are kept as default-CF values.
 *
 * <p>Bounded: at most {@link #MAX_TRANSACTIONS} transactions are remembered by start_ts and at most
 * {@link #MAX_KEYS} keys, the least recently used ones forgotten first (never a key still locked), each
 * with at most {@link #MAX_VERSIONS_PER_KEY} writes and values. Pump only asks about transactions whose commit
 * binlog it has been waiting for, i.e. recent ones. Thread-safe.
 */
public final class MvccStore implements MvccView {
    public static final int MAX_TRANSACTIONS = 100_000;
    public static final int MAX_KEYS = 100_000;
    public static final int MAX_VERSIONS_PER_KEY = 16;
    private static final int SHORT_VALUE_MAX = 255;

    private static final class KeyRecord {
        MvccLock lock;
        final List<MvccWrite> writes = new ArrayList<>();
        final List<MvccValue> values = new ArrayList<>();
    }

    private final Map<ByteKey, KeyRecord> keys;
    private final Map<Long, ByteKey> primaryByStartTs;

    public MvccStore() {
        this(MAX_TRANSACTIONS, MAX_KEYS);
    }

    /** A store with other bounds (tests). */
    MvccStore(int maxTransactions, int maxKeys) {
        keys = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteKey, KeyRecord> eldest) {
                return size() > maxKeys && eldest.getValue().lock == null;
            }
        };
        primaryByStartTs = new LinkedHashMap<>(1024) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ByteKey> eldest) {
                return size() > maxTransactions;
            }
        };
    }

    /** Prewrite of a transaction's primary key: a lock that stays until {@link #commit} or {@link #rollback}. */
    public synchronized void prewrite(byte[] primary, long startTs, MvccOp op, byte[] value) {
        ByteKey k = new ByteKey(primary.clone());
        KeyRecord r = keys.computeIfAbsent(k, x -> new KeyRecord());
        if (r.lock != null && r.lock.startTs() != startTs) {
            throw new IllegalStateException("key " + k + " is locked by start_ts " + r.lock.startTs()
                    + ", cannot prewrite start_ts " + startTs);
        }
        byte[] shortValue = null;
        if (value != null && value.length > SHORT_VALUE_MAX) {
            addNewestFirst(r.values, new MvccValue(startTs, value.clone()), MvccValue::startTs);
        } else if (value != null) {
            shortValue = value.clone();
        }
        r.lock = new MvccLock(op, startTs, primary.clone(), shortValue);
        primaryByStartTs.put(startTs, k);
    }

    public synchronized void commit(byte[] primary, long startTs, long commitTs) {
        KeyRecord r = lockedBy(primary, startTs);
        addNewestFirst(r.writes, new MvccWrite(r.lock.op(), startTs, commitTs, r.lock.shortValue()),
                MvccWrite::commitTs);
        r.lock = null;
    }

    public synchronized void rollback(byte[] primary, long startTs) {
        KeyRecord r = lockedBy(primary, startTs);
        r.values.removeIf(v -> v.startTs() == startTs);
        addNewestFirst(r.writes, new MvccWrite(MvccOp.ROLLBACK, startTs, startTs, null), MvccWrite::commitTs);
        r.lock = null;
    }

    private KeyRecord lockedBy(byte[] primary, long startTs) {
        ByteKey k = new ByteKey(primary);
        KeyRecord r = keys.get(k);
        if (r == null || r.lock == null || r.lock.startTs() != startTs) {
            throw new IllegalStateException("key " + k + " holds no lock of start_ts " + startTs);
        }
        return r;
    }

    private static <T> void addNewestFirst(List<T> list, T item, java.util.function.ToLongFunction<T> ts) {
        int i = 0;
        while (i < list.size() && ts.applyAsLong(list.get(i)) > ts.applyAsLong(item)) {
            i++;
        }
        list.add(i, item);
        while (list.size() > MAX_VERSIONS_PER_KEY) {
            list.remove(list.size() - 1);
        }
    }

    @Override
    public synchronized Optional<KeyMvcc> byKey(byte[] key) {
        ByteKey k = new ByteKey(key.clone());
        KeyRecord r = keys.get(k);
        return r == null ? Optional.empty() : Optional.of(new KeyMvcc(key.clone(), r.lock, r.writes, r.values));
    }

    @Override
    public synchronized Optional<KeyMvcc> byStartTs(long startTs) {
        ByteKey k = primaryByStartTs.get(startTs);
        return k == null ? Optional.empty() : byKey(k.bytes());
    }

    /** How many keys are remembered (for tests of the bound). */
    synchronized int keyCount() {
        return keys.size();
    }
}
