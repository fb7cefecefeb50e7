package io.tidbbinlog.pump.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pd.PdServerConfig;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pump's registry life (spec §4.8, §5.3, §1.7; binlog:pump/server.go Start, ApplyAction, commitStatus,
 * waitSafeToOffline) against a real etcd, TSOs from tidb-sim's PD and a real Cistern gRPC server.
 */
@ExtendWith(EtcdExtension.class)
class PumpNodeTest {

    private static final String ID = "pump-1:8250";
    private static final String HOST = "127.0.0.1:8250";

    private final EtcdServer etcd;
    private NodeRegistry registry;
    private PdServer pd;
    private PdClient pdClient;
    private TsoClock tso;
    private InMemoryBinlogStorage storage;
    private PumpMetrics metrics;
    private PumpNode node;

    PumpNodeTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void setUp() {
        registry = NodeRegistry.connect(RegistryConfig.of(etcd.clientUrl())
                .withRootPath("/test-" + UUID.randomUUID() + "/tidb-binlog/v1"));
        pd = PdServer.start(PdServerConfig.inMemory());
        pdClient = PdClient.connect(pd.url());
        tso = new TsoClock(pdClient::getTs, Clock.systemUTC());
        storage = new InMemoryBinlogStorage();
        metrics = new PumpMetrics();
    }

    @AfterEach
    void tearDown() {
        if (node != null) {
            node.close();
        }
        registry.close();
        pdClient.close();
        pd.close();
    }

    private PumpNode newNode(Duration notifyTimeout) {
        GcScheduler gc = new GcScheduler(storage, registry, metrics, Duration.ofDays(7), Clock.systemUTC());
        node = new PumpNode(registry, ID, HOST, tso, storage, new FakeBinlogWriter(tso, storage, metrics),
                new DrainerNotifier(null, notifyTimeout), gc, Duration.ofMillis(50), Duration.ofMillis(20));
        return node;
    }

    private PumpNode newNode() {
        return newNode(DrainerNotifier.DEFAULT_TIMEOUT);
    }

    private NodeStatus pumpEntry() {
        return registry.get(NodeKind.PUMP, ID).orElseThrow();
    }

    private void registerDrainer(String id, String host, NodeState state, long checkpoint) {
        registry.updateNode(NodeKind.DRAINER, NodeStatus.of(id, host, state, checkpoint, 0));
    }

    @Test
    void registersOnlineWithTheStorageWatermarkAndAFreshTso() {
        storage.setMaxCommitTs(1234);
        long before = pdClient.getTs();
        newNode().start();

        NodeStatus entry = pumpEntry();
        assertEquals(NodeState.ONLINE, entry.state());
        assertEquals(HOST, entry.host());
        assertEquals(1234, entry.maxCommitTS());
        assertTrue(entry.updateTS() > before, "updateTS is a TSO fetched at registration");
        assertEquals(NodeState.ONLINE, node.state());
    }

    @Test
    void heartbeatsPublishTheWatermarkAndAnApproximateTso() {
        newNode().start();
        long registeredAt = pumpEntry().updateTS();

        storage.setMaxCommitTs(98765);
        await().atMost(Duration.ofSeconds(10)).until(() -> pumpEntry().maxCommitTS() == 98765);
        NodeStatus entry = pumpEntry();
        assertEquals(NodeState.ONLINE, entry.state());
        assertTrue(entry.updateTS() >= registeredAt, "approximate TSO never goes back");
    }

    @Test
    void aNewPumpNotifiesEveryOnlineDrainer() {
        try (RecordingCistern online = new RecordingCistern(); RecordingCistern paused = new RecordingCistern()) {
            registerDrainer("drainer-online", online.host(), NodeState.ONLINE, 0);
            registerDrainer("drainer-paused", paused.host(), NodeState.PAUSED, 0);
            registerDrainer("drainer-gone", "127.0.0.1:" + FreePorts.pick(), NodeState.OFFLINE, 0);

            newNode().start();

            assertEquals(1, online.notifies());
            assertEquals(0, paused.notifies(), "only online drainers are notified");
        }
    }

    @Test
    void aPausedPumpComingBackDoesNotNotify() {
        registry.create(NodeKind.PUMP, NodeStatus.of(ID, HOST, NodeState.PAUSED, 0, 0));
        try (RecordingCistern drainer = new RecordingCistern()) {
            registerDrainer("drainer-1", drainer.host(), NodeState.ONLINE, 0);

            newNode().start();

            assertEquals(0, drainer.notifies());
            assertEquals(NodeState.ONLINE, pumpEntry().state());
        }
    }

    @Test
    void anUnreachableOnlineDrainerFailsTheStartAndLeavesThePumpOffline() {
        registerDrainer("drainer-dead", "127.0.0.1:" + FreePorts.pick(), NodeState.ONLINE, 0);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> newNode(Duration.ofSeconds(2)).start());

        assertTrue(e.getMessage().startsWith("fail to notify all living drainer"), e.getMessage());
        assertTrue(e.getMessage().contains("drainer-dead") || e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertEquals(NodeState.OFFLINE, pumpEntry().state());
        node = null;
    }

    @Test
    void pauseMovesToPausingAndTheShutdownWritesPaused() {
        newNode().start();

        node.applyAction(ID, "pause");

        await().atMost(Duration.ofSeconds(10)).until(() -> pumpEntry().state() == NodeState.PAUSED);
        assertEquals(NodeState.PAUSED, node.state());
    }

    @Test
    void aSignalStyleCloseOfAnOnlinePumpWritesPaused() {
        newNode().start();
        node.close();
        assertEquals(NodeState.PAUSED, pumpEntry().state());
    }

    @Test
    void closeGoesOfflineOnlyAfterDrainersCaughtUpWithThePump() {
        registerDrainer("drainer-1", "127.0.0.1:1", NodeState.PAUSED, 0);
        registerDrainer("drainer-old", "127.0.0.1:2", NodeState.OFFLINE, 0);
        newNode().start();

        node.applyAction(ID, "close");
        assertEquals(NodeState.CLOSING, node.state());

        // each round the drainer is behind writes one more fake binlog: several rounds pass, the pump stays closing
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeBinlogs() >= 3);
        assertTrue(pumpEntry().state() != NodeState.OFFLINE, "not offline while a drainer is behind");
        assertEquals(NodeState.CLOSING, node.state());

        long pumpWatermark = storage.maxCommitTs();
        registerDrainer("drainer-1", "127.0.0.1:1", NodeState.PAUSED, pumpWatermark);

        await().atMost(Duration.ofSeconds(10)).until(() -> pumpEntry().state() == NodeState.OFFLINE);
        assertEquals(NodeState.OFFLINE, node.state());
    }

    @Test
    void closeWaitsForPendingPrewritesBeforeComparingWithDrainers() {
        newNode().start();
        storage.write(Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(10).build(), new byte[0]);

        node.applyAction(ID, "close");
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeBinlogs() >= 1);
        assertEquals(NodeState.CLOSING, node.state(), "a prewrite still waits for its commit");

        storage.write(Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(10).setCommitTs(11).build(),
                new byte[0]);
        await().atMost(Duration.ofSeconds(10)).until(() -> pumpEntry().state() == NodeState.OFFLINE);
    }

    @Test
    void actionsAreRefusedWithPumpsTexts() {
        newNode().start();
        node.onShutdownRequested(() -> { });

        IllegalArgumentException wrongId = assertThrows(IllegalArgumentException.class,
                () -> node.applyAction("pump-2:8250", "pause"));
        assertEquals("invalide nodeID pump-2:8250, this pump's nodeID is " + ID, wrongId.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> node.applyAction(ID, "restart"));
        assertEquals("invalide action restart", unknown.getMessage());
        assertEquals(NodeState.ONLINE, node.state());

        node.applyAction(ID, "pause");
        IllegalArgumentException notOnline = assertThrows(IllegalArgumentException.class,
                () -> node.applyAction(ID, "close"));
        assertEquals("this pump's state is pausing, apply close failed!", notOnline.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = NodeState.class, names = {"PAUSED", "OFFLINE", "CLOSING", "PAUSING"})
    void aRestartFromAnyStateRegistersOnline(NodeState previous) {
        registry.create(NodeKind.PUMP, NodeStatus.of(ID, HOST, previous, 0, 0));

        newNode().start();

        assertEquals(NodeState.ONLINE, pumpEntry().state());
        assertEquals(NodeState.ONLINE, node.state());
    }

    private long fakeBinlogs() {
        return storage.written().stream()
                .filter(b -> b.getTp() == BinlogType.Rollback && b.getStartTs() == b.getCommitTs())
                .count();
    }
}
