package io.tidbbinlog.codec;

/**
 * A cursor over encoded datums in a byte range. Every read is checked against the end of the range first, so
 * malformed input fails with a {@link CodecException} naming the offset (relative to the start of the range).
 */
public final class DatumReader {
    private final byte[] buf;
    private final int base;
    private final int end;
    private int pos;

    public DatumReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public DatumReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("range " + off + "+" + len + " outside buffer of " + buf.length);
        }
        this.buf = buf;
        this.base = off;
        this.end = off + len;
        this.pos = off;
    }

    /** Offset of the next byte, relative to the start of the range. */
    public int position() {
        return pos - base;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int remaining() {
        return end - pos;
    }

    /** Length of the range. */
    public int length() {
        return end - base;
    }

    byte[] array() {
        return buf;
    }

    /** Absolute index of the next byte in {@link #array()}. */
    int absolutePosition() {
        return pos;
    }

    int end() {
        return end;
    }

    void skip(int n) {
        require(n, "value");
        pos += n;
    }

    /** Fails with the given description at the current position. */
    public CodecException error(String what) {
        return CodecException.at(what, position(), length());
    }

    CodecException errorAt(String what, int absolute) {
        return CodecException.at(what, absolute - base, length());
    }

    void require(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw error("truncated " + what);
        }
    }

    public int readUnsignedByte() {
        if (pos >= end) {
            throw error("unexpected end of data");
        }
        return buf[pos++] & 0xff;
    }

    int peekUnsignedByte() {
        if (pos >= end) {
            throw error("unexpected end of data");
        }
        return buf[pos] & 0xff;
    }

    /** 8 bytes big-endian. */
    public long readUint64(String what) {
        require(8, what);
        long v = readLongAt(buf, pos);
        pos += 8;
        return v;
    }

    static long readLongAt(byte[] b, int p) {
        return ((long) (b[p] & 0xff) << 56) | ((long) (b[p + 1] & 0xff) << 48) | ((long) (b[p + 2] & 0xff) << 40)
                | ((long) (b[p + 3] & 0xff) << 32) | ((long) (b[p + 4] & 0xff) << 24) | ((b[p + 5] & 0xff) << 16)
                | ((b[p + 6] & 0xff) << 8) | (b[p + 7] & 0xff);
    }

    /** Go's {@code binary.Uvarint}: LEB128, at most 10 bytes, the 10th at most 1. */
    public long readUvarint(String what) {
        int p = pos;
        int e = end;
        byte[] b = buf;
        if (p < e) {
            int first = b[p];
            if (first >= 0) {
                pos = p + 1;
                return first;
            }
        }
        long x = 0;
        int shift = 0;
        for (int i = 0; i < 10; i++) {
            if (p >= e) {
                throw error("truncated " + what);
            }
            int c = b[p++] & 0xff;
            if (c < 0x80) {
                if (i == 9 && c > 1) {
                    throw error(what + " overflows 64 bits");
                }
                pos = p;
                return x | ((long) c << shift);
            }
            x |= (long) (c & 0x7f) << shift;
            shift += 7;
        }
        throw error(what + " overflows 64 bits");
    }

    /** Go's {@code binary.Varint}: zig-zag over {@link #readUvarint}. */
    public long readVarint(String what) {
        long ux = readUvarint(what);
        long x = ux >>> 1;
        return (ux & 1) != 0 ? ~x : x;
    }
}
