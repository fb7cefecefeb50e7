package io.tidbbinlog.model;

import java.util.Objects;

/**
 * One DDL as TiDB ran it: the schema and table it applies to (table empty for database DDL), the query text as
 * TiDB recorded it, TiDB's DDL job id and action type, and the schema version the job produced.
 */
public record DdlChange(String schema, String table, String query, long jobId, int actionType, long schemaVersion) {
    public DdlChange {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(query, "query");
        table = table == null ? "" : table;
    }
}
