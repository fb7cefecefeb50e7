package io.tidbbinlog.sim.pumpclient;

import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.CLUSTER_ID;
import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.commit;
import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.prewrite;
import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.rollback;
import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.startTsOf;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TiDB's pump client behaviour (pingcap/tidb pkg/tidb-binlog/pump_client/{client,pump,selector}.go, same code as
 * tidb-tools tidb-binlog/pump_client; spec §5.4) against real pump gRPC servers and a real etcd registry.
 */
@ExtendWith(EtcdExtension.class)
class PumpsClientTest {

    private final EtcdServer etcd;
    private PumpClientFixture fx;

    PumpsClientTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void setUp() {
        fx = new PumpClientFixture(etcd);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    // ---- start-up ----

    @Test
    void startFailsWhenTheRegistryHasNoPumpKeyAtAll() {
        // NewPumpsClient: len(Pumps) == 0 -> "no pump found in pd"
        NoPumpFoundException e = assertThrows(NoPumpFoundException.class, () -> fx.start());
        assertTrue(e.getMessage().startsWith("no pump found in pd"), e.getMessage());
        assertTrue(e.getMessage().contains(fx.registryConfig.rootPath() + "/pumps/"), e.getMessage());
    }

    @Test
    void aRegistryWithOnlyPausedPumpsStartsButEveryPrewriteFails() {
        RecordingPumpServer paused = fx.onlinePump("pump-paused");
        paused.registerIn(fx.registry, NodeState.PAUSED);
        PumpsClient client = fx.start();

        assertEquals(Set.of("pump-paused"), client.knownPumpIds());
        assertEquals(Set.of(), client.availablePumpIds());
        // no pump selectable (ErrNoAvaliablePump), and the last-chance pass skips pumps that are not online
        PumpWriteException e = assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(10)));
        assertEquals("write binlog failed, the last error no available pump to write binlog", e.getMessage());
        assertEquals(List.of(), paused.writes());
    }

    @Test
    void onlyOnlinePumpsReceivePrewrites() {
        RecordingPumpServer online = fx.onlinePump("pump-a");
        RecordingPumpServer paused = fx.onlinePump("pump-b");
        paused.registerIn(fx.registry, NodeState.PAUSED);
        RecordingPumpServer offline = fx.onlinePump("pump-c");
        offline.registerIn(fx.registry, NodeState.OFFLINE);
        PumpsClient client = fx.start();

        assertEquals(Set.of("pump-a"), client.availablePumpIds());
        for (long ts = 1; ts <= 6; ts++) {
            assertPrewriteSucceeds(client, ts);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), startTsOf(online.binlogs()));
        assertEquals(List.of(), paused.writes());
        assertEquals(List.of(), offline.writes());
    }

    // ---- selection ----

    @Test
    void rangeStrategyWalksTheAvailablePumpsRoundRobin() {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        RecordingPumpServer p3 = fx.onlinePump("pump-3");
        PumpsClient client = fx.start(fx.config().withStrategy("range"));

        long[] startTs = {907, 13, 500, 2, 77, 41};
        for (long ts : startTs) {
            assertPrewriteSucceeds(client, ts);
        }
        // the cursor ignores start_ts: the n-th prewrite goes to pump n % 3 (pumps ordered by node id)
        assertEquals(List.of(907L, 2L), startTsOf(p1.binlogs()));
        assertEquals(List.of(13L, 77L), startTsOf(p2.binlogs()));
        assertEquals(List.of(500L, 41L), startTsOf(p3.binlogs()));
        assertEquals(6, client.counters().prewritesWritten());
    }

    @Test
    void hashStrategyPicksStartTsModuloTheNumberOfPumps() {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        RecordingPumpServer p3 = fx.onlinePump("pump-3");
        PumpsClient client = fx.start(fx.config().withStrategy(SelectionStrategy.HASH));

        for (long ts : new long[] {30, 31, 35, 33, 34, 432_000_000_000_000_002L}) {
            assertPrewriteSucceeds(client, ts);
        }
        assertEquals(List.of(30L, 33L), startTsOf(p1.binlogs()));
        assertEquals(List.of(31L, 34L), startTsOf(p2.binlogs()));
        assertEquals(List.of(35L, 432_000_000_000_000_002L), startTsOf(p3.binlogs()));
    }

    @Test
    void anUnknownStrategyFallsBackToRange() {
        assertEquals(SelectionStrategy.RANGE, SelectionStrategy.fromConfig("score"));
        assertEquals(SelectionStrategy.RANGE, SelectionStrategy.fromConfig(null));
        assertEquals(SelectionStrategy.HASH, SelectionStrategy.fromConfig("hash"));
    }

    // ---- commit / rollback ----

    @Test
    void commitAndRollbackBinlogsGoToThePumpThatTookThePrewrite() throws Exception {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        RecordingPumpServer p3 = fx.onlinePump("pump-3");
        PumpsClient client = fx.start();

        assertPrewriteSucceeds(client, 100); // pump-1
        assertPrewriteSucceeds(client, 200); // pump-2
        assertPrewriteSucceeds(client, 300); // pump-3
        assertEquals(3, client.prewritesAwaitingCommit());
        client.writeCommit(commit(300, 301)).get(10, SECONDS);
        client.writeCommit(rollback(100)).get(10, SECONDS);
        client.writeCommit(commit(200, 202)).get(10, SECONDS);

        assertEquals(List.of(prewrite(100), rollback(100)), p1.binlogs());
        assertEquals(List.of(prewrite(200), commit(200, 202)), p2.binlogs());
        assertEquals(List.of(prewrite(300), commit(300, 301)), p3.binlogs());
        assertEquals(0, client.prewritesAwaitingCommit());
        assertEquals(0, client.pendingCommits());
        assertEquals(2, client.counters().commitsWritten());
        assertEquals(1, client.counters().rollbacksWritten());
    }

    @Test
    void everyRequestCarriesTheClusterId() throws Exception {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start();
        assertPrewriteSucceeds(client, 5);
        client.writeCommit(commit(5, 6)).get(10, SECONDS);

        assertEquals(2, pump.writes().size());
        assertTrue(pump.writes().stream().allMatch(w -> w.clusterId() == CLUSTER_ID));
    }

    @Test
    void aPumpOfAnotherClusterRejectsEveryBinlog() {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start(new PumpClientConfig(fx.registryConfig, CLUSTER_ID + 1, SelectionStrategy.RANGE,
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(10),
                Duration.ofMillis(50), 10, null, 100));

        PumpWriteException e = assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(5)));
        assertEquals("write binlog failed, the last error rpc error: code = Unknown desc = cluster ID are mismatch, "
                + (CLUSTER_ID + 1) + " vs " + CLUSTER_ID, e.getMessage());
        assertEquals(List.of(), pump.binlogs());
    }

    @Test
    void commitIsRetriedOnItsPumpUntilThePumpIsBack() throws Exception {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        PumpsClient client = fx.start(fx.config().withCommitBinlogTimeout(Duration.ofMinutes(1)));
        assertPrewriteSucceeds(client, 10); // pump-1

        p1.stop();
        CompletableFuture<Void> done = client.writeCommit(commit(10, 11));
        await().atMost(10, SECONDS).until(() -> client.counters().failedCalls() >= 3);
        assertFalse(done.isDone());
        assertEquals(1, client.pendingCommits());

        p1.restart();
        done.get(10, SECONDS);
        assertEquals(List.of(prewrite(10), commit(10, 11)), p1.binlogs());
        assertEquals(List.of(), p2.writes(), "a commit binlog never moves to another pump");
        assertEquals(0, client.pendingCommits());
    }

    @Test
    void commitsInFlightAreCountedAndBounded() throws Exception {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start(fx.config().withMaxPendingCommits(1)
                .withCommitBinlogTimeout(Duration.ofMinutes(1)));
        assertPrewriteSucceeds(client, 10);
        assertPrewriteSucceeds(client, 20);
        pump.stop();

        CompletableFuture<Void> first = client.writeCommit(commit(10, 11));
        assertEquals(1, client.pendingCommits());
        CompletableFuture<CompletableFuture<Void>> second = CompletableFuture.supplyAsync(
                () -> client.writeCommit(commit(20, 21)));
        await().during(300, MILLISECONDS).atMost(5, SECONDS).until(() -> !second.isDone());

        pump.restart();
        first.get(10, SECONDS);
        second.get(10, SECONDS).get(10, SECONDS);
        assertEquals(0, client.pendingCommits());
        assertEquals(List.of(prewrite(10), prewrite(20), commit(10, 11), commit(20, 21)), pump.binlogs());
    }

    @Test
    void concurrentTransactionsKeepEachCommitWithItsPrewrite() throws Exception {
        List<RecordingPumpServer> pumps = List.of(fx.onlinePump("pump-1"), fx.onlinePump("pump-2"),
                fx.onlinePump("pump-3"));
        PumpsClient client = fx.start();
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long base = 1_000L * (t + 1);
                done.add(pool.submit(() -> {
                    for (long ts = base; ts < base + perThread; ts++) {
                        assertPrewriteSucceeds(client, ts);
                        client.writeCommit(commit(ts, ts + 500)).join();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int total = 0;
        for (RecordingPumpServer pump : pumps) {
            List<Long> prewrites = startTsOf(pump.binlogs(BinlogType.Prewrite));
            List<Long> commits = startTsOf(pump.binlogs(BinlogType.Commit));
            assertEquals(Set.copyOf(prewrites), Set.copyOf(commits), pump.nodeId());
            total += prewrites.size();
        }
        assertEquals(threads * perThread, total);
        assertEquals(threads * perThread, client.counters().commitsWritten());
        assertEquals(0, client.prewritesAwaitingCommit());
    }

    @Test
    void commitGivesUpAfterTheCommitTimeout() {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start(fx.config().withCommitBinlogTimeout(Duration.ofMillis(300)));
        assertPrewriteSucceeds(client, 10);
        pump.stop();

        CompletableFuture<Void> done = client.writeCommit(commit(10, 11));
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(10, SECONDS));
        assertInstanceOf(PumpWriteException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("gave up after PT0.3S, the last error rpc error: code = "
                + "Unavailable"), e.getCause().getMessage());
        assertEquals(1, client.counters().commitsGivenUp());
        assertEquals(0, client.prewritesAwaitingCommit());
        assertEquals(0, client.pendingCommits());
    }

    @Test
    void aCommitWithoutAPrewriteIsDroppedAtOnce() {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start();

        CompletableFuture<Void> done = client.writeCommit(commit(77, 78));
        ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(10, SECONDS));
        assertEquals("no pump took a prewrite binlog with start_ts 77", e.getCause().getMessage());
        assertEquals(List.of(), pump.writes());
    }

    @Test
    void aCommitAfterAFailedPrewriteIsDropped() {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start();
        pump.failNext(1, Status.RESOURCE_EXHAUSTED.withDescription("disk full"));
        assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(9)));

        // TiDB records a nil pump for a failed prewrite, so its rollback binlog finds no pump
        assertThrows(ExecutionException.class, () -> client.writeCommit(rollback(9)).get(10, SECONDS));
        assertEquals(1, pump.writes().size());
    }

    // ---- prewrite failures ----

    @Test
    void prewriteFailsOverToAnotherOnlinePumpWhenItsPumpDies() throws Exception {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        PumpsClient client = fx.start();

        p1.stop();
        assertPrewriteSucceeds(client, 50); // tried pump-1 first (Unavailable), then pump-2
        assertEquals(List.of(prewrite(50)), p2.binlogs());
        assertEquals(1, client.counters().pumpSwitches());
        assertEquals(1, client.counters().failedCalls());

        client.writeCommit(commit(50, 51)).get(10, SECONDS);
        assertEquals(List.of(prewrite(50), commit(50, 51)), p2.binlogs());
    }

    @Test
    void prewriteFailsWithTidbsMessageWhenNoPumpTakesIt() {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        Duration writeTimeout = Duration.ofMillis(300);
        PumpsClient client = fx.start(fx.config().withWriteTimeout(writeTimeout));
        p1.stop();
        p2.stop();

        long start = System.nanoTime();
        PumpWriteException e = assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(60)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(e.getMessage().startsWith("write binlog failed, the last error rpc error: code = Unavailable desc = "),
                e.getMessage());
        // the retry loop only gives up once the write timeout has passed
        assertTrue(elapsedMillis >= writeTimeout.toMillis(), "gave up after " + elapsedMillis + " ms");
        assertEquals(1, client.counters().prewritesFailed());
        // retries beyond #available, plus one last-chance call per online pump
        assertTrue(client.counters().failedCalls() >= 2 + 1 + 2, client.counters().toString());
    }

    @Test
    void resourceExhaustedFailsThePrewriteWithoutRetrying() {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        PumpsClient client = fx.start();
        p1.failNext(1, Status.RESOURCE_EXHAUSTED.withDescription("grpc: received message larger than max"));

        PumpWriteException e = assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(70)));
        assertEquals("rpc error: code = ResourceExhausted desc = grpc: received message larger than max",
                e.getMessage());
        assertEquals(1, p1.writes().size());
        assertEquals(List.of(), p2.writes());
    }

    @Test
    void aReplyWithErrmsgIsAFailedWrite() {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        PumpsClient client = fx.start();
        p1.failNextWithErrmsg(1, "no available space, available: 1, StopWriteAtAvailableSpace: 2");

        assertPrewriteSucceeds(client, 80);
        assertEquals(List.of(), p1.binlogs());
        assertFalse(p1.writes().get(0).accepted());
        assertEquals(List.of(prewrite(80)), p2.binlogs());
    }

    @Test
    void aPumpThatRejectsPrewritesWhileNotOnlineIsSkipped() {
        // the registry still says online, but the pump itself is pausing ("no online: pausing")
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        PumpsClient client = fx.start();
        p1.setPumpState(NodeState.PAUSING);

        assertPrewriteSucceeds(client, 90);
        assertEquals("UNKNOWN: no online: pausing", p1.writes().get(0).error());
        assertEquals(List.of(prewrite(90)), p2.binlogs());
    }

    @Test
    void prewritesOfMoreThan100MegabytesGoThrough() {
        RecordingPumpServer pump = fx.onlinePump("pump-1");
        PumpsClient client = fx.start(fx.config().withWriteTimeout(Duration.ofSeconds(60)));
        byte[] big = new byte[101 * 1024 * 1024];
        big[big.length - 1] = 42;
        Binlog binlog = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(1234)
                .setPrewriteKey(ByteString.copyFromUtf8("k")).setPrewriteValue(ByteString.copyFrom(big)).build();
        big = null;

        assertPrewriteSucceeds(client, binlog);
        Binlog stored = pump.binlogs().get(0);
        assertEquals(101 * 1024 * 1024, stored.getPrewriteValue().size());
        assertEquals(42, stored.getPrewriteValue().byteAt(101 * 1024 * 1024 - 1));
        pump.clear();
    }

    // ---- registry watch ----

    @Test
    void aPumpRegisteredLaterIsUsed() {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        PumpsClient client = fx.start();
        assertPrewriteSucceeds(client, 1);

        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        await().atMost(10, SECONDS).until(() -> client.availablePumpIds().contains("pump-2"));
        // the new available set restarts the range cursor at pump-1
        assertPrewriteSucceeds(client, 2);
        assertPrewriteSucceeds(client, 3);
        assertEquals(List.of(1L, 2L), startTsOf(p1.binlogs()));
        assertEquals(List.of(3L), startTsOf(p2.binlogs()));
    }

    @Test
    void aPumpPausedInTheRegistryIsNoLongerSelectedButStillTakesItsCommits() throws Exception {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        PumpsClient client = fx.start();
        assertPrewriteSucceeds(client, 1); // pump-1
        assertPrewriteSucceeds(client, 2); // pump-2

        fx.registry.updateState(NodeKind.PUMP, "pump-2", NodeState.PAUSED); // binlogctl update-pump
        await().atMost(10, SECONDS).until(() -> client.availablePumpIds().equals(Set.of("pump-1")));
        for (long ts = 3; ts <= 6; ts++) {
            assertPrewriteSucceeds(client, ts);
        }
        client.writeCommit(commit(2, 7)).get(10, SECONDS);
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L), startTsOf(p1.binlogs()));
        assertEquals(List.of(prewrite(2), commit(2, 7)), p2.binlogs());

        fx.registry.updateState(NodeKind.PUMP, "pump-2", NodeState.ONLINE);
        await().atMost(10, SECONDS).until(() -> client.availablePumpIds().equals(Set.of("pump-1", "pump-2")));
    }

    @Test
    void aDeletedPumpKeyRemovesThePump() {
        fx.onlinePump("pump-1");
        fx.onlinePump("pump-2");
        PumpsClient client = fx.start();

        fx.registry.delete(NodeKind.PUMP, "pump-2");
        await().atMost(10, SECONDS).until(() -> client.knownPumpIds().equals(Set.of("pump-1")));
        assertEquals(Set.of("pump-1"), client.availablePumpIds());
    }

    // ---- unavailable pumps and the detector ----

    @Test
    void aPumpFailingTooOftenIsDroppedAndTheDetectorBringsItBack() throws Exception {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        int maxErrors = 2;
        // a slow detector, so that it cannot re-admit pump-1 between its removal and the check of it
        PumpsClient client = fx.start(fx.config().withMaxConsecutiveErrors(maxErrors)
                .withDetectInterval(Duration.ofSeconds(1)));
        p1.failNext(maxErrors + 1, Status.UNAVAILABLE.withDescription("pump restarting"));

        // each prewrite tries pump-1 first, fails there and lands on pump-2; the third failure in a row is one too
        // many, so pump-1 leaves the available set
        for (long ts = 1; ts <= maxErrors + 1; ts++) {
            assertPrewriteSucceeds(client, ts);
        }
        assertEquals(Set.of("pump-2"), client.availablePumpIds());
        assertEquals(List.of(1L, 2L, 3L), startTsOf(p2.binlogs()));

        // pump-1 answers again: the next detector round probes it with an empty request and re-admits it
        await().atMost(10, SECONDS).until(() -> client.availablePumpIds().contains("pump-1"));
        assertTrue(p1.acceptedProbes() >= 1);
        RecordingPumpServer.ReceivedWrite probe = p1.writes().stream().filter(w -> w.accepted()).findFirst()
                .orElseThrow();
        assertEquals(0, probe.payloadSize());
        assertEquals(CLUSTER_ID, probe.clusterId());
        assertEquals(List.of(), p1.binlogs(), "a probe is not stored");
        assertEquals(1, client.counters().probesSucceeded());

        assertPrewriteSucceeds(client, 4);
        assertPrewriteSucceeds(client, 5);
        assertEquals(List.of(4L), startTsOf(p1.binlogs()));
    }

    @Test
    void theLastChancePassUsesAnUnavailableOnlinePumpAndReadmitsIt() throws Exception {
        RecordingPumpServer p1 = fx.onlinePump("pump-1");
        RecordingPumpServer p2 = fx.onlinePump("pump-2");
        // the detector is out of the picture: only the last-chance pass can re-admit pump-1
        PumpsClient client = fx.start(fx.config().withMaxConsecutiveErrors(0).withDetectInterval(Duration.ofHours(1))
                .withWriteTimeout(Duration.ofMillis(200)));
        p1.failNext(1, Status.UNAVAILABLE);
        assertPrewriteSucceeds(client, 1);
        assertEquals(Set.of("pump-2"), client.availablePumpIds());

        p2.stop();
        assertPrewriteSucceeds(client, 2);
        assertEquals(List.of(2L), startTsOf(p1.binlogs()));
        assertTrue(client.availablePumpIds().contains("pump-1"));
    }

    @Test
    void pumpsAreReachedOverTlsWithTheConfiguredFiles() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        RecordingPumpServer pump = fx.register(RecordingPumpServer.startTls("pump-tls", CLUSTER_ID, certs));
        PumpsClient client = fx.start(fx.config().withPumpTls(
                new TlsFiles(certs.caCert(), certs.clientCert(), certs.clientKey())));

        assertPrewriteSucceeds(client, 3);
        client.writeCommit(commit(3, 4)).get(10, SECONDS);
        assertEquals(List.of(prewrite(3), commit(3, 4)), pump.binlogs());
    }

    @Test
    void aPlainTextClientCannotWriteToATlsPump() {
        RecordingPumpServer pump = fx.register(RecordingPumpServer.startTls("pump-tls", CLUSTER_ID,
                TestCertificates.shared()));
        PumpsClient client = fx.start(fx.config().withWriteTimeout(Duration.ofMillis(200)));
        assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(3)));
        assertEquals(List.of(), pump.writes());
    }

    @Test
    void argumentsOfTheWrongBinlogTypeAreRejected() {
        fx.onlinePump("pump-1");
        PumpsClient client = fx.start();
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> client.writePrewrite(commit(1, 2)));
        assertTrue(p.getMessage().contains("needs a Prewrite binlog, got Commit"), p.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> client.writeCommit(prewrite(1)));
        assertTrue(c.getMessage().contains("needs a Commit or Rollback binlog, got Prewrite"), c.getMessage());
    }

    private static void assertPrewriteSucceeds(PumpsClient client, long startTs) {
        assertPrewriteSucceeds(client, prewrite(startTs));
    }

    private static void assertPrewriteSucceeds(PumpsClient client, Binlog binlog) {
        try {
            client.writePrewrite(binlog);
        } catch (PumpWriteException e) {
            throw new AssertionError("prewrite of start_ts " + binlog.getStartTs() + " failed: " + e.getMessage(), e);
        }
    }
}
