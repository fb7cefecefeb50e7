package io.tidbbinlog.sim.status;

import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.catalog.CatalogView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A catalog a test fills by hand: databases, their tables, and the DDL history, as CatalogView describes them. */
final class FixedCatalog implements CatalogView {

    private final Map<String, DBInfo> dbs = new LinkedHashMap<>();
    private final Map<String, List<TableInfo>> tables = new LinkedHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private long version;

    FixedCatalog database(DBInfo db, TableInfo... dbTables) {
        String key = db.name().l();
        dbs.put(key, db);
        tables.put(key, new ArrayList<>(List.of(dbTables)));
        return this;
    }

    FixedCatalog job(Job job) {
        jobs.add(job);
        version = Math.max(version, job.schemaVersion());
        return this;
    }

    @Override
    public long schemaVersion() {
        return version;
    }

    @Override
    public List<DBInfo> databases() {
        return List.copyOf(dbs.values());
    }

    @Override
    public Optional<DBInfo> database(String name) {
        return Optional.ofNullable(dbs.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<TableInfo> tables(String database) {
        return List.copyOf(tables.getOrDefault(database.toLowerCase(Locale.ROOT), List.of()));
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        return tables(database).stream().filter(t -> t.name().l().equals(table.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    @Override
    public Optional<TableInfo> tableById(long tableId) {
        return tables.values().stream().flatMap(List::stream).filter(t -> t.id() == tableId).findFirst();
    }

    @Override
    public Optional<DBInfo> databaseOfTable(long tableId) {
        for (Map.Entry<String, List<TableInfo>> e : tables.entrySet()) {
            if (e.getValue().stream().anyMatch(t -> t.id() == tableId)) {
                return Optional.of(dbs.get(e.getKey()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Job> ddlHistory(long startJobId, int limit) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList()) {
            if (j.id() >= startJobId && (limit == 0 || out.size() < limit)) {
                out.add(j);
            }
        }
        return out;
    }
}
