package io.tidbbinlog.registry;

/** The two kinds of TiDB Binlog node in the registry, with the path segment their keys live under. */
public enum NodeKind {
    PUMP("pumps"),
    DRAINER("drainers");

    private final String pathSegment;

    NodeKind(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    /** {@code pumps} or {@code drainers}: the folder under the registry root. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The kind whose folder is {@code segment}, or null. */
    public static NodeKind fromPathSegment(String segment) {
        for (NodeKind kind : values()) {
            if (kind.pathSegment.equals(segment)) {
                return kind;
            }
        }
        return null;
    }
}
