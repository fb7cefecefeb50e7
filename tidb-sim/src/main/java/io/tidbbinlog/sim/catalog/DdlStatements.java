package io.tidbbinlog.sim.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The statement text a user would have typed for each DDL, which TiDB keeps as the job's {@code query} and sends
 * as the DDL binlog's {@code ddl_query}. It has to run on TiDB and on the reference MariaDB alike: TiDB-only parts
 * are written in TiDB's executable-comment form ({@code /*T![clustered_index] CLUSTERED *}{@code /}), which
 * MariaDB reads as a comment; identifiers are backquoted with backquotes doubled; names are qualified with the
 * database so the statement does not depend on a current database.
 */
final class DdlStatements {
    private static final String TABLE_OPTIONS = " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    private DdlStatements() {
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String qualified(String db, String table) {
        return quote(db) + "." + quote(table);
    }

    static String createDatabase(String db) {
        return "CREATE DATABASE " + quote(db) + " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    static String dropDatabase(String db) {
        return "DROP DATABASE " + quote(db);
    }

    /**
     * @param intHandle the primary key is a single integer column (TiDB's int handle, clustered by default)
     */
    static String createTable(String db, TableDef def, boolean intHandle) {
        List<String> parts = new ArrayList<>();
        for (ColumnDef c : def.columns()) {
            parts.add(column(c));
        }
        for (IndexDef i : def.indexes()) {
            if (i.primary()) {
                String pk = "PRIMARY KEY " + columnList(i.columns());
                if (!intHandle) {
                    pk += def.clustered() ? " /*T![clustered_index] CLUSTERED */" : " /*T![clustered_index] NONCLUSTERED */";
                }
                parts.add(pk);
            } else {
                parts.add((i.unique() ? "UNIQUE KEY " : "KEY ") + quote(i.name()) + " " + columnList(i.columns()));
            }
        }
        return "CREATE TABLE " + qualified(db, def.name()) + " (" + String.join(", ", parts) + ")" + TABLE_OPTIONS;
    }

    static String dropTable(String db, String table) {
        return "DROP TABLE " + qualified(db, table);
    }

    static String truncateTable(String db, String table) {
        return "TRUNCATE TABLE " + qualified(db, table);
    }

    static String renameTable(String db, String table, String newDb, String newTable) {
        return "RENAME TABLE " + qualified(db, table) + " TO " + qualified(newDb, newTable);
    }

    static String addColumn(String db, String table, ColumnDef c, ColumnPosition pos) {
        String s = "ALTER TABLE " + qualified(db, table) + " ADD COLUMN " + column(c);
        if (pos.first()) {
            s += " FIRST";
        } else if (pos.after() != null) {
            s += " AFTER " + quote(pos.after());
        }
        return s;
    }

    static String dropColumn(String db, String table, String column) {
        return "ALTER TABLE " + qualified(db, table) + " DROP COLUMN " + quote(column);
    }

    static String modifyColumn(String db, String table, ColumnDef c) {
        return "ALTER TABLE " + qualified(db, table) + " MODIFY COLUMN " + column(c);
    }

    static String addIndex(String db, String table, IndexDef i) {
        String head = "ALTER TABLE " + qualified(db, table) + " ADD ";
        if (i.primary()) {
            // TiDB can only add a non-clustered primary key to an existing table.
            return head + "PRIMARY KEY " + columnList(i.columns()) + " /*T![clustered_index] NONCLUSTERED */";
        }
        return head + (i.unique() ? "UNIQUE INDEX " : "INDEX ") + quote(i.name()) + " " + columnList(i.columns());
    }

    static String dropIndex(String db, String table, String index, boolean primary) {
        String head = "ALTER TABLE " + qualified(db, table) + " DROP ";
        return primary ? head + "PRIMARY KEY" : head + "INDEX " + quote(index);
    }

    static String column(ColumnDef c) {
        StringBuilder sb = new StringBuilder(quote(c.name())).append(' ').append(c.sqlType().trim());
        if (!c.nullable()) {
            sb.append(" NOT NULL");
        }
        if (c.defaultSql() != null) {
            sb.append(" DEFAULT ").append(c.defaultSql().trim());
        }
        return sb.toString();
    }

    private static String columnList(List<String> columns) {
        List<String> q = new ArrayList<>();
        for (String c : columns) {
            q.add(quote(c));
        }
        return "(" + String.join(", ", q) + ")";
    }
}
