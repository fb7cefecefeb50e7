/**
 * TiDB's transaction layer as the binlog sees it.
 *
 * <p>{@link io.tidbbinlog.sim.txn.TxnEngine} holds the tables in memory and runs
 * {@link io.tidbbinlog.sim.txn.Session} transactions: each statement encodes its binlog rows exactly as TiDB's
 * {@code table/tables/tables.go} does (handle datums, {@code CanSkip}, the {@code _tidb_rowid} pseudo column,
 * delete + insert when an update moves a row to another handle), and each commit follows TiDB's 2PC with binlog:
 * prewrite binlog (must succeed), commit_ts, apply, listeners in commit_ts order, asynchronous commit binlog;
 * Rollback binlog on abort. DDL runs as its own transaction with the schema gate held exclusively.
 * {@link io.tidbbinlog.sim.txn.MvccStore} answers the MVCC questions Pump asks about transactions whose commit
 * binlog it did not get.
 *
 * <p>Every committed transaction reaches the {@link io.tidbbinlog.sim.txn.TxnListener}s as the binlog-core
 * {@code Txn} that {@code PumpBinlogDecoder} reads back from those binlogs (rows grouped per table in first-touch
 * order, the only order a binlog keeps). Listeners must not run transactions themselves.
 */
package io.tidbbinlog.sim.txn;
