package io.tidbbinlog.sim.reference;

/** The reference database no longer matches the transaction stream (a change found no row to update or delete). */
public final class ReferenceDivergedException extends RuntimeException {
    public ReferenceDivergedException(String message) {
        super(message);
    }
}
