package io.tidbbinlog.pump.resolve;

import io.tidbbinlog.pd.Tso;
import io.tidbbinlog.pump.storage.CommitResolver.Committed;
import io.tidbbinlog.pump.storage.CommitResolver.Resolution;
import io.tidbbinlog.pump.storage.CommitResolver.RolledBack;
import io.tidbbinlog.pump.storage.CommitResolver.Unknown;

/**
 * Pump's decision for a prewrite whose commit binlog never came (spec §4.4, binlog:pump/storage/storage.go resolve),
 * given the MVCC record of the transaction's primary key:
 * <ol>
 *   <li>a write record with the transaction's start_ts: Rollback means rolled back, any other type committed at its
 *       commit_ts (a non-rollback write whose commit_ts is not above start_ts is ignored, as Pump's sanity check
 *       does);</li>
 *   <li>else a transaction at most 600 s old (TSO physical seconds against the latest TSO) may still commit:
 *       unknown;</li>
 *   <li>else, where Pump asks TiKV's GetTxnStatus: a lock of this transaction still on the key means it may still
 *       commit: unknown. Pump would also look at the lock's TTL, and TiKV would roll an expired lock back; through
 *       the HTTP API we cannot roll anything back, so an expired lock could still be committed by its owner and we
 *       keep waiting for any lock (the lock goes when TiDB or another reader resolves it);</li>
 *   <li>no lock and no write of an old transaction: it will never commit, rolled back.</li>
 * </ol>
 */
final class ResolveRule {

    /** Pump's {@code maxTxnTimeoutSecond}. */
    static final long MAX_TXN_TIMEOUT_SECONDS = 600;

    private ResolveRule() {
    }

    static Resolution decide(long startTs, MvccRecord record, long latestTso) {
        for (MvccRecord.Write w : record.writes()) {
            if (w.startTs() != startTs) {
                continue;
            }
            if (w.type() == MvccRecord.OP_ROLLBACK) {
                return new RolledBack("rollback record for start_ts " + startTs + " on the primary key");
            }
            if (w.commitTs() > startTs) {
                return new Committed(w.commitTs());
            }
        }
        long elapsedSeconds = Tso.physical(latestTso) / 1000 - Tso.physical(startTs) / 1000;
        if (elapsedSeconds <= MAX_TXN_TIMEOUT_SECONDS) {
            return new Unknown("no MVCC record yet for a young txn (" + elapsedSeconds + " s old)");
        }
        if (record.lockStartTs() == startTs) {
            return new Unknown("the txn still holds its lock on the primary key (" + elapsedSeconds + " s old)");
        }
        return new RolledBack("no lock and no write for start_ts " + startTs + " after " + elapsedSeconds + " s");
    }
}
