package io.tidbbinlog.sim.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.pd.PdException;
import io.tidbbinlog.pd.Tso;
import io.tidbbinlog.proto.pdpb.GetMembersRequest;
import io.tidbbinlog.proto.pdpb.GetMembersResponse;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.TsoResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** PD behaviour from pingcap/pd {@code server/grpc_service.go} (GetMembers, Tso) and {@code pkg/tso/tso.go}. */
class PdServerTest {

    private final List<ManagedChannel> channels = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    @Test
    void pdClientLearnsTheClusterIdAndGetsStrictlyIncreasingTimestamps() {
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory());
             PdClient client = PdClient.connect(pd.url())) {
            assertEquals(pd.clusterId(), client.clusterId());
            assertEquals(pd.url(), client.leaderUrl());
            long previous = 0;
            for (int i = 0; i < 200; i++) {
                long ts = client.getTs();
                assertTrue(ts > previous, "timestamp " + ts + " after " + previous);
                previous = ts;
            }
            long skew = Math.abs(Tso.physical(previous) - System.currentTimeMillis());
            assertTrue(skew < 60_000, "physical part follows the wall clock, off by " + skew + " ms");
        }
    }

    @Test
    void getMembersNamesItselfAsTheOnlyMemberAndLeaderWithoutCheckingTheClusterId() {
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory())) {
            GetMembersResponse r = PDGrpc.newBlockingStub(channel(pd)).getMembers(GetMembersRequest.newBuilder()
                    .setHeader(io.tidbbinlog.proto.pdpb.RequestHeader.newBuilder().setClusterId(12345)).build());

            assertEquals(pd.clusterId(), r.getHeader().getClusterId());
            assertFalse(r.getHeader().hasError());
            assertEquals(1, r.getMembersCount());
            assertEquals(r.getMembers(0), r.getLeader());
            assertEquals(r.getLeader(), r.getEtcdLeader());
            assertEquals("pd", r.getLeader().getName());
            assertEquals(pd.memberId(), r.getLeader().getMemberId());
            assertEquals(List.of(pd.url()), r.getLeader().getClientUrlsList());
            assertEquals(List.of(pd.url()), r.getLeader().getPeerUrlsList());
            assertEquals("http://127.0.0.1:" + pd.port(), pd.url());
        }
    }

    @Test
    void clusterIdIsUnixSecondsAboveARandomLowHalf() {
        MutableClock clock = new MutableClock(1_700_000_000_123L);
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withClock(clock))) {
            assertEquals(1_700_000_000L, pd.clusterId() >>> 32);
        }
    }

    @Test
    void manyConcurrentClientsNeverSeeTheSameTimestamp() throws Exception {
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory())) {
            Set<Long> seen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<PdClient> clients = new ArrayList<>();
            try {
                for (int c = 0; c < 4; c++) {
                    clients.add(PdClient.connect(pd.url()));
                }
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    PdClient client = clients.get(t % clients.size());
                    results.add(pool.submit(() -> {
                        long previous = 0;
                        for (int i = 0; i < 500; i++) {
                            long ts = client.getTs();
                            assertTrue(ts > previous, "one thread's timestamps increase");
                            previous = ts;
                            assertTrue(seen.add(ts), "timestamp " + ts + " handed out twice");
                        }
                        return 500;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : results) {
                    total += f.get(60, TimeUnit.SECONDS);
                }
                assertEquals(8 * 500, total);
                assertEquals(total, seen.size());
            } finally {
                pool.shutdownNow();
                clients.forEach(PdClient::close);
            }
        }
    }

    @Test
    void aBatchReservesItsWholeRangeAndNamesTheLastTimestamp() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withClock(clock));
             TsoStream stream = new TsoStream(channel(pd))) {
            TsoResponse first = stream.timestamps(pd.clusterId(), 1);
            TsoResponse batch = stream.timestamps(pd.clusterId(), 100);
            TsoResponse after = stream.timestamps(pd.clusterId(), 1);

            assertEquals(1, first.getCount());
            assertEquals(100, batch.getCount());
            assertEquals(pd.clusterId(), batch.getHeader().getClusterId());
            long firstTs = compose(first);
            long lastOfBatch = compose(batch);
            // the clock stood still: the batch is the 100 timestamps right after the first one
            assertEquals(firstTs + 100, lastOfBatch);
            assertEquals(lastOfBatch + 1, compose(after));
            // a fresh millisecond starts at logical 0, which PD never hands out
            assertEquals(1, first.getTimestamp().getLogical());
            assertEquals(1_700_000_000_000L, first.getTimestamp().getPhysical());
        }
    }

    @Test
    void whenTheLogicalPartWouldOverflowPhysicalTimeMovesAhead() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withClock(clock));
             TsoStream stream = new TsoStream(channel(pd))) {
            int max = (int) Tso.MAX_LOGICAL;
            TsoResponse full = stream.timestamps(pd.clusterId(), max);
            TsoResponse next = stream.timestamps(pd.clusterId(), 2);

            assertEquals(1_700_000_000_000L, full.getTimestamp().getPhysical());
            assertEquals(Tso.MAX_LOGICAL, full.getTimestamp().getLogical());
            assertEquals(1_700_000_000_001L, next.getTimestamp().getPhysical());
            assertEquals(2, next.getTimestamp().getLogical());
            assertTrue(compose(next) > compose(full));
        }
    }

    @Test
    void aClockThatGoesBackWhileServingDoesNotMakeTimestampsGoBack() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withClock(clock));
             TsoStream stream = new TsoStream(channel(pd))) {
            long before = compose(stream.timestamps(pd.clusterId(), 1));
            clock.set(1_699_999_000_000L);
            TsoResponse after = stream.timestamps(pd.clusterId(), 1);

            assertEquals(1_700_000_000_000L, after.getTimestamp().getPhysical(), "physical time waits for the clock");
            assertTrue(compose(after) > before);
        }
    }

    @Test
    void aForeignClusterIdEndsTheStreamWithFailedPrecondition() throws Exception {
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory());
             TsoStream stream = new TsoStream(channel(pd))) {
            Object answer = stream.ask(pd.clusterId() + 1, 1);

            Status status = Status.fromThrowable(assertInstanceOf(Throwable.class, answer));
            assertEquals(Status.Code.FAILED_PRECONDITION, status.getCode());
            assertEquals("mismatch cluster id, need " + Long.toUnsignedString(pd.clusterId()) + " but got "
                    + Long.toUnsignedString(pd.clusterId() + 1), status.getDescription());
        }
    }

    @Test
    void countZeroIsRefusedWithPdsGenerateTimestampError() throws Exception {
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory());
             TsoStream stream = new TsoStream(channel(pd))) {
            Object answer = stream.ask(pd.clusterId(), 0);

            Status status = Status.fromThrowable(assertInstanceOf(Throwable.class, answer));
            assertEquals(Status.Code.UNKNOWN, status.getCode());
            assertEquals("[PD:tso:ErrGenerateTimestamp]generate timestamp failed, tso count should be positive",
                    status.getDescription());
        }
    }

    @Test
    void aRestartOnTheSameDirKeepsTheClusterIdAndStaysAboveEverythingServedEvenWhenTheClockWentBack()
            throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        PdServerConfig config = PdServerConfig.persistent(dir.resolve("pd")).withClock(clock);
        long clusterId;
        long memberId;
        long highest = 0;
        try (PdServer pd = PdServer.start(config);
             TsoStream stream = new TsoStream(channel(pd))) {
            clusterId = pd.clusterId();
            memberId = pd.memberId();
            for (int i = 0; i < 50; i++) {
                clock.advance(100);
                highest = Math.max(highest, compose(stream.timestamps(clusterId, 10)));
            }
        }
        assertTrue(Files.exists(dir.resolve("pd").resolve(FilePdStateStore.STATE_FILE)));

        clock.set(1_600_000_000_000L); // the wall clock went back by more than a day
        try (PdServer pd = PdServer.start(config);
             TsoStream stream = new TsoStream(channel(pd))) {
            assertEquals(clusterId, pd.clusterId());
            assertEquals(memberId, pd.memberId());
            long previous = highest;
            for (int i = 0; i < 20; i++) {
                long ts = compose(stream.timestamps(clusterId, 1 + i));
                assertTrue(ts > previous, ts + " must be above " + previous);
                previous = ts;
            }
        }
    }

    @Test
    void aPdClientRidesThroughARestartOnTheSamePortAndDir() {
        PdServerConfig config = PdServerConfig.persistent(dir.resolve("pd"));
        PdServer pd = PdServer.start(config);
        PdServerConfig samePort = config.withPort(pd.port());
        try (PdClient client = PdClient.connect(pd.url())) {
            long before = client.getTs();
            long clusterId = pd.clusterId();
            pd.close();
            pd = PdServer.start(samePort);

            assertEquals(clusterId, pd.clusterId());
            long after = client.getTs();
            assertTrue(after > before, after + " after the restart must be above " + before);
        } finally {
            pd.close();
        }
    }

    @Test
    void aPdClientHearsAtOnceWhenAnotherClusterNowAnswersAtItsAddress() {
        PdServer pd = PdServer.start(PdServerConfig.inMemory());
        PdServerConfig samePort = PdServerConfig.inMemory().withPort(pd.port());
        try (PdClient client = PdClient.connect(pd.url())) {
            client.getTs();
            pd.close();
            pd = PdServer.start(samePort); // in memory: a new cluster id
            long start = System.nanoTime();
            PdException e = assertThrows(PdException.class, client::getTs);
            assertTrue(e.getMessage().contains("mismatch cluster id"), e.getMessage());
            // Not retried until the client's 10 s request timeout: PD's refusal is final.
            assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(5),
                    "refused at once");
        } finally {
            pd.close();
        }
    }

    @Test
    void timestampsPastTheSavedWindowAreSavedBeforeTheyAreServed() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        PdServerConfig config = PdServerConfig.persistent(dir.resolve("pd")).withClock(clock);
        try (PdServer pd = PdServer.start(config);
             TsoStream stream = new TsoStream(channel(pd))) {
            for (int i = 0; i < 40; i++) {
                clock.advance(997);
                long physical = stream.timestamps(pd.clusterId(), 1).getTimestamp().getPhysical();
                long saved = savedBound(dir.resolve("pd"));
                assertTrue(physical < saved, "served physical " + physical + " below the saved bound " + saved);
            }
        }
    }

    @Test
    void differentDirsAreDifferentClustersAndOneDirServesOneServer() {
        try (PdServer a = PdServer.start(PdServerConfig.persistent(dir.resolve("a")));
             PdServer b = PdServer.start(PdServerConfig.persistent(dir.resolve("b")))) {
            assertNotEquals(a.clusterId(), b.clusterId());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PdServer.start(PdServerConfig.persistent(dir.resolve("a"))).close());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void aCorruptStateFileIsReportedByName() throws Exception {
        Path pdDir = dir.resolve("pd");
        Files.createDirectories(pdDir);
        Files.writeString(pdDir.resolve(FilePdStateStore.STATE_FILE), "cluster-id=abc\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PdServer.start(PdServerConfig.persistent(pdDir)).close());
        assertTrue(e.getMessage().contains("pd-state"), e.getMessage());
    }

    @Test
    void inMemoryServersStartFreshEachTime() {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            try (PdServer pd = PdServer.start(PdServerConfig.inMemory())) {
                ids.add(pd.clusterId());
            }
        }
        assertEquals(3, ids.size());
    }

    private static long savedBound(Path pdDir) throws Exception {
        for (String line : Files.readAllLines(pdDir.resolve(FilePdStateStore.STATE_FILE))) {
            if (line.startsWith("tso-saved-physical-ms=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1));
            }
        }
        throw new AssertionError("no saved bound");
    }

    private static long compose(TsoResponse r) {
        return Tso.compose(r.getTimestamp().getPhysical(), r.getTimestamp().getLogical());
    }

    private ManagedChannel channel(PdServer pd) {
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", pd.port()).usePlaintext().build();
        channels.add(c);
        return c;
    }
}
