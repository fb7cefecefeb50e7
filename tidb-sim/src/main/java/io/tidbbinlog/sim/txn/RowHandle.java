package io.tidbbinlog.sim.txn;

import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DatumCodec;
import io.tidbbinlog.codec.DatumWriter;

import java.util.Arrays;
import java.util.List;

/**
 * Which row of a table: TiDB's {@code kv.Handle}. Either an int handle (the integer primary key, or the hidden
 * {@code _tidb_rowid}) or a common handle (the clustered primary key's datums, as they are encoded in the row key).
 * Two handles are equal when they encode to the same key bytes.
 */
public final class RowHandle {
    private final boolean common;
    private final long intValue;
    private final Datum[] datums;
    private final byte[] encoded;

    private RowHandle(boolean common, long intValue, Datum[] datums, byte[] encoded) {
        this.common = common;
        this.intValue = intValue;
        this.datums = datums;
        this.encoded = encoded;
    }

    public static RowHandle ofInt(long handle) {
        DatumWriter out = new DatumWriter(8);
        out.writeUint64(handle ^ Long.MIN_VALUE);
        return new RowHandle(false, handle, null, out.toByteArray());
    }

    /**
     * A common handle from the key datums of the clustered primary key (flattened, collation keys for strings), in
     * index column order; encoded with the comparable key codec as TiDB's {@code codec.EncodeKey}.
     */
    public static RowHandle ofCommon(List<Datum> keyDatums) {
        if (keyDatums.isEmpty()) {
            throw new IllegalArgumentException("a common handle needs at least one datum");
        }
        DatumWriter out = new DatumWriter(16 * keyDatums.size());
        for (Datum d : keyDatums) {
            DatumCodec.encodeKey(out, d);
        }
        return new RowHandle(true, 0, keyDatums.toArray(new Datum[0]), out.toByteArray());
    }

    public boolean isCommon() {
        return common;
    }

    public long intValue() {
        if (common) {
            throw new IllegalStateException("a common handle has no int value: " + this);
        }
        return intValue;
    }

    /** The datums TiDB's {@code Handle.Data()} gives: the int handle, or the common handle's decoded key datums. */
    public List<Datum> data() {
        return common ? List.of(datums) : List.of(Datum.ofInt(intValue));
    }

    /** The handle part of the row key: 8 comparable bytes of an int handle, or the common handle's key bytes. */
    public byte[] encoded() {
        return encoded.clone();
    }

    byte[] encodedShared() {
        return encoded;
    }

    /** The handle as MySQL's duplicate-entry message spells a key: the values joined by '-'. */
    String entryText() {
        if (!common) {
            return Long.toString(intValue);
        }
        StringBuilder sb = new StringBuilder();
        for (Datum d : datums) {
            if (!sb.isEmpty()) {
                sb.append('-');
            }
            sb.append(switch (d.kind()) {
                case BYTES -> d.asString();
                case UINT64 -> Long.toUnsignedString(d.asLong());
                case INT64, DURATION -> Long.toString(d.asLong());
                case DECIMAL -> d.asDecimal().toPlainString();
                case FLOAT64 -> Double.toString(d.asDouble());
                default -> d.toString();
            });
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowHandle h && h.common == common && Arrays.equals(h.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded) * 31 + (common ? 1 : 0);
    }

    @Override
    public String toString() {
        return common ? "handle" + Arrays.toString(datums) : "handle(" + intValue + ")";
    }
}
