package io.tidbbinlog.sim.txn;

/**
 * A committed transaction's timestamps. {@code commitTs} is 0 for a transaction that wrote nothing: like TiDB it
 * commits without a 2PC, so it has no commit timestamp and writes no binlog.
 */
public record CommitResult(long startTs, long commitTs) {
    public boolean wroteNothing() {
        return commitTs == 0;
    }
}
