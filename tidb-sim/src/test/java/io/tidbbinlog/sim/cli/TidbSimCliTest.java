package io.tidbbinlog.sim.cli;

import io.tidbbinlog.model.Txn;
import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.DecodedFromPumps;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.reference.JdbcTarget;
import io.tidbbinlog.sim.reference.ReferenceApplier;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import io.tidbbinlog.testservices.MariaDbExtension;
import io.tidbbinlog.testservices.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code tidb-sim} command line as a user runs it: {@code run} starts PD, waits for pumps, runs the workload
 * into the reference database; {@code verify} judges a replica against the reference, now and as of a commit_ts.
 */
@ExtendWith({EtcdExtension.class, MariaDbExtension.class})
class TidbSimCliTest {
    private static MariaDbServer downstream;
    private final EtcdServer etcd;
    private final MariaDbServer reference;

    TidbSimCliTest(EtcdServer etcd, MariaDbServer reference) {
        this.etcd = etcd;
        this.reference = reference;
    }

    @BeforeAll
    static void startDownstream() {
        downstream = MariaDbServer.launch();
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result execute(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runFailsLikeTidbWhenNoPumpIsRegistered() {
        Result r = execute(new TidbSimCommand(), "run", "--etcd-urls", etcd.clientUrl(), "--registry-root",
                "/cli-empty/v1", "--pd-port", "0", "--status-port", "0");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("no pump found in pd"), r.err());
    }

    @Test
    void badFlagsAreRefusedWithTheReason() {
        Result r = execute(new TidbSimCommand(), "run", "--etcd-urls", etcd.clientUrl(), "--rows-per-txn", "5-2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("maxRowsPerTxn (2) must not be below minRowsPerTxn (5)"), r.err());
        Result d = execute(new TidbSimCommand(), "run", "--etcd-urls", etcd.clientUrl(), "--duration", "ten");
        assertEquals(2, d.exitCode());
        assertTrue(d.err().contains("'ten' is not a duration"), d.err());
    }

    @Test
    void runFeedsTheReferenceAndVerifyJudgesReplicasNowAndAsOfACommitTs() throws Exception {
        int[] ports = FreePorts.pick(2);
        String root = "/cli-run/v1";
        RunCommand run = new RunCommand();
        AtomicReference<Result> runResult = new AtomicReference<>();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> runResult.set(execute(run,
                "--etcd-urls", etcd.clientUrl(), "--registry-root", root,
                "--pd-port", String.valueOf(ports[0]), "--status-port", String.valueOf(ports[1]),
                "--wait-for-pump", "60s", "--txns", "160", "--sessions", "2", "--ddl-every", "20",
                "--abort-ratio", "0.05", "--seed", "11", "--progress", "lines", "--keep-running",
                "--reference-url", reference.jdbcUrl(), "--reference-user", "root", "--reference-password=")));

        // Pumps start after PD, with PD's cluster id, as a deployment brings them up; TiDB was waiting for them.
        List<RecordingPumpServer> pumps = pumpsAfterPd(ports[0], etcd.clientUrl(), root, "cli-pump-1", "cli-pump-2");
        try {
            String statusUrl = "http://127.0.0.1:" + ports[1];
            // The run's final report means the workload ended and the reference caught up; it then keeps serving.
            await().atMost(120, TimeUnit.SECONDS).until(() -> runResult.get() != null || run.finishedWorkload());
            List<Txn> decoded = DecodedFromPumps.read(pumps, statusUrl).txns();
            run.requestStop();
            running.get(60, TimeUnit.SECONDS);
            Result r = runResult.get();
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("transactions"), r.out());
            assertTrue(r.out().contains("0 errors"), r.out());

            // A replica fed from the pumps' binlogs (a stand-in for a sink) matches the reference row by row.
            JdbcTarget down = new JdbcTarget(downstream.jdbcUrl(), "root", "");
            applyAll(down, decoded, Long.MAX_VALUE);
            Result equal = verify();
            assertEquals(0, equal.exitCode(), equal.out());

            // One lost row is found and shown.
            String table = firstNonEmptyTable();
            downstream.executeSql("DELETE FROM sim_main.`" + table + "` LIMIT 1");
            Result differs = verify();
            assertEquals(1, differs.exitCode(), differs.out());
            assertTrue(differs.out().contains(table), differs.out());

            // A replica cut at a commit_ts matches the reference as of that commit_ts, not the current one.
            long cut = decoded.get(decoded.size() / 2).commitTs();
            resetDownstream();
            applyAll(down, decoded, cut);
            assertEquals(0, verify("--as-of", String.valueOf(cut)).exitCode());
            assertEquals(1, verify().exitCode());
        } finally {
            run.requestStop();
            for (RecordingPumpServer p : pumps) {
                p.close();
            }
        }
    }

    /**
     * Waits until PD answers on {@code pdPort}, then starts recording pumps with its cluster id and registers them
     * online under {@code root}, as pumps join a cluster whose PD is up.
     */
    static List<RecordingPumpServer> pumpsAfterPd(int pdPort, String etcdUrl, String root, String... nodeIds) {
        long clusterId = await().atMost(30, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> {
                    try (PdClient pd = PdClient.connect("http://127.0.0.1:" + pdPort)) {
                        return pd.clusterId();
                    }
                }, id -> id != 0);
        List<RecordingPumpServer> pumps = new ArrayList<>();
        try (NodeRegistry registry = NodeRegistry.connect(RegistryConfig.of(etcdUrl).withRootPath(root))) {
            for (String id : nodeIds) {
                RecordingPumpServer p = RecordingPumpServer.start(id, clusterId);
                pumps.add(p);
                p.registerIn(registry);
            }
        }
        return pumps;
    }

    private Result verify(String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--reference-url", reference.jdbcUrl(),
                "--reference-password=", "--downstream-url", downstream.jdbcUrl(), "--downstream-password="));
        args.addAll(List.of(extra));
        return execute(new TidbSimCommand(), args.toArray(String[]::new));
    }

    private static void applyAll(JdbcTarget target, List<Txn> txns, long upToCommitTs) {
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            for (Txn t : txns) {
                if (t.commitTs() <= upToCommitTs) {
                    applier.committed(t);
                }
            }
        }
    }

    private static String firstNonEmptyTable() {
        for (String t : List.of("narrow", "all_types_int_pk", "all_types_clustered")) {
            String count = downstream.executeSql("SELECT COUNT(*) AS n FROM sim_main.`" + t + "`").lines()
                    .reduce((a, b) -> b).orElseThrow().trim();
            if (!count.equals("0")) {
                return t;
            }
        }
        throw new AssertionError("the workload left every sim_main table empty");
    }

    private static void resetDownstream() {
        String dbs = downstream.executeSql("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME "
                + "NOT IN ('mysql','information_schema','performance_schema','sys')");
        for (String db : dbs.lines().map(String::trim).filter(s -> !s.isEmpty() && !s.equals("SCHEMA_NAME"))
                .toList()) {
            downstream.executeSql("DROP DATABASE `" + db + "`");
        }
    }
}
