package io.tidbbinlog.pump.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns binlogs in arrival (= log) order into the commit-ts watermark and the commit index (spec §4.4,
 * binlog:pump/storage/sorter.go).
 *
 * <p>Pump's sorter is a FIFO of every item that stops at a prewrite whose commit has not arrived; each non-prewrite
 * item it passes raises the watermark. The same watermark is kept here without queueing every item: each waiting
 * prewrite remembers the highest commit_ts that had arrived before it, and the watermark is that value for the
 * earliest waiting prewrite (or the highest commit_ts seen when none waits). Memory is then proportional to the
 * waiting prewrites and the not-yet-final commits, not to everything that arrived behind a blocked prewrite.
 *
 * <p>Commit entries wait in a commit_ts ordered memtable and are appended to the {@link CommitIndex} once the
 * watermark reaches them. They are final then: a commit binlog arriving later has a larger commit_ts than the
 * watermark. Its prewrite either arrived after the items that set the watermark, and TiDB takes the commit_ts only
 * after the prewrite binlog is written, i.e. after those commits' timestamps were allocated; or it arrived before
 * them and is still waiting, so it holds the watermark below them. (Commit and prewrite binlogs of one transaction
 * go to the same pump.) The only exceptions are fake binlogs that lose a race with a commit, and commits the
 * resolver already wrote: both are dropped as already indexed.
 *
 * <p>Not thread-safe: the storage calls it under its sorter lock.
 */
final class WatermarkSorter {

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkSorter.class);

    /** A prewrite waiting for its commit or rollback binlog. */
    static final class Waiting {
        final long startTs;
        final LogPointer pointer;
        final long commitsBefore;
        final long arrivedNanos;
        long askedNanos;

        Waiting(long startTs, LogPointer pointer, long commitsBefore, long arrivedNanos) {
            this.startTs = startTs;
            this.pointer = pointer;
            this.commitsBefore = commitsBefore;
            this.arrivedNanos = arrivedNanos;
            this.askedNanos = arrivedNanos;
        }
    }

    private final CommitIndex index;
    private final LinkedHashMap<Long, Waiting> waiting = new LinkedHashMap<>();
    private final TreeMap<Long, IndexEntry> memtable = new TreeMap<>();
    /** Oldest log position each memtable entry needs on replay (its prewrite, else itself), with counts. */
    private final TreeMap<LogPointer, Integer> pinned = new TreeMap<>();
    private long highestCommit;
    private long watermark;
    private LogPointer fedUpTo;
    private long duplicates;

    WatermarkSorter(CommitIndex index, long watermark, LogPointer fedUpTo) {
        this.index = index;
        this.watermark = Math.max(watermark, index.lastTs());
        this.highestCommit = this.watermark;
        this.fedUpTo = fedUpTo;
    }

    /**
     * Takes one stored binlog, in log order.
     *
     * @param next where the record after this one starts
     */
    void feed(boolean prewrite, long startTs, long commitTs, LogPointer at, LogPointer next, long nowNanos) {
        fedUpTo = next;
        if (prewrite) {
            // A retried prewrite keeps the first copy's place.
            waiting.putIfAbsent(startTs, new Waiting(startTs, at, highestCommit, nowNanos));
            return;
        }
        Waiting matched = commitTs == startTs ? null : waiting.remove(startTs);
        if (commitTs <= 0) {
            return; // a rollback only resolves its prewrite; it is never pulled (spec §1.6)
        }
        highestCommit = Math.max(highestCommit, commitTs);
        if (commitTs <= index.lastTs() || memtable.containsKey(commitTs)) {
            duplicates++;
            LOG.debug("commit binlog start_ts {} commit_ts {} already indexed: dropped", startTs, commitTs);
            return;
        }
        LogPointer prewriteAt = matched == null ? null : matched.pointer;
        memtable.put(commitTs, new IndexEntry(commitTs, startTs, at, prewriteAt));
        pinned.merge(prewriteAt != null ? prewriteAt : at, 1, Integer::sum);
    }

    /** Drops a waiting prewrite the resolver found rolled back; false when it was no longer waiting. */
    boolean drop(long startTs) {
        return waiting.remove(startTs) != null;
    }

    /** Recomputes the watermark and appends the entries that became final to the index. */
    void advance() throws IOException {
        Iterator<Waiting> it = waiting.values().iterator();
        long w = it.hasNext() ? it.next().commitsBefore : highestCommit;
        if (w > watermark) {
            watermark = w;
        }
        NavigableMap<Long, IndexEntry> ready = memtable.headMap(watermark, true);
        if (ready.isEmpty()) {
            return;
        }
        List<IndexEntry> entries = new ArrayList<>(ready.values());
        index.append(entries);
        for (IndexEntry e : entries) {
            LogPointer p = e.prewrite() != null ? e.prewrite() : e.commit();
            pinned.computeIfPresent(p, (k, n) -> n == 1 ? null : n - 1);
        }
        ready.clear();
    }

    long watermark() {
        return watermark;
    }

    /** The oldest waiting prewrite, or null. */
    Waiting head() {
        Iterator<Waiting> it = waiting.values().iterator();
        return it.hasNext() ? it.next() : null;
    }

    int waitingCount() {
        return waiting.size();
    }

    long duplicates() {
        return duplicates;
    }

    /**
     * Where replay must start after a restart so that the sorter and memtable come back as they are: the oldest
     * waiting prewrite, the oldest record a not-yet-indexed commit needs, else the end of what was fed.
     */
    LogPointer replayFrom() {
        LogPointer from = fedUpTo;
        Waiting head = head();
        if (head != null && head.pointer.compareTo(from) < 0) {
            from = head.pointer;
        }
        if (!pinned.isEmpty() && pinned.firstKey().compareTo(from) < 0) {
            from = pinned.firstKey();
        }
        return from;
    }

    /** Where the binlog keyed {@code ts} is while the sorter holds it: a waiting prewrite or an unindexed commit. */
    LogPointer heldPointer(long ts) {
        Waiting w = waiting.get(ts);
        if (w != null) {
            return w.pointer;
        }
        IndexEntry e = memtable.get(ts);
        return e == null ? null : e.commit();
    }

    /** Waiting prewrites in arrival order (for tests and logs). */
    Map<Long, Waiting> waiting() {
        return waiting;
    }
}
