package io.tidbbinlog.sim.reference;

/** Backtick quoting of MariaDB identifiers: every table, column and schema name goes through here. */
final class Identifiers {
    private Identifiers() {
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }
}
