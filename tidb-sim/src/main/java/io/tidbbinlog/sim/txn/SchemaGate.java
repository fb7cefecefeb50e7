package io.tidbbinlog.sim.txn;

/**
 * The engine's schema lock: DML transactions hold it shared from begin to commit, a DDL exclusively. Unlike
 * {@link java.util.concurrent.locks.ReentrantReadWriteLock} it is not owned by a thread, so a transaction may be
 * begun on one thread and committed on another. A waiting DDL holds off new transactions (no starvation of DDL).
 */
final class SchemaGate {
    private int shared;
    private boolean exclusive;
    private int waitingExclusive;

    synchronized void enterShared() {
        while (exclusive || waitingExclusive > 0) {
            awaitUninterruptibly();
        }
        shared++;
    }

    synchronized void exitShared() {
        if (shared == 0) {
            throw new IllegalStateException("schema gate: no shared holder to release");
        }
        shared--;
        notifyAll();
    }

    synchronized void enterExclusive() {
        waitingExclusive++;
        try {
            while (exclusive || shared > 0) {
                awaitUninterruptibly();
            }
        } finally {
            waitingExclusive--;
        }
        exclusive = true;
    }

    synchronized void exitExclusive() {
        exclusive = false;
        notifyAll();
    }

    /** Waits; an interrupt is kept for the caller but does not abandon the wait (a half-taken gate helps no one). */
    private void awaitUninterruptibly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                wait(10);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
