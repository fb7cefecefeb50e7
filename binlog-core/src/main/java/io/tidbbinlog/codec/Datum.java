package io.tidbbinlog.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One TiDB value as the row codec sees it: a tagged union of null, signed/unsigned 64-bit integer, double, byte
 * string, decimal (with the precision and frac it was encoded with), duration (nanoseconds), binary JSON and the
 * key-only MAX value.
 *
 * <p>Immutable. Byte strings and JSON decoded from a row point into the row buffer instead of copying it; the codec
 * never writes to that buffer, and callers must not either while datums from it are in use. {@link #asBytes()}
 * always returns a fresh copy; {@link #bytesArray()} and friends give the shared view for zero-copy consumers.
 */
public final class Datum {
    public enum Kind { NULL, INT64, UINT64, FLOAT64, BYTES, DECIMAL, DURATION, JSON, MAX }

    private static final byte[] EMPTY = new byte[0];
    private static final Datum NULL = new Datum(Kind.NULL, 0, null, 0, 0);
    private static final Datum MAX = new Datum(Kind.MAX, 0, null, 0, 0);

    private final Kind kind;
    /** Integer bits, double bits, duration nanos; for BYTES/JSON the offset in {@link #ref}; for DECIMAL prec<<16|frac. */
    private final long bits;
    /** byte[] for BYTES/JSON, BigDecimal for DECIMAL. */
    private final Object ref;
    private final int length;

    private Datum(Kind kind, long bits, Object ref, int length, int unused) {
        this.kind = kind;
        this.bits = bits;
        this.ref = ref;
        this.length = length;
    }

    public static Datum ofNull() {
        return NULL;
    }

    public static Datum max() {
        return MAX;
    }

    public static Datum ofInt(long v) {
        return new Datum(Kind.INT64, v, null, 0, 0);
    }

    /** An unsigned 64-bit integer; {@code v} holds the raw bits. */
    public static Datum ofUint(long v) {
        return new Datum(Kind.UINT64, v, null, 0, 0);
    }

    public static Datum ofFloat(double v) {
        return new Datum(Kind.FLOAT64, Double.doubleToRawLongBits(v), null, 0, 0);
    }

    /** A byte string; the array is copied. */
    public static Datum ofBytes(byte[] v) {
        Objects.requireNonNull(v, "bytes");
        return new Datum(Kind.BYTES, 0, v.length == 0 ? EMPTY : v.clone(), v.length, 0);
    }

    /** A UTF-8 encoded string. */
    public static Datum ofString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new Datum(Kind.BYTES, 0, b, b.length, 0);
    }

    /** A view of {@code buf[off, off+len)} without copying (used by the decoder). */
    static Datum bytesView(byte[] buf, int off, int len) {
        return new Datum(Kind.BYTES, off, buf, len, 0);
    }

    static Datum jsonView(byte[] buf, int off, int len) {
        return new Datum(Kind.JSON, off, buf, len, 0);
    }

    /**
     * A decimal with the precision and frac to encode it with (TiDB's datum length and frac; a column's Flen and
     * Decimal). {@code precision == 0} means "the value's own", as in TiDB's {@code EncodeDecimal}.
     */
    public static Datum ofDecimal(BigDecimal v, int precision, int frac) {
        Objects.requireNonNull(v, "decimal");
        if (precision < 0 || precision > 0xffff || frac < 0 || frac > 0xffff) {
            throw new IllegalArgumentException("bad decimal precision/frac " + precision + "/" + frac);
        }
        return new Datum(Kind.DECIMAL, ((long) precision << 16) | frac, v, 0, 0);
    }

    /** A TIME value in nanoseconds (TiDB's {@code types.Duration}). */
    public static Datum ofDuration(long nanos) {
        return new Datum(Kind.DURATION, nanos, null, 0, 0);
    }

    /** Binary JSON: the type code byte followed by the value, as TiDB's row codec stores it after flag 10. */
    public static Datum ofJson(byte[] binaryJsonWithTypeByte) {
        if (binaryJsonWithTypeByte.length == 0) {
            throw new IllegalArgumentException("binary JSON needs at least a type byte");
        }
        byte[] copy = binaryJsonWithTypeByte.clone();
        return new Datum(Kind.JSON, 0, copy, copy.length, 0);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The 64 bits of an INT64, UINT64 or DURATION datum. */
    public long asLong() {
        if (kind != Kind.INT64 && kind != Kind.UINT64 && kind != Kind.DURATION) {
            throw new IllegalStateException("not an integer datum: " + kind);
        }
        return bits;
    }

    public double asDouble() {
        if (kind != Kind.FLOAT64) {
            throw new IllegalStateException("not a float datum: " + kind);
        }
        return Double.longBitsToDouble(bits);
    }

    /** A copy of the bytes of a BYTES or JSON (type byte included) datum. */
    public byte[] asBytes() {
        checkBytes();
        int off = (int) bits;
        return Arrays.copyOfRange((byte[]) ref, off, off + length);
    }

    /** The bytes of a BYTES datum decoded as UTF-8. */
    public String asString() {
        checkBytes();
        return new String((byte[]) ref, (int) bits, length, StandardCharsets.UTF_8);
    }

    /** The shared array behind a BYTES or JSON datum; read {@link #bytesLength()} bytes from {@link #bytesOffset()}. */
    public byte[] bytesArray() {
        checkBytes();
        return (byte[]) ref;
    }

    public int bytesOffset() {
        checkBytes();
        return (int) bits;
    }

    public int bytesLength() {
        checkBytes();
        return length;
    }

    private void checkBytes() {
        if (kind != Kind.BYTES && kind != Kind.JSON) {
            throw new IllegalStateException("not a bytes datum: " + kind);
        }
    }

    public BigDecimal asDecimal() {
        checkDecimal();
        return (BigDecimal) ref;
    }

    public int decimalPrecision() {
        checkDecimal();
        return (int) (bits >>> 16);
    }

    public int decimalFrac() {
        checkDecimal();
        return (int) (bits & 0xffff);
    }

    private void checkDecimal() {
        if (kind != Kind.DECIMAL) {
            throw new IllegalStateException("not a decimal datum: " + kind);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Datum)) {
            return false;
        }
        Datum d = (Datum) o;
        if (kind != d.kind) {
            return false;
        }
        switch (kind) {
            case NULL:
            case MAX:
                return true;
            case BYTES:
            case JSON:
                return Arrays.equals((byte[]) ref, (int) bits, (int) bits + length,
                        (byte[]) d.ref, (int) d.bits, (int) d.bits + d.length);
            case DECIMAL:
                return bits == d.bits && ref.equals(d.ref);
            default:
                return bits == d.bits;
        }
    }

    @Override
    public int hashCode() {
        switch (kind) {
            case BYTES:
            case JSON: {
                int h = kind.hashCode();
                byte[] b = (byte[]) ref;
                for (int i = (int) bits, e = (int) bits + length; i < e; i++) {
                    h = 31 * h + b[i];
                }
                return h;
            }
            case DECIMAL:
                return 31 * ref.hashCode() + Long.hashCode(bits);
            default:
                return 31 * kind.hashCode() + Long.hashCode(bits);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case NULL:
                return "NULL";
            case MAX:
                return "MAX";
            case INT64:
                return "INT64(" + bits + ")";
            case UINT64:
                return "UINT64(" + Long.toUnsignedString(bits) + ")";
            case FLOAT64:
                return "FLOAT64(" + Double.longBitsToDouble(bits) + ")";
            case DURATION:
                return "DURATION(" + bits + "ns)";
            case DECIMAL:
                return "DECIMAL(" + ((BigDecimal) ref).toPlainString() + ", " + decimalPrecision() + ", "
                        + decimalFrac() + ")";
            case JSON:
                return "JSON(" + length + " bytes)";
            default: {
                StringBuilder sb = new StringBuilder("BYTES(");
                byte[] b = (byte[]) ref;
                for (int i = (int) bits, e = (int) bits + length; i < e; i++) {
                    sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
                }
                return sb.append(')').toString();
            }
        }
    }
}
