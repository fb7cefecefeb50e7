package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.sim.txn.TxnListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the reference database off the commit path: committed transactions queue here (bounded in count and in
 * bytes, so a slow database slows the workload instead of growing the heap) and one thread applies them in the
 * order they came, which is commit order. The first failure stops applying: the reference no longer matches
 * what committed, and the run must say so.
 */
public final class QueuedReference implements TxnListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedReference.class);

    private final TxnListener target;
    private final int maxTxns;
    private final long maxBytes;
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Thread worker;
    private long queuedBytes;
    private long enqueuedCommitTs;
    private long appliedCommitTs;
    private long appliedTxns;
    private boolean busy;
    private boolean closed;
    private RuntimeException failure;

    private record Queued(Txn txn, long bytes) {
    }

    public QueuedReference(TxnListener target, int maxTxns, long maxBytes) {
        if (maxTxns < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("queue bounds must be positive: " + maxTxns + " txns, " + maxBytes
                    + " bytes");
        }
        this.target = target;
        this.maxTxns = maxTxns;
        this.maxBytes = maxBytes;
        this.worker = new Thread(this::applyLoop, "tidb-sim-reference");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues a committed transaction; blocks while the queue is full. */
    @Override
    public void committed(Txn txn) {
        long bytes = estimateBytes(txn);
        synchronized (this) {
            // One transaction larger than the whole bound still goes in, alone.
            while (!closed && failure == null && !queue.isEmpty()
                    && (queue.size() >= maxTxns || queuedBytes + bytes > maxBytes)) {
                waitUninterruptibly();
            }
            if (closed || failure != null) {
                return;
            }
            queue.addLast(new Queued(txn, bytes));
            queuedBytes += bytes;
            enqueuedCommitTs = txn.commitTs();
            notifyAll();
        }
    }

    /** Waits until everything queued so far is applied; false on timeout. Throws the failure if applying failed. */
    public synchronized boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failure == null && (busy || !queue.isEmpty())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw failure;
        }
        return true;
    }

    /** The error that stopped the reference, or null while it keeps up. */
    public synchronized RuntimeException failure() {
        return failure;
    }

    public synchronized long appliedTxns() {
        return appliedTxns;
    }

    public synchronized long appliedCommitTs() {
        return appliedCommitTs;
    }

    public synchronized int queuedTxns() {
        return queue.size();
    }

    private void applyLoop() {
        while (true) {
            Queued next;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    waitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                next = queue.pollFirst();
                busy = true;
            }
            RuntimeException error = null;
            try {
                target.committed(next.txn());
            } catch (RuntimeException e) {
                error = e;
                LOG.error("reference database stopped at commit_ts {}: {}", next.txn().commitTs(), e.toString());
            }
            synchronized (this) {
                busy = false;
                queuedBytes -= next.bytes();
                if (error != null) {
                    failure = error;
                    queue.clear();
                    queuedBytes = 0;
                } else {
                    appliedTxns++;
                    appliedCommitTs = next.txn().commitTs();
                }
                notifyAll();
                if (failure != null) {
                    return;
                }
            }
        }
    }

    private void waitUninterruptibly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reference queue", e);
        }
    }

    static long estimateBytes(Txn txn) {
        long bytes = 64;
        for (RowChange rc : txn.rows()) {
            bytes += 32 + valuesBytes(rc.before()) + valuesBytes(rc.after());
        }
        return bytes;
    }

    private static long valuesBytes(Object[] values) {
        if (values == null) {
            return 0;
        }
        long bytes = 16L + 8L * values.length;
        for (Object v : values) {
            if (v instanceof byte[] b) {
                bytes += b.length;
            } else if (v instanceof String s) {
                bytes += 2L * s.length();
            } else if (v != null) {
                bytes += 24;
            }
        }
        return bytes;
    }

    /** Stops after applying what is queued. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        worker.join();
    }
}
