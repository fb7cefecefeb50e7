package io.tidbbinlog.pump.node;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.storage.BinlogStorage;
import io.tidbbinlog.pump.storage.PullCursor;
import io.tidbbinlog.pump.storage.StorageException;
import io.tidbbinlog.pump.storage.StorageStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A test double of the storage's contract as far as the node uses it: binlogs kept in a list, the watermark the
 * largest commit_ts of a non-prewrite binlog, prewrites waiting until a binlog with their start_ts arrives, GC
 * watermark moved by the contract's rules. Writes can be made to fail.
 */
final class InMemoryBinlogStorage implements BinlogStorage {

    private final List<Binlog> written = new ArrayList<>();
    private final Set<Long> waiting = new HashSet<>();
    private final List<Long> gcRequests = new ArrayList<>();
    private long maxCommitTs;
    private long gcTs;
    private boolean failWrites;
    private volatile CountDownLatch gcGate;

    @Override
    public synchronized CompletableFuture<Void> write(Binlog binlog, byte[] payload) {
        if (failWrites) {
            return CompletableFuture.failedFuture(new StorageException("disk is on fire (test)"));
        }
        written.add(binlog);
        if (binlog.getTp() == BinlogType.Prewrite) {
            waiting.add(binlog.getStartTs());
        } else {
            waiting.remove(binlog.getStartTs());
            maxCommitTs = Math.max(maxCommitTs, binlog.getCommitTs());
        }
        return CompletableFuture.completedFuture(null);
    }

    synchronized void failWrites(boolean fail) {
        failWrites = fail;
    }

    synchronized List<Binlog> written() {
        return List.copyOf(written);
    }

    synchronized List<Long> gcRequests() {
        return List.copyOf(gcRequests);
    }

    synchronized void setMaxCommitTs(long ts) {
        maxCommitTs = ts;
    }

    @Override
    public synchronized long maxCommitTs() {
        return maxCommitTs;
    }

    @Override
    public synchronized long gcTs() {
        return gcTs;
    }

    @Override
    public PullCursor pull(long afterCommitTs) {
        throw new UnsupportedOperationException("the node never pulls");
    }

    /** Makes the next GC calls wait until the returned latch is counted down. */
    CountDownLatch holdGc() {
        CountDownLatch gate = new CountDownLatch(1);
        gcGate = gate;
        return gate;
    }

    @Override
    public boolean gc(long requested) {
        CountDownLatch gate = gcGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return applyGc(requested);
    }

    private synchronized boolean applyGc(long requested) {
        gcRequests.add(requested);
        if (requested <= gcTs || maxCommitTs <= requested) {
            return false;
        }
        gcTs = requested;
        return true;
    }

    @Override
    public synchronized Optional<byte[]> storedBinlog(long ts) {
        return written.stream().filter(b -> (b.getTp() == BinlogType.Prewrite ? b.getStartTs() : b.getCommitTs()) == ts)
                .findFirst().map(Binlog::toByteArray);
    }

    @Override
    public synchronized boolean allMatched() {
        return waiting.isEmpty();
    }

    @Override
    public synchronized StorageStats stats() {
        return new StorageStats(0, 0, 0, maxCommitTs, gcTs, waiting.size(), written.size(), 0, 0, 0);
    }

    @Override
    public void close() {
    }
}
