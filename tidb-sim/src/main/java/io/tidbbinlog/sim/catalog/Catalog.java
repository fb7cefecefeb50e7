package io.tidbbinlog.sim.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaSnapshot;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TidbJson;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The schema as TiDB keeps it: databases, tables with TiDB's column and index ids, the schema version and the
 * history of finished DDL jobs.
 *
 * <p>Ids follow TiDB's meta: one global sequence ({@code GenGlobalID}) gives databases, tables (and a TRUNCATE's
 * new table id) and DDL jobs their ids, the object's id first and then its job's, as TiDB's executor allocates the
 * object id before submitting the job. Column ids come from the table's {@code max_col_id} + 1 and are never
 * reused after DROP COLUMN; index ids from {@code max_idx_id} + 1. Each DDL moves the schema version on by the
 * number of schema states TiDB steps the job through, each step taking one {@code GenSchemaVersion} (ADD COLUMN
 * none -&gt; delete-only -&gt; write-only -&gt; write-reorg -&gt; public is 4); the history job carries the last.
 *
 * <p>Threads: any number of readers, and DDL one at a time. A DDL is two steps, {@code prepare} (the DDL methods
 * here, which check it the way TiDB does and return a {@link PreparedDdl}) and {@link PreparedDdl#commit(long)};
 * readers see the schema before or after a DDL, never half of it.
 *
 * <p>How the transaction engine runs a DDL, as TiDB's DDL owner does (pkg/ddl/ddl_worker.go): hold the schema
 * write lock; take {@code startTs} from PD; {@code p = catalog.addColumn(..., startTs)} (a {@link DdlException}
 * here means TiDB would refuse the statement: nothing changed, nothing to write); for each
 * {@link PreparedDdl#earlierBinlogStates()} write a DDL binlog pair with that state; write the prewrite binlog
 * ({@code start_ts}, {@code ddl_job_id = p.jobId()}, {@code ddl_schema_state = p.schemaState()},
 * {@code ddl_query = p.query()}) and, if it fails, {@code p.abort()}; take {@code commitTs} and write the commit
 * binlog; {@code p.commit(ts)} with a TSO at or after {@code commitTs} (the job's FinishedTS); release the lock.
 * DML after that carries {@link #schemaVersion()} as its prewrite value's {@code schema_version}.
 */
public final class Catalog implements CatalogView {
    /** An arbitrary non-zero start, so that nothing comes to rely on ids or versions starting at 1. */
    public static final long DEFAULT_LAST_GLOBAL_ID = 100;
    public static final long DEFAULT_SCHEMA_VERSION = 30;

    private static final long PERMIT_WAIT_SECONDS = 30;

    private final ZoneId sessionZone;
    private final AtomicLong lastGlobalId;
    private final ConcurrentSkipListMap<Long, Job> history = new ConcurrentSkipListMap<>();
    private final Semaphore ddlPermit = new Semaphore(1);
    private volatile Schemas current;
    private volatile CatalogStore store = json -> { };

    public Catalog() {
        this(DEFAULT_LAST_GLOBAL_ID, DEFAULT_SCHEMA_VERSION, ZoneOffset.UTC);
    }

    /**
     * @param lastGlobalId  the last global id already used; the first database gets the next one
     * @param schemaVersion the schema version before the first DDL
     * @param sessionZone   the DDL session's time zone: TIMESTAMP defaults are read in it and stored in UTC
     */
    public Catalog(long lastGlobalId, long schemaVersion, ZoneId sessionZone) {
        if (lastGlobalId < 0 || schemaVersion < 0) {
            throw new IllegalArgumentException("ids and versions start at 0 or later, got last id " + lastGlobalId
                    + " and version " + schemaVersion);
        }
        this.sessionZone = sessionZone;
        this.lastGlobalId = new AtomicLong(lastGlobalId);
        this.current = new Schemas(schemaVersion, new TreeMap<>(), new TreeMap<>(), new HashMap<>());
    }

    public ZoneId sessionZone() {
        return sessionZone;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public long schemaVersion() {
        return current.version();
    }

    @Override
    public List<DBInfo> databases() {
        return List.copyOf(current.dbs().values());
    }

    @Override
    public Optional<DBInfo> database(String name) {
        return Optional.ofNullable(current.db(name));
    }

    @Override
    public List<TableInfo> tables(String database) {
        Schemas s = current;
        DBInfo db = s.db(database);
        if (db == null) {
            return List.of();
        }
        List<TableInfo> out = new ArrayList<>();
        for (Map.Entry<Long, TableInfo> e : s.tables().entrySet()) {
            if (s.dbOfTable().get(e.getKey()) == db.id()) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        Schemas s = current;
        DBInfo db = s.db(database);
        return db == null ? Optional.empty() : Optional.ofNullable(s.table(db.id(), table));
    }

    @Override
    public Optional<TableInfo> tableById(long tableId) {
        return Optional.ofNullable(current.tables().get(tableId));
    }

    @Override
    public Optional<DBInfo> databaseOfTable(long tableId) {
        Schemas s = current;
        Long dbId = s.dbOfTable().get(tableId);
        return dbId == null ? Optional.empty() : Optional.ofNullable(s.dbs().get(dbId));
    }

    @Override
    public List<Job> ddlHistory(long startJobId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("ddl history limit must not be negative, got " + limit);
        }
        List<Job> out = new ArrayList<>();
        for (Job j : history.tailMap(startJobId, true).values()) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.add(j);
        }
        return out;
    }

    @Override
    public List<Job> ddlHistoryNewestFirst(long atOrBelowJobId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("ddl history limit must not be negative, got " + limit);
        }
        var newestFirst = atOrBelowJobId == 0 ? history.descendingMap()
                : history.headMap(atOrBelowJobId, true).descendingMap();
        List<Job> out = new ArrayList<>();
        for (Job j : newestFirst.values()) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.add(j);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ persistence

    /**
     * Every database, table and history job with the id and version counters, as JSON. Waits for a prepared DDL
     * to finish, so the picture is never half a DDL.
     */
    public byte[] toJson() {
        acquirePermit();
        try {
            return snapshot(current, history.values());
        } finally {
            ddlPermit.release();
        }
    }

    /**
     * Saves the catalog to {@code newStore} now and after every later DDL commit or abort, before the DDL becomes
     * visible; a failed save fails that DDL. Waits for a prepared DDL to finish.
     */
    public void persistTo(CatalogStore newStore) {
        java.util.Objects.requireNonNull(newStore, "store");
        acquirePermit();
        try {
            newStore.save(snapshot(current, history.values()));
            store = newStore;
        } finally {
            ddlPermit.release();
        }
    }

    private byte[] snapshot(Schemas s, java.util.Collection<Job> jobs) {
        List<SchemaSnapshot.Database> dbs = new ArrayList<>();
        for (DBInfo db : s.dbs().values()) {
            List<TableInfo> tables = new ArrayList<>();
            for (Map.Entry<Long, TableInfo> e : s.tables().entrySet()) {
                if (s.dbOfTable().get(e.getKey()) == db.id()) {
                    tables.add(e.getValue());
                }
            }
            dbs.add(new SchemaSnapshot.Database(db, tables));
        }
        return TidbJson.write(new CatalogSnapshot(CatalogSnapshot.FORMAT, lastGlobalId.get(), s.version(),
                sessionZone.getId(), dbs, List.copyOf(jobs)));
    }

    /** A catalog as {@link #toJson()} saved it. */
    public static Catalog fromJson(byte[] json) {
        CatalogSnapshot snap;
        try {
            snap = TidbJson.mapper().readValue(json, CatalogSnapshot.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("malformed catalog snapshot: " + e.getMessage(), e);
        }
        if (snap == null || snap.format() != CatalogSnapshot.FORMAT) {
            throw new IllegalArgumentException("catalog snapshot has format " + (snap == null ? "none" : snap.format())
                    + ", expected " + CatalogSnapshot.FORMAT);
        }
        Catalog c = new Catalog(snap.lastGlobalId(), snap.schemaVersion(), ZoneId.of(snap.sessionZone()));
        Schemas s = c.current;
        long maxId = 0;
        for (SchemaSnapshot.Database d : snap.databases()) {
            s = s.withDb(d.db());
            maxId = Math.max(maxId, d.db().id());
            for (TableInfo t : d.tables()) {
                s = s.withTable(d.db().id(), t);
                maxId = Math.max(maxId, t.id());
            }
        }
        for (Job j : snap.history()) {
            if (c.history.put(j.id(), j) != null) {
                throw new IllegalArgumentException("catalog snapshot lists DDL job " + j.id() + " twice");
            }
            maxId = Math.max(maxId, j.id());
            if (j.schemaVersion() > snap.schemaVersion()) {
                throw new IllegalArgumentException("catalog snapshot: job " + j.id() + " has schema version "
                        + j.schemaVersion() + " above the snapshot's " + snap.schemaVersion());
            }
        }
        if (maxId > snap.lastGlobalId()) {
            throw new IllegalArgumentException("catalog snapshot: id " + maxId + " is above its last global id "
                    + snap.lastGlobalId());
        }
        c.current = s;
        return c;
    }

    /** The last global id handed out (databases, tables, jobs). */
    public long lastGlobalId() {
        return lastGlobalId.get();
    }

    // ------------------------------------------------------------------------------------- database DDL

    public PreparedDdl createDatabase(String name, long startTs) {
        requireName("database", name);
        return prepare(s -> {
            if (s.db(name) != null) {
                throw DdlException.databaseExists(name);
            }
            long id = nextGlobalId();
            long jobId = nextGlobalId();
            DBInfo db = DBInfo.of(id, name, ColumnTypes.UTF8MB4, ColumnTypes.UTF8MB4_BIN);
            Schemas after = s.withVersion(s.version() + 1).withDb(db);
            ArrayNode args = TidbJson.mapper().createArrayNode().add(TidbJson.tree(db));
            return new Change(after, new PreparedDdl.Draft(jobId, ActionType.CREATE_SCHEMA, id, 0, lower(name), "",
                    SchemaState.PUBLIC, after.version(), db, null, DdlStatements.createDatabase(name), args, startTs));
        });
    }

    public PreparedDdl dropDatabase(String name, long startTs) {
        return prepare(s -> {
            DBInfo db = s.db(name);
            if (db == null) {
                throw DdlException.databaseDropNotExists(name);
            }
            long jobId = nextGlobalId();
            Schemas after = s.withVersion(s.version() + 3).withoutDb(db.id());
            // public -> write only -> delete only -> none (onDropSchema); the history keeps the DBInfo at none.
            DBInfo gone = new DBInfo(db.id(), db.name(), db.charset(), db.collate(), SchemaState.NONE.code(),
                    db.policyRefInfo());
            return new Change(after, new PreparedDdl.Draft(jobId, ActionType.DROP_SCHEMA, db.id(), 0, db.name().l(),
                    "", SchemaState.NONE, after.version(), gone, null, DdlStatements.dropDatabase(db.name().o()),
                    null, startTs));
        });
    }

    // ---------------------------------------------------------------------------------------- table DDL

    public PreparedDdl createTable(String database, TableDef def, long startTs) {
        requireName("table", def.name());
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            if (s.table(db.id(), def.name()) != null) {
                throw DdlException.tableExists(def.name());
            }
            TableShape shape = TableShape.build(def, sessionZone);
            long id = nextGlobalId();
            long jobId = nextGlobalId();
            TableInfo t = TableInfos.create(id, CIStr.of(def.name()), shape.columns(), shape.indices(),
                    shape.pkIsHandle(), shape.commonHandle(), shape.columns().size(), shape.indices().size(), startTs);
            Schemas after = s.withVersion(s.version() + 1).withTable(db.id(), t);
            ArrayNode args = TidbJson.mapper().createArrayNode().add(TidbJson.tree(t)).add(false);
            String query = DdlStatements.createTable(db.name().o(), def, shape.pkIsHandle());
            return new Change(after, new PreparedDdl.Draft(jobId, ActionType.CREATE_TABLE, db.id(), id,
                    db.name().l(), t.name().l(), SchemaState.PUBLIC, after.version(), null, t, query, args, startTs));
        });
    }

    public PreparedDdl dropTable(String database, String table, long startTs) {
        return prepare(s -> {
            DBInfo db = s.db(database);
            TableInfo t = db == null ? null : s.table(db.id(), table);
            if (t == null) {
                throw DdlException.unknownTable(database, table);
            }
            long jobId = nextGlobalId();
            // public -> write only -> delete only -> none (onDropTableOrView).
            Schemas after = s.withVersion(s.version() + 3).withoutTable(t.id());
            TableInfo gone = TableInfos.with(t, t.id(), t.name(), t.columns(), t.indices(), SchemaState.NONE.code(),
                    t.maxColumnId(), t.maxIndexId(), startTs, t.oldSchemaId());
            return new Change(after, new PreparedDdl.Draft(jobId, ActionType.DROP_TABLE, db.id(), t.id(),
                    db.name().l(), t.name().l(), SchemaState.NONE, after.version(), null, gone,
                    DdlStatements.dropTable(db.name().o(), t.name().o()), null, startTs));
        });
    }

    /** TRUNCATE TABLE: the table gets a new id; the job keeps the old one as its table_id (onTruncateTable). */
    public PreparedDdl truncateTable(String database, String table, long startTs) {
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            long newId = nextGlobalId();
            long jobId = nextGlobalId();
            TableInfo fresh = TableInfos.with(t, newId, t.name(), t.columns(), t.indices(), t.state(),
                    t.maxColumnId(), t.maxIndexId(), startTs, t.oldSchemaId());
            Schemas after = s.withVersion(s.version() + 1).withoutTable(t.id()).withTable(db.id(), fresh);
            ArrayNode args = TidbJson.mapper().createArrayNode().add(newId).add(false)
                    .add(TidbJson.mapper().createArrayNode());
            return new Change(after, new PreparedDdl.Draft(jobId, ActionType.TRUNCATE_TABLE, db.id(), t.id(),
                    db.name().l(), t.name().l(), SchemaState.PUBLIC, after.version(), null, fresh,
                    DdlStatements.truncateTable(db.name().o(), t.name().o()), args, startTs));
        });
    }

    /**
     * RENAME TABLE, also into another database. As TiDB's job has it: schema_id is the target database,
     * table_name the old name, the arguments {@code [oldSchemaID, newTableName, oldSchemaName]}; a table moved to
     * another database has {@code old_schema_id} cleared (pkg/ddl/table.go {@code checkAndRenameTables}).
     */
    public PreparedDdl renameTable(String database, String table, String newDatabase, String newTable, long startTs) {
        requireName("table", newTable);
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            DBInfo target = requireDb(s, newDatabase);
            if (s.table(target.id(), newTable) != null) {
                throw DdlException.tableExists(newTable);
            }
            long jobId = nextGlobalId();
            // A move to another database clears old_schema_id; TiDB moves the auto ids instead (checkAndRenameTables).
            long oldSchemaId = target.id() != db.id() ? 0 : t.oldSchemaId();
            TableInfo renamed = TableInfos.with(t, t.id(), CIStr.of(newTable), t.columns(), t.indices(), t.state(),
                    t.maxColumnId(), t.maxIndexId(), startTs, oldSchemaId);
            Schemas after = s.withVersion(s.version() + 1).withoutTable(t.id()).withTable(target.id(), renamed);
            ArrayNode args = TidbJson.mapper().createArrayNode().add(db.id()).add(TidbJson.tree(CIStr.of(newTable)))
                    .add(TidbJson.tree(db.name()));
            return new Change(after, new PreparedDdl.Draft(jobId, ActionType.RENAME_TABLE, target.id(), t.id(),
                    target.name().l(), t.name().l(), SchemaState.PUBLIC, after.version(), null, renamed,
                    DdlStatements.renameTable(db.name().o(), t.name().o(), target.name().o(), newTable), args,
                    startTs));
        });
    }

    // --------------------------------------------------------------------------------------- column DDL

    /**
     * ADD COLUMN: the next column id, and the origin default rows written before it read as (CURRENT_TIMESTAMP
     * resolved to the physical time of {@code startTs}, a TSO).
     */
    public PreparedDdl addColumn(String database, String table, ColumnDef column, ColumnPosition position,
                                 long startTs) {
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            if (t.columnByName(column.name()).isPresent()) {
                throw DdlException.duplicateColumn(column.name());
            }
            long colId = t.maxColumnId() + 1;
            ColumnInfo c = ColumnBuilder.build(column, colId, t.columns().size(), sessionZone);
            c = ColumnBuilder.withOriginDefault(c, physicalTime(startTs), sessionZone);
            List<ColumnInfo> cols = new ArrayList<>(t.columns());
            int at = cols.size();
            if (position.first()) {
                at = 0;
            } else if (position.after() != null) {
                ColumnInfo rel = t.columnByName(position.after())
                        .orElseThrow(() -> DdlException.badField(position.after(), t.name().o()));
                at = rel.offset() + 1;
            }
            cols.add(at, c);
            cols = TableInfos.renumber(cols);
            TableInfo changed = TableInfos.with(t, t.id(), t.name(), cols, TableInfos.reoffset(t.indices(), cols),
                    t.state(), colId, t.maxIndexId(), startTs, t.oldSchemaId());
            return tableChange(s, db, t, changed, ActionType.ADD_COLUMN, 4, SchemaState.PUBLIC,
                    DdlStatements.addColumn(db.name().o(), t.name().o(), column, position), startTs);
        });
    }

    /**
     * DROP COLUMN. Refused as TiDB refuses it for a primary key column and for a column in a composite index
     * ({@code isDroppableColumn}, {@code checkDropColumnWithCompositeIndex}); a single-column index on it goes
     * with it. The id is not reused.
     */
    public PreparedDdl dropColumn(String database, String table, String column, long startTs) {
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            ColumnInfo c = t.columnByName(column).orElseThrow(() -> DdlException.cantDropFieldOrKey(column));
            if (t.columns().size() == 1) {
                throw DdlException.cantRemoveAllFields();
            }
            if (t.pkIsHandle() && c.isPrimaryKeyFlagged()) {
                throw DdlException.unsupported("drop integer primary key");
            }
            List<IndexInfo> kept = new ArrayList<>();
            for (IndexInfo i : t.indices()) {
                boolean covers = i.columns().stream().anyMatch(ic -> ic.name().l().equals(c.name().l()));
                if (!covers) {
                    kept.add(i);
                } else if (i.primary() || i.columns().size() > 1) {
                    throw DdlException.unsupported("drop column " + c.name().o()
                            + " with composite index covered or Primary Key covered now");
                }
            }
            List<ColumnInfo> cols = new ArrayList<>(t.columns());
            cols.remove(c.offset());
            cols = TableInfos.renumber(cols);
            TableInfo changed = TableInfos.with(t, t.id(), t.name(), cols, TableInfos.reoffset(kept, cols),
                    t.state(), t.maxColumnId(), t.maxIndexId(), startTs, t.oldSchemaId());
            return tableChange(s, db, t, changed, ActionType.DROP_COLUMN, 4, SchemaState.NONE,
                    DdlStatements.dropColumn(db.name().o(), t.name().o(), c.name().o()), startTs);
        });
    }

    /**
     * MODIFY COLUMN. When TiDB can change the type in place ({@code needChangeColumnData} false: same integer
     * signedness, longer strings, added ENUM members, ...) the column keeps its id and origin default. Otherwise
     * TiDB (5.0 and later) fills a new "changing" column and swaps it in: the column ends with a new id
     * ({@code max_col_id} + 1) and no origin default, and every index on it is rebuilt under a new index id with
     * its old name ({@code adjustTableInfoAfterModifyColumnWithData}); TiDB refuses that for a primary key column.
     */
    public PreparedDdl modifyColumn(String database, String table, ColumnDef column, long startTs) {
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            ColumnInfo old = t.columnByName(column.name())
                    .orElseThrow(() -> DdlException.badField(column.name(), t.name().o()));
            ColumnInfo built = ColumnBuilder.build(column, old.id(), old.offset(), sessionZone);
            int keyFlags = old.type().flag() & (ColumnFlag.PRI_KEY | ColumnFlag.UNIQUE_KEY | ColumnFlag.MULTIPLE_KEY);
            int flag = built.type().flag() | keyFlags;
            if ((keyFlags & ColumnFlag.PRI_KEY) != 0) {
                flag |= ColumnFlag.NOT_NULL;
                if (built.defaultValue() == null) {
                    flag |= ColumnFlag.NO_DEFAULT_VALUE;
                }
            }
            FieldType newType = ColumnBuilder.withFlag(built.type(), flag);
            for (IndexInfo i : t.indices()) {
                for (IndexColumn ic : i.columns()) {
                    if (ic.name().l().equals(old.name().l())) {
                        checkKeyColumn(old.name().o(), newType);
                    }
                }
            }
            boolean reorg = ColumnChanges.needsData(old.type(), newType);
            List<ColumnInfo> cols = new ArrayList<>(t.columns());
            List<IndexInfo> indices = new ArrayList<>(t.indices());
            long maxCol = t.maxColumnId();
            long maxIdx = t.maxIndexId();
            ColumnInfo replacement;
            if (!reorg) {
                replacement = ColumnBuilder.withIdAndOrigin(ColumnBuilder.withType(built, newType), old.id(),
                        old.originDefault(), old.originDefaultBit());
            } else {
                if (old.isPrimaryKeyFlagged()) {
                    throw DdlException.unsupported("modify column: this column has primary key flag");
                }
                maxCol++;
                replacement = ColumnBuilder.withIdAndOrigin(ColumnBuilder.withType(built, newType), maxCol, null,
                        null);
                for (int k = 0; k < indices.size(); k++) {
                    IndexInfo i = indices.get(k);
                    if (i.columns().stream().anyMatch(ic -> ic.name().l().equals(old.name().l()))) {
                        maxIdx++;
                        indices.set(k, TableInfos.index(i, maxIdx, i.name(), i.columns()));
                    }
                }
            }
            cols.set(old.offset(), replacement);
            TableInfo changed = TableInfos.with(t, t.id(), t.name(), cols, TableInfos.reoffset(indices, cols),
                    t.state(), maxCol, maxIdx, startTs, t.oldSchemaId());
            return tableChange(s, db, t, changed, ActionType.MODIFY_COLUMN, reorg ? 4 : 1, SchemaState.PUBLIC,
                    DdlStatements.modifyColumn(db.name().o(), t.name().o(), column), startTs);
        });
    }

    // ---------------------------------------------------------------------------------------- index DDL

    /**
     * ADD INDEX / ADD UNIQUE INDEX, or ADD PRIMARY KEY (TiDB adds only a non-clustered one, and makes its columns
     * NOT NULL). Column flags as TiDB's {@code addIndexColumnFlag} sets them.
     */
    public PreparedDdl addIndex(String database, String table, IndexDef index, long startTs) {
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            if (index.columns().isEmpty()) {
                throw new IllegalArgumentException("index " + index.name() + " has no columns");
            }
            String name = index.primary() ? "PRIMARY" : index.name();
            requireName("index", name);
            if (!index.primary() && lower(name).equals("primary")) {
                throw new DdlException(1280, "Incorrect index name '" + name + "'");
            }
            if (index.primary() && (t.pkIsHandle() || t.primaryIndex().isPresent())) {
                throw DdlException.multiplePrimaryKeys();
            }
            for (IndexInfo i : t.indices()) {
                if (i.name().l().equals(lower(name))) {
                    throw DdlException.duplicateKeyName(name);
                }
            }
            List<ColumnInfo> cols = new ArrayList<>(t.columns());
            List<IndexColumn> ics = TableShape.indexColumns(index.columns(), cols);
            long idxId = t.maxIndexId() + 1;
            IndexInfo info = new IndexInfo(idxId, CIStr.of(name), new CIStr("", ""), ics, SchemaState.PUBLIC.code(),
                    "", TableShape.INDEX_TYPE_BTREE, index.unique() || index.primary(), index.primary(), false,
                    false);
            if (index.primary()) {
                for (IndexColumn ic : ics) {
                    ColumnInfo c = cols.get(ic.offset());
                    int flag = c.type().flag() | ColumnFlag.NOT_NULL;
                    if (c.defaultValue() == null) {
                        flag |= ColumnFlag.NO_DEFAULT_VALUE;
                    }
                    cols.set(ic.offset(), ColumnBuilder.withFlags(c, flag));
                }
            }
            TableShape.addIndexColumnFlag(cols, info);
            List<IndexInfo> indices = new ArrayList<>(t.indices());
            indices.add(info);
            TableInfo changed = TableInfos.with(t, t.id(), t.name(), cols, indices, t.state(), t.maxColumnId(),
                    idxId, startTs, t.oldSchemaId());
            ActionType action = index.primary() ? ActionType.ADD_PRIMARY_KEY : ActionType.ADD_INDEX;
            return tableChange(s, db, t, changed, action, 4, SchemaState.PUBLIC,
                    DdlStatements.addIndex(db.name().o(), t.name().o(), index), startTs);
        });
    }

    /** DROP INDEX, or DROP PRIMARY KEY of a non-clustered primary key (TiDB refuses it for a clustered one). */
    public PreparedDdl dropIndex(String database, String table, String index, long startTs) {
        return prepare(s -> {
            DBInfo db = requireDb(s, database);
            TableInfo t = requireTable(s, db, table);
            boolean primary = lower(index).equals("primary");
            if (primary && t.pkIsHandle()) {
                throw DdlException.unsupported("drop primary key when the table's pkIsHandle is true");
            }
            if (primary && t.isCommonHandle()) {
                throw DdlException.unsupported("drop primary key when the table is using clustered index");
            }
            IndexInfo target = null;
            for (IndexInfo i : t.indices()) {
                if (i.name().l().equals(lower(index))) {
                    target = i;
                }
            }
            if (target == null) {
                throw DdlException.cantDropFieldOrKey(index);
            }
            List<IndexInfo> indices = new ArrayList<>(t.indices());
            indices.remove(target);
            List<ColumnInfo> cols = new ArrayList<>(t.columns());
            TableShape.dropIndexColumnFlag(cols, target, indices);
            TableInfo changed = TableInfos.with(t, t.id(), t.name(), cols, indices, t.state(), t.maxColumnId(),
                    t.maxIndexId(), startTs, t.oldSchemaId());
            ActionType action = primary ? ActionType.DROP_PRIMARY_KEY : ActionType.DROP_INDEX;
            return tableChange(s, db, t, changed, action, 4, SchemaState.NONE,
                    DdlStatements.dropIndex(db.name().o(), t.name().o(), target.name().o(), primary), startTs);
        });
    }

    // ---------------------------------------------------------------------------------------- internals

    /** The key-part checks TiDB makes for an index column (no BLOB/TEXT without prefix, no JSON). */
    static void checkKeyColumn(String column, FieldType t) {
        if (t.tp() == MysqlType.JSON) {
            throw DdlException.jsonUsedAsKey(column);
        }
        if (MysqlType.isBlob(t.tp())) {
            throw DdlException.blobKeyWithoutLength(column);
        }
    }

    private Change tableChange(Schemas s, DBInfo db, TableInfo before, TableInfo after, ActionType action, int steps,
                               SchemaState state, String query, long startTs) {
        Schemas next = s.withVersion(s.version() + steps).withTable(db.id(), after);
        return new Change(next, new PreparedDdl.Draft(nextGlobalId(), action, db.id(), before.id(), db.name().l(),
                before.name().l(), state, next.version(), null, after, query, null, startTs));
    }

    private static Instant physicalTime(long tso) {
        return Instant.ofEpochMilli(tso >>> 18);
    }

    private long nextGlobalId() {
        return lastGlobalId.incrementAndGet();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        if (name.length() > 64) {
            throw new DdlException(1059, "Identifier name '" + name + "' is too long");
        }
    }

    private static DBInfo requireDb(Schemas s, String name) {
        DBInfo db = s.db(name);
        if (db == null) {
            throw DdlException.unknownDatabase(name);
        }
        return db;
    }

    private static TableInfo requireTable(Schemas s, DBInfo db, String table) {
        TableInfo t = s.table(db.id(), table);
        if (t == null) {
            throw DdlException.tableNotExists(db.name().o(), table);
        }
        return t;
    }

    private record Change(Schemas after, PreparedDdl.Draft draft) {
    }

    @FunctionalInterface
    private interface Op {
        Change apply(Schemas before);
    }

    private void acquirePermit() {
        try {
            if (!ddlPermit.tryAcquire(PERMIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("another DDL has been prepared for " + PERMIT_WAIT_SECONDS
                        + " s without being committed or aborted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the running DDL", e);
        }
    }

    private PreparedDdl prepare(Op op) {
        acquirePermit();
        try {
            Change c = op.apply(current);
            return new PreparedDdl(this, c.after(), c.draft());
        } catch (RuntimeException e) {
            ddlPermit.release();
            throw e;
        }
    }

    Job publish(Schemas after, PreparedDdl.Draft draft, HistoryInfo binlog) {
        try {
            Job job = PreparedDdl.job(draft, binlog, history.size() + 1L);
            // Durable before visible, as TiDB's meta transaction commits before the new schema is loaded; the
            // permit is still held, so no other DDL can interleave with the save.
            List<Job> jobs = new ArrayList<>(history.values());
            jobs.add(job);
            store.save(snapshot(after, jobs));
            current = after;
            history.put(job.id(), job);
            return job;
        } finally {
            ddlPermit.release();
        }
    }

    /** An aborted DDL: nothing changes but the ids it took, which are saved so a restart never hands them out. */
    void release() {
        try {
            store.save(snapshot(current, history.values()));
        } finally {
            ddlPermit.release();
        }
    }

    /** One immutable picture of every database and table at a schema version. */
    record Schemas(long version, TreeMap<Long, DBInfo> dbs, TreeMap<Long, TableInfo> tables,
                   Map<Long, Long> dbOfTable) {

        DBInfo db(String name) {
            String l = lower(name);
            for (DBInfo d : dbs.values()) {
                if (d.name().l().equals(l)) {
                    return d;
                }
            }
            return null;
        }

        TableInfo table(long dbId, String name) {
            String l = lower(name);
            for (Map.Entry<Long, TableInfo> e : tables.entrySet()) {
                if (dbOfTable.get(e.getKey()) == dbId && e.getValue().name().l().equals(l)) {
                    return e.getValue();
                }
            }
            return null;
        }

        Schemas withVersion(long v) {
            return new Schemas(v, dbs, tables, dbOfTable);
        }

        Schemas withDb(DBInfo db) {
            TreeMap<Long, DBInfo> d = new TreeMap<>(dbs);
            d.put(db.id(), db);
            return new Schemas(version, d, tables, dbOfTable);
        }

        Schemas withoutDb(long dbId) {
            TreeMap<Long, DBInfo> d = new TreeMap<>(dbs);
            d.remove(dbId);
            TreeMap<Long, TableInfo> t = new TreeMap<>(tables);
            Map<Long, Long> o = new HashMap<>(dbOfTable);
            for (Map.Entry<Long, Long> e : dbOfTable.entrySet()) {
                if (e.getValue() == dbId) {
                    t.remove(e.getKey());
                    o.remove(e.getKey());
                }
            }
            return new Schemas(version, d, t, o);
        }

        Schemas withTable(long dbId, TableInfo table) {
            TreeMap<Long, TableInfo> t = new TreeMap<>(tables);
            t.put(table.id(), table);
            Map<Long, Long> o = new HashMap<>(dbOfTable);
            o.put(table.id(), dbId);
            return new Schemas(version, dbs, t, o);
        }

        Schemas withoutTable(long tableId) {
            TreeMap<Long, TableInfo> t = new TreeMap<>(tables);
            t.remove(tableId);
            Map<Long, Long> o = new HashMap<>(dbOfTable);
            o.remove(tableId);
            return new Schemas(version, dbs, t, o);
        }
    }
}
