package io.tidbbinlog.pump.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * The commit-ts ordered index that pulls read: {@code <dir>/index/%06d.idx} files of fixed-size little-endian
 * records (commit_ts i64, start_ts i64, commit pointer i32+i64, prewrite pointer i32+i64 with segment -1 for none,
 * CRC-32C u32 of the preceding 40 bytes), appended in strictly increasing commit_ts order. Fixed-size records make
 * the start of a pull a binary search. One appender (under the storage's sorter lock); any number of readers.
 */
final class CommitIndex implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(CommitIndex.class);
    static final int RECORD_BYTES = 44;

    static final class IndexFile {
        final int id;
        final Path path;
        final FileChannel channel;
        volatile long count;
        volatile long firstTs;
        volatile long lastTs;

        IndexFile(int id, Path path, FileChannel channel) {
            this.id = id;
            this.path = path;
            this.channel = channel;
        }
    }

    /** A place in the index: record {@code index} of file {@code file}. */
    record Position(int file, long index) {
    }

    private final Path dir;
    private final long entriesPerFile;
    private final ConcurrentSkipListMap<Integer, IndexFile> files = new ConcurrentSkipListMap<>();
    private volatile IndexFile active;
    private volatile long lastTs;

    private CommitIndex(Path dir, long entriesPerFile) {
        this.dir = dir;
        this.entriesPerFile = entriesPerFile;
    }

    /** Opens the index, cutting a torn tail (a partial record, or trailing records failing their CRC). */
    static CommitIndex open(Path dir, long entriesPerFile) throws IOException {
        Files.createDirectories(dir);
        CommitIndex index = new CommitIndex(dir, entriesPerFile);
        List<Integer> ids = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{6,}\\.idx"))
                    .forEach(n -> ids.add(Integer.parseInt(n.substring(0, n.length() - 4))));
        }
        ids.sort(null);
        for (int id : ids) {
            Path path = dir.resolve(name(id));
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            IndexFile f = new IndexFile(id, path, ch);
            long size = ch.size();
            long count = size / RECORD_BYTES;
            while (count > 0 && index.readRaw(f, count - 1) == null) {
                count--;
            }
            if (count * RECORD_BYTES != size) {
                LOG.warn("commit index {}: torn tail at offset {} ({} bytes) cut off", path, count * RECORD_BYTES,
                        size - count * RECORD_BYTES);
                ch.truncate(count * RECORD_BYTES);
                ch.force(true);
            }
            f.count = count;
            if (count > 0) {
                f.firstTs = index.readRaw(f, 0) == null ? 0 : index.readRaw(f, 0).commitTs();
                f.lastTs = index.readRaw(f, count - 1).commitTs();
                index.lastTs = Math.max(index.lastTs, f.lastTs);
            }
            index.files.put(id, f);
        }
        // Empty files other than the last carry nothing; drop them so every non-active file has a range.
        for (IndexFile f : new ArrayList<>(index.files.values())) {
            if (f.count == 0 && f.id != index.files.lastKey()) {
                index.files.remove(f.id);
                f.channel.close();
                Files.deleteIfExists(f.path);
            }
        }
        index.active = index.files.isEmpty() ? index.create(0) : index.files.lastEntry().getValue();
        return index;
    }

    static String name(int id) {
        return String.format("%06d.idx", id);
    }

    private IndexFile create(int id) throws IOException {
        Path path = dir.resolve(name(id));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        IndexFile f = new IndexFile(id, path, ch);
        files.put(id, f);
        FsyncedDirectory.sync(dir);
        return f;
    }

    /**
     * Cuts the index back to what a checkpoint covered: later entries were derived from records the replay after
     * that checkpoint reads again, and some may point into a value log tail that a crash tore off.
     *
     * @return how many entries were cut
     */
    long truncateTo(int fileId, long count) throws IOException {
        long cut = 0;
        for (IndexFile f : new ArrayList<>(files.tailMap(fileId, false).values())) {
            cut += f.count;
            files.remove(f.id);
            f.channel.close();
            Files.deleteIfExists(f.path);
        }
        IndexFile f = files.get(fileId);
        if (f == null) {
            f = create(fileId);
        }
        if (f.count > count) {
            cut += f.count - count;
            f.channel.truncate(count * RECORD_BYTES);
            f.channel.force(true);
            f.count = count;
            f.lastTs = count == 0 ? 0 : readRaw(f, count - 1).commitTs();
        }
        active = f;
        lastTs = 0;
        for (IndexFile g : files.values()) {
            lastTs = Math.max(lastTs, g.lastTs);
        }
        return cut;
    }

    /** The newest commit_ts in the index, 0 when empty. */
    long lastTs() {
        return lastTs;
    }

    /** Appends entries, which the caller gives in increasing commit_ts order above {@link #lastTs()}. */
    void append(List<IndexEntry> entries) throws IOException {
        int i = 0;
        while (i < entries.size()) {
            IndexFile f = active;
            if (f.count >= entriesPerFile) {
                f.channel.force(false);
                f = create(f.id + 1);
                active = f;
            }
            int n = (int) Math.min(entries.size() - i, entriesPerFile - f.count);
            ByteBuffer buf = ByteBuffer.allocate(n * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                IndexEntry e = entries.get(i + k);
                if (e.commitTs() <= lastTs) {
                    throw new IllegalStateException("index entries out of order: " + e.commitTs() + " after "
                            + lastTs);
                }
                encode(buf, e);
                lastTs = e.commitTs();
            }
            buf.flip();
            long at = f.count * RECORD_BYTES;
            while (buf.hasRemaining()) {
                at += f.channel.write(buf, at);
            }
            if (f.count == 0) {
                f.firstTs = entries.get(i).commitTs();
            }
            f.lastTs = entries.get(i + n - 1).commitTs();
            f.count += n;
            i += n;
        }
    }

    private static void encode(ByteBuffer buf, IndexEntry e) {
        int start = buf.position();
        buf.putLong(e.commitTs()).putLong(e.startTs()).putInt(e.commit().segment()).putLong(e.commit().offset());
        if (e.prewrite() == null) {
            buf.putInt(-1).putLong(0);
        } else {
            buf.putInt(e.prewrite().segment()).putLong(e.prewrite().offset());
        }
        buf.putInt(RecordFraming.crc(buf.array(), start, RECORD_BYTES - 4));
    }

    /** Makes every appended entry durable. */
    void force() throws IOException {
        active.channel.force(false);
    }

    /** The active file and its length in bytes, for the checkpoint. */
    Position end() {
        IndexFile f = active;
        return new Position(f.id, f.count);
    }

    /** The first position whose commit_ts is above {@code afterTs} (possibly the end of the index). */
    Position locate(long afterTs) {
        for (IndexFile f : files.values()) {
            long count = f.count;
            if (count == 0 || f.lastTs <= afterTs) {
                continue;
            }
            long lo = 0;
            long hi = count - 1;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (read(f, mid).commitTs() <= afterTs) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return new Position(f.id, lo);
        }
        IndexFile last = active;
        return new Position(last.id, last.count);
    }

    /** The entry of exactly {@code commitTs}, or null. */
    IndexEntry find(long commitTs) {
        Read read = readRunAt(locate(commitTs - 1), 1);
        if (read instanceof Run run && !run.entries().isEmpty() && run.entries().get(0).commitTs() == commitTs) {
            return run.entries().get(0);
        }
        return null;
    }

    /**
     * Up to {@code max} entries from {@code pos} on, read with one system call: a pull's read-ahead. Null when
     * there is nothing yet, {@link Gone} when the file was collected.
     */
    Read readRunAt(Position pos, int max) {
        IndexFile f = files.get(pos.file());
        if (f == null) {
            return Gone.INSTANCE;
        }
        long available = f.count - pos.index();
        if (available > 0) {
            int n = (int) Math.min(max, available);
            try {
                return new Run(readRaw(f, pos.index(), n), new Position(f.id, pos.index() + n));
            } catch (IOException ex) {
                throw new StorageException("cannot read commit index " + f.path + ": " + ex.getMessage(), ex);
            }
        }
        Map.Entry<Integer, IndexFile> next = files.higherEntry(f.id);
        if (next == null) {
            return null;
        }
        return readRunAt(new Position(next.getKey(), 0), max);
    }

    sealed interface Read permits Run, Gone {
    }

    /** Consecutive entries and the position after the last. */
    record Run(List<IndexEntry> entries, Position next) implements Read {
    }

    enum Gone implements Read {
        INSTANCE
    }

    private IndexEntry read(IndexFile f, long i) {
        IndexEntry e;
        try {
            e = readRaw(f, i);
        } catch (IOException ex) {
            throw new StorageException("cannot read commit index " + f.path + ": " + ex.getMessage(), ex);
        }
        if (e == null) {
            throw new StorageException("commit index " + f.path + " record " + i + " fails its CRC");
        }
        return e;
    }

    private List<IndexEntry> readRaw(IndexFile f, long first, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        SegmentLog.readFully(f.channel, buf, first * RECORD_BYTES);
        List<IndexEntry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int at = k * RECORD_BYTES;
            if (RecordFraming.crc(buf.array(), at, RECORD_BYTES - 4) != buf.getInt(at + RECORD_BYTES - 4)) {
                throw new StorageException("commit index " + f.path + " record " + (first + k) + " fails its CRC");
            }
            buf.position(at);
            entries.add(decode(buf));
        }
        return entries;
    }

    private IndexEntry readRaw(IndexFile f, long i) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        SegmentLog.readFully(f.channel, buf, i * RECORD_BYTES);
        if (RecordFraming.crc(buf.array(), 0, RECORD_BYTES - 4) != buf.getInt(RECORD_BYTES - 4)) {
            return null;
        }
        buf.flip();
        return decode(buf);
    }

    private static IndexEntry decode(ByteBuffer buf) {
        long commitTs = buf.getLong();
        long startTs = buf.getLong();
        LogPointer commit = new LogPointer(buf.getInt(), buf.getLong());
        int pSeg = buf.getInt();
        long pOff = buf.getLong();
        return new IndexEntry(commitTs, startTs, commit, pSeg < 0 ? null : new LogPointer(pSeg, pOff));
    }

    /** Deletes index files (never the active one) whose newest commit_ts is at or below {@code gcTs}. */
    int deleteUpTo(long gcTs) {
        int deleted = 0;
        for (IndexFile f : files.values()) {
            if (f == active || f.lastTs > gcTs) {
                continue;
            }
            files.remove(f.id);
            try {
                f.channel.close();
                Files.deleteIfExists(f.path);
                deleted++;
                LOG.info("GC deleted commit index {} (newest commit ts {})", f.path, f.lastTs);
            } catch (IOException ex) {
                LOG.warn("GC could not delete commit index {}: {}", f.path, ex.toString());
            }
        }
        return deleted;
    }

    long totalBytes() {
        long total = 0;
        for (IndexFile f : files.values()) {
            total += f.count * RECORD_BYTES;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        for (IndexFile f : files.values()) {
            f.channel.close();
        }
    }
}
