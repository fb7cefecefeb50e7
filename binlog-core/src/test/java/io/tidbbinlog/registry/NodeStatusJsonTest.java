package io.tidbbinlog.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStatusJsonTest {

    /** pingcap/tidb-binlog docs/binlog_http_api.md (the /status example), as compact Go json.Marshal output. */
    private static final String PINGCAP_EXAMPLE = "{\"nodeId\":\"ip-172-16-5-71:8250\",\"host\":\"172.16.5.71:8250\","
            + "\"state\":\"online\",\"isAlive\":false,\"score\":0,\"label\":null,"
            + "\"maxCommitTS\":412518831548007863,\"updateTS\":412518831338292471}";

    @Test
    void readsTheExampleFromTidbBinlogsHttpApiDoc() {
        NodeStatus s = NodeStatus.fromJson(PINGCAP_EXAMPLE);
        assertEquals("ip-172-16-5-71:8250", s.nodeId());
        assertEquals("172.16.5.71:8250", s.host());
        assertEquals(NodeState.ONLINE, s.state());
        assertFalse(s.alive());
        assertEquals(0, s.score());
        assertNull(s.label());
        assertEquals(412518831548007863L, s.maxCommitTS());
        assertEquals(412518831338292471L, s.updateTS());
    }

    @Test
    void writesTheSameBytesAsTidbBinlog() {
        NodeStatus s = NodeStatus.of("ip-172-16-5-71:8250", "172.16.5.71:8250", NodeState.ONLINE,
                412518831548007863L, 412518831338292471L);
        assertEquals(PINGCAP_EXAMPLE, s.toJson());
    }

    @Test
    void writesTheKeysInGoStructOrder() throws Exception {
        NodeStatus s = new NodeStatus("n", "h:1", NodeState.PAUSED, true, 5, new NodeLabel(Map.of("zone", "z1")), 7, 8);
        JsonNode tree = new ObjectMapper().readTree(s.toJson());
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("nodeId", "host", "state", "isAlive", "score", "label", "maxCommitTS", "updateTS"), keys);
        assertEquals("{\"labels\":{\"zone\":\"z1\"}}", tree.get("label").toString());
        assertEquals("paused", tree.get("state").asText());
        assertTrue(tree.get("isAlive").asBoolean());
    }

    @Test
    void labelsRoundTrip() {
        String json = "{\"nodeId\":\"p1\",\"host\":\"h:8250\",\"state\":\"closing\",\"isAlive\":false,\"score\":3,"
                + "\"label\":{\"labels\":{\"dc\":\"east\"}},\"maxCommitTS\":1,\"updateTS\":2}";
        NodeStatus s = NodeStatus.fromJson(json);
        assertEquals(Map.of("dc", "east"), s.label().labels());
        assertEquals(json, s.toJson());
    }

    @Test
    void ignoresUnknownKeysAndDefaultsMissingNumbersToZero() {
        // the first TiDB Binlog Status struct (pkg/node/node.go before maxCommitTS existed) plus a future key
        NodeStatus s = NodeStatus.fromJson("{\"nodeId\":\"old:8250\",\"host\":\"10.0.0.1:8250\",\"state\":\"offline\","
                + "\"isAlive\":true,\"score\":0,\"label\":null,\"updateTS\":99,\"somethingNew\":{\"x\":[1,2]}}");
        assertEquals(NodeState.OFFLINE, s.state());
        assertEquals(0, s.maxCommitTS());
        assertEquals(99, s.updateTS());
        assertTrue(s.alive());
    }

    @Test
    void everyStateHasTidbBinlogsName() {
        assertEquals(List.of("online", "pausing", "paused", "closing", "offline"),
                List.of(NodeState.values()).stream().map(NodeState::jsonName).toList());
        for (NodeState state : NodeState.values()) {
            assertEquals(state, NodeStatus.fromJson(NodeStatus.of("n", "h", state, 0, 0).toJson()).state());
        }
    }

    @Test
    void rejectsAnUnknownStateNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeStatus.fromJson(PINGCAP_EXAMPLE.replace("online", "Online")));
        assertTrue(e.getMessage().contains("'Online'"), e.getMessage());
    }

    @Test
    void rejectsBrokenJsonAndEntriesWithoutIdOrState() {
        assertThrows(IllegalArgumentException.class, () -> NodeStatus.fromJson("{\"nodeId\":"));
        assertThrows(IllegalArgumentException.class, () -> NodeStatus.fromJson("null"));
        IllegalArgumentException noState = assertThrows(IllegalArgumentException.class,
                () -> NodeStatus.fromJson("{\"nodeId\":\"a\",\"host\":\"h\"}"));
        assertTrue(noState.getMessage().contains("state"), noState.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeStatus.fromJson("{\"host\":\"h\",\"state\":\"online\"}"));
    }
}
