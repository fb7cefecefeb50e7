package io.tidbbinlog.proto;

import static io.tidbbinlog.proto.WireBytes.assertReencodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import io.tidbbinlog.proto.pbbinlog.BinlogType;
import io.tidbbinlog.proto.pbbinlog.DMLData;
import io.tidbbinlog.proto.pbbinlog.Event;
import io.tidbbinlog.proto.pbbinlog.EventType;
import io.tidbbinlog.proto.pbbinlog.column;
import org.junit.jupiter.api.Test;

/**
 * Hand-assembled wire bytes for drainer's file payload (tidb-binlog proto/pb_binlog.proto, proto2, package
 * pb_binlog): gogo always writes column.name, column.mysql_type, Event.tp, Binlog.tp and Binlog.commit_ts. Column
 * values are TiDB EncodeValue datums (flag 8 = varint of the zig-zag value, flag 2 = compact bytes: zig-zag varint
 * length then bytes), per spec section 7.2.
 */
class PbBinlogWireVectorsTest {
    static final String COLUMN_ID = """
            0a 02 "id"                                    // 1 name
            12 01 03                                      // 2 tp: one byte, MySQL type 0x03 (long)
            1a 03 "int"                                   // 3 mysql_type
            22 02 08 02                                   // 4 value: datum flag 8 (varint), zig-zag(1) = 2
            """; // 16 bytes
    static final String COLUMN_NAME_UPDATED = """
            0a 04 "name"                                  // 1 name
            12 01 0f                                      // 2 tp: 0x0f (varchar)
            1a 07 "varchar"                               // 3 mysql_type
            22 05 02 06 "abc"                             // 4 value (old): flag 2, zig-zag(3) = 6, bytes
            2a 05 02 06 "xyz"                             // 5 changed_value (new)
            """; // 32 bytes
    static final String EVENT = "0a 04 \"test\"         // 1 schema_name\n"
            + "12 02 \"t1\"                                // 2 table_name\n"
            + "18 01                                       // 3 tp = Update\n"
            + "22 10\n" + COLUMN_ID + "                    // 4 row[0]: serialized column, 16 bytes\n"
            + "22 20\n" + COLUMN_NAME_UPDATED + "          // 4 row[1]: 32 bytes\n";
    // EVENT: 6 + 4 + 2 + 18 + 34 = 64 bytes

    @Test
    void columns() throws Exception {
        byte[] id = WireBytes.of(COLUMN_ID);
        column c = column.parseFrom(id);
        assertEquals("id", c.getName());
        assertEquals(ByteString.copyFrom(new byte[] {3}), c.getTp());
        assertEquals("int", c.getMysqlType());
        assertEquals(ByteString.copyFrom(new byte[] {8, 2}), c.getValue());
        assertFalse(c.hasChangedValue());
        assertReencodes(id, c);

        byte[] name = WireBytes.of(COLUMN_NAME_UPDATED);
        column n = column.parseFrom(name);
        assertEquals(ByteString.copyFrom(WireBytes.of("02 06 \"abc\"")), n.getValue());
        assertEquals(ByteString.copyFrom(WireBytes.of("02 06 \"xyz\"")), n.getChangedValue());
        assertReencodes(name, n);
    }

    @Test
    void event() throws Exception {
        byte[] wire = WireBytes.of(EVENT);
        assertEquals(64, wire.length);
        Event e = Event.parseFrom(wire);
        assertEquals("test", e.getSchemaName());
        assertEquals("t1", e.getTableName());
        assertEquals(EventType.Update, e.getTp());
        assertEquals(2, e.getRowCount());
        assertEquals("name", column.parseFrom(e.getRow(1)).getName());
        assertReencodes(wire, e);
    }

    @Test
    void dmlBinlog() throws Exception {
        byte[] wire = WireBytes.of("08 00                           // 1 tp = DML\n"
                + "10 81 80 e0 fd cb fa 8a d4 05                    // 2 commit_ts\n"
                + "1a 42                                            // 3 dml_data, 66 bytes: DMLData {\n"
                + "0a 40\n" + EVENT + "                             //   1 events[0], 64 bytes }\n");
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.DML, b.getTp());
        assertEquals(BinlogWireVectorsTest.COMMIT_TS, b.getCommitTs());
        assertFalse(b.hasDdlQuery());
        DMLData d = b.getDmlData();
        assertEquals(1, d.getEventsCount());
        assertReencodes(wire, b);
    }

    @Test
    void ddlBinlogCarriesTheUsePrefixedQuery() throws Exception {
        byte[] wire = WireBytes.of("""
                08 01                                     // 1 tp = DDL
                10 81 80 e0 fd cb fa 8a d4 05             // 2 commit_ts
                22 31 "use `test`; create table t1 (id int primary key);"  // 4 ddl_query, 49 bytes
                """);
        Binlog b = Binlog.parseFrom(wire);
        assertEquals(BinlogType.DDL, b.getTp());
        assertEquals("use `test`; create table t1 (id int primary key);", b.getDdlQuery().toStringUtf8());
        assertFalse(b.hasDmlData());
        assertReencodes(wire, b);
    }
}
