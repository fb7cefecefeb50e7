package io.tidbbinlog.sim.drive;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Spaces transaction starts over all sessions to a target rate; a rate of 0 lets them run flat out. */
final class Pacer {
    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

    Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? Math.max(1, (long) (TimeUnit.SECONDS.toNanos(1) / perSecond)) : 0;
    }

    /** Waits for this caller's slot; returns false if interrupted. */
    boolean awaitSlot() {
        if (intervalNanos == 0) {
            return !Thread.currentThread().isInterrupted();
        }
        long now = System.nanoTime();
        // A slot missed by more than a second is not made up for: the rate is a ceiling, not a debt.
        long slot = nextSlot.getAndUpdate(s -> Math.max(s, now - TimeUnit.SECONDS.toNanos(1)) + intervalNanos);
        slot = Math.max(slot, now - TimeUnit.SECONDS.toNanos(1));
        while (true) {
            long wait = slot - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }
}
