package io.tidbbinlog.codec;

/**
 * TiDB's "old" row format ({@code tablecodec.EncodeOldRow}), the only one binlog rows use:
 * {@code colID₁ value₁ colID₂ value₂ ...}, each column id an int64 datum (varint flag) and each value a datum as
 * {@link DatumCodec#encodeValue} writes it. A row without columns is the single byte {@code 0x00}.
 */
public final class OldRowCodec {
    private static final byte[] EMPTY_ROW = {0};

    private OldRowCodec() {
    }

    public static byte[] encode(long[] columnIds, Datum[] values) {
        DatumWriter out = new DatumWriter(16 + columnIds.length * 12);
        encode(out, columnIds, values);
        return out.toByteArray();
    }

    public static void encode(DatumWriter out, long[] columnIds, Datum[] values) {
        if (columnIds.length != values.length) {
            throw new IllegalArgumentException(columnIds.length + " column ids for " + values.length + " values");
        }
        if (columnIds.length == 0) {
            out.writeBytes(EMPTY_ROW);
            return;
        }
        for (int i = 0; i < columnIds.length; i++) {
            out.writeByte(DatumCodec.VARINT_FLAG);
            out.writeVarint(columnIds[i]);
            DatumCodec.encodeValue(out, values[i]);
        }
    }

    /** Decodes {@code row[off, off+len)} and hands each column to {@code v}. */
    public static void decode(byte[] row, int off, int len, RowVisitor v) {
        DatumReader in = new DatumReader(row, off, len);
        if (len == 1 && row[off] == DatumCodec.NIL_FLAG) {
            return;
        }
        while (in.hasRemaining()) {
            long id = readColumnId(in);
            Datum value;
            try {
                value = DatumCodec.decode(in);
            } catch (CodecException e) {
                throw e.withColumn("#" + id);
            }
            v.column(id, value);
        }
    }

    /** Reads a column id datum (varint, or the comparable int flag that TiDB's decoder also accepts). */
    static long readColumnId(DatumReader in) {
        int at = in.position();
        int flag = in.readUnsignedByte();
        switch (flag) {
            case DatumCodec.VARINT_FLAG:
                return in.readVarint("column id");
            case DatumCodec.INT_FLAG:
                return in.readUint64("column id") ^ 0x8000000000000000L;
            case DatumCodec.UVARINT_FLAG:
                return in.readUvarint("column id");
            case DatumCodec.UINT_FLAG:
                return in.readUint64("column id");
            default:
                throw CodecException.at("expected a column id, found datum flag " + flag, at, in.length());
        }
    }
}
