package io.tidbbinlog.sim.txn;

import io.tidbbinlog.model.Txn;

/**
 * Told of every committed transaction (DML and DDL), one call at a time and in commit_ts order, with the rows as
 * the binlog carries them (TIMESTAMP values in UTC). The reference database and the tests' expectations hang here.
 */
public interface TxnListener {
    void committed(Txn txn);
}
