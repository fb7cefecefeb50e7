package io.tidbbinlog.sim.drive;

import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.autoid.IdBlockAllocator;
import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.catalog.DdlException;
import io.tidbbinlog.sim.catalog.TableDef;
import io.tidbbinlog.sim.txn.CommitResult;
import io.tidbbinlog.sim.txn.InjectedAbortException;
import io.tidbbinlog.sim.txn.RowHandle;
import io.tidbbinlog.sim.txn.Session;
import io.tidbbinlog.sim.txn.SqlStatementException;
import io.tidbbinlog.sim.txn.TxnEngine;
import io.tidbbinlog.sim.txn.TxnFailedException;
import io.tidbbinlog.sim.workload.ColumnValueGenerator;
import io.tidbbinlog.sim.workload.DdlOp;
import io.tidbbinlog.sim.workload.DdlPlanner;
import io.tidbbinlog.sim.workload.StatementPlan;
import io.tidbbinlog.sim.workload.TxnPlan;
import io.tidbbinlog.sim.workload.TxnPlanner;
import io.tidbbinlog.sim.workload.WorkloadSchema;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a seeded workload against the transaction engine: {@code spec.sessions()} concurrent sessions, each planning
 * its transactions from its own random streams, at the spec's rate, with DDL between transactions and the fault
 * mode's aborts. With one session a run is reproducible statement for statement.
 *
 * <p>Every session is a thread of its own, as a connection is in TiDB. The run ends when the spec's transaction
 * count or duration is reached, or on {@link #stop()}.
 */
public final class WorkloadDriver {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadDriver.class);

    /** Rows a table may hold before inserts turn into deletes (tidb-sim keeps rows in memory). */
    static final long MAX_ROWS_PER_TABLE = 50_000;
    /** Bytes of large values a table may hold across large transactions. */
    static final long LARGE_VALUES_BUDGET_BYTES = 256L << 20;

    private volatile long maxRowsPerTable = MAX_ROWS_PER_TABLE;
    private volatile long largeValuesBudgetBytes = LARGE_VALUES_BUDGET_BYTES;

    private final TxnEngine engine;
    private final Catalog catalog;
    private final WorkloadSpec spec;
    private final DdlRouter router;
    private final DdlPlanner ddlPlanner = new DdlPlanner(DdlPlanner.Bounds.aroundStandardTables());
    private final SplittableRandom ddlRandom;
    private final DriveCounters counters = new DriveCounters();
    private final Pacer pacer;
    private final AtomicLong started = new AtomicLong();
    /** Key ordinals continue across restarts in blocks of this many (a restart skips the rest of a block). */
    static final long KEY_ORDINAL_STEP = 1_000;

    private final Map<Long, IdBlockAllocator> keyOrdinals = new ConcurrentHashMap<>();
    private final WorkloadState state;
    private final Object ddlLock = new Object();
    private volatile WorkloadSchema schema;
    private volatile boolean stopping;

    public WorkloadDriver(TxnEngine engine, Catalog catalog, WorkloadSpec spec, WorkloadSchema initialSchema) {
        this(engine, catalog, spec, initialSchema, WorkloadState.inMemory());
    }

    /**
     * A driver that keeps its schema picture and key ordinals in {@code state}, so that a driver made on the same
     * state after a restart (with {@code initialSchema} = {@code state.savedSchema()}) never repeats a key.
     */
    public WorkloadDriver(TxnEngine engine, Catalog catalog, WorkloadSpec spec, WorkloadSchema initialSchema,
                          WorkloadState state) {
        this.state = java.util.Objects.requireNonNull(state, "state");
        this.engine = engine;
        this.catalog = catalog;
        this.spec = spec;
        this.router = new DdlRouter(catalog);
        this.ddlRandom = spec.ddlRandom();
        this.pacer = new Pacer(spec.txnPerSecond());
        this.schema = initialSchema;
    }

    public DriveCounters counters() {
        return counters;
    }

    /** The tables as the workload sees them now (after its DDL so far). */
    public WorkloadSchema schema() {
        return schema;
    }

    /**
     * Creates the schema's databases and tables through DDL transactions (so they reach the binlog), skipping those
     * the catalog already has.
     */
    public void createSchema(WorkloadSchema wanted) throws TxnFailedException {
        try (Session s = engine.openSession(spec.zoneOf(0))) {
            for (WorkloadSchema.Database db : wanted.databases()) {
                if (catalog.database(db.name()).isEmpty()) {
                    ddl(s, new DdlOp.CreateDatabase(db.name()));
                }
                for (TableDef t : db.tables()) {
                    if (catalog.table(db.name(), t.name()).isEmpty()) {
                        ddl(s, new DdlOp.CreateTable(db.name(), t));
                    }
                }
            }
        }
        changeSchema(wanted);
    }

    private void changeSchema(WorkloadSchema changed) {
        schema = changed;
        state.schemaChanged(changed);
    }

    /** Drops the ordinal bounds of tables the catalog no longer has (their ids are never used again). */
    private void forgetGoneTables() {
        for (String key : state.keyOrdinals().keys()) {
            long id;
            try {
                id = Long.parseLong(key);
            } catch (NumberFormatException e) {
                continue;
            }
            if (catalog.tableById(id).isEmpty()) {
                keyOrdinals.remove(id);
                state.keyOrdinals().remove(key);
            }
        }
    }

    /**
     * Runs the workload to its end (the spec's count or duration, counted from this call); returns the counters,
     * which accumulate over runs. Interrupting the calling thread stops it too.
     */
    public DriveCounters run() throws InterruptedException {
        started.set(0);
        stopping = false;
        long deadline = spec.duration() == null ? Long.MAX_VALUE : System.nanoTime() + spec.duration().toNanos();
        List<Thread> sessions = new ArrayList<>();
        for (int i = 0; i < spec.sessions(); i++) {
            int index = i;
            Thread t = new Thread(() -> runSession(index, deadline), "tidb-sim-session-" + i);
            t.setDaemon(true);
            sessions.add(t);
            t.start();
        }
        try {
            for (Thread t : sessions) {
                t.join();
            }
        } catch (InterruptedException e) {
            stop();
            for (Thread t : sessions) {
                t.join();
            }
            throw e;
        }
        return counters;
    }

    /**
     * Bounds what tidb-sim keeps in memory: rows per table (further inserts become deletes) and bytes of large
     * values per table (older large rows are deleted before a large transaction).
     */
    public void limitTableSizes(long maxRows, long largeValuesBytes) {
        if (maxRows < 1 || largeValuesBytes < 1) {
            throw new IllegalArgumentException("table size limits must be positive: " + maxRows + " rows, "
                    + largeValuesBytes + " bytes");
        }
        this.maxRowsPerTable = maxRows;
        this.largeValuesBudgetBytes = largeValuesBytes;
    }

    /** Asks every session to finish its current transaction and end. */
    public void stop() {
        stopping = true;
    }

    private void runSession(int index, long deadline) {
        TxnPlanner planner = new TxnPlanner(spec, index);
        SplittableRandom values = spec.random(index, WorkloadSpec.Stream.VALUES);
        Random rows = new Random(values.nextLong());
        RowValues rowValues = new RowValues(new ColumnValueGenerator(ColumnValueGenerator.Options.defaults(),
                spec.zoneOf(index)), spec.zoneOf(index));
        try (Session session = engine.openSession(spec.zoneOf(index))) {
            while (!stopping && System.nanoTime() < deadline) {
                if (spec.txnCount() > 0 && started.getAndIncrement() >= spec.txnCount()) {
                    return;
                }
                if (!pacer.awaitSlot()) {
                    return;
                }
                TxnPlan plan = planner.next(schema);
                runTxn(session, plan, rowValues, values, rows);
            }
        } catch (RuntimeException e) {
            LOG.error("session {} stopped", index, e);
            counters.error("session " + index + " stopped: " + e);
        }
    }

    private void runTxn(Session session, TxnPlan plan, RowValues rowValues, SplittableRandom values, Random rows) {
        if (plan.large()) {
            makeRoomForLargeRows(session, plan, rows);
        }
        long rowCount = 0;
        session.begin();
        try {
            for (StatementPlan st : plan.statements()) {
                if (runStatement(session, st, rowValues, values, rows)) {
                    rowCount++;
                } else {
                    counters.skippedStatements.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            session.rollback();
            counters.error("transaction " + plan.session() + "/" + plan.sequence() + " failed: " + e);
            return;
        }
        try {
            CommitResult r = plan.abort() ? session.commitThenAbort() : session.commit();
            if (!r.wroteNothing()) {
                long n = counters.committed.incrementAndGet();
                counters.rows.addAndGet(rowCount);
                counters.committedAt(r.commitTs());
                if (spec.ddlDueAfter(n)) {
                    runPlannedDdl(session);
                }
            }
        } catch (InjectedAbortException e) {
            counters.aborted.incrementAndGet();
        } catch (TxnFailedException e) {
            counters.error("commit of start_ts " + e.startTs() + " failed: " + e.getMessage());
        }
    }

    /**
     * tidb-sim holds every table's rows in memory, so a table of large values is kept under
     * {@link #LARGE_VALUES_BUDGET_BYTES} by default: before a large transaction, earlier large rows are deleted, in
     * transactions of their own (they reach the binlog like any delete).
     */
    private void makeRoomForLargeRows(Session session, TxnPlan plan, Random rows) {
        StatementPlan.LargeInsert first = null;
        long incoming = 0;
        for (StatementPlan st : plan.statements()) {
            if (st instanceof StatementPlan.LargeInsert li) {
                first = first == null ? li : first;
                incoming += li.valueBytes();
            }
        }
        if (first == null) {
            return;
        }
        long keep = Math.max(0, (largeValuesBudgetBytes - incoming) / first.valueBytes());
        while (!stopping && engine.rowCount(first.database(), first.table()) > keep) {
            long excess = engine.rowCount(first.database(), first.table()) - keep;
            session.begin();
            try {
                Set<RowHandle> deleted = new HashSet<>();
                for (long i = 0; i < Math.min(excess, 500); i++) {
                    Optional<TxnEngine.RowSnapshot> row = engine.randomRow(first.database(), first.table(), rows);
                    if (row.isPresent() && deleted.add(row.get().handle())) {
                        try {
                            session.delete(first.database(), first.table(), row.get().handle());
                        } catch (SqlStatementException lockedByAnotherSession) {
                            deleted.remove(row.get().handle());
                        }
                    }
                }
                CommitResult r = session.commit();
                if (!r.wroteNothing()) {
                    counters.committed.incrementAndGet();
                    counters.rows.addAndGet(deleted.size());
                    counters.committedAt(r.commitTs());
                }
            } catch (TxnFailedException | RuntimeException e) {
                if (session.inTransaction()) {
                    session.rollback();
                }
                counters.error("making room for large rows in " + first.table() + " failed: " + e.getMessage());
                return;
            }
        }
    }

    /** One statement; false when TiDB would have refused it (the transaction continues without it). */
    private boolean runStatement(Session session, StatementPlan st, RowValues rowValues, SplittableRandom values,
                                 Random rows) {
        Optional<TableInfo> table = catalog.table(st.database(), st.table());
        if (table.isEmpty()) {
            return false;
        }
        TableInfo t = table.get();
        IdBlockAllocator allocator = keyOrdinals.computeIfAbsent(t.id(),
                id -> new IdBlockAllocator(state.keyOrdinals(), Long.toString(id), KEY_ORDINAL_STEP));
        // Ordinals start at 0; the allocator's ids at 1.
        LongSupplier ordinals = () -> allocator.next() - 1;
        try {
            if (st instanceof StatementPlan.LargeInsert li) {
                Map<String, Object> row = rowValues.newRow(t, ordinals, values);
                row.put(t.columnByName(li.column()).map(c -> c.name().o()).orElse(li.column()),
                        rowValues.large(t, li.column(), li.valueBytes(), values));
                session.insert(st.database(), st.table(), row);
            } else if (st instanceof StatementPlan.Insert) {
                if (engine.rowCount(st.database(), st.table()) >= maxRowsPerTable) {
                    // Tables stay bounded (tidb-sim holds rows in memory): a full table trades the insert for a
                    // delete, so it keeps changing.
                    Optional<TxnEngine.RowSnapshot> row = engine.randomRow(st.database(), st.table(), rows);
                    if (row.isEmpty()) {
                        return false;
                    }
                    session.delete(st.database(), st.table(), row.get().handle());
                    return true;
                }
                session.insert(st.database(), st.table(), rowValues.newRow(t, ordinals, values));
            } else if (st instanceof StatementPlan.Update u) {
                Optional<TxnEngine.RowSnapshot> row = engine.randomRow(st.database(), st.table(), rows);
                if (row.isEmpty()) {
                    return false;
                }
                Map<String, Object> changes = rowValues.changes(t, u.changePrimaryKey(), ordinals,
                        values);
                if (changes.isEmpty()) {
                    return false;
                }
                session.update(st.database(), st.table(), row.get().handle(), changes);
            } else if (st instanceof StatementPlan.Delete) {
                Optional<TxnEngine.RowSnapshot> row = engine.randomRow(st.database(), st.table(), rows);
                if (row.isEmpty()) {
                    return false;
                }
                session.delete(st.database(), st.table(), row.get().handle());
            } else {
                throw new IllegalArgumentException("unknown statement plan " + st);
            }
            return true;
        } catch (SqlStatementException refused) {
            return false;
        }
    }

    /** Runs one DDL between transactions (scripted scenarios); the workload's picture of the schema follows it. */
    public void runDdl(DdlOp op) throws TxnFailedException {
        synchronized (ddlLock) {
            try (Session s = engine.openSession(spec.zoneOf(0))) {
                ddl(s, op);
            }
            changeSchema(schema.apply(op));
            forgetGoneTables();
        }
    }

    private void runPlannedDdl(Session session) {
        synchronized (ddlLock) {
            DdlOp op = ddlPlanner.next(schema, ddlRandom);
            try {
                ddl(session, op);
                changeSchema(schema.apply(op));
                forgetGoneTables();
            } catch (TxnFailedException | DdlException e) {
                counters.error("DDL " + op + " failed: " + e.getMessage());
            }
        }
    }

    private void ddl(Session session, DdlOp op) throws TxnFailedException {
        session.executeDdl(router.statementFor(op));
        counters.ddls.incrementAndGet();
    }
}
