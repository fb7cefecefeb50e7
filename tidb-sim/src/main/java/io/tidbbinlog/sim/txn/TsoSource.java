package io.tidbbinlog.sim.txn;

/**
 * Where transactions get their timestamps: PD's TSO (binlog-core's {@code PdClient::getTs} against the simulated
 * PD). Successive calls must return strictly increasing values; the engine relies on it for commit_ts order.
 */
@FunctionalInterface
public interface TsoSource {
    long next();
}
