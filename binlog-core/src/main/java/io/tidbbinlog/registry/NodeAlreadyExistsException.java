package io.tidbbinlog.registry;

/** {@link NodeRegistry#create} found the key already there. */
public final class NodeAlreadyExistsException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public NodeAlreadyExistsException(String key) {
        super("node key " + key + " already exists in etcd");
    }
}
