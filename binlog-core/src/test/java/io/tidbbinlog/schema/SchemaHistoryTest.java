package io.tidbbinlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Table T as of schema version V" across sequences of DDL jobs. Jobs are built the way TiDB finishes them: the
 * binlog info carries the table as it is after the job (pkg/meta/model/job.go FinishTableJob /
 * FinishMultipleTableJob / FinishDBJob).
 */
class SchemaHistoryTest {
    private static final FieldType INT = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
    private static final DBInfo SHOP = DBInfo.of(1, "shop", "utf8mb4", "utf8mb4_bin");
    private static final DBInfo ARCHIVE = DBInfo.of(2, "archive", "utf8mb4", "utf8mb4_bin");

    private long nextJobId = 100;

    @Test
    void aRowWrittenBeforeAddColumnDecodesWithTheOldColumns() {
        SchemaHistory h = new SchemaHistory();
        TableInfo v2 = table(10, "orders", "id", "qty");
        TableInfo v3 = addColumn(v2, "note");
        apply(h, createSchema(SHOP, 1), createTable(SHOP, v2, 2), alter(ActionType.ADD_COLUMN, SHOP, v3, 3));

        assertTrue(h.tableAt(10, 1).isEmpty(), "not created yet");
        assertEquals(List.of("id", "qty"), columnNames(h.tableAt(10, 2).orElseThrow()));
        assertEquals(List.of("id", "qty", "note"), columnNames(h.tableAt(10, 3).orElseThrow()));
        assertEquals(List.of("id", "qty", "note"), columnNames(h.tableAt(10, 1000).orElseThrow()));
        assertEquals(3, h.latestVersion());
    }

    @Test
    void startsFromASnapshotAndAppliesTiDBsAddColumnJob() {
        // Snapshot = TiDB's own JSON for db "test" and table t1 at schema version 30; the job is version 31.
        DBInfo test = TidbJson.parseDatabase(Fixtures.bytes("tiflash_db_test.json"));
        TableInfo t1 = TidbJson.parseTable(Fixtures.bytes("tiflash_table_t1.json"));
        SchemaHistory h = SchemaHistory.fromSnapshot(new SchemaSnapshot(30,
                List.of(new SchemaSnapshot.Database(test, List.of(t1)))));

        int applied = h.applyAll(TidbJson.parseJobs(Fixtures.bytes("handbuilt_add_column_job.json")));

        assertEquals(1, applied);
        assertEquals(List.of("a", "b"), columnNames(h.tableAt(88, 30).orElseThrow()));
        assertEquals(List.of("a", "b", "c"), columnNames(h.tableAt(88, 31).orElseThrow()));
        assertEquals("x", h.tableAt(88, 31).orElseThrow().columnById(3).orElseThrow().rawOriginDefault());
        assertEquals("test", h.schemaNameOfTable(88, 31).orElseThrow());
        assertTrue(h.tableAt(88, 29).isEmpty(), "nothing is known before the snapshot");
    }

    @Test
    void truncateGivesTheTableANewIdAndRetiresTheOldOne() {
        SchemaHistory h = new SchemaHistory();
        TableInfo t = table(10, "orders", "id", "qty");
        TableInfo truncated = t.withIdAndName(11, t.name());
        apply(h, createSchema(SHOP, 1), createTable(SHOP, t, 2),
                finished(ActionType.TRUNCATE_TABLE, SHOP, 10, 3, null, truncated, List.of()));

        assertTrue(h.tableAt(10, 2).isPresent());
        assertTrue(h.tableAt(10, 3).isEmpty(), "old id is gone after TRUNCATE");
        assertTrue(h.tableAt(11, 2).isEmpty());
        assertEquals("orders", h.tableAt(11, 3).orElseThrow().name().o());
        assertEquals("shop", h.schemaNameOfTable(11, 3).orElseThrow());
    }

    @Test
    void renameKeepsTheIdAndMayMoveTheTableToAnotherDatabase() {
        SchemaHistory h = new SchemaHistory();
        TableInfo t = table(10, "orders", "id");
        TableInfo renamed = t.withIdAndName(10, CIStr.of("orders_old"));
        apply(h, createSchema(SHOP, 1), createSchema(ARCHIVE, 2), createTable(SHOP, t, 3),
                finished(ActionType.RENAME_TABLE, SHOP, 10, 4, null, renamed, List.of()),
                // TiDB puts the target database in the job's schema_id
                finished(ActionType.RENAME_TABLE, ARCHIVE, 10, 5, null, renamed, List.of()));

        assertEquals("orders", h.tableAt(10, 3).orElseThrow().name().o());
        assertEquals("orders_old", h.tableAt(10, 4).orElseThrow().name().o());
        assertEquals("shop", h.schemaNameOfTable(10, 4).orElseThrow());
        assertEquals("archive", h.schemaNameOfTable(10, 5).orElseThrow());
        assertEquals(2, h.schemaIdOfTable(10, 5).getAsLong());
        assertEquals("shop", h.resolve(10, 3).orElseThrow().db().name().o());
    }

    @Test
    void renameTablesMovesEachTableToTheDatabaseItsArgumentsName() {
        SchemaHistory h = new SchemaHistory();
        TableInfo a = table(10, "a", "id");
        TableInfo b = table(11, "b", "id");
        // Job format 1 arguments: [oldSchemaIDs, newSchemaIDs, newTableNames, tableIDs, oldSchemaNames, oldTableNames]
        JsonNode args = TidbJson.mapper().valueToTree(List.of(List.of(1, 1), List.of(2, 1),
                List.of(CIStr.of("a2"), CIStr.of("b2")), List.of(10, 11), List.of(), List.of()));
        Job rename = finished(ActionType.RENAME_TABLES, SHOP, 0, 5, null, null,
                List.of(a.withIdAndName(10, CIStr.of("a2")), b.withIdAndName(11, CIStr.of("b2")))).withRawArgs(args);
        apply(h, createSchema(SHOP, 1), createSchema(ARCHIVE, 2), createTable(SHOP, a, 3), createTable(SHOP, b, 4),
                rename);

        assertEquals("archive", h.schemaNameOfTable(10, 5).orElseThrow());
        assertEquals("a2", h.tableAt(10, 5).orElseThrow().name().o());
        assertEquals("shop", h.schemaNameOfTable(11, 5).orElseThrow());
        assertEquals("b2", h.tableAt(11, 5).orElseThrow().name().o());
    }

    @Test
    void renameTablesUnderstandsJobFormatTwoArguments() {
        JsonNode v2 = TidbJson.mapper().valueToTree(java.util.Map.of("rename_table_infos", List.of(
                java.util.Map.of("old_schema_id", 1, "new_schema_id", 2, "table_id", 10),
                java.util.Map.of("old_schema_id", 1, "new_schema_id", 3, "table_id", 11))));
        assertEquals(java.util.Map.of(10L, 2L, 11L, 3L), SchemaHistory.renameTablesTargets(v2));
    }

    @Test
    void dropAndRecreateUnderTheSameNameIsADifferentTable() {
        SchemaHistory h = new SchemaHistory();
        TableInfo first = table(10, "orders", "id", "qty");
        TableInfo second = table(12, "orders", "id");
        apply(h, createSchema(SHOP, 1), createTable(SHOP, first, 2),
                finished(ActionType.DROP_TABLE, SHOP, 10, 3, null, null, List.of()), createTable(SHOP, second, 4));

        assertEquals(List.of("id", "qty"), columnNames(h.tableAt(10, 2).orElseThrow()));
        assertTrue(h.tableAt(10, 3).isEmpty());
        assertTrue(h.tableAt(10, 4).isEmpty());
        assertEquals(List.of("id"), columnNames(h.tableAt(12, 4).orElseThrow()));
        assertTrue(h.resolve(10, 4).isEmpty());
    }

    @Test
    void droppedColumnIdsKeepMeaningTheOldColumnAtOldVersions() {
        SchemaHistory h = new SchemaHistory();
        TableInfo v2 = table(10, "t", "a", "b", "c");
        TableInfo v3 = dropColumn(v2, "b");
        TableInfo v4 = addColumn(v3, "b"); // TiDB hands out max_col_id + 1, never the dropped id
        apply(h, createSchema(SHOP, 1), createTable(SHOP, v2, 2), alter(ActionType.DROP_COLUMN, SHOP, v3, 3),
                alter(ActionType.ADD_COLUMN, SHOP, v4, 4));

        assertEquals("b", h.tableAt(10, 2).orElseThrow().columnById(2).orElseThrow().name().o());
        assertTrue(h.tableAt(10, 3).orElseThrow().columnById(2).isEmpty());
        TableInfo latest = h.tableAt(10, 4).orElseThrow();
        assertTrue(latest.columnById(2).isEmpty());
        assertEquals(4, latest.columnByName("b").orElseThrow().id());
        assertEquals(List.of("a", "c", "b"), columnNames(latest));
    }

    @Test
    void dropSchemaTakesItsTablesWithIt() {
        SchemaHistory h = new SchemaHistory();
        apply(h, createSchema(SHOP, 1), createSchema(ARCHIVE, 2), createTable(SHOP, table(10, "a", "id"), 3),
                createTable(ARCHIVE, table(11, "b", "id"), 4),
                finished(ActionType.DROP_SCHEMA, SHOP, 0, 5, SHOP, null, List.of()));

        assertTrue(h.schemaAt(1, 4).isPresent());
        assertTrue(h.schemaAt(1, 5).isEmpty());
        assertTrue(h.tableAt(10, 5).isEmpty());
        assertTrue(h.tableAt(10, 4).isPresent());
        assertTrue(h.tableAt(11, 5).isPresent(), "other databases' tables stay");
    }

    @Test
    void createTablesRecordsEveryTableOfTheBatch() {
        SchemaHistory h = new SchemaHistory();
        TableInfo a = table(10, "a", "id");
        TableInfo b = table(11, "b", "id", "v");
        apply(h, createSchema(SHOP, 1), finished(ActionType.CREATE_TABLES, SHOP, 0, 2, null, b, List.of(a, b)));

        assertEquals("a", h.tableAt(10, 2).orElseThrow().name().o());
        assertEquals("b", h.tableAt(11, 2).orElseThrow().name().o());
        assertEquals("shop", h.schemaNameOfTable(11, 2).orElseThrow());
    }

    @Test
    void recoverTableBringsBackTheSameId() {
        SchemaHistory h = new SchemaHistory();
        TableInfo t = table(10, "orders", "id");
        apply(h, createSchema(SHOP, 1), createTable(SHOP, t, 2),
                finished(ActionType.DROP_TABLE, SHOP, 10, 3, null, null, List.of()),
                finished(ActionType.RECOVER_TABLE, SHOP, 10, 4, null, t, List.of()));

        assertTrue(h.tableAt(10, 3).isEmpty());
        assertTrue(h.tableAt(10, 4).isPresent());
    }

    @Test
    void partitionIdsResolveToTheirLogicalTable() {
        SchemaHistory h = new SchemaHistory();
        TableInfo p = partitioned(table(20, "events", "id", "day"), 21, 22);
        TableInfo added = partitioned(p, 21, 22, 23);
        TableInfo truncatedP21 = partitioned(p, 24, 22, 23);
        apply(h, createSchema(SHOP, 1), createTable(SHOP, p, 2), alter(ActionType.ADD_TABLE_PARTITION, SHOP, added, 3),
                alter(ActionType.TRUNCATE_TABLE_PARTITION, SHOP, truncatedP21, 4));

        ResolvedTable r = h.resolve(22, 2).orElseThrow();
        assertEquals(20, r.table().id());
        assertEquals(22, r.physicalId());
        assertTrue(r.isPartition());
        assertEquals("shop", r.db().name().o());
        assertEquals(20, h.logicalTableId(23));
        assertTrue(h.resolve(23, 3).isPresent());
        assertEquals(20, h.resolve(21, 3).orElseThrow().table().id(), "old partition rows at old versions");
        assertEquals(20, h.resolve(24, 4).orElseThrow().table().id());
        assertEquals(20, h.logicalTableId(20));
        assertFalse(h.resolve(20, 4).orElseThrow().isPartition());
    }

    @Test
    void exchangePartitionSwapsWhichIdsAreTablesAndWhichArePartitions() {
        SchemaHistory h = new SchemaHistory();
        TableInfo p = partitioned(table(20, "events", "id"), 21, 22);
        TableInfo plain = table(30, "staging", "id");
        // After EXCHANGE PARTITION p21 WITH TABLE staging: the partition takes id 30, the table takes id 21.
        TableInfo pAfter = partitioned(p, 30, 22);
        TableInfo plainAfter = plain.withIdAndName(21, plain.name());
        apply(h, createSchema(SHOP, 1), createTable(SHOP, p, 2), createTable(SHOP, plain, 3),
                finished(ActionType.EXCHANGE_TABLE_PARTITION, SHOP, 30, 4, null, plainAfter, List.of(pAfter, plainAfter)));

        assertEquals(20, h.resolve(21, 3).orElseThrow().table().id(), "before: 21 is a partition of events");
        assertEquals(30, h.resolve(30, 3).orElseThrow().table().id(), "before: 30 is staging");
        assertEquals(21, h.resolve(21, 4).orElseThrow().table().id(), "after: 21 is staging");
        assertEquals(20, h.resolve(30, 4).orElseThrow().table().id(), "after: 30 is a partition of events");
        assertTrue(h.tableAt(30, 4).isEmpty());
    }

    @Test
    void databaseOptionChangesAreVersionedToo() {
        SchemaHistory h = new SchemaHistory();
        DBInfo latin = DBInfo.of(1, "shop", "latin1", "latin1_bin");
        apply(h, createSchema(SHOP, 1), finished(ActionType.MODIFY_SCHEMA_CHARSET_AND_COLLATE, SHOP, 0, 2, latin,
                null, List.of()));

        assertEquals("utf8mb4", h.schemaAt(1, 1).orElseThrow().charset());
        assertEquals("latin1", h.schemaAt(1, 2).orElseThrow().charset());
        assertTrue(h.schemaAt(1, 0).isEmpty());
    }

    @Test
    void aNewerSnapshotReplacesEverythingItDoesNotList() {
        SchemaHistory h = new SchemaHistory();
        apply(h, createSchema(SHOP, 1), createTable(SHOP, table(10, "a", "id"), 2),
                createTable(SHOP, table(11, "b", "id"), 3));

        h.loadSnapshot(new SchemaSnapshot(9, List.of(new SchemaSnapshot.Database(SHOP,
                List.of(table(11, "b", "id", "v"))))));

        assertTrue(h.tableAt(10, 3).isPresent());
        assertTrue(h.tableAt(10, 9).isEmpty(), "dropped while we were not looking");
        assertEquals(List.of("id", "v"), columnNames(h.tableAt(11, 9).orElseThrow()));
        assertEquals(9, h.latestVersion());
        assertFalse(h.apply(alter(ActionType.ADD_COLUMN, SHOP, table(11, "b", "x"), 8)), "older than the snapshot");
        assertThrows(IllegalArgumentException.class, () -> h.loadSnapshot(new SchemaSnapshot(5, List.of())));
    }

    @Test
    void ignoresJobsThatDidNotTakeEffectOrAreAlreadyApplied() {
        SchemaHistory h = new SchemaHistory();
        apply(h, createSchema(SHOP, 1), createTable(SHOP, table(10, "t", "a"), 2));
        Job cancelled = withState(alter(ActionType.ADD_COLUMN, SHOP, addColumn(table(10, "t", "a"), "x"), 3),
                JobState.CANCELLED);
        Job rolledBack = withState(alter(ActionType.ADD_COLUMN, SHOP, addColumn(table(10, "t", "a"), "y"), 3),
                JobState.ROLLBACK_DONE);
        Job stale = alter(ActionType.ADD_COLUMN, SHOP, addColumn(table(10, "t", "a"), "z"), 2);

        assertFalse(h.apply(cancelled));
        assertFalse(h.apply(rolledBack));
        assertFalse(h.apply(stale));
        assertEquals(List.of("a"), columnNames(h.tableAt(10, 99).orElseThrow()));
        assertEquals(2, h.latestVersion());
    }

    @Test
    void aJobWithoutTheTableItMustCarryIsRejectedWithItsDescription() {
        SchemaHistory h = new SchemaHistory();
        Job broken = finished(ActionType.CREATE_TABLE, SHOP, 10, 2, null, null, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.apply(broken));
        assertTrue(e.getMessage().contains("create table") && e.getMessage().contains("TableInfo"), e.getMessage());
        assertEquals(0, h.latestVersion());
    }

    @Test
    void persistsAndRestoresEveryAnswer() {
        SchemaHistory h = richHistory();

        SchemaHistory restored = SchemaHistory.fromJson(h.toJson());

        assertEquals(h.latestVersion(), restored.latestVersion());
        for (long v = 0; v <= h.latestVersion() + 1; v++) {
            for (long id = 9; id <= 25; id++) {
                assertEquals(h.tableAt(id, v).map(TidbJson::tree), restored.tableAt(id, v).map(TidbJson::tree),
                        "table " + id + " at " + v);
                assertEquals(h.schemaNameOfTable(id, v), restored.schemaNameOfTable(id, v));
                assertEquals(h.resolve(id, v).map(r -> r.table().id()), restored.resolve(id, v).map(r -> r.table().id()));
            }
            assertEquals(h.schemaAt(1, v), restored.schemaAt(1, v));
        }
        assertEquals(TidbJson.mapper().valueToTree(readTree(h.toJson())), readTree(restored.toJson()));
    }

    @Test
    void rejectsAPersistedHistoryItCannotTrust() {
        assertThrows(IllegalArgumentException.class, () -> SchemaHistory.fromJson("{\"format\":99}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> SchemaHistory.fromJson("{\"format\":1,".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> SchemaHistory.fromJson(
                "{\"format\":1,\"tables\":[{\"id\":5,\"versions\":[{\"version\":1,\"schema_id\":1,\"table\":{\"id\":6,\"name\":{\"O\":\"x\",\"L\":\"x\"}}}]}]}"
                        .getBytes()));
    }

    @Test
    void pruningKeepsEveryAnswerFromThePruneVersionOn() {
        SchemaHistory h = richHistory();
        SchemaHistory untouched = SchemaHistory.fromJson(h.toJson());
        long pruneAt = 6;

        h.pruneBefore(pruneAt);

        for (long v = pruneAt; v <= h.latestVersion(); v++) {
            for (long id = 9; id <= 25; id++) {
                assertEquals(untouched.tableAt(id, v).map(TidbJson::tree), h.tableAt(id, v).map(TidbJson::tree),
                        "table " + id + " at " + v);
                assertEquals(untouched.resolve(id, v).isPresent(), h.resolve(id, v).isPresent());
            }
        }
        assertEquals(pruneAt, h.oldestAnswerableVersion());
        assertTrue(h.toJson().length < untouched.toJson().length, "older versions are forgotten");
        assertTrue(untouched.tableAt(10, 3).isPresent());
        assertTrue(h.tableAt(10, 3).isEmpty(), "table 10 was truncated away before the prune version: forgotten");
        assertEquals(List.of("id", "qty"), columnNames(h.tableAt(11, 5).orElseThrow()),
                "the newest state at or below the prune version is kept");
    }

    @Test
    void snapshotAtAVersionListsWhatExistedThen() {
        SchemaHistory h = richHistory();
        SchemaSnapshot s = h.snapshotAt(4);
        assertEquals(4, s.schemaVersion());
        assertEquals(List.of("shop"), s.databases().stream().map(d -> d.db().name().o()).toList());
        assertEquals(List.of(11L), s.databases().get(0).tables().stream().map(TableInfo::id).toList());

        SchemaHistory fromSnapshot = SchemaHistory.fromSnapshot(h.snapshotAt(h.latestVersion()));
        assertEquals(h.tableAt(20, 99).map(TidbJson::tree), fromSnapshot.tableAt(20, 99).map(TidbJson::tree));
        assertEquals(20, fromSnapshot.logicalTableId(22));
    }

    @Test
    void readersOnOtherThreadsNeverSeeAHalfAppliedJob() throws Exception {
        SchemaHistory h = new SchemaHistory();
        TableInfo t = table(10, "t", "c0");
        apply(h, createSchema(SHOP, 1), createTable(SHOP, t, 2));
        int jobs = 3000;
        List<Job> adds = new ArrayList<>();
        for (int i = 1; i <= jobs; i++) {
            t = addColumn(t, "c" + i);
            adds.add(alter(ActionType.ADD_COLUMN, SHOP, t, 2 + i));
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> adds.forEach(h::apply));
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(new Thread(() -> {
                try {
                    while (writer.isAlive() || h.latestVersion() < 2 + jobs) {
                        long latest = h.latestVersion();
                        long v = 2 + ThreadLocalRandom.current().nextLong(latest - 1);
                        TableInfo seen = h.tableAt(10, v).orElseThrow();
                        // At version 2 + i the table has exactly i + 1 columns.
                        assertEquals(v - 1, seen.columns().size(), "columns at version " + v);
                        assertEquals("shop", h.schemaNameOfTable(10, v).orElseThrow());
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        readers.forEach(Thread::start);
        writer.start();
        writer.join(60_000);
        for (Thread r : readers) {
            r.join(60_000);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(2 + jobs, h.latestVersion());
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** shop: t10 created (v3), truncated to t11 (v4), archive created (v5), partitioned t20 (v6), dropped t11 ... */
    private SchemaHistory richHistory() {
        SchemaHistory h = new SchemaHistory();
        TableInfo t10 = table(10, "orders", "id", "qty");
        TableInfo t11 = t10.withIdAndName(11, t10.name());
        TableInfo p = partitioned(table(20, "events", "id"), 21, 22);
        apply(h, createSchema(SHOP, 1), createTable(SHOP, t10, 3),
                finished(ActionType.TRUNCATE_TABLE, SHOP, 10, 4, null, t11, List.of()),
                createSchema(ARCHIVE, 5), createTable(ARCHIVE, p, 6),
                alter(ActionType.ADD_COLUMN, SHOP, addColumn(t11, "note"), 7),
                alter(ActionType.ADD_TABLE_PARTITION, ARCHIVE, partitioned(p, 21, 22, 23), 8),
                finished(ActionType.RENAME_TABLE, ARCHIVE, 11, 9, null,
                        addColumn(t11, "note").withIdAndName(11, CIStr.of("orders_moved")), List.of()),
                finished(ActionType.DROP_SCHEMA, SHOP, 0, 10, SHOP, null, List.of()));
        return h;
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return TidbJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void apply(SchemaHistory h, Job... jobs) {
        for (Job j : jobs) {
            assertTrue(h.apply(j), "applied " + j);
        }
    }

    private Job createSchema(DBInfo db, long version) {
        return finished(ActionType.CREATE_SCHEMA, db, 0, version, db, null, List.of());
    }

    private Job createTable(DBInfo db, TableInfo t, long version) {
        return finished(ActionType.CREATE_TABLE, db, t.id(), version, null, t, List.of());
    }

    private Job alter(ActionType action, DBInfo db, TableInfo t, long version) {
        return finished(action, db, t.id(), version, null, t, List.of());
    }

    private Job finished(ActionType action, DBInfo db, long tableId, long version, DBInfo dbInfo, TableInfo t,
                         List<TableInfo> multiple) {
        return Job.finished(nextJobId++, action, db.id(), tableId, db.name().o(), t == null ? "" : t.name().o(),
                action.description(), new HistoryInfo(version, dbInfo, t, 0, multiple));
    }

    private static Job withState(Job j, JobState state) {
        return new Job(j.id(), j.type(), j.schemaId(), j.tableId(), j.schemaName(), j.tableName(), state.code(),
                null, null, 0, 0, null, j.schemaState(), 0, 0, 0, 0, j.query(), j.binlog(), 1, null, null, 0, 0, "",
                "", null, 0, null, "", 0, false, 0, null);
    }

    private static TableInfo table(long id, String name, String... columns) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            cols.add(ColumnInfo.of(i + 1, columns[i], i, INT));
        }
        return TableInfo.of(id, name, cols, List.of(), false, false);
    }

    /** ADD COLUMN as TiDB does it: the new column gets max_col_id + 1 and goes last. */
    private static TableInfo addColumn(TableInfo t, String name) {
        List<ColumnInfo> cols = new ArrayList<>(t.columns());
        cols.add(ColumnInfo.of(t.maxColumnId() + 1, name, cols.size(), INT));
        return t.withColumnsAndIndices(cols, t.indices());
    }

    private static TableInfo dropColumn(TableInfo t, String name) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (ColumnInfo c : t.columns()) {
            if (!c.name().o().equals(name)) {
                cols.add(c.withOffset(cols.size()));
            }
        }
        return t.withColumnsAndIndices(cols, t.indices());
    }

    private static TableInfo partitioned(TableInfo t, long... partitionIds) {
        List<PartitionDefinition> defs = new ArrayList<>();
        for (long pid : partitionIds) {
            defs.add(new PartitionDefinition(pid, CIStr.of("p" + pid), List.of("MAXVALUE"), null, ""));
        }
        return t.withPartition(new PartitionInfo(1, "`id`", List.of(), true, defs, List.of(), List.of(), 0));
    }

    private static List<String> columnNames(TableInfo t) {
        return t.publicColumns().stream().map(c -> c.name().o()).toList();
    }

    @Test
    void helperTablesLookLikeTiDBs() {
        TableInfo t = addColumn(table(10, "t", "a"), "b");
        assertEquals(2, t.maxColumnId());
        assertNull(t.partition());
    }
}
