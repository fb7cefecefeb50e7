package io.tidbbinlog.pump.server;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.pump.storage.BinlogStorage;
import io.tidbbinlog.pump.storage.PullCursor;
import io.tidbbinlog.pump.storage.PulledBinlog;
import io.tidbbinlog.pump.storage.StorageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage test double: writes are recorded and, unless {@link #holdWrites} is on, acknowledged at once (or failed
 * with {@link #failWritesWith}); what pulls see is set directly with {@link #publish} and {@link #setWatermark}, so a
 * test controls exactly what is pullable. Counts what cursors read and whether they were closed.
 */
final class InMemoryBinlogStorage implements BinlogStorage {

    record Write(Binlog binlog, byte[] payload, CompletableFuture<Void> ack) {
    }

    final List<Write> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger entriesRead = new AtomicInteger();
    final AtomicInteger cursorsOpened = new AtomicInteger();
    final AtomicInteger cursorsClosed = new AtomicInteger();
    private final ConcurrentSkipListMap<Long, PulledBinlog> pullable = new ConcurrentSkipListMap<>();
    private final AtomicLong watermark = new AtomicLong();
    private volatile boolean holdWrites;
    private volatile RuntimeException writeFailure;
    private volatile long gcTs;

    void holdWrites(boolean hold) {
        holdWrites = hold;
    }

    void failWritesWith(RuntimeException failure) {
        writeFailure = failure;
    }

    /** Makes a commit binlog pullable once the watermark reaches its commit ts. */
    void publish(long startTs, long commitTs, byte[] payload) {
        pullable.put(commitTs, new PulledBinlog(startTs, commitTs, payload));
    }

    void setWatermark(long commitTs) {
        watermark.set(commitTs);
    }

    void setGcTs(long ts) {
        gcTs = ts;
    }

    /** Acknowledges every held write. */
    void releaseHeldWrites() {
        for (Write write : writes) {
            write.ack().complete(null);
        }
    }

    List<Binlog> writtenBinlogs() {
        List<Binlog> binlogs = new ArrayList<>();
        for (Write write : writes) {
            binlogs.add(write.binlog());
        }
        return binlogs;
    }

    @Override
    public CompletableFuture<Void> write(Binlog binlog, byte[] payload) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        writes.add(new Write(binlog, payload, ack));
        RuntimeException failure = writeFailure;
        if (failure != null) {
            ack.completeExceptionally(failure);
        } else if (!holdWrites) {
            ack.complete(null);
        }
        return ack;
    }

    @Override
    public long maxCommitTs() {
        return watermark.get();
    }

    @Override
    public long gcTs() {
        return gcTs;
    }

    @Override
    public PullCursor pull(long afterCommitTs) {
        cursorsOpened.incrementAndGet();
        return new PullCursor() {
            private long position = afterCommitTs;

            @Override
            public PulledBinlog next() {
                Map.Entry<Long, PulledBinlog> next = pullable.higherEntry(position);
                if (next == null || next.getKey() > watermark.get()) {
                    return null;
                }
                position = next.getKey();
                entriesRead.incrementAndGet();
                return next.getValue();
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public void close() {
                cursorsClosed.incrementAndGet();
            }
        };
    }

    @Override
    public boolean gc(long ts) {
        return false;
    }

    @Override
    public Optional<byte[]> storedBinlog(long ts) {
        return Optional.ofNullable(pullable.get(ts)).map(PulledBinlog::payload);
    }

    @Override
    public boolean allMatched() {
        return true;
    }

    @Override
    public StorageStats stats() {
        return new StorageStats(0, 0, 0, watermark.get(), gcTs, 0, writes.size(), 0, 0, 0);
    }

    @Override
    public void close() {
    }
}
