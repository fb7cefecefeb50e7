package io.tidbbinlog.sim.txn;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.autoid.IdBlockAllocator;
import io.tidbbinlog.sim.autoid.IdBoundStore;
import io.tidbbinlog.sim.catalog.CatalogView;
import io.tidbbinlog.sim.catalog.DdlOutcome;
import io.tidbbinlog.sim.pumpclient.BinlogWriter;
import io.tidbbinlog.sim.pumpclient.PumpWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * TiDB's transaction layer as the binlog sees it. Sessions run DML transactions against in-memory tables; each
 * commit follows TiDB's 2PC with binlog ({@code store/driver/txn/binlog.go}, client-go {@code 2pc.go}): the
 * prewrite binlog must be acknowledged or the commit fails; then the commit_ts is taken, the rows applied and the
 * listeners told, one transaction at a time in commit_ts order; then the commit binlog is sent asynchronously. A
 * transaction that aborts after its prewrite binlog gets a Rollback binlog.
 *
 * <p>DML transactions hold the schema lock shared from begin to commit, a DDL exclusively, so no transaction
 * straddles a schema change (TiDB would fail such a commit with "schema changed"). Thread-safe; a
 * {@link Session} is used by one thread at a time (any thread).
 */
public final class TxnEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TxnEngine.class);

    /**
     * @param abortProbability share of transactions that fail at their TiKV commit after the prewrite binlog was
     *                         written (0 to 1)
     * @param seed             seeds the abort draws
     */
    public record Options(double abortProbability, long seed) {
        public Options {
            if (!(abortProbability >= 0 && abortProbability <= 1)) {
                throw new IllegalArgumentException("abortProbability must be within [0, 1]: " + abortProbability);
            }
        }

        public static Options defaults() {
            return new Options(0, 1);
        }
    }

    /** A committed row: its handle and its values by column name (TIMESTAMP in UTC, as stored). */
    public record RowSnapshot(RowHandle handle, Map<String, Object> values) {
    }

    private final CatalogView catalog;
    private final TsoSource tso;
    private final BinlogWriter writer;
    private final List<TxnListener> listeners;
    private final Options options;
    private final Random abortRandom;
    private final IdBoundStore rowIds;
    private final MvccStore mvcc = new MvccStore();
    private final KeyLocks locks = new KeyLocks();
    private final Map<Long, TableData> data = new ConcurrentHashMap<>();
    private final Map<Long, TableLayout> layouts = new ConcurrentHashMap<>();
    private final SchemaGate schemaGate = new SchemaGate();
    private final Object commitOrder = new Object();
    private final CommitSequencer commits;
    private volatile boolean closed;

    public TxnEngine(CatalogView catalog, TsoSource tso, BinlogWriter writer, List<TxnListener> listeners,
                     Options options) {
        this(catalog, tso, writer, listeners, options, IdBoundStore.inMemory());
    }

    /**
     * An engine whose {@code _tidb_rowid} / AUTO_INCREMENT allocators (one per table id, keyed by the id in
     * decimal) keep their block bounds in {@code rowIds}: an engine restarted on the same store and catalog never
     * hands out an id twice. The rows themselves are not kept.
     */
    public TxnEngine(CatalogView catalog, TsoSource tso, BinlogWriter writer, List<TxnListener> listeners,
                     Options options, IdBoundStore rowIds) {
        this.rowIds = Objects.requireNonNull(rowIds, "rowIds");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tso = Objects.requireNonNull(tso, "tso");
        this.commits = new CommitSequencer(tso, commitOrder);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.listeners = new CopyOnWriteArrayList<>(listeners);
        this.options = Objects.requireNonNull(options, "options");
        this.abortRandom = new Random(options.seed());
    }

    public Session openSession(ZoneId timeZone) {
        checkOpen();
        return new Session(this, timeZone);
    }

    public void addListener(TxnListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public MvccView mvcc() {
        return mvcc;
    }

    // ---------------------------------------------------------------- reads for the workload

    public long rowCount(String db, String table) {
        TableInfo t = table(db, table);
        TableData d = data.get(t.id());
        return d == null ? 0 : d.size();
    }

    public Optional<RowSnapshot> randomRow(String db, String table, Random random) {
        TableLayout layout = layout(db, table(db, table));
        TableData d = data.get(layout.info.id());
        Map.Entry<RowHandle, StoredRow> e = d == null ? null : d.random(random);
        return e == null ? Optional.empty() : Optional.of(snapshot(layout, e.getKey(), e.getValue()));
    }

    public Optional<RowSnapshot> row(String db, String table, RowHandle handle) {
        TableLayout layout = layout(db, table(db, table));
        TableData d = data.get(layout.info.id());
        StoredRow r = d == null ? null : d.get(handle);
        return r == null ? Optional.empty() : Optional.of(snapshot(layout, handle, r));
    }

    private static RowSnapshot snapshot(TableLayout layout, RowHandle h, StoredRow r) {
        Object[] values = r.project(layout);
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            byName.put(layout.columns.get(i).name().o(), values[i]);
        }
        return new RowSnapshot(h, byName);
    }

    // ---------------------------------------------------------------- for sessions

    TableInfo table(String db, String table) {
        return catalog.table(db, table).orElseThrow(() -> new SqlStatementException(
                SqlStatementException.NO_SUCH_TABLE, "Table '" + db + "." + table + "' doesn't exist"));
    }

    TableLayout layout(String db, String table) {
        return layout(db, table(db, table));
    }

    private TableLayout layout(String requestedDb, TableInfo info) {
        TableLayout cached = layouts.get(info.id());
        if (cached != null && (cached.info == info || cached.info.equals(info))) {
            return cached;
        }
        String db = catalog.databaseOfTable(info.id()).map(d -> d.name().o()).orElse(requestedDb);
        TableLayout fresh = new TableLayout(db, info);
        layouts.put(info.id(), fresh);
        return fresh;
    }

    TableData tableData(long tableId) {
        return data.computeIfAbsent(tableId, id -> new TableData(id,
                new IdBlockAllocator(rowIds, Long.toString(id), IdBlockAllocator.TIDB_DEFAULT_STEP)));
    }

    KeyLocks locks() {
        return locks;
    }

    Transaction begin(ZoneId zone) {
        checkOpen();
        schemaGate.enterShared();
        try {
            long startTs = tso.next();
            return new Transaction(this, zone, startTs, catalog.schemaVersion());
        } catch (RuntimeException e) {
            schemaGate.exitShared();
            throw e;
        }
    }

    void rollback(Transaction t) {
        try {
            locks.release(t.locks(), t.startTs);
        } finally {
            schemaGate.exitShared();
        }
    }

    CommitResult commit(Transaction t, boolean injectAbort) throws TxnFailedException {
        try {
            if (t.isEmpty()) {
                return new CommitResult(t.startTs, 0);
            }
            byte[] primary = t.primaryKey();
            Binlog prewrite = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(t.startTs)
                    .setPrewriteKey(ByteString.copyFrom(primary))
                    .setPrewriteValue(t.prewriteValue().toByteString()).build();
            mvcc.prewrite(primary, t.startTs, t.primaryOp(), t.primaryValue());
            try {
                writer.writePrewrite(prewrite);
            } catch (PumpWriteException | RuntimeException e) {
                abort(prewrite, primary);
                throw new TxnFailedException(t.startTs, "prewrite binlog not written: " + e.getMessage(), e);
            }
            if (injectAbort || (options.abortProbability() > 0 && drawAbort())) {
                abort(prewrite, primary);
                throw new InjectedAbortException(t.startTs);
            }
            long commitTs;
            try {
                commitTs = commits.commit(ts -> {
                    mvcc.commit(primary, t.startTs, ts);
                    for (Transaction.Applied a : t.applied()) {
                        a.data().apply(a.handle(), a.after(), a.oldKeys(), a.newKeys());
                    }
                    notifyListeners(Txn.dml(t.startTs, ts, t.schemaVersion, t.changes()));
                });
            } catch (CommitSequencer.NoCommitTs e) {
                abort(prewrite, primary);
                throw new TxnFailedException(t.startTs, "no commit_ts from the TSO: " + e.getMessage(), e);
            }
            sendFinish(prewrite.toBuilder().setTp(BinlogType.Commit).setCommitTs(commitTs).clearPrewriteValue()
                    .build());
            return new CommitResult(t.startTs, commitTs);
        } finally {
            rollback(t);
        }
    }

    private boolean drawAbort() {
        synchronized (abortRandom) {
            return abortRandom.nextDouble() < options.abortProbability();
        }
    }

    /**
     * The 2PC failed after the prewrite binlog went out: TiKV rolls the primary back and TiDB sends a Rollback
     * binlog. client-go's {@code twoPhaseCommitter.execute} does so on any error, a failed prewrite binlog
     * included (its deferred {@code binlog.Commit(ctx, 0)}); only ignore-error's skipping mode sends nothing,
     * which the writer decorator handles.
     */
    private void abort(Binlog prewrite, byte[] primary) {
        mvcc.rollback(primary, prewrite.getStartTs());
        sendFinish(prewrite.toBuilder().setTp(BinlogType.Rollback).setCommitTs(0).clearPrewriteValue().build());
    }

    private void sendFinish(Binlog b) {
        try {
            writer.writeCommit(b).whenComplete((ok, err) -> {
                if (err != null) {
                    // TiDB only logs a lost commit binlog; Pump resolves the transaction through the MVCC API.
                    LOG.warn("{} binlog of start_ts {} not written: {}", b.getTp(), b.getStartTs(), err.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{} binlog of start_ts {} not written: {}", b.getTp(), b.getStartTs(), e.toString());
        }
    }

    private void notifyListeners(Txn txn) {
        for (TxnListener l : listeners) {
            try {
                l.committed(txn);
            } catch (RuntimeException e) {
                LOG.error("listener {} failed on commit_ts {}", l, txn.commitTs(), e);
            }
        }
    }

    /**
     * Runs a DDL with the schema gate held exclusively, as TiDB's DDL worker writes its binlog: the job is prepared
     * in the catalog with a start_ts from the TSO; for each earlier binlog state (DROP COLUMN's delete-only) a
     * transaction of its own writes a DDL binlog at that state; then the final DDL prewrite binlog
     * {@code {Prewrite, start_ts, prewrite_key, ddl_job_id, ddl_schema_state, ddl_query}} (binloginfo
     * {@code SetDDLBinlog}), the commit_ts, the catalog commit (FinishedTS = commit_ts), the listeners and the
     * commit binlog. If a prewrite binlog is refused the job is aborted, a Rollback binlog sent, and nothing changed.
     * Listeners do not hear of the early binlogs: consumers apply nothing for them (binlog-core's decoder neither).
     */
    CommitResult executeDdl(DdlStatement statement) throws TxnFailedException {
        checkOpen();
        schemaGate.enterExclusive();
        try {
            long jobStartTs = tso.next();
            Map<Long, String> schemaNamesBefore = new HashMap<>();
            Map<Long, String> tableNamesBefore = new HashMap<>();
            for (DBInfo db : catalog.databases()) {
                schemaNamesBefore.put(db.id(), db.name().o());
                for (TableInfo t : catalog.tables(db.name().o())) {
                    tableNamesBefore.put(t.id(), t.name().o());
                }
            }
            PreparedDdlJob job = Objects.requireNonNull(statement.prepare(jobStartTs), "prepared DDL");
            // The job's key in TiDB's DDL history; every binlog transaction of the job uses it as primary.
            byte[] primary = RecordKeys.ddlHistoryKey(job.jobId());
            long startTs = jobStartTs;
            for (SchemaState early : job.earlierBinlogStates()) {
                Binlog p = ddlPrewrite(startTs, primary, job, early);
                writeDdlPrewrite(p, primary, job);
                long commitTs;
                synchronized (commitOrder) {
                    commitTs = nextCommitTs(p, primary, job);
                    mvcc.commit(primary, startTs, commitTs);
                }
                sendFinish(p.toBuilder().setTp(BinlogType.Commit).setCommitTs(commitTs).build());
                startTs = tso.next();
            }
            Binlog prewrite = ddlPrewrite(startTs, primary, job, job.schemaState());
            writeDdlPrewrite(prewrite, primary, job);
            long commitTs;
            synchronized (commitOrder) {
                commitTs = nextCommitTs(prewrite, primary, job);
                DdlOutcome outcome;
                try {
                    outcome = job.commit(commitTs);
                } catch (RuntimeException e) {
                    abort(prewrite, primary);
                    throw e;
                }
                mvcc.commit(primary, startTs, commitTs);
                Job done = outcome.job();
                afterSchemaChange(done);
                notifyListeners(Txn.ddl(startTs, commitTs, new DdlChange(schemaName(done, schemaNamesBefore),
                        tableName(done, tableNamesBefore), outcome.query(), done.id(), done.type(),
                        done.schemaVersion())));
            }
            sendFinish(prewrite.toBuilder().setTp(BinlogType.Commit).setCommitTs(commitTs).build());
            return new CommitResult(startTs, commitTs);
        } finally {
            schemaGate.exitExclusive();
        }
    }

    private static Binlog ddlPrewrite(long startTs, byte[] primary, PreparedDdlJob job, SchemaState state) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFrom(primary)).setDdlJobId(job.jobId())
                .setDdlSchemaState(state.code()).setDdlQuery(ByteString.copyFromUtf8(job.query())).build();
    }

    private void writeDdlPrewrite(Binlog p, byte[] primary, PreparedDdlJob job) throws TxnFailedException {
        mvcc.prewrite(primary, p.getStartTs(), MvccOp.PUT, null);
        try {
            writer.writePrewrite(p);
        } catch (PumpWriteException | RuntimeException e) {
            abort(p, primary);
            job.abort();
            throw new TxnFailedException(p.getStartTs(), "DDL job " + job.jobId() + ": prewrite binlog not written: "
                    + e.getMessage(), e);
        }
    }

    private long nextCommitTs(Binlog p, byte[] primary, PreparedDdlJob job) throws TxnFailedException {
        try {
            return tso.next();
        } catch (RuntimeException e) {
            abort(p, primary);
            job.abort();
            throw new TxnFailedException(p.getStartTs(), "DDL job " + job.jobId() + ": no commit_ts from the TSO: "
                    + e.getMessage(), e);
        }
    }

    /** Names the DDL's database as binlog-core's decoder does (HistorySchemaView.describe): by id, original case. */
    private String schemaName(Job job, Map<Long, String> before) {
        HistoryInfo info = job.binlog();
        return catalog.databases().stream().filter(d -> d.id() == job.schemaId()).map(d -> d.name().o())
                .findFirst()
                .or(() -> Optional.ofNullable(info).map(HistoryInfo::dbInfo).map(d -> d.name().o()))
                .or(() -> Optional.ofNullable(before.get(job.schemaId())))
                .filter(n -> !n.isEmpty())
                .orElse(job.schemaName());
    }

    /** The table as the job's binlog table info names it (its new name), else its name before the DDL. */
    private static String tableName(Job job, Map<Long, String> before) {
        return Optional.ofNullable(job.binlog()).map(HistoryInfo::tableInfo).map(t -> t.name().o())
                .or(() -> job.tableId() > 0 ? Optional.ofNullable(before.get(job.tableId())) : Optional.empty())
                .filter(n -> !n.isEmpty())
                .orElse(job.tableName());
    }

    /** Forgets the rows of tables that are gone (dropped, truncated away) and re-indexes the changed table. */
    private void afterSchemaChange(Job job) {
        data.keySet().removeIf(id -> catalog.tableById(id).isEmpty());
        // A gone table's allocator goes with it, as TiDB drops the table's autoid keys with the table.
        for (String key : rowIds.keys()) {
            if (catalog.tableById(Long.parseLong(key)).isEmpty()) {
                rowIds.remove(key);
            }
        }
        layouts.keySet().removeIf(id -> catalog.tableById(id).isEmpty());
        if (job.tableId() > 0) {
            Optional<TableInfo> t = catalog.tableById(job.tableId());
            TableData d = data.get(job.tableId());
            if (t.isPresent() && d != null) {
                String db = catalog.databaseOfTable(t.get().id()).map(x -> x.name().o()).orElse("");
                d.reindex(layout(db, t.get()));
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("transaction engine is closed");
        }
    }

    /** Refuses new transactions; transactions in flight may still finish. */
    @Override
    public void close() {
        closed = true;
    }
}
