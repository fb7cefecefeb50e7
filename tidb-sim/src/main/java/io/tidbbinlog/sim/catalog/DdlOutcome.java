package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.Job;

/**
 * A DDL statement that ran: the job TiDB records in its history (with {@code binlog.SchemaVersion}, the DBInfo or
 * TableInfo after the change) and the query text TiDB puts into the DDL binlog's {@code ddl_query}.
 */
public record DdlOutcome(Job job, String query) {
    public long schemaVersion() {
        return job.schemaVersion();
    }
}
