package io.tidbbinlog.pump.storage;

/**
 * A position in the commit-ts ordered stream of a {@link BinlogStorage}. Not thread-safe: one puller each.
 */
public interface PullCursor extends AutoCloseable {

    /**
     * The next commit binlog above the cursor's position and at or below the watermark, or null when there is none
     * yet. A commit binlog whose prewrite is missing is skipped (and counted and logged), as Pump does.
     */
    PulledBinlog next();

    /** The commit_ts of the last binlog returned, or the starting position. */
    long position();

    @Override
    void close();
}
