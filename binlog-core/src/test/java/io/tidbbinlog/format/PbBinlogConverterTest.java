package io.tidbbinlog.format;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import io.tidbbinlog.proto.pbbinlog.BinlogType;
import io.tidbbinlog.proto.pbbinlog.Event;
import io.tidbbinlog.proto.pbbinlog.EventType;
import io.tidbbinlog.proto.pbbinlog.column;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.tidbbinlog.format.ConverterFixtures.TABLE;
import static io.tidbbinlog.format.ConverterFixtures.assertSameImages;
import static io.tidbbinlog.format.ConverterFixtures.sampleTxn;
import static io.tidbbinlog.format.ConverterFixtures.sampleRow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected bytes are written by hand: a pb_binlog column is {1: name, 2: tp (1 byte), 3: mysql_type, 4: value,
 * 5: changed_value} and each value one TiDB EncodeValue datum of drainer's formatted value (spec §7.2).
 */
class PbBinlogConverterTest {
    private final PbBinlogConverter converter = new PbBinlogConverter(ZoneOffset.ofHours(8));

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void anInsertedColumnIsNameTypeCodeTypeNameAndOneDatum() {
        Txn txn = Txn.dml(1, 2, 3, List.of(RowChange.insert(TABLE, sampleRow(5))));
        Event event = converter.toPb(txn).getDmlData().getEvents(0);

        assertEquals("test", event.getSchemaName());
        assertEquals("t", event.getTableName());
        assertEquals(EventType.Insert, event.getTp());
        // id: 0a 02 "id" | 12 01 08 (LONGLONG) | 1a 06 "bigint" | 22 02 (08 0a = varint 5)
        assertArrayEquals(hex("0a 02 6964 12 01 08 1a 06 626967696e74 22 02 08 0a"),
                event.getRow(0).toByteArray());
        // u (bigint unsigned 2^64-1): value 09 ff ff ff ff ff ff ff ff ff 01 (uvarint)
        assertArrayEquals(hex("0a 01 75 12 01 08 1a 06 626967696e74 22 0b 09 ffffffffffffffffff01"),
                event.getRow(1).toByteArray());
        // d decimal(10,2) as drainer's text "-12.50": 02 (compact bytes) 0c (zig-zag 6) then the text
        assertArrayEquals(hex("0a 01 64 12 01 f6 1a 07 646563696d616c 22 08 02 0c 2d31322e3530"),
                event.getRow(4).toByteArray());
        // ts rendered in +08:00: "2020-01-02 11:04:05"
        assertEquals("2020-01-02 11:04:05", textOf(event.getRow(5)));
        assertEquals("2021-12-31 23:59:59.123456", textOf(event.getRow(6)));
        assertEquals("-25:03:04", textOf(event.getRow(7)));
        // e enum index 2 as uvarint: 09 02; bt bit 0x201 as uvarint: 09 81 04
        assertArrayEquals(hex("09 02"), valueOf(event.getRow(10)));
        assertArrayEquals(hex("09 81 04"), valueOf(event.getRow(12)));
        // y year 2024 (TiDB keeps YEAR as a signed int datum): 08 (zig-zag 4048 = d0 1f)
        assertArrayEquals(hex("08 d0 1f"), valueOf(event.getRow(8)));
        // f float 1.5: flag 05, comparable float: bits 3ff8000000000000 with the sign bit set
        assertArrayEquals(hex("05 bff8000000000000"), valueOf(event.getRow(9)));
    }

    private static byte[] valueOf(ByteString col) {
        try {
            return column.parseFrom(col).getValue().toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String textOf(ByteString col) {
        byte[] v = valueOf(col);
        assertEquals(0x02, v[0]);
        return new String(Arrays.copyOfRange(v, 2, v.length), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anUpdateCarriesOldValueAndChangedValueForColumnsOfTheNewImage() {
        Object[] before = sampleRow(5);
        Object[] after = sampleRow(5);
        after[2] = "new";
        after[3] = RowChange.ABSENT;
        Event event = converter.toPb(Txn.dml(1, 2, 3, List.of(RowChange.update(TABLE, before, after))))
                .getDmlData().getEvents(0);

        assertEquals(EventType.Update, event.getTp());
        assertEquals(TABLE.columns().size() - 1, event.getRowCount());
        // s: value "héllo" (6 bytes UTF-8, zig-zag 0c), changed_value "new" (zig-zag 06)
        assertArrayEquals(hex("0a 01 73 12 01 0f 1a 07 76617263686172 22 08 02 0c 68c3a96c6c6f 2a 05 02 06 6e6577"),
                event.getRow(2).toByteArray());
    }

    @Test
    void insertsFillAbsentColumnsAndDeletesLeaveThemOut() {
        Object[] row = sampleRow(5);
        row[2] = RowChange.ABSENT;
        Binlog b = converter.toPb(Txn.dml(1, 2, 3, List.of(RowChange.insert(TABLE, row),
                RowChange.delete(TABLE, row))));
        assertEquals("dflt", textOf(b.getDmlData().getEvents(0).getRow(2)));
        assertEquals(TABLE.columns().size() - 1, b.getDmlData().getEvents(1).getRowCount());
    }

    @Test
    void nullIsTheNilFlag() {
        Object[] row = sampleRow(5);
        row[1] = null;
        Event event = converter.toPb(Txn.dml(1, 2, 3, List.of(RowChange.insert(TABLE, row)))).getDmlData()
                .getEvents(0);
        assertArrayEquals(hex("00"), valueOf(event.getRow(1)));
    }

    @Test
    void ddlIsPrefixedWithUseExceptCreateDatabase() {
        Binlog alter = converter.toPb(Txn.ddl(1, 2, new DdlChange("te`st", "t", "ALTER TABLE t ADD c INT", 9, 5, 7)));
        assertEquals(BinlogType.DDL, alter.getTp());
        assertEquals(2, alter.getCommitTs());
        assertEquals("use `te``st`; ALTER TABLE t ADD c INT;", alter.getDdlQuery().toStringUtf8());
        assertFalse(alter.hasDmlData());

        Binlog create = converter.toPb(Txn.ddl(1, 2, new DdlChange("db1", "", "CREATE DATABASE db1", 9, 1, 7)));
        assertEquals("CREATE DATABASE db1;", create.getDdlQuery().toStringUtf8());

        Binlog noSchema = converter.toPb(Txn.ddl(1, 2, new DdlChange("", "", "CREATE USER x", 9, 1, 7)));
        assertEquals("CREATE USER x", noSchema.getDdlQuery().toStringUtf8());
    }

    @Test
    void readingBackGivesTheSameValues() {
        Txn back = converter.fromPb(converter.toPb(sampleTxn()));

        assertEquals(2, back.commitTs());
        assertSameImages(sampleTxn(), back);
        assertEquals("bigint", read(back).type().typeName());
        assertTrue(back.rows().get(0).table().columns().get(1).type().unsigned());
    }

    private static io.tidbbinlog.model.ColumnMeta read(Txn t) {
        return t.rows().get(0).table().columns().get(0);
    }

    @Test
    void aValueThatDoesNotFitItsColumnTypeIsAnErrorNamingTheColumn() {
        column bad = column.newBuilder().setName("d").setTp(ByteString.copyFrom(new byte[] {(byte) 0xf6}))
                .setMysqlType("decimal").setValue(ByteString.copyFrom(hex("02 06 61 62 63"))).build(); // "abc"
        Binlog b = Binlog.newBuilder().setTp(BinlogType.DML).setCommitTs(9).setDmlData(
                io.tidbbinlog.proto.pbbinlog.DMLData.newBuilder().addEvents(Event.newBuilder().setSchemaName("test")
                        .setTableName("t").setTp(EventType.Insert).addRow(bad.toByteString()))).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> converter.fromPb(b));
        assertTrue(e.getMessage().startsWith("column d (decimal) of test.t: "), e.getMessage());
    }

    @Test
    void ddlReadsBackIntoSchemaAndQuery() {
        Binlog b = Binlog.newBuilder().setTp(BinlogType.DDL).setCommitTs(9)
                .setDdlQuery(ByteString.copyFromUtf8("use `a``b`; CREATE TABLE t (id INT);")).build();
        Txn t = converter.fromPb(b);
        assertEquals("a`b", t.ddl().schema());
        assertEquals("CREATE TABLE t (id INT)", t.ddl().query());
        Txn db = converter.fromPb(b.toBuilder().setDdlQuery(ByteString.copyFromUtf8(
                "CREATE DATABASE IF NOT EXISTS `x`;")).build());
        assertEquals("x", db.ddl().schema());
        assertEquals("CREATE DATABASE IF NOT EXISTS `x`;", converter.toPb(db).getDdlQuery().toStringUtf8());
    }
}
