package io.tidbbinlog.decode;

import com.google.protobuf.ByteString;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.RowOp;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Row bytes in these tests are written by hand from TiDB's layouts (spec §3.1-§3.3): a column id is a varint
 * datum (flag 0x08, zig-zag LEB128), strings are compact bytes (flag 0x02, zig-zag length), unsigned values
 * uvarint (flag 0x09), decimals flag 0x06 + precision + frac + MySQL binary decimal.
 */
class PumpBinlogDecoderTest {
    private static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG,
            ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary", "binary", List.of());
    private static final FieldType VARCHAR = FieldType.of(MysqlType.VARCHAR, 0, 32, 0, "utf8mb4", "utf8mb4_bin",
            List.of());
    private static final FieldType INT_NOT_NULL = FieldType.of(MysqlType.LONG, ColumnFlag.NOT_NULL, 11, 0,
            "binary", "binary", List.of());

    /** t(id BIGINT PRIMARY KEY, name VARCHAR(32), n INT NOT NULL DEFAULT 7), pk_is_handle, table id 45. */
    private static TableInfo intHandleTable() {
        ColumnInfo id = ColumnInfo.of(1, "id", 0, BIGINT_PK);
        ColumnInfo name = ColumnInfo.of(2, "name", 1, VARCHAR);
        ColumnInfo n = ColumnInfo.of(3, "n", 2, INT_NOT_NULL).withOriginDefault("7");
        return TableInfo.of(45, "t", List.of(id, name, n), List.of(), true, false);
    }

    private static final class FixedSchema implements SchemaView {
        final Map<Long, TableInfo> tables = new HashMap<>();
        final Set<Long> changedAfter = new HashSet<>();

        @Override
        public Optional<TableInfo> tableAt(long tableId, long schemaVersion) {
            return Optional.ofNullable(tables.get(tableId));
        }

        @Override
        public Optional<String> schemaNameAt(long tableId, long schemaVersion) {
            return tables.containsKey(tableId) ? Optional.of("test") : Optional.empty();
        }

        @Override
        public boolean changedAfter(long tableId, long schemaVersion) {
            return changedAfter.contains(tableId);
        }
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static Binlog commit(long startTs, long commitTs, TableMutation... mutations) {
        PrewriteValue pv = PrewriteValue.newBuilder().setSchemaVersion(30).addAllMutations(List.of(mutations)).build();
        return Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs).setCommitTs(commitTs)
                .setPrewriteValue(pv.toByteString()).build();
    }

    private static PumpBinlogDecoder decoder(FixedSchema schema) {
        return new PumpBinlogDecoder(schema, jobId -> null);
    }

    @Test
    void insertTakesThePrimaryKeyFromTheHandleAndFillsAnOmittedColumnWithItsOriginDefault() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        // handle 5: 08 0a | col 2: 08 04, "ab": 02 04 61 62   (n omitted, as TiDB's CanSkip never omits
        // a NOT NULL column with a value, but rows written before ADD COLUMN lack it)
        byte[] row = bytes(0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62);
        TableMutation m = TableMutation.newBuilder().setTableId(45).addInsertedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Insert).build();

        Txn txn = decoder(schema).decode(commit(100, 101, m)).orElseThrow();

        assertEquals(101, txn.commitTs());
        assertEquals(100, txn.startTs());
        assertEquals(30, txn.schemaVersion());
        RowChange change = txn.rows().get(0);
        assertEquals(RowOp.INSERT, change.op());
        assertEquals("test", change.table().ref().schema());
        assertEquals("t", change.table().ref().table());
        assertArrayEquals(new Object[] {5L, "ab", 7L}, change.after());
    }

    @Test
    void updateSplitsOldAndNewImagesByFirstAndSecondSightingOfEachColumn() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        // old: id=5, name="ab", n=1 ; new: id=5, name=NULL, n=2
        byte[] row = bytes(
                0x08, 0x02, 0x08, 0x0a,            // col 1 = varint 5
                0x08, 0x04, 0x02, 0x04, 0x61, 0x62, // col 2 = "ab"
                0x08, 0x06, 0x08, 0x02,            // col 3 = varint 1
                0x08, 0x02, 0x08, 0x0a,            // col 1 = 5
                0x08, 0x04, 0x00,                  // col 2 = NULL
                0x08, 0x06, 0x08, 0x04);           // col 3 = 2
        TableMutation m = TableMutation.newBuilder().setTableId(45).addUpdatedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Update).build();

        RowChange change = decoder(schema).decode(commit(100, 101, m)).orElseThrow().rows().get(0);

        assertEquals(RowOp.UPDATE, change.op());
        assertArrayEquals(new Object[] {5L, "ab", 1L}, change.before());
        assertArrayEquals(new Object[] {5L, null, 2L}, change.after());
    }

    @Test
    void anUpdateLackingAColumnIsCorruptUnlessTheTableChangedSince() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        byte[] row = bytes(
                0x08, 0x02, 0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62,
                0x08, 0x02, 0x08, 0x0a, 0x08, 0x04, 0x02, 0x02, 0x63);
        TableMutation m = TableMutation.newBuilder().setTableId(45).addUpdatedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Update).build();

        BinlogDecodeException e = assertThrows(BinlogDecodeException.class,
                () -> decoder(schema).decode(commit(100, 101, m)));
        assertTrue(e.getMessage().contains("test.t"), e.getMessage());
        assertTrue(e.getMessage().contains("column n"), e.getMessage());

        schema.changedAfter.add(45L);
        RowChange change = decoder(schema).decode(commit(100, 101, m)).orElseThrow().rows().get(0);
        assertArrayEquals(new Object[] {5L, "ab", 7L}, change.before());
        assertArrayEquals(new Object[] {5L, "c", 7L}, change.after());
    }

    @Test
    void deleteKeepsColumnsTheRowDoesNotCarryAbsent() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        byte[] row = bytes(0x08, 0x02, 0x08, 0x0a, 0x08, 0x06, 0x08, 0x0e); // id=5, n=7
        TableMutation m = TableMutation.newBuilder().setTableId(45).addDeletedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.DeleteRow).build();

        RowChange change = decoder(schema).decode(commit(100, 101, m)).orElseThrow().rows().get(0);

        assertEquals(RowOp.DELETE, change.op());
        assertEquals(5L, change.before()[0]);
        assertSame(RowChange.ABSENT, change.before()[1]);
        assertEquals(7L, change.before()[2]);
        assertNull(change.after());
    }

    @Test
    void mixedSequencesComeOutInTheOrderTidbAppliedThem() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        byte[] ins1 = bytes(0x08, 0x02, 0x08, 0x06, 0x08, 0x02);           // id 1, n 1
        byte[] ins2 = bytes(0x08, 0x04, 0x08, 0x06, 0x08, 0x04);           // id 2, n 2
        byte[] del = bytes(0x08, 0x02, 0x08, 0x02, 0x08, 0x06, 0x08, 0x02); // id 1, n 1
        TableMutation m = TableMutation.newBuilder().setTableId(45)
                .addInsertedRows(ByteString.copyFrom(ins1)).addInsertedRows(ByteString.copyFrom(ins2))
                .addDeletedRows(ByteString.copyFrom(del))
                .addSequence(MutationType.Insert).addSequence(MutationType.DeleteRow)
                .addSequence(MutationType.Insert).build();

        List<RowChange> rows = decoder(schema).decode(commit(100, 101, m)).orElseThrow().rows();

        assertEquals(List.of(RowOp.INSERT, RowOp.DELETE, RowOp.INSERT), rows.stream().map(RowChange::op).toList());
        assertEquals(1L, rows.get(0).after()[0]);
        assertEquals(1L, rows.get(1).before()[0]);
        assertEquals(2L, rows.get(2).after()[0]);
    }

    @Test
    void clusteredPrimaryKeyColumnsComeFromTheHandleDatums() {
        // t2(k VARCHAR(32), d DECIMAL(6,2), v INT, PRIMARY KEY(k, d) CLUSTERED), table id 46.
        FieldType varcharPk = FieldType.of(MysqlType.VARCHAR, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 32, 0,
                "utf8mb4", "utf8mb4_bin", List.of());
        FieldType decimalPk = FieldType.of(MysqlType.NEWDECIMAL, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 6, 2,
                "binary", "binary", List.of());
        FieldType intCol = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
        IndexInfo pk = new IndexInfo(1, CIStr.of("PRIMARY"), CIStr.of("t2"),
                List.of(new IndexColumn(CIStr.of("k"), 0, -1), new IndexColumn(CIStr.of("d"), 1, -1)),
                SchemaState.PUBLIC.code(), "", 1, true, true, false, false);
        TableInfo t2 = TableInfo.of(46, "t2", List.of(ColumnInfo.of(1, "k", 0, varcharPk),
                ColumnInfo.of(2, "d", 1, decimalPk), ColumnInfo.of(3, "v", 2, intCol)), List.of(pk), false, true);
        FixedSchema schema = new FixedSchema();
        schema.tables.put(46L, t2);
        // handle: "ab" as compact bytes, 12.50 as decimal(6,2): 06 06 02 then binary 80 0c 32
        // (intg 4 digits -> 2 bytes 0x000c with sign bit flipped -> 0x800c; frac 2 digits -> 1 byte 0x32 = 50)
        // row: col 3 = varint 9
        byte[] row = bytes(0x02, 0x04, 0x61, 0x62, 0x06, 0x06, 0x02, 0x80, 0x0c, 0x32, 0x08, 0x06, 0x08, 0x12);
        TableMutation m = TableMutation.newBuilder().setTableId(46).addInsertedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Insert).build();

        RowChange change = decoder(schema).decode(commit(100, 101, m)).orElseThrow().rows().get(0);

        assertArrayEquals(new Object[] {"ab", new BigDecimal("12.50"), 9L}, change.after());
        assertEquals("PRIMARY", change.table().uniqueKeys().get(0).name());
        assertEquals(List.of("k", "d"), change.table().uniqueKeys().get(0).columnNames());
    }

    @Test
    void aTableWithoutClusteredKeyIgnoresTheRowIdPseudoColumn() {
        FieldType intCol = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
        TableInfo t3 = TableInfo.of(47, "t3", List.of(ColumnInfo.of(1, "a", 0, intCol)), List.of(), false, false);
        FixedSchema schema = new FixedSchema();
        schema.tables.put(47L, t3);
        // update: old (a=1, _tidb_rowid=3) new (a=2, _tidb_rowid=3); column id -1 is zig-zag 0x01
        byte[] row = bytes(0x08, 0x02, 0x08, 0x02, 0x08, 0x01, 0x08, 0x06,
                0x08, 0x02, 0x08, 0x04, 0x08, 0x01, 0x08, 0x06);
        TableMutation m = TableMutation.newBuilder().setTableId(47).addUpdatedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Update).build();

        RowChange change = decoder(schema).decode(commit(100, 101, m)).orElseThrow().rows().get(0);

        assertArrayEquals(new Object[] {1L}, change.before());
        assertArrayEquals(new Object[] {2L}, change.after());
    }

    @Test
    void anUnknownTableIsAnErrorNamingItsIdAndTheCommitTs() {
        TableMutation m = TableMutation.newBuilder().setTableId(99).addSequence(MutationType.Insert)
                .addInsertedRows(ByteString.copyFrom(bytes(0x08, 0x02, 0x00))).build();
        BinlogDecodeException e = assertThrows(BinlogDecodeException.class,
                () -> decoder(new FixedSchema()).decode(commit(100, 101, m)));
        assertTrue(e.getMessage().contains("table id 99"), e.getMessage());
        assertTrue(e.getMessage().contains("101"), e.getMessage());
    }

    @Test
    void truncatedRowDataIsAnErrorNamingTableAndColumn() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        byte[] row = bytes(0x08, 0x0a, 0x08, 0x04, 0x02, 0x08, 0x61); // says 4 bytes of string, has 1
        TableMutation m = TableMutation.newBuilder().setTableId(45).addInsertedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Insert).build();
        BinlogDecodeException e = assertThrows(BinlogDecodeException.class,
                () -> decoder(schema).decode(commit(100, 101, m)));
        assertEquals("binlog commit_ts 101: table test.t (#45) inserted_rows[0] (sequence[0]) column name (#2): "
                + "truncated bytes (length 4, 1 remaining) at byte 6 of 7", e.getMessage());
    }

    @Test
    void aSequenceLongerThanItsRowListsIsAnErrorNamingTheTableAndTheEntry() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        TableMutation m = TableMutation.newBuilder().setTableId(45).addSequence(MutationType.DeleteRow).build();
        BinlogDecodeException e = assertThrows(BinlogDecodeException.class,
                () -> decoder(schema).decode(commit(100, 101, m)));
        assertTrue(e.getMessage().startsWith("binlog commit_ts 101: table test.t (#45) sequence[0]"), e.getMessage());
    }

    @Test
    void anIntHandleThatIsNotAnIntegerIsAnErrorNamingThePrimaryKeyColumn() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        // handle: compact bytes "a" instead of a varint
        TableMutation m = TableMutation.newBuilder().setTableId(45)
                .addInsertedRows(ByteString.copyFrom(bytes(0x02, 0x02, 0x61, 0x00))).addSequence(MutationType.Insert)
                .build();
        BinlogDecodeException e = assertThrows(BinlogDecodeException.class,
                () -> decoder(schema).decode(commit(100, 101, m)));
        assertTrue(e.getMessage().contains("column id"), e.getMessage());
    }

    @Test
    void ddlBinlogsTakeTheirTargetFromTheJob() {
        Binlog ddl = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(200).setCommitTs(201)
                .setDdlJobId(77).setDdlSchemaState(5)
                .setDdlQuery(ByteString.copyFromUtf8("ALTER TABLE t ADD COLUMN z INT")).build();
        PumpBinlogDecoder d = new PumpBinlogDecoder(new FixedSchema(),
                id -> id == 77 ? new DdlDescription("test", "t", 45, 5, 31) : null);

        Txn txn = d.decode(ddl).orElseThrow();

        assertTrue(txn.isDdl());
        assertEquals("test", txn.ddl().schema());
        assertEquals("t", txn.ddl().table());
        assertEquals("ALTER TABLE t ADD COLUMN z INT", txn.ddl().query());
        assertEquals(31, txn.schemaVersion());
        assertEquals(5, txn.ddl().actionType());
    }

    @Test
    void aDropColumnsDeleteOnlyNoticeAppliesNothingAndLetsUpdatesLackTheColumnUntilTheJobIsDone() {
        FixedSchema schema = new FixedSchema();
        schema.tables.put(45L, intHandleTable());
        PumpBinlogDecoder d = new PumpBinlogDecoder(schema,
                id -> new DdlDescription("test", "t", 45, 6, id == 80 ? 31 : 32));
        Binlog notice = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(200).setCommitTs(201)
                .setDdlJobId(80).setDdlSchemaState(1)
                .setDdlQuery(ByteString.copyFromUtf8("ALTER TABLE t DROP COLUMN n")).build();
        // old (id 5, name "ab") new (id 5, name "c"): column n, about to be dropped, is in neither image
        byte[] row = bytes(
                0x08, 0x02, 0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62,
                0x08, 0x02, 0x08, 0x0a, 0x08, 0x04, 0x02, 0x02, 0x63);
        TableMutation m = TableMutation.newBuilder().setTableId(45).addUpdatedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Update).build();

        assertTrue(d.decode(notice).isEmpty());
        RowChange change = d.decode(commit(300, 301, m)).orElseThrow().rows().get(0);
        assertArrayEquals(new Object[] {5L, "c", 7L}, change.after());

        Binlog done = notice.toBuilder().setDdlJobId(81).setDdlSchemaState(0).setCommitTs(401).build();
        assertTrue(d.decode(done).orElseThrow().isDdl());
        assertThrows(BinlogDecodeException.class, () -> d.decode(commit(500, 501, m)));
    }

    @Test
    void fakeBinlogsAndPrewritesAreNotTransactions() {
        Binlog fake = Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(5).setCommitTs(5).build();
        assertTrue(PumpBinlogDecoder.isFake(fake));
        assertThrows(BinlogDecodeException.class, () -> decoder(new FixedSchema()).decode(fake));
        Binlog prewrite = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(5).build();
        assertThrows(BinlogDecodeException.class, () -> decoder(new FixedSchema()).decode(prewrite));
    }

    @Test
    void fillValuesFollowDrainer() {
        FieldType ts = FieldType.of(MysqlType.TIMESTAMP, ColumnFlag.NOT_NULL, 19, 0, "binary", "binary", List.of());
        assertEquals(new TidbTime(2020, 1, 2, 3, 4, 5, 0, MysqlType.TIMESTAMP, 0),
                FillValues.of(ColumnInfo.of(1, "ts", 0, ts).withOriginDefault("2020-01-02 03:04:05")));
        FieldType e = FieldType.of(MysqlType.ENUM, ColumnFlag.NOT_NULL, -1, -1, "utf8mb4", "utf8mb4_bin",
                List.of("a", "b"));
        assertEquals(1L, FillValues.of(ColumnInfo.of(1, "e", 0, e)));
        assertEquals(2L, FillValues.of(ColumnInfo.of(1, "e", 0, e).withOriginDefault("b")));
        assertNull(FillValues.of(ColumnInfo.of(1, "v", 0, VARCHAR)));
        assertEquals(0L, FillValues.of(ColumnInfo.of(1, "n", 0, INT_NOT_NULL)));
        FieldType set = FieldType.of(MysqlType.SET, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of("x", "y", "z"));
        assertEquals(5L, FillValues.of(ColumnInfo.of(1, "s", 0, set).withOriginDefault("x,z")));
    }
}
