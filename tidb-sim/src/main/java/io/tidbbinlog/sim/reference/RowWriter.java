package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.RowOp;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.UniqueKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes row changes on one connection inside the caller's transaction, in order, as batched prepared statements:
 * consecutive changes with the same statement text share one JDBC batch, sent every {@link #BATCH_ROWS} rows.
 *
 * <p>Row identity: an UPDATE or DELETE finds its row by the primary key, else by the first unique key whose
 * before-values are all non-NULL, else (a table without keys: TiDB's hidden {@code _tidb_rowid}, which the reference
 * table does not have) by every carried column with NULL-safe {@code <=>}, {@code LIMIT 1}. Rows identical in every
 * column are interchangeable for comparison, so touching any one of them gives the same table contents. A change
 * that finds no row means the reference has diverged from the stream: it fails the transaction.
 *
 * <p>Generated columns are never written (MariaDB computes them); {@link RowChange#ABSENT} columns are left out of
 * an INSERT (the column default applies) and of an UPDATE's SET list.
 */
final class RowWriter implements AutoCloseable {
    static final int BATCH_ROWS = 1000;

    private final Connection connection;
    private final UnaryOperator<String> schemaMapping;
    private String batchSql;
    private PreparedStatement batch;
    private final List<RowChange> batchRows = new ArrayList<>();

    RowWriter(Connection connection, UnaryOperator<String> schemaMapping) {
        this.connection = connection;
        this.schemaMapping = schemaMapping;
    }

    void write(RowChange change) throws SQLException {
        BoundStatement statement = statementFor(change);
        if (!statement.sql.equals(batchSql)) {
            flush();
            batch = connection.prepareStatement(statement.sql);
            batchSql = statement.sql;
        }
        int i = 1;
        for (Param p : statement.params) {
            ValueBinder.bind(batch, i++, p.value, p.column, change.table());
        }
        batch.addBatch();
        batchRows.add(change.op() == RowOp.INSERT ? null : change);
        if (batchRows.size() >= BATCH_ROWS) {
            execute();
        }
    }

    /** Sends the pending batch and closes its statement. */
    void flush() throws SQLException {
        if (batch == null) {
            return;
        }
        try {
            execute();
        } finally {
            batch.close();
            batch = null;
            batchSql = null;
            batchRows.clear();
        }
    }

    /** Sends the pending rows, keeping the statement for more; checks that every UPDATE and DELETE found its row. */
    private void execute() throws SQLException {
        if (batchRows.isEmpty()) {
            return;
        }
        int[] counts = batch.executeBatch();
        for (int i = 0; i < counts.length && i < batchRows.size(); i++) {
            if (counts[i] == 0 && batchRows.get(i) != null) {
                throw new ReferenceDivergedException("no reference row matches " + batchRows.get(i));
            }
        }
        batchRows.clear();
    }

    @Override
    public void close() throws SQLException {
        if (batch != null) {
            batch.close();
            batch = null;
        }
    }

    private record Param(ColumnMeta column, Object value) {
    }

    private record BoundStatement(String sql, List<Param> params) {
    }

    private BoundStatement statementFor(RowChange change) {
        TableMeta meta = change.table();
        String table = Identifiers.qualified(schemaMapping.apply(meta.ref().schema()), meta.ref().table());
        List<ColumnMeta> columns = meta.columns();
        List<Param> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(128);
        switch (change.op()) {
            case INSERT -> {
                sql.append("INSERT INTO ").append(table).append(" (");
                StringBuilder values = new StringBuilder();
                Object[] after = change.after();
                for (int c = 0; c < columns.size(); c++) {
                    ColumnMeta col = columns.get(c);
                    if (col.generated() || after[c] == RowChange.ABSENT) {
                        continue;
                    }
                    if (!params.isEmpty()) {
                        sql.append(", ");
                        values.append(", ");
                    }
                    sql.append(Identifiers.quote(col.name()));
                    values.append(ValueBinder.placeholder(col.type()));
                    params.add(new Param(col, after[c]));
                }
                if (params.isEmpty()) {
                    sql.append(") VALUES ()");
                } else {
                    sql.append(") VALUES (").append(values).append(')');
                }
            }
            case UPDATE -> {
                sql.append("UPDATE ").append(table).append(" SET ");
                Object[] after = change.after();
                int set = 0;
                for (int c = 0; c < columns.size(); c++) {
                    ColumnMeta col = columns.get(c);
                    if (col.generated() || after[c] == RowChange.ABSENT) {
                        continue;
                    }
                    if (set++ > 0) {
                        sql.append(", ");
                    }
                    sql.append(Identifiers.quote(col.name())).append(" = ").append(ValueBinder.placeholder(col.type()));
                    params.add(new Param(col, after[c]));
                }
                if (set == 0) {
                    throw new IllegalArgumentException("update carries no writable column: " + change);
                }
                appendWhere(sql, params, meta, change.before());
            }
            case DELETE -> {
                sql.append("DELETE FROM ").append(table);
                appendWhere(sql, params, meta, change.before());
            }
        }
        return new BoundStatement(sql.toString(), params);
    }

    private static void appendWhere(StringBuilder sql, List<Param> params, TableMeta meta, Object[] before) {
        List<Integer> key = identity(meta, before);
        sql.append(" WHERE ");
        for (int k = 0; k < key.size(); k++) {
            ColumnMeta col = meta.columns().get(key.get(k));
            if (k > 0) {
                sql.append(" AND ");
            }
            sql.append(Identifiers.quote(col.name())).append(" <=> ").append(ValueBinder.placeholder(col.type()));
            params.add(new Param(col, before[key.get(k)]));
        }
        sql.append(" LIMIT 1");
    }

    /** Indexes of the columns that identify the row whose before image is given; see the class comment. */
    static List<Integer> identity(TableMeta meta, Object[] before) {
        for (UniqueKey uk : meta.uniqueKeys()) {
            List<Integer> idx = new ArrayList<>();
            boolean usable = true;
            for (String name : uk.columnNames()) {
                int i = meta.indexOf(name);
                if (i < 0) {
                    throw new IllegalArgumentException("key " + uk.name() + " of " + meta.ref() + " names unknown column "
                            + name);
                }
                Object v = before[i];
                if (v == RowChange.ABSENT || (v == null && !uk.primary())) {
                    usable = false;
                    break;
                }
                idx.add(i);
            }
            if (usable) {
                return idx;
            }
        }
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < meta.columns().size(); c++) {
            if (!meta.columns().get(c).generated() && before[c] != RowChange.ABSENT) {
                all.add(c);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("before image of " + meta.ref() + " carries no column to find the row by");
        }
        return all;
    }
}
