package io.tidbbinlog.pump.process;

import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user does, after {@code mvn package}: {@code bin/pump-bridge --config=pump.toml} with the TiDB Binlog
 * tutorial's pump.toml verbatim (pingcap/docs get-started-with-tidb-binlog.md), its relative log-file and data-dir
 * landing in the working directory, flags overriding the file's fixed addresses (flags win over the file, as in
 * Pump); then {@code bin/binlogctl -cmd pumps} lists it and SIGTERM leaves it {@code paused} with exit status 0.
 */
class PumpBridgeScriptIT {

    @Test
    void theTutorialsPumpTomlStartsTheDistributionsLauncher(@TempDir Path work) throws Exception {
        Path module = Path.of("").toAbsolutePath();
        try (InputStream tutorial = getClass().getResourceAsStream("/io/tidbbinlog/pump/config/tutorial-pump.toml")) {
            Files.write(work.resolve("pump.toml"), tutorial.readAllBytes());
        }
        try (EtcdServer etcd = EtcdServer.launch()) {
            RegistryConfig registryConfig = RegistryConfig.of(etcd.clientUrl());
            try (NodeRegistry registry = NodeRegistry.connect(registryConfig);
                 PdServer pd = SimCluster.startPd(SimClusterConfig.loopback(registryConfig))) {
                int port = FreePorts.pick();
                Process pump = new ProcessBuilder(List.of("bash", module.resolve("bin/pump-bridge").toString(),
                        "--config=pump.toml", "-addr=127.0.0.1:" + port, "-advertise-addr=127.0.0.1:" + port,
                        "-pd-urls=" + pd.url(), "-etcd-urls=" + etcd.clientUrl(), "-node-id=tutorial-pump"))
                        .directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(work.resolve("stdout.txt").toFile()).start();
                try {
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                        if (!pump.isAlive()) {
                            throw new IllegalStateException("exited " + pump.exitValue() + ": " + output(work));
                        }
                        Optional<NodeStatus> s = registry.get(NodeKind.PUMP, "tutorial-pump");
                        return s.isPresent() && s.get().state() == NodeState.ONLINE;
                    });
                    assertTrue(Files.isRegularFile(work.resolve("pump.data").resolve(".lock")),
                            "data-dir pump.data in the working directory");
                    assertTrue(Files.readString(work.resolve("pump.log")).contains("is online"), output(work));

                    Process ctl = new ProcessBuilder(List.of("bash", module.resolve("bin/binlogctl").toString(),
                            "-pd-urls=" + pd.url(), "-etcd-urls=" + etcd.clientUrl(), "-cmd", "pumps"))
                            .redirectErrorStream(true).start();
                    String listing = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertEquals(0, ctl.waitFor(), listing);
                    assertTrue(listing.contains("tutorial-pump") && listing.contains("127.0.0.1:" + port)
                            && listing.contains("online"), listing);

                    pump.destroy();
                    assertTrue(pump.waitFor(60, TimeUnit.SECONDS), output(work));
                    assertEquals(0, pump.exitValue(), output(work));
                    assertEquals(NodeState.PAUSED, registry.get(NodeKind.PUMP, "tutorial-pump").orElseThrow().state());
                } finally {
                    pump.destroyForcibly();
                }
            }
        }
    }

    private static String output(Path work) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("stdout.txt", "pump.log")) {
            Path f = work.resolve(name);
            if (Files.exists(f)) {
                s.append("--- ").append(name).append('\n').append(Files.readString(f));
            }
        }
        return s.toString();
    }
}
