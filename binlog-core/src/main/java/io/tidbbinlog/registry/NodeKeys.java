package io.tidbbinlog.registry;

/**
 * Registry key layout: {@code <root>/<pumps|drainers>/<nodeId>}, root normally {@code /tidb-binlog/v1}. Node ids
 * are also read from keys of TiDB Binlog's first layout, {@code /tidb-binlog/pumps/<nodeId>}, which had no
 * version segment (spec §5.1, {@code AnalyzeNodeID}).
 */
public final class NodeKeys {

    private NodeKeys() {
    }

    /** {@code tidb-binlog/v1/} and {@code /tidb-binlog/v1} both become {@code /tidb-binlog/v1}. */
    public static String normalizeRoot(String root) {
        String r = root.trim();
        if (!r.startsWith("/")) {
            r = "/" + r;
        }
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.equals("/")) {
            throw new IllegalArgumentException("registry root must not be '/'");
        }
        return r;
    }

    public static String key(String root, NodeKind kind, String nodeId) {
        return prefix(root, kind) + nodeId;
    }

    /** {@code <root>/<kind>/}, with the trailing slash so that "pumps" does not match "pumpsX". */
    public static String prefix(String root, NodeKind kind) {
        return root + "/" + kind.pathSegment() + "/";
    }

    /**
     * The node id in a registry key, or null when the key has too few segments. The id is the segment after
     * the kind: the fourth of {@code /tidb-binlog/v1/pumps/id}, or the third when the second segment is not a
     * version ({@code v...}), as in {@code /tidb-binlog/pumps/id}.
     */
    public static String nodeIdFromKey(String key) {
        String trimmed = key;
        int start = 0;
        while (start < trimmed.length() && trimmed.charAt(start) == '/') {
            start++;
        }
        String[] parts = trimmed.substring(start).split("/", -1);
        if (parts.length < 2) {
            return null;
        }
        int idIndex = parts[1].startsWith("v") ? 3 : 2;
        if (parts.length <= idIndex || parts[idIndex].isEmpty()) {
            return null;
        }
        return parts[idIndex];
    }
}
