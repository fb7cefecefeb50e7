package io.tidbbinlog.pump.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Storage settings, from Pump's {@code [storage]} section (spec §10.1).
 *
 * @param directory                  where segments, the commit index and the checkpoint live (data-dir)
 * @param syncLog                    fsync before acknowledging ({@code sync-log}, default true)
 * @param stopWriteAtAvailableSpace  refuse non-fake writes at or below this many free bytes (default 10 GiB)
 * @param segmentBytes               rotate a segment after it grows past this (Pump: 500 MiB)
 * @param slowWriteThreshold         writes slower than this are logged ({@code slow_write_threshold}, 1 s)
 */
public record StorageConfig(Path directory, boolean syncLog, long stopWriteAtAvailableSpace, long segmentBytes,
                            Duration slowWriteThreshold) {

    public static final long DEFAULT_STOP_WRITE_AT_AVAILABLE_SPACE = 10L << 30;
    public static final long DEFAULT_SEGMENT_BYTES = 500L << 20;

    public StorageConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(slowWriteThreshold, "slowWriteThreshold");
        if (stopWriteAtAvailableSpace < 0) {
            throw new IllegalArgumentException("stop-write-at-available-space must not be negative: "
                    + stopWriteAtAvailableSpace);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segment size must be at least 4096 bytes: " + segmentBytes);
        }
    }

    public static StorageConfig defaults(Path directory) {
        return new StorageConfig(directory, true, DEFAULT_STOP_WRITE_AT_AVAILABLE_SPACE, DEFAULT_SEGMENT_BYTES,
                Duration.ofSeconds(1));
    }

    public StorageConfig withStopWriteAtAvailableSpace(long bytes) {
        return new StorageConfig(directory, syncLog, bytes, segmentBytes, slowWriteThreshold);
    }

    public StorageConfig withSegmentBytes(long bytes) {
        return new StorageConfig(directory, syncLog, stopWriteAtAvailableSpace, bytes, slowWriteThreshold);
    }

    public StorageConfig withSyncLog(boolean sync) {
        return new StorageConfig(directory, sync, stopWriteAtAvailableSpace, segmentBytes, slowWriteThreshold);
    }
}
