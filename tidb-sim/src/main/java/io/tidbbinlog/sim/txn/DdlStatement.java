package io.tidbbinlog.sim.txn;

import io.tidbbinlog.sim.catalog.DdlOutcome;

/**
 * A DDL run inside the transaction that finishes its job. It receives that transaction's start_ts, which TiDB
 * records as the job's {@code binlog.FinishedTS} ({@code ddl_worker.go finishDDLJob}: {@code FinishedTS =
 * t.StartTS}), applies the change to the catalog, and returns the finished job and its query.
 */
@FunctionalInterface
public interface DdlStatement {
    DdlOutcome run(long startTs);
}
