package io.tidbbinlog.sim.reference;

/** A transaction could not be applied to (or the bookkeeping read from) the reference database. */
public final class ReferenceApplyException extends RuntimeException {
    public ReferenceApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
