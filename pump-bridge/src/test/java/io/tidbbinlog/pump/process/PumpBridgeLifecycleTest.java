package io.tidbbinlog.pump.process;

import io.tidbbinlog.pump.ctl.BinlogctlCommand;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.testservices.EtcdServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pump-bridge started as a user starts it ({@code --config=pump.toml}, in its own process) moves through Pump's
 * states as Pump does (spec §4.8, §5.3): SIGTERM closes it to {@code paused}, binlogctl's offline-pump closes it to
 * {@code offline} (with no drainer to wait for), and it comes back online from either on restart.
 */
class PumpBridgeLifecycleTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EtcdServer etcd;
    private NodeRegistry registry;
    private PdServer pd;

    @BeforeEach
    void cluster() {
        etcd = closing(EtcdServer.launch());
        RegistryConfig registryConfig = RegistryConfig.of(etcd.clientUrl());
        registry = closing(NodeRegistry.connect(registryConfig));
        pd = closing(SimCluster.startPd(SimClusterConfig.loopback(registryConfig)));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void sigtermClosesToPausedAndARestartComesBackOnline(@TempDir Path tmp) throws Exception {
        PumpBridgeProcess pump = closing(PumpBridgeProcess.start(tmp, "pump-term", pd.url(), etcd.clientUrl()));
        pump.awaitOnline(registry, Duration.ofSeconds(60));

        assertEquals(0, pump.terminate(Duration.ofSeconds(60)), pump.output());
        assertEquals(NodeState.PAUSED, state("pump-term"));
        String log = Files.readString(pump.logFile());
        assertTrue(log.contains("got signal [TERM] to exit."), log);
        assertTrue(log.contains("pump-bridge pump-term stopped"), "the shutdown is logged to log-file: " + log);

        pump.restart();
        pump.awaitOnline(registry, Duration.ofSeconds(60));
        assertEquals(NodeState.ONLINE, state("pump-term"));
    }

    @Test
    void binlogctlOfflinePumpClosesItToOfflineAndItExitsByItself(@TempDir Path tmp) throws Exception {
        PumpBridgeProcess pump = closing(PumpBridgeProcess.start(tmp, "pump-off", pd.url(), etcd.clientUrl()));
        pump.awaitOnline(registry, Duration.ofSeconds(60));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new BinlogctlCommand(Map.of(), Clock.systemUTC()).run(new String[] {
            "-pd-urls", pd.url(), "-etcd-urls", etcd.clientUrl(), "-cmd", "offline-pump", "-node-id", "pump-off"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).until(() -> !pump.isAlive());
        assertEquals(NodeState.OFFLINE, state("pump-off"), pump.output());
        assertFalse(pump.isAlive());

        pump.restart();
        pump.awaitOnline(registry, Duration.ofSeconds(60));
    }

    @Test
    void aSecondPumpOnTheSameDataDirectoryRefusesToStart(@TempDir Path tmp) throws Exception {
        PumpBridgeProcess first = closing(PumpBridgeProcess.start(tmp.resolve("one"), "pump-one", pd.url(),
                etcd.clientUrl(), "data-dir = \"" + tmp.resolve("shared") + "\""));
        first.awaitOnline(registry, Duration.ofSeconds(60));
        PumpBridgeProcess second = closing(PumpBridgeProcess.start(tmp.resolve("two"), "pump-two", pd.url(),
                etcd.clientUrl(), "data-dir = \"" + tmp.resolve("shared") + "\""));
        await().atMost(Duration.ofSeconds(60)).until(() -> !second.isAlive());
        assertTrue(second.output().contains("is in use by another pump"), second.output());
        assertTrue(first.isAlive());
    }

    private NodeState state(String nodeId) {
        return registry.get(NodeKind.PUMP, nodeId).map(NodeStatus::state).orElseThrow();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
