package io.tidbbinlog.registry;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)
class NodeRegistryTest {

    private static final AtomicInteger ROOTS = new AtomicInteger();

    /** pingcap/tidb-binlog docs/binlog_http_api.md, compact. */
    private static final String PINGCAP_EXAMPLE = "{\"nodeId\":\"ip-172-16-5-71:8250\",\"host\":\"172.16.5.71:8250\","
            + "\"state\":\"online\",\"isAlive\":false,\"score\":0,\"label\":null,"
            + "\"maxCommitTS\":412518831548007863,\"updateTS\":412518831338292471}";

    private final EtcdServer etcd;
    private String root;
    private NodeRegistry registry;
    private Client raw;

    NodeRegistryTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void connect() {
        // each test under its own root, so listings do not see other tests' nodes
        root = "/t" + ROOTS.incrementAndGet() + "/v1";
        registry = NodeRegistry.connect(RegistryConfig.of(etcd.clientUrl()).withRootPath(root));
        raw = Client.builder().endpoints(etcd.clientUrl()).build();
    }

    @AfterEach
    void disconnect() {
        registry.close();
        raw.close();
    }

    @Test
    void theDefaultRootIsTidbBinlogs() {
        try (NodeRegistry r = NodeRegistry.connect(RegistryConfig.of(etcd.clientUrl()))) {
            assertEquals("/tidb-binlog/v1/pumps/a:8250", r.keyOf(NodeKind.PUMP, "a:8250"));
        }
    }

    @Test
    void createWritesTheStatusJsonUnderTheNodesKey() throws Exception {
        NodeStatus status = NodeStatus.fromJson(PINGCAP_EXAMPLE);
        registry.create(NodeKind.PUMP, status);
        assertEquals(PINGCAP_EXAMPLE, rawGet(root + "/pumps/ip-172-16-5-71:8250"));
        assertEquals(Optional.of(status), registry.get(NodeKind.PUMP, "ip-172-16-5-71:8250"));
        assertEquals(Optional.empty(), registry.get(NodeKind.DRAINER, "ip-172-16-5-71:8250"));
    }

    @Test
    void creatingAnExistingNodeFailsAndKeepsTheEntry() {
        NodeStatus first = NodeStatus.of("p1", "h:1", NodeState.ONLINE, 10, 20);
        registry.create(NodeKind.PUMP, first);
        NodeAlreadyExistsException e = assertThrows(NodeAlreadyExistsException.class,
                () -> registry.create(NodeKind.PUMP, first.withMaxCommitTS(99)));
        assertTrue(e.getMessage().contains(root + "/pumps/p1"), e.getMessage());
        assertEquals(10, registry.get(NodeKind.PUMP, "p1").orElseThrow().maxCommitTS());
    }

    @Test
    void updatingAMissingNodeFailsAndCreatesNothing() {
        assertThrows(NodeNotFoundException.class,
                () -> registry.update(NodeKind.DRAINER, NodeStatus.of("d1", "h:1", NodeState.ONLINE, 1, 1)));
        assertEquals(Optional.empty(), registry.get(NodeKind.DRAINER, "d1"));
    }

    @Test
    void updateNodeCreatesThenUpdates() {
        registry.updateNode(NodeKind.DRAINER, NodeStatus.of("d1", "h:1", NodeState.ONLINE, 1, 1));
        registry.updateNode(NodeKind.DRAINER, NodeStatus.of("d1", "h:1", NodeState.ONLINE, 2, 3));
        assertEquals(2, registry.get(NodeKind.DRAINER, "d1").orElseThrow().maxCommitTS());
    }

    @Test
    void listReturnsTheNodesOfOneKindOnly() throws Exception {
        registry.create(NodeKind.PUMP, NodeStatus.of("p1", "h:1", NodeState.ONLINE, 1, 1));
        registry.create(NodeKind.PUMP, NodeStatus.of("p2", "h:2", NodeState.PAUSED, 2, 2));
        registry.create(NodeKind.DRAINER, NodeStatus.of("d1", "h:3", NodeState.ONLINE, 3, 3));
        rawPut(root + "/pumps/p1/extra", "not a node");   // nested key: not an entry
        rawPut(root + "/pumpsX/p9", "not a node");        // sibling folder sharing the prefix
        long before = registry.list(NodeKind.DRAINER).revision();

        NodeListing pumps = registry.list(NodeKind.PUMP);
        assertEquals(List.of("p1", "p2"), pumps.nodes().stream().map(NodeStatus::nodeId).sorted().toList());
        assertEquals(NodeKind.PUMP, pumps.kind());
        assertTrue(pumps.revision() >= before);
        assertEquals(List.of("d1"), registry.list(NodeKind.DRAINER).nodes().stream().map(NodeStatus::nodeId).toList());
    }

    @Test
    void anUnreadableEntryFailsTheListingNamingItsKey() throws Exception {
        rawPut(root + "/pumps/bad", "{\"nodeId\":\"bad\",\"state\":\"sleeping\"}");
        RegistryException e = assertThrows(RegistryException.class, () -> registry.list(NodeKind.PUMP));
        assertTrue(e.getMessage().contains(root + "/pumps/bad") && e.getMessage().contains("sleeping"), e.getMessage());
    }

    @Test
    void updateStateChangesOnlyTheState() throws Exception {
        rawPut(root + "/pumps/ip-172-16-5-71:8250", PINGCAP_EXAMPLE);
        NodeStatus written = registry.updateState(NodeKind.PUMP, "ip-172-16-5-71:8250", NodeState.OFFLINE);
        assertEquals(PINGCAP_EXAMPLE.replace("online", "offline"), rawGet(root + "/pumps/ip-172-16-5-71:8250"));
        assertEquals(412518831548007863L, written.maxCommitTS());
        assertThrows(NodeNotFoundException.class, () -> registry.updateState(NodeKind.PUMP, "nope", NodeState.PAUSED));
    }

    @Test
    void aWatchSeesPutsAndDeletesByOtherClientsAfterTheListing() throws Exception {
        registry.create(NodeKind.PUMP, NodeStatus.of("before", "h:1", NodeState.ONLINE, 1, 1));
        NodeListing listing = registry.list(NodeKind.PUMP);
        rawPut(root + "/pumps/ip-172-16-5-71:8250", PINGCAP_EXAMPLE);   // after the listing, before the watch
        Recorder events = new Recorder();
        try (NodeWatch ignored = registry.watch(NodeKind.PUMP, listing.revision() + 1, events)) {
            rawPut(root + "/drainers/d", NodeStatus.of("d", "h", NodeState.ONLINE, 0, 0).toJson());
            rawDelete(root + "/pumps/before");

            await().atMost(10, SECONDS).until(() -> events.events.size() >= 2);
            NodeEvent put = events.events.get(0);
            assertEquals(NodeEvent.Type.PUT, put.type());
            assertEquals("ip-172-16-5-71:8250", put.nodeId());
            assertEquals(NodeStatus.fromJson(PINGCAP_EXAMPLE), put.status());
            NodeEvent delete = events.events.get(1);
            assertEquals(NodeEvent.Type.DELETE, delete.type());
            assertEquals("before", delete.nodeId());
            assertNull(delete.status());
            assertTrue(delete.revision() > put.revision());
            Thread.sleep(200);
            assertEquals(2, events.events.size(), "the drainer key is not a pump event: " + events.events);
        }
    }

    @Test
    void aWatchFromACompactedRevisionResynchronisesFromAListing() throws Exception {
        registry.create(NodeKind.PUMP, NodeStatus.of("p1", "h:1", NodeState.ONLINE, 1, 1));
        registry.updateState(NodeKind.PUMP, "p1", NodeState.PAUSED);
        long compactAt = registry.list(NodeKind.PUMP).revision();
        raw.getKVClient().compact(compactAt).get(10, SECONDS);

        Recorder events = new Recorder();
        try (NodeWatch ignored = registry.watch(NodeKind.PUMP, 1, events)) {
            await().atMost(15, SECONDS).until(() -> !events.resyncs.isEmpty());
            NodeListing snapshot = events.resyncs.get(0);
            assertEquals(NodeState.PAUSED, snapshot.nodes().get(0).state());

            registry.updateState(NodeKind.PUMP, "p1", NodeState.ONLINE);
            await().atMost(10, SECONDS).until(() -> !events.events.isEmpty());
            assertEquals(NodeState.ONLINE, events.events.get(events.events.size() - 1).status().state());
        }
    }

    @Test
    void theRegistryAndItsWatchesSurviveAnEtcdRestart() throws Exception {
        try (EtcdServer own = EtcdServer.launch();
             NodeRegistry r = NodeRegistry.connect(RegistryConfig.of(own.clientUrl())
                     .withRequestTimeout(Duration.ofSeconds(2)))) {
            r.create(NodeKind.PUMP, NodeStatus.of("p1", "h:1", NodeState.ONLINE, 5, 6));
            Recorder events = new Recorder();
            try (NodeWatch ignored = r.watch(NodeKind.PUMP, r.list(NodeKind.PUMP).revision() + 1, events)) {
                own.kill();
                RegistryException down = assertThrows(RegistryException.class, () -> r.get(NodeKind.PUMP, "p1"));
                assertTrue(down.getMessage().contains(r.keyOf(NodeKind.PUMP, "p1")), down.getMessage());

                own.start();
                await().atMost(30, SECONDS).ignoreExceptions()
                        .until(() -> r.get(NodeKind.PUMP, "p1").orElseThrow().maxCommitTS() == 5);
                r.updateState(NodeKind.PUMP, "p1", NodeState.CLOSING);
                await().atMost(30, SECONDS).until(() -> events.events.stream()
                        .anyMatch(e -> e.status() != null && e.status().state() == NodeState.CLOSING));
            }
        }
    }

    private String rawGet(String key) throws Exception {
        return raw.getKVClient().get(bytes(key)).get(10, SECONDS).getKvs().get(0).getValue()
                .toString(StandardCharsets.UTF_8);
    }

    private void rawPut(String key, String value) throws Exception {
        raw.getKVClient().put(bytes(key), bytes(value)).get(10, SECONDS);
    }

    private void rawDelete(String key) throws Exception {
        raw.getKVClient().delete(bytes(key)).get(10, SECONDS);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static final class Recorder implements NodeEventListener {
        final List<NodeEvent> events = new CopyOnWriteArrayList<>();
        final List<NodeListing> resyncs = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(NodeEvent event) {
            events.add(event);
        }

        @Override
        public void onResync(NodeListing snapshot) {
            resyncs.add(snapshot);
        }
    }

    @Test
    void keysOfOtherRootsAreInvisible() {
        registry.create(NodeKind.PUMP, NodeStatus.of("mine", "h:1", NodeState.ONLINE, 1, 1));
        try (NodeRegistry other = NodeRegistry.connect(RegistryConfig.of(etcd.clientUrl()).withRootPath(root + "x"))) {
            assertFalse(other.get(NodeKind.PUMP, "mine").isPresent());
            assertTrue(other.list(NodeKind.PUMP).nodes().isEmpty());
        }
    }
}
