package io.tidbbinlog.pump.node;

import io.tidbbinlog.pd.Tso;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The pump's view of cluster time: fresh TSOs from PD, the newest one seen (the lost-commit resolver's age rule
 * compares against it) and Pump's cheap approximation for heartbeats: the last TSO plus the whole seconds since it
 * was fetched (binlog:pkg/util/ts.go GetApproachTS). Thread-safe.
 */
public final class TsoClock {

    private final LongSupplier freshTso;
    private final Clock clock;
    private long latestTso;
    private long latestAtMillis;

    /**
     * @param freshTso asks PD for a timestamp (for example {@code pdClient::getTs}); may throw when PD is unreachable
     * @param clock    local time, for the approximation
     */
    public TsoClock(LongSupplier freshTso, Clock clock) {
        this.freshTso = freshTso;
        this.clock = clock;
    }

    /** A new TSO from PD, remembered as the latest. */
    public long fresh() {
        long ts = freshTso.getAsLong();
        observe(ts);
        return ts;
    }

    /** Records a TSO learnt elsewhere; only a newer one replaces the latest. */
    public synchronized void observe(long ts) {
        if (ts > latestTso) {
            latestTso = ts;
            latestAtMillis = clock.millis();
        }
    }

    /** The newest TSO seen, 0 before the first. */
    public synchronized long latest() {
        return latestTso;
    }

    /** The latest TSO advanced by the whole seconds elapsed since it was seen; 0 before the first. */
    public synchronized long approximate() {
        if (latestTso == 0) {
            return 0;
        }
        long seconds = Math.max(0, (clock.millis() - latestAtMillis) / 1000);
        return latestTso + ((seconds * 1000) << Tso.LOGICAL_BITS);
    }
}
