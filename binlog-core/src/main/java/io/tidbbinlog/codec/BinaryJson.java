package io.tidbbinlog.codec;

/**
 * TiDB's binary JSON ({@code types.BinaryJSON}): a type code byte followed by the value.
 *
 * <p>Values (all integers little-endian): object/array = element count u32, total size u32 (counted from the
 * count), then for objects the key entries (offset u32, length u16), then the value entries (type u8 + offset u32,
 * or the literal byte inlined), then keys, then values; offsets are relative to the start of the container's value.
 * Literals: 0 null, 1 true, 2 false. int64/uint64/float64 and date/datetime/timestamp (TiDB's CoreTime bits) take
 * 8 bytes, duration 12 (int64 nanos + u32 fsp), string = uvarint length + UTF-8, opaque = MySQL type byte + uvarint
 * length + bytes.
 */
public final class BinaryJson {
    public static final int OBJECT = 0x01;
    public static final int ARRAY = 0x03;
    public static final int LITERAL = 0x04;
    public static final int INT64 = 0x09;
    public static final int UINT64 = 0x0a;
    public static final int FLOAT64 = 0x0b;
    public static final int STRING = 0x0c;
    public static final int OPAQUE = 0x0d;
    public static final int DATE = 0x0e;
    public static final int DATETIME = 0x0f;
    public static final int TIMESTAMP = 0x10;
    public static final int DURATION = 0x11;

    public static final int LITERAL_NULL = 0x00;
    public static final int LITERAL_TRUE = 0x01;
    public static final int LITERAL_FALSE = 0x02;

    static final int HEADER_SIZE = 8;
    static final int KEY_ENTRY_SIZE = 6;
    static final int VALUE_ENTRY_SIZE = 5;

    private BinaryJson() {
    }

    /** Parses JSON text and builds TiDB's binary form (type byte first), sorting object keys as TiDB does. */
    public static byte[] fromText(String json) {
        return new BinaryJsonBuilder(json).build();
    }

    /** TiDB's text rendering ({@code BinaryJSON.String()}) of a type byte + value. */
    public static String toText(byte[] typeAndValue) {
        return toText(typeAndValue, 0, typeAndValue.length);
    }

    public static String toText(byte[] buf, int off, int len) {
        return new BinaryJsonRenderer(buf, off, len).render();
    }

    /**
     * Length (type byte included) of the binary JSON starting at {@code buf[off]}, as TiDB's {@code PeekBytesAsJSON}
     * determines it, checked against the end of the buffer.
     */
    public static int peekLength(byte[] buf, int off) {
        return peekLength(buf, off, buf.length, 0);
    }

    /** As {@link #peekLength(byte[], int)} within {@code [.., end)}; {@code base} only shifts offsets in messages. */
    static int peekLength(byte[] buf, int off, int end, int base) {
        int total = end - base;
        if (off >= end) {
            throw CodecException.at("truncated JSON", off - base, total);
        }
        int type = buf[off] & 0xff;
        long n;
        switch (type) {
            case OBJECT:
            case ARRAY:
                if (end - off < 1 + HEADER_SIZE) {
                    throw CodecException.at("truncated JSON container header", off - base, total);
                }
                long size = readU32(buf, off + 1 + 4);
                if (size < HEADER_SIZE) {
                    throw CodecException.at("invalid JSON container size " + size, off - base, total);
                }
                n = 1 + size;
                break;
            case STRING: {
                long[] lenAndBytes = uvarint(buf, off + 1, end, base);
                n = 1 + lenAndBytes[1] + lenAndBytes[0];
                break;
            }
            case INT64:
            case UINT64:
            case FLOAT64:
            case DATE:
            case DATETIME:
            case TIMESTAMP:
                n = 9;
                break;
            case LITERAL:
                n = 2;
                break;
            case OPAQUE: {
                if (end - off < 2) {
                    throw CodecException.at("truncated JSON opaque", off - base, total);
                }
                long[] lenAndBytes = uvarint(buf, off + 2, end, base);
                n = 2 + lenAndBytes[1] + lenAndBytes[0];
                break;
            }
            case DURATION:
                n = 13;
                break;
            default:
                throw CodecException.at("invalid JSON type code " + type, off - base, total);
        }
        if (n < 0 || n > end - off) {
            throw CodecException.at("truncated JSON (needs " + n + " bytes)", off - base, total);
        }
        return (int) n;
    }

    static long readU32(byte[] b, int p) {
        return (b[p] & 0xffL) | ((b[p + 1] & 0xffL) << 8) | ((b[p + 2] & 0xffL) << 16) | ((b[p + 3] & 0xffL) << 24);
    }

    static int readU16(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
    }

    static long readI64(byte[] b, int p) {
        return readU32(b, p) | (readU32(b, p + 4) << 32);
    }

    /** Go's {@code binary.Uvarint} within {@code [p, end)}: returns {value, bytes used}; errors on truncation/overflow. */
    static long[] uvarint(byte[] b, int p, int end, int base) {
        long x = 0;
        int shift = 0;
        for (int i = 0; i < 10; i++) {
            if (p + i >= end) {
                throw CodecException.at("truncated JSON length", p + i - base, end - base);
            }
            int c = b[p + i] & 0xff;
            if (c < 0x80) {
                if (i == 9 && c > 1) {
                    break;
                }
                return new long[] {x | ((long) c << shift), i + 1};
            }
            x |= (long) (c & 0x7f) << shift;
            shift += 7;
        }
        throw CodecException.at("JSON length overflows 64 bits", p - base, end - base);
    }
}
