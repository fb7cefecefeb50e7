package io.tidbbinlog.sim.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.SchemaSnapshot;

import java.util.List;

/**
 * The whole catalog as JSON, so that a restarted simulator goes on with the same ids, versions and DDL history
 * (what TiDB keeps in its meta). Databases, tables and jobs are in TiDB's JSON form.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogSnapshot(
        @JsonProperty("format") int format,
        @JsonProperty("last_global_id") long lastGlobalId,
        @JsonProperty("schema_version") long schemaVersion,
        @JsonProperty("session_zone") String sessionZone,
        @JsonProperty("databases") List<SchemaSnapshot.Database> databases,
        @JsonProperty("history") List<Job> history) {

    static final int FORMAT = 1;

    CatalogSnapshot {
        databases = databases == null ? List.of() : List.copyOf(databases);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
