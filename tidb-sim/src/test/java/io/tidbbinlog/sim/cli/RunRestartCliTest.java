package io.tidbbinlog.sim.cli;

import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import io.tidbbinlog.testservices.MariaDbExtension;
import io.tidbbinlog.testservices.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tidb-sim run} twice on one {@code --data-dir}: the second run continues the cluster the first one left. */
@ExtendWith({EtcdExtension.class, MariaDbExtension.class})
class RunRestartCliTest {
    private final EtcdServer etcd;
    private final MariaDbServer reference;

    @TempDir
    Path dataDir;

    RunRestartCliTest(EtcdServer etcd, MariaDbServer reference) {
        this.etcd = etcd;
        this.reference = reference;
    }

    @Test
    void aSecondRunOnTheSameDataDirContinuesAgainstTheSamePumpsAndReference() throws Exception {
        int[] ports = FreePorts.pick(2);
        String root = "/cli-restart/v1";
        CompletableFuture<TidbSimCliTest.Result> firstRun = CompletableFuture.supplyAsync(() -> run(
                String.valueOf(ports[0]), String.valueOf(ports[1]), "--wait-for-pump", "60s"));
        List<RecordingPumpServer> pumps = TidbSimCliTest.pumpsAfterPd(ports[0], etcd.clientUrl(), root,
                "restart-cli-pump-1", "restart-cli-pump-2");
        long clusterId = pumps.get(0).clusterId();
        try {
            TidbSimCliTest.Result first = firstRun.get(120, TimeUnit.SECONDS);
            assertEquals(0, first.exitCode(), first.out() + first.err());
            assertTrue(Files.exists(dataDir.resolve("tidb/catalog.json")));

            // Other ports this time: what carries over is the data dir, and the pumps registered in etcd.
            TidbSimCliTest.Result second = run("0", "0");
            assertEquals(0, second.exitCode(), second.out() + second.err());
            assertTrue(second.out().contains("cluster id " + clusterId), second.out());
            assertTrue(second.out().contains(" 0 errors"), second.out());
            assertTrue(second.out().contains("reference applied up to commit_ts"), second.out());
        } finally {
            for (RecordingPumpServer p : pumps) {
                p.close();
            }
        }
    }

    @Test
    void aDataDirOfAnotherClusterIsRefusedNamingTheFile() throws Exception {
        Files.createDirectories(dataDir.resolve("tidb"));
        Files.writeString(dataDir.resolve("tidb/cluster-id"), "12345\n");
        // PD makes a new cluster id for the empty pd/ dir; a pump of that cluster lets TiDB get as far as its meta.
        int[] ports = FreePorts.pick(1);
        String root = "/cli-foreign/v1";
        CompletableFuture<TidbSimCliTest.Result> run = CompletableFuture.supplyAsync(() -> execute(root,
                String.valueOf(ports[0]), "0", "--wait-for-pump", "60s"));
        List<RecordingPumpServer> pumps = TidbSimCliTest.pumpsAfterPd(ports[0], etcd.clientUrl(), root,
                "foreign-pump");
        try {
            TidbSimCliTest.Result r = run.get(60, TimeUnit.SECONDS);
            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().startsWith("tidb-sim: TiDB data file "), r.err());
            assertTrue(r.err().contains(dataDir.resolve("tidb/cluster-id").toAbsolutePath().toString())
                    && r.err().contains("belongs to PD cluster 12345"), r.err());
        } finally {
            pumps.forEach(RecordingPumpServer::close);
        }
    }

    private TidbSimCliTest.Result run(String pdPort, String statusPort, String... extra) {
        return execute("/cli-restart/v1", pdPort, statusPort, extra);
    }

    private TidbSimCliTest.Result execute(String root, String pdPort, String statusPort, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--etcd-urls", etcd.clientUrl(), "--registry-root", root,
                "--data-dir", dataDir.toString(), "--pd-port", pdPort, "--status-port", statusPort,
                "--txns", "60", "--sessions", "2", "--ddl-every", "8", "--abort-ratio", "0.05", "--seed", "9",
                "--progress", "off", "--reference-url", reference.jdbcUrl(), "--reference-user", "root",
                "--reference-password="));
        args.addAll(List.of(extra));
        return TidbSimCliTest.execute(new TidbSimCommand(), args.toArray(String[]::new));
    }
}
