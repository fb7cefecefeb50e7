package io.tidbbinlog.pump.storage;

/**
 * A snapshot of storage figures.
 *
 * @param totalBytes         bytes of all segments and index files on disk
 * @param availableBytes     free bytes on the data directory's file system
 * @param segments           number of segment files
 * @param maxCommitTs        the watermark
 * @param gcTs               the GC watermark
 * @param waitingPrewrites   prewrite binlogs still waiting for their commit binlog
 * @param binlogsWritten     binlogs stored since start
 * @param missingPrewrites   commit binlogs skipped on pull because their prewrite was missing
 * @param resolvedCommits    commit binlogs the storage wrote itself after asking the resolver
 * @param resolvedRollbacks  prewrites dropped after the resolver said rolled back
 */
public record StorageStats(long totalBytes, long availableBytes, int segments, long maxCommitTs, long gcTs,
                           int waitingPrewrites, long binlogsWritten, long missingPrewrites, long resolvedCommits,
                           long resolvedRollbacks) {
}
