package io.tidbbinlog.sim.pd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PD state in a data directory: {@code pd-state} holds {@code cluster-id}, {@code member-id} and
 * {@code tso-saved-physical-ms} as {@code key=value} lines. Every save writes a temporary file, fsyncs it, renames
 * it over the old one and fsyncs the directory, so a crash leaves either the old or the new bound, never a torn
 * one. A {@code LOCK} file keeps two servers off the same directory (two TSOs on one window would collide).
 */
final class FilePdStateStore implements PdStateStore {

    static final String STATE_FILE = "pd-state";
    private static final String TEMP_FILE = "pd-state.tmp";
    private static final String LOCK_FILE = "LOCK";
    private static final String CLUSTER_ID = "cluster-id";
    private static final String MEMBER_ID = "member-id";
    private static final String TSO_BOUND = "tso-saved-physical-ms";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final PdIdentity identity;
    private long bound;

    private FilePdStateStore(Path dir, FileChannel lockChannel, FileLock lock, PdIdentity identity, long bound) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.identity = identity;
        this.bound = bound;
    }

    /** Opens (or creates) the state in {@code dir}; a new directory gets a new cluster id. */
    static FilePdStateStore open(Path dir, Clock clock) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, dir);
            Path stateFile = dir.resolve(STATE_FILE);
            FilePdStateStore store;
            if (Files.exists(stateFile)) {
                Map<String, String> values = read(stateFile);
                PdIdentity identity = new PdIdentity(number(values, CLUSTER_ID, stateFile),
                        number(values, MEMBER_ID, stateFile));
                long bound = number(values, TSO_BOUND, stateFile);
                if (bound < 0) {
                    throw new IllegalStateException("PD state file " + stateFile + " has a negative " + TSO_BOUND);
                }
                store = new FilePdStateStore(dir, channel, lock, identity, bound);
            } else {
                store = new FilePdStateStore(dir, channel, lock, PdIdentity.generate(clock), 0);
                store.write(0);
            }
            return store;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open PD data dir " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public PdIdentity identity() {
        return identity;
    }

    @Override
    public synchronized long savedPhysicalBound() {
        return bound;
    }

    @Override
    public synchronized void saveTimestampBound(long physicalMillis) {
        try {
            write(physicalMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the TSO window to " + dir.resolve(STATE_FILE) + ": "
                    + e.getMessage(), e);
        }
        bound = physicalMillis;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private void write(long newBound) throws IOException {
        String text = CLUSTER_ID + "=" + Long.toUnsignedString(identity.clusterId()) + "\n"
                + MEMBER_ID + "=" + Long.toUnsignedString(identity.memberId()) + "\n"
                + TSO_BOUND + "=" + newBound + "\n";
        Path temp = dir.resolve(TEMP_FILE);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        try {
            Files.move(temp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + dir + " cannot rename atomically", e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("PD data dir " + dir + " is in use by another PD server");
        }
        return lock;
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException("PD state file " + file + " has a malformed line: " + line);
                }
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("PD state file " + file + " vanished while opening", e);
        }
        return values;
    }

    private static long number(Map<String, String> values, String key, Path file) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("PD state file " + file + " has no " + key);
        }
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PD state file " + file + " has a malformed " + key + ": " + v, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
