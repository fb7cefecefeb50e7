package io.tidbbinlog.binlogfile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The frame around every payload in a binlog file, all little-endian:
 * {@code magic u32 = 0x1C1B0504 | length u64 | payload | crc32c(payload) u32}.
 */
public final class RecordFraming {
    /** 471532804, the value PingCAP's binlogfile package writes in front of every record. */
    public static final int MAGIC = 0x1C1B0504;
    public static final int HEADER_BYTES = 12;
    public static final int TRAILER_BYTES = 4;
    public static final int OVERHEAD_BYTES = HEADER_BYTES + TRAILER_BYTES;

    private RecordFraming() {
    }

    /** The whole framed record for a payload. */
    public static byte[] frame(byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocate(OVERHEAD_BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putLong(payload.length).put(payload).putInt(crc32c(payload, 0, payload.length));
        return buf.array();
    }

    public static int crc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** Byte {@code i} (0..3) of the magic as it appears in the file. */
    static byte magicByte(int i) {
        return (byte) (MAGIC >>> (8 * i));
    }
}
