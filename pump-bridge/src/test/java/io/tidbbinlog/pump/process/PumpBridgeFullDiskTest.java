package io.tidbbinlog.pump.process;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pumpclient.PumpWriteException;
import io.tidbbinlog.sim.pumpclient.PumpsClient;
import io.tidbbinlog.testservices.EtcdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pump-bridge whose disk is full (spec §1.5, §11 "Pump disk full"): TiDB's pump client gets a clear error naming
 * the cause, nothing it was told failed comes back, everything acknowledged survives a SIGKILL and restart, and the
 * pump takes binlogs again once there is room. Two ways to be full: below {@code stop-write-at-available-space}
 * (always tested), and a real ENOSPC from a small tmpfs (where this machine lets the test mount one, as root).
 */
class PumpBridgeFullDiskTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private EtcdServer etcd;
    private NodeRegistry registry;
    private PdServer pd;
    private SimClusterConfig config;
    private Path mounted;

    @BeforeEach
    void cluster() {
        etcd = closing(EtcdServer.launch());
        RegistryConfig registryConfig = RegistryConfig.of(etcd.clientUrl());
        registry = closing(NodeRegistry.connect(registryConfig));
        config = SimClusterConfig.loopback(registryConfig)
                .withPumpClient("range", Duration.ofSeconds(2), false)
                .withRetryTimings(Duration.ofSeconds(60), Duration.ofMillis(200));
        pd = closing(SimCluster.startPd(config));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
    }

    @Test
    void belowTheStopWriteThresholdTidbIsToldThereIsNoSpaceAndNothingIsStored(@TempDir Path tmp) throws Exception {
        PumpBridgeProcess pump = closing(PumpBridgeProcess.start(tmp, "pump-full", pd.url(), etcd.clientUrl(),
                "[storage] stop-write-at-available-space = \"1000 PiB\""));
        pump.awaitOnline(registry, Duration.ofSeconds(60));
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of()));

        long startTs = sim.currentTs();
        PumpWriteException e = assertThrows(PumpWriteException.class,
                () -> sim.pumps().writePrewrite(prewrite(startTs, 100)));
        assertTrue(e.getMessage().contains("no available space"), e.getMessage());
        assertTrue(e.getMessage().contains("StopWriteAtAvailableSpace"), e.getMessage());

        // fake binlogs still go in (Pump's exception), so the stream keeps moving for drainers
        PumpStreamReader reader = closing(PumpStreamReader.pull(pump.address(), pd.clusterId(), 0));
        reader.awaitBeyond(startTs, Duration.ofSeconds(30));
        assertTrue(reader.received().stream().allMatch(b -> b.getStartTs() == b.getCommitTs()),
                "only fake binlogs were stored: " + reader.received());
    }

    @Test
    void aRealFullDiskFailsWritesCleanlyAndLosesNothingAcknowledged(@TempDir Path tmp) throws Exception {
        mounted = mountTmpfs(tmp.resolve("disk"), "12m");
        PumpBridgeProcess pump = closing(PumpBridgeProcess.start(tmp.resolve("pump"), "pump-enospc", pd.url(),
                etcd.clientUrl(), "data-dir = \"" + mounted.resolve("data.pump") + "\"",
                "[storage] stop-write-at-available-space = \"0\""));
        pump.awaitOnline(registry, Duration.ofSeconds(60));
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of()));
        PumpsClient tidb = sim.pumps();

        List<Long> acknowledged = new ArrayList<>();
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        PumpWriteException refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            long startTs = sim.currentTs();
            try {
                tidb.writePrewrite(prewrite(startTs, 1 << 20));
            } catch (PumpWriteException e) {
                refused = e;
                tidb.writeCommit(Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(startTs).build());
                break;
            }
            long commitTs = sim.currentTs();
            commits.add(tidb.writeCommit(Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs)
                    .setCommitTs(commitTs).build()));
            acknowledged.add(commitTs);
        }
        assertTrue(refused != null, "12 MiB filled up within 40 MiB of binlogs");
        assertTrue(refused.getMessage().contains("No space left on device"), refused.getMessage());
        assertFalse(acknowledged.isEmpty());

        run("mount", "-o", "remount,size=64m", mounted.toString());
        for (CompletableFuture<Void> c : commits) {
            c.get(60, TimeUnit.SECONDS); // commit binlogs refused meanwhile are retried by TiDB and land now
        }
        long startTs = sim.currentTs();
        tidb.writePrewrite(prewrite(startTs, 1024));
        long commitTs = sim.currentTs();
        tidb.writeCommit(Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs).setCommitTs(commitTs)
                .build()).get(60, TimeUnit.SECONDS);
        acknowledged.add(commitTs);

        pump.kill();
        pump.restart();
        pump.awaitOnline(registry, Duration.ofSeconds(60));
        PumpStreamReader reader = closing(PumpStreamReader.pull(pump.address(), pd.clusterId(), 0));
        reader.awaitBeyond(commitTs, Duration.ofSeconds(60));
        List<Long> pulled = reader.received().stream().filter(b -> b.getStartTs() != b.getCommitTs())
                .map(Binlog::getCommitTs).toList();
        assertEquals(acknowledged, pulled, "every acknowledged transaction, once, in order, nothing else");
        String log = Files.readString(pump.logFile());
        assertFalse(log.contains("corrupt"), "recovery found nothing to cut: " + log);
    }

    private static Binlog prewrite(long startTs, int valueBytes) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFromUtf8("t\u0080k" + startTs))
                .setPrewriteValue(ByteString.copyFrom(new byte[valueBytes])).build();
    }

    /** Mounts a tmpfs of {@code size}, or skips this test where the machine does not allow it (not root). */
    private static Path mountTmpfs(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int code = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        Assumptions.assumeTrue(code == 0, "cannot mount a tmpfs here (needs root); the threshold test covers the "
                + "refusal, this one the real ENOSPC");
        return dir;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
