package io.tidbbinlog.sim.catalog;

/**
 * A column as a CREATE TABLE / ADD COLUMN / MODIFY COLUMN statement declares it.
 *
 * @param name       column name as written
 * @param sqlType    the type exactly as SQL spells it, e.g. {@code bigint unsigned}, {@code decimal(65,30)},
 *                   {@code enum('a','b')}, {@code bit(7)}, {@code datetime(6)}, {@code json}
 * @param nullable   false for NOT NULL
 * @param defaultSql the DEFAULT clause's literal as SQL text ({@code 'x'}, {@code 0}, {@code NULL}), or null for none
 */
public record ColumnDef(String name, String sqlType, boolean nullable, String defaultSql) {
    public static ColumnDef nullable(String name, String sqlType) {
        return new ColumnDef(name, sqlType, true, null);
    }

    public static ColumnDef notNull(String name, String sqlType) {
        return new ColumnDef(name, sqlType, false, null);
    }
}
