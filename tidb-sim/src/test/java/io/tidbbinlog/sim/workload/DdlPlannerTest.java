package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import io.tidbbinlog.sim.catalog.TableDef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DdlPlannerTest {
    private static final int STEPS = 2500;
    private static final DdlPlanner.Bounds BOUNDS = DdlPlanner.Bounds.aroundStandardTables();
    private final DdlPlanner planner = new DdlPlanner(BOUNDS);

    private List<DdlOp> run(long seed, int steps) {
        WorkloadSchema schema = WorkloadTables.standard();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<DdlOp> ops = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            DdlOp op = planner.next(schema, rnd);
            checkValid(schema, op);
            schema = schema.apply(op);
            checkBounds(schema);
            ops.add(op);
        }
        return ops;
    }

    @Test
    void everyKindComesUpAndEveryStatementIsOneTidbAccepts() {
        List<DdlOp> ops = run(17, STEPS);
        Set<Class<?>> kinds = new java.util.HashSet<>();
        ops.forEach(op -> kinds.add(op.getClass()));
        assertEquals(Set.of(DdlOp.CreateDatabase.class, DdlOp.DropDatabase.class, DdlOp.CreateTable.class,
                DdlOp.DropTable.class, DdlOp.TruncateTable.class, DdlOp.RenameTable.class, DdlOp.AddColumn.class,
                DdlOp.DropColumn.class, DdlOp.ModifyColumn.class, DdlOp.AddIndex.class, DdlOp.DropIndex.class), kinds);
        assertTrue(ops.stream().anyMatch(op -> op instanceof DdlOp.ModifyColumn m
                && m.column().sqlType().startsWith("varchar")), "varchar widening");
        assertTrue(ops.stream().anyMatch(op -> op instanceof DdlOp.ModifyColumn m
                && m.column().sqlType().startsWith("bigint")), "int to bigint");
        assertTrue(ops.stream().anyMatch(op -> op instanceof DdlOp.AddColumn a && !a.column().nullable()),
                "NOT NULL column with a default");
        assertTrue(ops.stream().anyMatch(op -> op instanceof DdlOp.CreateTable c && c.definition().clustered()));
    }

    @Test
    void theSameSeedPlansTheSameStatementsAndAnotherSeedOthers() {
        assertEquals(run(99, 500), run(99, 500));
        assertNotEquals(run(99, 500), run(100, 500));
    }

    @Test
    void theStandardTablesSurviveAndKeepTheirOwnColumnsAndIndexes() {
        WorkloadSchema schema = WorkloadTables.standard();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < STEPS; i++) {
            schema = schema.apply(planner.next(schema, rnd));
        }
        for (WorkloadSchema.QualifiedTable std : WorkloadTables.standard().allTables()) {
            TableDef now = schema.table(std.database(), std.table().name()).orElseThrow(
                    () -> new AssertionError(std.table().name() + " was dropped or renamed"));
            for (ColumnDef c : std.table().columns()) {
                assertTrue(now.columns().contains(c), std.table().name() + " lost or changed " + c);
            }
            assertTrue(now.indexes().containsAll(std.table().indexes()));
        }
    }

    @Test
    void planningOneKindOnAScheduleThatCannotTakeItIsRefusedByName() {
        WorkloadSchema bare = new WorkloadSchema(List.of(new WorkloadSchema.Database("d", List.of(new TableDef("t",
                List.of(ColumnDef.notNull("id", "bigint")), List.of(IndexDef.primaryKey("id")), false)))));
        DdlPlanner strict = new DdlPlanner(new DdlPlanner.Bounds(1, 1, 2, 1, Set.of(), Set.of()));
        assertFalse(strict.possibleKinds(bare).contains(DdlPlanner.Kind.DROP_COLUMN), "the only column is the PK");
        assertFalse(strict.possibleKinds(bare).contains(DdlPlanner.Kind.CREATE_DATABASE));
        assertFalse(strict.possibleKinds(bare).contains(DdlPlanner.Kind.DROP_INDEX), "the primary key stays");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> strict.plan(DdlPlanner.Kind.DROP_COLUMN, bare, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("DROP_COLUMN"), e.getMessage());
    }

    /** What TiDB would reject, checked here independently of {@link WorkloadSchema#apply}. */
    private static void checkValid(WorkloadSchema schema, DdlOp op) {
        if (op instanceof DdlOp.CreateDatabase c) {
            assertTrue(schema.database(c.database()).isEmpty(), "database exists: " + op);
            return;
        }
        if (op instanceof DdlOp.DropDatabase d) {
            assertTrue(schema.database(d.database()).isPresent(), "no such database: " + op);
            assertFalse(d.database().startsWith("sim_main") || d.database().startsWith("sim_second"), op.toString());
            return;
        }
        WorkloadSchema.Database db = schema.database(op.database()).orElseThrow(() -> new AssertionError(op));
        if (op instanceof DdlOp.CreateTable c) {
            assertTrue(db.table(c.definition().name()).isEmpty(), "table exists: " + op);
            assertFalse(c.definition().columns().isEmpty());
            c.definition().columns().forEach(col -> assertTrue(WorkloadTables.SQL_TYPES.contains(col.sqlType()),
                    "unlisted type in " + op));
            return;
        }
        DdlOp.OnTable on = (DdlOp.OnTable) op;
        TableDef t = db.table(on.table()).orElseThrow(() -> new AssertionError("no such table: " + op));
        List<String> pk = WorkloadSchema.primaryKeyColumns(t);
        List<String> cols = t.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        if (op instanceof DdlOp.RenameTable r) {
            assertTrue(db.table(r.newName()).isEmpty(), "rename onto an existing table: " + op);
        } else if (op instanceof DdlOp.AddColumn a) {
            assertFalse(cols.contains(a.column().name().toLowerCase(Locale.ROOT)), "column exists: " + op);
            assertTrue(a.column().nullable() || a.column().defaultSql() != null, "NOT NULL without default: " + op);
            assertTrue(WorkloadTables.SQL_TYPES.contains(a.column().sqlType()), "unlisted type in " + op);
        } else if (op instanceof DdlOp.DropColumn d) {
            assertTrue(cols.contains(d.column().toLowerCase(Locale.ROOT)), "no such column: " + op);
            assertFalse(pk.contains(d.column()), "drops a primary key column: " + op);
            assertTrue(t.indexes().stream().noneMatch(ix -> ix.columns().contains(d.column())),
                    "drops an indexed column: " + op);
            assertTrue(cols.size() > 1, "drops the last column: " + op);
        } else if (op instanceof DdlOp.ModifyColumn m) {
            assertTrue(t.columns().contains(m.before()), "modifies a column that is not there as described: " + op);
            assertFalse(WorkloadSchema.indexed(t, m.column().name()), "modifies an indexed column: " + op);
            String from = m.before().sqlType();
            String to = m.column().sqlType();
            assertTrue(isWidening(from, to), "not a widening: " + from + " -> " + to);
            assertEquals(m.before().nullable(), m.column().nullable());
            assertEquals(m.before().defaultSql(), m.column().defaultSql());
        } else if (op instanceof DdlOp.AddIndex a) {
            assertFalse(a.index().unique() || a.index().primary(), "unique indexes may fail on existing rows: " + op);
            assertTrue(t.indexes().stream().noneMatch(ix -> ix.name().equalsIgnoreCase(a.index().name())), op.toString());
            for (String c : a.index().columns()) {
                String type = t.columns().stream().filter(x -> x.name().equals(c)).findFirst().orElseThrow().sqlType();
                assertFalse(type.endsWith("text") || type.endsWith("blob") || type.equals("json"),
                        "index on " + type + " needs a prefix: " + op);
            }
        } else if (op instanceof DdlOp.DropIndex d) {
            IndexDef ix = t.indexes().stream().filter(i -> i.name().equals(d.index())).findFirst()
                    .orElseThrow(() -> new AssertionError("no such index: " + op));
            assertFalse(ix.primary(), "drops a primary key: " + op);
        } else if (!(op instanceof DdlOp.DropTable || op instanceof DdlOp.TruncateTable)) {
            fail("unexpected " + op);
        }
    }

    private static boolean isWidening(String from, String to) {
        List<String> ints = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
        if (from.startsWith("varchar(") && to.startsWith("varchar(")) {
            int a = Integer.parseInt(from.substring(8, from.length() - 1));
            int b = Integer.parseInt(to.substring(8, to.length() - 1));
            return b > a && b <= 384;
        }
        boolean unsignedFrom = from.endsWith(" unsigned");
        boolean unsignedTo = to.endsWith(" unsigned");
        int a = ints.indexOf(from.replace(" unsigned", ""));
        int b = ints.indexOf(to.replace(" unsigned", ""));
        return a >= 0 && b > a && unsignedFrom == unsignedTo;
    }

    private static void checkBounds(WorkloadSchema schema) {
        DdlPlanner.Bounds b = BOUNDS;
        assertTrue(schema.databases().size() <= b.maxDatabases());
        for (WorkloadSchema.Database d : schema.databases()) {
            assertTrue(d.tables().size() <= b.maxTablesPerDatabase());
            for (TableDef t : d.tables()) {
                int standardColumns = 34;
                assertTrue(t.columns().size() <= Math.max(b.maxColumnsPerTable(), standardColumns));
                assertTrue(t.indexes().size() <= b.maxIndexesPerTable());
            }
        }
    }
}
