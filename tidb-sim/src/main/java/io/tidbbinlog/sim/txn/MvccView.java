package io.tidbbinlog.sim.txn;

import java.util.Optional;

/** The MVCC questions TiDB's HTTP API answers; Pump asks them to resolve a prewrite binlog whose commit was lost. */
public interface MvccView {
    /** The MVCC record of a key (for Pump: a binlog's {@code prewrite_key}, the transaction's primary key). */
    Optional<KeyMvcc> byKey(byte[] key);

    /** The MVCC record of the primary key of the transaction that started at {@code startTs}. */
    Optional<KeyMvcc> byStartTs(long startTs);
}
