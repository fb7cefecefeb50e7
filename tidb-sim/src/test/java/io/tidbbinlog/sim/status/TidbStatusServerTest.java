package io.tidbbinlog.sim.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.DdlHistory;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.PartitionDefinition;
import io.tidbbinlog.schema.PartitionInfo;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TidbJson;
import io.tidbbinlog.sim.txn.KeyMvcc;
import io.tidbbinlog.sim.txn.MvccLock;
import io.tidbbinlog.sim.txn.MvccOp;
import io.tidbbinlog.sim.txn.MvccValue;
import io.tidbbinlog.sim.txn.MvccWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * TiDB's status API as pingcap/tidb serves it: routes from {@code pkg/server/http_status.go}, handlers from
 * {@code pkg/server/handler/tikvhandler/*.go} and {@code pkg/server/handler/{util,tikv_handler}.go} (400 with the Go
 * error's text, JSON with TiDB's keys), MVCC bodies with kvproto's Go JSON tags ({@code pkg/kvrpcpb/kvrpcpb.pb.go},
 * all {@code omitempty}).
 */
class TidbStatusServerTest {

    private static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG,
            ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary", "binary", List.of());
    private static final FieldType VARCHAR = FieldType.of(MysqlType.VARCHAR, 0, 64, 0, "utf8mb4", "utf8mb4_bin",
            List.of());

    private static final DBInfo SHOP = DBInfo.of(2, "Shop", "utf8mb4", "utf8mb4_bin");
    private static final DBInfo EMPTY = DBInfo.of(3, "empty", "utf8mb4", "utf8mb4_bin");
    private static final TableInfo ORDERS = TableInfo.of(100, "Orders",
            List.of(ColumnInfo.of(1, "id", 0, BIGINT_PK), ColumnInfo.of(2, "note", 1, VARCHAR)),
            List.of(new IndexInfo(1, CIStr.of("uk_note"), CIStr.of("Orders"),
                    List.of(new IndexColumn(CIStr.of("note"), 1, -1)), SchemaState.PUBLIC.code(), "", 1, true,
                    false, false, false)),
            true, false);
    private static final TableInfo EVENTS = TableInfo.of(110, "events",
            List.of(ColumnInfo.of(1, "id", 0, BIGINT_PK)), List.of(), true, false)
            .withPartition(new PartitionInfo(1, "`id`", List.of(), true, List.of(
                    new PartitionDefinition(111, CIStr.of("p0"), List.of("100"), null, ""),
                    new PartitionDefinition(112, CIStr.of("p1"), List.of("MAXVALUE"), null, "")),
                    List.of(), List.of(), 2));

    private static final long START_TS = 449_000_000_000_000_001L;
    private static final long COMMIT_TS = 449_000_000_000_000_099L;
    private static final long LOCKED_TS = 449_000_000_000_100_000L;
    private static final byte[] ORDER_KEY = recordKey(100, 7);
    private static final byte[] LOCKED_KEY = recordKey(100, 8);

    private FixedCatalog catalog;
    private TidbStatusServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        catalog = new FixedCatalog()
                .database(SHOP, ORDERS, EVENTS)
                .database(EMPTY);
        for (int id = 1; id <= 30; id++) {
            catalog.job(Job.finished(id, ActionType.CREATE_TABLE, 2, 1000 + id, "Shop", "t" + id,
                    "CREATE TABLE t" + id + " (a INT) /* a<b & c>d */",
                    new HistoryInfo(id + 10, null, ORDERS, 448_000_000_000_000_000L + id, null)));
        }
        FixedMvcc mvcc = new FixedMvcc()
                .put(new KeyMvcc(ORDER_KEY, null,
                        List.of(new MvccWrite(MvccOp.DEL, START_TS + 500, COMMIT_TS + 500, null),
                                new MvccWrite(MvccOp.PUT, START_TS, COMMIT_TS, new byte[] {1, 2, 3})),
                        List.of(new MvccValue(START_TS - 10, "long value".getBytes(StandardCharsets.UTF_8)))))
                .put(new KeyMvcc(LOCKED_KEY, new MvccLock(MvccOp.PUT, LOCKED_TS, LOCKED_KEY, new byte[] {9}),
                        List.of(), List.of()));
        server = TidbStatusServer.start(TidbStatusConfig.loopback().withConnections(() -> 3), catalog, mvcc);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusReportsConnectionsVersionAndGitHashCompactly() throws Exception {
        HttpResponse<String> r = get("/status");

        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"connections\":3,\"version\":\"8.0.11-TiDB-v7.5.0\",\"git_hash\":\"None\"}", r.body());
    }

    @Test
    void schemaListsEveryDatabaseWithTidbKeys() throws Exception {
        HttpResponse<String> r = get("/schema");

        assertEquals(200, r.statusCode());
        assertEquals(List.of(SHOP, EMPTY), TidbJson.parseDatabases(bytes(r)));
        JsonNode first = json(r).get(0);
        assertEquals(2, first.get("id").asLong());
        assertEquals("Shop", first.get("db_name").get("O").asText());
        assertEquals("shop", first.get("db_name").get("L").asText());
        assertEquals(5, first.get("state").asInt());
    }

    @Test
    void schemaOfADatabaseListsItsTablesFoundCaseInsensitively() throws Exception {
        HttpResponse<String> r = get("/schema/SHOP");

        assertEquals(200, r.statusCode());
        assertEquals(List.of(ORDERS, EVENTS), TidbJson.parseTables(bytes(r)));
        JsonNode orders = json(r).get(0);
        assertEquals("Orders", orders.get("name").get("O").asText());
        assertEquals("note", orders.get("cols").get(1).get("name").get("O").asText());
        assertEquals(MysqlType.VARCHAR, orders.get("cols").get(1).get("type").get("Tp").asInt());
        assertEquals("uk_note", orders.get("index_info").get(0).get("idx_name").get("O").asText());
        assertEquals(1, orders.get("index_info").get(0).get("idx_cols").get(0).get("offset").asInt());
        assertTrue(orders.get("pk_is_handle").asBoolean());
        assertTrue(orders.has("ShardRowIDBits"));

        assertEquals("[]", get("/schema/empty").body());
    }

    @Test
    void schemaOfADatabaseCanListIdsAndNamesOnly() throws Exception {
        JsonNode names = json(get("/schema/Shop?id_name_only=true"));

        assertEquals(2, names.size());
        assertEquals(100, names.get(0).get("id").asLong());
        assertEquals("Orders", names.get(0).get("name").get("O").asText());
        assertFalse(names.get(0).has("cols"));
    }

    @Test
    void oneTableByNameOrById() throws Exception {
        assertEquals(ORDERS, TidbJson.parseTable(bytes(get("/schema/shop/ORDERS"))));
        assertEquals(ORDERS, TidbJson.parseTable(bytes(get("/schema?table_id=100"))));
        // a partition's id answers with its partitioned table (FindTableByPartitionID)
        assertEquals(EVENTS, TidbJson.parseTable(bytes(get("/schema?table_id=112"))));

        JsonNode several = json(get("/schema?table_ids=110,100,999"));
        assertEquals(List.of("100", "110"), fieldNames(several));
        assertEquals("Orders", several.get("100").get("name").get("O").asText());
    }

    @Test
    void unknownNamesAndBadIdsAnswer400WithTidbsErrorText() throws Exception {
        assertError("/schema/nope", "[schema:1049]Unknown database 'nope'");
        assertError("/schema/shop/nope", "[schema:1146]Table 'shop.nope' doesn't exist");
        assertError("/schema/nope/orders", "[schema:1146]Table 'nope.orders' doesn't exist");
        assertError("/schema?table_id=abc", "strconv.Atoi: parsing \"abc\": invalid syntax");
        assertError("/schema?table_id=99999999999999999999",
                "strconv.Atoi: parsing \"99999999999999999999\": value out of range");
        assertError("/schema?table_id=999", "[schema:1146]Table which ID = 999 does not exist.");
        assertError("/schema?table_id=-1", "[schema:1146]Table which ID = -1 does not exist.");
        assertError("/schema?table_ids=998,999", "All tables are not found");
        assertError("/db-table/x1", "Wrong tableID: x1");
        assertError("/db-table/4242", "[schema:1146]Table which ID = 4242 does not exist.");
    }

    @Test
    void dbTableAnswersTheDatabaseTheTableAndTheSchemaVersion() throws Exception {
        JsonNode r = json(get("/db-table/100"));

        assertEquals(List.of("db_info", "table_info", "schema_version"), fieldNames(r));
        assertEquals(SHOP, TidbJson.mapper().treeToValue(r.get("db_info"), DBInfo.class));
        assertEquals(ORDERS, TidbJson.mapper().treeToValue(r.get("table_info"), TableInfo.class));
        assertEquals(40, r.get("schema_version").asLong());

        JsonNode partition = json(get("/db-table/111"));
        assertEquals(110, partition.get("table_info").get("id").asLong());
        assertEquals("Shop", partition.get("db_info").get("db_name").get("O").asText());
    }

    @Test
    void ddlHistoryWithoutParametersIsTheNewestJobsNewestFirst() throws Exception {
        HttpResponse<String> r = get("/ddl/history");

        assertEquals(200, r.statusCode());
        List<Job> jobs = DdlHistory.parsePage(bytes(r));
        assertEquals(30, jobs.size());
        assertEquals(30, jobs.get(0).id());
        assertEquals(1, jobs.get(29).id());
        JsonNode newest = json(r).get(0);
        assertEquals(ActionType.CREATE_TABLE.code(), newest.get("type").asInt());
        assertEquals("Shop", newest.get("schema_name").asText());
        JsonNode binlog = newest.get("binlog");
        assertEquals(40, binlog.get("SchemaVersion").asLong());
        assertEquals(448_000_000_000_000_030L, binlog.get("FinishedTS").asLong());
        assertEquals("Orders", binlog.get("TableInfo").get("name").get("O").asText());
        assertTrue(binlog.has("DBInfo"));

        assertEquals(List.of(30L, 29L, 28L), ids(get("/ddl/history?limit=3")));
    }

    @Test
    void ddlHistoryPagesBackwardsFromStartJobIdInclusive() throws Exception {
        assertEquals(List.of(12L, 11L, 10L, 9L), ids(get("/ddl/history?start_job_id=12&limit=4")));
        assertEquals(List.of(2L, 1L), ids(get("/ddl/history?start_job_id=2&limit=4")));
        assertEquals(List.of(30L), ids(get("/ddl/history?start_job_id=500&limit=1")));

        // a client paging with binlog-core's DdlHistory sees every job exactly once
        List<Long> seen = new ArrayList<>();
        OptionalLong start = OptionalLong.of(0);
        while (start.isPresent()) {
            List<Job> page = DdlHistory.parsePage(bytes(get(DdlHistory.pageQuery(start.getAsLong(), 7))));
            page.forEach(j -> seen.add(j.id()));
            start = DdlHistory.nextStartJobId(page, 7, 0);
        }
        assertEquals(30, seen.size());
        assertEquals(30, seen.stream().distinct().count());
    }

    @Test
    void ddlHistoryParametersAreCheckedAsTidbChecksThem() throws Exception {
        String limitError = "ddl history limit must be greater than 0 and less than or equal to 2048";
        assertError("/ddl/history?limit=0", limitError);
        assertError("/ddl/history?limit=2049", limitError);
        assertError("/ddl/history?limit=ten", "strconv.Atoi: parsing \"ten\": invalid syntax");
        assertError("/ddl/history?start_job_id=0&limit=5", "ddl history start_job_id must be greater than 0");
        assertError("/ddl/history?start_job_id=5",
                "when 'start_job_id' is specified, it must work with a 'limit'");
        assertEquals(200, get("/ddl/history?limit=2048").statusCode());
    }

    @Test
    void mvccByHexKeyAnswersKvprotoShapedJson() throws Exception {
        String hex = HexFormat.of().formatHex(ORDER_KEY);
        HttpResponse<String> r = get("/mvcc/hex/" + hex);

        assertEquals(200, r.statusCode());
        JsonNode root = json(r);
        assertEquals(List.of("key", "region_id", "value"), fieldNames(root));
        assertEquals(hex.toUpperCase(), root.get("key").asText());
        assertEquals(2, root.get("region_id").asLong());
        JsonNode info = root.get("value").get("info");
        assertEquals(List.of("writes", "values"), fieldNames(info), "no lock key when the key is not locked");

        JsonNode delete = info.get("writes").get(0);
        assertEquals(1, delete.get("type").asInt(), "Op Del = 1");
        assertEquals(START_TS + 500, delete.get("start_ts").asLong());
        assertEquals(COMMIT_TS + 500, delete.get("commit_ts").asLong());
        assertFalse(delete.has("short_value"), "an empty short value is omitted");

        JsonNode put = info.get("writes").get(1);
        assertFalse(put.has("type"), "Op Put = 0 is omitted (omitempty)");
        assertEquals(START_TS, put.get("start_ts").asLong());
        assertEquals(COMMIT_TS, put.get("commit_ts").asLong());
        assertEquals("AQID", put.get("short_value").asText(), "bytes are base64");

        JsonNode value = info.get("values").get(0);
        assertEquals(START_TS - 10, value.get("start_ts").asLong());
        assertEquals("long value", new String(Base64.getDecoder().decode(value.get("value").asText()),
                StandardCharsets.UTF_8));
    }

    @Test
    void mvccShowsALockWithItsPrimary() throws Exception {
        JsonNode info = json(get("/mvcc/hex/" + HexFormat.of().formatHex(LOCKED_KEY))).get("value").get("info");

        assertEquals(List.of("lock"), fieldNames(info));
        JsonNode lock = info.get("lock");
        assertFalse(lock.has("type"));
        assertEquals(LOCKED_TS, lock.get("start_ts").asLong());
        assertEquals(Base64.getEncoder().encodeToString(LOCKED_KEY), lock.get("primary").asText());
        assertEquals("CQ==", lock.get("short_value").asText());
    }

    @Test
    void aKeyNeverWrittenHasEmptyInfoAndBadHexIsRefused() throws Exception {
        HttpResponse<String> never = get("/mvcc/hex/74800000000000ffff");
        JsonNode root = json(never);
        assertEquals("74800000000000FFFF", root.get("key").asText());
        assertEquals("{}", root.get("value").get("info").toString());
        assertTrue(never.body().contains("\"info\": {}"), never.body());

        assertError("/mvcc/hex/abc", "encoding/hex: odd length hex string");
        assertError("/mvcc/hex/zz", "encoding/hex: invalid byte: U+007A 'z'");
    }

    @Test
    void mvccByStartTsFindsTheTransactionsKeyOrAnswersNull() throws Exception {
        JsonNode whole = json(get("/mvcc/txn/" + START_TS));
        assertEquals(HexFormat.of().withUpperCase().formatHex(ORDER_KEY), whole.get("key").asText());
        assertEquals(2, whole.get("value").get("info").get("writes").size());

        JsonNode inTable = json(get("/mvcc/txn/0x" + Long.toHexString(LOCKED_TS) + "/shop/orders"));
        assertEquals(LOCKED_TS, inTable.get("value").get("info").get("lock").get("start_ts").asLong());

        assertEquals("null", get("/mvcc/txn/" + START_TS + "/shop/events(p0)").body());
        assertEquals("null", get("/mvcc/txn/12345").body());
    }

    @Test
    void mvccByStartTsChecksItsParametersAsTidbDoes() throws Exception {
        assertError("/mvcc/txn/abc/shop/orders", "strconv.ParseInt: parsing \"abc\": invalid syntax");
        assertError("/mvcc/txn/1/shop/nope", "[schema:1146]Table 'shop.nope' doesn't exist");
        assertError("/mvcc/txn/1/shop/events",
                "work on partitioned table, please specify the table name like this: table(partition)");
        assertError("/mvcc/txn/1/shop/events(p9)", "[table:1735]Unknown partition 'p9' in table 'events'");
        assertError("/mvcc/txn/1/shop/orders(p0)", "Orders is not a partitionted table");
    }

    @Test
    void anEmptyClusterAnswersEmptyArrays() throws Exception {
        try (TidbStatusServer empty = TidbStatusServer.start(TidbStatusConfig.loopback(), new FixedCatalog(),
                new FixedMvcc())) {
            for (String path : List.of("/schema", "/ddl/history", "/ddl/history?start_job_id=9&limit=9")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(empty.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path);
                assertEquals("[]", r.body(), path);
            }
        }
    }

    @Test
    void unknownPathsAre404LikeGorillaMux() throws Exception {
        for (String path : List.of("/", "/nope", "/schema/", "/schema/a/b/c", "/ddl/history/", "/mvcc/hex/")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("404 page not found\n", r.body(), path);
        }
    }

    @Test
    void bodiesAreWrittenInGosLayoutWithHtmlSafeEscapes() throws Exception {
        String body = get("/ddl/history?limit=1").body();

        assertTrue(body.startsWith("[\n {\n  \"id\": 30,"), body.substring(0, 40));
        assertTrue(body.contains("/* a\\u003cb \\u0026 c\\u003ed */"), "Go escapes <, > and &");
        assertEquals("CREATE TABLE t30 (a INT) /* a<b & c>d */",
                DdlHistory.parsePage(body.getBytes(StandardCharsets.UTF_8)).get(0).query());
    }

    @Test
    void absurdRequestsAreRefusedWith400() throws Exception {
        HttpResponse<String> bigBody = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/status"))
                        .method("GET", HttpRequest.BodyPublishers.ofByteArray(new byte[200_000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bigBody.statusCode());
        assertTrue(bigBody.body().startsWith("request body too large"), bigBody.body());

        HttpResponse<String> longUri = get("/schema?x=" + "a".repeat(40_000));
        assertEquals(400, longUri.statusCode());
        assertTrue(longUri.body().startsWith("request URI too long"), longUri.body());

        StringBuilder many = new StringBuilder("/ddl/history?limit=1");
        for (int i = 0; i < 100; i++) {
            many.append("&p").append(i).append("=1");
        }
        assertEquals(400, get(many.toString()).statusCode());

        HttpResponse<String> hugeKey = get("/mvcc/hex/" + "00".repeat(MvccApi.MAX_KEY_BYTES + 1));
        assertEquals(400, hugeKey.statusCode());
        assertEquals(200, get("/status").statusCode(), "the server still answers");
    }

    @Test
    void servesConcurrentClientsAndStopsListeningOnClose() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(http.sendAsync(request(i % 2 == 0 ? "/schema/shop" : "/ddl/history?limit=5"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> c : calls) {
            assertEquals(200, c.get().statusCode());
        }
        String url = server.url();
        server.close();
        HttpClient fresh = HttpClient.newHttpClient();
        assertThrows(ConnectException.class, () -> fresh.send(HttpRequest.newBuilder(URI.create(url + "/status"))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void assertError(String path, String expectedBody) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertEquals(400, r.statusCode(), path + " -> " + r.body());
        assertEquals(expectedBody, r.body(), path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10)).build();
    }

    private static List<Long> ids(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return DdlHistory.parsePage(bytes(r)).stream().map(Job::id).toList();
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), r.body());
        return TidbJson.mapper().readTree(r.body());
    }

    private static byte[] bytes(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** tablecodec's record key: {@code 't' + int64(table) + "_r" + int64(handle)}, ints sign-flipped big-endian. */
    private static byte[] recordKey(long tableId, long handle) {
        ByteBuffer b = ByteBuffer.allocate(19);
        b.put((byte) 't').putLong(tableId ^ Long.MIN_VALUE).put((byte) '_').put((byte) 'r')
                .putLong(handle ^ Long.MIN_VALUE);
        return b.array();
    }
}
