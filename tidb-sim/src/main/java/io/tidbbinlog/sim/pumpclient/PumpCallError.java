package io.tidbbinlog.sim.pumpclient;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Why one WriteBinlog call failed, worded as TiDB's Go client would print it, because TiDB's retry decisions
 * read that text: a gRPC status error is {@code rpc error: code = <Go code name> desc = <description>}, a
 * non-empty {@code errmsg} is the message itself.
 *
 * @param text   the error text TiDB would log and put into "write binlog failed, the last error ..."
 * @param code   the gRPC status code, or null when the call itself succeeded but {@code errmsg} was set
 */
record PumpCallError(String text, Status.Code code) {

    static PumpCallError of(StatusRuntimeException e) {
        Status status = e.getStatus();
        String desc = status.getDescription() == null ? "" : status.getDescription();
        if (status.getCause() != null && desc.isEmpty()) {
            desc = String.valueOf(status.getCause().getMessage());
        }
        return new PumpCallError("rpc error: code = " + goCodeName(status.getCode()) + " desc = " + desc,
                status.getCode());
    }

    static PumpCallError errmsg(String errmsg) {
        return new PumpCallError(errmsg, null);
    }

    static PumpCallError other(String text) {
        return new PumpCallError(text, null);
    }

    /** TiDB's {@code ErrNoAvaliablePump} text (current spelling). */
    static PumpCallError noAvailablePump() {
        return other("no available pump to write binlog");
    }

    /**
     * TiDB's {@code isRetryableError}: everything except a text mentioning {@code ResourceExhausted} (e.g. the
     * pump's "received message larger than max" or a disk-full quota).
     */
    boolean retryable() {
        return !text.contains("ResourceExhausted");
    }

    /** TiDB's {@code isConnUnAvliable}: the connection is broken; dial a new one before the next call. */
    boolean connectionUnavailable() {
        return code == Status.Code.UNAVAILABLE;
    }

    @Override
    public String toString() {
        return text;
    }

    /** grpc-go's {@code codes.Code.String()}: CamelCase names. */
    static String goCodeName(Status.Code code) {
        return switch (code) {
            case OK -> "OK";
            case CANCELLED -> "Canceled";
            case UNKNOWN -> "Unknown";
            case INVALID_ARGUMENT -> "InvalidArgument";
            case DEADLINE_EXCEEDED -> "DeadlineExceeded";
            case NOT_FOUND -> "NotFound";
            case ALREADY_EXISTS -> "AlreadyExists";
            case PERMISSION_DENIED -> "PermissionDenied";
            case RESOURCE_EXHAUSTED -> "ResourceExhausted";
            case FAILED_PRECONDITION -> "FailedPrecondition";
            case ABORTED -> "Aborted";
            case OUT_OF_RANGE -> "OutOfRange";
            case UNIMPLEMENTED -> "Unimplemented";
            case INTERNAL -> "Internal";
            case UNAVAILABLE -> "Unavailable";
            case DATA_LOSS -> "DataLoss";
            case UNAUTHENTICATED -> "Unauthenticated";
        };
    }
}
