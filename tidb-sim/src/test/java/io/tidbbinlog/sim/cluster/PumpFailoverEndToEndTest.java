package io.tidbbinlog.sim.cluster;

import io.grpc.Status;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pumpclient.BinlogWriter;
import io.tidbbinlog.sim.pumpclient.PumpWriteException;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer.ReceivedWrite;
import io.tidbbinlog.sim.status.TidbStatusConfig;
import io.tidbbinlog.sim.status.TidbStatusServer;
import io.tidbbinlog.sim.txn.CommitResult;
import io.tidbbinlog.sim.txn.InjectedAbortException;
import io.tidbbinlog.sim.txn.Session;
import io.tidbbinlog.sim.txn.TxnEngine;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pump going away under a running workload (TiDB's pump client, pump_client/client.go, spec §5.4): prewrite
 * binlogs fail over to the other pumps and every transaction still commits; commit binlogs of prewrites the dead
 * pump took are retried to that pump only and land once it is back. When it stays away past the commit-binlog
 * timeout, TiDB gives those up and Pump resolves the prewrites left alone through TiDB's MVCC status API
 * (pump/storage/storage.go {@code resolve}), which {@link MvccResolver} does here over HTTP. Either way, what the
 * pumps hold (plus the resolved ones) decodes to exactly what the engine committed.
 */
@ExtendWith(EtcdExtension.class)
class PumpFailoverEndToEndTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** How long the pump to be killed holds its answers while the test catches prewrites in flight. */
    private static final Duration CATCH_WINDOW = Duration.ofSeconds(1);
    private final EtcdServer etcd;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    PumpFailoverEndToEndTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aPumpStoppedAndRestartedMidRunLosesNothing() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "failover"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry())
                .withRetryTimings(Duration.ofSeconds(60), Duration.ofMillis(200));
        var pd = SimCluster.startPd(config);
        RecordingPumpServer a = pumps.start("pump-a", pd.clusterId());
        RecordingPumpServer b = pumps.start("pump-b", pd.clusterId());
        RecordingPumpServer c = pumps.start("pump-c", pd.clusterId());
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of(committed)));

        WorkloadDriver driver = driver(sim, 20261121, 0, 300);
        Future<DriveCounters> run = runInBackground(driver);
        awaitCommitted(driver, 20);

        Set<Long> caught = killAfterPrewritesInFlight(b);
        b.stop();
        long committedWhenStopped = driver.counters().committed();
        awaitCommitted(driver, committedWhenStopped + 40);
        assertFalse(b.isRunning());

        b.failNext(0, Status.OK);
        b.restart();
        DriveCounters counters = run.get(60, TimeUnit.SECONDS);
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)), "commit binlogs drained");

        assertEquals(List.of(), counters.firstErrors(), "every transaction committed despite the dead pump");
        assertEquals(0, sim.pumps().counters().prewritesFailed());
        assertTrue(sim.pumps().counters().pumpSwitches() > 0, "prewrites failed over: " + sim.pumps().counters());
        assertEquals(0, sim.pumps().counters().commitsGivenUp());

        // the commit binlogs refused while the pump was down were retried to it and landed after its restart
        Set<Long> retried = refusedFinishBinlogs(b);
        assertFalse(retried.isEmpty(), "some commit binlog had to wait for its pump");
        assertFalse(caught.isEmpty());
        assertTrue(retried.containsAll(caught), "the caught prewrites' commit binlogs were refused: " + caught);
        Set<Long> landed = b.binlogs().stream().filter(x -> x.getTp() != BinlogType.Prewrite)
                .map(Binlog::getStartTs).collect(Collectors.toSet());
        assertTrue(landed.containsAll(retried), "retried " + retried + ", landed on the restarted pump " + landed);
        assertTrue(a.binlogs(BinlogType.Prewrite).size() + c.binlogs(BinlogType.Prewrite).size() > 0);

        PumpJoin.Result join = PumpJoin.join(pumps.all(), new MvccResolver(sim.statusUrl()));
        assertEquals(List.of(), join.resolvedCommitted(), "no prewrite needed the MVCC API");
        assertEquals(List.of(), join.resolvedRolledBack());
        assertDecodesToCommitted(sim, join, committed, counters);
    }

    @Test
    void aPumpGoneBeyondTheCommitTimeoutLeavesPrewritesThatTheMvccApiResolves() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "failover-gone"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry())
                .withRetryTimings(Duration.ofSeconds(2), Duration.ofMillis(200));
        var pd = SimCluster.startPd(config);
        pumps.start("pump-a", pd.clusterId());
        RecordingPumpServer b = pumps.start("pump-b", pd.clusterId());
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of(committed)));

        WorkloadDriver driver = driver(sim, 20261122, 0.1, 240);
        Future<DriveCounters> run = runInBackground(driver);
        awaitCommitted(driver, 20);

        Set<Long> caught = killAfterPrewritesInFlight(b);
        b.stop();
        DriveCounters counters = run.get(60, TimeUnit.SECONDS);
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)), "commit binlogs given up");

        assertEquals(List.of(), counters.firstErrors(), "every transaction committed despite the dead pump");
        assertTrue(counters.aborted() > 0, "some transactions rolled back");
        Set<Long> givenUp = refusedFinishBinlogs(b);
        assertTrue(givenUp.containsAll(caught), "the caught transactions' commit binlogs were refused");
        assertEquals(givenUp.size(), sim.pumps().counters().commitsGivenUp(),
                "TiDB gave up each of them after the commit timeout");

        PumpJoin.Result join = PumpJoin.join(pumps.all(), new MvccResolver(sim.statusUrl()));
        Set<Long> resolved = new HashSet<>(join.resolvedCommitted());
        resolved.addAll(join.resolvedRolledBack());
        assertEquals(givenUp, resolved, "exactly the prewrites left alone needed the MVCC API");
        assertFalse(join.resolvedCommitted().isEmpty(), "some of them had committed");
        assertDecodesToCommitted(sim, join, committed, counters);
    }

    /**
     * TiKV's view while a transaction is between its prewrite binlog and its commit: the primary key is locked by
     * it, so Pump cannot resolve it yet; after the commit the write is there with the commit_ts, and after an
     * abort a Rollback write.
     */
    @Test
    void aTransactionWhosePrewriteBinlogIsWrittenButNotCommittedAnswersLocked() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "locked"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry());
        var pd = SimCluster.startPd(config);
        RecordingPumpServer pump = pumps.start("pump-a", pd.clusterId());
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of()));
        driver(sim, 1, 0, 1).createSchema(WorkloadTables.standard());

        // a second TiDB over the same catalog and pumps whose commits pause after the prewrite binlog
        PausingWriter pausing = new PausingWriter(sim.pumps());
        TxnEngine engine = closing(new TxnEngine(sim.catalog(), sim::currentTs, pausing, List.of(),
                TxnEngine.Options.defaults()));
        TidbStatusServer status = closing(TidbStatusServer.start(TidbStatusConfig.loopback(), sim.catalog(),
                engine.mvcc()));
        MvccResolver resolver = new MvccResolver(status.url());

        try (Session s = engine.openSession(UTC)) {
            s.begin();
            s.insert(WorkloadTables.MAIN_DB, WorkloadTables.NARROW, Map.of("id", 1L, "v", 10L));
            CompletableFuture<CommitResult> commit = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Binlog prewrite = pausing.awaitPrewrite();
            assertTrue(pump.binlogs(BinlogType.Prewrite).contains(prewrite), "the pump took the prewrite binlog");
            byte[] key = prewrite.getPrewriteKey().toByteArray();
            assertEquals(new MvccResolver.Locked(prewrite.getStartTs()), resolver.resolve(key,
                    prewrite.getStartTs()));

            pausing.release();
            CommitResult done = commit.get(20, TimeUnit.SECONDS);
            assertEquals(new MvccResolver.Committed(done.commitTs()), resolver.resolve(key, done.startTs()));
        }

        // released: the writer passes everything through from now on
        try (Session s = engine.openSession(UTC)) {
            long startTs = s.begin();
            s.insert(WorkloadTables.MAIN_DB, WorkloadTables.NARROW, Map.of("id", 2L, "v", 20L));
            assertThrows(InjectedAbortException.class, s::commitThenAbort);
            Binlog prewrite = pump.binlogs(BinlogType.Prewrite).stream().filter(x -> x.getStartTs() == startTs)
                    .findFirst().orElseThrow();
            assertInstanceOf(MvccResolver.RolledBack.class, resolver.resolve(prewrite.getPrewriteKey().toByteArray(),
                    startTs));
        }
    }

    // ---- the scenario's moves ----

    /**
     * Lets {@code pump} hold its answers for a moment, waits until it has taken a prewrite binlog it has not
     * acknowledged yet, then makes it refuse everything from then on: the prewrites it already took are
     * acknowledged, so their commit binlogs must go to this pump and find it refusing. Returns when every
     * prewrite it took has had its commit or rollback binlog attempted (none of its answers is in flight), with
     * the start_ts of the prewrites it took in that window.
     */
    private static Set<Long> killAfterPrewritesInFlight(RecordingPumpServer pump) {
        Set<Long> before = startTsOf(pump.binlogs(BinlogType.Prewrite));
        pump.setDelay(CATCH_WINDOW);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> !before.containsAll(startTsOf(pump.binlogs(BinlogType.Prewrite))));
        pump.failNext(Integer.MAX_VALUE, Status.UNAVAILABLE.withDescription("pump is going down"));
        pump.setDelay(Duration.ZERO);
        Set<Long> caught = startTsOf(pump.binlogs(BinlogType.Prewrite));
        caught.removeAll(before);
        await().atMost(Duration.ofSeconds(20)).until(() -> finishAttempted(pump)
                .containsAll(startTsOf(pump.binlogs(BinlogType.Prewrite))));
        return caught;
    }

    private static Set<Long> finishAttempted(RecordingPumpServer pump) {
        return pump.writes().stream().filter(w -> w.binlog() != null && w.binlog().getTp() != BinlogType.Prewrite)
                .map(w -> w.binlog().getStartTs()).collect(Collectors.toSet());
    }

    /** start_ts of the commit/rollback binlogs {@code pump} refused at least once. */
    private static Set<Long> refusedFinishBinlogs(RecordingPumpServer pump) {
        return pump.writes().stream().filter(w -> !w.accepted() && isFinish(w))
                .map(w -> w.binlog().getStartTs()).collect(Collectors.toSet());
    }

    private static boolean isFinish(ReceivedWrite w) {
        return w.binlog() != null && !w.isProbe() && w.binlog().getTp() != BinlogType.Prewrite;
    }

    private static Set<Long> startTsOf(List<Binlog> binlogs) {
        return binlogs.stream().map(Binlog::getStartTs).collect(Collectors.toCollection(HashSet::new));
    }

    private static void assertDecodesToCommitted(SimCluster sim, PumpJoin.Result join, CommittedTxns committed,
                                                 DriveCounters counters) throws Exception {
        List<Txn> decoded = DecodedFromPumps.decode(join.joined(), sim.statusUrl()).txns();
        List<Txn> expected = committed.all();
        assertEquals(counters.committed() + counters.ddls(), expected.size(), "the driver's count (schema included)");
        assertEquals(expected.size(), decoded.size(), "transactions");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), decoded.get(i), "transaction #" + i + " at commit_ts "
                    + expected.get(i).commitTs());
        }
    }

    private static WorkloadDriver driver(SimCluster sim, long seed, double abortProbability, long txns)
            throws Exception {
        WorkloadSpec spec = new WorkloadSpec(seed, 2, 60, 1, 4, StatementMix.defaults(), 0.3, 40,
                abortProbability, 0, 0, null, txns, List.of(UTC, ZoneId.of("Asia/Shanghai")));
        return new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard());
    }

    private static Future<DriveCounters> runInBackground(WorkloadDriver driver) throws Exception {
        driver.createSchema(WorkloadTables.standard());
        CompletableFuture<DriveCounters> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(driver.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "failover-workload");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static void awaitCommitted(WorkloadDriver driver, long n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.counters().committed() >= n);
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    /**
     * Passes binlogs to the pumps; the first prewrite binlog, once a pump acknowledged it, holds its transaction
     * until {@link #release()}: the moment between TiDB's prewrite binlog and its TiKV commit.
     */
    private static final class PausingWriter implements BinlogWriter {
        private final BinlogWriter pumps;
        private final CompletableFuture<Binlog> written = new CompletableFuture<>();
        private final CountDownLatch released = new CountDownLatch(1);

        PausingWriter(BinlogWriter pumps) {
            this.pumps = pumps;
        }

        @Override
        public void writePrewrite(Binlog prewrite) throws PumpWriteException {
            pumps.writePrewrite(prewrite);
            if (written.complete(prewrite)) {
                try {
                    if (!released.await(30, TimeUnit.SECONDS)) {
                        throw new PumpWriteException("test never released start_ts " + prewrite.getStartTs());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PumpWriteException("interrupted", e);
                }
            }
        }

        @Override
        public CompletableFuture<Void> writeCommit(Binlog commitOrRollback) {
            return pumps.writeCommit(commitOrRollback);
        }

        Binlog awaitPrewrite() throws InterruptedException, ExecutionException, TimeoutException {
            return written.get(20, TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }
    }
}
