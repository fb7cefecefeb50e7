package io.tidbbinlog.sim.txn;

import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.SchemaSnapshot;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.catalog.CatalogView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small catalog for the engine's tests: databases and tables put in directly, versions counted by hand. */
final class InMemoryCatalog implements CatalogView {
    private final Map<Long, DBInfo> dbs = new LinkedHashMap<>();
    private final Map<Long, TableInfo> tables = new LinkedHashMap<>();
    private final Map<Long, Long> dbOfTable = new LinkedHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private long version = 10;

    synchronized InMemoryCatalog database(DBInfo db) {
        dbs.put(db.id(), db);
        return this;
    }

    synchronized InMemoryCatalog table(long dbId, TableInfo t) {
        tables.put(t.id(), t);
        dbOfTable.put(t.id(), dbId);
        return this;
    }

    synchronized void dropTable(long tableId) {
        tables.remove(tableId);
        dbOfTable.remove(tableId);
    }

    synchronized long bumpVersion() {
        return ++version;
    }

    synchronized void recordJob(Job job) {
        jobs.add(job);
    }

    /** The decoder's schema history, starting from everything in the catalog now. */
    synchronized SchemaHistory history() {
        List<SchemaSnapshot.Database> out = new ArrayList<>();
        for (DBInfo db : dbs.values()) {
            List<TableInfo> ts = new ArrayList<>();
            tables.forEach((id, t) -> {
                if (dbOfTable.get(id) == db.id()) {
                    ts.add(t);
                }
            });
            out.add(new SchemaSnapshot.Database(db, ts));
        }
        return SchemaHistory.fromSnapshot(new SchemaSnapshot(version, out));
    }

    @Override
    public synchronized long schemaVersion() {
        return version;
    }

    @Override
    public synchronized List<DBInfo> databases() {
        return List.copyOf(dbs.values());
    }

    @Override
    public synchronized Optional<DBInfo> database(String name) {
        return dbs.values().stream().filter(d -> d.name().l().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public synchronized List<TableInfo> tables(String database) {
        Optional<DBInfo> db = database(database);
        List<TableInfo> out = new ArrayList<>();
        db.ifPresent(d -> tables.forEach((id, t) -> {
            if (dbOfTable.get(id) == d.id()) {
                out.add(t);
            }
        }));
        return out;
    }

    @Override
    public synchronized Optional<TableInfo> table(String database, String table) {
        return tables(database).stream().filter(t -> t.name().l().equalsIgnoreCase(table)).findFirst();
    }

    @Override
    public synchronized Optional<TableInfo> tableById(long tableId) {
        return Optional.ofNullable(tables.get(tableId));
    }

    @Override
    public synchronized Optional<DBInfo> databaseOfTable(long tableId) {
        Long db = dbOfTable.get(tableId);
        return db == null ? Optional.empty() : Optional.ofNullable(dbs.get(db));
    }

    @Override
    public synchronized List<Job> ddlHistory(long startJobId, int limit) {
        return jobs.stream().filter(j -> j.id() >= startJobId).limit(limit == 0 ? Long.MAX_VALUE : limit).toList();
    }
}
