package io.tidbbinlog.registry;

/** A registry call failed: etcd unreachable, timed out, or an entry could not be read. */
public class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
