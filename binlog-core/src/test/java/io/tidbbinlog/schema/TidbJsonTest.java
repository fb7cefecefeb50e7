package io.tidbbinlog.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parsing what TiDB's HTTP status API serves, and writing it back under the same keys.
 *
 * <p>Vectors: {@code tiflash_table_t1.json} / {@code tiflash_db_test.json} are TiDB-emitted TableInfo / DBInfo
 * JSON copied from pingcap/tiflash dbms/src/Interpreters/tests/gtest_interpreter_create_query.cpp;
 * {@code tiflash_table_546.json} is the TiDB TableInfo of case 546 in pingcap/tiflash
 * dbms/src/TiDB/Schema/tests/gtest_table_info.cpp (every column type family, BIT and binary defaults, JSON);
 * {@code tidb_empty_tableinfo.json} is the exact marshalling of an empty TableInfo asserted by pingcap/tidb
 * pkg/meta/meta_test.go (TestIsTableInfoMustLoadSubStringsOrder). {@code handbuilt_*.json} were written by hand
 * from the Go struct tags in pingcap/tidb pkg/meta/model/{table,column,index,job}.go (no PingCAP sample of a
 * clustered table or of a /ddl/history body was found).
 */
class TidbJsonTest {

    @Test
    void readsATableInfoAsTiDBEmitsIt() {
        TableInfo t = TidbJson.parseTable(Fixtures.bytes("tiflash_table_t1.json"));

        assertEquals(88, t.id());
        assertEquals("t1", t.name().o());
        assertEquals("utf8mb4_bin", t.collate());
        assertEquals(2, t.columns().size());
        ColumnInfo b = t.columns().get(1);
        assertEquals(2, b.id());
        assertEquals("b", b.name().l());
        assertEquals(1, b.offset());
        assertEquals(MysqlType.LONG, b.type().tp());
        assertEquals(11, b.type().flen());
        assertEquals("binary", b.type().charset());
        assertTrue(b.isPublic());
        assertFalse(b.hasOriginDefault());
        assertEquals(HandleKind.ROW_ID, t.handleKind());
        assertEquals(2, t.maxColumnId());
        assertEquals(442125004587401229L, t.updateTimestamp());
        assertEquals(1, t.tiflashReplica().get("Count").asInt(), "sub-objects nobody decodes are kept as JSON");
        assertTrue(t.indices().isEmpty(), "index_info null reads as no indexes");
    }

    @Test
    void readsADatabaseInfoAsTiDBEmitsIt() {
        DBInfo db = TidbJson.parseDatabase(Fixtures.bytes("tiflash_db_test.json"));
        assertEquals(2, db.id());
        assertEquals(new CIStr("test", "test"), db.name());
        assertTrue(db.isPublic());
    }

    @Test
    void writesEveryTableInfoKeyUnderTiDBsNameAndNoOther() {
        byte[] tidb = Fixtures.bytes("tidb_empty_tableinfo.json");
        JsonNode expected = readTree(tidb);

        JsonNode written = readTree(TidbJson.write(TidbJson.parseTable(tidb)));

        assertEquals(keys(expected), keys(written));
        for (String key : keys(expected)) {
            if (key.equals("cols") || key.equals("index_info")) {
                // Go writes a nil slice as null; an empty list is read back identically by TiDB.
                assertEquals(0, written.get(key).size(), key);
                continue;
            }
            assertEquals(expected.get(key), written.get(key), key);
        }
    }

    @Test
    void roundTripsATiDBTableWithoutChangingAnyModelledValue() {
        JsonNode original = readTree(Fixtures.bytes("tiflash_table_t1.json"));
        JsonNode written = readTree(TidbJson.write(TidbJson.parseTable(Fixtures.bytes("tiflash_table_t1.json"))));

        for (String key : keys(original)) {
            if (!key.equals("cols") && !key.equals("index_info")) {
                assertEquals(original.get(key), written.get(key), key);
            }
        }
        JsonNode col = written.get("cols").get(0);
        for (String key : List.of("id", "name", "offset", "origin_default", "origin_default_bit", "default",
                "default_bit", "default_is_expr", "generated_expr_string", "generated_stored", "dependences",
                "state", "comment", "hidden", "change_state_info", "version")) {
            assertEquals(original.get("cols").get(0).get(key), col.get(key), "column key " + key);
        }
        assertEquals(original.get("cols").get(0).get("type").get("Flen"), col.get("type").get("Flen"));
        assertEquals(Set.of("Tp", "Flag", "Flen", "Decimal", "Charset", "Collate", "Elems", "ElemsIsBinaryLit",
                "Array"), keys(col.get("type")));
    }

    @Test
    void readsEveryColumnOfATiDBTableWithDefaultsAndTheLargestFlen() {
        TableInfo t = TidbJson.parseTable(Fixtures.bytes("tiflash_table_546.json"));

        assertEquals(8, t.columns().size());
        ColumnInfo json = t.columnById(8).orElseThrow();
        assertEquals(MysqlType.JSON, json.type().tp());
        assertEquals("json", json.type().typeName());
        assertEquals(Integer.MAX_VALUE, json.type().flen(), "4294967295 (MaxBlobWidth) is held as int max");
        assertEquals(4294967295L, readTree(TidbJson.write(json)).get("type").get("Flen").asLong(),
                "and written back as TiDB wrote it");

        ColumnInfo bit = t.columnById(6).orElseThrow();
        assertEquals("bit", bit.type().typeName());
        assertTrue(bit.hasDefault());
        assertArrayEquals(new byte[] {7, 7}, (byte[]) bit.rawDefault());
        assertFalse(bit.hasOriginDefault(), "origin_default is absent from this TiDB's JSON");

        ColumnInfo binaryChar = t.columnById(4).orElseThrow();
        assertEquals("binary", binaryChar.type().typeName());
        assertEquals("\u0000".repeat(21), binaryChar.rawDefault());
        assertEquals("1994-05-0600:00:00", t.columnById(2).orElseThrow().rawDefault());
        assertEquals("blob", t.columnById(1).orElseThrow().type().typeName());
        assertTrue(t.columnById(5).orElseThrow().type().unsigned());
        assertTrue(t.columnById(5).orElseThrow().type().notNull());
        assertEquals(List.of("col_86", "col_87", "col_88", "col_89", "col_90", "col_91", "col_92", "col_93"),
                t.writableColumns().stream().map(c -> c.name().o()).toList());
    }

    @Test
    void rejectsAFlagThatIsNoFlagSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TidbJson.parseTable(
                ("{\"id\":1,\"name\":{\"O\":\"t\",\"L\":\"t\"},\"cols\":[{\"id\":1,\"name\":{\"O\":\"c\",\"L\":\"c\"},"
                        + "\"type\":{\"Tp\":3,\"Flag\":-5,\"Flen\":11}}]}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("Flag"), e.getMessage());
    }

    @Test
    void readsTheTableListOfADatabaseAndTheDatabaseList() {
        byte[] tables = ("[" + new String(Fixtures.bytes("tiflash_table_t1.json"), StandardCharsets.UTF_8) + ","
                + new String(Fixtures.bytes("tiflash_table_546.json"), StandardCharsets.UTF_8) + "]")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(88L, 546L), TidbJson.parseTables(tables).stream().map(TableInfo::id).toList());

        byte[] dbs = ("[" + new String(Fixtures.bytes("tiflash_db_test.json"), StandardCharsets.UTF_8) + "]")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("test", TidbJson.parseDatabases(dbs).get(0).name().l());
    }

    @Test
    void ignoresKeysFromNewerTiDBVersions() {
        TableInfo t = TidbJson.parseTable(Fixtures.bytes("handbuilt_clustered_table.json"));
        assertEquals(100, t.id());
        assertFalse(keys(TidbJson.tree(t)).contains("a_key_from_a_future_tidb"));
    }

    @Test
    void keepsBitDefaultsAsTheirRawBytes() {
        TableInfo t = TidbJson.parseTable(Fixtures.bytes("handbuilt_clustered_table.json"));
        ColumnInfo flags = t.columnByName("flags").orElseThrow();

        assertTrue(flags.hasOriginDefault());
        assertArrayEquals(new byte[] {7}, (byte[]) flags.rawOriginDefault());
        assertArrayEquals(new byte[] {7}, (byte[]) flags.rawDefault());
        assertEquals("Bw==", TidbJson.tree(flags).get("origin_default_bit").asText(), "base64, as Go writes []byte");

        ColumnInfo qty = t.columnByName("qty").orElseThrow();
        assertTrue(qty.hasOriginDefault());
        assertEquals("7", qty.rawOriginDefault());
    }

    @Test
    void readsADdlHistoryPageWithTheUntaggedBinlogKeys() {
        List<Job> jobs = TidbJson.parseJobs(Fixtures.bytes("handbuilt_add_column_job.json"));

        assertEquals(1, jobs.size());
        Job job = jobs.get(0);
        assertEquals(58, job.id());
        assertEquals(ActionType.ADD_COLUMN, job.action());
        assertEquals(JobState.SYNCED, job.jobState());
        assertEquals(SchemaState.PUBLIC, job.schemaStateEnum());
        assertEquals(442125010000000001L, job.realStartTs());
        assertEquals(31, job.schemaVersion());
        assertEquals(442125010000000003L, job.binlog().finishedTs());
        assertNull(job.binlog().dbInfo());
        assertEquals(3, job.binlog().tableInfo().columns().size());
        assertTrue(job.binlog().multipleTableInfos().isEmpty());
        assertTrue(job.isApplicable());

        JsonNode written = TidbJson.tree(job);
        assertEquals(Set.of("SchemaVersion", "DBInfo", "TableInfo", "FinishedTS", "MultipleTableInfos"),
                keys(written.get("binlog")));
        assertEquals(31, written.get("binlog").get("SchemaVersion").asLong());
        assertEquals(Job.class, TidbJson.parseJob(TidbJson.write(job)).getClass());
        assertEquals(job.binlog().tableInfo().columns().get(2).name(),
                TidbJson.parseJob(TidbJson.write(job)).binlog().tableInfo().columns().get(2).name());
        for (String key : List.of("id", "type", "schema_id", "table_id", "schema_name", "table_name", "state",
                "err", "err_count", "row_count", "raw_args", "schema_state", "snapshot_ver", "real_start_ts",
                "start_ts", "dependency_id", "query", "binlog", "version", "reorg_meta", "multi_schema_info",
                "priority", "seq_num", "charset", "collate")) {
            assertTrue(written.has(key), "job key " + key);
        }
    }

    @Test
    void namesWhatIsWrongWithMalformedJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                TidbJson.parseTable("{\"id\":1,\"name\":{\"O\":\"t\",\"L\":\"t\"},\"cols\":\"oops\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("table") && e.getMessage().contains("cols"), e.getMessage());

        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class, () ->
                TidbJson.parseTable("{\"id\":7}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(noName.getMessage().contains("table 7 has no name"), noName.getMessage());

        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class, () ->
                TidbJson.parseJobs("[{\"id\":1,".getBytes(StandardCharsets.UTF_8)));
        assertTrue(truncated.getMessage().contains("DDL job list"), truncated.getMessage());

        assertThrows(IllegalArgumentException.class, () -> TidbJson.parseJobs("null".getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return TidbJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new TreeSet<>();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        out.addAll(names);
        return out;
    }
}
