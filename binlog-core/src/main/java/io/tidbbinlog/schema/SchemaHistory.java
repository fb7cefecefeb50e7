package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * TiDB's schema over time: which databases and tables existed, with which shape, at each schema version.
 *
 * <p>Fed by finished DDL jobs in schema-version order (each job's {@code binlog} carries the DBInfo / TableInfo
 * as they are after it), optionally on top of a {@link SchemaSnapshot}. Answers "table T as of schema version
 * V": the newest state of T recorded at a version {@code <= V}, so a row written under V decodes with the
 * columns it was written with, even after later DDL.
 *
 * <p>Threads: one thread applies jobs; any number of threads read. Every call sees a job either entirely or not
 * at all.
 */
public final class SchemaHistory {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaHistory.class);
    private static final int FORMAT = 1;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, NavigableMap<Long, TableState>> tables = new HashMap<>();
    private final Map<Long, NavigableMap<Long, DBInfo>> schemas = new HashMap<>();
    private final Map<Long, Long> schemaOfTableLatest = new HashMap<>();
    /** Physical (partition) id to logical table id. Partition ids come from TiDB's global id allocator. */
    private final Map<Long, Long> partitionOwner = new HashMap<>();
    private long latestVersion;
    private long oldestAnswerable;

    /**
     * A table's state from some version on: in database {@code schemaId}, shaped as {@code table}; a null
     * table means dropped (or its id retired by TRUNCATE).
     */
    private record TableState(long schemaId, TableInfo table) {
    }

    /** Marks a dropped database in a version map (the maps hold no nulls, to keep lookups unambiguous). */
    private static final DBInfo DROPPED_DB = new DBInfo(Long.MIN_VALUE, CIStr.of("<dropped>"), "", "", 0, null);

    public SchemaHistory() {
    }

    /** A history that starts from every database and table at the snapshot's version. */
    public static SchemaHistory fromSnapshot(SchemaSnapshot snapshot) {
        SchemaHistory h = new SchemaHistory();
        h.loadSnapshot(snapshot);
        return h;
    }

    /**
     * Records a snapshot as the state at its version. Jobs at or below that version are afterwards ignored as
     * already included. A history may take a snapshot only while empty or when it is newer than anything applied.
     */
    public void loadSnapshot(SchemaSnapshot snapshot) {
        lock.writeLock().lock();
        try {
            long v = snapshot.schemaVersion();
            if (v < latestVersion) {
                throw new IllegalArgumentException("snapshot at schema version " + v
                        + " is older than the history's latest version " + latestVersion);
            }
            // Anything the snapshot does not list is gone by its version.
            for (Long schemaId : new ArrayList<>(schemas.keySet())) {
                putSchema(v, schemaId, DROPPED_DB);
            }
            for (Map.Entry<Long, NavigableMap<Long, TableState>> e : tables.entrySet()) {
                if (e.getValue().lastEntry().getValue().table() != null) {
                    putTable(v, e.getValue().lastEntry().getValue().schemaId(), e.getKey(), null);
                }
            }
            for (SchemaSnapshot.Database d : snapshot.databases()) {
                putSchema(v, d.db().id(), d.db());
                for (TableInfo t : d.tables()) {
                    putTable(v, d.db().id(), t.id(), t);
                }
            }
            latestVersion = v;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Applies jobs in the order {@link DdlHistory#applicableInOrder} gives; returns how many took effect. */
    public int applyAll(Collection<Job> jobs) {
        int applied = 0;
        for (Job j : DdlHistory.applicableInOrder(jobs)) {
            if (apply(j)) {
                applied++;
            }
        }
        return applied;
    }

    /**
     * Applies one finished job. Returns false, changing nothing, for a job that did not take effect, carries no
     * schema version, or is at or below the latest version already applied (so re-reading TiDB's history after
     * a restore is harmless). Jobs must come in schema-version order.
     *
     * @throws IllegalArgumentException if the job lacks the DBInfo / TableInfo its action must carry
     */
    public boolean apply(Job job) {
        if (!job.isApplicable()) {
            return false;
        }
        lock.writeLock().lock();
        try {
            long v = job.schemaVersion();
            if (v <= latestVersion) {
                return false;
            }
            applyLocked(job, v);
            latestVersion = v;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applyLocked(Job job, long v) {
        HistoryInfo b = job.binlog();
        switch (job.action()) {
            case CREATE_SCHEMA, MODIFY_SCHEMA_CHARSET_AND_COLLATE, MODIFY_SCHEMA_DEFAULT_PLACEMENT,
                 MODIFY_SCHEMA_READ_ONLY -> putSchema(v, job.schemaId(), requireDb(job));
            case RECOVER_SCHEMA -> {
                putSchema(v, job.schemaId(), requireDb(job));
                for (TableInfo t : b.multipleTableInfos()) {
                    putTable(v, job.schemaId(), t.id(), t);
                }
            }
            case DROP_SCHEMA -> {
                putSchema(v, job.schemaId(), DROPPED_DB);
                for (Map.Entry<Long, Long> e : new ArrayList<>(schemaOfTableLatest.entrySet())) {
                    if (e.getValue() == job.schemaId() && latestTable(e.getKey()) != null) {
                        putTable(v, job.schemaId(), e.getKey(), null);
                    }
                }
            }
            case CREATE_TABLE, CREATE_VIEW, CREATE_SEQUENCE, RECOVER_TABLE -> {
                TableInfo t = requireTable(job);
                putTable(v, job.schemaId(), t.id(), t);
            }
            case CREATE_TABLES -> {
                if (b.multipleTableInfos().isEmpty()) {
                    TableInfo t = requireTable(job);
                    putTable(v, job.schemaId(), t.id(), t);
                }
                for (TableInfo t : b.multipleTableInfos()) {
                    putTable(v, job.schemaId(), t.id(), t);
                }
            }
            case DROP_TABLE, DROP_VIEW, DROP_SEQUENCE -> putTable(v, schemaOf(job.tableId(), job.schemaId()),
                    job.tableId(), null);
            case TRUNCATE_TABLE, ALTER_TABLE_PARTITIONING, REMOVE_PARTITIONING -> {
                // These may give the table a new id; the old id is gone from this version on.
                TableInfo t = requireTable(job);
                long schemaId = schemaOf(job.tableId(), job.schemaId());
                if (t.id() != job.tableId() && job.tableId() != 0) {
                    putTable(v, schemaId, job.tableId(), null);
                }
                putTable(v, schemaId, t.id(), t);
            }
            case RENAME_TABLE -> {
                // The job's schema_id is the database the table moves to.
                TableInfo t = requireTable(job);
                putTable(v, job.schemaId(), t.id(), t);
            }
            case RENAME_TABLES -> {
                Map<Long, Long> newSchemaIds = renameTablesTargets(job.rawArgs());
                List<TableInfo> renamed = b.multipleTableInfos().isEmpty() && b.tableInfo() != null
                        ? List.of(b.tableInfo()) : b.multipleTableInfos();
                for (TableInfo t : renamed) {
                    Long target = newSchemaIds.get(t.id());
                    if (target == null) {
                        LOG.warn("rename tables job {} has no target database for table {} (id {}) in its "
                                + "arguments; keeping its database", job.id(), t.name(), t.id());
                    }
                    putTable(v, target != null ? target : schemaOf(t.id(), job.schemaId()), t.id(), t);
                }
            }
            default -> {
                // Every other action that changes a table (columns, indexes, partitions, options, multi-schema
                // change, exchange partition, ...) leaves the changed table(s) in the binlog info. Actions on
                // non-table objects (placement policies, resource groups, ...) leave none.
                if (!b.multipleTableInfos().isEmpty()) {
                    for (TableInfo t : b.multipleTableInfos()) {
                        putTable(v, schemaOf(t.id(), job.schemaId()), t.id(), t);
                    }
                } else if (b.tableInfo() != null) {
                    TableInfo t = b.tableInfo();
                    putTable(v, schemaOf(t.id(), job.schemaId()), t.id(), t);
                } else if (b.dbInfo() != null) {
                    putSchema(v, b.dbInfo().id(), b.dbInfo());
                }
            }
        }
    }

    /**
     * Target databases of a RENAME TABLES job, by table id, from its arguments: job format 1 is an array
     * {@code [oldSchemaIDs, newSchemaIDs, newTableNames, tableIDs, oldSchemaNames, oldTableNames]}; format 2 an
     * object whose list of rename entries carries {@code table_id} and {@code new_schema_id}.
     */
    static Map<Long, Long> renameTablesTargets(JsonNode args) {
        Map<Long, Long> out = new HashMap<>();
        if (args == null || args.isNull()) {
            return out;
        }
        if (args.isArray() && args.size() >= 4 && args.get(1).isArray() && args.get(3).isArray()) {
            JsonNode newSchemas = args.get(1);
            JsonNode tableIds = args.get(3);
            for (int i = 0; i < Math.min(newSchemas.size(), tableIds.size()); i++) {
                out.put(tableIds.get(i).asLong(), newSchemas.get(i).asLong());
            }
            return out;
        }
        collectRenameEntries(args, out);
        return out;
    }

    private static void collectRenameEntries(JsonNode node, Map<Long, Long> out) {
        if (node.isObject()) {
            if (node.has("table_id") && node.has("new_schema_id")) {
                out.put(node.get("table_id").asLong(), node.get("new_schema_id").asLong());
                return;
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collectRenameEntries(it.next(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                collectRenameEntries(n, out);
            }
        }
    }

    private static DBInfo requireDb(Job job) {
        DBInfo db = job.binlog().dbInfo();
        if (db == null) {
            throw new IllegalArgumentException(job + " carries no binlog.DBInfo");
        }
        return db;
    }

    private static TableInfo requireTable(Job job) {
        TableInfo t = job.binlog().tableInfo();
        if (t == null) {
            throw new IllegalArgumentException(job + " carries no binlog.TableInfo");
        }
        return t;
    }

    private long schemaOf(long tableId, long fallback) {
        Long s = schemaOfTableLatest.get(tableId);
        return s != null ? s : fallback;
    }

    private TableInfo latestTable(long tableId) {
        NavigableMap<Long, TableState> versions = tables.get(tableId);
        return versions == null ? null : versions.lastEntry().getValue().table();
    }

    private void putSchema(long v, long schemaId, DBInfo db) {
        schemas.computeIfAbsent(schemaId, k -> new TreeMap<>()).put(v, db);
    }

    private void putTable(long v, long schemaId, long tableId, TableInfo table) {
        tables.computeIfAbsent(tableId, k -> new TreeMap<>()).put(v, new TableState(schemaId, table));
        schemaOfTableLatest.put(tableId, schemaId);
        if (table != null && table.partition() != null) {
            for (long pid : table.partition().physicalIds()) {
                partitionOwner.put(pid, tableId);
                // EXCHANGE PARTITION turns a table's id into a partition id: that table is gone as such.
                NavigableMap<Long, TableState> adopted = tables.get(pid);
                if (pid != tableId && adopted != null && adopted.lastEntry().getValue().table() != null) {
                    TableState last = adopted.lastEntry().getValue();
                    if (last.table().id() == pid) {
                        adopted.put(v, new TableState(last.schemaId(), null));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- reads

    /** The newest schema version applied (or of the snapshot loaded); 0 when empty. */
    public long latestVersion() {
        lock.readLock().lock();
        try {
            return latestVersion;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The oldest version still answered exactly after {@link #pruneBefore(long)}; 0 when never pruned. */
    public long oldestAnswerableVersion() {
        lock.readLock().lock();
        try {
            return oldestAnswerable;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Table {@code tableId} as of schema version {@code version}; empty if it did not exist then (or was dropped). */
    public Optional<TableInfo> tableAt(long tableId, long version) {
        lock.readLock().lock();
        try {
            TableState s = tableStateAt(tableId, version);
            return s == null ? Optional.empty() : Optional.ofNullable(s.table());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Database {@code schemaId} as of {@code version}; empty if it did not exist then. */
    public Optional<DBInfo> schemaAt(long schemaId, long version) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(dbAt(schemaId, version));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Id of the database table {@code tableId} was in at {@code version}. */
    public OptionalLong schemaIdOfTable(long tableId, long version) {
        lock.readLock().lock();
        try {
            TableState s = tableStateAt(tableId, version);
            return s == null || s.table() == null ? OptionalLong.empty() : OptionalLong.of(s.schemaId());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Name of the database table {@code tableId} was in at {@code version}. */
    public Optional<String> schemaNameOfTable(long tableId, long version) {
        lock.readLock().lock();
        try {
            TableState s = tableStateAt(tableId, version);
            if (s == null || s.table() == null) {
                return Optional.empty();
            }
            DBInfo db = dbAt(s.schemaId(), version);
            return db == null ? Optional.empty() : Optional.of(db.name().o());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The logical table a physical id belongs to: the partitioned table for a partition id, else the id itself. */
    public long logicalTableId(long physicalId) {
        lock.readLock().lock();
        try {
            return partitionOwner.getOrDefault(physicalId, physicalId);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Resolves the physical table id a binlog mutation names (a table id or a partition id) at a schema
     * version: database, logical table and physical id. Empty if the table did not exist at that version.
     */
    public Optional<ResolvedTable> resolve(long physicalId, long version) {
        lock.readLock().lock();
        try {
            // An id that is a live table at this version is that table (after EXCHANGE PARTITION a former
            // partition id names a plain table); otherwise it may be a partition of a logical table.
            TableState own = tableStateAt(physicalId, version);
            long logical = own != null && own.table() != null
                    ? physicalId : partitionOwner.getOrDefault(physicalId, physicalId);
            TableState s = logical == physicalId ? own : tableStateAt(logical, version);
            if (s == null || s.table() == null) {
                return Optional.empty();
            }
            DBInfo db = dbAt(s.schemaId(), version);
            if (db == null) {
                return Optional.empty();
            }
            return Optional.of(new ResolvedTable(db, s.table(), physicalId));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every database and table at {@code version}, e.g. to serve as {@code /schema} or to start another history. */
    public SchemaSnapshot snapshotAt(long version) {
        lock.readLock().lock();
        try {
            Map<Long, List<TableInfo>> bySchema = new TreeMap<>();
            for (Long tableId : new java.util.TreeSet<>(tables.keySet())) {
                TableState s = tableStateAt(tableId, version);
                if (s != null && s.table() != null) {
                    bySchema.computeIfAbsent(s.schemaId(), k -> new ArrayList<>()).add(s.table());
                }
            }
            List<SchemaSnapshot.Database> dbs = new ArrayList<>();
            for (Long schemaId : new java.util.TreeSet<>(schemas.keySet())) {
                DBInfo db = dbAt(schemaId, version);
                if (db != null) {
                    dbs.add(new SchemaSnapshot.Database(db, bySchema.getOrDefault(schemaId, List.of())));
                }
            }
            return new SchemaSnapshot(Math.min(version, latestVersion), dbs);
        } finally {
            lock.readLock().unlock();
        }
    }

    private TableState tableStateAt(long tableId, long version) {
        NavigableMap<Long, TableState> versions = tables.get(tableId);
        if (versions == null) {
            return null;
        }
        Map.Entry<Long, TableState> e = versions.floorEntry(version);
        return e == null ? null : e.getValue();
    }

    private DBInfo dbAt(long schemaId, long version) {
        NavigableMap<Long, DBInfo> versions = schemas.get(schemaId);
        if (versions == null) {
            return null;
        }
        Map.Entry<Long, DBInfo> e = versions.floorEntry(version);
        return e == null || e.getValue() == DROPPED_DB ? null : e.getValue();
    }

    // -------------------------------------------------------------------------------------------- pruning

    /**
     * Forgets states older than {@code version} while keeping, for every table and database, the newest state at
     * or below it, so every question about versions {@code >= version} is still answered exactly. Tables and
     * databases already gone at {@code version} with nothing newer are forgotten entirely. Questions about
     * older versions then get the state as of {@code version} or nothing.
     */
    public void pruneBefore(long version) {
        lock.writeLock().lock();
        try {
            for (Iterator<Map.Entry<Long, NavigableMap<Long, TableState>>> it = tables.entrySet().iterator();
                 it.hasNext(); ) {
                Map.Entry<Long, NavigableMap<Long, TableState>> e = it.next();
                NavigableMap<Long, TableState> versions = e.getValue();
                Long floor = versions.floorKey(version);
                if (floor != null) {
                    versions.headMap(floor, false).clear();
                    if (versions.size() == 1 && versions.firstEntry().getValue().table() == null) {
                        it.remove();
                        schemaOfTableLatest.remove(e.getKey());
                    }
                }
            }
            partitionOwner.values().removeIf(owner -> !tables.containsKey(owner));
            for (Iterator<Map.Entry<Long, NavigableMap<Long, DBInfo>>> it = schemas.entrySet().iterator();
                 it.hasNext(); ) {
                NavigableMap<Long, DBInfo> versions = it.next().getValue();
                Long floor = versions.floorKey(version);
                if (floor != null) {
                    versions.headMap(floor, false).clear();
                    if (versions.size() == 1 && versions.firstEntry().getValue() == DROPPED_DB) {
                        it.remove();
                    }
                }
            }
            oldestAnswerable = Math.max(oldestAnswerable, version);
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------------------------------- persistence

    /** The whole history as JSON, to restore with {@link #fromJson(byte[])} without asking TiDB again. */
    public byte[] toJson() {
        lock.readLock().lock();
        try {
            List<PersistedSchema> ps = new ArrayList<>();
            for (Long id : new java.util.TreeSet<>(schemas.keySet())) {
                List<PersistedDbVersion> vs = new ArrayList<>();
                for (Map.Entry<Long, DBInfo> e : schemas.get(id).entrySet()) {
                    vs.add(new PersistedDbVersion(e.getKey(), e.getValue() == DROPPED_DB ? null : e.getValue()));
                }
                ps.add(new PersistedSchema(id, vs));
            }
            List<PersistedTable> pt = new ArrayList<>();
            for (Long id : new java.util.TreeSet<>(tables.keySet())) {
                List<PersistedTableVersion> vs = new ArrayList<>();
                for (Map.Entry<Long, TableState> e : tables.get(id).entrySet()) {
                    vs.add(new PersistedTableVersion(e.getKey(), e.getValue().schemaId(), e.getValue().table()));
                }
                pt.add(new PersistedTable(id, vs));
            }
            List<long[]> parts = new ArrayList<>();
            for (Map.Entry<Long, Long> e : new TreeMap<>(partitionOwner).entrySet()) {
                parts.add(new long[] {e.getKey(), e.getValue()});
            }
            return TidbJson.write(new Persisted(FORMAT, latestVersion, oldestAnswerable, ps, pt, parts));
        } finally {
            lock.readLock().unlock();
        }
    }

    public static SchemaHistory fromJson(byte[] json) {
        Persisted p;
        try {
            p = TidbJson.mapper().readValue(json, Persisted.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed persisted schema history: " + e.getMessage(), e);
        }
        if (p == null || p.format() != FORMAT) {
            throw new IllegalArgumentException("persisted schema history has format "
                    + (p == null ? "none" : p.format()) + ", expected " + FORMAT);
        }
        SchemaHistory h = new SchemaHistory();
        for (PersistedSchema s : nonNull(p.schemas())) {
            for (PersistedDbVersion v : nonNull(s.versions())) {
                h.putSchema(v.version(), s.id(), v.db() == null ? DROPPED_DB : v.db());
            }
        }
        for (PersistedTable t : nonNull(p.tables())) {
            if (t.versions() == null || t.versions().isEmpty()) {
                throw new IllegalArgumentException("persisted schema history: table " + t.id() + " has no versions");
            }
            for (PersistedTableVersion v : t.versions()) {
                if (v.table() != null && v.table().id() != t.id()) {
                    throw new IllegalArgumentException("persisted schema history: table " + t.id()
                            + " at version " + v.version() + " holds table id " + v.table().id());
                }
            }
            List<PersistedTableVersion> sorted = new ArrayList<>(t.versions());
            sorted.sort(java.util.Comparator.comparingLong(PersistedTableVersion::version));
            for (PersistedTableVersion v : sorted) {
                h.putTable(v.version(), v.schemaId(), t.id(), v.table());
            }
        }
        for (long[] pair : nonNull(p.partitions())) {
            if (pair == null || pair.length != 2) {
                throw new IllegalArgumentException("persisted schema history: partition entry is not [id, table]");
            }
            h.partitionOwner.put(pair[0], pair[1]);
        }
        h.latestVersion = p.latestVersion();
        h.oldestAnswerable = p.oldestAnswerable();
        return h;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Persisted(
            @JsonProperty("format") int format,
            @JsonProperty("latest_version") long latestVersion,
            @JsonProperty("oldest_answerable_version") long oldestAnswerable,
            @JsonProperty("schemas") List<PersistedSchema> schemas,
            @JsonProperty("tables") List<PersistedTable> tables,
            @JsonProperty("partitions") List<long[]> partitions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record PersistedSchema(@JsonProperty("id") long id,
                                   @JsonProperty("versions") List<PersistedDbVersion> versions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record PersistedDbVersion(@JsonProperty("version") long version, @JsonProperty("db") DBInfo db) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record PersistedTable(@JsonProperty("id") long id,
                                  @JsonProperty("versions") List<PersistedTableVersion> versions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record PersistedTableVersion(@JsonProperty("version") long version,
                                         @JsonProperty("schema_id") long schemaId,
                                         @JsonProperty("table") TableInfo table) {
    }
}
