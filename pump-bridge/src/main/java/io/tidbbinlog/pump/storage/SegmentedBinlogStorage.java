package io.tidbbinlog.pump.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BinlogStorage} on a segmented value log in Pump's framing, a watermark sorter, a commit-ts ordered index
 * file and a recovery checkpoint (spec §4.1-§4.6).
 *
 * <p>Threads: callers of {@link #write} only queue (blocking when 64 MiB are queued); the writer thread appends,
 * fsyncs, feeds the sorter and acknowledges; the maintenance thread asks the {@link CommitResolver} about old
 * waiting prewrites and writes the checkpoint about once a second; pull cursors read index and log files directly.
 */
public final class SegmentedBinlogStorage implements BinlogStorage {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentedBinlogStorage.class);

    /** Pump keeps segments 10 minutes of TSO time past the GC watermark so late commits find their prewrite. */
    static final long GC_MARGIN_TS = 600_000L << 18;
    static final long RESOLVE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long INDEX_ENTRIES_PER_FILE = 1L << 20;

    private final StorageConfig config;
    private final CommitResolver resolver;
    private final LongSupplier latestTso;
    private final PumpMetrics metrics;
    private final SegmentLog log;
    private final CommitIndex index;
    private final WatermarkSorter sorter;
    private final Object sorterLock = new Object();
    private final Object checkpointLock = new Object();
    private final GroupCommitWriter writer;
    private final ScheduledExecutorService maintenance;
    private final FreeSpace freeSpace;

    private volatile long maxCommitTs;
    private volatile long gcTs;
    private volatile boolean closed;
    private Checkpoint lastCheckpoint;
    private final AtomicLong written = new AtomicLong();
    final AtomicLong missingPrewrites = new AtomicLong();
    private final AtomicLong resolvedCommits = new AtomicLong();
    private final AtomicLong resolvedRollbacks = new AtomicLong();

    private SegmentedBinlogStorage(StorageConfig config, CommitResolver resolver, LongSupplier latestTso,
                                   PumpMetrics metrics, Checkpoint checkpoint, long indexEntriesPerFile)
            throws IOException {
        this.config = config;
        this.resolver = resolver;
        this.latestTso = latestTso;
        this.metrics = metrics;
        this.gcTs = checkpoint.gcTs();
        this.lastCheckpoint = checkpoint;
        this.freeSpace = new FreeSpace(config.directory());
        this.index = CommitIndex.open(config.directory().resolve("index"), indexEntriesPerFile);
        if (index.end().file() == checkpoint.indexFile()
                && index.end().index() * CommitIndex.RECORD_BYTES < checkpoint.indexLength()) {
            LOG.error("commit index {} is shorter ({} bytes) than the checkpoint says was fsynced ({} bytes)",
                    CommitIndex.name(checkpoint.indexFile()), index.end().index() * CommitIndex.RECORD_BYTES,
                    checkpoint.indexLength());
            metrics.storageErrors.labels("index_lost").inc();
        }
        long cut = index.truncateTo(checkpoint.indexFile(), checkpoint.indexLength() / CommitIndex.RECORD_BYTES);
        if (cut > 0) {
            LOG.info("commit index: {} entries past the checkpoint cut; replay derives them again", cut);
        }
        this.sorter = new WatermarkSorter(index, checkpoint.maxCommitTs(), checkpoint.replayFrom());
        long now = System.nanoTime();
        int[] replayed = {0};
        this.log = SegmentLog.open(config.directory().resolve("value"), config.segmentBytes(), metrics,
                checkpoint.replayFrom(), SegmentedBinlogStorage::newestTs, (at, payload) -> {
                    Binlog b = parse(payload, at);
                    if (b == null) {
                        return;
                    }
                    LogPointer next = new LogPointer(at.segment(),
                            at.offset() + RecordFraming.HEADER_BYTES + payload.length);
                    sorter.feed(b.getTp() == BinlogType.Prewrite, b.getStartTs(), b.getCommitTs(), at, next, now);
                    replayed[0]++;
                });
        sorter.advance();
        this.maxCommitTs = sorter.watermark();
        LOG.info("storage {} opened: replayed {} binlogs from {}, watermark {}, {} prewrites waiting, gc ts {}",
                config.directory(), replayed[0], checkpoint.replayFrom(), maxCommitTs, sorter.waitingCount(), gcTs);
        metrics.gcTs.set(gcTs);
        metrics.doneGcTs.set(gcTs);
        publish();
        this.writer = new GroupCommitWriter(log, config.syncLog(), config.slowWriteThreshold(), metrics,
                this::stored);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pump-storage-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating when absent) the storage in {@code config.directory()}, replaying the log's tail. */
    public static SegmentedBinlogStorage open(StorageConfig config, CommitResolver resolver, LongSupplier latestTso,
                                              PumpMetrics metrics) {
        return open(config, resolver, latestTso, metrics, INDEX_ENTRIES_PER_FILE);
    }

    /** As {@link #open(StorageConfig, CommitResolver, LongSupplier, PumpMetrics)}, with small index files (tests). */
    static SegmentedBinlogStorage open(StorageConfig config, CommitResolver resolver, LongSupplier latestTso,
                                       PumpMetrics metrics, long indexEntriesPerFile) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(latestTso, "latestTso");
        Objects.requireNonNull(metrics, "metrics");
        try {
            Files.createDirectories(config.directory());
            SegmentedBinlogStorage s = new SegmentedBinlogStorage(config, resolver, latestTso, metrics,
                    Checkpoint.read(config.directory()), indexEntriesPerFile);
            s.writer.start();
            s.maintenance.scheduleWithFixedDelay(s::resolveWaiting, 100, 100, TimeUnit.MILLISECONDS);
            s.maintenance.scheduleWithFixedDelay(s::periodicCheckpoint, 1, 1, TimeUnit.SECONDS);
            return s;
        } catch (IOException e) {
            throw new StorageException("cannot open storage in " + config.directory() + ": " + e.getMessage(), e);
        }
    }

    private static long newestTs(byte[] payload) {
        Binlog b = parse(payload, null);
        return b == null ? 0 : Math.max(b.getStartTs(), b.getCommitTs());
    }

    private static Binlog parse(byte[] payload, LogPointer at) {
        try {
            return Binlog.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("record at {} is not a binlog: {}", at, e.getMessage());
            return null;
        }
    }

    @Override
    public CompletableFuture<Void> write(Binlog binlog, byte[] payload) {
        Objects.requireNonNull(binlog, "binlog");
        Objects.requireNonNull(payload, "payload");
        if (closed) {
            return CompletableFuture.failedFuture(new StorageException("storage is closed"));
        }
        long start = binlog.getStartTs();
        long commit = binlog.getCommitTs();
        if (start == 0 && commit == 0) {
            return CompletableFuture.completedFuture(null); // the pump client's probe (spec §1.5)
        }
        boolean fake = start == commit;
        if (!fake) {
            long available = freeSpace.available();
            if (available <= config.stopWriteAtAvailableSpace()) {
                metrics.storageErrors.labels("no_space").inc();
                return CompletableFuture.failedFuture(
                        new NoSpaceException(available, config.stopWriteAtAvailableSpace()));
            }
        }
        return enqueue(binlog, payload);
    }

    private CompletableFuture<Void> enqueue(Binlog binlog, byte[] payload) {
        return writer.submit(new GroupCommitWriter.Pending(binlog.getTp() == BinlogType.Prewrite,
                binlog.getStartTs(), binlog.getCommitTs(), payload));
    }

    /** Writer thread: the batch is durable; feed the sorter, index what became final. */
    private void stored(List<GroupCommitWriter.Pending> batch, LogPointer[] pointers, LogPointer end)
            throws IOException {
        long now = System.nanoTime();
        synchronized (sorterLock) {
            for (int i = 0; i < batch.size(); i++) {
                GroupCommitWriter.Pending p = batch.get(i);
                LogPointer next = i + 1 < pointers.length ? pointers[i + 1] : end;
                sorter.feed(p.prewrite, p.startTs, p.commitTs, pointers[i], next, now);
            }
            sorter.advance();
            maxCommitTs = sorter.watermark();
        }
        written.addAndGet(batch.size());
        publish();
    }

    private void publish() {
        metrics.maxCommitTs.set(maxCommitTs);
        synchronized (sorterLock) {
            metrics.waitingPrewrites.set(sorter.waitingCount());
        }
    }

    /**
     * Maintenance thread: while the oldest waiting prewrite has waited over a second, ask the resolver about it (at
     * most once a second each) and apply the answer (spec §4.4).
     */
    private void resolveWaiting() {
        try {
            while (!closed) {
                WatermarkSorter.Waiting head;
                long now = System.nanoTime();
                synchronized (sorterLock) {
                    head = sorter.head();
                    if (head == null || now - head.arrivedNanos < RESOLVE_AFTER_NANOS
                            || (head.askedNanos != head.arrivedNanos && now - head.askedNanos < RESOLVE_AFTER_NANOS)) {
                        return;
                    }
                    head.askedNanos = now == head.arrivedNanos ? now + 1 : now;
                }
                if (!resolve(head)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("resolving waiting prewrites failed", e);
            metrics.storageErrors.labels("resolve").inc();
        }
    }

    /** @return true when the prewrite was settled */
    private boolean resolve(WatermarkSorter.Waiting head) {
        Binlog prewrite = parse(log.read(head.pointer), head.pointer);
        if (prewrite == null) {
            return false;
        }
        metrics.queryTikv.inc();
        CommitResolver.Resolution answer = resolver.resolve(prewrite, latestTso.getAsLong());
        if (answer instanceof CommitResolver.Committed c) {
            Binlog commit = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(head.startTs)
                    .setCommitTs(c.commitTs()).build();
            LOG.info("prewrite start_ts {} committed at {} by the cluster: writing its commit binlog", head.startTs,
                    c.commitTs());
            try {
                enqueue(commit, commit.toByteArray()).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                LOG.error("writing the resolved commit binlog of start_ts {} failed", head.startTs, e.getCause());
                return false;
            }
            resolvedCommits.incrementAndGet();
            return true;
        }
        if (answer instanceof CommitResolver.RolledBack r) {
            LOG.info("prewrite start_ts {} rolled back ({}): dropped", head.startTs, r.reason());
            synchronized (sorterLock) {
                sorter.drop(head.startTs);
                try {
                    sorter.advance();
                } catch (IOException e) {
                    throw new StorageException("cannot append to the commit index: " + e.getMessage(), e);
                }
                maxCommitTs = sorter.watermark();
            }
            resolvedRollbacks.incrementAndGet();
            publish();
            return true;
        }
        LOG.debug("prewrite start_ts {} still undecided: {}", head.startTs,
                ((CommitResolver.Unknown) answer).reason());
        return false;
    }

    private void periodicCheckpoint() {
        try {
            checkpoint();
            long available = freeSpace.available();
            long used = log.totalBytes() + index.totalBytes();
            metrics.storageSize.labels("available").set(available);
            metrics.storageSize.labels("used").set(used);
            metrics.storageSize.labels("capacity").set(freeSpace.capacity());
        } catch (IOException | RuntimeException e) {
            LOG.error("writing the storage checkpoint failed", e);
            metrics.storageErrors.labels("checkpoint").inc();
        }
    }

    /** Persists the recovery point; the index (and, without sync-log, the log) is fsynced first. */
    private Checkpoint checkpoint() throws IOException {
        synchronized (checkpointLock) {
            Checkpoint cp;
            synchronized (sorterLock) {
                CommitIndex.Position end = index.end();
                cp = new Checkpoint(sorter.replayFrom(), sorter.watermark(), end.file(),
                        end.index() * CommitIndex.RECORD_BYTES, gcTs);
            }
            if (cp.equals(lastCheckpoint)) {
                return cp;
            }
            index.force();
            if (!config.syncLog()) {
                log.sync();
            }
            cp.write(config.directory());
            lastCheckpoint = cp;
            return cp;
        }
    }

    @Override
    public long maxCommitTs() {
        return maxCommitTs;
    }

    @Override
    public long gcTs() {
        return gcTs;
    }

    @Override
    public PullCursor pull(long afterCommitTs) {
        long from = afterCommitTs;
        long gc = gcTs;
        if (gc > 0 && afterCommitTs < gc) {
            // binlog:pump/storage/storage.go PullCommitBinlog: start from the GC watermark, loudly.
            LOG.error("drainer request a purged binlog TS, request ts {}, gc ts {}", afterCommitTs, gc);
            from = gc;
        }
        return new IndexPullCursor(index, log, metrics, missingPrewrites, from);
    }

    @Override
    public boolean gc(long newGcTs) {
        synchronized (checkpointLock) {
            if (newGcTs <= gcTs || maxCommitTs <= newGcTs) {
                return false;
            }
            gcTs = newGcTs;
            metrics.gcTs.set(newGcTs);
            Checkpoint cp;
            try {
                cp = checkpoint();
            } catch (IOException e) {
                throw new StorageException("cannot persist the GC watermark: " + e.getMessage(), e);
            }
            // Segments from the persisted replay point on are still needed by a restart (and by waiting
            // prewrites); older ones go once their newest binlog is past the margin (spec §4.6).
            int segments = log.deleteSealedBefore(cp.replayFrom().segment(), newGcTs - GC_MARGIN_TS);
            int indexFiles = index.deleteUpTo(newGcTs);
            LOG.info("GC to ts {}: deleted {} value log segments and {} index files", newGcTs, segments,
                    indexFiles);
            metrics.doneGcTs.set(newGcTs);
            return true;
        }
    }

    @Override
    public Optional<byte[]> storedBinlog(long ts) {
        LogPointer pointer;
        synchronized (sorterLock) {
            pointer = sorter.heldPointer(ts);
        }
        if (pointer == null) {
            IndexEntry entry = index.find(ts);
            pointer = entry == null ? null : entry.commit();
        }
        return pointer == null ? Optional.empty() : Optional.of(log.read(pointer));
    }

    @Override
    public boolean allMatched() {
        synchronized (sorterLock) {
            return sorter.waitingCount() == 0;
        }
    }

    @Override
    public StorageStats stats() {
        int waiting;
        synchronized (sorterLock) {
            waiting = sorter.waitingCount();
        }
        return new StorageStats(log.totalBytes() + index.totalBytes(), freeSpace.available(), log.segmentCount(),
                maxCommitTs, gcTs, waiting, written.get(), missingPrewrites.get(), resolvedCommits.get(),
                resolvedRollbacks.get());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.shutdownNow();
        awaitMaintenance();
        writer.stop();
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            LOG.error("writing the final storage checkpoint failed", e);
        }
        closeFiles();
    }

    /** Abandons the storage as a crash would: no checkpoint, files closed as they are. Tests only. */
    void crashForTest() {
        closed = true;
        maintenance.shutdownNow();
        awaitMaintenance();
        writer.stop();
        closeFiles();
    }

    private void awaitMaintenance() {
        try {
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeFiles() {
        try {
            log.close();
            index.close();
        } catch (IOException e) {
            LOG.warn("closing storage files failed: {}", e.toString());
        }
    }

    /** Free bytes of the data directory's file system, asked at most once a second. */
    private static final class FreeSpace {
        private final Path dir;
        private volatile long available;
        private volatile long capacity;
        private volatile long askedNanos;
        private volatile boolean asked;

        FreeSpace(Path dir) {
            this.dir = dir;
        }

        long available() {
            refresh();
            return available;
        }

        long capacity() {
            refresh();
            return capacity;
        }

        private void refresh() {
            long now = System.nanoTime();
            if (asked && now - askedNanos < TimeUnit.SECONDS.toNanos(1)) {
                return;
            }
            try {
                var store = Files.getFileStore(dir);
                available = store.getUsableSpace();
                capacity = store.getTotalSpace();
            } catch (IOException e) {
                LOG.warn("cannot read free space of {}: {}", dir, e.toString());
            }
            askedNanos = now;
            asked = true;
        }
    }
}
