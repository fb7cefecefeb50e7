package io.tidbbinlog.pump.storage;

import io.tidbbinlog.proto.binlog.Binlog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Pump's durable binlog store (spec §4): an append-only, checksummed, segmented log of every binlog as received,
 * a sorter that turns arrival order into a commit-ts watermark, and a commit-ts ordered index that pulls are served
 * from.
 *
 * <p>Contract for callers:
 * <ul>
 *   <li>{@link #write} completes only after the binlog is on disk (fsync when {@code sync-log}); writers are
 *       group-committed. It completes exceptionally with {@link NoSpaceException} when available disk space is at
 *       or below {@code stop-write-at-available-space} (fake binlogs, {@code start_ts == commit_ts > 0}, are still
 *       accepted), or with {@link StorageException} for anything else. A binlog with {@code start_ts == 0 &&
 *       commit_ts == 0} (the pump client's probe) completes at once and stores nothing.</li>
 *   <li>{@link #maxCommitTs()} is the watermark: every commit binlog with {@code commit_ts <= maxCommitTs} is
 *       stored and pullable, and no later one with a smaller commit_ts will ever be pulled.</li>
 *   <li>{@link #pull} never returns a binlog above the watermark; commit binlogs come back joined with their
 *       prewrite's data (spec §1.6), fake binlogs as they are, rollbacks never.</li>
 * </ul>
 * Thread-safe.
 */
public interface BinlogStorage extends AutoCloseable {

    /**
     * Stores a binlog durably.
     *
     * @param binlog  the parsed binlog (for its type and timestamps)
     * @param payload the exact bytes received, stored and served unchanged (except the join on pull)
     */
    CompletableFuture<Void> write(Binlog binlog, byte[] payload);

    /** The commit-ts watermark (spec §4.4), persisted across restarts. */
    long maxCommitTs();

    /** The GC watermark: binlogs at or below it may be gone. 0 before the first GC. */
    long gcTs();

    /**
     * Opens a cursor over commit binlogs with {@code afterCommitTs < commit_ts <= maxCommitTs()}, in commit-ts
     * order. The cursor keeps following the watermark: when {@link PullCursor#next()} returns null, a later call may
     * return more. Memory is bounded: the cursor reads from disk one binlog at a time.
     */
    PullCursor pull(long afterCommitTs);

    /**
     * Drops what is older than {@code gcTs} (spec §4.6): ignored when {@code gcTs <= gcTs()} or
     * {@code maxCommitTs() <= gcTs}; otherwise persists the new GC watermark and deletes whole segments whose newest
     * binlog is at or below {@code gcTs} less a 10 minute margin (never the segment being written).
     *
     * @return true when the GC watermark moved
     */
    boolean gc(long gcTs);

    /**
     * The binlog stored under {@code ts} as Pump keys it (spec §4.3: start_ts for a prewrite, commit_ts otherwise),
     * exactly as received, for GET /debug/binlog/{ts}. Commit and fake binlogs are found by commit_ts; prewrites
     * only while they wait for their commit binlog (a matched prewrite is reachable through its commit binlog).
     */
    Optional<byte[]> storedBinlog(long ts);

    /** True when no prewrite binlog is waiting for its commit binlog (used before going offline). */
    boolean allMatched();

    /** Sizes and counters for /status, /metrics and logs. */
    StorageStats stats();

    /** Stops accepting writes, finishes what is in flight, persists the recovery checkpoint. */
    @Override
    void close();
}
