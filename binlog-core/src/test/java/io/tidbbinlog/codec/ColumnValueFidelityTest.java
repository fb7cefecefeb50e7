package io.tidbbinlog.codec;

import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Column values flattened as TiDB's table code does before tablecodec.EncodeOldRow. */
class ColumnValueFidelityTest {

    private static String flattened(Object v, io.tidbbinlog.schema.FieldType ft) {
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, ColumnValueCodec.toDatum(v, ft));
        return Hex.of(w.toByteArray());
    }

    /*
     * pkg/types/datum.go convertToFloat: for a FLOAT column the cast ends in ret.SetFloat32(float32(f)), and
     * codec.EncodeValue writes that float32 widened to float64 (floatFlag 05 + comparable bits). 0.1 as float32 is
     * 0x3dcccccd, widened 0x3fb99999a0000000, comparable (sign bit set) bfb99999a0000000; the double 0.1 itself
     * (3fb999999999999a) never reaches a FLOAT column's row.
     */
    @Test
    void floatColumnValueIsNarrowedToFloat32BeforeEncoding() {
        assertEquals("05bfb99999a0000000", flattened(0.1d, ColumnTypes.of(MysqlType.FLOAT)));
        assertEquals("05bfb99999a0000000", flattened(0.1f, ColumnTypes.of(MysqlType.FLOAT)));
        // DOUBLE keeps all 64 bits.
        assertEquals("05bfb999999999999a", flattened(0.1d, ColumnTypes.of(MysqlType.DOUBLE)));
    }
}
