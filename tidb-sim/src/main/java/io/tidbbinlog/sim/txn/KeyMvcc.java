package io.tidbbinlog.sim.txn;

import java.util.List;

/**
 * Everything the store knows of one key, as TiKV's {@code MvccGetByKey} answers it: the lock (null when none) and
 * the writes and values, newest first.
 */
public record KeyMvcc(byte[] key, MvccLock lock, List<MvccWrite> writes, List<MvccValue> values) {
    public KeyMvcc {
        writes = List.copyOf(writes);
        values = List.copyOf(values);
    }
}
