package io.tidbbinlog.registry;

/** An update was asked for a node whose key is not in etcd. */
public final class NodeNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public NodeNotFoundException(String key) {
        super("node key " + key + " not found in etcd");
    }
}
