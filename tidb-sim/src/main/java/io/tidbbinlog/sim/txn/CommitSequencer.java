package io.tidbbinlog.sim.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gives committing transactions their commit_ts and runs their commit step (apply, tell the listeners) strictly in
 * commit_ts order, without a TSO round trip per transaction under a global lock: whoever finds no commit in
 * progress leads, takes every transaction waiting at that moment, fetches that many timestamps in one go (PD's
 * {@code count} batching) and runs their steps in timestamp order. A later batch asks PD only after the earlier
 * batch's timestamps came back, so its timestamps are all larger.
 */
final class CommitSequencer {
    /** The part of a commit that must happen in commit_ts order. */
    interface Step {
        void run(long commitTs);
    }

    private static final class Pending {
        final Step step;
        long commitTs;
        RuntimeException failure;
        boolean done;

        Pending(Step step) {
            this.step = step;
        }
    }

    /** No commit_ts could be had: the transaction did not commit (its step never ran). */
    static final class NoCommitTs extends RuntimeException {
        NoCommitTs(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final TsoSource tso;
    private final Object order;
    private final List<Pending> waiting = new ArrayList<>();
    private boolean leading;

    /** {@code order} is held while steps run, so other ordered work (DDL) can exclude them. */
    CommitSequencer(TsoSource tso, Object order) {
        this.tso = tso;
        this.order = order;
    }

    /**
     * Commits one transaction: returns its commit_ts once its step ran. A failure to get a timestamp
     * ({@link NoCommitTs}), or a step that throws, is rethrown to its own transaction only.
     */
    long commit(Step step) {
        Pending mine = new Pending(step);
        synchronized (this) {
            waiting.add(mine);
            while (!mine.done && leading) {
                waitQuietly();
            }
            if (mine.done) {
                return result(mine);
            }
            leading = true;
        }
        try {
            while (true) {
                List<Pending> batch;
                synchronized (this) {
                    if (mine.done) {
                        break;
                    }
                    batch = new ArrayList<>(waiting);
                    waiting.clear();
                }
                runBatch(batch);
            }
        } finally {
            synchronized (this) {
                leading = false;
                notifyAll();
            }
        }
        return result(mine);
    }

    private void runBatch(List<Pending> batch) {
        long[] ts = null;
        RuntimeException tsoFailure = null;
        try {
            ts = tso.next(batch.size());
            Arrays.sort(ts);
        } catch (RuntimeException e) {
            tsoFailure = new NoCommitTs(e);
        }
        synchronized (order) {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                if (tsoFailure != null) {
                    p.failure = tsoFailure;
                    continue;
                }
                try {
                    p.step.run(ts[i]);
                    p.commitTs = ts[i];
                } catch (RuntimeException e) {
                    p.failure = e;
                }
            }
        }
        synchronized (this) {
            for (Pending p : batch) {
                p.done = true;
            }
            notifyAll();
        }
    }

    private static long result(Pending p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return p.commitTs;
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            // A commit whose binlog went out cannot be abandoned half way: finish it, keep the interrupt.
            Thread.currentThread().interrupt();
        }
    }
}
