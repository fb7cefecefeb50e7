package io.tidbbinlog.decode;

import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.HistoryInfo;
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

    /**
     * The decoder's description of a DDL job, named as drainer names it: the database by the job's schema id and
     * the table by the job's binlog table info (its new name after a rename), both in their original case. The
     * job's own {@code schema_name}/{@code table_name} are lower-cased by TiDB and only a last resort.
     */
    public DdlDescription describe(Job job) {
        long version = job.schemaVersion();
        HistoryInfo info = job.binlog();
        String schema = history.schemaAt(job.schemaId(), version).map(DBInfo::name).map(n -> n.o())
                .or(() -> Optional.ofNullable(info).map(HistoryInfo::dbInfo).map(d -> d.name().o()))
                .or(() -> history.schemaAt(job.schemaId(), version - 1).map(DBInfo::name).map(n -> n.o()))
                .filter(n -> !n.isEmpty())
                .orElse(job.schemaName() == null ? "" : job.schemaName());
        String table = Optional.ofNullable(info).map(HistoryInfo::tableInfo).map(t -> t.name().o())
                .or(() -> job.tableId() > 0
                        ? history.tableAt(job.tableId(), version - 1).map(t -> t.name().o()) : Optional.empty())
                .filter(n -> !n.isEmpty())
                .orElse(job.tableName() == null ? "" : job.tableName());
        return new DdlDescription(schema, table, job.tableId(), job.type(), version);
    }
}
