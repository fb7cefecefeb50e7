package io.tidbbinlog.sim.workload;

import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DatumCodec;
import io.tidbbinlog.codec.DatumReader;
import io.tidbbinlog.codec.DatumWriter;
import io.tidbbinlog.schema.FieldType;

import java.math.BigDecimal;
import java.util.HexFormat;

/** Test helpers: a model value through binlog-core's row value codec and back, and a comparable rendering. */
final class ModelValues {
    private ModelValues() {
    }

    /** flatten (toDatum), encode the datum as a row value, decode it, unflatten (toModelValue). */
    static Object throughRowCodec(Object value, FieldType ft) {
        Datum d = ColumnValueCodec.toDatum(value, ft);
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, d);
        DatumReader r = new DatumReader(w.toByteArray());
        Datum back = DatumCodec.decode(r);
        if (r.hasRemaining()) {
            throw new AssertionError("datum of " + value + " left " + r.remaining() + " bytes");
        }
        return ColumnValueCodec.toModelValue(back, ft);
    }

    /** A rendering that is equal exactly when the values are (byte arrays by content, decimals with their scale). */
    static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toString() + "@scale" + d.scale();
        }
        return v.getClass().getSimpleName() + ":" + v;
    }
}
