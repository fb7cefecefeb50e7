package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.sim.txn.TxnListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The reference database: applies every committed transaction to a MariaDB, in commit_ts order, each in its own
 * database transaction, and records it in the journal (see {@link ReferenceJournal}) so that the state as of any
 * commit_ts can be rebuilt ({@link ReferenceSnapshot}).
 *
 * <p>Positioning: the last applied commit_ts is stored with the data in the same DB transaction; transactions at
 * or below it are skipped, so a restarted applier can be fed the stream again from any earlier point. A DDL is
 * marked pending before it runs (MariaDB commits DDL on its own); after a crash the pending DDL is run again and
 * errors saying its effect is already there are accepted.
 *
 * <p>Row identity and value binding: see {@link RowWriter} and {@link ValueBinder}. Tables without a primary key
 * get no hidden column: rows are matched by all their values, {@code LIMIT 1}. Row changes run in the order given
 * (TiDB appends a table's changes in execution order, table/tables.go {@code addUpdateBinlog}). A transaction
 * TiDB accepted can still pass through states MariaDB's row-by-row unique check rejects ({@code UPDATE t SET u =
 * u + 1} over consecutive values, with TiDB's lazy uniqueness check): when applying collides on a unique key the
 * transaction is rolled back and applied again as all old images deleted, then all new images inserted, which is
 * also what the journal then records.
 *
 * <p>Thread safety: calls are serialised on this object; the stream is expected one transaction at a time.
 */
public final class ReferenceApplier implements TxnListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceApplier.class);
    /** MariaDB's ER_DUP_ENTRY. */
    private static final int DUPLICATE_KEY = 1062;

    private final JdbcTarget target;
    private final Connection connection;
    private long applied;
    private long pendingDdl;

    /** Connects, creates the {@value ReferenceJournal#SCHEMA} bookkeeping if missing and reads the checkpoint. */
    public ReferenceApplier(JdbcTarget reference) {
        this.target = Objects.requireNonNull(reference, "reference");
        try {
            connection = reference.connectForWriting();
            ReferenceJournal.create(connection);
            ReferenceJournal.Checkpoint cp = ReferenceJournal.checkpoint(connection);
            applied = cp.commitTs();
            pendingDdl = cp.pendingDdlTs();
        } catch (SQLException e) {
            throw new ReferenceApplyException("cannot open the reference database " + reference + ": "
                    + e.getMessage(), e);
        }
    }

    /** The commit_ts of the last transaction applied (0 before the first). */
    public synchronized long lastAppliedCommitTs() {
        return applied;
    }

    @Override
    public synchronized void committed(Txn txn) {
        Objects.requireNonNull(txn, "txn");
        if (txn.commitTs() <= applied) {
            LOG.debug("skipping commit_ts {}: already applied up to {}", txn.commitTs(), applied);
            return;
        }
        try {
            if (txn.isDdl()) {
                applyDdl(txn);
            } else {
                applyRows(txn);
            }
            applied = txn.commitTs();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw new ReferenceApplyException("applying commit_ts " + txn.commitTs() + " to the reference failed: "
                    + e.getMessage(), e);
        }
    }

    private void applyRows(Txn txn) throws SQLException {
        try {
            applyRows(txn, txn.rows());
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // Valid as a whole, colliding row by row (see the class comment): removing every old image before
            // adding any new one reaches the same final state.
            LOG.debug("commit_ts {} collides row by row ({}); applying its deletes before its inserts",
                    txn.commitTs(), e.getMessage());
            applyRows(txn, deletesThenInserts(txn.rows()));
        }
    }

    /**
     * The same transaction as old images removed, then new images added. Columns an update did not carry
     * ({@link RowChange#ABSENT}) take their default in the re-inserted row instead of keeping the old value.
     */
    private static Iterable<RowChange> deletesThenInserts(List<RowChange> rows) {
        return () -> new Iterator<>() {
            private int index;
            private boolean inserting;

            @Override
            public boolean hasNext() {
                advance();
                return index < rows.size();
            }

            @Override
            public RowChange next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RowChange r = rows.get(index++);
                return inserting ? RowChange.insert(r.table(), r.after()) : RowChange.delete(r.table(), r.before());
            }

            private void advance() {
                while (true) {
                    while (index < rows.size()
                            && (inserting ? rows.get(index).after() : rows.get(index).before()) == null) {
                        index++;
                    }
                    if (index < rows.size() || inserting) {
                        return;
                    }
                    inserting = true;
                    index = 0;
                }
            }
        };
    }

    private static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    /** Rows applied and journaled as given (the journal holds what was applied, so replay never collides). */
    private void applyRows(Txn txn, Iterable<RowChange> rows) throws SQLException {
        connection.setAutoCommit(false);
        try (RowWriter writer = new RowWriter(connection, UnaryOperator.identity())) {
            JournalCodec.ChunkWriter chunk = new JournalCodec.ChunkWriter();
            int chunkNo = 0;
            for (RowChange row : rows) {
                writer.write(row);
                chunk.add(row);
                if (chunk.size() >= ReferenceJournal.CHUNK_BYTES || chunk.count() >= ReferenceJournal.CHUNK_ROWS) {
                    writer.flush();
                    ReferenceJournal.recordRows(connection, txn.startTs(), txn.commitTs(), txn.schemaVersion(),
                            chunkNo++, chunk.count(), chunk.finish());
                    chunk = new JournalCodec.ChunkWriter();
                }
            }
            writer.flush();
            if (chunk.count() > 0 || chunkNo == 0) {
                ReferenceJournal.recordRows(connection, txn.startTs(), txn.commitTs(), txn.schemaVersion(), chunkNo,
                        chunk.count(), chunk.finish());
            }
            ReferenceJournal.setCheckpoint(connection, txn.commitTs(), pendingDdl);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            // Roll back before leaving manual-commit mode: switching autocommit on would commit the partial work.
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void applyDdl(Txn txn) throws SQLException {
        DdlChange ddl = txn.ddl();
        boolean rerun = pendingDdl == txn.commitTs();
        ReferenceJournal.setPendingDdl(connection, txn.commitTs());
        pendingDdl = txn.commitTs();
        if (rerun) {
            DdlRunner.rerun(connection, target, ddl.schema(), ddl.query());
        } else {
            DdlRunner.run(connection, target, ddl.schema(), ddl.query());
        }
        connection.setAutoCommit(false);
        try {
            ReferenceJournal.recordDdl(connection, txn.startTs(), txn.commitTs(), ddl);
            ReferenceJournal.setCheckpoint(connection, txn.commitTs(), 0);
            connection.commit();
            pendingDdl = 0;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void rollbackQuietly() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("rollback of the reference transaction failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the reference connection failed", e);
        }
    }
}
