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
    /** Read-ahead for headers and small records, so that a file of small records costs one read per window. */
    private static final int WINDOW = 64 * 1024;

    private final int maxRecordBytes;
    private final ByteBuffer scan = ByteBuffer.allocate(SCAN_CHUNK);
    private final byte[] window = new byte[WINDOW];
    private final ByteBuffer windowBuf = ByteBuffer.wrap(window);
    private final ByteBuffer crcBuf = ByteBuffer.allocate(RecordFraming.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private FileChannel windowChannel;
    private long windowStart;
    private int windowLen;

    RecordProbe(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Forgets the read-ahead. Needed whenever bytes already read may change: a torn tail that a recovering writer
     * cuts and overwrites, or a switch to another file.
     */
    void invalidate() {
        windowChannel = null;
        windowLen = 0;
    }

    Result probe(FileChannel ch, long pos, long size) throws IOException {
        long avail = size - pos;
        if (avail <= 0) {
            return new Result(Kind.END, null, pos, null);
        }
        int headerBytes = (int) Math.min(RecordFraming.HEADER_BYTES, avail);
        int h = window(ch, pos, headerBytes, size);
        for (int i = 0; i < Math.min(4, headerBytes); i++) {
            if (window[h + i] != RecordFraming.magicByte(i)) {
                return damaged(pos, "magic mismatch");
            }
        }
        if (headerBytes < RecordFraming.HEADER_BYTES) {
            return new Result(Kind.PARTIAL_HEADER, null, pos, "only " + avail + " bytes of a record header");
        }
        long length = littleEndianLong(window, h + 4);
        if (length < 0 || length > maxRecordBytes) {
            return damaged(pos, "record length " + Long.toUnsignedString(length) + " exceeds the maximum record size "
                    + maxRecordBytes);
        }
        if (RecordFraming.OVERHEAD_BYTES + length > avail) {
            return new Result(Kind.PARTIAL_PAYLOAD, null, pos, "record length " + length
                    + " runs past the end of the file (" + (avail - RecordFraming.HEADER_BYTES)
                    + " bytes left after the header)");
        }
        int len = (int) length;
        byte[] payload = new byte[len];
        int stored;
        if (RecordFraming.OVERHEAD_BYTES + len <= WINDOW) {
            int at = window(ch, pos, RecordFraming.OVERHEAD_BYTES + len, size);
            System.arraycopy(window, at + RecordFraming.HEADER_BYTES, payload, 0, len);
            stored = littleEndianInt(window, at + RecordFraming.HEADER_BYTES + len);
        } else {
            readFully(ch, ByteBuffer.wrap(payload), pos + RecordFraming.HEADER_BYTES);
            crcBuf.clear();
            readFully(ch, crcBuf, pos + RecordFraming.HEADER_BYTES + len);
            stored = crcBuf.getInt(0);
        }
        int actual = RecordFraming.crc32c(payload, 0, len);
        if (stored != actual) {
            return damaged(pos, String.format("CRC-32C mismatch: stored %08x, payload has %08x", stored, actual));
        }
        return new Result(Kind.RECORD, payload, pos + RecordFraming.OVERHEAD_BYTES + length, null);
    }

    /** Makes {@code [pos, pos + n)} readable in {@link #window} (n at most WINDOW, pos + n at most size). */
    private int window(FileChannel ch, long pos, int n, long size) throws IOException {
        if (ch == windowChannel && pos >= windowStart && pos + n <= windowStart + windowLen) {
            return (int) (pos - windowStart);
        }
        int len = (int) Math.min(WINDOW, size - pos);
        windowBuf.clear().limit(len);
        windowChannel = null;
        readFully(ch, windowBuf, pos);
        windowChannel = ch;
        windowStart = pos;
        windowLen = len;
        return 0;
    }

    private static long littleEndianLong(byte[] b, int i) {
        return (littleEndianInt(b, i) & 0xffffffffL) | (long) littleEndianInt(b, i + 4) << 32;
    }

    private static int littleEndianInt(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
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
