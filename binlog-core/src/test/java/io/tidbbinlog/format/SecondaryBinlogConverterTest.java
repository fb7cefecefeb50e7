package io.tidbbinlog.format;

import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.secondary.Binlog;
import io.tidbbinlog.proto.secondary.BinlogType;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.proto.secondary.ColumnInfo;
import io.tidbbinlog.proto.secondary.MutationType;
import io.tidbbinlog.proto.secondary.Table;
import io.tidbbinlog.proto.secondary.TableMutation;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
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

/** What drainer's Kafka sink puts in each Column, per TiDB type name (spec §8.2). */
class SecondaryBinlogConverterTest {
    private final SecondaryBinlogConverter converter = new SecondaryBinlogConverter(ZoneOffset.ofHours(8));

    @Test
    void eachTypeLandsInTheFieldDrainerUses() {
        Binlog b = converter.toSecondary(Txn.dml(1, 42, 3, List.of(RowChange.insert(TABLE, sampleRow(5)))));

        assertEquals(BinlogType.DML, b.getType());
        assertEquals(42, b.getCommitTs());
        assertFalse(b.hasTimeZone());
        Table t = b.getDmlData().getTables(0);
        assertEquals("test", t.getSchemaName());
        assertEquals("t", t.getTableName());
        ColumnInfo id = t.getColumnInfo(0);
        assertEquals("id", id.getName());
        assertEquals("bigint", id.getMysqlType());
        assertTrue(id.getIsPrimaryKey());
        assertEquals(20, id.getFlen());
        assertEquals("PRIMARY", t.getUniqueKeys(0).getName());
        assertEquals(List.of("id"), t.getUniqueKeys(0).getColumnNamesList());

        TableMutation m = t.getMutations(0);
        assertEquals(MutationType.Insert, m.getType());
        List<Column> c = m.getRow().getColumnsList();
        assertEquals(5, c.get(0).getInt64Value());
        assertEquals(-1L, c.get(1).getUint64Value());
        assertFalse(c.get(1).hasInt64Value());
        assertEquals("héllo", c.get(2).getStringValue());
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, c.get(3).getBytesValue().toByteArray());
        assertEquals("-12.50", c.get(4).getStringValue());
        assertEquals("2020-01-02 11:04:05", c.get(5).getStringValue());
        assertEquals("2021-12-31 23:59:59.123456", c.get(6).getStringValue());
        assertEquals("-25:03:04", c.get(7).getStringValue());
        assertEquals("2024", c.get(8).getStringValue());
        assertEquals(1.5, c.get(9).getDoubleValue());
        assertEquals(2, c.get(10).getUint64Value());
        assertEquals(3, c.get(11).getUint64Value());
        // BIT(10) is two bytes, big-endian
        assertArrayEquals(HexFormat.of().parseHex("0201"), c.get(12).getBytesValue().toByteArray());
        assertEquals("{\"a\": [1, 2]}", c.get(13).getBytesValue().toStringUtf8());
        c.forEach(col -> assertFalse(col.hasIsNull()));
    }

    @Test
    void updatePutsTheNewImageInRowAndTheOldInChangeRowAndAbsentColumnsAsNull() {
        Object[] before = sampleRow(5);
        Object[] after = sampleRow(6);
        after[2] = RowChange.ABSENT;
        TableMutation m = converter.toSecondary(Txn.dml(1, 2, 3, List.of(RowChange.update(TABLE, before, after))))
                .getDmlData().getTables(0).getMutations(0);

        assertEquals(MutationType.Update, m.getType());
        assertEquals(6, m.getRow().getColumns(0).getInt64Value());
        assertEquals(5, m.getChangeRow().getColumns(0).getInt64Value());
        assertTrue(m.getRow().getColumns(2).getIsNull());
        assertEquals("héllo", m.getChangeRow().getColumns(2).getStringValue());
    }

    @Test
    void insertAndDeleteFillAbsentColumnsAndNullIsOnlyIsNull() {
        Object[] row = sampleRow(5);
        row[2] = RowChange.ABSENT;
        row[4] = null;
        Binlog b = converter.toSecondary(Txn.dml(1, 2, 3, List.of(RowChange.insert(TABLE, row),
                RowChange.delete(TABLE, row))));
        Table t = b.getDmlData().getTables(0);
        assertEquals(1, b.getDmlData().getTablesCount(), "consecutive rows of one table share a Table");
        for (TableMutation m : t.getMutationsList()) {
            assertEquals("dflt", m.getRow().getColumns(2).getStringValue());
            Column nul = m.getRow().getColumns(4);
            assertTrue(nul.getIsNull());
            assertEquals(Column.newBuilder().setIsNull(true).build(), nul);
        }
        assertEquals(MutationType.Delete, t.getMutations(1).getType());
        assertFalse(t.getMutations(1).hasChangeRow());
    }

    @Test
    void ddlCarriesSchemaTableAndTheRawQuery() {
        Binlog b = converter.toSecondary(Txn.ddl(1, 9, new DdlChange("test", "t", "ALTER TABLE t ADD c INT", 3, 5, 7)));
        assertEquals(BinlogType.DDL, b.getType());
        assertEquals(9, b.getCommitTs());
        assertEquals("test", b.getDdlData().getSchemaName());
        assertEquals("t", b.getDdlData().getTableName());
        assertEquals("ALTER TABLE t ADD c INT", b.getDdlData().getDdlQuery().toStringUtf8());
        assertFalse(b.hasDmlData());
    }

    @Test
    void readingBackGivesTheSameValues() {
        Txn back = converter.fromSecondary(converter.toSecondary(sampleTxn()));

        assertSameImages(sampleTxn(), back);
        assertEquals("PRIMARY", back.rows().get(0).table().uniqueKeys().get(0).name());
        assertTrue(back.rows().get(0).table().columns().get(1).type().unsigned());
    }
}
