package io.tidbbinlog.pump.storage;

import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit (spec §4.2, binlog:pump/storage/vlog.go): producers queue binlogs, one writer thread appends a batch
 * with one gathering write, fsyncs it once (when {@code sync-log}), hands it to the sorter, then acknowledges every
 * binlog of the batch. The queue is bounded in bytes, so producers block rather than fill the heap.
 */
final class GroupCommitWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    static final long QUEUE_BYTES = 64L << 20;
    /** Pump's batch: up to 1 MiB, or the first payload plus 128 KiB when that is more. */
    static final long BATCH_BYTES = 1L << 20;
    static final long BATCH_EXTRA_BYTES = 128L << 10;

    /** A binlog waiting to be written. */
    static final class Pending {
        final boolean prewrite;
        final long startTs;
        final long commitTs;
        final byte[] payload;
        /** Framed (CRC computed) on the producer's thread, so the writer thread only writes. */
        final ByteBuffer header;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final long queuedNanos = System.nanoTime();

        Pending(boolean prewrite, long startTs, long commitTs, byte[] payload) {
            this.prewrite = prewrite;
            this.startTs = startTs;
            this.commitTs = commitTs;
            this.payload = payload;
            this.header = RecordFraming.header(payload);
        }
    }

    /** What happens to a batch once it is durable: the storage feeds its sorter. */
    interface Stored {
        void stored(List<Pending> batch, LogPointer[] pointers, LogPointer end) throws IOException;
    }

    private final SegmentLog log;
    private final boolean syncLog;
    private final Duration slowWrite;
    private final PumpMetrics metrics;
    private final Stored stored;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean stopping;
    private final Thread thread;

    GroupCommitWriter(SegmentLog log, boolean syncLog, Duration slowWrite, PumpMetrics metrics, Stored stored) {
        this.log = log;
        this.syncLog = syncLog;
        this.slowWrite = slowWrite;
        this.metrics = metrics;
        this.stored = stored;
        this.thread = new Thread(this::run, "pump-storage-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a binlog, blocking while the queue is full; the future completes once it is durable. */
    CompletableFuture<Void> submit(Pending p) {
        lock.lock();
        try {
            while (!stopping && queuedBytes > 0 && queuedBytes + p.payload.length > QUEUE_BYTES) {
                notFull.awaitUninterruptibly();
            }
            if (stopping) {
                p.done.completeExceptionally(new StorageException("storage is closed"));
                return p.done;
            }
            queue.add(p);
            queuedBytes += p.payload.length;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return p.done;
    }

    /** Stops accepting, lets the writer finish what was queued, and waits for it. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Pending> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (stopping) {
                    return null;
                }
                notEmpty.await();
            }
            Pending first = queue.poll();
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            long bytes = first.payload.length;
            long limit = Math.max(BATCH_BYTES, first.payload.length + BATCH_EXTRA_BYTES);
            while (!queue.isEmpty() && bytes + queue.peek().payload.length <= limit) {
                Pending p = queue.poll();
                bytes += p.payload.length;
                batch.add(p);
            }
            queuedBytes -= bytes;
            notFull.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            try {
                batch = takeBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            writeBatch(batch);
        }
    }

    private void writeBatch(List<Pending> batch) {
        long started = System.nanoTime();
        List<byte[]> payloads = new ArrayList<>(batch.size());
        List<ByteBuffer> headers = new ArrayList<>(batch.size());
        long[] ts = new long[batch.size()];
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            payloads.add(p.payload);
            headers.add(p.header);
            ts[i] = Math.max(p.startTs, p.commitTs);
            bytes += p.payload.length;
        }
        boolean appended = false;
        try {
            LogPointer[] pointers = log.append(payloads, headers, ts);
            if (syncLog) {
                log.sync();
            }
            appended = true;
            stored.stored(batch, pointers, log.end());
        } catch (IOException | RuntimeException e) {
            LOG.error("writing {} binlogs ({} bytes) to the value log failed", batch.size(), bytes, e);
            metrics.storageErrors.labels("write_binlog").inc();
            if (!appended) {
                try {
                    log.discardFailedAppend();
                } catch (IOException cut) {
                    LOG.error("cutting the value log back after a failed write failed too", cut);
                }
            }
            StorageException failure = new StorageException("write binlog failed: " + e.getMessage(), e);
            for (Pending p : batch) {
                p.done.completeExceptionally(failure);
            }
            return;
        }
        long now = System.nanoTime();
        double batchSeconds = (now - started) / 1e9;
        metrics.writeBinlogDuration.labels("batch").observe(batchSeconds);
        metrics.writeBinlogSize.labels("batch").observe(bytes);
        if (now - started > slowWrite.toNanos()) {
            LOG.warn("slow write: {} binlogs, {} bytes took {} ms", batch.size(), bytes, (now - started) / 1_000_000);
        }
        for (Pending p : batch) {
            metrics.writeBinlogDuration.labels("single").observe((now - p.queuedNanos) / 1e9);
            metrics.writeBinlogSize.labels("single").observe(p.payload.length);
            p.done.complete(null);
        }
    }
}
