package io.tidbbinlog.sim.reference;

/** A verification could not be carried out (a server unreachable, a query failing), as opposed to a difference. */
public final class VerificationException extends RuntimeException {
    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
