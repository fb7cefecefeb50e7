package io.tidbbinlog.pd;

import io.tidbbinlog.proto.pdpb.ErrorType;

/**
 * A PD call failed: no PD reachable, no leader, a timeout, or an error PD put in its response header (then
 * {@link #errorType()} is that error's type and the message carries PD's text).
 */
public class PdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType errorType;

    public PdException(String message) {
        this(message, null, null);
    }

    public PdException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public PdException(String message, ErrorType errorType, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    /** The type of the error in PD's response header, or null when the failure was not reported by PD. */
    public ErrorType errorType() {
        return errorType;
    }
}
