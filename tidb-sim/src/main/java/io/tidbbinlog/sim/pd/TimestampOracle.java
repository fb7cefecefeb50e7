package io.tidbbinlog.sim.pd;

import io.tidbbinlog.pd.Tso;

import java.time.Clock;

/**
 * PD's timestamp oracle ({@code pkg/tso/tso.go}), serving on demand instead of from PD's 50 ms ticker.
 *
 * <p>Timestamps are {@code physical ms << 18 | logical}. A request for {@code count} timestamps adds
 * {@code count} to the logical part and answers with the new value, so it reserves
 * {@code logical+1 .. logical+count} and names the last; a fresh millisecond starts at logical 0, so logical 0
 * itself is never handed out (as in PD). When the logical part would pass {@code 2^18 - 1}, physical time moves
 * one millisecond ahead of the clock (PD's {@code UpdateTimestamp} does this when the logical half is used up).
 * Physical time follows the clock only forwards: a clock that goes back is ignored until it catches up.
 *
 * <p>Persistence ({@code SyncTimestamp}/{@code saveTimestamp}): at start the oracle begins at
 * {@code max(now, savedBound + 1 ms)}; before it uses a physical time within 1 ms of the saved bound, it saves a new
 * bound {@code 3 s} ahead ({@code save-interval}). So every timestamp is below the saved bound, and a restart is
 * strictly above everything served before. Thread-safe.
 */
final class TimestampOracle {

    /** PD's {@code tso-save-interval} default. */
    static final long SAVE_INTERVAL_MILLIS = 3_000;
    /** PD's {@code updateTimestampGuard}. */
    static final long GUARD_MILLIS = 1;
    private static final long LOGICAL_LIMIT = Tso.MAX_LOGICAL + 1;

    private final Clock clock;
    private final PdStateStore store;
    private long physical;
    private long logical;

    TimestampOracle(Clock clock, PdStateStore store) {
        this.clock = clock;
        this.store = store;
        long last = store.savedPhysicalBound();
        long next = clock.millis();
        if (next - last < GUARD_MILLIS) {
            next = last + GUARD_MILLIS;
        }
        store.saveTimestampBound(next + SAVE_INTERVAL_MILLIS);
        physical = next;
        logical = 0;
    }

    /**
     * Reserves {@code count} consecutive timestamps and returns the last one as {@code {physical, logical}}.
     *
     * @throws TsoException when count is 0 or can never fit in one millisecond
     */
    synchronized long[] next(long count) {
        if (count <= 0) {
            throw new TsoException("tso count should be positive");
        }
        if (count >= LOGICAL_LIMIT) {
            // PD retries until its retry budget runs out: the logical part can never hold this many
            throw new TsoException("generate tso maximum number of retries exceeded");
        }
        long now = clock.millis();
        if (now > physical) {
            advanceTo(now);
        }
        if (logical + count >= LOGICAL_LIMIT) {
            advanceTo(physical + 1);
        }
        logical += count;
        return new long[] {physical, logical};
    }

    /** The physical time in use (for tests and logs). */
    synchronized long physical() {
        return physical;
    }

    private void advanceTo(long newPhysical) {
        if (store.savedPhysicalBound() - newPhysical <= GUARD_MILLIS) {
            store.saveTimestampBound(newPhysical + SAVE_INTERVAL_MILLIS);
        }
        physical = newPhysical;
        logical = 0;
    }

    /** PD's {@code ErrGenerateTimestamp}. */
    static final class TsoException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TsoException(String reason) {
            super("[PD:tso:ErrGenerateTimestamp]generate timestamp failed, " + reason);
        }
    }
}
