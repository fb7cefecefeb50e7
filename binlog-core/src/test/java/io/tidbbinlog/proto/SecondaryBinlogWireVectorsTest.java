package io.tidbbinlog.proto;

import static io.tidbbinlog.proto.WireBytes.assertReencodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.proto.secondary.Binlog;
import io.tidbbinlog.proto.secondary.BinlogType;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.proto.secondary.ColumnInfo;
import io.tidbbinlog.proto.secondary.DDLData;
import io.tidbbinlog.proto.secondary.DMLData;
import io.tidbbinlog.proto.secondary.MutationType;
import io.tidbbinlog.proto.secondary.Row;
import io.tidbbinlog.proto.secondary.Table;
import io.tidbbinlog.proto.secondary.TableMutation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-assembled wire bytes for the secondary binlog (tidb-tools tidb-binlog/proto/proto/secondary_binlog.proto,
 * proto2, package slave.binlog), as drainer's Kafka sink writes them: gogo always writes the nullable=false fields
 * ColumnInfo.name/mysql_type/is_primary_key/flen/decimal and Binlog.type/commit_ts.
 */
class SecondaryBinlogWireVectorsTest {
    static final String COLUMN_INFO_ID = """
            0a 02 "id"                                    // 1 name
            12 03 "int"                                   // 2 mysql_type
            18 01                                         // 3 is_primary_key = true
            20 0b                                         // 4 flen = 11
            28 00                                         // 5 decimal = 0
            """; // 15 bytes
    static final String COLUMN_INFO_NAME = """
            0a 04 "name"                                  // 1 name
            12 07 "varchar"                               // 2 mysql_type
            18 00                                         // 3 is_primary_key = false
            20 14                                         // 4 flen = 20
            28 00                                         // 5 decimal = 0
            """; // 21 bytes
    /** Row (1, "abc"): 11 bytes. */
    static final String ROW_NEW = """
            0a 02 10 01                                   // columns[0] { 2 int64_value = 1 }
            0a 05 32 03 "abc"                             // columns[1] { 6 string_value = "abc" }
            """;
    /** Row (1, "xyz"): 11 bytes. */
    static final String ROW_OLD = """
            0a 02 10 01                                   // columns[0] { 2 int64_value = 1 }
            0a 05 32 03 "xyz"                             // columns[1] { 6 string_value = "xyz" }
            """;
    static final String TABLE = "0a 04 \"test\"        // 1 schema_name\n"
            + "12 02 \"t1\"                               // 2 table_name\n"
            + "1a 0f\n" + COLUMN_INFO_ID + "             // 3 column_info[0], 15 bytes\n"
            + "1a 15\n" + COLUMN_INFO_NAME + "           // 3 column_info[1], 21 bytes\n"
            + "22 0f 08 00 12 0b\n" + ROW_NEW + "        // 4 mutations[0], 15 bytes { type = Insert, row }\n"
            + "22 1c 08 01 12 0b\n" + ROW_NEW + "1a 0b\n" + ROW_OLD
            + "                                           // 4 mutations[1], 28 bytes { Update, row = new, change_row = old }\n"
            + "2a 0d 0a 07 \"PRIMARY\" 12 02 \"id\"       // 5 unique_keys[0], 13 bytes { name, column_names[0] }\n";
    // TABLE: 6 + 4 + 17 + 23 + 17 + 30 + 15 = 112 bytes

    @Test
    void columnValueKinds() throws Exception {
        Column isNull = parseColumn("08 01                       // 1 is_null = true");
        assertTrue(isNull.getIsNull());
        assertFalse(isNull.hasInt64Value());

        assertEquals(-5, parseColumn("10 fb ff ff ff ff ff ff ff ff 01  // 2 int64_value = -5").getInt64Value());
        assertEquals(-1L, parseColumn("18 ff ff ff ff ff ff ff ff ff 01  // 3 uint64_value = 2^64-1").getUint64Value());
        assertEquals(1.5, parseColumn("21 00 00 00 00 00 00 f8 3f  // 4 double_value = 1.5 (fixed64, IEEE LE)")
                .getDoubleValue());
        assertEquals(ByteString.copyFrom(new byte[] {1, 2, 3}),
                parseColumn("2a 03 01 02 03              // 5 bytes_value").getBytesValue());
        assertEquals("2019-03-04", parseColumn("32 0a \"2019-03-04\"    // 6 string_value, 10 bytes").getStringValue());
    }

    private static Column parseColumn(String hex) throws Exception {
        byte[] wire = WireBytes.of(hex);
        Column c = Column.parseFrom(wire);
        assertReencodes(wire, c);
        return c;
    }

    @Test
    void columnInfoWithFlenAndDecimal() throws Exception {
        byte[] id = WireBytes.of(COLUMN_INFO_ID);
        ColumnInfo ci = ColumnInfo.parseFrom(id);
        assertEquals("id", ci.getName());
        assertEquals("int", ci.getMysqlType());
        assertTrue(ci.getIsPrimaryKey());
        assertEquals(11, ci.getFlen());
        assertTrue(ci.hasDecimal());
        assertEquals(0, ci.getDecimal());
        assertReencodes(id, ci);

        byte[] price = WireBytes.of("""
                0a 05 "price"                             // 1 name
                12 07 "decimal"                           // 2 mysql_type
                18 00                                     // 3 is_primary_key = false
                20 0a                                     // 4 flen = 10
                28 02                                     // 5 decimal = 2
                """);
        ColumnInfo p = ColumnInfo.parseFrom(price);
        assertEquals(10, p.getFlen());
        assertEquals(2, p.getDecimal());
        assertReencodes(price, p);
    }

    @Test
    void row() throws Exception {
        byte[] wire = WireBytes.of(ROW_NEW);
        Row r = Row.parseFrom(wire);
        assertEquals(2, r.getColumnsCount());
        assertEquals(1, r.getColumns(0).getInt64Value());
        assertEquals("abc", r.getColumns(1).getStringValue());
        assertReencodes(wire, r);
    }

    @Test
    void tableWithColumnsMutationsAndUniqueKeys() throws Exception {
        byte[] wire = WireBytes.of(TABLE);
        assertEquals(112, wire.length);
        Table t = Table.parseFrom(wire);
        assertEquals("test", t.getSchemaName());
        assertEquals("t1", t.getTableName());
        assertEquals(List.of("id", "name"), t.getColumnInfoList().stream().map(ColumnInfo::getName).toList());
        assertEquals(MutationType.Insert, t.getMutations(0).getType());
        assertFalse(t.getMutations(0).hasChangeRow());
        TableMutation upd = t.getMutations(1);
        assertEquals(MutationType.Update, upd.getType());
        assertEquals("abc", upd.getRow().getColumns(1).getStringValue());
        assertEquals("xyz", upd.getChangeRow().getColumns(1).getStringValue());
        assertEquals("PRIMARY", t.getUniqueKeys(0).getName());
        assertEquals(List.of("id"), t.getUniqueKeys(0).getColumnNamesList());
        assertReencodes(wire, t);
    }

    @Test
    void tableMutationWithoutTypeOrRowFailsAsMissingRequiredField() {
        InvalidProtocolBufferException noType = assertThrows(InvalidProtocolBufferException.class,
                () -> TableMutation.parseFrom(WireBytes.of("12 0b\n" + ROW_NEW + " // 2 row only")));
        assertTrue(noType.getMessage().contains("missing required fields: type"), noType.getMessage());

        InvalidProtocolBufferException noRow = assertThrows(InvalidProtocolBufferException.class,
                () -> TableMutation.parseFrom(WireBytes.of("08 00  // 1 type = Insert only")));
        assertTrue(noRow.getMessage().contains("missing required fields: row"), noRow.getMessage());

        // nested: a Binlog whose table holds such a mutation fails as a whole
        InvalidProtocolBufferException nested = assertThrows(InvalidProtocolBufferException.class,
                () -> Binlog.parseFrom(WireBytes.of("""
                        08 00                             // 1 type = DML
                        10 01                             // 2 commit_ts = 1
                        1a 06                             // 3 dml_data { 1 tables[0] { 4 mutations[0] { type } } }
                          0a 04 22 02 08 00
                        """)));
        assertTrue(nested.getMessage().contains("row"), nested.getMessage());
    }

    @Test
    void dmlBinlog() throws Exception {
        byte[] wire = WireBytes.of("08 00                          // 1 type = DML\n"
                + "10 81 80 e0 fd cb fa 8a d4 05                   // 2 commit_ts\n"
                + "1a 72                                           // 3 dml_data, 114 bytes: DMLData {\n"
                + "0a 70\n" + TABLE + "                            //   1 tables[0], 112 bytes }\n");
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.DML, b.getType());
        assertEquals(BinlogWireVectorsTest.COMMIT_TS, b.getCommitTs());
        assertFalse(b.hasDdlData());
        assertFalse(b.hasTimeZone());
        DMLData dml = b.getDmlData();
        assertEquals(1, dml.getTablesCount());
        assertEquals(2, dml.getTables(0).getMutationsCount());
        assertReencodes(wire, b);
        assertReencodes(WireBytes.of("0a 70\n" + TABLE), dml);
    }

    @Test
    void ddlBinlog() throws Exception {
        String ddlData = """
                0a 04 "test"                              // 1 schema_name
                12 02 "t1"                                // 2 table_name
                1a 24 "create table t1 (id int primary key)"  // 3 ddl_query, 36 bytes
                """; // 48 bytes
        byte[] wire = WireBytes.of("08 01                          // 1 type = DDL\n"
                + "10 81 80 e0 fd cb fa 8a d4 05                   // 2 commit_ts\n"
                + "22 30\n" + ddlData + "                          // 4 ddl_data, 48 bytes\n");
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.DDL, b.getType());
        DDLData d = b.getDdlData();
        assertEquals("test", d.getSchemaName());
        assertEquals("t1", d.getTableName());
        assertEquals("create table t1 (id int primary key)", d.getDdlQuery().toStringUtf8());
        assertFalse(b.hasDmlData());
        assertReencodes(wire, b);
        assertReencodes(WireBytes.of(ddlData), d);
    }
}
