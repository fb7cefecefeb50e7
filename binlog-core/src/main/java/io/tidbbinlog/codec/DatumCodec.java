package io.tidbbinlog.codec;

import java.math.BigDecimal;

/**
 * TiDB's datum codec ({@code util/codec}): one flag byte, then the payload.
 *
 * <p>{@link #encodeValue} makes TiDB's non-comparable choices ({@code EncodeValue}, used in binlog rows):
 * int64 as varint (8), uint64 as uvarint (9), bytes as compact bytes (2). {@link #encodeKey} makes the comparable
 * ones ({@code EncodeKey}): int (3), uint (4), memcomparable bytes (1). Float (5), decimal (6), duration (7), JSON
 * (10), NULL (0) and MAX (250) are the same in both. {@link #decode} reads any flag.
 */
public final class DatumCodec {
    public static final int NIL_FLAG = 0;
    public static final int BYTES_FLAG = 1;
    public static final int COMPACT_BYTES_FLAG = 2;
    public static final int INT_FLAG = 3;
    public static final int UINT_FLAG = 4;
    public static final int FLOAT_FLAG = 5;
    public static final int DECIMAL_FLAG = 6;
    public static final int DURATION_FLAG = 7;
    public static final int VARINT_FLAG = 8;
    public static final int UVARINT_FLAG = 9;
    public static final int JSON_FLAG = 10;
    public static final int MAX_FLAG = 250;

    private static final long SIGN_MASK = 0x8000000000000000L;
    private static final int GROUP_SIZE = 8;
    private static final int MARKER = 0xff;

    private DatumCodec() {
    }

    public static void encodeValue(DatumWriter out, Datum d) {
        switch (d.kind()) {
            case INT64:
                out.writeByte(VARINT_FLAG);
                out.writeVarint(d.asLong());
                break;
            case UINT64:
                out.writeByte(UVARINT_FLAG);
                out.writeUvarint(d.asLong());
                break;
            case BYTES:
                out.writeByte(COMPACT_BYTES_FLAG);
                out.writeVarint(d.bytesLength());
                out.writeBytes(d.bytesArray(), d.bytesOffset(), d.bytesLength());
                break;
            default:
                encodeShared(out, d);
        }
    }

    public static void encodeKey(DatumWriter out, Datum d) {
        switch (d.kind()) {
            case INT64:
                out.writeByte(INT_FLAG);
                out.writeUint64(d.asLong() ^ SIGN_MASK);
                break;
            case UINT64:
                out.writeByte(UINT_FLAG);
                out.writeUint64(d.asLong());
                break;
            case BYTES:
                out.writeByte(BYTES_FLAG);
                writeMemComparable(out, d.bytesArray(), d.bytesOffset(), d.bytesLength());
                break;
            default:
                encodeShared(out, d);
        }
    }

    private static void encodeShared(DatumWriter out, Datum d) {
        switch (d.kind()) {
            case NULL:
                out.writeByte(NIL_FLAG);
                break;
            case MAX:
                out.writeByte(MAX_FLAG);
                break;
            case FLOAT64:
                out.writeByte(FLOAT_FLAG);
                out.writeUint64(comparableFloatBits(d.asDouble()));
                break;
            case DURATION:
                out.writeByte(DURATION_FLAG);
                out.writeUint64(d.asLong() ^ SIGN_MASK);
                break;
            case DECIMAL: {
                BigDecimal v = d.asDecimal();
                int prec = d.decimalPrecision();
                int frac = d.decimalFrac();
                if (prec == 0) {
                    // TiDB's EncodeDecimal: no declared precision means PrecisionAndFrac(), the value's own digits
                    // (leading zeros dropped), counted before the frac is capped below.
                    frac = Math.max(0, v.scale());
                    int intDigits = v.signum() == 0 ? 0 : Math.max(0, v.precision() - v.scale());
                    prec = Math.max(1, intDigits + frac);
                }
                if (frac > MyDecimalBinary.MAX_FRAC) {
                    frac = MyDecimalBinary.MAX_FRAC;
                }
                out.writeByte(DECIMAL_FLAG);
                out.writeByte(prec);
                out.writeByte(frac);
                MyDecimalBinary.writeBin(v, prec, frac, out);
                break;
            }
            case JSON:
                out.writeByte(JSON_FLAG);
                out.writeBytes(d.bytesArray(), d.bytesOffset(), d.bytesLength());
                break;
            default:
                throw new IllegalStateException("unhandled kind " + d.kind());
        }
    }

    /** IEEE bits with the sign bit set for v >= 0 and all bits inverted for v < 0 (TiDB {@code EncodeFloat}). */
    static long comparableFloatBits(double v) {
        long u = Double.doubleToRawLongBits(v);
        return v >= 0 ? u | SIGN_MASK : ~u;
    }

    static double fromComparableFloatBits(long u) {
        return Double.longBitsToDouble((u & SIGN_MASK) != 0 ? u & ~SIGN_MASK : ~u);
    }

    /** TiDB {@code EncodeBytes}: groups of 8 bytes padded with 0, each followed by 0xFF minus the pad count. */
    static void writeMemComparable(DatumWriter out, byte[] b, int off, int len) {
        for (int idx = 0; idx <= len; idx += GROUP_SIZE) {
            int remain = len - idx;
            if (remain >= GROUP_SIZE) {
                out.writeBytes(b, off + idx, GROUP_SIZE);
                out.writeByte(MARKER);
            } else {
                out.writeBytes(b, off + idx, remain);
                int pad = GROUP_SIZE - remain;
                for (int i = 0; i < pad; i++) {
                    out.writeByte(0);
                }
                out.writeByte(MARKER - pad);
            }
        }
    }

    /** Decodes one datum of any flag. */
    public static Datum decode(DatumReader in) {
        int flagPos = in.absolutePosition();
        int flag = in.readUnsignedByte();
        switch (flag) {
            case NIL_FLAG:
                return Datum.ofNull();
            case VARINT_FLAG:
                return Datum.ofInt(in.readVarint("varint"));
            case UVARINT_FLAG:
                return Datum.ofUint(in.readUvarint("uvarint"));
            case INT_FLAG:
                return Datum.ofInt(in.readUint64("int") ^ SIGN_MASK);
            case UINT_FLAG:
                return Datum.ofUint(in.readUint64("uint"));
            case FLOAT_FLAG:
                return Datum.ofFloat(fromComparableFloatBits(in.readUint64("float")));
            case DURATION_FLAG:
                return Datum.ofDuration(in.readUint64("duration") ^ SIGN_MASK);
            case COMPACT_BYTES_FLAG:
                return readCompactBytes(in);
            case BYTES_FLAG:
                return readMemComparable(in);
            case DECIMAL_FLAG:
                return readDecimal(in);
            case JSON_FLAG: {
                byte[] buf = in.array();
                int start = in.absolutePosition();
                int n = BinaryJson.peekLength(buf, start, in.end(), start - in.position());
                in.skip(n);
                return Datum.jsonView(buf, start, n);
            }
            case MAX_FLAG:
                return Datum.max();
            default:
                throw in.errorAt("invalid datum flag " + flag, flagPos);
        }
    }

    private static Datum readCompactBytes(DatumReader in) {
        long n = in.readVarint("bytes length");
        if (n < 0 || n > in.remaining()) {
            throw in.error("truncated bytes (length " + n + ", " + in.remaining() + " remaining)");
        }
        int start = in.absolutePosition();
        in.skip((int) n);
        return Datum.bytesView(in.array(), start, (int) n);
    }

    private static Datum readMemComparable(DatumReader in) {
        byte[] b = in.array();
        int start = in.absolutePosition();
        int end = in.end();
        // First pass: validate the groups and measure, so nothing is allocated from untrusted lengths.
        int p = start;
        int total = 0;
        while (true) {
            if (end - p < GROUP_SIZE + 1) {
                throw in.errorAt("truncated memcomparable bytes", p);
            }
            int marker = b[p + GROUP_SIZE] & 0xff;
            int pad = MARKER - marker;
            if (pad > GROUP_SIZE) {
                throw in.errorAt("invalid memcomparable marker " + marker, p + GROUP_SIZE);
            }
            int real = GROUP_SIZE - pad;
            for (int i = real; i < GROUP_SIZE; i++) {
                if (b[p + i] != 0) {
                    throw in.errorAt("invalid memcomparable padding", p + i);
                }
            }
            total += real;
            p += GROUP_SIZE + 1;
            if (pad != 0) {
                break;
            }
        }
        byte[] out = new byte[total];
        int o = 0;
        for (int q = start; q < p; q += GROUP_SIZE + 1) {
            int real = GROUP_SIZE - (MARKER - (b[q + GROUP_SIZE] & 0xff));
            System.arraycopy(b, q, out, o, real);
            o += real;
        }
        in.skip(p - start);
        return Datum.bytesView(out, 0, total);
    }

    private static Datum readDecimal(DatumReader in) {
        int at = in.absolutePosition();
        if (in.remaining() < 3) {
            throw in.error("truncated decimal");
        }
        int prec = in.readUnsignedByte();
        int frac = in.readUnsignedByte();
        int start = in.absolutePosition();
        int base = start - in.position();
        if (prec < 1 || frac > prec) {
            throw in.errorAt("invalid decimal precision/frac " + prec + "/" + frac, at);
        }
        BigDecimal v = MyDecimalBinary.fromBin(in.array(), start, in.end(), prec, frac, base);
        in.skip(MyDecimalBinary.binSize(prec, frac));
        return Datum.ofDecimal(v, prec, frac);
    }
}
