package io.tidbbinlog.pd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * TiDB timestamps (TSO): {@code physical milliseconds << 18 | logical}, 18 logical bits (spec §10.3). Commit
 * and start timestamps, checkpoints, {@code maxCommitTS} and GC points all use this layout.
 */
public final class Tso {

    public static final int LOGICAL_BITS = 18;
    public static final long MAX_LOGICAL = (1L << LOGICAL_BITS) - 1;

    private Tso() {
    }

    public static long compose(long physicalMillis, long logical) {
        if (physicalMillis < 0 || physicalMillis > (Long.MAX_VALUE >>> LOGICAL_BITS)) {
            throw new IllegalArgumentException("physical time out of range: " + physicalMillis);
        }
        if (logical < 0 || logical > MAX_LOGICAL) {
            throw new IllegalArgumentException("logical part out of range 0.." + MAX_LOGICAL + ": " + logical);
        }
        return (physicalMillis << LOGICAL_BITS) | logical;
    }

    /** Milliseconds since the Unix epoch. */
    public static long physical(long tso) {
        return tso >>> LOGICAL_BITS;
    }

    public static long logical(long tso) {
        return tso & MAX_LOGICAL;
    }

    /** The first TSO of a millisecond (logical 0). */
    public static long fromMillis(long epochMillis) {
        return compose(epochMillis, 0);
    }

    public static long fromInstant(Instant instant) {
        return fromMillis(instant.toEpochMilli());
    }

    /** The wall-clock time of a TSO, to the millisecond. */
    public static Instant toInstant(long tso) {
        return Instant.ofEpochMilli(physical(tso));
    }

    /**
     * The TSO of {@code clock.now() - age} with logical 0: how Pump and Drainer turn a retention such as
     * {@code gc = 7} days into the timestamp below which data may go ({@code pump/server.go gcBinlogFile}).
     */
    public static long ago(Duration age, Clock clock) {
        return fromMillis(clock.millis() - age.toMillis());
    }

    public static long ago(Duration age) {
        return ago(age, Clock.systemUTC());
    }

    /** {@code physical.logical (ISO instant)}, for logs and error messages. */
    public static String describe(long tso) {
        return tso + " (" + toInstant(tso) + " +" + logical(tso) + ")";
    }
}
