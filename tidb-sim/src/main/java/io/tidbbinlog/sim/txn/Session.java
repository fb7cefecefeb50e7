package io.tidbbinlog.sim.txn;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * A client connection to the simulated TiDB: explicit transactions of INSERT / UPDATE / DELETE statements, and
 * DDL. Used by one thread at a time, not necessarily the same one. A statement that
 * fails with {@link SqlStatementException} changed nothing and the transaction goes on; the workload decides
 * whether to roll back.
 *
 * <p>Values are binlog-core model values ({@code ColumnValueCodec} documents them); TIMESTAMP values are given in
 * this session's time zone and stored in UTC.
 */
public final class Session implements AutoCloseable {
    private final TxnEngine engine;
    private final ZoneId timeZone;
    private Transaction txn;

    Session(TxnEngine engine, ZoneId timeZone) {
        this.engine = engine;
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public boolean inTransaction() {
        return txn != null;
    }

    /**
     * Starts a transaction: start_ts from the TSO, and TiDB's {@code TxnCtx.SchemaVersion} from the catalog.
     *
     * @return the start_ts
     */
    public long begin() {
        if (txn != null) {
            throw new IllegalStateException("a transaction (start_ts " + txn.startTs + ") is already open");
        }
        txn = engine.begin(timeZone);
        return txn.startTs;
    }

    /**
     * INSERT: omitted columns take their default (or NULL, or the next AUTO_INCREMENT / _tidb_rowid value).
     *
     * @return the new row's handle
     * @throws SqlStatementException e.g. 1062 for a duplicate primary or unique key
     */
    public RowHandle insert(String db, String table, Map<String, Object> values) {
        Transaction t = open();
        return t.insert(engine.layout(db, table), values);
    }

    /**
     * UPDATE of one row. Changing the row's handle (its int primary key or clustered key columns) is TiDB's
     * remove-and-add: the binlog then carries a delete row and an insert row.
     *
     * @return the row's handle after the update
     */
    public RowHandle update(String db, String table, RowHandle handle, Map<String, Object> changes) {
        Transaction t = open();
        return t.update(engine.layout(db, table), handle, changes);
    }

    public void delete(String db, String table, RowHandle handle) {
        Transaction t = open();
        t.delete(engine.layout(db, table), handle);
    }

    /**
     * Commits the open transaction (2PC with binlog). On failure nothing of it took effect.
     */
    public CommitResult commit() throws TxnFailedException {
        Transaction t = open();
        txn = null;
        return engine.commit(t, false);
    }

    /**
     * Commits the open transaction up to its prewrite (the prewrite binlog is written) and then fails it as a TiKV
     * commit error would: TiDB sends a Rollback binlog and the transaction takes no effect. The workload's fault
     * mode; a transaction with no writes simply ends.
     *
     * @throws InjectedAbortException when the transaction had writes (always, then)
     */
    public CommitResult commitThenAbort() throws TxnFailedException {
        Transaction t = open();
        txn = null;
        return engine.commit(t, true);
    }

    /** Rolls the open transaction back; nothing was written to the pumps yet, so no binlog is written. */
    public void rollback() {
        Transaction t = open();
        txn = null;
        engine.rollback(t);
    }

    /**
     * Runs a DDL as its own transaction(s): it waits until no DML transaction is open, prepares the job with the
     * transaction's start_ts, writes the DDL binlog(s), then commits the job in the catalog with FinishedTS =
     * commit_ts; a refused binlog aborts the job ({@link TxnFailedException}, nothing changed).
     *
     * @return the start_ts and commit_ts of the transaction that wrote the job's final DDL binlog
     * @throws IllegalStateException if this session has a transaction open (commit or roll it back first)
     */
    public CommitResult executeDdl(DdlStatement ddl) throws TxnFailedException {
        if (txn != null) {
            throw new IllegalStateException("commit or roll back transaction start_ts " + txn.startTs
                    + " before running DDL");
        }
        return engine.executeDdl(ddl);
    }

    private Transaction open() {
        if (txn == null) {
            throw new IllegalStateException("no transaction is open: call begin() first");
        }
        return txn;
    }

    @Override
    public void close() {
        if (txn != null) {
            rollback();
        }
    }
}
