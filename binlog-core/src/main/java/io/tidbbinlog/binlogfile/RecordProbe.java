package io.tidbbinlog.binlogfile;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Looks at the bytes of one file from a position and says what is there: a whole valid record, the start of a record
 * that is not fully written, nothing, or damage. Never allocates more than the bytes actually left in the file.
 */
final class RecordProbe {
    enum Kind {
        /** A complete record whose CRC matches. */
        RECORD,
        /** No bytes left. */
        END,
        /** Fewer than 12 bytes left and those agree with the magic: a header still being written or torn. */
        PARTIAL_HEADER,
        /** A plausible header whose payload and CRC run past the end of the file. */
        PARTIAL_PAYLOAD,
        /** Bad magic, impossible length or CRC mismatch. */
        DAMAGED
    }

    /** What {@link #probe} found. {@code payload}/{@code end} are set for RECORD, {@code reason} for the others. */
    record Result(Kind kind, byte[] payload, long end, String reason) {
    }

    private static final int SCAN_CHUNK = 64 * 1024;

    private final int maxRecordBytes;
    private final ByteBuffer header = ByteBuffer.allocate(RecordFraming.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer scan = ByteBuffer.allocate(SCAN_CHUNK);

    RecordProbe(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    Result probe(FileChannel ch, long pos, long size) throws IOException {
        long avail = size - pos;
        if (avail <= 0) {
            return new Result(Kind.END, null, pos, null);
        }
        int headerBytes = (int) Math.min(RecordFraming.HEADER_BYTES, avail);
        header.clear().limit(headerBytes);
        readFully(ch, header, pos);
        for (int i = 0; i < Math.min(4, headerBytes); i++) {
            if (header.get(i) != RecordFraming.magicByte(i)) {
                return damaged(pos, "magic mismatch");
            }
        }
        if (headerBytes < RecordFraming.HEADER_BYTES) {
            return new Result(Kind.PARTIAL_HEADER, null, pos, "only " + avail + " bytes of a record header");
        }
        long length = header.getLong(4);
        if (length < 0 || length > maxRecordBytes) {
            return damaged(pos, "record length " + Long.toUnsignedString(length) + " exceeds the maximum record size "
                    + maxRecordBytes);
        }
        if (RecordFraming.OVERHEAD_BYTES + length > avail) {
            return new Result(Kind.PARTIAL_PAYLOAD, null, pos, "record length " + length + " runs past the end of the file ("
                    + (avail - RecordFraming.HEADER_BYTES) + " bytes left after the header)");
        }
        byte[] body = new byte[(int) length + RecordFraming.TRAILER_BYTES];
        readFully(ch, ByteBuffer.wrap(body), pos + RecordFraming.HEADER_BYTES);
        int len = (int) length;
        int stored = (body[len] & 0xff) | (body[len + 1] & 0xff) << 8 | (body[len + 2] & 0xff) << 16
                | (body[len + 3] & 0xff) << 24;
        int actual = RecordFraming.crc32c(body, 0, len);
        if (stored != actual) {
            return damaged(pos, String.format("CRC-32C mismatch: stored %08x, payload has %08x", stored, actual));
        }
        byte[] payload = body.length == len ? body : java.util.Arrays.copyOf(body, len);
        return new Result(Kind.RECORD, payload, pos + RecordFraming.OVERHEAD_BYTES + length, null);
    }

    /**
     * The first position in {@code [from, size)} where a complete valid record starts, or -1. Candidates are the
     * places where the magic appears; each is checked in full, so a magic inside a payload is not taken for a record.
     */
    long findNextRecord(FileChannel ch, long from, long size) throws IOException {
        long chunkStart = from;
        while (chunkStart + 4 <= size) {
            int n = (int) Math.min(SCAN_CHUNK, size - chunkStart);
            scan.clear().limit(n);
            readFully(ch, scan, chunkStart);
            for (int i = 0; i + 4 <= n; i++) {
                if (scan.get(i) == RecordFraming.magicByte(0) && scan.get(i + 1) == RecordFraming.magicByte(1)
                        && scan.get(i + 2) == RecordFraming.magicByte(2)
                        && scan.get(i + 3) == RecordFraming.magicByte(3)) {
                    long candidate = chunkStart + i;
                    if (probe(ch, candidate, size).kind() == Kind.RECORD) {
                        return candidate;
                    }
                }
            }
            // the last 3 bytes may begin a magic that continues in the next chunk
            chunkStart += Math.max(1, n - 3);
        }
        return -1;
    }

    private static Result damaged(long pos, String reason) {
        return new Result(Kind.DAMAGED, null, pos, reason);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int r = ch.read(dst, p);
            if (r < 0) {
                throw new EOFException("file shrank while reading at offset " + p);
            }
            p += r;
        }
    }
}
