package io.tidbbinlog.decode;

/** A pump binlog that cannot be turned into a transaction; the message names the binlog, table and cause. */
public final class BinlogDecodeException extends RuntimeException {
    public BinlogDecodeException(String message) {
        super(message);
    }

    public BinlogDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
