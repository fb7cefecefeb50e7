package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Every database and table at one schema version: what {@code GET /schema} plus {@code GET /schema/{db}} give, or
 * what {@link SchemaHistory#snapshotAt(long)} answers. A history can start from one instead of replaying all DDL.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaSnapshot(
        @JsonProperty("schema_version") long schemaVersion,
        @JsonProperty("databases") List<Database> databases) {

    public SchemaSnapshot {
        databases = databases == null ? List.of() : List.copyOf(databases);
    }

    /** One database and its tables. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Database(@JsonProperty("db") DBInfo db, @JsonProperty("tables") List<TableInfo> tables) {
        public Database {
            if (db == null) {
                throw new IllegalArgumentException("snapshot database entry without db");
            }
            tables = tables == null ? List.of() : List.copyOf(tables);
        }
    }
}
