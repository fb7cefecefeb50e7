package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import io.tidbbinlog.sim.catalog.TableDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Picks the next DDL for the workload from the current schema and a random source: a statement TiDB accepts on that
 * schema (checked by {@link WorkloadSchema#apply}), chosen evenly among the kinds possible right now. The schema stays
 * bounded: at most {@link Bounds#maxDatabases()} databases, {@link Bounds#maxTablesPerDatabase()} tables each,
 * {@link Bounds#maxColumnsPerTable()} columns and {@link Bounds#maxIndexesPerTable()} indexes per table.
 *
 * <p>Protected databases are never dropped; protected tables are never dropped or renamed, and keep their own
 * columns and indexes (only what this planner added to them may be modified or dropped), so the standard tables
 * keep covering every column type. Deterministic: the same schema and random state give the same statement.
 * Stateless apart from its bounds, so it may be shared.
 */
public final class DdlPlanner {
    static final String DB_PREFIX = "sim_ddl_";
    static final String TABLE_PREFIX = "ddl_t";
    static final String COLUMN_PREFIX = "ddl_c";
    static final String INDEX_PREFIX = "ddl_idx";

    /**
     * @param protectedTables tables as {@code database.table} (compared case-insensitively)
     */
    public record Bounds(int maxDatabases, int maxTablesPerDatabase, int maxColumnsPerTable, int maxIndexesPerTable,
                         Set<String> protectedDatabases, Set<String> protectedTables) {
        public Bounds {
            if (maxDatabases < 1 || maxTablesPerDatabase < 1 || maxColumnsPerTable < 2 || maxIndexesPerTable < 1) {
                throw new IllegalArgumentException("DDL bounds need maxDatabases >= 1 (" + maxDatabases
                        + "), maxTablesPerDatabase >= 1 (" + maxTablesPerDatabase + "), maxColumnsPerTable >= 2 ("
                        + maxColumnsPerTable + ") and maxIndexesPerTable >= 1 (" + maxIndexesPerTable + ")");
            }
            protectedDatabases = protectedDatabases.stream().map(s -> s.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            protectedTables = protectedTables.stream().map(s -> s.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }

        /** Room for a few more objects around the standard tables, which are all protected. */
        public static Bounds aroundStandardTables() {
            WorkloadSchema std = WorkloadTables.standard();
            return new Bounds(4, 6, 48, 6,
                    std.databases().stream().map(WorkloadSchema.Database::name).collect(Collectors.toSet()),
                    std.allTables().stream().map(t -> t.database() + "." + t.table().name())
                            .collect(Collectors.toSet()));
        }

        boolean protectedDatabase(String db) {
            return protectedDatabases.contains(db.toLowerCase(Locale.ROOT))
                    || protectedTables.stream().anyMatch(t -> t.startsWith(db.toLowerCase(Locale.ROOT) + "."));
        }

        boolean protectedTable(String db, String table) {
            return protectedTables.contains((db + "." + table).toLowerCase(Locale.ROOT));
        }
    }

    /** The DDL kinds the planner produces. */
    public enum Kind {
        CREATE_DATABASE, DROP_DATABASE, CREATE_TABLE, DROP_TABLE, TRUNCATE_TABLE, RENAME_TABLE, ADD_COLUMN,
        DROP_COLUMN, MODIFY_COLUMN, ADD_INDEX, DROP_INDEX
    }

    /** Columns ADD COLUMN and CREATE TABLE draw from: nullable, or NOT NULL with a default both TiDB and MySQL take. */
    private static final List<ColumnDef> COLUMN_POOL = List.of(
            new ColumnDef("", "int", true, null),
            new ColumnDef("", "int", false, "0"),
            new ColumnDef("", "tinyint unsigned", false, "255"),
            new ColumnDef("", "bigint unsigned", true, null),
            new ColumnDef("", "varchar(32)", false, "'x'"),
            new ColumnDef("", "varchar(255)", true, null),
            new ColumnDef("", "char(16)", true, "'abc'"),
            new ColumnDef("", "decimal(10,2)", false, "1.50"),
            new ColumnDef("", "decimal(65,30)", true, null),
            new ColumnDef("", "float", true, "1.5"),
            new ColumnDef("", "double", true, null),
            new ColumnDef("", "date", false, "'1970-01-01'"),
            new ColumnDef("", "datetime(6)", true, "'2000-01-01 00:00:00.000000'"),
            new ColumnDef("", "timestamp(6)", true, null),
            new ColumnDef("", "time", false, "'-01:02:03'"),
            new ColumnDef("", "year", true, "2000"),
            new ColumnDef("", "enum('red','green','blue')", false, "'green'"),
            new ColumnDef("", "set('a','b','c','d')", true, "'a,c'"),
            new ColumnDef("", "bit(17)", true, "b'101'"),
            new ColumnDef("", "text", true, null),
            new ColumnDef("", "blob", true, null),
            new ColumnDef("", "varbinary(64)", true, null),
            new ColumnDef("", "json", true, null));

    private final Bounds bounds;

    public DdlPlanner(Bounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    public Bounds bounds() {
        return bounds;
    }

    /**
     * The next DDL for {@code schema}.
     *
     * @throws IllegalStateException if no DDL is possible (only when the schema is empty and no database may be
     *                               created)
     */
    public DdlOp next(WorkloadSchema schema, RandomGenerator rnd) {
        List<Kind> possible = possibleKinds(schema);
        if (possible.isEmpty()) {
            throw new IllegalStateException("no DDL is possible on " + schema);
        }
        return plan(possible.get(rnd.nextInt(possible.size())), schema, rnd);
    }

    /** The kinds {@link #next} can choose from on this schema, in {@link Kind} order. */
    public List<Kind> possibleKinds(WorkloadSchema schema) {
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (!candidates(k, schema).isEmpty()) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    /** A DDL of the given kind, if one is possible on this schema. */
    public DdlOp plan(Kind kind, WorkloadSchema schema, RandomGenerator rnd) {
        List<DdlOp> ops = candidates(kind, schema);
        if (ops.isEmpty()) {
            throw new IllegalStateException("no " + kind + " is possible on " + schema);
        }
        DdlOp op = ops.get(rnd.nextInt(ops.size()));
        if (op instanceof DdlOp.CreateTable c) {
            return new DdlOp.CreateTable(c.database(), randomTable(c.definition().name(), rnd));
        }
        if (op instanceof DdlOp.AddColumn a) {
            ColumnDef template = COLUMN_POOL.get(rnd.nextInt(COLUMN_POOL.size()));
            return new DdlOp.AddColumn(a.database(), a.table(), new ColumnDef(a.column().name(), template.sqlType(),
                    template.nullable(), template.defaultSql()));
        }
        if (op instanceof DdlOp.AddIndex a) {
            TableDef t = schema.table(a.database(), a.table()).orElseThrow();
            List<String> indexable = t.columns().stream().filter(c -> TypeWidening.indexable(c.sqlType()))
                    .map(ColumnDef::name).collect(Collectors.toList());
            List<String> cols = new ArrayList<>();
            cols.add(indexable.get(rnd.nextInt(indexable.size())));
            if (indexable.size() > 1 && rnd.nextBoolean()) {
                String second = indexable.get(rnd.nextInt(indexable.size()));
                if (!second.equals(cols.get(0))) {
                    cols.add(second);
                }
            }
            // Never UNIQUE: existing rows might hold duplicates, and the statement would fail.
            return new DdlOp.AddIndex(a.database(), a.table(), new IndexDef(a.index().name(), cols, false, false));
        }
        return op;
    }

    /**
     * Every statement of a kind possible now, with placeholders for the random parts filled in by {@link #plan}.
     */
    private List<DdlOp> candidates(Kind kind, WorkloadSchema schema) {
        List<DdlOp> out = new ArrayList<>();
        switch (kind) {
            case CREATE_DATABASE:
                if (schema.databases().size() < bounds.maxDatabases()) {
                    out.add(new DdlOp.CreateDatabase(freeName(DB_PREFIX, i -> schema.database(DB_PREFIX + i).isPresent())));
                }
                break;
            case DROP_DATABASE:
                for (WorkloadSchema.Database d : schema.databases()) {
                    if (!bounds.protectedDatabase(d.name())) {
                        out.add(new DdlOp.DropDatabase(d.name()));
                    }
                }
                break;
            case CREATE_TABLE:
                for (WorkloadSchema.Database d : schema.databases()) {
                    if (d.tables().size() < bounds.maxTablesPerDatabase()) {
                        String name = freeName(TABLE_PREFIX, i -> d.table(TABLE_PREFIX + i).isPresent());
                        out.add(new DdlOp.CreateTable(d.name(), new TableDef(name, List.of(), List.of(), false)));
                    }
                }
                break;
            default:
                for (WorkloadSchema.QualifiedTable qt : schema.allTables()) {
                    tableCandidates(kind, schema, qt, out);
                }
        }
        return out;
    }

    private void tableCandidates(Kind kind, WorkloadSchema schema, WorkloadSchema.QualifiedTable qt, List<DdlOp> out) {
        String db = qt.database();
        TableDef t = qt.table();
        boolean prot = bounds.protectedTable(db, t.name());
        switch (kind) {
            case DROP_TABLE:
                if (!prot) {
                    out.add(new DdlOp.DropTable(db, t.name()));
                }
                break;
            case TRUNCATE_TABLE:
                out.add(new DdlOp.TruncateTable(db, t.name()));
                break;
            case RENAME_TABLE:
                if (!prot) {
                    WorkloadSchema.Database d = schema.database(db).orElseThrow();
                    out.add(new DdlOp.RenameTable(db, t.name(),
                            freeName(TABLE_PREFIX, i -> d.table(TABLE_PREFIX + i).isPresent())));
                }
                break;
            case ADD_COLUMN:
                if (t.columns().size() < bounds.maxColumnsPerTable()) {
                    String name = freeName(COLUMN_PREFIX, i -> t.columns().stream()
                            .anyMatch(c -> WorkloadSchema.same(c.name(), COLUMN_PREFIX + i)));
                    out.add(new DdlOp.AddColumn(db, t.name(), ColumnDef.nullable(name, "int")));
                }
                break;
            case DROP_COLUMN:
                if (t.columns().size() > 1) {
                    for (ColumnDef c : t.columns()) {
                        if (mayChange(prot, c.name(), COLUMN_PREFIX) && !WorkloadSchema.indexed(t, c.name())) {
                            out.add(new DdlOp.DropColumn(db, t.name(), c.name()));
                        }
                    }
                }
                break;
            case MODIFY_COLUMN:
                for (ColumnDef c : t.columns()) {
                    if (mayChange(prot, c.name(), COLUMN_PREFIX) && !WorkloadSchema.indexed(t, c.name())) {
                        TypeWidening.widerType(c.sqlType(), 32).ifPresent(wider -> out.add(new DdlOp.ModifyColumn(
                                db, t.name(), c, new ColumnDef(c.name(), wider, c.nullable(), c.defaultSql()))));
                    }
                }
                break;
            case ADD_INDEX:
                if (t.indexes().size() < bounds.maxIndexesPerTable()
                        && t.columns().stream().anyMatch(c -> TypeWidening.indexable(c.sqlType()))) {
                    String name = freeName(INDEX_PREFIX, i -> t.indexes().stream()
                            .anyMatch(ix -> WorkloadSchema.same(ix.name(), INDEX_PREFIX + i)));
                    out.add(new DdlOp.AddIndex(db, t.name(), IndexDef.plain(name, t.columns().get(0).name())));
                }
                break;
            case DROP_INDEX:
                for (IndexDef ix : t.indexes()) {
                    if (!ix.primary() && mayChange(prot, ix.name(), INDEX_PREFIX)) {
                        out.add(new DdlOp.DropIndex(db, t.name(), ix.name()));
                    }
                }
                break;
            default:
                throw new IllegalArgumentException("not a table DDL: " + kind);
        }
    }

    private static boolean mayChange(boolean protectedTable, String name, String plannerPrefix) {
        return !protectedTable || name.toLowerCase(Locale.ROOT).startsWith(plannerPrefix);
    }

    /** {@code prefix + i} for the smallest i >= 1 not taken: names stay few and the choice deterministic. */
    private static String freeName(String prefix, IntPredicate taken) {
        int i = 1;
        while (taken.test(i)) {
            i++;
        }
        return prefix + i;
    }

    /** A new table: an int handle, a clustered composite key or no key, and 1..5 columns from the pool. */
    private static TableDef randomTable(String name, RandomGenerator rnd) {
        List<ColumnDef> cols = new ArrayList<>();
        List<IndexDef> idx = new ArrayList<>();
        boolean clustered = false;
        switch (rnd.nextInt(3)) {
            case 0:
                cols.add(ColumnDef.notNull("id", "bigint"));
                idx.add(IndexDef.primaryKey("id"));
                break;
            case 1:
                cols.add(ColumnDef.notNull("k_str", "varchar(64)"));
                cols.add(ColumnDef.notNull("k_int", "int"));
                idx.add(IndexDef.primaryKey("k_str", "k_int"));
                clustered = true;
                break;
            default:
                break;
        }
        int n = 1 + rnd.nextInt(5);
        for (int i = 1; i <= n; i++) {
            ColumnDef template = COLUMN_POOL.get(rnd.nextInt(COLUMN_POOL.size()));
            cols.add(new ColumnDef("c" + i, template.sqlType(), template.nullable(), template.defaultSql()));
        }
        return new TableDef(name, cols, idx, clustered);
    }
}
