package io.tidbbinlog.registry;

import java.util.List;

/**
 * All nodes of one kind as of etcd revision {@code revision}; a watch started at {@code revision + 1} sees
 * every change after this listing and none before.
 */
public record NodeListing(NodeKind kind, List<NodeStatus> nodes, long revision) {

    public NodeListing {
        nodes = List.copyOf(nodes);
    }
}
