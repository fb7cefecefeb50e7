package io.tidbbinlog.sim.txn;

/**
 * Where transactions get their timestamps: PD's TSO (binlog-core's {@code PdClient::getTs} against the simulated
 * PD). Successive calls must return strictly increasing values; the engine relies on it for commit_ts order.
 */
@FunctionalInterface
public interface TsoSource {
    long next();

    /**
     * {@code count} timestamps, each larger than any handed out before this call (in any order; PD's batched
     * {@code Tso} request). The default asks one at a time.
     */
    default long[] next(int count) {
        long[] ts = new long[count];
        for (int i = 0; i < count; i++) {
            ts[i] = next();
        }
        return ts;
    }
}
