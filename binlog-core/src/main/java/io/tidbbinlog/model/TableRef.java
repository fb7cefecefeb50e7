package io.tidbbinlog.model;

import java.util.Objects;

/** A table as TiDB names it: schema, table and TiDB's logical table id. */
public record TableRef(String schema, String table, long tableId) {
    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String toString() {
        return schema + "." + table + "#" + tableId;
    }
}
