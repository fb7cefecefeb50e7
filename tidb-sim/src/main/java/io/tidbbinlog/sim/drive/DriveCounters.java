package io.tidbbinlog.sim.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** What a workload run has done so far; read by the progress line while sessions update it. */
public final class DriveCounters {
    private static final int KEPT_ERRORS = 20;

    final AtomicLong committed = new AtomicLong();
    final AtomicLong rows = new AtomicLong();
    final AtomicLong ddls = new AtomicLong();
    final AtomicLong aborted = new AtomicLong();
    final AtomicLong skippedStatements = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong lastCommitTs = new AtomicLong();
    private final List<String> firstErrors = new ArrayList<>();

    public long committed() {
        return committed.get();
    }

    public long rows() {
        return rows.get();
    }

    public long ddls() {
        return ddls.get();
    }

    /** Transactions failed on purpose by the fault mode (their prewrite binlog went out, then a Rollback). */
    public long aborted() {
        return aborted.get();
    }

    /**
     * Statements refused the way TiDB refuses them (duplicate key, write conflict, a table a DDL just dropped); the
     * transaction went on without them. Expected in a random workload, not an error.
     */
    public long skippedStatements() {
        return skippedStatements.get();
    }

    /** Transactions or DDL that failed without being asked to: any of these makes the run fail. */
    public long errors() {
        return errors.get();
    }

    public long lastCommitTs() {
        return lastCommitTs.get();
    }

    void error(String what) {
        errors.incrementAndGet();
        synchronized (firstErrors) {
            if (firstErrors.size() < KEPT_ERRORS) {
                firstErrors.add(what);
            }
        }
    }

    /** The first few errors, for the run's final report. */
    public List<String> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    void committedAt(long commitTs) {
        lastCommitTs.accumulateAndGet(commitTs, Math::max);
    }
}
