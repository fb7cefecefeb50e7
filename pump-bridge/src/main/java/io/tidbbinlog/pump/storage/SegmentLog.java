package io.tidbbinlog.pump.storage;

import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only value log: {@code <dir>/value/%06d.vlog} segments in Pump's framing ({@link RecordFraming}).
 * One writer thread appends ({@link #append}, {@link #sync}); any thread reads records by pointer. A segment that
 * grows past the configured size is sealed with Pump's footer (its newest ts) and a new one is started.
 */
final class SegmentLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);

    /** Called for every intact record found while reopening the log. */
    interface RecordSink {
        void accept(LogPointer pointer, byte[] payload);
    }

    /** Reads the newest ts (max of start_ts and commit_ts) a payload carries, for the segment's footer. */
    interface TsOf {
        long ts(byte[] payload);
    }

    static final class Segment {
        final int id;
        final Path path;
        final FileChannel channel;
        volatile long size;
        volatile long maxTs;
        volatile boolean sealed;

        Segment(int id, Path path, FileChannel channel, long size) {
            this.id = id;
            this.path = path;
            this.channel = channel;
            this.size = size;
        }
    }

    private final Path valueDir;
    private final long segmentBytes;
    private final PumpMetrics metrics;
    private final ConcurrentSkipListMap<Integer, Segment> segments = new ConcurrentSkipListMap<>();
    /** How much a pull reads at once from a record's start: header and payload of most binlogs. */
    static final int READ_AHEAD_BYTES = 4096;

    private volatile Segment active;

    private SegmentLog(Path valueDir, long segmentBytes, PumpMetrics metrics) {
        this.valueDir = valueDir;
        this.segmentBytes = segmentBytes;
        this.metrics = metrics;
    }

    /**
     * Opens (or creates) the log, hands every intact record at or after {@code replayFrom} to {@code sink} in log
     * order, and cuts a torn tail off the last segment.
     */
    static SegmentLog open(Path valueDir, long segmentBytes, PumpMetrics metrics, LogPointer replayFrom, TsOf tsOf,
                           RecordSink sink) throws IOException {
        Files.createDirectories(valueDir);
        SegmentLog log = new SegmentLog(valueDir, segmentBytes, metrics);
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(valueDir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{6,}\\.vlog"))
                    .forEach(n -> ids.add(Integer.parseInt(n.substring(0, n.length() - 5))));
        }
        ids.sort(null);
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            boolean last = i == ids.size() - 1;
            Path path = valueDir.resolve(name(id));
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Segment seg = new Segment(id, path, ch, ch.size());
            log.segments.put(id, seg);
            long footerMaxTs = readFooter(seg);
            if (footerMaxTs >= 0) {
                seg.sealed = true;
                seg.maxTs = footerMaxTs;
                if (id >= replayFrom.segment()) {
                    long from = id == replayFrom.segment() ? replayFrom.offset() : 0;
                    log.scan(seg, from, seg.size - RecordFraming.FOOTER_BYTES, false, replayFrom, tsOf, sink);
                }
            } else {
                // No footer: the segment being written when we stopped. Scan it whole for its newest ts (as Pump
                // does on open) and to find where the intact records end.
                log.scan(seg, 0, seg.size, last, replayFrom, tsOf, sink);
            }
        }
        Segment last = log.segments.isEmpty() ? null : log.segments.lastEntry().getValue();
        if (last == null || last.sealed) {
            last = log.create(last == null ? 0 : last.id + 1);
        }
        log.active = last;
        return log;
    }

    static String name(int id) {
        return String.format("%06d.vlog", id);
    }

    private static long readFooter(Segment seg) throws IOException {
        if (seg.size < RecordFraming.FOOTER_BYTES) {
            return -1;
        }
        ByteBuffer f = ByteBuffer.allocate(RecordFraming.FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(seg.channel, f, seg.size - RecordFraming.FOOTER_BYTES);
        f.flip();
        long maxTs = f.getLong();
        if (f.getInt() != RecordFraming.FOOTER_MAGIC || maxTs < 0) {
            return -1;
        }
        return maxTs;
    }

    /**
     * Walks the records in {@code [from, end)}. Corrupt bytes followed by an intact record are skipped (reported);
     * corrupt bytes up to the end of the last segment are a torn write and are cut off.
     */
    private void scan(Segment seg, long from, long end, boolean isLast, LogPointer replayFrom, TsOf tsOf,
                      RecordSink sink) throws IOException {
        long pos = from;
        ByteBuffer hb = ByteBuffer.allocate(RecordFraming.HEADER_BYTES);
        while (pos < end) {
            byte[] payload = tryRead(seg, pos, end, hb);
            if (payload != null) {
                deliver(seg, pos, payload, replayFrom, tsOf, sink);
                pos += RecordFraming.HEADER_BYTES + payload.length;
                continue;
            }
            long next = findNextRecord(seg, pos + 1, end, hb);
            if (next < 0) {
                if (isLast) {
                    LOG.warn("value log {}: torn tail at offset {} ({} bytes) cut off", seg.path, pos, end - pos);
                    metrics.storageErrors.labels("torn_tail").inc();
                    seg.channel.truncate(pos);
                    seg.channel.force(true);
                    seg.size = pos;
                } else {
                    LOG.error("value log {}: corrupt bytes from offset {} to {} skipped", seg.path, pos, end);
                    metrics.storageErrors.labels("corrupt_record").inc();
                }
                return;
            }
            LOG.error("value log {}: corrupt record at offset {}, skipped {} bytes to the next record", seg.path, pos,
                    next - pos);
            metrics.storageErrors.labels("corrupt_record").inc();
            pos = next;
        }
    }

    private static void deliver(Segment seg, long pos, byte[] payload, LogPointer replayFrom, TsOf tsOf,
                                RecordSink sink) {
        long ts = tsOf.ts(payload);
        if (ts > seg.maxTs) {
            seg.maxTs = ts;
        }
        LogPointer p = new LogPointer(seg.id, pos);
        if (p.compareTo(replayFrom) >= 0) {
            sink.accept(p, payload);
        }
    }

    /** The payload of an intact record at {@code pos}, or null. */
    private static byte[] tryRead(Segment seg, long pos, long end, ByteBuffer hb) throws IOException {
        if (end - pos < RecordFraming.HEADER_BYTES) {
            return null;
        }
        hb.clear();
        readFully(seg.channel, hb, pos);
        hb.flip();
        RecordFraming.Header h = RecordFraming.Header.parse(hb);
        if (!h.magicOk() || h.length() < 0 || h.length() > end - pos - RecordFraming.HEADER_BYTES
                || h.length() > Integer.MAX_VALUE - 16) {
            return null;
        }
        byte[] payload = new byte[(int) h.length()];
        readFully(seg.channel, ByteBuffer.wrap(payload), pos + RecordFraming.HEADER_BYTES);
        return RecordFraming.crc(payload, 0, payload.length) == h.crc() ? payload : null;
    }

    /**
     * One record for a reader that knows where it starts (a pull): the header and the first few KiB come in one
     * read, so a typical binlog costs one system call instead of two. Null when the record is not intact.
     */
    private static byte[] readRecord(Segment seg, long pos, long end, ByteBuffer first) throws IOException {
        long available = end - pos;
        if (available < RecordFraming.HEADER_BYTES) {
            return null;
        }
        first.clear();
        first.limit((int) Math.min(first.capacity(), available));
        readFully(seg.channel, first, pos);
        first.flip();
        RecordFraming.Header h = RecordFraming.Header.parse(first);
        if (!h.magicOk() || h.length() < 0 || h.length() > available - RecordFraming.HEADER_BYTES
                || h.length() > Integer.MAX_VALUE - 16) {
            return null;
        }
        byte[] payload = new byte[(int) h.length()];
        int inFirst = Math.min(payload.length, first.remaining());
        first.get(payload, 0, inFirst);
        if (inFirst < payload.length) {
            readFully(seg.channel, ByteBuffer.wrap(payload, inFirst, payload.length - inFirst),
                    pos + RecordFraming.HEADER_BYTES + inFirst);
        }
        return RecordFraming.crc(payload, 0, payload.length) == h.crc() ? payload : null;
    }

    /** Looks byte by byte for the next offset holding an intact record (as Pump's reader does), or -1. */
    private static long findNextRecord(Segment seg, long from, long end, ByteBuffer hb) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        long base = from;
        while (base + 4 <= end) {
            chunk.clear();
            int want = (int) Math.min(chunk.capacity(), end - base);
            chunk.limit(want);
            readFully(seg.channel, chunk, base);
            for (int i = 0; i + 4 <= want; i++) {
                if (chunk.getInt(i) == RecordFraming.RECORD_MAGIC && tryRead(seg, base + i, end, hb) != null) {
                    return base + i;
                }
            }
            base += want - 3;
        }
        return -1;
    }

    private Segment create(int id) throws IOException {
        Path path = valueDir.resolve(name(id));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Segment seg = new Segment(id, path, ch, ch.size());
        segments.put(id, seg);
        FsyncedDirectory.sync(valueDir);
        return seg;
    }

    /**
     * Appends records (writer thread only), rotating when the active segment has grown past the segment size; does
     * not fsync the active segment (see {@link #sync}); a sealed segment is fsynced when sealed.
     *
     * @return the pointer of each record
     */
    LogPointer[] append(List<byte[]> payloads, List<ByteBuffer> headers, long[] ts) throws IOException {
        LogPointer[] pointers = new LogPointer[payloads.size()];
        List<ByteBuffer> gather = new ArrayList<>(payloads.size() * 2);
        Segment seg = active;
        long pos = seg.size;
        long segMax = seg.maxTs;
        for (int i = 0; i < payloads.size(); i++) {
            if (pos >= segmentBytes && pos > 0) {
                write(seg, gather, seg.size);
                seg.size = pos;
                seg.maxTs = segMax;
                seal(seg);
                seg = create(seg.id + 1);
                active = seg;
                pos = 0;
                segMax = 0;
            }
            byte[] p = payloads.get(i);
            gather.add(headers.get(i).duplicate());
            gather.add(ByteBuffer.wrap(p));
            pointers[i] = new LogPointer(seg.id, pos);
            pos += RecordFraming.HEADER_BYTES + p.length;
            segMax = Math.max(segMax, ts[i]);
        }
        write(seg, gather, seg.size);
        seg.maxTs = segMax;
        seg.size = pos;
        return pointers;
    }

    private static void write(Segment seg, List<ByteBuffer> gather, long at) throws IOException {
        if (gather.isEmpty()) {
            return;
        }
        ByteBuffer[] srcs = gather.toArray(new ByteBuffer[0]);
        seg.channel.position(at);
        int first = 0;
        while (first < srcs.length) {
            seg.channel.write(srcs, first, srcs.length - first);
            while (first < srcs.length && !srcs[first].hasRemaining()) {
                first++;
            }
        }
        gather.clear();
    }

    private void seal(Segment seg) throws IOException {
        ByteBuffer footer = RecordFraming.footer(seg.maxTs);
        long at = seg.size;
        while (footer.hasRemaining()) {
            at += seg.channel.write(footer, at);
        }
        seg.channel.force(false);
        seg.size = at;
        seg.sealed = true;
    }

    /** Makes everything appended so far durable. */
    /**
     * After a failed append (a full disk, an I/O error), cuts the active segment back to its last complete batch.
     * Without this, the failed batch's records that did reach the file would sit after the next batch's shorter
     * write and come back to life on the next recovery scan, though their writers were told they failed.
     */
    void discardFailedAppend() throws IOException {
        Segment seg = active;
        seg.channel.truncate(seg.size);
    }

    void sync() throws IOException {
        active.channel.force(false);
    }

    /** The position the next record will be written at (writer thread, or after open). */
    LogPointer end() {
        Segment seg = active;
        return new LogPointer(seg.id, seg.size);
    }

    /**
     * The payload of the record at {@code p}, checked against its CRC.
     *
     * @throws StorageException when the segment is gone (GC) or the record is corrupt
     */
    byte[] read(LogPointer p) {
        return read(p, ByteBuffer.allocate(READ_AHEAD_BYTES));
    }

    /**
     * As {@link #read(LogPointer)}, reading through the caller's {@code scratch} buffer (a pull reuses one rather
     * than allocating and zeroing a new one per binlog).
     */
    byte[] read(LogPointer p, ByteBuffer scratch) {
        Segment seg = segments.get(p.segment());
        if (seg == null) {
            throw new StorageException("value log segment " + name(p.segment()) + " is gone (purged)");
        }
        try {
            byte[] payload = readRecord(seg, p.offset(), seg.size, scratch);
            if (payload == null) {
                metrics.storageErrors.labels("read_value").inc();
                throw new StorageException("corrupt or missing record at " + p);
            }
            return payload;
        } catch (ClosedChannelException e) {
            throw new StorageException("value log segment " + name(p.segment()) + " is gone (purged)", e);
        } catch (IOException e) {
            metrics.storageErrors.labels("read_value").inc();
            throw new StorageException("cannot read record at " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes sealed segments before {@code keepFrom} whose newest ts is at or below {@code maxTs}.
     *
     * @return how many were deleted
     */
    int deleteSealedBefore(int keepFrom, long maxTs) {
        int deleted = 0;
        for (Map.Entry<Integer, Segment> e : segments.headMap(keepFrom).entrySet()) {
            Segment seg = e.getValue();
            if (!seg.sealed || seg == active || seg.maxTs > maxTs) {
                continue;
            }
            segments.remove(e.getKey());
            try {
                seg.channel.close();
                Files.deleteIfExists(seg.path);
                deleted++;
                LOG.info("GC deleted value log {} (newest ts {})", seg.path, seg.maxTs);
            } catch (IOException ex) {
                LOG.warn("GC could not delete value log {}: {}", seg.path, ex.toString());
            }
        }
        return deleted;
    }

    int segmentCount() {
        return segments.size();
    }

    long totalBytes() {
        long total = 0;
        for (Segment s : segments.values()) {
            total += s.size;
        }
        return total;
    }

    static void readFully(FileChannel ch, ByteBuffer dst, long at) throws IOException {
        long pos = at;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + pos);
            }
            pos += n;
        }
    }

    /** Closes the files without sealing (a crash as far as the files can tell). */
    @Override
    public void close() throws IOException {
        for (Segment s : segments.values()) {
            s.channel.close();
        }
    }
}
