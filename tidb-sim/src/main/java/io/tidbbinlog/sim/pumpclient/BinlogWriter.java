package io.tidbbinlog.sim.pumpclient;

import io.tidbbinlog.proto.binlog.Binlog;

import java.util.concurrent.CompletableFuture;

/** How a TiDB transaction hands its binlogs to the pumps (TiDB's {@code BinlogExecutor} over the pump client). */
public interface BinlogWriter {
    /**
     * Writes a prewrite binlog, retrying across pumps as TiDB's pump client does, and returns once a pump has
     * acknowledged it. Its failure must fail the transaction.
     */
    void writePrewrite(Binlog prewrite) throws PumpWriteException;

    /**
     * Sends the commit (or rollback) binlog of a transaction whose prewrite binlog succeeded, to the same pump,
     * asynchronously, with TiDB's retries. The future completes when a pump acknowledged it, or exceptionally when
     * TiDB would have given up (TiDB itself ignores that outcome).
     */
    CompletableFuture<Void> writeCommit(Binlog commitOrRollback);
}
