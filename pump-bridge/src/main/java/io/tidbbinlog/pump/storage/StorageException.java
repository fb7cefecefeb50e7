package io.tidbbinlog.pump.storage;

/** A storage failure; the message is what TiDB (or the operator) is told. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
