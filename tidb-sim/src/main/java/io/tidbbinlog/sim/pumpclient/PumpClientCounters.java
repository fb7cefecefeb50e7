package io.tidbbinlog.sim.pumpclient;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of a {@link PumpsClient}, for progress output and metrics. Thread-safe, monotonic. */
public final class PumpClientCounters {

    private final LongAdder prewritesWritten = new LongAdder();
    private final LongAdder commitsWritten = new LongAdder();
    private final LongAdder rollbacksWritten = new LongAdder();
    private final LongAdder failedCalls = new LongAdder();
    private final LongAdder prewritesFailed = new LongAdder();
    private final LongAdder commitsGivenUp = new LongAdder();
    private final LongAdder pumpSwitches = new LongAdder();
    private final LongAdder probesSucceeded = new LongAdder();

    /** Prewrite binlogs a pump acknowledged. */
    public long prewritesWritten() {
        return prewritesWritten.sum();
    }

    /** Commit binlogs a pump acknowledged. */
    public long commitsWritten() {
        return commitsWritten.sum();
    }

    /** Rollback binlogs a pump acknowledged. */
    public long rollbacksWritten() {
        return rollbacksWritten.sum();
    }

    /** WriteBinlog calls that failed (gRPC error or non-empty errmsg), retried or not; probes excluded. */
    public long failedCalls() {
        return failedCalls.sum();
    }

    /** Prewrite binlogs no pump took: each failed a transaction with {@link PumpWriteException}. */
    public long prewritesFailed() {
        return prewritesFailed.sum();
    }

    /** Commit/rollback binlogs abandoned after the commit timeout (or with no prewrite to follow). */
    public long commitsGivenUp() {
        return commitsGivenUp.sum();
    }

    /** Prewrites that ended up on another pump than the one their first attempt went to. */
    public long pumpSwitches() {
        return pumpSwitches.sum();
    }

    /** Unavailable pumps the detector found answering again. */
    public long probesSucceeded() {
        return probesSucceeded.sum();
    }

    void prewriteWritten() {
        prewritesWritten.increment();
    }

    void commitWritten(boolean rollback) {
        (rollback ? rollbacksWritten : commitsWritten).increment();
    }

    void callFailed() {
        failedCalls.increment();
    }

    void prewriteFailed() {
        prewritesFailed.increment();
    }

    void commitGivenUp() {
        commitsGivenUp.increment();
    }

    void pumpSwitched() {
        pumpSwitches.increment();
    }

    void probeSucceeded() {
        probesSucceeded.increment();
    }

    @Override
    public String toString() {
        return "prewrites=" + prewritesWritten() + " commits=" + commitsWritten() + " rollbacks="
                + rollbacksWritten() + " failedCalls=" + failedCalls() + " prewritesFailed=" + prewritesFailed()
                + " commitsGivenUp=" + commitsGivenUp() + " pumpSwitches=" + pumpSwitches();
    }
}
