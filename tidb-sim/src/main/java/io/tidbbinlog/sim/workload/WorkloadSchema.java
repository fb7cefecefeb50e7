package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import io.tidbbinlog.sim.catalog.TableDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable picture of the workload's databases and tables, in a fixed order (so planners that walk it stay
 * deterministic). {@link #apply} gives the picture after a DDL and rejects a DDL TiDB would reject, with the reason.
 * Names compare case-insensitively, as TiDB's do.
 */
public record WorkloadSchema(List<Database> databases) {
    public WorkloadSchema {
        databases = List.copyOf(databases);
        for (int i = 0; i < databases.size(); i++) {
            for (int j = i + 1; j < databases.size(); j++) {
                if (same(databases.get(i).name(), databases.get(j).name())) {
                    throw new IllegalArgumentException("database " + databases.get(i).name() + " listed twice");
                }
            }
        }
    }

    public record Database(String name, List<TableDef> tables) {
        public Database {
            Objects.requireNonNull(name, "name");
            tables = List.copyOf(tables);
            for (TableDef t : tables) {
                validateTable(name, t);
            }
            for (int i = 0; i < tables.size(); i++) {
                for (int j = i + 1; j < tables.size(); j++) {
                    if (same(tables.get(i).name(), tables.get(j).name())) {
                        throw new IllegalArgumentException("table " + name + "." + tables.get(i).name()
                                + " listed twice");
                    }
                }
            }
        }

        public Optional<TableDef> table(String table) {
            return tables.stream().filter(t -> same(t.name(), table)).findFirst();
        }
    }

    /** A table together with its database. */
    public record QualifiedTable(String database, TableDef table) {
    }

    public Optional<Database> database(String name) {
        return databases.stream().filter(d -> same(d.name(), name)).findFirst();
    }

    public Optional<TableDef> table(String database, String table) {
        return database(database).flatMap(d -> d.table(table));
    }

    /** Every table, database by database, in order. */
    public List<QualifiedTable> allTables() {
        List<QualifiedTable> out = new ArrayList<>();
        for (Database d : databases) {
            for (TableDef t : d.tables()) {
                out.add(new QualifiedTable(d.name(), t));
            }
        }
        return out;
    }

    static boolean same(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** The columns of a table's primary key, or none. */
    public static List<String> primaryKeyColumns(TableDef t) {
        return t.indexes().stream().filter(IndexDef::primary).findFirst().map(IndexDef::columns).orElse(List.of());
    }

    /** Whether any index (primary key included) covers the column. */
    public static boolean indexed(TableDef t, String column) {
        return t.indexes().stream().anyMatch(ix -> ix.columns().stream().anyMatch(c -> same(c, column)));
    }

    /**
     * The schema after {@code op}.
     *
     * @throws IllegalArgumentException naming the reason when TiDB would reject the statement
     */
    public WorkloadSchema apply(DdlOp op) {
        if (op instanceof DdlOp.CreateDatabase c) {
            if (database(c.database()).isPresent()) {
                throw new IllegalArgumentException("database " + c.database() + " exists");
            }
            List<Database> dbs = new ArrayList<>(databases);
            dbs.add(new Database(c.database(), List.of()));
            return new WorkloadSchema(dbs);
        }
        if (op instanceof DdlOp.DropDatabase d) {
            Database db = requireDatabase(d.database());
            List<Database> dbs = new ArrayList<>(databases);
            dbs.remove(db);
            return new WorkloadSchema(dbs);
        }
        if (op instanceof DdlOp.CreateTable c) {
            Database db = requireDatabase(c.database());
            if (db.table(c.definition().name()).isPresent()) {
                throw new IllegalArgumentException("table " + c.database() + "." + c.definition().name() + " exists");
            }
            List<TableDef> tables = new ArrayList<>(db.tables());
            tables.add(c.definition());
            return replace(db, tables);
        }
        DdlOp.OnTable on = (DdlOp.OnTable) op;
        Database db = requireDatabase(on.database());
        TableDef t = db.table(on.table()).orElseThrow(() -> new IllegalArgumentException(
                "table " + on.database() + "." + on.table() + " does not exist"));
        List<TableDef> tables = new ArrayList<>(db.tables());
        int at = tables.indexOf(t);
        if (op instanceof DdlOp.DropTable) {
            tables.remove(at);
        } else if (op instanceof DdlOp.TruncateTable) {
            return this;
        } else if (op instanceof DdlOp.RenameTable r) {
            if (db.table(r.newName()).isPresent()) {
                throw new IllegalArgumentException("table " + r.database() + "." + r.newName() + " exists");
            }
            tables.set(at, new TableDef(r.newName(), t.columns(), t.indexes(), t.clustered()));
        } else {
            tables.set(at, alter(t, op));
        }
        return replace(db, tables);
    }

    private static TableDef alter(TableDef t, DdlOp op) {
        List<ColumnDef> cols = new ArrayList<>(t.columns());
        List<IndexDef> idx = new ArrayList<>(t.indexes());
        if (op instanceof DdlOp.AddColumn a) {
            if (column(t, a.column().name()).isPresent()) {
                throw new IllegalArgumentException("column " + a.column().name() + " exists in " + t.name());
            }
            if (!a.column().nullable() && a.column().defaultSql() == null) {
                // Not an error in TiDB (it fills the type's zero value), but the workload promises real defaults.
                throw new IllegalArgumentException("added column " + a.column().name()
                        + " is NOT NULL without a default");
            }
            cols.add(a.column());
        } else if (op instanceof DdlOp.DropColumn d) {
            ColumnDef c = requireColumn(t, d.column());
            // TiDB (pkg/ddl isColumnCanDropWithIndex) refuses primary-key and composite-index columns; a column
            // alone in an index is droppable only in newer versions, so the workload treats every indexed column
            // as fixed.
            if (indexed(t, c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " of " + t.name()
                        + " is in an index or the primary key");
            }
            if (cols.size() == 1) {
                // MySQL error 1090 ErrCantRemoveAllFields.
                throw new IllegalArgumentException("cannot drop the only column " + c.name() + " of " + t.name());
            }
            cols.remove(c);
        } else if (op instanceof DdlOp.ModifyColumn m) {
            ColumnDef c = requireColumn(t, m.column().name());
            if (!c.equals(m.before())) {
                throw new IllegalArgumentException("column " + c.name() + " of " + t.name() + " is " + c
                        + ", not " + m.before());
            }
            if (indexed(t, c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " of " + t.name()
                        + " is in an index or the primary key");
            }
            if (!TypeWidening.widens(c.sqlType(), m.column().sqlType())) {
                throw new IllegalArgumentException("changing " + c.name() + " from " + c.sqlType() + " to "
                        + m.column().sqlType() + " is not a lossless widening");
            }
            cols.set(cols.indexOf(c), m.column());
        } else if (op instanceof DdlOp.AddIndex a) {
            if (a.index().primary()) {
                throw new IllegalArgumentException("the workload does not add primary keys");
            }
            if (idx.stream().anyMatch(ix -> same(ix.name(), a.index().name()))) {
                throw new IllegalArgumentException("index " + a.index().name() + " exists in " + t.name());
            }
            for (String c : a.index().columns()) {
                ColumnDef col = requireColumn(t, c);
                if (!TypeWidening.indexable(col.sqlType())) {
                    throw new IllegalArgumentException("column " + c + " (" + col.sqlType()
                            + ") cannot be indexed without a prefix length");
                }
            }
            idx.add(a.index());
        } else if (op instanceof DdlOp.DropIndex d) {
            IndexDef ix = idx.stream().filter(i -> same(i.name(), d.index())).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("index " + d.index() + " does not exist in " + t.name()));
            if (ix.primary()) {
                // TiDB refuses to drop a primary key that is the row handle (int handle or clustered index):
                // ErrUnsupportedModifyPrimaryKey "Unsupported drop primary key when the table is using clustered
                // index" (pkg/ddl). The workload never builds a NONCLUSTERED primary key, so every one is a handle.
                throw new IllegalArgumentException("cannot drop the primary key of " + t.name());
            }
            idx.remove(ix);
        } else {
            throw new IllegalArgumentException("unknown DDL " + op);
        }
        return new TableDef(t.name(), cols, idx, t.clustered());
    }

    private static Optional<ColumnDef> column(TableDef t, String name) {
        return t.columns().stream().filter(c -> same(c.name(), name)).findFirst();
    }

    private static ColumnDef requireColumn(TableDef t, String name) {
        return column(t, name).orElseThrow(() -> new IllegalArgumentException(
                "column " + name + " does not exist in " + t.name()));
    }

    private Database requireDatabase(String name) {
        return database(name).orElseThrow(() -> new IllegalArgumentException("database " + name + " does not exist"));
    }

    private WorkloadSchema replace(Database db, List<TableDef> tables) {
        List<Database> dbs = new ArrayList<>(databases);
        dbs.set(dbs.indexOf(db), new Database(db.name(), tables));
        return new WorkloadSchema(dbs);
    }

    private static void validateTable(String db, TableDef t) {
        if (t.columns().isEmpty()) {
            throw new IllegalArgumentException("table " + db + "." + t.name() + " has no columns");
        }
        for (int i = 0; i < t.columns().size(); i++) {
            for (int j = i + 1; j < t.columns().size(); j++) {
                if (same(t.columns().get(i).name(), t.columns().get(j).name())) {
                    throw new IllegalArgumentException("column " + t.columns().get(i).name() + " appears twice in "
                            + db + "." + t.name());
                }
            }
        }
        long primaries = t.indexes().stream().filter(IndexDef::primary).count();
        if (primaries > 1) {
            throw new IllegalArgumentException("table " + db + "." + t.name() + " has " + primaries
                    + " primary keys");
        }
        for (IndexDef ix : t.indexes()) {
            for (String c : ix.columns()) {
                if (column(t, c).isEmpty()) {
                    throw new IllegalArgumentException("index " + ix.name() + " of " + db + "." + t.name()
                            + " names unknown column " + c);
                }
            }
            if (ix.primary() && ix.columns().stream().anyMatch(c -> column(t, c).orElseThrow().nullable())) {
                throw new IllegalArgumentException("primary key column of " + db + "." + t.name()
                        + " must be NOT NULL");
            }
        }
    }
}
