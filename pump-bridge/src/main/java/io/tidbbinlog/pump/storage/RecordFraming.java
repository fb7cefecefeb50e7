package io.tidbbinlog.pump.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Pump's value-log framing (binlog:pump/storage/log.go, spec §4.2): each record is a 16-byte little-endian header
 * (magic u32, payload length u64, CRC-32C of the payload u32) followed by the payload; a finished segment ends with a
 * 12-byte footer (the segment's newest ts i64, end magic u32).
 */
final class RecordFraming {

    static final int RECORD_MAGIC = 0x823a56e8;
    static final int FOOTER_MAGIC = 0x123ab922;
    static final int HEADER_BYTES = 16;
    static final int FOOTER_BYTES = 12;

    private RecordFraming() {
    }

    static ByteBuffer header(byte[] payload) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(RECORD_MAGIC).putLong(payload.length).putInt(crc(payload, 0, payload.length));
        return h.flip();
    }

    static ByteBuffer footer(long maxTs) {
        ByteBuffer f = ByteBuffer.allocate(FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        f.putLong(maxTs).putInt(FOOTER_MAGIC);
        return f.flip();
    }

    static int crc(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    /** A parsed record header. */
    record Header(int magic, long length, int crc) {
        static Header parse(ByteBuffer buf) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
            return new Header(buf.getInt(), buf.getLong(), buf.getInt());
        }

        boolean magicOk() {
            return magic == RECORD_MAGIC;
        }
    }
}
