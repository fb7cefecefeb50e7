package io.tidbbinlog.sim.workload;

/**
 * One row statement of a planned transaction. Which row an UPDATE or DELETE hits, and the values written, are
 * chosen when the statement runs (from the table's current rows, with {@link ColumnValueGenerator} and
 * {@link KeyValues}); when the table has no row to hit, the runner inserts instead.
 */
public sealed interface StatementPlan {
    String database();

    String table();

    /** INSERT of one new row. */
    record Insert(String database, String table) implements StatementPlan {
    }

    /** INSERT of one new row whose {@code column} holds a value of exactly {@code valueBytes} bytes. */
    record LargeInsert(String database, String table, String column, int valueBytes) implements StatementPlan {
    }

    /** UPDATE of one existing row; with {@code changePrimaryKey} the row also gets a new primary key. */
    record Update(String database, String table, boolean changePrimaryKey) implements StatementPlan {
    }

    /** DELETE of one existing row. */
    record Delete(String database, String table) implements StatementPlan {
    }
}
