package io.tidbbinlog.sim.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.JobState;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TidbJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's DDL behaves as TiDB's: ids, schema versions, history jobs, handles, flags and errors. */
class CatalogTest {

    /** TSOs: physical ms << 18 | logical. */
    private final AtomicLong tso = new AtomicLong(450_000_000_000L << 18);

    private long ts() {
        return tso.addAndGet(1 << 18);
    }

    private DdlOutcome run(PreparedDdl ddl) {
        return ddl.commit(ts());
    }

    private final Catalog catalog = new Catalog(100, 30, java.time.ZoneOffset.UTC);

    private TableDef orders() {
        return new TableDef("Orders",
                List.of(ColumnDef.notNull("id", "bigint"), ColumnDef.nullable("note", "varchar(64)"),
                        ColumnDef.notNull("qty", "int"), ColumnDef.nullable("code", "char(8)")),
                List.of(IndexDef.primaryKey("id"), IndexDef.unique("uk_code", "code"),
                        IndexDef.plain("idx_qty_note", "qty", "note")),
                false);
    }

    @Test
    void databasesTablesAndJobsShareOneGlobalIdSequence() {
        DdlOutcome db = run(catalog.createDatabase("shop", ts()));
        assertEquals(101, db.job().schemaId(), "the database takes the next global id");
        assertEquals(102, db.job().id(), "its job the one after");
        DdlOutcome t = run(catalog.createTable("shop", orders(), ts()));
        assertEquals(103, t.job().tableId());
        assertEquals(104, t.job().id());
        PreparedDdl truncate = catalog.truncateTable("shop", "orders", ts());
        assertEquals(List.of(), truncate.earlierBinlogStates());
        DdlOutcome tr = run(truncate);
        assertEquals(105, tr.job().binlog().tableInfo().id(), "TRUNCATE allocates a new table id");
        assertEquals(106, tr.job().id());
        assertEquals(103, tr.job().tableId(), "the truncate job names the old table id");
        assertTrue(catalog.tableById(103).isEmpty());
        assertEquals("Orders", catalog.tableById(105).orElseThrow().name().o());
        DdlOutcome add = run(catalog.addColumn("shop", "orders", ColumnDef.nullable("x", "int"),
                ColumnPosition.last(), ts()));
        assertEquals(107, add.job().id(), "column DDL takes only a job id");
        assertEquals(107, catalog.lastGlobalId());
    }

    @Test
    void schemaVersionMovesByTheStatesTidbStepsThrough() {
        long v0 = catalog.schemaVersion();
        assertEquals(v0 + 1, run(catalog.createDatabase("s", ts())).schemaVersion());
        assertEquals(v0 + 2, run(catalog.createTable("s", orders(), ts())).schemaVersion());
        assertEquals(v0 + 6, run(catalog.addColumn("s", "orders", ColumnDef.nullable("a", "int"),
                ColumnPosition.last(), ts())).schemaVersion(), "none, delete-only, write-only, reorg, public");
        assertEquals(v0 + 7, run(catalog.modifyColumn("s", "orders", ColumnDef.nullable("a", "bigint"), ts()))
                .schemaVersion(), "a type change without data rewrite is one step");
        assertEquals(v0 + 11, run(catalog.modifyColumn("s", "orders", ColumnDef.nullable("a", "varchar(20)"),
                ts())).schemaVersion(), "a rewriting type change steps a changing column through four states");
        assertEquals(v0 + 15, run(catalog.addIndex("s", "orders", IndexDef.plain("ia", "a"), ts())).schemaVersion());
        assertEquals(v0 + 19, run(catalog.dropIndex("s", "orders", "ia", ts())).schemaVersion());
        PreparedDdl dropColumn = catalog.dropColumn("s", "orders", "a", ts());
        assertEquals(List.of(SchemaState.DELETE_ONLY), dropColumn.earlierBinlogStates(),
                "TiDB also writes a delete-only DDL binlog for DROP COLUMN");
        assertEquals(v0 + 23, run(dropColumn).schemaVersion());
        assertEquals(v0 + 24, run(catalog.truncateTable("s", "orders", ts())).schemaVersion());
        assertEquals(v0 + 25, run(catalog.renameTable("s", "orders", "s", "o2", ts())).schemaVersion());
        assertEquals(v0 + 28, run(catalog.dropTable("s", "o2", ts())).schemaVersion());
        assertEquals(v0 + 31, run(catalog.dropDatabase("s", ts())).schemaVersion());
        assertEquals(v0 + 31, catalog.schemaVersion());
    }

    @Test
    void columnIdsAreNeverReused() {
        run(catalog.createDatabase("d", ts()));
        run(catalog.createTable("d", new TableDef("t", List.of(ColumnDef.nullable("a", "int"),
                ColumnDef.nullable("b", "int"), ColumnDef.nullable("c", "int")), List.of(), false), ts()));
        assertEquals(List.of(1L, 2L, 3L), ids(table("d", "t")));
        run(catalog.dropColumn("d", "t", "c", ts()));
        run(catalog.addColumn("d", "t", ColumnDef.nullable("c", "int"), ColumnPosition.last(), ts()));
        assertEquals(List.of(1L, 2L, 4L), ids(table("d", "t")), "a re-added column gets a fresh id");
        run(catalog.dropColumn("d", "t", "b", ts()));
        run(catalog.addColumn("d", "t", ColumnDef.nullable("b", "int"), ColumnPosition.atFirst(), ts()));
        TableInfo t = table("d", "t");
        assertEquals(List.of(5L, 1L, 4L), ids(t));
        assertEquals(5, t.maxColumnId());
        for (int i = 0; i < t.columns().size(); i++) {
            assertEquals(i, t.columns().get(i).offset());
        }
    }

    @Test
    void singleIntegerPrimaryKeyIsTheRowHandle() {
        run(catalog.createDatabase("d", ts()));
        TableInfo t = run(catalog.createTable("d", orders(), ts())).job().binlog().tableInfo();
        assertTrue(t.pkIsHandle());
        assertFalse(t.isCommonHandle());
        ColumnInfo id = t.columnByName("id").orElseThrow();
        // NOT NULL | PRI_KEY | NO_DEFAULT_VALUE: the 4099 of `id bigint primary key` in TiDB's schema JSON.
        assertEquals(4099, id.type().flag());
        assertTrue(t.primaryIndex().isEmpty(), "the int handle has no index");
        assertEquals(List.of("uk_code", "idx_qty_note"), t.indices().stream().map(i -> i.name().o()).toList());
        assertEquals(List.of(1L, 2L), t.indices().stream().map(IndexInfo::id).toList());
        assertEquals(2, t.maxIndexId());
        assertEquals(ColumnFlag.UNIQUE_KEY, t.columnByName("code").orElseThrow().type().flag(),
                "first column of a one-column unique index");
        assertEquals(ColumnFlag.NOT_NULL | ColumnFlag.NO_DEFAULT_VALUE | ColumnFlag.MULTIPLE_KEY,
                t.columnByName("qty").orElseThrow().type().flag(), "first column of a composite index");
        assertEquals(0, t.columnByName("note").orElseThrow().type().flag(), "later index columns get no flag");
        assertEquals(List.of(2, 1), t.indices().get(1).columns().stream().map(c -> c.offset()).toList());
        // binlog-core's decoder side reads the same keys from it: the handle column first, then unique indexes.
        io.tidbbinlog.model.TableMeta meta = io.tidbbinlog.schema.TableMetaFactory.create("d", t);
        assertEquals(List.of(List.of("id"), List.of("code")),
                meta.uniqueKeys().stream().map(k -> k.columnNames()).toList());
    }

    @Test
    void otherPrimaryKeysAreClusteredOnlyWhenAsked() {
        run(catalog.createDatabase("d", ts()));
        List<ColumnDef> cols = List.of(ColumnDef.nullable("region", "varchar(20)"), ColumnDef.notNull("n", "int"),
                ColumnDef.nullable("v", "int"));
        TableInfo clustered = run(catalog.createTable("d", new TableDef("c", cols,
                List.of(IndexDef.primaryKey("region", "n")), true), ts())).job().binlog().tableInfo();
        assertTrue(clustered.isCommonHandle());
        assertEquals(1, clustered.commonHandleVersion());
        assertFalse(clustered.pkIsHandle());
        IndexInfo pk = clustered.primaryIndex().orElseThrow();
        assertTrue(pk.unique() && pk.primary());
        assertEquals("PRIMARY", pk.name().o());
        assertEquals(ColumnFlag.NOT_NULL | ColumnFlag.PRI_KEY | ColumnFlag.NO_DEFAULT_VALUE,
                clustered.columnByName("region").orElseThrow().type().flag(), "primary key columns become NOT NULL");
        assertEquals(List.of(0, 1), pk.columns().stream().map(c -> c.offset()).toList());
        assertEquals(0, clustered.columnByName("v").orElseThrow().type().flag());
    }

    @Test
    void nonClusteredPrimaryKeyKeepsTheHiddenRowId() {
        run(catalog.createDatabase("d", ts()));
        TableInfo t = run(catalog.createTable("d", new TableDef("n",
                List.of(ColumnDef.notNull("k", "varchar(10)"), ColumnDef.nullable("v", "int")),
                List.of(IndexDef.primaryKey("k")), false), ts())).job().binlog().tableInfo();
        assertFalse(t.pkIsHandle());
        assertFalse(t.isCommonHandle());
        assertEquals(0, t.commonHandleVersion());
        assertTrue(t.primaryIndex().isPresent());
        TableInfo noPk = run(catalog.createTable("d", new TableDef("h", List.of(ColumnDef.nullable("v", "int")),
                List.of(), true), ts())).job().binlog().tableInfo();
        assertFalse(noPk.pkIsHandle() || noPk.isCommonHandle());
    }

    @Test
    void historyJobsCarryTidbKeysAndState() {
        DdlOutcome db = run(catalog.createDatabase("Shop", ts()));
        long finished = ts();
        DdlOutcome t = catalog.createTable("Shop", orders(), finished - (5 << 18)).commit(finished);
        JsonNode job = TidbJson.tree(t.job());
        assertEquals(t.job().id(), job.get("id").asLong());
        assertEquals(ActionType.CREATE_TABLE.code(), job.get("type").asInt());
        assertEquals(db.job().schemaId(), job.get("schema_id").asLong());
        assertEquals("shop", job.get("schema_name").asText(), "TiDB records lower-cased names in jobs");
        assertEquals("orders", job.get("table_name").asText());
        assertEquals(JobState.SYNCED.code(), job.get("state").asInt());
        assertEquals(SchemaState.PUBLIC.code(), job.get("schema_state").asInt());
        assertEquals(t.query(), job.get("query").asText());
        assertEquals(finished - (5 << 18), job.get("start_ts").asLong());
        JsonNode binlog = job.get("binlog");
        assertEquals(catalog.schemaVersion(), binlog.get("SchemaVersion").asLong());
        assertEquals(finished, binlog.get("FinishedTS").asLong());
        assertEquals("Orders", binlog.get("TableInfo").get("name").get("O").asText());
        assertEquals(4, binlog.get("TableInfo").get("max_col_id").asLong());
        assertTrue(binlog.get("TableInfo").get("cols").get(0).has("origin_default"));
        assertEquals("utf8mb4_bin", binlog.get("TableInfo").get("collate").asText());
        assertTrue(job.get("raw_args").isArray());
        JsonNode dbJob = TidbJson.tree(db.job());
        assertEquals("Shop", dbJob.get("binlog").get("DBInfo").get("db_name").get("O").asText());
        assertEquals("utf8mb4", dbJob.get("binlog").get("DBInfo").get("charset").asText());
        // Drops end in state none and carry the object as it was.
        DdlOutcome drop = run(catalog.dropTable("shop", "ORDERS", ts()));
        assertEquals(SchemaState.NONE.code(), drop.job().schemaState());
        assertEquals(SchemaState.NONE.code(), drop.job().binlog().tableInfo().state());
        DdlOutcome dropDb = run(catalog.dropDatabase("SHOP", ts()));
        assertEquals(SchemaState.NONE.code(), dropDb.job().binlog().dbInfo().state());
        assertTrue(catalog.database("shop").isEmpty());
    }

    @Test
    void ddlHistoryPagesInJobIdOrder() {
        run(catalog.createDatabase("a", ts()));
        run(catalog.createDatabase("b", ts()));
        run(catalog.createDatabase("c", ts()));
        List<Job> all = catalog.ddlHistory(0, 0);
        assertEquals(List.of(102L, 104L, 106L), all.stream().map(Job::id).toList());
        assertEquals(List.of(104L, 106L), catalog.ddlHistory(103, 0).stream().map(Job::id).toList());
        assertEquals(List.of(104L), catalog.ddlHistory(104, 1).stream().map(Job::id).toList());
        assertEquals(List.of(), catalog.ddlHistory(107, 10));
    }

    @Test
    void ddlHistoryAlsoPagesBackwardsAsTidbServesIt() {
        run(catalog.createDatabase("a", ts()));
        run(catalog.createDatabase("b", ts()));
        run(catalog.createDatabase("c", ts()));
        assertEquals(List.of(106L, 104L, 102L), catalog.ddlHistoryNewestFirst(0, 0).stream().map(Job::id).toList());
        assertEquals(List.of(104L, 102L), catalog.ddlHistoryNewestFirst(105, 0).stream().map(Job::id).toList());
        assertEquals(List.of(104L), catalog.ddlHistoryNewestFirst(104, 1).stream().map(Job::id).toList());
        assertEquals(List.of(), catalog.ddlHistoryNewestFirst(101, 10));
    }

    @Test
    void renameAcrossDatabasesMovesTheTableAsTidbRecordsIt() {
        long from = run(catalog.createDatabase("a", ts())).job().schemaId();
        long to = run(catalog.createDatabase("b", ts())).job().schemaId();
        long id = run(catalog.createTable("a", orders(), ts())).job().tableId();
        DdlOutcome r = run(catalog.renameTable("a", "orders", "b", "orders2", ts()));
        assertEquals(to, r.job().schemaId(), "the job's schema is the target database");
        assertEquals(id, r.job().tableId());
        assertEquals("orders", r.job().tableName(), "the job names the old table");
        TableInfo t = r.job().binlog().tableInfo();
        assertEquals("orders2", t.name().o());
        assertEquals(0, t.oldSchemaId(), "TiDB clears old_schema_id on a move");
        assertFalse(TidbJson.tree(t).has("old_schema_id"));
        assertEquals(from, r.job().rawArgs().get(0).asLong());
        assertEquals(to, catalog.databaseOfTable(id).orElseThrow().id());
        assertTrue(catalog.table("a", "orders").isEmpty());
        assertEquals(id, catalog.table("B", "ORDERS2").orElseThrow().id());
        // Names as created (MariaDB, unlike TiDB, compares table names case-sensitively), new name as given.
        assertEquals("RENAME TABLE `a`.`Orders` TO `b`.`orders2`", r.query());
    }

    @Test
    void modifyColumnKeepsTheIdUnlessTidbRewritesTheData() {
        run(catalog.createDatabase("d", ts()));
        run(catalog.createTable("d", new TableDef("t", List.of(ColumnDef.notNull("id", "int"),
                ColumnDef.nullable("s", "varchar(20)"), ColumnDef.nullable("n", "int")),
                List.of(IndexDef.primaryKey("id"), IndexDef.plain("is", "s"), IndexDef.unique("un", "n")), false),
                ts()));
        TableInfo widened = run(catalog.modifyColumn("d", "t", ColumnDef.nullable("n", "bigint"), ts()))
                .job().binlog().tableInfo();
        assertEquals(3, widened.columnByName("n").orElseThrow().id(), "int -> bigint is done in place");
        assertEquals(ColumnFlag.UNIQUE_KEY, widened.columnByName("n").orElseThrow().type().flag(),
                "index flags survive MODIFY");
        TableInfo longer = run(catalog.modifyColumn("d", "t", ColumnDef.nullable("s", "varchar(40)"), ts()))
                .job().binlog().tableInfo();
        assertEquals(2, longer.columnByName("s").orElseThrow().id());
        assertEquals(40, longer.columnByName("s").orElseThrow().type().flen());
        TableInfo shorter = run(catalog.modifyColumn("d", "t", ColumnDef.nullable("s", "varchar(10)"), ts()))
                .job().binlog().tableInfo();
        ColumnInfo s = shorter.columnByName("s").orElseThrow();
        assertEquals(4, s.id(), "shortening rewrites the data into a new column");
        assertEquals(1, s.offset(), "at the old column's place");
        assertNull(s.originDefault());
        assertEquals(4, shorter.maxColumnId());
        IndexInfo is = shorter.indices().stream().filter(i -> i.name().o().equals("is")).findFirst().orElseThrow();
        assertEquals(3, is.id(), "an index on the rewritten column is rebuilt under a new id");
        assertEquals(3, shorter.maxIndexId());
        TableInfo retyped = run(catalog.modifyColumn("d", "t", ColumnDef.nullable("n", "varchar(30)"), ts()))
                .job().binlog().tableInfo();
        assertEquals(5, retyped.columnByName("n").orElseThrow().id());
        DdlException pk = assertThrows(DdlException.class,
                () -> catalog.modifyColumn("d", "t", ColumnDef.notNull("id", "varchar(5)"), ts()));
        assertEquals(8200, pk.errorCode());
        TableInfo pkWidened = run(catalog.modifyColumn("d", "t", ColumnDef.notNull("id", "bigint"), ts()))
                .job().binlog().tableInfo();
        assertEquals(1, pkWidened.columnByName("id").orElseThrow().id());
        assertEquals(4099, pkWidened.columnByName("id").orElseThrow().type().flag());
        assertTrue(pkWidened.pkIsHandle());
    }

    @Test
    void addColumnRecordsTheOriginDefaultAndItsPlace() {
        run(catalog.createDatabase("d", ts()));
        run(catalog.createTable("d", new TableDef("t", List.of(ColumnDef.nullable("a", "int"),
                ColumnDef.nullable("b", "int")), List.of(IndexDef.plain("ib", "b")), false), ts()));
        TableInfo t = run(catalog.addColumn("d", "t", ColumnDef.notNull("n", "int"), ColumnPosition.after("a"),
                ts())).job().binlog().tableInfo();
        ColumnInfo n = t.columnByName("n").orElseThrow();
        assertEquals(1, n.offset());
        assertEquals("0", n.originDefault(), "NOT NULL without default: the zero value");
        assertNull(n.defaultValue());
        assertEquals(2, t.indices().get(0).columns().get(0).offset(), "index offsets follow the moved column");
        TableInfo t2 = run(catalog.addColumn("d", "t", new ColumnDef("s", "varchar(5)", true, "'x'"),
                ColumnPosition.last(), ts())).job().binlog().tableInfo();
        assertEquals("x", t2.columnByName("s").orElseThrow().originDefault());
        TableInfo t3 = run(catalog.addColumn("d", "t", ColumnDef.nullable("z", "int"), ColumnPosition.last(), ts()))
                .job().binlog().tableInfo();
        assertNull(t3.columnByName("z").orElseThrow().originDefault());
        TableInfo t4 = run(catalog.addColumn("d", "t", ColumnDef.notNull("e", "enum('x','y')"),
                ColumnPosition.last(), ts())).job().binlog().tableInfo();
        assertEquals("x", t4.columnByName("e").orElseThrow().originDefault(), "ENUM: its first member");
        long start = ts();
        TableInfo t5 = catalog.addColumn("d", "t", new ColumnDef("ts", "timestamp", true, "CURRENT_TIMESTAMP"),
                ColumnPosition.last(), start).commit(ts()).job().binlog().tableInfo();
        String expected = ColumnDefaults.formatDateTime(java.time.LocalDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(start >>> 18), java.time.ZoneOffset.UTC), 0);
        assertEquals(expected, t5.columnByName("ts").orElseThrow().originDefault());
        TableInfo year = run(catalog.addColumn("d", "t", ColumnDef.notNull("y", "year"), ColumnPosition.last(),
                ts())).job().binlog().tableInfo();
        assertEquals("0000", year.columnByName("y").orElseThrow().originDefault(),
                "generateOriginDefaultValue takes the \"0000\" setYearDefaultValue gave it");
        TableInfo t6 = run(catalog.addColumn("d", "t", ColumnDef.notNull("bits", "bit(4)"), ColumnPosition.last(),
                ts())).job().binlog().tableInfo();
        assertEquals("", TidbJson.tree(t6.columnByName("bits").orElseThrow()).get("origin_default_bit").asText());
    }

    @Test
    void indexDdlSetsAndClearsColumnFlags() {
        run(catalog.createDatabase("d", ts()));
        run(catalog.createTable("d", new TableDef("t", List.of(ColumnDef.nullable("a", "int"),
                ColumnDef.nullable("b", "int")), List.of(), false), ts()));
        DdlOutcome add = run(catalog.addIndex("d", "t", IndexDef.unique("ua", "a"), ts()));
        assertEquals(ActionType.ADD_INDEX, add.job().action());
        assertEquals(ColumnFlag.UNIQUE_KEY, add.job().binlog().tableInfo().columns().get(0).type().flag());
        run(catalog.addIndex("d", "t", IndexDef.plain("iab", "a", "b"), ts()));
        DdlOutcome drop = run(catalog.dropIndex("d", "t", "UA", ts()));
        assertEquals(SchemaState.NONE.code(), drop.job().schemaState());
        assertEquals(ColumnFlag.MULTIPLE_KEY, drop.job().binlog().tableInfo().columns().get(0).type().flag(),
                "another index still starts with the column");
        DdlOutcome pk = run(catalog.addIndex("d", "t", IndexDef.primaryKey("b"), ts()));
        assertEquals(ActionType.ADD_PRIMARY_KEY, pk.job().action());
        TableInfo t = pk.job().binlog().tableInfo();
        assertFalse(t.pkIsHandle(), "an added primary key is never the handle");
        assertEquals(ColumnFlag.NOT_NULL | ColumnFlag.PRI_KEY | ColumnFlag.NO_DEFAULT_VALUE,
                t.columns().get(1).type().flag());
        assertEquals(3, t.primaryIndex().orElseThrow().id());
        DdlOutcome dropPk = run(catalog.dropIndex("d", "t", "primary", ts()));
        assertEquals(ActionType.DROP_PRIMARY_KEY, dropPk.job().action());
        assertEquals("ALTER TABLE `d`.`t` DROP PRIMARY KEY", dropPk.query());
        assertEquals(3, dropPk.job().binlog().tableInfo().maxIndexId());
    }

    @Test
    void refusesDdlTidbRefusesWithItsErrorCodes() {
        run(catalog.createDatabase("d", ts()));
        run(catalog.createTable("d", orders(), ts()));
        run(catalog.createTable("d", new TableDef("c", List.of(ColumnDef.notNull("k", "varchar(8)"),
                ColumnDef.nullable("v", "int"), ColumnDef.nullable("w", "int")),
                List.of(IndexDef.primaryKey("k"), IndexDef.plain("ivw", "v", "w")), true), ts()));
        long version = catalog.schemaVersion();
        long lastId = catalog.lastGlobalId();
        assertCode(1007, () -> catalog.createDatabase("D", ts()));
        assertCode(1008, () -> catalog.dropDatabase("nope", ts()));
        assertCode(1049, () -> catalog.createTable("nope", orders(), ts()));
        assertCode(1050, () -> catalog.createTable("d", orders(), ts()));
        assertCode(1051, () -> catalog.dropTable("d", "nope", ts()));
        assertCode(1146, () -> catalog.truncateTable("d", "nope", ts()));
        assertCode(1050, () -> catalog.renameTable("d", "orders", "d", "C", ts()));
        assertCode(1060, () -> catalog.addColumn("d", "orders", ColumnDef.nullable("QTY", "int"),
                ColumnPosition.last(), ts()));
        assertCode(1054, () -> catalog.addColumn("d", "orders", ColumnDef.nullable("y", "int"),
                ColumnPosition.after("nope"), ts()));
        assertCode(1054, () -> catalog.modifyColumn("d", "orders", ColumnDef.nullable("nope", "int"), ts()));
        assertCode(1091, () -> catalog.dropColumn("d", "orders", "nope", ts()));
        assertCode(8200, () -> catalog.dropColumn("d", "orders", "id", ts()));
        assertCode(8200, () -> catalog.dropColumn("d", "c", "k", ts()));
        assertCode(8200, () -> catalog.dropColumn("d", "c", "w", ts()));
        assertCode(1061, () -> catalog.addIndex("d", "orders", IndexDef.plain("UK_CODE", "qty"), ts()));
        assertCode(1280, () -> catalog.addIndex("d", "orders", IndexDef.plain("Primary", "qty"), ts()));
        assertCode(1072, () -> catalog.addIndex("d", "orders", IndexDef.plain("i", "nope"), ts()));
        assertCode(1068, () -> catalog.addIndex("d", "orders", IndexDef.primaryKey("qty"), ts()));
        assertCode(1091, () -> catalog.dropIndex("d", "orders", "nope", ts()));
        assertCode(8200, () -> catalog.dropIndex("d", "c", "PRIMARY", ts()));
        assertCode(8200, () -> catalog.dropIndex("d", "orders", "PRIMARY", ts()));
        assertCode(1060, () -> catalog.createTable("d", new TableDef("dup", List.of(ColumnDef.nullable("a", "int"),
                ColumnDef.nullable("A", "int")), List.of(), false), ts()));
        assertCode(1068, () -> catalog.createTable("d", new TableDef("pk2", List.of(ColumnDef.nullable("a", "int")),
                List.of(IndexDef.primaryKey("a"), IndexDef.primaryKey("a")), false), ts()));
        assertCode(1170, () -> catalog.createTable("d", new TableDef("tk", List.of(ColumnDef.nullable("a", "text")),
                List.of(IndexDef.plain("ia", "a")), false), ts()));
        assertCode(3152, () -> catalog.createTable("d", new TableDef("jk", List.of(ColumnDef.nullable("a", "json")),
                List.of(IndexDef.plain("ia", "a")), false), ts()));
        assertCode(1071, () -> catalog.createTable("d", new TableDef("lk",
                List.of(ColumnDef.nullable("a", "varchar(1000)")), List.of(IndexDef.plain("ia", "a")), false), ts()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> catalog.createTable("d", new TableDef("u", List.of(ColumnDef.nullable("g", "point")), List.of(),
                        false), ts()));
        assertTrue(unknown.getMessage().contains("point"), unknown.getMessage());
        assertEquals(version, catalog.schemaVersion(), "refused DDL changes nothing");
        assertEquals(lastId, catalog.lastGlobalId(), "and allocates no ids");
    }

    @Test
    void aPreparedDdlIsInvisibleUntilCommittedAndAbortChangesNothing() {
        run(catalog.createDatabase("d", ts()));
        long version = catalog.schemaVersion();
        PreparedDdl p = catalog.createTable("d", orders(), ts());
        assertTrue(catalog.table("d", "orders").isEmpty());
        // readers on other threads are not held up by a prepared DDL
        assertTrue(CompletableFuture.supplyAsync(() -> catalog.database("d").isPresent())
                .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join());
        assertEquals(version, catalog.schemaVersion());
        assertEquals(version + 1, p.schemaVersion());
        p.abort();
        assertTrue(catalog.table("d", "orders").isEmpty());
        assertEquals(version, catalog.schemaVersion());
        assertEquals(1, catalog.ddlHistory(0, 0).size());
        DdlOutcome again = run(catalog.createTable("d", orders(), ts()));
        assertTrue(again.job().tableId() > p.tableInfo().id(), "ids an aborted DDL took stay used");
        assertThrows(IllegalStateException.class, () -> p.commit(ts()));
    }

    @Test
    void oneDdlAtATime() {
        run(catalog.createDatabase("d", ts()));
        PreparedDdl first = catalog.createTable("d", orders(), ts());
        CompletableFuture<PreparedDdl> second = CompletableFuture.supplyAsync(
                () -> catalog.addColumn("d", "orders", ColumnDef.nullable("later", "int"), ColumnPosition.last(),
                        ts()));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        first.commit(ts());
        await().atMost(Duration.ofSeconds(10)).until(second::isDone);
        DdlOutcome added = second.join().commit(ts());
        assertEquals(5, added.job().binlog().tableInfo().maxColumnId(), "the second DDL saw the first one's table");
    }

    /** binlog-core's SchemaHistory, fed the catalog's history, ends with the catalog's own tables. */
    @Test
    void replayingTheHistoryGivesTheCatalogsTables() {
        run(catalog.createDatabase("a", ts()));
        run(catalog.createDatabase("b", ts()));
        run(catalog.createTable("a", orders(), ts()));
        run(catalog.createTable("a", new TableDef("kv", List.of(ColumnDef.notNull("k", "varchar(16)"),
                ColumnDef.nullable("v", "json")), List.of(IndexDef.primaryKey("k")), true), ts()));
        run(catalog.createTable("b", new TableDef("gone", List.of(ColumnDef.nullable("x", "int")), List.of(), false),
                ts()));
        run(catalog.addColumn("a", "orders", new ColumnDef("d", "decimal(65,30)", false, "1.5"),
                ColumnPosition.atFirst(), ts()));
        run(catalog.modifyColumn("a", "orders", ColumnDef.nullable("note", "varchar(10)"), ts()));
        run(catalog.dropColumn("a", "orders", "code", ts()));
        run(catalog.addIndex("a", "kv", IndexDef.unique("uv", "k"), ts()));
        run(catalog.truncateTable("a", "kv", ts()));
        run(catalog.renameTable("a", "kv", "b", "kv2", ts()));
        run(catalog.dropTable("b", "gone", ts()));
        run(catalog.createDatabase("c", ts()));
        run(catalog.createTable("c", new TableDef("t", List.of(ColumnDef.nullable("x", "int")), List.of(), false),
                ts()));
        run(catalog.dropDatabase("c", ts()));

        SchemaHistory history = new SchemaHistory();
        // through JSON, as the connector reads /ddl/history
        List<Job> jobs = new ArrayList<>();
        for (Job j : catalog.ddlHistory(0, 0)) {
            jobs.add(TidbJson.parseJob(TidbJson.write(j)));
        }
        history.applyAll(jobs);
        long v = catalog.schemaVersion();
        assertEquals(v, history.latestVersion());
        int tables = 0;
        for (DBInfo db : catalog.databases()) {
            assertEquals(TidbJson.tree(db), TidbJson.tree(history.schemaAt(db.id(), v).orElseThrow()));
            for (TableInfo t : catalog.tables(db.name().o())) {
                tables++;
                assertEquals(TidbJson.tree(t), TidbJson.tree(history.tableAt(t.id(), v).orElseThrow()), t.name().o());
                assertEquals(db.id(), history.schemaIdOfTable(t.id(), v).orElseThrow());
            }
        }
        assertEquals(2, tables);
        assertEquals(2, history.snapshotAt(v).databases().size(), "dropped database c is gone");
    }

    @Test
    void aSavedCatalogRestoresWithItsIdsVersionsAndHistory() {
        run(catalog.createDatabase("d", ts()));
        run(catalog.createTable("d", orders(), ts()));
        run(catalog.addColumn("d", "orders", new ColumnDef("b", "bit(8)", false, "b'101'"), ColumnPosition.last(),
                ts()));
        run(catalog.dropColumn("d", "orders", "code", ts()));
        Catalog restored = Catalog.fromJson(catalog.toJson());
        assertEquals(catalog.schemaVersion(), restored.schemaVersion());
        assertEquals(catalog.lastGlobalId(), restored.lastGlobalId());
        assertEquals(json(catalog.databases()), json(restored.databases()));
        assertEquals(json(catalog.tables("d")), json(restored.tables("d")));
        assertEquals(json(catalog.ddlHistory(0, 0)), json(restored.ddlHistory(0, 0)));
        long table = catalog.table("d", "orders").orElseThrow().id();
        assertEquals("d", restored.databaseOfTable(table).orElseThrow().name().o());
        DdlOutcome next = restored.addColumn("d", "orders", ColumnDef.nullable("c", "int"), ColumnPosition.last(),
                ts()).commit(ts());
        assertEquals(catalog.lastGlobalId() + 1, next.job().id(), "ids go on from where they were");
        assertEquals(6, next.job().binlog().tableInfo().columnByName("c").orElseThrow().id(),
                "the dropped column's id stays retired");
        assertThrows(IllegalArgumentException.class, () -> Catalog.fromJson("{\"format\":9}".getBytes()));
    }

    private static String json(Object o) {
        return new String(TidbJson.write(o), java.nio.charset.StandardCharsets.UTF_8);
    }

    private TableInfo table(String db, String t) {
        return catalog.table(db, t).orElseThrow();
    }

    private static List<Long> ids(TableInfo t) {
        return t.columns().stream().map(ColumnInfo::id).toList();
    }

    private static void assertCode(int code, org.junit.jupiter.api.function.Executable e) {
        DdlException x = assertThrows(DdlException.class, e);
        assertEquals(code, x.errorCode(), x.getMessage());
    }
}
