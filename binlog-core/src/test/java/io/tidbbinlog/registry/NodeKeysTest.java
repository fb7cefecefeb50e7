package io.tidbbinlog.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NodeKeysTest {

    @Test
    void keysFollowTidbBinlogsLayout() {
        assertEquals("/tidb-binlog/v1/pumps/ip-172-16-5-71:8250",
                NodeKeys.key(RegistryConfig.DEFAULT_ROOT, NodeKind.PUMP, "ip-172-16-5-71:8250"));
        assertEquals("/tidb-binlog/v1/drainers/", NodeKeys.prefix(RegistryConfig.DEFAULT_ROOT, NodeKind.DRAINER));
    }

    /** Vectors from pingcap/tidb-binlog pkg/node/registry_test.go TestAnalyzeNodeID. */
    @Test
    void nodeIdsComeFromVersionedAndLegacyKeys() {
        assertEquals("v1NodeID", NodeKeys.nodeIdFromKey("/tidb-binlog/v1/pumps/v1NodeID"));
        assertEquals("legacyNodeID", NodeKeys.nodeIdFromKey("/tidb-binlog/pumps/legacyNodeID"));
        assertNull(NodeKeys.nodeIdFromKey("????"));
    }

    @Test
    void tooShortKeysHaveNoNodeId() {
        assertNull(NodeKeys.nodeIdFromKey("/tidb-binlog/v1/pumps"));
        assertNull(NodeKeys.nodeIdFromKey("/tidb-binlog/v1/pumps/"));
        assertNull(NodeKeys.nodeIdFromKey(""));
    }

    @Test
    void rootsAreNormalised() {
        assertEquals("/tidb-binlog/v1", NodeKeys.normalizeRoot("tidb-binlog/v1/"));
        assertEquals("/x", NodeKeys.normalizeRoot(" /x// "));
    }
}
