package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Plans a session's transactions from the {@link WorkloadSpec}: how many row statements, on which tables, of which
 * kind, whether the transaction is aborted or large. Deterministic per (seed, session index) for the same sequence
 * of schemas. One planner per session; not thread-safe.
 */
public final class TxnPlanner {
    /**
     * Per-row size of large values: well under TiDB's default {@code txn-entry-size-limit} (6 MiB per key-value
     * entry), so a large transaction is many large rows, as real ones are.
     */
    static final int MAX_LARGE_VALUE_BYTES = 1 << 20;
    /** Byte capacities of the types a large value can go into (MySQL's limits). */
    private static final Map<String, Integer> LARGE_CAPABLE = Map.of(
            "blob", 65_535, "text", 65_535,
            "mediumblob", MAX_LARGE_VALUE_BYTES, "mediumtext", MAX_LARGE_VALUE_BYTES,
            "longblob", MAX_LARGE_VALUE_BYTES, "longtext", MAX_LARGE_VALUE_BYTES);

    private final WorkloadSpec spec;
    private final int session;
    private final SplittableRandom rnd;
    private long sequence;

    public TxnPlanner(WorkloadSpec spec, int session) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.rnd = spec.random(session, WorkloadSpec.Stream.PLAN);
        this.session = session;
    }

    /**
     * The next transaction on the given schema.
     *
     * @throws IllegalStateException if the schema has no table, or a large transaction is due and no table has a
     *                               BLOB/TEXT column to carry it
     */
    public TxnPlan next(WorkloadSchema schema) {
        List<WorkloadSchema.QualifiedTable> tables = schema.allTables();
        if (tables.isEmpty()) {
            throw new IllegalStateException("no table to plan a transaction on");
        }
        sequence++;
        boolean abort = rnd.nextDouble() < spec.abortProbability();
        if (spec.largeTxnEveryTxns() > 0 && sequence % spec.largeTxnEveryTxns() == 0) {
            return new TxnPlan(session, sequence, largeStatements(tables), abort, true);
        }
        List<WorkloadSchema.QualifiedTable> chosen = new ArrayList<>();
        if (tables.size() > 1 && rnd.nextDouble() < spec.multiTableProbability()) {
            List<WorkloadSchema.QualifiedTable> pool = new ArrayList<>(tables);
            int k = 2 + rnd.nextInt(Math.min(3, pool.size()) - 1);
            for (int i = 0; i < k; i++) {
                chosen.add(pool.remove(rnd.nextInt(pool.size())));
            }
        } else {
            chosen.add(tables.get(rnd.nextInt(tables.size())));
        }
        int rows = spec.minRowsPerTxn() + rnd.nextInt(spec.maxRowsPerTxn() - spec.minRowsPerTxn() + 1);
        List<StatementPlan> statements = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            // Every chosen table gets at least one statement, so a multi-table transaction really spans them.
            WorkloadSchema.QualifiedTable t = i < chosen.size() ? chosen.get(i) : chosen.get(rnd.nextInt(chosen.size()));
            statements.add(statement(t));
        }
        return new TxnPlan(session, sequence, statements, abort, false);
    }

    private StatementPlan statement(WorkloadSchema.QualifiedTable t) {
        String db = t.database();
        String name = t.table().name();
        switch (spec.mix().pick(rnd)) {
            case INSERT:
                return new StatementPlan.Insert(db, name);
            case UPDATE:
                return new StatementPlan.Update(db, name, false);
            case DELETE:
                return new StatementPlan.Delete(db, name);
            default:
                // A table without a primary key has no key to change: a plain update instead.
                boolean hasPk = !WorkloadSchema.primaryKeyColumns(t.table()).isEmpty();
                return new StatementPlan.Update(db, name, hasPk);
        }
    }

    private List<StatementPlan> largeStatements(List<WorkloadSchema.QualifiedTable> tables) {
        List<StatementPlan.LargeInsert> targets = new ArrayList<>();
        for (WorkloadSchema.QualifiedTable t : tables) {
            ColumnDef best = null;
            int bestCap = 0;
            for (ColumnDef c : t.table().columns()) {
                Integer cap = LARGE_CAPABLE.get(c.sqlType().trim().toLowerCase(Locale.ROOT));
                if (cap != null && cap > bestCap) {
                    best = c;
                    bestCap = cap;
                }
            }
            if (best != null) {
                targets.add(new StatementPlan.LargeInsert(t.database(), t.table().name(), best.name(), bestCap));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("a large transaction is due but no table has a BLOB or TEXT column");
        }
        StatementPlan.LargeInsert target = targets.get(rnd.nextInt(targets.size()));
        long total = (long) spec.largeTxnMegabytes() << 20;
        int chunk = target.valueBytes();
        List<StatementPlan> out = new ArrayList<>();
        for (long left = total; left > 0; left -= chunk) {
            out.add(new StatementPlan.LargeInsert(target.database(), target.table(), target.column(),
                    (int) Math.min(chunk, left)));
        }
        return out;
    }
}
