package io.tidbbinlog.pump.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock Pump takes on {@code <data-dir>/.lock} before touching anything else (binlog:pump/node.go
 * checkExclusive), so two pumps never share one data directory. The operating system drops the lock when the
 * process dies, so a crash never leaves the directory locked.
 */
public final class DataDirLock implements AutoCloseable {

    static final String LOCK_FILE = ".lock";

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the data directory if needed and locks it.
     *
     * @throws IllegalStateException naming the directory when another holder (process or, within this JVM,
     *                               another pump) has it
     */
    public static DataDirLock acquire(Path dataDir) {
        Path lockPath = dataDir.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open lock file " + lockPath + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + lockPath + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("data directory " + dataDir.toAbsolutePath()
                    + " is in use by another pump (" + lockPath + " is locked); stop it or use another data-dir");
        }
        return new DataDirLock(dataDir, channel, lock);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Releases the lock; the file stays (as Pump leaves it). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release lock on " + dataDir + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
