package io.tidbbinlog.sim.txn;

import io.tidbbinlog.codec.DatumWriter;

import java.nio.charset.StandardCharsets;

/**
 * TiKV keys as TiDB's {@code tablecodec} and {@code structure} packages build them.
 */
final class RecordKeys {
    private static final byte[] RECORD_SEP = "_r".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INDEX_SEP = "_i".getBytes(StandardCharsets.US_ASCII);

    private RecordKeys() {
    }

    /**
     * {@code t{tableID}_r{handle}}: the table id and an int handle as comparable 8-byte ints, a common handle as its
     * key datums ({@code tablecodec.EncodeRowKeyWithHandle}).
     */
    static byte[] recordKey(long physicalTableId, RowHandle handle) {
        byte[] h = handle.encodedShared();
        DatumWriter out = new DatumWriter(11 + h.length);
        out.writeByte('t');
        out.writeUint64(physicalTableId ^ Long.MIN_VALUE);
        out.writeBytes(RECORD_SEP);
        out.writeBytes(h);
        return out.toByteArray();
    }

    /** {@code t{tableID}_i{indexID}{values}}: the prefix of a unique index entry ({@code EncodeIndexSeekKey}). */
    static byte[] indexKey(long physicalTableId, long indexId, byte[] encodedValues) {
        DatumWriter out = new DatumWriter(19 + encodedValues.length);
        out.writeByte('t');
        out.writeUint64(physicalTableId ^ Long.MIN_VALUE);
        out.writeBytes(INDEX_SEP);
        out.writeUint64(indexId ^ Long.MIN_VALUE);
        out.writeBytes(encodedValues);
        return out.toByteArray();
    }

    /**
     * The key of a finished job in the DDL history hash, {@code m DDLJobHistory h {jobID}} in TiDB's meta structure
     * encoding ({@code structure.encodeHashDataKey}: 'm', memcomparable key, uint64 'h', memcomparable field; the
     * field is the job id as 8 big-endian bytes). A DDL transaction writes it, and as the smallest key it writes,
     * it is the transaction's primary key.
     */
    static byte[] ddlHistoryKey(long jobId) {
        DatumWriter out = new DatumWriter(48);
        out.writeByte('m');
        writeMemComparable(out, "DDLJobHistory".getBytes(StandardCharsets.US_ASCII));
        out.writeUint64('h');
        DatumWriter field = new DatumWriter(8);
        field.writeUint64(jobId);
        writeMemComparable(out, field.toByteArray());
        return out.toByteArray();
    }

    /** TiDB's {@code codec.EncodeBytes}: 8-byte groups, each followed by 0xFF minus its pad count. */
    private static void writeMemComparable(DatumWriter out, byte[] b) {
        for (int idx = 0; idx <= b.length; idx += 8) {
            int remain = b.length - idx;
            if (remain >= 8) {
                out.writeBytes(b, idx, 8);
                out.writeByte(0xff);
            } else {
                out.writeBytes(b, idx, remain);
                int pad = 8 - remain;
                for (int i = 0; i < pad; i++) {
                    out.writeByte(0);
                }
                out.writeByte(0xff - pad);
            }
        }
    }
}
