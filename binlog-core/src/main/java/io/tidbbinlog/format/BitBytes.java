package io.tidbbinlog.format;

/** BIT values as TiDB's binary literal: big-endian, (flen+7)/8 bytes wide (at least one byte). */
final class BitBytes {
    private BitBytes() {
    }

    static byte[] toBytes(long value, int flen) {
        int width = Math.max(1, Math.min(8, (Math.max(flen, 1) + 7) / 8));
        byte[] out = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    static long toLong(byte[] bytes) {
        if (bytes.length > 8) {
            for (int i = 0; i < bytes.length - 8; i++) {
                if (bytes[i] != 0) {
                    throw new IllegalArgumentException("BIT value of " + bytes.length + " bytes exceeds 64 bits");
                }
            }
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }
}
