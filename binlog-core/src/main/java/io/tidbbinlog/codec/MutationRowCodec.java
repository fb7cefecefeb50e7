package io.tidbbinlog.codec;

/**
 * The three row layouts of a binlog {@code TableMutation} (TiDB {@code tables.go addInsertBinlog /
 * addUpdateBinlog / addDeleteBinlog}, read back as drainer's translator does):
 * <ul>
 *   <li>inserted_rows: the handle datums (one int handle, or one datum per PK column of a clustered index)
 *       followed by an old-format row;</li>
 *   <li>updated_rows: the old image's old-format row followed by the new image's; a column id seen the first time
 *       is old, the second time new. Tables without an int or common handle carry the handle as pseudo column
 *       {@link #TIDB_ROWID_COLUMN_ID} in both halves;</li>
 *   <li>deleted_rows: one old-format row.</li>
 * </ul>
 */
public final class MutationRowCodec {
    /** Column id of the {@code _tidb_rowid} pseudo column. */
    public static final long TIDB_ROWID_COLUMN_ID = -1;

    private MutationRowCodec() {
    }

    public static byte[] encodeInsert(Datum[] handle, long[] colIds, Datum[] values) {
        DatumWriter out = new DatumWriter(32 + colIds.length * 12);
        for (Datum h : handle) {
            DatumCodec.encodeValue(out, h);
        }
        OldRowCodec.encode(out, colIds, values);
        return out.toByteArray();
    }

    public static InsertRow decodeInsert(byte[] row, int handleDatumCount) {
        return decodeInsert(row, 0, row.length, handleDatumCount);
    }

    public static InsertRow decodeInsert(byte[] row, int off, int len, int handleDatumCount) {
        if (handleDatumCount < 0) {
            throw new IllegalArgumentException("negative handle datum count");
        }
        DatumReader in = new DatumReader(row, off, len);
        Datum[] handle = new Datum[handleDatumCount];
        for (int i = 0; i < handleDatumCount; i++) {
            if (!in.hasRemaining()) {
                throw in.error("truncated insert row: handle datum " + i + " of " + handleDatumCount + " missing");
            }
            try {
                handle[i] = DatumCodec.decode(in);
            } catch (CodecException e) {
                throw e.withColumn("handle[" + i + "]");
            }
        }
        DecodedRow columns = new DecodedRow(12);
        readColumns(in, columns);
        return new InsertRow(handle, columns);
    }

    public static byte[] encodeUpdate(long[] colIds, Datum[] oldValues, Datum[] newValues) {
        DatumWriter out = new DatumWriter(32 + colIds.length * 24);
        OldRowCodec.encode(out, colIds, oldValues);
        OldRowCodec.encode(out, colIds, newValues);
        return out.toByteArray();
    }

    public static UpdateRow decodeUpdate(byte[] row) {
        return decodeUpdate(row, 0, row.length);
    }

    public static UpdateRow decodeUpdate(byte[] row, int off, int len) {
        DatumReader in = new DatumReader(row, off, len);
        DecodedRow oldRow = new DecodedRow(12);
        DecodedRow newRow = new DecodedRow(12);
        while (in.hasRemaining()) {
            if (in.peekUnsignedByte() == DatumCodec.NIL_FLAG) {
                // A half without columns is encoded as a single 0x00; a column id is never NULL.
                in.readUnsignedByte();
                continue;
            }
            long id = OldRowCodec.readColumnId(in);
            Datum value;
            try {
                value = DatumCodec.decode(in);
            } catch (CodecException e) {
                throw e.withColumn("#" + id);
            }
            if (!oldRow.contains(id)) {
                oldRow.add(id, value);
            } else if (!newRow.contains(id)) {
                newRow.add(id, value);
            } else {
                throw CodecException.at("column id " + id + " appears more than twice in an update row",
                        in.position(), in.length());
            }
        }
        return new UpdateRow(oldRow, newRow);
    }

    public static byte[] encodeDelete(long[] colIds, Datum[] values) {
        return OldRowCodec.encode(colIds, values);
    }

    public static DecodedRow decodeDelete(byte[] row) {
        return decodeDelete(row, 0, row.length);
    }

    public static DecodedRow decodeDelete(byte[] row, int off, int len) {
        DatumReader in = new DatumReader(row, off, len);
        DecodedRow columns = new DecodedRow(12);
        readColumns(in, columns);
        return columns;
    }

    private static void readColumns(DatumReader in, DecodedRow columns) {
        if (in.remaining() == 1 && in.peekUnsignedByte() == DatumCodec.NIL_FLAG) {
            in.readUnsignedByte();
            return;
        }
        while (in.hasRemaining()) {
            long id = OldRowCodec.readColumnId(in);
            Datum value;
            try {
                value = DatumCodec.decode(in);
            } catch (CodecException e) {
                throw e.withColumn("#" + id);
            }
            columns.put(id, value);
        }
    }
}
