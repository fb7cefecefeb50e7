package io.tidbbinlog.binlogfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends framed records to a binlog directory, rotating to the next index once a file reaches the segment size.
 *
 * <p>Holds an exclusive lock on {@code <dir>/.lock} while open, so two writers never share a directory. The lock is
 * Java's {@link FileLock} (a POSIX record lock on Linux); PingCAP's drainer takes {@code flock} on the same file,
 * and Linux keeps the two kinds apart, so it does not keep a PingCAP drainer out. On open it
 * continues the newest file after its last complete valid record, cutting off a torn tail left by a crash.
 * Thread-safe.
 */
public final class BinlogFileWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinlogFileWriter.class);

    /** Drainer's default segment size (SegmentSizeBytes): 512 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 512L * 1024 * 1024;
    static final String LOCK_FILE = ".lock";

    /**
     * @param segmentBytes   rotate after a write leaves the file at or above this size
     * @param syncPolicy     when to fsync
     * @param maxRecordBytes the largest payload accepted; keep it at or below what readers accept
     * @param clock          gives the creation time in new file names (local time of its zone)
     */
    public record Options(long segmentBytes, SyncPolicy syncPolicy, int maxRecordBytes, Clock clock) {
        public Options {
            if (segmentBytes <= 0) {
                throw new IllegalArgumentException("segmentBytes must be positive: " + segmentBytes);
            }
            if (maxRecordBytes < 0 || maxRecordBytes > Integer.MAX_VALUE - RecordFraming.OVERHEAD_BYTES) {
                throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_SEGMENT_BYTES, SyncPolicy.EACH_WRITE, BinlogFileReader.DEFAULT_MAX_RECORD_BYTES,
                    Clock.systemDefaultZone());
        }

        public Options withSegmentBytes(long bytes) {
            return new Options(bytes, syncPolicy, maxRecordBytes, clock);
        }

        public Options withSyncPolicy(SyncPolicy policy) {
            return new Options(segmentBytes, policy, maxRecordBytes, clock);
        }

        public Options withMaxRecordBytes(int bytes) {
            return new Options(segmentBytes, syncPolicy, bytes, clock);
        }

        public Options withClock(Clock c) {
            return new Options(segmentBytes, syncPolicy, maxRecordBytes, c);
        }
    }

    private final Path dir;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ByteBuffer header = ByteBuffer.allocate(RecordFraming.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer trailer = ByteBuffer.allocate(RecordFraming.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    private long index;
    private String fileName;
    private FileChannel channel;
    private long offset;
    private boolean unsynced;
    private boolean closed;

    private BinlogFileWriter(Path dir, Options options, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens {@code dir} (created if missing) with default options. */
    public static BinlogFileWriter open(Path dir) throws IOException {
        return open(dir, Options.defaults(), CorruptionListener.NONE);
    }

    /**
     * Opens {@code dir} for appending.
     *
     * @param recovery told about every region of the newest file that is skipped or cut off while finding where to
     *                 continue
     * @throws BinlogFileException when another writer holds the directory, or its file indexes have a gap
     */
    public static BinlogFileWriter open(Path dir, Options options, CorruptionListener recovery) throws IOException {
        Files.createDirectories(dir);
        Path lockPath = dir.resolve(LOCK_FILE);
        FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new BinlogFileException("binlog directory " + dir + " is already open for writing in this process"
                    + " (lock " + lockPath + " is held)", e);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new BinlogFileException("binlog directory " + dir + " is locked by another process (" + lockPath
                    + "); only one writer may use a directory");
        }
        BinlogFileWriter w = new BinlogFileWriter(dir, options, lockChannel, lock);
        try {
            w.openNewest(recovery);
        } catch (IOException | RuntimeException e) {
            w.releaseLock();
            throw e;
        }
        return w;
    }

    /**
     * Appends one record and, per the sync policy, forces it to disk; rotates afterwards if the file reached the
     * segment size.
     *
     * @return where the record starts
     * @throws BinlogFileException when the payload is larger than the maximum record size
     */
    public synchronized BinlogFilePosition append(byte[] payload) throws IOException {
        ensureOpen();
        if (payload.length > options.maxRecordBytes()) {
            throw new BinlogFileException("payload of " + payload.length + " bytes exceeds the maximum record size "
                    + options.maxRecordBytes());
        }
        BinlogFilePosition at = new BinlogFilePosition(fileName, offset);
        header.clear();
        header.putInt(RecordFraming.MAGIC).putLong(payload.length).flip();
        trailer.clear();
        trailer.putInt(RecordFraming.crc32c(payload, 0, payload.length)).flip();
        ByteBuffer[] parts = {header, ByteBuffer.wrap(payload), trailer};
        long total = RecordFraming.OVERHEAD_BYTES + (long) payload.length;
        long written = 0;
        while (written < total) {
            written += channel.write(parts);
        }
        offset += total;
        unsynced = true;
        if (options.syncPolicy() == SyncPolicy.EACH_WRITE) {
            sync();
        }
        if (offset >= options.segmentBytes()) {
            rotate();
        }
        return at;
    }

    /** Forces everything appended so far to disk. */
    public synchronized void flush() throws IOException {
        ensureOpen();
        sync();
    }

    /** The end of the last appended record: where the next one goes, and a checkpoint covering all appended. */
    public synchronized BinlogFilePosition position() {
        return new BinlogFilePosition(fileName, offset);
    }

    /** The file being appended to. */
    public synchronized Path currentFile() {
        return dir.resolve(fileName);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                sync();
                channel.close();
            }
        } finally {
            releaseLock();
        }
    }

    private void openNewest(CorruptionListener recovery) throws IOException {
        List<BinlogFile> files = BinlogDirectory.list(dir);
        if (files.isEmpty()) {
            createFile(0);
            return;
        }
        BinlogFile newest = files.get(files.size() - 1);
        if (newest.name().firstCommitTs().isPresent()) {
            // an archived file (binlog-<index>-<datetime>-<commitTs>[.tar.gz]) is finished: never cut or extend it
            createFile(newest.index() + 1);
            return;
        }
        index = newest.index();
        fileName = newest.fileName();
        channel = FileChannel.open(newest.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        long end = endOfValidRecords(channel, recovery);
        long size = channel.size();
        if (end < size) {
            recovery.onSkipped(fileName, end, size - end, "cut off: no complete valid record after this offset");
            LOG.warn("binlog file {}: cutting {} bytes after offset {} (torn or damaged tail)", fileName, size - end,
                    end);
            channel.truncate(end);
            channel.force(true);
        }
        offset = end;
        channel.position(end);
        if (offset >= options.segmentBytes()) {
            rotate();
        }
    }

    /** Offset just past the last complete valid record of the file, reporting damaged regions between records. */
    private long endOfValidRecords(FileChannel ch, CorruptionListener recovery) throws IOException {
        RecordProbe probe = new RecordProbe(options.maxRecordBytes());
        long size = ch.size();
        long pos = 0;
        long end = 0;
        while (pos < size) {
            RecordProbe.Result r = probe.probe(ch, pos, size);
            if (r.kind() == RecordProbe.Kind.RECORD) {
                pos = r.end();
                end = pos;
                continue;
            }
            long next = probe.findNextRecord(ch, pos + 1, size);
            if (next < 0) {
                break;
            }
            recovery.onSkipped(fileName, pos, next - pos, r.reason());
            LOG.warn("binlog file {}: {} damaged bytes at offset {} kept in place and skipped ({})", fileName,
                    next - pos, pos, r.reason());
            pos = next;
        }
        return end;
    }

    private void rotate() throws IOException {
        sync();
        channel.close();
        channel = null;
        createFile(index + 1);
    }

    private void createFile(long newIndex) throws IOException {
        String name = BinlogFileName.format(newIndex, LocalDateTime.now(options.clock()));
        Path path = dir.resolve(name);
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        index = newIndex;
        fileName = name;
        offset = 0;
        syncDirectory();
    }

    private void sync() throws IOException {
        if (unsynced && channel != null) {
            channel.force(false);
            unsynced = false;
        }
    }

    /** Makes the new file's directory entry durable, so a crash does not lose a file that records went into. */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems refuse to open or force a directory; the file's own fsync still holds its data
            LOG.debug("could not fsync directory {}", dir, e);
        }
    }

    private void releaseLock() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    private void ensureOpen() throws BinlogFileException {
        if (closed) {
            throw new BinlogFileException("binlog writer for " + dir + " is closed");
        }
    }
}
