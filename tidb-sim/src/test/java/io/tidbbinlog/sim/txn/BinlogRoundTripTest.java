package io.tidbbinlog.sim.txn;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaHistory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tidbbinlog.sim.txn.Fixtures.ITEMS_ID;
import static io.tidbbinlog.sim.txn.Fixtures.LOGS_ID;
import static io.tidbbinlog.sim.txn.Fixtures.PAIRS_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's core promise: the transaction its listeners are told about is exactly what binlog-core's
 * {@code PumpBinlogDecoder} reads back from the binlogs it wrote (P-binlog joined with its C-binlog, as Pump
 * serves them), for every handle kind and column type.
 */
class BinlogRoundTripTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Map<String, Object> fullItem(long id) {
        Map<String, Object> v = new HashMap<>();
        v.put("id", id);
        v.put("c_tiny", -7L);
        v.put("c_uint", -1L); // 18446744073709551615 as raw 64 bits
        v.put("c_year", 2024L);
        v.put("c_float", 1.1d);
        v.put("c_double", -2.5e300d);
        v.put("c_dec", new BigDecimal("3.5"));
        v.put("c_date", new TidbTime(2024, 2, 29, 0, 0, 0, 0, MysqlType.DATE, 0));
        v.put("c_dt", new TidbTime(2024, 3, 1, 13, 14, 15, 123456, MysqlType.DATETIME, 6));
        v.put("c_ts", new TidbTime(2024, 1, 1, 8, 0, 0, 654321, MysqlType.TIMESTAMP, 6));
        v.put("c_time", Duration.ofMillis(-3_723_450));
        v.put("c_enum", 2L);
        v.put("c_set", 3L);
        v.put("c_bit", 0x5AL);
        v.put("c_json", "{\"k\": [1, 2.5, \"x\"], \"n\": null}");
        v.put("c_char", "ab  ");
        v.put("c_varchar", "héllo ");
        v.put("c_text", "long text");
        v.put("c_blob", new byte[] {0, 1, 2, (byte) 0xff});
        v.put("c_binary", "xy".getBytes(StandardCharsets.UTF_8));
        v.put("c_def", 5L);
        v.put("c_added", 9L);
        return v;
    }

    @Test
    void listenersSeeWhatTheDecoderReadsBackForEveryHandleKindAndColumnType() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog())) {
            SchemaHistory history = t.catalog.history();
            try (Session s = t.engine.openSession(SHANGHAI)) {
                s.begin();
                RowHandle item1 = s.insert("shop", "items", fullItem(1));
                // Only the key: NULLs without default are left out of the row, c_def takes its default 42,
                // c_added its default 7.
                RowHandle item2 = s.insert("shop", "items", Map.of("id", 2L));
                RowHandle pair = s.insert("shop", "pairs", Map.of("k1", "ab ", "k2", 3L, "k3", "z", "v", "one"));
                RowHandle log1 = s.insert("shop", "logs", Map.of("a", 10L, "b", "first"));
                RowHandle log2 = s.insert("shop", "logs", Map.of("a", 11L));
                s.update("shop", "items", item1, Map.of("c_varchar", "changed", "c_ts",
                        new TidbTime(2023, 12, 31, 23, 59, 59, 0, MysqlType.TIMESTAMP, 0)));
                RowHandle moved = s.update("shop", "items", item2, Map.of("id", 20L));
                RowHandle pairMoved = s.update("shop", "pairs", pair, Map.of("k2", 4L));
                s.update("shop", "logs", log1, Map.of("b", "second"));
                s.delete("shop", "logs", log2);
                s.delete("shop", "items", moved);
                s.update("shop", "pairs", pairMoved, Map.of("v", "two"));
                s.commit();
            }

            assertEquals(1, t.committed.size());
            Txn told = t.committed.get(0);
            List<Txn> decoded = t.decodeFromBinlogs(history);
            assertEquals(List.of(told), decoded);

            // Rows come grouped per table (first touched first), statement order within a table: the only
            // order the binlog keeps. Handle changes are delete + insert (executor/write.go updateRecord).
            List<String> ops = told.rows().stream().map(r -> r.table().ref().table() + " " + r.op()).toList();
            assertEquals(List.of("Items INSERT", "Items INSERT", "Items UPDATE", "Items DELETE", "Items INSERT",
                    "Items DELETE", "pairs INSERT", "pairs DELETE", "pairs INSERT", "pairs UPDATE",
                    "logs INSERT", "logs INSERT", "logs UPDATE", "logs DELETE"), ops);

            Object[] first = told.rows().get(0).after();
            assertEquals(1.1f, first[4]);
            assertEquals(new BigDecimal("3.50"), first[6]);
            assertEquals(new TidbTime(2024, 3, 1, 13, 14, 15, 123000, MysqlType.DATETIME, 3), first[8]);
            // 08:00 in Shanghai is midnight UTC: TIMESTAMP is stored in UTC.
            assertEquals(new TidbTime(2024, 1, 1, 0, 0, 0, 654321, MysqlType.TIMESTAMP, 6), first[9]);
            assertEquals("ab", first[15]);
            assertArrayEquals(new byte[] {'x', 'y', 0, 0}, (byte[]) first[19]);
            Object[] defaults = told.rows().get(1).after();
            assertNull(defaults[1]);
            assertEquals(42L, defaults[20]);
            assertEquals(7L, defaults[21]);
        }
    }

    @Test
    void mutationsFollowStatementOrderPerLogicalTable() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog())) {
            try (Session s = t.engine.openSession(ZoneId.of("UTC"))) {
                s.begin();
                RowHandle l = s.insert("shop", "logs", Map.of("a", 1L));
                s.insert("shop", "items", Map.of("id", 1L));
                s.update("shop", "logs", l, Map.of("b", "x"));
                s.delete("shop", "logs", l);
                s.commit();
            }
            Binlog p = t.writer.prewrites().get(0);
            assertEquals(BinlogType.Prewrite, p.getTp());
            PrewriteValue pv = PrewriteValue.parseFrom(p.getPrewriteValue());
            assertEquals(t.catalog.schemaVersion(), pv.getSchemaVersion());
            assertEquals(List.of(LOGS_ID, ITEMS_ID), pv.getMutationsList().stream().map(TableMutation::getTableId)
                    .toList());
            assertEquals(List.of(MutationType.Insert, MutationType.Update, MutationType.DeleteRow),
                    pv.getMutations(0).getSequenceList());
            assertEquals(1, pv.getMutations(0).getInsertedRowsCount());
            assertEquals(1, pv.getMutations(0).getUpdatedRowsCount());
            assertEquals(1, pv.getMutations(0).getDeletedRowsCount());
            assertEquals(List.of(MutationType.Insert), pv.getMutations(1).getSequenceList());

            // The commit binlog reuses the prewrite's struct: same start_ts and prewrite_key, no prewrite_value.
            Binlog c = t.writer.finishes().get(0);
            assertEquals(BinlogType.Commit, c.getTp());
            assertEquals(p.getStartTs(), c.getStartTs());
            assertEquals(t.committed.get(0).commitTs(), c.getCommitTs());
            assertEquals(p.getPrewriteKey(), c.getPrewriteKey());
            assertTrue(c.getPrewriteValue().isEmpty());
            assertEquals(0, c.getDdlJobId());
        }
        assertEquals(PAIRS_ID, Fixtures.pairs().id());
    }

    @Test
    void aLargeTransactionRoundTripsRowForRow() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog())) {
            SchemaHistory history = t.catalog.history();
            try (Session s = t.engine.openSession(SHANGHAI)) {
                s.begin();
                for (long i = 0; i < 20_000; i++) {
                    Map<String, Object> row = fullItem(i + 1);
                    row.put("c_varchar", "row " + i);
                    RowHandle h = s.insert("shop", "items", row);
                    s.insert("shop", "logs", Map.of("a", i, "b", "v" + i));
                    if (i % 10 == 0) {
                        s.update("shop", "items", h, Map.of("c_tiny", 1L));
                    }
                }
                s.commit();
            }
            assertEquals(42_000, t.committed.get(0).rows().size());
            assertEquals(t.committed, t.decodeFromBinlogs(history));
            assertEquals(20_000, t.engine.rowCount("shop", "logs"));
        }
    }
}
