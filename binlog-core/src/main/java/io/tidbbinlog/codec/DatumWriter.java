package io.tidbbinlog.codec;

import java.util.Arrays;

/** A growable byte buffer that encoders append to. */
public final class DatumWriter {
    private byte[] buf;
    private int size;

    public DatumWriter() {
        this(64);
    }

    public DatumWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Forgets the content, keeping the buffer for reuse. */
    public void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (buf.length - size < extra) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** 8 bytes big-endian. */
    public void writeUint64(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size + i] = (byte) v;
            v >>>= 8;
        }
        size += 8;
    }

    /** Go's {@code binary.PutUvarint}. */
    public void writeUvarint(long v) {
        ensure(10);
        while (Long.compareUnsigned(v, 0x80) >= 0) {
            buf[size++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /** Go's {@code binary.PutVarint}: zig-zag, then {@link #writeUvarint}. */
    public void writeVarint(long v) {
        long ux = v << 1;
        if (v < 0) {
            ux = ~ux;
        }
        writeUvarint(ux);
    }
}
