package io.tidbbinlog.registry;

/**
 * A change of one registry key seen by a watch.
 *
 * @param nodeId   taken from the key (so a DELETE names its node too)
 * @param status   the new value for {@link Type#PUT}; null for {@link Type#DELETE}
 * @param revision the etcd revision of the change
 */
public record NodeEvent(Type type, NodeKind kind, String nodeId, NodeStatus status, long revision) {

    public enum Type { PUT, DELETE }
}
