package io.tidbbinlog.sim.txn;

import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DecodedRow;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.TableInfo;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.tidbbinlog.sim.txn.Fixtures.SHOP;
import static io.tidbbinlog.sim.txn.Fixtures.index;
import static io.tidbbinlog.sim.txn.Fixtures.num;
import static io.tidbbinlog.sim.txn.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Row bytes against hand-written expectations from TiDB's layouts (spec §3.1-§3.3, tables.go addInsertBinlog /
 * addUpdateBinlog / addDeleteBinlog, tablecodec EncodeOldRow / EncodeRowKeyWithHandle). Reminders: a column id
 * or signed value is a varint datum (0x08, zig-zag LEB128: 1 -> 02, 2 -> 04, -1 -> 01), a string compact bytes
 * (0x02, zig-zag length), NULL is 0x00, unsigned values uvarint (0x09).
 */
class RowLayoutTest {
    private static final long INT_ID = 201;
    private static final long ROWID_ID = 202;
    private static final long COMMON_ID = 203;
    private static final long TS_ID = 204;

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static InMemoryCatalog catalog() {
        Fixtures.TableColumns intCols = new Fixtures.TableColumns()
                .add("id", num(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20))
                .add("name", text(MysqlType.VARCHAR, 0, 32))
                .add("n", num(MysqlType.LONG, 0, 11));
        Fixtures.TableColumns rowIdCols = new Fixtures.TableColumns()
                .add("a", num(MysqlType.LONG, 0, 11))
                .add("b", text(MysqlType.VARCHAR, 0, 8));
        Fixtures.TableColumns commonCols = new Fixtures.TableColumns()
                .add("k", text(MysqlType.VARCHAR, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 8))
                .add("c", text(MysqlType.STRING, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 4))
                .add("v", num(MysqlType.LONG, 0, 11));
        Fixtures.TableColumns tsCols = new Fixtures.TableColumns()
                .add("id", num(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20))
                .add("ts", FieldType.of(MysqlType.TIMESTAMP, 0, 19, 0, "binary", "binary", List.of()))
                .add("dt", FieldType.of(MysqlType.DATETIME, 0, 19, 0, "binary", "binary", List.of()));
        return new InMemoryCatalog().database(SHOP)
                .table(SHOP.id(), TableInfo.of(INT_ID, "t_int", intCols.list, List.of(), true, false))
                .table(SHOP.id(), TableInfo.of(ROWID_ID, "t_rowid", rowIdCols.list, List.of(), false, false))
                .table(SHOP.id(), TableInfo.of(COMMON_ID, "t_common", commonCols.list,
                        List.of(index(1, "PRIMARY", "t_common", true, commonCols, "k", "c")), false, true))
                .table(SHOP.id(), TableInfo.of(TS_ID, "t_ts", tsCols.list, List.of(), true, false));
    }

    private static TableMutation onlyMutation(Binlog prewrite) throws Exception {
        PrewriteValue pv = PrewriteValue.parseFrom(prewrite.getPrewriteValue());
        assertEquals(1, pv.getMutationsCount());
        return pv.getMutations(0);
    }

    @Test
    void intHandleTableInsertsHandleThenRowWithoutPkAndNullWithoutDefault() throws Exception {
        try (TestEngine t = new TestEngine(catalog()); Session s = t.engine.openSession(ZoneId.of("UTC"))) {
            s.begin();
            RowHandle h = s.insert("shop", "t_int", Map.of("id", 5L, "name", "ab"));
            s.commit();
            s.begin();
            s.update("shop", "t_int", h, Map.of("n", 7L));
            s.commit();

            Binlog insert = t.writer.prewrites().get(0);
            // handle 5 | name(2)="ab"; id is the handle and n is NULL without default: both left out (CanSkip)
            assertArrayEquals(bytes(0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62),
                    onlyMutation(insert).getInsertedRows(0).toByteArray());
            // primary key = t{201}_r{5}
            assertArrayEquals(bytes('t', 0x80, 0, 0, 0, 0, 0, 0, 0xc9, '_', 'r', 0x80, 0, 0, 0, 0, 0, 0, 5),
                    insert.getPrewriteKey().toByteArray());
            // old row (all columns) ‖ new row; no _tidb_rowid with an int handle
            assertArrayEquals(bytes(0x08, 0x02, 0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62, 0x08, 0x06, 0x00,
                            0x08, 0x02, 0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62, 0x08, 0x06, 0x08, 0x0e),
                    onlyMutation(t.writer.prewrites().get(1)).getUpdatedRows(0).toByteArray());
        }
    }

    @Test
    void tableWithoutHandleColumnCarriesTidbRowidAsColumnMinusOneInUpdatesAndDeletes() throws Exception {
        try (TestEngine t = new TestEngine(catalog()); Session s = t.engine.openSession(ZoneId.of("UTC"))) {
            s.begin();
            RowHandle h = s.insert("shop", "t_rowid", Map.of("a", 1L, "b", "x"));
            s.update("shop", "t_rowid", h, Map.of("b", "y"));
            s.delete("shop", "t_rowid", h);
            s.commit();

            assertEquals(1, h.intValue()); // first _tidb_rowid
            TableMutation m = onlyMutation(t.writer.prewrites().get(0));
            assertArrayEquals(bytes(0x08, 0x02, 0x08, 0x02, 0x08, 0x02, 0x08, 0x04, 0x02, 0x02, 'x'),
                    m.getInsertedRows(0).toByteArray());
            assertArrayEquals(bytes(0x08, 0x02, 0x08, 0x02, 0x08, 0x04, 0x02, 0x02, 'x', 0x08, 0x01, 0x08, 0x02,
                            0x08, 0x02, 0x08, 0x02, 0x08, 0x04, 0x02, 0x02, 'y', 0x08, 0x01, 0x08, 0x02),
                    m.getUpdatedRows(0).toByteArray());
            assertArrayEquals(bytes(0x08, 0x02, 0x08, 0x02, 0x08, 0x04, 0x02, 0x02, 'y', 0x08, 0x01, 0x08, 0x02),
                    m.getDeletedRows(0).toByteArray());
        }
    }

    @Test
    void clusteredTableInsertsPkDatumsThenKeepsOnlyColumnsNeedingRestoredData() throws Exception {
        try (TestEngine t = new TestEngine(catalog()); Session s = t.engine.openSession(ZoneId.of("UTC"))) {
            s.begin();
            s.insert("shop", "t_common", Map.of("k", "ab", "c", "cd", "v", 3L));
            s.commit();

            Binlog p = t.writer.prewrites().get(0);
            // handle datums k="ab", c="cd" | k (VARCHAR needs restored data) | v=3; c (CHAR, _bin) is in the key
            assertArrayEquals(bytes(0x02, 0x04, 'a', 'b', 0x02, 0x04, 'c', 'd', 0x08, 0x02, 0x02, 0x04, 'a', 'b',
                    0x08, 0x06, 0x08, 0x06), onlyMutation(p).getInsertedRows(0).toByteArray());
            // t{203}_r + memcomparable key datums (flag 1, 8-byte groups, marker 0xff - pad)
            assertArrayEquals(bytes('t', 0x80, 0, 0, 0, 0, 0, 0, 0xcb, '_', 'r',
                    0x01, 'a', 'b', 0, 0, 0, 0, 0, 0, 0xf9, 0x01, 'c', 'd', 0, 0, 0, 0, 0, 0, 0xf9),
                    p.getPrewriteKey().toByteArray());
        }
    }

    @Test
    void timestampIsConvertedFromTheSessionZoneToUtcAndDatetimeIsNot() throws Exception {
        try (TestEngine t = new TestEngine(catalog());
             Session s = t.engine.openSession(ZoneId.of("America/New_York"))) {
            assertEquals(ZoneId.of("America/New_York"), s.timeZone());
            TidbTime noonTs = new TidbTime(2024, 7, 1, 12, 0, 0, 0, MysqlType.TIMESTAMP, 0);
            TidbTime noonDt = new TidbTime(2024, 7, 1, 12, 0, 0, 0, MysqlType.DATETIME, 0);
            s.begin();
            s.insert("shop", "t_ts", Map.of("id", 1L, "ts", noonTs, "dt", noonDt));
            s.commit();

            DecodedRow row = MutationRowCodec.decodeInsert(
                    onlyMutation(t.writer.prewrites().get(0)).getInsertedRows(0).toByteArray(), 1).columns();
            // 12:00 EDT is 16:00 UTC
            assertEquals(Datum.ofUint(new TidbTime(2024, 7, 1, 16, 0, 0, 0, MysqlType.TIMESTAMP, 0).toPacked()),
                    row.get(2));
            assertEquals(Datum.ofUint(noonDt.toPacked()), row.get(3));
        }
    }
}
