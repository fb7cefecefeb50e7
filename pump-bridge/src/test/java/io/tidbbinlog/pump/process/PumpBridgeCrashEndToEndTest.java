package io.tidbbinlog.pump.process;

import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.DecodedFromPumps;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.txn.TxnListener;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tidb-sim (TiDB's real pump client) writes to two pump-bridge processes; one is killed with SIGKILL mid-run and
 * started again on its data directory. Afterwards every transaction TiDB committed (each needed an acknowledged
 * prewrite binlog) is pulled from the pumps as a drainer pulls it: each pump's stream strictly in commit_ts order,
 * nothing twice within a pump, and the merge of both (a commit_ts on two pumps counted once, with identical
 * content) decodes to exactly the committed transactions.
 */
class PumpBridgeCrashEndToEndTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aPumpBridgeKilledWithSigkillAndRestartedLosesNoAcknowledgedBinlog(@TempDir Path tmp) throws Exception {
        EtcdServer etcd = closing(EtcdServer.launch());
        RegistryConfig registryConfig = RegistryConfig.of(etcd.clientUrl());
        NodeRegistry registry = closing(NodeRegistry.connect(registryConfig));
        int statusPort = FreePorts.pick();
        SimClusterConfig config = SimClusterConfig.loopback(registryConfig)
                .withPorts(FreePorts.pick(), statusPort)
                .withRetryTimings(Duration.ofSeconds(120), Duration.ofMillis(200));
        PdServer pd = closing(SimCluster.startPd(config));
        String statusUrl = "tidb-status-urls = \"http://127.0.0.1:" + statusPort + "\"";
        PumpBridgeProcess a = closing(PumpBridgeProcess.start(tmp.resolve("a"), "pump-a", pd.url(),
                etcd.clientUrl(), statusUrl));
        PumpBridgeProcess b = closing(PumpBridgeProcess.start(tmp.resolve("b"), "pump-b", pd.url(),
                etcd.clientUrl(), statusUrl));
        a.awaitOnline(registry, Duration.ofSeconds(60));
        b.awaitOnline(registry, Duration.ofSeconds(60));

        List<Txn> committed = new ArrayList<>();
        TxnListener listener = txn -> {
            synchronized (committed) {
                committed.add(txn);
            }
        };
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of(listener)));
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(),
                new WorkloadSpec(20261121, 4, 150, 1, 4, StatementMix.defaults(), 0.3, 60, 0.05, 0, 0, null, 1500,
                        List.of(UTC, ZoneId.of("Asia/Shanghai"))), WorkloadTables.standard());
        driver.createSchema(WorkloadTables.standard());
        Future<DriveCounters> run = runInBackground(driver);

        await().atMost(Duration.ofSeconds(60)).until(() -> driver.counters().committed() >= 150);
        a.kill();
        long killedAtTs = sim.currentTs();
        long atKill = driver.counters().committed();
        await().atMost(Duration.ofSeconds(60)).until(() -> driver.counters().committed() >= atKill + 100);
        a.restart();
        a.awaitOnline(registry, Duration.ofSeconds(60));
        long restartedAtTs = sim.currentTs();
        long atRestart = driver.counters().committed();
        await().atMost(Duration.ofSeconds(60)).until(() -> driver.counters().committed() >= atRestart + 150
                || run.isDone());
        DriveCounters counters = run.get(180, TimeUnit.SECONDS);
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(120)), "TiDB delivered its commit binlogs");
        assertEquals(List.of(), counters.firstErrors(), "every transaction committed despite the killed pump");
        assertEquals(0, sim.pumps().counters().commitsGivenUp(), "no commit binlog was given up");

        List<Txn> expected;
        synchronized (committed) {
            expected = List.copyOf(committed);
        }
        long lastCommitTs = expected.get(expected.size() - 1).commitTs();
        Map<Long, Binlog> merged = new TreeMap<>();
        Map<String, List<Binlog>> streams = new TreeMap<>();
        for (PumpBridgeProcess pump : List.of(a, b)) {
            PumpStreamReader reader = closing(PumpStreamReader.pull(pump.address(), pd.clusterId(), 0));
            reader.awaitBeyond(lastCommitTs, Duration.ofSeconds(120));
            List<Binlog> stream = reader.received();
            streams.put(pump.nodeId(), stream);
            for (int i = 1; i < stream.size(); i++) {
                assertTrue(stream.get(i).getCommitTs() > stream.get(i - 1).getCommitTs(), pump.nodeId()
                        + " streams in strictly increasing commit_ts order, at #" + i + ": " + stream.get(i - 1)
                        .getCommitTs() + " then " + stream.get(i).getCommitTs());
            }
            for (Binlog binlog : stream) {
                if (binlog.getStartTs() == binlog.getCommitTs()) {
                    continue; // a fake binlog: the stream's watermark, not a transaction
                }
                Binlog other = merged.putIfAbsent(binlog.getCommitTs(), binlog);
                if (other != null) {
                    // A prewrite the killed pump had stored but not yet acknowledged was written again to the
                    // other pump; after its restart the killed pump resolves its copy through the MVCC API and
                    // writes the commit binlog itself, without the prewrite_key TiDB's own commit binlog keeps
                    // (tidb 2pc writeFinishBinlog reuses the prewrite's binlog). Drainers take either one.
                    assertEquals(withoutKey(other), withoutKey(binlog),
                            "a transaction on both pumps is the same binlog: " + binlog.getCommitTs());
                }
            }
        }
        // the scenario did what it says: the killed pump held transactions from before the kill and took new ones
        // after its restart, and it logged both starts to its log-file
        List<Binlog> fromA = streams.get("pump-a").stream().filter(x -> x.getStartTs() != x.getCommitTs()).toList();
        assertTrue(fromA.stream().anyMatch(x -> x.getCommitTs() < killedAtTs), "pump-a had data before the kill");
        assertTrue(fromA.stream().anyMatch(x -> x.getStartTs() > restartedAtTs), "pump-a took data after restart");
        String log = java.nio.file.Files.readString(a.logFile());
        assertEquals(2, log.lines().filter(l -> l.contains("pump-bridge pump-a is online")).count(), log);

        List<Binlog> joined = merged.values().stream().filter(x -> x.getCommitTs() <= lastCommitTs).toList();
        List<Txn> decoded = DecodedFromPumps.decode(joined, sim.statusUrl()).txns();
        assertEquals(expected.size(), decoded.size(), "transactions pulled vs committed");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), decoded.get(i), "transaction #" + i + " at commit_ts "
                    + expected.get(i).commitTs());
        }
    }

    private static Binlog withoutKey(Binlog b) {
        return b.toBuilder().clearPrewriteKey().build();
    }

    private static Future<DriveCounters> runInBackground(WorkloadDriver driver) {
        CompletableFuture<DriveCounters> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(driver.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "crash-workload");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
