package io.tidbbinlog.decode;

import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.ResolvedTable;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.TableInfo;

import java.util.Optional;

/**
 * The decoder's view of a {@link SchemaHistory}. TiDB's binlog names logical table ids; a partition id is
 * still resolved to its table, so a binlog from a TiDB that wrote physical ids decodes too.
 */
public final class HistorySchemaView implements SchemaView {
    private final SchemaHistory history;

    public HistorySchemaView(SchemaHistory history) {
        this.history = history;
    }

    @Override
    public Optional<TableInfo> tableAt(long tableId, long schemaVersion) {
        Optional<TableInfo> t = history.tableAt(tableId, schemaVersion);
        return t.isPresent() ? t : history.resolve(tableId, schemaVersion).map(ResolvedTable::table);
    }

    @Override
    public Optional<String> schemaNameAt(long tableId, long schemaVersion) {
        Optional<String> name = history.schemaNameOfTable(tableId, schemaVersion);
        return name.isPresent() ? name
                : history.resolve(tableId, schemaVersion).map(r -> r.db().name().o());
    }

    /** The history hands out one TableInfo instance per table version, so a different instance is a change. */
    @Override
    public boolean changedAfter(long tableId, long schemaVersion) {
        Optional<TableInfo> then = tableAt(tableId, schemaVersion);
        Optional<TableInfo> now = tableAt(tableId, history.latestVersion());
        return then.isEmpty() || now.isEmpty() || then.get() != now.get();
    }

    /** The decoder's description of a DDL job: names from the job, else from the history at its version. */
    public DdlDescription describe(Job job) {
        long version = job.schemaVersion();
        String schema = job.schemaName();
        if (schema == null || schema.isEmpty()) {
            schema = history.schemaAt(job.schemaId(), version).map(DBInfo::name).map(n -> n.o())
                    .or(() -> Optional.ofNullable(job.binlog()).map(b -> b.dbInfo()).map(d -> d.name().o()))
                    .orElse("");
        }
        String table = job.tableName();
        if ((table == null || table.isEmpty()) && job.binlog() != null && job.binlog().tableInfo() != null) {
            table = job.binlog().tableInfo().name().o();
        }
        return new DdlDescription(schema, table == null ? "" : table, job.tableId(), job.type(), version);
    }
}
