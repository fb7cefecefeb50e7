package io.tidbbinlog.format;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import io.tidbbinlog.proto.pbbinlog.BinlogType;
import io.tidbbinlog.proto.pbbinlog.DMLData;
import io.tidbbinlog.proto.pbbinlog.Event;
import io.tidbbinlog.proto.pbbinlog.EventType;
import io.tidbbinlog.proto.pbbinlog.column;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pb_binlog records as drainer writes them when a column is filled from its origin default.
 *
 * <p>Drainer's {@code getDefaultOrZeroValue} ({@code tidb-binlog drainer/translator/translator.go}) returns
 * {@code types.NewDatum(col.GetOriginDefaultValue())}: TiDB keeps origin defaults as strings in the table
 * info, so that is a string datum. {@code formatData} ({@code mysql.go}) leaves integer and floating-point
 * columns as they are, and {@code encodeRow} ({@code pb.go}) encodes the datum with {@code codec.EncodeValue}: a
 * compact-bytes datum (flag 0x02, zig-zag varint length, the text) where a decoded row value would be an
 * integer or float datum. Reparo passes such a value to SQL as it is ({@code reparo/syncer/util.go
 * formatValue} leaves integers alone), and MySQL converts the text. Reading it back must give the column's number.
 *
 * <p>Bytes are written by hand: column = {1: name, 2: tp, 3: mysql_type, 4: value} (spec §7.2).
 */
class PbOriginDefaultFillFidelityTest {
    private static ByteString hex(String s) {
        return ByteString.copyFrom(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    private static Txn read(ByteString... columns) {
        Event.Builder e = Event.newBuilder().setSchemaName("test").setTableName("t").setTp(EventType.Insert);
        for (ByteString c : columns) {
            e.addRow(c);
        }
        Binlog b = Binlog.newBuilder().setTp(BinlogType.DML).setCommitTs(9)
                .setDmlData(DMLData.newBuilder().addEvents(e)).build();
        return new PbBinlogConverter(ZoneOffset.UTC).fromPb(b);
    }

    @Test
    void integerColumnWhoseValueIsTheOriginDefaultTextReadsAsItsNumber() throws Exception {
        // n INT (tp 0x03, "int"), value: 02 (compact bytes) 02 (zig-zag length 1) "7"
        ByteString n = hex("0a 01 6e 12 01 03 1a 03 696e74 22 03 02 02 37");
        assertEquals("n", column.parseFrom(n).getName());
        RowChange row = read(n).rows().get(0);
        assertEquals(7L, row.after()[0]);
    }

    @Test
    void bigintUnsignedDefaultBeyondSignedRangeKeepsItsSixtyFourBits() {
        // u BIGINT UNSIGNED (tp 0x08, "bigint") DEFAULT 18446744073709551615: 20 characters, zig-zag 40 = 0x28
        ByteString u = hex("0a 01 75 12 01 08 1a 06 626967696e74 22 16 02 28"
                + "3138343436373434303733373039353531363135");
        assertEquals(-1L, read(u).rows().get(0).after()[0]);
    }

    @Test
    void yearAndDoubleColumnsWhoseValueIsTheOriginDefaultTextReadAsNumbers() {
        // y YEAR (tp 0x0d, "year") "2024": 02 08 "2024"; x DOUBLE (tp 0x05, "double") "1.5": 02 06 "1.5"
        ByteString y = hex("0a 01 79 12 01 0d 1a 04 79656172 22 06 02 08 32303234");
        ByteString x = hex("0a 01 78 12 01 05 1a 06 646f75626c65 22 05 02 06 312e35");
        // f FLOAT (tp 0x04, "float") "0.25": 02 08 "0.25"
        ByteString f = hex("0a 01 66 12 01 04 1a 05 666c6f6174 22 06 02 08 302e3235");
        Object[] after = read(y, x, f).rows().get(0).after();
        assertEquals(2024L, after[0]);
        assertEquals(1.5d, after[1]);
        assertEquals(0.25f, after[2]);
    }
}
