package io.tidbbinlog.binlogfile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * Reads the payloads of a binlog directory in file-index order, starting at a given file and offset.
 *
 * <p>End of data: {@link #next()} returns {@code null} when the newest file has no further complete record; a later
 * call picks up whatever a writer appended (or the next file it rotated to) from the same place. A record that is
 * incomplete at the end of the newest file is taken as still being written.
 *
 * <p>Damage: a bad magic, an impossible length, a CRC mismatch, or an incomplete record at the end of a file that is
 * not the newest are skipped by searching forward for the next complete valid record; every skipped region is
 * passed to the {@link CorruptionListener} and counted ({@link #skippedBytes()}, {@link #skippedRegions()}). In the
 * newest file, damage with no valid record after it is left in place and reading waits there, since it cannot be
 * told apart from a record being written (the writer's recovery cuts such a tail when it reopens the directory).
 *
 * <p>Not thread-safe.
 */
public final class BinlogFileReader implements AutoCloseable {
    /** Default bound on one record's payload; larger lengths are treated as damage. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 30;

    private final Path dir;
    private final CorruptionListener listener;
    private final RecordProbe probe;

    private List<BinlogFile> files;
    private int fileIdx;
    private long offset;
    private FileChannel channel;
    private long skippedBytes;
    private long skippedRegions;

    /** Reads {@code dir} from the start of its oldest file. */
    public static BinlogFileReader fromStart(Path dir, CorruptionListener listener) throws IOException {
        return new BinlogFileReader(dir, null, DEFAULT_MAX_RECORD_BYTES, listener);
    }

    /**
     * Reads {@code dir} from {@code from} (a record boundary, such as a checkpoint from {@link BinlogRecord#next()}
     * or {@link BinlogFileWriter#position()}); {@code null} means the start of the oldest file.
     *
     * @param maxRecordBytes the largest payload accepted, at most {@code Integer.MAX_VALUE - 16}
     * @throws BinlogFileException when {@code from} names a file the directory does not hold, or the directory's
     *                             indexes have a gap
     */
    public BinlogFileReader(Path dir, BinlogFilePosition from, int maxRecordBytes, CorruptionListener listener)
            throws IOException {
        if (maxRecordBytes < 0 || maxRecordBytes > Integer.MAX_VALUE - RecordFraming.OVERHEAD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
        }
        this.dir = dir;
        this.listener = listener;
        this.probe = new RecordProbe(maxRecordBytes);
        this.files = BinlogDirectory.list(dir);
        if (from == null) {
            fileIdx = 0;
            offset = 0;
        } else {
            fileIdx = indexOf(from.fileName());
            if (fileIdx < 0) {
                throw new BinlogFileException("binlog directory " + dir + " has no file " + from.fileName()
                        + " to start reading from");
            }
            offset = from.offset();
        }
    }

    /** The next record, or {@code null} at the current end of data. */
    public BinlogRecord next() throws IOException {
        boolean relisted = false;
        while (true) {
            if (fileIdx >= files.size()) {
                // only possible when the directory was empty
                if (relisted || !relist()) {
                    return null;
                }
                relisted = true;
                continue;
            }
            BinlogFile file = files.get(fileIdx);
            boolean newest = fileIdx == files.size() - 1;
            FileChannel ch = channel(file);
            long size = ch.size();
            RecordProbe.Result r = probe.probe(ch, offset, size);
            switch (r.kind()) {
                case RECORD -> {
                    BinlogRecord rec = new BinlogRecord(file.fileName(), offset, r.end(), r.payload());
                    offset = r.end();
                    return rec;
                }
                case END -> {
                    if (!newest) {
                        advanceFile();
                        continue;
                    }
                }
                case PARTIAL_HEADER -> {
                    if (!newest) {
                        skip(file, size - offset, "incomplete record at the end of a file that is not the newest");
                        advanceFile();
                        continue;
                    }
                }
                case PARTIAL_PAYLOAD, DAMAGED -> {
                    long at = probe.findNextRecord(ch, offset + 1, size);
                    if (at >= 0) {
                        skip(file, at - offset, r.reason());
                        offset = at;
                        continue;
                    }
                    if (!newest) {
                        skip(file, size - offset, r.reason() + "; no valid record after it in this file");
                        advanceFile();
                        continue;
                    }
                }
                default -> throw new IllegalStateException(r.kind().toString());
            }
            // at the end of what the newest file holds: a new file may have appeared since the listing, in which
            // case this one is complete and is looked at again as such
            probe.invalidate();
            if (relisted || !relist()) {
                return null;
            }
            relisted = true;
        }
    }

    /** Where reading would resume: after the last record returned (or skipped); null while the directory is empty. */
    public BinlogFilePosition position() {
        if (files.isEmpty()) {
            return null;
        }
        return new BinlogFilePosition(files.get(Math.min(fileIdx, files.size() - 1)).fileName(), offset);
    }

    /** Bytes skipped as damaged so far. */
    public long skippedBytes() {
        return skippedBytes;
    }

    /** Damaged regions skipped so far. */
    public long skippedRegions() {
        return skippedRegions;
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }

    /**
     * The commit ts of the first record of {@code file}: from its name when the name carries it, else
     * {@code commitTsOf} applied to the first payload (for drainer's files, the {@code commit_ts} of the
     * {@code pb_binlog.Binlog}). Empty when the file holds no valid record.
     */
    public static OptionalLong firstCommitTs(BinlogFile file, ToLongFunction<byte[]> commitTsOf) throws IOException {
        if (file.name().firstCommitTs().isPresent()) {
            return file.name().firstCommitTs();
        }
        RecordProbe probe = new RecordProbe(DEFAULT_MAX_RECORD_BYTES);
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            long size = ch.size();
            long at = 0;
            RecordProbe.Result r = probe.probe(ch, 0, size);
            if (r.kind() != RecordProbe.Kind.RECORD) {
                at = probe.findNextRecord(ch, 1, size);
                if (at < 0) {
                    return OptionalLong.empty();
                }
                r = probe.probe(ch, at, size);
            }
            return OptionalLong.of(commitTsOf.applyAsLong(r.payload()));
        }
    }

    private void skip(BinlogFile file, long length, String reason) {
        if (length <= 0) {
            return;
        }
        skippedBytes += length;
        skippedRegions++;
        listener.onSkipped(file.fileName(), offset, length, reason);
    }

    private void advanceFile() throws IOException {
        closeChannel();
        probe.invalidate();
        fileIdx++;
        offset = 0;
    }

    /** Re-reads the directory; true when it now holds files after the current one. */
    private boolean relist() throws IOException {
        String current = fileIdx < files.size() ? files.get(fileIdx).fileName() : null;
        List<BinlogFile> fresh = BinlogDirectory.list(dir);
        int before = files.size();
        if (current != null) {
            int idx = -1;
            for (int i = 0; i < fresh.size(); i++) {
                if (fresh.get(i).fileName().equals(current)) {
                    idx = i;
                    break;
                }
            }
            if (idx < 0) {
                throw new BinlogFileException("binlog file " + current + " disappeared from " + dir
                        + " while being read");
            }
            files = fresh;
            fileIdx = idx;
            return idx < fresh.size() - 1;
        }
        files = fresh;
        return fresh.size() > before;
    }

    private int indexOf(String fileName) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).fileName().equals(fileName)) {
                return i;
            }
        }
        return -1;
    }

    private FileChannel channel(BinlogFile file) throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file.path(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new BinlogFileException("binlog file " + file.path() + " disappeared while being read", e);
            }
        }
        return channel;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel c = channel;
            channel = null;
            c.close();
        }
    }
}
