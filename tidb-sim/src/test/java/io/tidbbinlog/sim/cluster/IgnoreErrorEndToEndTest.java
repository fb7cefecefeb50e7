package io.tidbbinlog.sim.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.pumpclient.SkippingOnErrorWriter;
import io.tidbbinlog.sim.txn.CommitResult;
import io.tidbbinlog.sim.txn.Session;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TiDB's {@code binlog.ignore-error} at cluster level (sessionctx/binloginfo {@code WriteBinlog}): with it on, a
 * prewrite binlog no pump takes is swallowed and TiDB stops writing binlogs ("skipping") while transactions go on
 * committing, until {@code GET /binlog/recover} (tikv_handler.go BinlogRecover) turns writing back on. With it off,
 * the failed prewrite binlog fails the transaction.
 */
@ExtendWith(EtcdExtension.class)
class IgnoreErrorEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final EtcdServer etcd;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    IgnoreErrorEndToEndTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void withIgnoreErrorTransactionsCommitWithoutBinlogsUntilRecoverTurnsWritingBackOn() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "ignore-error"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry())
                .withPumpClient("range", Duration.ofMillis(300), true)
                .withRetryTimings(Duration.ofSeconds(30), Duration.ofMillis(200));
        var pd = SimCluster.startPd(config);
        RecordingPumpServer pump = pumps.start("pump-a", pd.clusterId());
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of(committed)));
        createStandardSchema(sim);
        SkippingOnErrorWriter ignoreError = sim.ignoreErrorSwitch();
        assertNotNull(ignoreError, "ignore-error on gives the cluster its switch");
        StatusApiClient api = new StatusApiClient(sim.statusUrl());

        try (Session s = sim.engine().openSession(UTC)) {
            CommitResult written = insertNarrow(s, 1);
            awaitFinishBinlog(pump, written.startTs());
            assertEquals(recoverStatus(false, 0), json(api.get("/binlog/recover?op=status")));

            // every pump down: the prewrite binlog fails, the error is swallowed, the transaction commits
            pump.stop();
            CommitResult firstSkipped = insertNarrow(s, 2);
            assertTrue(firstSkipped.commitTs() > firstSkipped.startTs(), "committed despite no pump");
            assertTrue(ignoreError.isSkipping(), "binlog writing switched to skipping");
            assertEquals(1, ignoreError.criticalErrors(), "the swallowed failure is a critical error");
            assertEquals(1, sim.pumps().counters().prewritesFailed());

            // skipping: nothing is even attempted, each skipped prewrite binlog is another critical error
            CommitResult secondSkipped = insertNarrow(s, 3);
            assertEquals(2, ignoreError.criticalErrors());
            pump.restart();
            CommitResult thirdSkipped = insertNarrow(s, 4);
            assertEquals(3, ignoreError.criticalErrors(), "still skipping with the pump back");
            assertEquals(recoverStatus(true, 0), json(api.get("/binlog/recover?op=status")),
                    "skipping, and no transaction that skipped its binlog is still committing");

            // the default op turns writing on and waits (here: one 500 ms tick) for skipped committers to end
            assertEquals(recoverStatus(false, 0), json(api.get("/binlog/recover?seconds=5")));
            assertFalse(ignoreError.isSkipping());

            CommitResult writtenAgain = insertNarrow(s, 5);
            awaitFinishBinlog(pump, writtenAgain.startTs());
            assertEquals(3, ignoreError.criticalErrors(), "nothing skipped after recovery");

            assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)));
            Set<Long> skipped = Set.of(firstSkipped.startTs(), secondSkipped.startTs(), thirdSkipped.startTs());
            for (Binlog b : pump.binlogs()) {
                assertFalse(skipped.contains(b.getStartTs()), "no binlog of a skipped transaction reached the pump: "
                        + b.getTp() + " of start_ts " + b.getStartTs());
            }
            assertEquals(5, sim.engine().rowCount(WorkloadTables.MAIN_DB, WorkloadTables.NARROW),
                    "the skipped transactions did commit");

            // what the pump got decodes to exactly the committed transactions minus the skipped ones
            List<Txn> expected = committed.all().stream().filter(t -> !skipped.contains(t.startTs())).toList();
            assertEquals(committed.all().size() - 3, expected.size());
            List<Binlog> joined = PumpJoin.join(pumps.all(), new MvccResolver(sim.statusUrl())).joined();
            assertEquals(expected, DecodedFromPumps.decode(joined, sim.statusUrl()).txns());
        }
    }

    @Test
    void recoverWithoutWaitAndResetAnswerTheStateAtOnce() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "ignore-error"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry())
                .withPumpClient("range", Duration.ofMillis(300), true);
        var pd = SimCluster.startPd(config);
        RecordingPumpServer pump = pumps.start("pump-a", pd.clusterId());
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of()));
        createStandardSchema(sim);
        StatusApiClient api = new StatusApiClient(sim.statusUrl());

        pump.stop();
        try (Session s = sim.engine().openSession(UTC)) {
            insertNarrow(s, 1);
        }
        assertTrue(sim.ignoreErrorSwitch().isSkipping());
        assertEquals(recoverStatus(true, 0), json(api.get("/binlog/recover?op=reset")), "reset leaves skipping on");
        assertEquals(recoverStatus(false, 0), json(api.get("/binlog/recover?op=nowait")));
        assertFalse(sim.ignoreErrorSwitch().isSkipping());
    }

    @Test
    void withoutIgnoreErrorAFailedPrewriteBinlogFailsTheTransaction() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "no-ignore-error"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry())
                .withPumpClient("range", Duration.ofMillis(300), false);
        var pd = SimCluster.startPd(config);
        RecordingPumpServer pump = pumps.start("pump-a", pd.clusterId());
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of(committed)));
        assertNull(sim.ignoreErrorSwitch(), "no switch without ignore-error");

        WorkloadSpec spec = new WorkloadSpec(7, 1, 0, 1, 3, new StatementMix(1, 0, 0, 0), 0, 0, 0, 0, 0, null, 3,
                List.of(UTC));
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard());
        driver.createSchema(WorkloadTables.standard());
        int schemaTxns = committed.all().size();

        pump.stop();
        DriveCounters counters = driver.run();

        assertEquals(0, counters.committed());
        assertEquals(3, counters.errors(), "each transaction failed at its commit: " + counters.firstErrors());
        for (String error : counters.firstErrors()) {
            assertTrue(error.matches("commit of start_ts \\d+ failed: transaction start_ts \\d+: prewrite binlog not written: write binlog "
                    + "failed, the last error .*"), error);
        }
        assertEquals(schemaTxns, committed.all().size(), "nothing committed after the pump went away");
        assertEquals(3, sim.pumps().counters().prewritesFailed());
        assertEquals(recoverStatus(false, 0), json(new StatusApiClient(sim.statusUrl())
                .get("/binlog/recover?op=status")), "a TiDB without ignore-error never skips");
    }

    private static void createStandardSchema(SimCluster sim) throws Exception {
        WorkloadSpec spec = new WorkloadSpec(1, 1, 0, 1, 1, StatementMix.defaults(), 0, 0, 0, 0, 0, null, 1,
                List.of(UTC));
        new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard())
                .createSchema(WorkloadTables.standard());
    }

    private static CommitResult insertNarrow(Session s, long id) throws Exception {
        s.begin();
        s.insert(WorkloadTables.MAIN_DB, WorkloadTables.NARROW, Map.of("id", id, "v", id * 10, "s", "row " + id));
        return s.commit();
    }

    private static void awaitFinishBinlog(RecordingPumpServer pump, long startTs) {
        await().atMost(Duration.ofSeconds(20)).until(() -> pump.binlogs(BinlogType.Commit).stream()
                .anyMatch(b -> b.getStartTs() == startTs));
    }

    private static JsonNode recoverStatus(boolean skipped, int skippedCommitters) {
        return JSON.createObjectNode().put("Skipped", skipped).put("SkippedCommitterCounter", skippedCommitters);
    }

    private static JsonNode json(byte[] body) throws Exception {
        return JSON.readTree(body);
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
